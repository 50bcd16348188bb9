#include "write/signature_fields.hpp"

#include <algorithm>
#include <cmath>

#include "write/hpdf_internals.hpp"
#include "pdf/syntax.hpp"
#include "write/structure_tree.hpp"

namespace yoshiki::write {

namespace {

// A text string: ASCII as it is, anything else as UTF-16BE with its byte order mark.
void* text_string(HPDF_Doc doc, const std::string& utf8) {
    bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
    if (ascii) return HPDF_String_New(hpdf::mmgr(doc), utf8.c_str(), nullptr);
    std::string bytes = "\xFE\xFF" + pdf::utf16be(utf8);
    return HPDF_Binary_New(hpdf::mmgr(doc), reinterpret_cast<HPDF_BYTE*>(bytes.data()), static_cast<HPDF_UINT>(bytes.size()));
}

HPDF_REAL real(double v) { return static_cast<HPDF_REAL>(std::round(v * 100.0) / 100.0); }

// Annotation flag Print (PDF 32000-1, 12.5.3): PDF/A asks every annotation to be printed.
constexpr HPDF_INT32 print_flag = 4;

}  // namespace

// An empty field draws nothing of its own (the box is part of the page): its appearance is an
// empty form XObject of its size, one per size, which PDF/A asks for all the same.
HPDF_Dict SignatureFields::empty_appearance(double w, double h) {
    auto key = std::make_pair(std::lround(w * 100), std::lround(h * 100));
    auto it = appearances_.find(key);
    if (it != appearances_.end()) return it->second;
    HPDF_Dict xobject = hpdf::new_stream(doc_, "");
    HPDF_Dict_AddName(xobject, "Type", "XObject");
    HPDF_Dict_AddName(xobject, "Subtype", "Form");
    HPDF_Array bbox = HPDF_Array_New(hpdf::mmgr(doc_));
    for (double v : {0.0, 0.0, w, h}) HPDF_Array_AddReal(bbox, real(v));
    HPDF_Dict_Add(xobject, "BBox", bbox);
    HPDF_Dict_Add(xobject, "Resources", HPDF_Dict_New(hpdf::mmgr(doc_)));
    appearances_.emplace(key, xobject);
    return xobject;
}

void SignatureFields::begin_part(const paginate::PagedDocument& part) {
    std::map<std::string, int> pages;
    for (const paginate::Page& page : part.pages) {
        for (const paginate::SignatureField& f : page.fields) ++pages[f.name];
    }
    parents_.clear();
    for (const auto& [name, count] : pages) {
        if (count > 1) parents_.emplace(name, Parent{});
    }
}

// A box shown once is a field merged with its widget, in /Fields. A box shown on several sheets is
// a field of its own on each, a kid of the approver's field: 町長.1, 町長.2 … (12.7.3.2), each
// signed (a signature is a field's value, and viewers show a field's value in its own widgets only).
void SignatureFields::name_field(const paginate::SignatureField& f, HPDF_Dict widget) {
    HPDF_Dict_AddName(widget, "FT", "Sig");
    auto it = parents_.find(f.name);
    if (it == parents_.end()) {
        HPDF_Dict_Add(widget, "T", text_string(doc_, f.name));
        HPDF_Dict_Add(widget, "TU", text_string(doc_, f.description));
        HPDF_Array_Add(fields_, widget);
        return;
    }
    Parent& parent = it->second;
    if (!parent.field) {
        parent.field = hpdf::new_indirect_dict(doc_);
        HPDF_Dict_AddName(parent.field, "FT", "Sig");
        HPDF_Dict_Add(parent.field, "T", text_string(doc_, f.name));
        HPDF_Dict_Add(parent.field, "TU", text_string(doc_, f.description));
        parent.kids = HPDF_Array_New(hpdf::mmgr(doc_));
        HPDF_Dict_Add(parent.field, "Kids", parent.kids);
        HPDF_Array_Add(fields_, parent.field);
    }
    const std::string number = std::to_string(++parent.shown);
    HPDF_Dict_Add(widget, "T", text_string(doc_, number));
    HPDF_Dict_Add(widget, "TU", text_string(doc_, f.description + " (" + number + ")"));
    HPDF_Dict_Add(widget, "Parent", parent.field);
    HPDF_Array_Add(parent.kids, widget);
}

void SignatureFields::add_page(HPDF_Page page, double page_height, const std::vector<paginate::SignatureField>& fields,
                               StructureTree* structure) {
    if (fields.empty()) return;
    HPDF_MMgr mm = hpdf::mmgr(doc_);
    if (!fields_) fields_ = HPDF_Array_New(mm);
    HPDF_Array annots = HPDF_Array_New(mm);
    for (const paginate::SignatureField& f : fields) {
        HPDF_Dict widget = hpdf::new_indirect_dict(doc_);
        HPDF_Dict_AddName(widget, "Type", "Annot");
        HPDF_Dict_AddName(widget, "Subtype", "Widget");
        name_field(f, widget);
        HPDF_Dict_AddNumber(widget, "F", print_flag);
        HPDF_Array rect = HPDF_Array_New(mm);
        for (double v : {f.x, page_height - f.y - f.h, f.x + f.w, page_height - f.y}) HPDF_Array_AddReal(rect, real(v));
        HPDF_Dict_Add(widget, "Rect", rect);
        HPDF_Dict_Add(widget, "P", page);
        HPDF_Dict ap = HPDF_Dict_New(mm);
        HPDF_Dict_Add(ap, "N", empty_appearance(f.w, f.h));
        HPDF_Dict_Add(widget, "AP", ap);
        if (structure && f.node >= 0) HPDF_Dict_AddNumber(widget, "StructParent", structure->annotation(f.node, widget, page));
        HPDF_Array_Add(annots, widget);
    }
    HPDF_Dict_Add(page, "Annots", annots);
    // Tab order by structure, as PDF/UA asks of a page with annotations.
    HPDF_Dict_AddName(page, "Tabs", "S");
}

void SignatureFields::finish(HPDF_Dict catalog) {
    if (!fields_) return;
    // An indirect form: a signature's update rewrites it (SigFlags) without rewriting the catalog.
    HPDF_Dict form = hpdf::new_indirect_dict(doc_);
    HPDF_Dict_Add(form, "Fields", fields_);
    HPDF_Dict_Add(catalog, "AcroForm", form);
}

}  // namespace yoshiki::write
