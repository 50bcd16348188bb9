// Structure: what each part of a document is to a reader (a heading, a paragraph, a list, a table
// cell), built by the binder from the roles the layout gives. The PDF writer turns it into the
// structure tree of a tagged PDF (PDF 32000-1, 14.7–14.8; PDF/UA-1); content refers to its node.
#pragma once

#include <string>
#include <vector>

namespace yoshiki::bind {

// One structure element. Types are the standard ones of PDF 32000-1, 14.8.4, so a tagged PDF
// needs no RoleMap: Document, Part, Sect, H1–H6, P, L, LI, Lbl, LBody, Table, TR, TH, TD.
struct StructNode {
    std::string type;
    int parent = -1;
    std::vector<int> children;  // in reading order
    // Table cells (PDF 32000-1, 14.8.5.7): spans, the scope of a header, the headers of a cell.
    int row_span = 1, col_span = 1;
    std::string scope;         // TH: Row, Column or Both
    std::vector<int> headers;  // the TH nodes that describe this cell
    // Lists (14.8.5.5): how the items are marked: Disc (・), Decimal ((1), ①), None.
    std::string list_numbering;
};

struct Structure {
    std::vector<StructNode> nodes;  // nodes[0] is the root, of type Document

    Structure() { nodes.push_back(StructNode{"Document", -1, {}, 1, 1, {}, {}, {}}); }

    // Adds a node as the last child of parent; returns its index.
    int add(int parent, std::string type) {
        StructNode n;
        n.type = std::move(type);
        n.parent = parent;
        nodes.push_back(std::move(n));
        int id = static_cast<int>(nodes.size()) - 1;
        nodes[static_cast<std::size_t>(parent)].children.push_back(id);
        return id;
    }

    // The level of a heading type (H1 → 1); 0 for any other type.
    static int heading_level(const std::string& type) {
        return type.size() == 2 && type[0] == 'H' && type[1] >= '1' && type[1] <= '6' ? type[1] - '0' : 0;
    }
};

}  // namespace yoshiki::bind
