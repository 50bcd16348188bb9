// The structure tree of a tagged PDF (PDF 32000-1, 14.7; PDF/UA-1): one structure element per
// node of each part's bind::Structure, the marked content of the pages as their content, the
// parent tree that leads back from content to element, and the IDs table cells name as headers.
// Written with libharu's object API as the parts come, so a part can be freed once it is added.
#pragma once

#include <hpdf.h>

#include <string>
#include <utility>
#include <vector>

#include "bind/structure.hpp"

namespace yoshiki::write {

class StructureTree {
public:
    // combined: a print document, whose parts each become a Part under one Document.
    StructureTree(HPDF_Doc doc, bool combined) : doc_(doc), combined_(combined) {}

    // Before a part's pages: its nodes become elements.
    void begin_part(const bind::Structure& structure);
    // Content of a node starts on a page: returns its marked-content id there.
    int mark(int node, HPDF_Page page);
    // An annotation on a page (a signature field's widget) is the content of a node: an object
    // reference among its kids. Returns the annotation's /StructParent, its key in the parent tree.
    int annotation(int node, HPDF_Dict annot, HPDF_Page page);
    // After each page of the part.
    void end_page(HPDF_Page page);
    // After the part's last page: the elements get their kids, attributes and parents. A front
    // part (a print document's table of contents) is read before the parts added so far.
    void end_part(bool front = false);
    // The tree's root in the catalog, with the parent tree and the ID tree.
    void finish(HPDF_Dict catalog);

private:
    HPDF_Dict element(int node) const { return elements_[static_cast<std::size_t>(node)]; }
    void write_kids(int node);
    void write_attributes(int node);

    HPDF_Doc doc_;
    bool combined_;
    HPDF_Dict root_ = nullptr;      // StructTreeRoot
    HPDF_Dict document_ = nullptr;  // the Document element of a print document
    HPDF_Array parent_nums_ = nullptr;
    int parts_ = 0;
    int next_struct_parents_ = 0;
    std::vector<HPDF_Dict> front_parts_, parts_in_order_;  // the Part elements of a print document
    std::vector<std::pair<std::string, HPDF_Dict>> ids_;  // element identifiers, for the IDTree

    // The part being added.
    const bind::Structure* structure_ = nullptr;
    std::vector<HPDF_Dict> elements_;
    std::vector<std::vector<std::pair<HPDF_Page, int>>> content_;  // per node: (page, MCID)
    std::vector<std::vector<std::pair<HPDF_Page, HPDF_Dict>>> objects_;  // per node: (page, annotation)
    std::vector<HPDF_Dict> page_parents_;  // the element of each MCID of the current page
};

}  // namespace yoshiki::write
