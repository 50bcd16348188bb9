// The page template set (src/typeset/page_template.cpp): the draft mark framed at its place, the
// approval boxes placed in approval order (the first on the right when the layout says so), a
// title too wide for its box and a mark that meets the block reported at their place.
#include <doctest/doctest.h>

#include "parse/parse_support.hpp"
#include "typeset/set_support.hpp"
#include "typeset/typeset.hpp"

using namespace yoshiki;

namespace {

base::TracedText traced(const std::string& s) {
    base::TracedText t;
    t.append(s, base::Span{std::make_shared<base::SourceFile>(base::SourceFile{"l.xml", s}), 0});
    return t;
}

struct Template {
    test::OneStyleForm form;
    bind::Document doc;

    Template() {
        form.layout.page = parse::PageSpec{};
        parse::DraftMarkTemplate m;
        m.right = 20 * parse::mm;
        m.top = 6 * parse::mm;
        form.layout.draft_mark = m;
        parse::ApprovalTemplate a;
        a.right_to_left = true;
        a.title_height = 8 * parse::mm;  // a line of the test style, 10 pt at a pitch of 1.5
        for (const char* title : {"課長", "副町長", "町長"}) a.approvers.push_back({parse::TextTemplate{traced(title), {}}, {}});
        form.layout.approval = a;
        doc.draft_mark = traced("案");
        for (const char* title : {"課長", "副町長", "町長"}) doc.approval.push_back(bind::ApprovalBox{title, title, traced(title), -1});
    }

    typeset::PageTemplate set() {
        typeset::SetContext ctx{form.layout, form.fonts, form.diags};
        return typeset::set_page_template(doc, ctx);
    }
};

}  // namespace

TEST_CASE("the draft mark in its frame and the approval boxes from the right") {
    Template t;
    typeset::PageTemplate p = t.set();
    CHECK(test::all_diagnostics(t.form.diags) == "");
    REQUIRE(p.draft_mark);
    const auto& m = *p.draft_mark;
    // 案 at 10 pt, 1 mm of padding and 0.8 pt of frame around it, its right edge 20 mm from the page's.
    CHECK(m.w == doctest::Approx(10 + 2 * (0.8 + parse::mm)).epsilon(0.01));
    CHECK(m.x + m.w == doctest::Approx(t.form.layout.page.width - 20 * parse::mm));
    REQUIRE(p.approval);
    const auto& a = *p.approval;
    REQUIRE(a.boxes.size() == 3);
    CHECK(a.x + a.width() == doctest::Approx(t.form.layout.page.width - 20 * parse::mm));
    CHECK(a.boxes[0].name == "課長");
    CHECK(a.boxes[0].x > a.boxes[1].x);  // read from the right
    CHECK(a.boxes[1].x > a.boxes[2].x);
    CHECK(a.boxes[2].x == doctest::Approx(a.x));
    CHECK_FALSE(a.fields);  // a draft's boxes are drawn, not fields
}

TEST_CASE("a title too wide for its box, and a mark that meets the block, are errors") {
    Template t;
    t.form.layout.approval->box_width = 5 * parse::mm;  // 副町長 at 10 pt is 30 pt, the box 14 pt
    t.set();
    CHECK(test::all_diagnostics(t.form.diags).find("error: the title '副町長' does not fit on one line of its box") !=
          std::string::npos);

    Template u;
    u.form.layout.approval->top = 8 * parse::mm;  // the mark stands from 6 mm down to about 14 mm
    u.set();
    CHECK(test::all_diagnostics(u.form.diags).find("error: the draft mark meets the approval block on the first page") !=
          std::string::npos);
}
