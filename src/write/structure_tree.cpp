#include "write/structure_tree.hpp"

#include <algorithm>
#include <set>

#include "write/hpdf_internals.hpp"

namespace yoshiki::write {

namespace {

HPDF_Array array_of(HPDF_Doc doc) { return HPDF_Array_New(hpdf::mmgr(doc)); }

}  // namespace

void StructureTree::begin_part(const bind::Structure& structure) {
    if (!root_) {
        root_ = hpdf::new_indirect_dict(doc_);
        HPDF_Dict_AddName(root_, "Type", "StructTreeRoot");
        parent_nums_ = array_of(doc_);
        if (combined_) {
            document_ = hpdf::new_indirect_dict(doc_);
            HPDF_Dict_AddName(document_, "S", "Document");
            HPDF_Dict_Add(document_, "P", root_);
            HPDF_Dict_Add(root_, "K", document_);
        }
    }
    structure_ = &structure;
    elements_.clear();
    for (std::size_t i = 0; i < structure.nodes.size(); ++i) elements_.push_back(hpdf::new_indirect_dict(doc_));
    content_.assign(structure.nodes.size(), {});
    objects_.assign(structure.nodes.size(), {});
    ++parts_;
}

int StructureTree::mark(int node, HPDF_Page page) {
    int mcid = static_cast<int>(page_parents_.size());
    page_parents_.push_back(element(node));
    content_[static_cast<std::size_t>(node)].emplace_back(page, mcid);
    return mcid;
}

int StructureTree::annotation(int node, HPDF_Dict annot, HPDF_Page page) {
    // Keys of the parent tree are in ascending order: an annotation's is taken before its page's,
    // which end_page takes.
    int key = next_struct_parents_++;
    HPDF_Array_AddNumber(parent_nums_, key);
    HPDF_Array_Add(parent_nums_, element(node));
    objects_[static_cast<std::size_t>(node)].emplace_back(page, annot);
    return key;
}

void StructureTree::end_page(HPDF_Page page) {
    if (page_parents_.empty()) return;  // a page with no tagged content (a blank back side)
    HPDF_Dict_AddNumber(page, "StructParents", next_struct_parents_);
    HPDF_Array_AddNumber(parent_nums_, next_struct_parents_);
    HPDF_Array parents = array_of(doc_);
    for (HPDF_Dict e : page_parents_) HPDF_Array_Add(parents, e);
    HPDF_Array_Add(parent_nums_, parents);
    ++next_struct_parents_;
    page_parents_.clear();
}

// The kids of an element, in reading order: its child elements, then its own marked content
// (an MCID on the element's page /Pg, a marked-content reference on any other). A single kid is
// written without an array.
void StructureTree::write_kids(int node) {
    const bind::StructNode& n = structure_->nodes[static_cast<std::size_t>(node)];
    const auto& content = content_[static_cast<std::size_t>(node)];
    const auto& objects = objects_[static_cast<std::size_t>(node)];
    HPDF_Dict e = element(node);
    HPDF_Page pg = !content.empty() ? content.front().first : !objects.empty() ? objects.front().first : nullptr;
    if (pg) HPDF_Dict_Add(e, "Pg", pg);
    std::size_t count = n.children.size() + content.size() + objects.size();
    if (count == 0) return;
    HPDF_Array kids = count > 1 ? array_of(doc_) : nullptr;
    auto add = [&](void* kid) {
        if (kids) HPDF_Array_Add(kids, kid);
        else HPDF_Dict_Add(e, "K", kid);
    };
    for (int child : n.children) add(element(child));
    for (const auto& [page, mcid] : content) {
        if (page == pg) {
            add(HPDF_Number_New(hpdf::mmgr(doc_), mcid));
            continue;
        }
        HPDF_Dict mcr = HPDF_Dict_New(hpdf::mmgr(doc_));
        HPDF_Dict_AddName(mcr, "Type", "MCR");
        HPDF_Dict_Add(mcr, "Pg", page);
        HPDF_Dict_AddNumber(mcr, "MCID", mcid);
        add(mcr);
    }
    for (const auto& [page, annot] : objects) {
        HPDF_Dict objr = HPDF_Dict_New(hpdf::mmgr(doc_));
        HPDF_Dict_AddName(objr, "Type", "OBJR");
        HPDF_Dict_Add(objr, "Obj", annot);
        HPDF_Dict_Add(objr, "Pg", page);
        add(objr);
    }
    if (kids) HPDF_Dict_Add(e, "K", kids);
}

// Table attributes (PDF 32000-1, 14.8.5.7) and list attributes (14.8.5.5), where they say more
// than the defaults.
void StructureTree::write_attributes(int node) {
    const bind::StructNode& n = structure_->nodes[static_cast<std::size_t>(node)];
    HPDF_MMgr mm = hpdf::mmgr(doc_);
    HPDF_Dict a = nullptr;
    auto attrs = [&](const char* owner) {
        if (!a) {
            a = HPDF_Dict_New(mm);
            HPDF_Dict_AddName(a, "O", owner);
        }
        return a;
    };
    if (n.type == "TH" || n.type == "TD") {
        if (n.row_span > 1) HPDF_Dict_AddNumber(attrs("Table"), "RowSpan", n.row_span);
        if (n.col_span > 1) HPDF_Dict_AddNumber(attrs("Table"), "ColSpan", n.col_span);
        if (!n.scope.empty()) HPDF_Dict_AddName(attrs("Table"), "Scope", n.scope.c_str());
        if (!n.headers.empty()) {
            HPDF_Array headers = array_of(doc_);
            for (int h : n.headers) {
                std::string id = "t" + std::to_string(parts_) + "." + std::to_string(h);
                HPDF_Array_Add(headers, HPDF_String_New(mm, id.c_str(), nullptr));
            }
            HPDF_Dict_Add(attrs("Table"), "Headers", headers);
        }
    } else if (n.type == "L" && !n.list_numbering.empty()) {
        HPDF_Dict_AddName(attrs("List"), "ListNumbering", n.list_numbering.c_str());
    }
    if (a) HPDF_Dict_Add(element(node), "A", a);
}

void StructureTree::end_part(bool front) {
    HPDF_MMgr mm = hpdf::mmgr(doc_);
    // The header cells that other cells name get identifiers.
    std::set<int> named;
    for (const bind::StructNode& n : structure_->nodes) named.insert(n.headers.begin(), n.headers.end());
    for (std::size_t i = 0; i < structure_->nodes.size(); ++i) {
        const bind::StructNode& n = structure_->nodes[i];
        int node = static_cast<int>(i);
        HPDF_Dict e = element(node);
        if (i == 0) {
            HPDF_Dict_AddName(e, "S", combined_ ? "Part" : "Document");
            HPDF_Dict_Add(e, "P", combined_ ? document_ : root_);
            if (combined_) (front ? front_parts_ : parts_in_order_).push_back(e);
            else HPDF_Dict_Add(root_, "K", e);
        } else {
            HPDF_Dict_AddName(e, "S", n.type.c_str());
            HPDF_Dict_Add(e, "P", element(n.parent));
        }
        if (named.count(node)) {
            std::string id = "t" + std::to_string(parts_) + "." + std::to_string(node);
            HPDF_Dict_Add(e, "ID", HPDF_String_New(mm, id.c_str(), nullptr));
            ids_.emplace_back(id, e);
        }
        write_kids(node);
        write_attributes(node);
    }
    structure_ = nullptr;
    elements_.clear();
    content_.clear();
    objects_.clear();
}

void StructureTree::finish(HPDF_Dict catalog) {
    if (!root_) return;
    HPDF_MMgr mm = hpdf::mmgr(doc_);
    if (document_) {
        HPDF_Array kids = array_of(doc_);
        for (const auto* parts : {&front_parts_, &parts_in_order_}) {
            for (HPDF_Dict e : *parts) HPDF_Array_Add(kids, e);
        }
        HPDF_Dict_Add(document_, "K", kids);
    }
    HPDF_Dict parent_tree = HPDF_Dict_New(mm);
    HPDF_Dict_Add(parent_tree, "Nums", parent_nums_);
    HPDF_Dict_Add(root_, "ParentTree", parent_tree);
    HPDF_Dict_AddNumber(root_, "ParentTreeNextKey", next_struct_parents_);
    if (!ids_.empty()) {
        // A name tree's keys are in byte order (PDF 32000-1, 7.9.6).
        std::sort(ids_.begin(), ids_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        HPDF_Array names = array_of(doc_);
        for (const auto& [id, e] : ids_) {
            HPDF_Array_Add(names, HPDF_String_New(mm, id.c_str(), nullptr));
            HPDF_Array_Add(names, e);
        }
        HPDF_Dict id_tree = HPDF_Dict_New(mm);
        HPDF_Dict_Add(id_tree, "Names", names);
        HPDF_Dict_Add(root_, "IDTree", id_tree);
    }
    HPDF_Dict_Add(catalog, "StructTreeRoot", root_);
    HPDF_Dict mark_info = HPDF_Dict_New(mm);
    HPDF_Dict_AddBoolean(mark_info, "Marked", HPDF_TRUE);
    HPDF_Dict_Add(catalog, "MarkInfo", mark_info);
}

}  // namespace yoshiki::write
