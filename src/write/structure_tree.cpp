#include "write/structure_tree.hpp"

#include <algorithm>
#include <set>

#include "write/hpdf_internals.hpp"

namespace yoshiki::write {

namespace {

void put_ref(std::string& out, int number) {
    out += std::to_string(number);
    out += " 0 R";
}

// A name (PDF 32000-1, 7.3.5): bytes outside the regular characters as #xx. The names here are
// standard structure types and attribute values, so the escape is for safety only.
void put_name(std::string& out, const std::string& name) {
    static const char hex[] = "0123456789ABCDEF";
    out += '/';
    for (unsigned char c : name) {
        if (c > 0x20 && c < 0x7F && std::string_view("()<>[]{}/%#").find(static_cast<char>(c)) == std::string_view::npos) {
            out += static_cast<char>(c);
        } else {
            out += '#';
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
    }
}

// An identifier of an element: t<part>.<node>, ASCII, a literal string as it is.
std::string element_id(int part, int node) { return "t" + std::to_string(part) + "." + std::to_string(node); }

}  // namespace

void StructureTree::begin_part(const bind::Structure& structure) {
    if (!root_) {
        root_ = hpdf::reserve_object(doc_);
        root_number_ = hpdf::object_number(root_);
        if (combined_) document_ = hpdf::object_number(hpdf::reserve_object(doc_));
    }
    structure_ = &structure;
    elements_.clear();
    for (std::size_t i = 0; i < structure.nodes.size(); ++i) elements_.push_back(hpdf::object_number(hpdf::reserve_object(doc_)));
    content_.assign(structure.nodes.size(), {});
    objects_.assign(structure.nodes.size(), {});
    ++parts_;
}

int StructureTree::mark(int node, HPDF_Page page) {
    int mcid = static_cast<int>(page_parents_.size());
    page_parents_.push_back(element(node));
    content_[static_cast<std::size_t>(node)].emplace_back(hpdf::object_number(page), mcid);
    return mcid;
}

int StructureTree::annotation(int node, HPDF_Dict annot, HPDF_Page page) {
    // Keys of the parent tree are in ascending order: an annotation's is taken before its page's,
    // which end_page takes.
    int key = next_struct_parents_++;
    parent_nums_ += std::to_string(key) + ' ';
    put_ref(parent_nums_, element(node));
    parent_nums_ += ' ';
    objects_[static_cast<std::size_t>(node)].emplace_back(hpdf::object_number(page), hpdf::object_number(annot));
    return key;
}

void StructureTree::end_page(HPDF_Page page) {
    if (page_parents_.empty()) return;  // a page with no tagged content (a blank back side)
    HPDF_Dict_AddNumber(page, "StructParents", next_struct_parents_);
    parent_nums_ += std::to_string(next_struct_parents_) + " [";
    for (std::size_t i = 0; i < page_parents_.size(); ++i) {
        if (i > 0) parent_nums_ += ' ';
        put_ref(parent_nums_, page_parents_[i]);
    }
    parent_nums_ += "] ";
    ++next_struct_parents_;
    page_parents_.clear();
}

// The kids of an element, in reading order: its child elements, then its own marked content
// (an MCID on the element's page /Pg, a marked-content reference on any other), then the
// annotations it holds. A single kid is written without an array.
void StructureTree::put_kids(std::string& out, int node) {
    const bind::StructNode& n = structure_->nodes[static_cast<std::size_t>(node)];
    const auto& content = content_[static_cast<std::size_t>(node)];
    const auto& objects = objects_[static_cast<std::size_t>(node)];
    const int pg = !content.empty() ? content.front().first : !objects.empty() ? objects.front().first : 0;
    if (pg) {
        out += "/Pg ";
        put_ref(out, pg);
    }
    const std::size_t count = n.children.size() + content.size() + objects.size();
    if (count == 0) return;
    out += count > 1 ? "/K[" : "/K ";
    bool first = true;
    auto next = [&] {
        if (!first) out += ' ';
        first = false;
    };
    for (int child : n.children) {
        next();
        put_ref(out, element(child));
    }
    for (const auto& [page, mcid] : content) {
        next();
        if (page == pg) {
            out += std::to_string(mcid);
            continue;
        }
        out += "<</Type/MCR/Pg ";
        put_ref(out, page);
        out += "/MCID " + std::to_string(mcid) + ">>";
    }
    for (const auto& [page, annot] : objects) {
        next();
        out += "<</Type/OBJR/Obj ";
        put_ref(out, annot);
        out += "/Pg ";
        put_ref(out, page);
        out += ">>";
    }
    if (count > 1) out += ']';
}

// Table attributes (PDF 32000-1, 14.8.5.7) and list attributes (14.8.5.5), where they say more
// than the defaults.
void StructureTree::put_attributes(std::string& out, int node) {
    const bind::StructNode& n = structure_->nodes[static_cast<std::size_t>(node)];
    std::string a;
    if (n.type == "TH" || n.type == "TD") {
        if (n.row_span > 1) a += "/RowSpan " + std::to_string(n.row_span);
        if (n.col_span > 1) a += "/ColSpan " + std::to_string(n.col_span);
        if (!n.scope.empty()) {
            a += "/Scope";
            put_name(a, n.scope);
        }
        if (!n.headers.empty()) {
            a += "/Headers[";
            for (int h : n.headers) a += '(' + element_id(parts_, h) + ')';
            a += ']';
        }
        if (!a.empty()) a = "/O/Table" + a;
    } else if (n.type == "L" && !n.list_numbering.empty()) {
        a = "/O/List/ListNumbering";
        put_name(a, n.list_numbering);
    }
    if (!a.empty()) out += "/A<<" + a + ">>";
}

std::string StructureTree::element_body(int node, int parent) {
    const bind::StructNode& n = structure_->nodes[static_cast<std::size_t>(node)];
    std::string out = "<</S";
    put_name(out, node == 0 ? (combined_ ? "Part" : "Document") : n.type);
    out += "/P ";
    put_ref(out, parent);
    put_kids(out, node);
    put_attributes(out, node);
    return out;
}

void StructureTree::write(int number, std::string body) { written_.push_back(pdf::WrittenObject{number, std::move(body), false}); }

void StructureTree::end_part(bool front) {
    // The header cells that other cells name get identifiers.
    std::set<int> named;
    for (const bind::StructNode& n : structure_->nodes) named.insert(n.headers.begin(), n.headers.end());
    for (std::size_t i = 0; i < structure_->nodes.size(); ++i) {
        const int node = static_cast<int>(i);
        const int parent = i == 0 ? (combined_ ? document_ : root_number_) : element(structure_->nodes[i].parent);
        std::string body = element_body(node, parent);
        if (named.count(node)) {
            const std::string id = element_id(parts_, node);
            body += "/ID(" + id + ')';
            ids_.emplace_back(id, element(node));
        }
        write(element(node), body + ">>");
    }
    (front ? front_parts_ : parts_in_order_).push_back(element(0));
    structure_ = nullptr;
    elements_.clear();
    content_.clear();
    objects_.clear();
}

void StructureTree::finish(HPDF_Dict catalog) {
    if (!root_) return;
    // The root's one kid: the document's element, or the print document's Document of Parts.
    const int top = combined_ ? document_ : (parts_in_order_.empty() ? 0 : parts_in_order_.front());
    if (combined_) {
        std::string doc = "<</S/Document/P ";
        put_ref(doc, root_number_);
        doc += "/K[";
        for (const auto* parts : {&front_parts_, &parts_in_order_}) {
            for (int e : *parts) {
                put_ref(doc, e);
                doc += ' ';
            }
        }
        write(document_, doc + "]>>");
    }
    std::string root = "<</Type/StructTreeRoot";
    if (top) {
        root += "/K ";
        put_ref(root, top);
    }
    root += "/ParentTree<</Nums[" + parent_nums_ + "]>>/ParentTreeNextKey " + std::to_string(next_struct_parents_);
    if (!ids_.empty()) {
        // A name tree's keys are in byte order (PDF 32000-1, 7.9.6).
        std::sort(ids_.begin(), ids_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        root += "/IDTree<</Names[";
        for (const auto& [id, e] : ids_) {
            root += '(' + id + ")";
            put_ref(root, e);
        }
        root += "]>>";
    }
    write(root_number_, root + ">>");
    std::sort(written_.begin(), written_.end(), [](const auto& a, const auto& b) { return a.number < b.number; });
    HPDF_Dict_Add(catalog, "StructTreeRoot", root_);
    HPDF_Dict mark_info = HPDF_Dict_New(hpdf::mmgr(doc_));
    HPDF_Dict_AddBoolean(mark_info, "Marked", HPDF_TRUE);
    HPDF_Dict_Add(catalog, "MarkInfo", mark_info);
}

}  // namespace yoshiki::write
