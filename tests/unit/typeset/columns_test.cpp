// Vertical writing (縦書き) in the text and typesetting stages: which characters stand upright in a
// column and which are turned (UAX #50), 縦中横 for short numbers, the fonts' vertical forms and
// metrics, and columns broken by the same 禁則 as lines.
#include <doctest/doctest.h>

#include "set_support.hpp"
#include "text/shape.hpp"

namespace {

using yoshiki::test::OneStyleForm;
using yoshiki::text::Orientation;

yoshiki::text::ShapedText shaped(OneStyleForm& f, const std::string& text, int tate_chu_yoko = 2) {
    return yoshiki::text::shape(text, {f.fonts[0]}, yoshiki::text::ShapeOptions{true, tate_chu_yoko});
}

}  // namespace

TEST_CASE("upright in a column: Japanese text and its symbols; turned: Latin, figures, dashes") {
    using yoshiki::text::upright_in_column;
    for (char32_t c : {U'漢', U'あ', U'ア', U'「', U'、', U'ー', U'※', U'①', U'○', U'Ａ', U'１', U'ｶ', U'𠮷'}) {
        CHECK(upright_in_column(c));
    }
    for (char32_t c : {U'a', U'Z', U'1', U'.', U'%', U'―', U'…', U'-'}) CHECK_FALSE(upright_in_column(c));
}

TEST_CASE("a column takes the font's vertical forms and advances an em down") {
    OneStyleForm f;
    auto across = yoshiki::text::shape("「一」、", {f.fonts[0]});
    auto down = shaped(f, "「一」、");
    REQUIRE(down.glyphs.size() == 4);
    CHECK(down.glyphs[0].gid != across.glyphs[0].gid);  // 「 turned (vert)
    CHECK(down.glyphs[1].gid == across.glyphs[1].gid);  // 一 as it is
    CHECK(down.glyphs[3].gid != across.glyphs[3].gid);  // 、 moved to the top right
    for (const auto& g : down.glyphs) {
        CHECK(g.orientation == Orientation::along);
        CHECK(g.advance == doctest::Approx(1.0));
        // Drawn from its vertical origin, as the PDF's /W2 places it: nothing left to move.
        CHECK(g.x_offset == doctest::Approx(0.0));
        CHECK(g.y_offset == doctest::Approx(0.0));
    }
}

TEST_CASE("Latin in a column is turned, its em box centred on the column's centre line") {
    OneStyleForm f;
    auto s = shaped(f, "DX推進");
    REQUIRE(s.glyphs.size() == 4);
    auto line = yoshiki::text::shape("DX", {f.fonts[0]});
    for (int i = 0; i < 2; ++i) {
        CHECK(s.glyphs[i].orientation == Orientation::sideways);
        CHECK(s.glyphs[i].advance == doctest::Approx(line.glyphs[i].advance));  // its width, down the column
        CHECK(s.glyphs[i].y_offset == doctest::Approx(-0.38).epsilon(0.01));    // the baseline left of the centre
    }
    CHECK(s.glyphs[2].orientation == Orientation::along);
    CHECK(s.glyphs[3].orientation == Orientation::along);
}

TEST_CASE("縦中横: a number of at most the layout's digits stands across the column in one em") {
    OneStyleForm f;
    auto s = shaped(f, "第12期");
    REQUIRE(s.glyphs.size() == 4);
    CHECK(s.glyphs[1].orientation == Orientation::upright);
    CHECK(s.glyphs[2].orientation == Orientation::upright);
    CHECK(s.glyphs[1].cluster == s.glyphs[2].cluster);  // one cluster: never broken apart
    CHECK(s.glyphs[1].advance + s.glyphs[2].advance == doctest::Approx(1.0));
    // Half-width digits side by side, centred: the first left of the centre line, the second right.
    CHECK(s.glyphs[1].y_offset == doctest::Approx(-0.5));
    CHECK(s.glyphs[2].y_offset == doctest::Approx(0.0));
    CHECK(s.glyphs[1].x_offset == doctest::Approx(s.glyphs[2].x_offset));  // one baseline
    // A longer number, or a layout that asks for none, is turned with the Latin.
    auto year = shaped(f, "2026年");
    CHECK(year.glyphs[0].orientation == Orientation::sideways);
    CHECK(year.glyphs[3].orientation == Orientation::sideways);
    CHECK(shaped(f, "第2期", 0).glyphs[1].orientation == Orientation::sideways);
    CHECK(shaped(f, "第2期", 1).glyphs[1].orientation == Orientation::upright);
}

TEST_CASE("columns are broken by the rules of lines: 、 never starts one, 「 never ends one") {
    OneStyleForm f;
    f.vertical = true;
    // Ten ems a column: the 、 that would start the second column takes こ with it (追い出し), as
    // squeezing it to half an em leaves the column half an em too long.
    CHECK(f.lines("あいうえおかきくけこ、さしすせそ", 10) == "あいうえおかきくけ|こ、さしすせそ");
    // With one more blank to squeeze (」、) it is pushed in (追い込み).
    CHECK(f.lines("あいうえおか「き」く、さしすせそ", 10) == "あいうえおか「き」く、|さしすせそ");
    CHECK(f.lines("あいうえおかきくけ「こ」さしすせそ", 10) == "あいうえおかきくけ|「こ」さしすせそ");
    auto columns = f.set("あいうえお", 10);
    REQUIRE(columns.size() == 1);
    CHECK(columns[0].vertical);
    CHECK(columns[0].baseline == doctest::Approx(7.5));  // the centre line, half the 15 pt pitch
    CHECK(columns[0].glyphs[1].x == doctest::Approx(10.0));  // an em down
}

TEST_CASE("a column is never condensed (長体): it is squeezed, then set smaller") {
    OneStyleForm f;
    f.vertical = true;
    f.style().min_scale = 0.5;
    yoshiki::bind::Paragraph p;
    p.vertical = true;
    std::string text = "あいうえおかきくけこさしすせそ";
    auto source = std::make_shared<yoshiki::base::SourceFile>(yoshiki::base::SourceFile{"in.xml", text});
    p.text.append(text, yoshiki::base::Span{source, 0});
    p.field_span = yoshiki::base::Span{source, 0};
    yoshiki::typeset::SetContext ctx{f.layout, f.fonts, f.diags};
    auto lines = yoshiki::typeset::set_paragraph(p, 100, ctx, yoshiki::typeset::Adjustment{false, 0.5, 10, true});
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].scale == 1);
    CHECK(lines[0].glyphs[1].x == doctest::Approx(10.0));
}

TEST_CASE("和欧間 in a column: after a turned Latin word, never beside 縦中横 (JLREQ 3.2.5, 3.2.6)") {
    OneStyleForm f;
    f.vertical = true;
    f.style().latin_gap_em = 0.25;
    f.style().tate_chu_yoko = 2;
    auto latin = f.set("DX推進", 10);
    REQUIRE(latin.size() == 1);
    const auto& g = latin[0].glyphs;  // D X 推 進
    CHECK(g[3].x - g[2].x == doctest::Approx(10.0));
    auto dx = yoshiki::text::shape("DX", {f.fonts[0]});
    CHECK(g[2].x == doctest::Approx((dx.glyphs[0].advance + dx.glyphs[1].advance) * 10 + 2.5));  // a quarter em after X
    auto across = f.set("第25号", 10);
    REQUIRE(across.size() == 1);
    const auto& t = across[0].glyphs;  // 第 2 5 号
    CHECK(t[3].x == doctest::Approx(20.0));  // 第, the figures in one em, solid: 号 two ems down
}
