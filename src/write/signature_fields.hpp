// The signature fields of a final document (the approval boxes, 決裁欄): an interactive form
// (AcroForm, PDF 32000-1, 12.7) of empty signature fields (12.7.4.5), each merged with its widget
// annotation (12.5.6.19); a box shown on several sheets (an approval block on each) is a field
// on each, kids of the approver's field (町長.1, 町長.2 …, 12.7.3.1). Each widget is printed, has an appearance (PDF/A-3, 6.3.3), and is tagged:
// a Form element whose kid is the widget, /StructParent, and the page's /Tabs /S (PDF/UA-1, 7.18).
// `yoshiki sign` fills the fields in order by incremental updates (src/sign).
#pragma once

#include <hpdf.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "paginate/paged_document.hpp"

namespace yoshiki::write {

class StructureTree;

class SignatureFields {
public:
    explicit SignatureFields(HPDF_Doc doc) : doc_(doc) {}

    // A document's fields before its pages: which of them show on more than one page.
    void begin_part(const paginate::PagedDocument& part);

    // The widgets of one page's fields, in approval order. structure: null when untagged.
    void add_page(HPDF_Page page, double page_height, const std::vector<paginate::SignatureField>& fields,
                  StructureTree* structure);
    // The interactive form in the catalog, its fields in approval order: the order they are signed.
    void finish(HPDF_Dict catalog);

private:
    HPDF_Dict empty_appearance(double w, double h);
    // The widget of `f` made a field: named, and placed in the form.
    void name_field(const paginate::SignatureField& f, HPDF_Dict widget);

    HPDF_Doc doc_;
    HPDF_Array fields_ = nullptr;
    std::map<std::pair<long, long>, HPDF_Dict> appearances_;  // by size, in hundredths of a point
    // The approvers whose box is shown on several sheets: their fields, made when first shown.
    struct Parent {
        HPDF_Dict field = nullptr;
        HPDF_Array kids = nullptr;
        int shown = 0;
    };
    std::map<std::string, Parent> parents_;
};

}  // namespace yoshiki::write
