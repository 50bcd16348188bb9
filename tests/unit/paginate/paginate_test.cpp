// Pagination: rows that fit stay whole, a row taller than what is left splits between lines,
// a heading goes with the row after it, and the open table is closed and reopened.
#include <doctest/doctest.h>

#include <algorithm>

#include "paginate/paginate.hpp"

using namespace yoshiki;

namespace {

typeset::Line line(float height = 15.75f) {
    typeset::Line l;
    l.height = height;
    l.glyphs.push_back({1, 0, 0, 0, 0, 3});
    l.text = "目";
    return l;
}

typeset::RowBox row(int lines, bool keep = false) {
    typeset::RowBox r;
    typeset::CellBox c;
    c.col_span = 1;
    for (int i = 0; i < lines; ++i) c.lines.push_back(line());
    r.cells.push_back(c);
    r.height = c.content_height() + 4;
    r.keep_with_next = keep;
    return r;
}

typeset::Flow flow_of(std::vector<typeset::RowBox> rows) {
    typeset::TableBox t;
    t.column_x = {0, 400};
    t.pad_y = 2;
    t.rows = std::move(rows);
    typeset::Flow f;
    typeset::SheetFlow s;
    s.outline_title = "目標";
    s.blocks.push_back(t);
    f.sheets.push_back(s);
    return f;
}

// A page of 200 pt of room: 12 lines of 15.75 pt and their padding.
parse::PageSpec small_page() {
    parse::PageSpec p;
    p.height = 300;
    p.margin_top = 50;
    p.margin_bottom = 50;
    return p;
}

std::vector<paginate::GlyphRun> runs_of(const paginate::Page& p) {
    std::vector<paginate::GlyphRun> out;
    for (const auto& item : p.items) {
        if (const auto* t = std::get_if<paginate::TextLine>(&item.content)) out.insert(out.end(), t->runs.begin(), t->runs.end());
    }
    return out;
}

std::size_t rules_on(const paginate::Page& p) {
    return static_cast<std::size_t>(std::count_if(p.items.begin(), p.items.end(), [](const paginate::Item& i) {
        return std::holds_alternative<paginate::Rule>(i.content);
    }));
}

std::size_t glyphs_on(const paginate::Page& p) {
    std::size_t n = 0;
    for (const auto& r : runs_of(p)) n += r.glyphs.size();
    return n;
}

}  // namespace

TEST_CASE("rows that fit stay on one page") {
    std::vector<paginate::OutlineEntry> sheets;
    auto pages = paginate::paginate(flow_of({row(2), row(3)}), small_page(), sheets);
    CHECK(pages.size() == 1);
    CHECK(glyphs_on(pages[0]) == 5);
    REQUIRE(sheets.size() == 1);
    CHECK(sheets[0].page == 0);
    // How full the page is, for the editor: 86.75 pt of rows in 200 pt of room.
    CHECK(sheets[0].pages == 1);
    CHECK(sheets[0].fill == doctest::Approx(86.75 / 200));
}

TEST_CASE("a row taller than the rest of the page splits between lines; nothing is lost") {
    std::vector<paginate::OutlineEntry> sheets;
    auto pages = paginate::paginate(flow_of({row(5), row(20)}), small_page(), sheets);
    REQUIRE(pages.size() == 3);
    std::size_t total = 0;
    for (const auto& p : pages) {
        total += glyphs_on(p);
        // Every glyph stays inside the text area.
        for (const auto& r : runs_of(p)) CHECK(r.y <= 250.0);
    }
    CHECK(total == 25);
    // The sheet spills over two more pages, the last one partly filled.
    REQUIRE(sheets.size() == 1);
    CHECK(sheets[0].pages == 3);
    CHECK(sheets[0].fill > 0);
    CHECK(sheets[0].fill < 1);
    // Each page's part of the table is closed by its own frame: 4 outer rules per page at least.
    for (const auto& p : pages) CHECK(rules_on(p) >= 4);
}

TEST_CASE("a heading row is kept with the row after it") {
    std::vector<paginate::OutlineEntry> sheets;
    // 9 lines fill most of the page; the heading would fit, its paragraph would not.
    auto pages = paginate::paginate(flow_of({row(9), row(1, true), row(3)}), small_page(), sheets);
    REQUIRE(pages.size() == 2);
    CHECK(glyphs_on(pages[0]) == 9);
    CHECK(glyphs_on(pages[1]) == 4);
}
