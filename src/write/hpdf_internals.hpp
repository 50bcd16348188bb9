// The few places where yoshiki reaches past libharu's public API into its structures: the
// content stream of a page, the document's object table, catalog, info and trailer, and a
// stream's filter. They are the same in libharu 2.3.0 and 2.4; tests/unit/write checks them so
// that a change of the library under us fails loudly instead of writing a broken PDF.
#pragma once

#include <hpdf.h>

#include <string>
#include <string_view>
#include <vector>

#include "pdf/file_writer.hpp"

namespace yoshiki::write::hpdf {

HPDF_MMgr mmgr(HPDF_Doc doc);
HPDF_Dict catalog(HPDF_Doc doc);
HPDF_Dict trailer(HPDF_Doc doc);
// The Info dictionary (created by setting the creation date first).
HPDF_Dict info(HPDF_Doc doc);

// Sets a page's content stream to operators already deflated by the caller (libharu would
// otherwise keep them uncompressed in memory until the whole document is saved).
void set_deflated_content(HPDF_Page page, std::string_view deflated);

// A new indirect stream object holding bytes as they are.
HPDF_Dict new_stream(HPDF_Doc doc, std::string_view bytes);
// A new indirect stream object holding bytes the caller deflated (at a level of its choosing).
HPDF_Dict new_deflated_stream(HPDF_Doc doc, std::string_view deflated);

// Has libharu deflate a stream it holds uncompressed (an image's soft mask, which its PNG loader
// leaves so whatever the document's compression mode) when the document is saved.
void deflate_when_saved(HPDF_Dict stream);

// Declares the document PDF 1.7 (ISO 32000-1), the version tagged PDF/UA-1 and PDF/A-3 files
// are read by. libharu raises the version only for features of its own (encryption).
void set_version_1_7(HPDF_Doc doc);

// A new indirect dictionary.
HPDF_Dict new_indirect_dict(HPDF_Doc doc);

// A number in the document's object table for an object yoshiki writes itself (structure
// elements): a placeholder libharu's dictionaries can refer to, its body handed to
// save_objects. Returns the placeholder (an indirect null).
void* reserve_object(HPDF_Doc doc);
// The object number of an indirect object of libharu's (a page, an annotation, a placeholder).
int object_number(const void* object);

// The document as libharu would save it, for yoshiki's own file writer (pdf/file_writer.hpp):
// every object's body in number order, written by libharu itself as HPDF_SaveToStream would,
// and the trailer's entries (/Root, /Info, and what the writer added: /ID). False when libharu
// fails (its error handler has the reason). `written`: the bodies of reserved objects, in
// number order; a reserved object without one is an error (std::logic_error).
struct SavedDocument {
    std::vector<pdf::WrittenObject> objects;
    std::string trailer;
};
bool save_objects(HPDF_Doc doc, SavedDocument& saved, const std::vector<pdf::WrittenObject>& written = {});

}  // namespace yoshiki::write::hpdf
