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
    l.node = 1;
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
base::PageSpec small_page() {
    base::PageSpec p;
    p.height = 300;
    p.margin_top = 50;
    p.margin_bottom = 50;
    return p;
}

// The pages of a flow of a document that says nothing of itself, and where its sheets start.
std::vector<paginate::Page> paged(const typeset::Flow& flow, const base::PageSpec& page, std::vector<paginate::OutlineEntry>& sheets) {
    paginate::PagedDocument doc = paginate::paginate(bind::Document{}, flow, page);
    sheets = doc.sheets;
    return doc.pages;
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
    auto pages = paged(flow_of({row(2), row(3)}), small_page(), sheets);
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
    auto pages = paged(flow_of({row(5), row(20)}), small_page(), sheets);
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
    auto pages = paged(flow_of({row(9), row(1, true), row(3)}), small_page(), sheets);
    REQUIRE(pages.size() == 2);
    CHECK(glyphs_on(pages[0]) == 9);
    CHECK(glyphs_on(pages[1]) == 4);
}

namespace {

// A page template on small_page(): a mark at the top right of every page (in the margin), an
// approval block of two boxes at the top right of the text area, content 400 pt wide.
typeset::PageTemplate page_template(bool final) {
    typeset::PageTemplate t;
    typeset::DraftMarkBox m;
    m.x = 380, m.y = 10, m.w = 20, m.h = 20, m.frame = 1, m.clearance = 5;
    m.lines.push_back(line());
    t.draft_mark = m;
    typeset::ApprovalBlockBox a;
    a.x = 300, a.y = 50, a.box_width = 50, a.title_height = 10, a.stamp_height = 40, a.clearance = 5;
    a.outer_rule = 1, a.inner_rule = 0.5;
    a.fields = final;
    for (int k = 0; k < 2; ++k) {
        typeset::ApprovalBlockBox::Box b;
        b.name = k == 0 ? "課長" : "町長";
        b.node = final ? 10 + k : -1;
        b.x = a.x + 50 * (1 - k);  // right to left
        b.title.push_back(line(10));
        a.boxes.push_back(b);
    }
    t.approval = a;
    return t;
}

std::size_t artifacts_on(const paginate::Page& p, paginate::Artifact kind) {
    return static_cast<std::size_t>(
        std::count_if(p.items.begin(), p.items.end(), [&](const paginate::Item& i) { return i.artifact == kind; }));
}

}  // namespace

TEST_CASE("the page template: a mark on every page, the approval block on the first, content below it") {
    typeset::Flow f = flow_of({row(5), row(20)});
    f.page_template = page_template(false);
    std::vector<paginate::OutlineEntry> sheets;
    auto pages = paged(f, small_page(), sheets);
    REQUIRE(pages.size() >= 3);
    for (const auto& p : pages) {
        // The frame's four rules and the 案 itself.
        CHECK(artifacts_on(p, paginate::Artifact::watermark) == 5);
        CHECK(p.fields.empty());
    }
    // The block (rules and titles) only on the first page; the table starts below it there, and
    // at the top of the text area elsewhere.
    CHECK(artifacts_on(pages[0], paginate::Artifact::layout) > artifacts_on(pages[1], paginate::Artifact::layout));
    auto first_text_y = [](const paginate::Page& p) {
        double y = 1e9;
        for (const auto& item : p.items) {
            if (const auto* t = std::get_if<paginate::TextLine>(&item.content); t && item.node >= 0) y = std::min(y, t->runs[0].y);
        }
        return y;
    };
    CHECK(first_text_y(pages[0]) > 50 + 50 + 5);
    CHECK(first_text_y(pages[1]) < 50 + 20);
}

TEST_CASE("in a final document each approval box is a signature field, in approval order") {
    typeset::Flow f = flow_of({row(2)});
    f.page_template = page_template(true);
    f.page_template.draft_mark.reset();
    std::vector<paginate::OutlineEntry> sheets;
    auto pages = paged(f, small_page(), sheets);
    REQUIRE(pages.size() == 1);
    REQUIRE(pages[0].fields.size() == 2);
    CHECK(pages[0].fields[0].name == "課長");
    CHECK(pages[0].fields[0].x == 350);  // the first approver's box is the rightmost
    CHECK(pages[0].fields[0].y == 60);   // below the title row
    CHECK(pages[0].fields[0].h == 40);
    CHECK(pages[0].fields[1].node == 11);
    CHECK(artifacts_on(pages[0], paginate::Artifact::watermark) == 0);
}

TEST_CASE("the paged document carries what the bound document says of itself, and the page's size") {
    bind::Document doc;
    doc.info.title = "目標設定書";
    doc.final = true;
    doc.lang = "ja-JP";
    doc.footer = base::TracedText{};
    doc.structure.nodes.resize(3);
    paginate::PagedDocument paged_doc = paginate::paginate(doc, flow_of({typeset::RowBox{}}), small_page());
    CHECK(paged_doc.width == small_page().width);
    CHECK(paged_doc.height == 300);
    CHECK(paged_doc.info.title == "目標設定書");
    CHECK(paged_doc.final);
    CHECK(paged_doc.lang == "ja-JP");
    CHECK(paged_doc.footer.has_value());
    CHECK(paged_doc.structure.nodes.size() == 3);
    CHECK(paged_doc.pages.size() == 1);
    CHECK(paged_doc.sheets.size() == 1);
}
