// The structure tree of a tagged PDF (PDF 32000-1, 14.7; PDF/UA-1): one structure element per
// node of each part's bind::Structure, the marked content of the pages as their content, the
// parent tree that leads back from content to element, and the IDs table cells name as headers.
// The elements are written as the parts come, as PDF syntax of their own (the file writer takes
// them as they are): a libharu dictionary costs a kilobyte and a dozen allocations an element,
// a written one its few dozen bytes. libharu only numbers them, so that its pages and
// annotations and these elements refer to each other.
#pragma once

#include <hpdf.h>

#include <string>
#include <utility>
#include <vector>

#include "bind/structure.hpp"
#include "pdf/file_writer.hpp"

namespace yoshiki::write {

class StructureTree {
public:
    // combined: a print document, whose parts each become a Part under one Document.
    StructureTree(HPDF_Doc doc, bool combined) : doc_(doc), combined_(combined) {}

    // Before a part's pages: its nodes become elements.
    void begin_part(const bind::Structure& structure);
    // Content of a node starts on a page: returns its marked-content id there.
    int mark(int node, HPDF_Page page);
    // An annotation on a page (a signature field's widget, a link) is the content of a node: an
    // object reference among its kids. Returns the annotation's /StructParent, its key in the
    // parent tree.
    int annotation(int node, HPDF_Dict annot, HPDF_Page page);
    // After each page of the part.
    void end_page(HPDF_Page page);
    // After the part's last page: the elements are written, with their kids, attributes and
    // parents. A front part (a print document's table of contents) is read before the parts
    // added so far.
    void end_part(bool front = false);
    // The tree's root in the catalog, with the parent tree and the ID tree.
    void finish(HPDF_Dict catalog);
    // The objects the tree wrote, in number order: the bodies of the numbers libharu reserved.
    const std::vector<pdf::WrittenObject>& objects() const { return written_; }

private:
    int element(int node) const { return elements_[static_cast<std::size_t>(node)]; }
    std::string element_body(int node, int parent);
    void put_kids(std::string& out, int node);
    void put_attributes(std::string& out, int node);
    void write(int number, std::string body);

    HPDF_Doc doc_;
    bool combined_;
    void* root_ = nullptr;  // StructTreeRoot: reserved in libharu, the catalog's to refer to
    int root_number_ = 0;
    int document_ = 0;      // the Document element of a print document
    std::string parent_nums_;  // the parent tree's /Nums, as written: key, value, …
    int parts_ = 0;
    int next_struct_parents_ = 0;
    std::vector<int> front_parts_, parts_in_order_;        // the Part elements of a print document
    std::vector<std::pair<std::string, int>> ids_;          // element identifiers, for the IDTree
    std::vector<pdf::WrittenObject> written_;

    // The part being added: element numbers, and content by node as (page, MCID) and
    // (page, annotation), all by object number.
    const bind::Structure* structure_ = nullptr;
    std::vector<int> elements_;
    std::vector<std::vector<std::pair<int, int>>> content_;
    std::vector<std::vector<std::pair<int, int>>> objects_;
    std::vector<int> page_parents_;  // the element of each MCID of the current page
};

}  // namespace yoshiki::write
