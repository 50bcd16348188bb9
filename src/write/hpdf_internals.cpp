#include "write/hpdf_internals.hpp"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>

#include <stdexcept>

namespace yoshiki::write::hpdf {

HPDF_MMgr mmgr(HPDF_Doc doc) { return doc->mmgr; }
HPDF_Dict catalog(HPDF_Doc doc) { return doc->catalog; }
HPDF_Dict trailer(HPDF_Doc doc) { return doc->xref->trailer; }
HPDF_Dict info(HPDF_Doc doc) { return doc->info; }

namespace {

// libharu drops a /Filter key from a stream it does not filter itself, but calls a dictionary's
// write_fn after its keys: the one place to name the filter of bytes deflated beforehand.
HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream stream) {
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

}  // namespace

void set_deflated_content(HPDF_Page page, std::string_view deflated) {
    auto* attr = static_cast<HPDF_PageAttr>(page->attr);
    if (attr->contents->write_fn != nullptr) throw std::runtime_error("libharu: a content stream with its own writer");
    attr->contents->filter = HPDF_STREAM_FILTER_NONE;
    attr->contents->write_fn = write_flate_filter;
    if (HPDF_Stream_Write(attr->stream, reinterpret_cast<const HPDF_BYTE*>(deflated.data()),
                          static_cast<HPDF_UINT>(deflated.size())) != HPDF_OK) {
        throw std::runtime_error("libharu: cannot write the page content");
    }
}

HPDF_Dict new_stream(HPDF_Doc doc, std::string_view bytes) {
    HPDF_Dict s = HPDF_DictStream_New(doc->mmgr, doc->xref);
    if (!s || HPDF_Stream_Write(s->stream, reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                                static_cast<HPDF_UINT>(bytes.size())) != HPDF_OK) {
        throw std::runtime_error("libharu: cannot write a stream");
    }
    return s;
}

HPDF_Dict new_deflated_stream(HPDF_Doc doc, std::string_view deflated) {
    HPDF_Dict s = new_stream(doc, deflated);
    s->write_fn = write_flate_filter;
    return s;
}

void set_version_1_7(HPDF_Doc doc) { doc->pdf_version = HPDF_VER_17; }

HPDF_Dict new_indirect_dict(HPDF_Doc doc) {
    HPDF_Dict d = HPDF_Dict_New(doc->mmgr);
    if (!d || HPDF_Xref_Add(doc->xref, d) != HPDF_OK) throw std::runtime_error("libharu: cannot create an object");
    return d;
}

}  // namespace yoshiki::write::hpdf
