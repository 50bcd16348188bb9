#include "write/hpdf_internals.hpp"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>

#include <hpdf_streams.h>

#include <memory>
#include <utility>
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

// A libharu stream that appends what is written to it to a std::string (its attr).
HPDF_STATUS append_to_string(HPDF_Stream stream, const HPDF_BYTE* bytes, HPDF_UINT size) {
    static_cast<std::string*>(stream->attr)->append(reinterpret_cast<const char*>(bytes), size);
    return HPDF_OK;
}

bool is_reserved(void* obj) {
    return (static_cast<HPDF_Obj_Header*>(obj)->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_NULL;
}

bool is_stream(void* obj) {
    const auto* header = static_cast<HPDF_Obj_Header*>(obj);
    return (header->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT && static_cast<HPDF_Dict>(obj)->stream != nullptr;
}

// The trailer's entries as libharu's PrepareTrailer and WriteTrailer make them, but /Size,
// which the cross-reference stream states itself.
bool trailer_entries(HPDF_Doc doc, HPDF_Stream to) {
    HPDF_Dict trailer = doc->xref->trailer;
    if (HPDF_Dict_Add(trailer, "Root", doc->catalog) != HPDF_OK || HPDF_Dict_Add(trailer, "Info", doc->info) != HPDF_OK) return false;
    for (HPDF_UINT i = 0; i < trailer->list->count; ++i) {
        auto* element = static_cast<HPDF_DictElement>(HPDF_List_ItemAt(trailer->list, i));
        if (HPDF_Stream_WriteStr(to, i == 0 ? "" : " ") != HPDF_OK || HPDF_Stream_WriteEscapeName(to, element->key) != HPDF_OK ||
            HPDF_Stream_WriteChar(to, ' ') != HPDF_OK || HPDF_Obj_Write(element->value, to, nullptr) != HPDF_OK) {
            return false;
        }
    }
    return true;
}

}  // namespace

bool save_objects(HPDF_Doc doc, SavedDocument& saved, const std::vector<pdf::WrittenObject>& written) {
    HPDF_Xref xref = doc->xref;
    if (xref->prev != nullptr || xref->start_offset != 0) throw std::logic_error("libharu: a document of more than one section");
    std::string bytes;
    std::unique_ptr<HPDF_Stream_Rec, void (*)(HPDF_Stream)> to(HPDF_CallbackWriter_New(doc->mmgr, append_to_string, &bytes),
                                                               HPDF_Stream_Free);
    if (!to) return false;
    auto next_written = written.begin();
    for (HPDF_UINT i = 1; i < xref->entries->count; ++i) {
        auto* entry = static_cast<HPDF_XrefEntry>(HPDF_List_ItemAt(xref->entries, i));
        if (next_written != written.end() && next_written->number == static_cast<int>(i)) {
            saved.objects.push_back(*next_written++);
            continue;
        }
        if (is_reserved(entry->obj)) throw std::logic_error("an object number reserved and not written");
        bytes.clear();
        if (HPDF_Obj_WriteValue(entry->obj, to.get(), nullptr) != HPDF_OK) return false;
        saved.objects.push_back({static_cast<int>(i), std::exchange(bytes, {}), is_stream(entry->obj)});
    }
    if (next_written != written.end()) throw std::logic_error("an object written that was not reserved");
    bytes.clear();
    if (!trailer_entries(doc, to.get())) return false;
    saved.trailer = bytes;
    return true;
}

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

void deflate_when_saved(HPDF_Dict stream) { stream->filter = HPDF_STREAM_FILTER_FLATE_DECODE; }

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

void* reserve_object(HPDF_Doc doc) {
    HPDF_Null n = HPDF_Null_New(doc->mmgr);
    if (!n || HPDF_Xref_Add(doc->xref, n) != HPDF_OK) throw std::runtime_error("libharu: cannot create an object");
    return n;
}

int object_number(const void* object) {
    const auto* header = static_cast<const HPDF_Obj_Header*>(object);
    if (!(header->obj_id & HPDF_OTYPE_INDIRECT)) throw std::logic_error("libharu: a direct object has no number");
    return static_cast<int>(header->obj_id & 0x00FFFFFF);
}

}  // namespace yoshiki::write::hpdf
