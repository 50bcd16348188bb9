// The structure the binder builds from the layout's roles: sections opened by headings, tables of
// TH and TD rows with the headers of each cell, lists of items with their labels.
#include <doctest/doctest.h>

#include "bind/bind.hpp"
#include "parse/layout_reader.hpp"
#include "parse/parse_support.hpp"
#include "parse/sheet_reader.hpp"
#include "test_support.hpp"

using namespace yoshiki;

namespace {

bind::Document bind_seed() {
    base::Diagnostics d;
    auto layout = test::read_layout_file(test::source_path("layouts/goal-sheet.xml"), d);
    auto file = test::load_input_file(test::source_path("inputs/r8/soumu.xml"), d);
    REQUIRE(layout);
    REQUIRE(file);
    auto data = parse::read_sheet(*file, layout->schema, d);
    REQUIRE(data);
    return bind::bind(*layout, *data, 0);
}

const bind::StructNode& node(const bind::Document& doc, int id) {
    REQUIRE(id >= 0);
    REQUIRE(id < static_cast<int>(doc.structure.nodes.size()));
    return doc.structure.nodes[static_cast<std::size_t>(id)];
}

// The types of a node's children, space-separated.
std::string children(const bind::Document& doc, int id) {
    std::string out;
    for (int c : node(doc, id).children) out += (out.empty() ? "" : " ") + node(doc, c).type;
    return out;
}

}  // namespace

TEST_CASE("each sheet is a section under its H1; each numbered heading opens a section") {
    bind::Document doc = bind_seed();
    CHECK(doc.lang == "ja-JP");
    CHECK(node(doc, 0).type == "Document");
    // The seed is final: the approval boxes' signature fields first, then the three sheets.
    CHECK(children(doc, 0) == "Form Form Form Sect Sect Sect");
    int sheet = node(doc, 0).children[3];
    CHECK(children(doc, sheet) == "H1 P Sect Sect Sect Sect Sect Sect");
    int first = node(doc, sheet).children[2];
    CHECK(children(doc, first) == "H2 L");
    int third = node(doc, sheet).children[4];
    CHECK(children(doc, third) == "H2 Table");
    // The heading's text is the heading's content.
    const auto& blocks = doc.sheets[0].blocks;
    const auto& title = std::get<bind::TextBlock>(blocks[0]).paragraph;
    CHECK(node(doc, title.node).type == "H1");
    const auto& table = std::get<bind::Table>(blocks[2]);
    CHECK(node(doc, table.rows[0].cells[0].paragraphs[0].node).type == "H2");
}

TEST_CASE("a list item has its label (the bullet) and its body") {
    bind::Document doc = bind_seed();
    const auto& table = std::get<bind::Table>(doc.sheets[0].blocks[2]);
    const auto& duties = table.rows[1].cells[0].paragraphs;
    REQUIRE(duties.size() == 6);
    for (const bind::Paragraph& p : duties) {
        CHECK(node(doc, p.node).type == "LBody");
        CHECK(node(doc, p.marker_node).type == "Lbl");
        CHECK(node(doc, p.node).parent == node(doc, p.marker_node).parent);
    }
    int item = node(doc, duties[0].node).parent;
    int list = node(doc, item).parent;
    CHECK(node(doc, list).type == "L");
    CHECK(node(doc, list).list_numbering == "Disc");
    CHECK(node(doc, list).children.size() == 6);
}

TEST_CASE("the table of section 3: rows of TH and TD, each value with the headers that describe it") {
    bind::Document doc = bind_seed();
    const auto& table = std::get<bind::Table>(doc.sheets[0].blocks[2]);
    // Row 6 is 目標名; row 8 holds 数値目標 (four rows tall), 初期値 and its value.
    int goal_th = table.rows[5].cells[0].paragraphs[0].node;
    int goal_td = table.rows[5].cells[1].paragraphs[0].node;
    CHECK(node(doc, goal_th).type == "TH");
    CHECK(node(doc, goal_th).scope == "Row");
    CHECK(node(doc, goal_td).type == "TD");
    CHECK(node(doc, goal_td).col_span == 2);
    // Its one header stands beside it in its row: the TH's scope says so, no Headers needed.
    CHECK(node(doc, goal_td).headers.empty());
    int tr = node(doc, goal_th).parent;
    CHECK(node(doc, tr).type == "TR");
    CHECK(node(doc, node(doc, tr).parent).type == "Table");

    int values_th = table.rows[7].cells[0].paragraphs[0].node;
    int initial_th = table.rows[7].cells[1].paragraphs[0].node;
    int initial_td = table.rows[7].cells[2].paragraphs[0].node;
    CHECK(node(doc, values_th).row_span == 4);
    CHECK(node(doc, initial_td).headers == std::vector<int>{values_th, initial_th});
    // 初期値 starts in 数値目標's first row: its scope suffices; 現状値 is reached by a row span.
    CHECK(node(doc, initial_th).headers.empty());
    CHECK(node(doc, table.rows[8].cells[0].paragraphs[0].node).headers == std::vector<int>{values_th});
    // Three rows further down, 最終目標値's value is still under 数値目標.
    int final_th = table.rows[10].cells[0].paragraphs[0].node;
    int final_td = table.rows[10].cells[1].paragraphs[0].node;
    CHECK(node(doc, final_td).headers == std::vector<int>{values_th, final_th});
    // The heading rows around the table are not part of it: the table has the eight rows of
    // 目標名 … 事業概要.
    CHECK(node(doc, node(doc, tr).parent).children.size() == 8);
}
