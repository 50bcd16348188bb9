// The fit cascade (src/typeset/fit.cpp): each step taken only when the one before does not fit,
// each to its floor, and a text that fits at no floor refused at its field's place.
#include <doctest/doctest.h>

#include "set_support.hpp"
#include "typeset/fit.hpp"

namespace {

using yoshiki::test::OneStyleForm;

struct Fitting : OneStyleForm {
    yoshiki::typeset::FittedText fit(const std::string& text, double width_em, double lines) {
        yoshiki::bind::Paragraph p;
        p.style = 0;
        p.first_line_indent = false;
        p.field_label = "公文書の名称";
        auto source = std::make_shared<yoshiki::base::SourceFile>(yoshiki::base::SourceFile{"in.xml", text});
        p.text.append(text, yoshiki::base::Span{source, 0});
        p.field_span = yoshiki::base::Span{source, 0};
        yoshiki::typeset::SetContext ctx{layout, fonts, diags};
        return yoshiki::typeset::fit_paragraph(p, width_em * 10, lines * 15, ctx);  // 10 pt, pitch 1.5
    }
};

}  // namespace

TEST_CASE("a text that fits is set as its style says") {
    Fitting f;
    auto r = f.fit("あいうえお", 10, 1);
    CHECK(r.fit.fits);
    CHECK_FALSE(r.fit.adjustment.squeeze);
    CHECK(r.fit.adjustment.scale == 1);
    CHECK(r.fit.adjustment.size == 10);
    CHECK(r.fit.lines == 1);
    CHECK(r.fit.max_lines == 1);
    CHECK(r.fit.fullness == doctest::Approx(1.0));
}

TEST_CASE("squeezing comes first: 、 and 。 at half width make room") {
    Fitting f;
    // Ten characters, three of them punctuation, in 8.5 em: squeezed they take 8.5 em.
    auto r = f.fit("あい、うえ。おか、き", 8.5, 1);
    CHECK(r.fit.fits);
    CHECK(r.fit.adjustment.squeeze);
    CHECK(r.fit.adjustment.scale == 1);
    CHECK(r.lines.size() == 1);
}

TEST_CASE("then 長体, to the widest that fits and no narrower than the floor") {
    Fitting f;
    f.style().min_scale = 0.8;
    auto r = f.fit("あいうえおかきくけこ", 9, 1);  // 10 em in 9: 90 %
    CHECK(r.fit.fits);
    CHECK(r.fit.adjustment.scale == doctest::Approx(0.9));
    REQUIRE(r.lines.size() == 1);
    CHECK(r.lines[0].scale == doctest::Approx(0.9f));
    CHECK(r.lines[0].glyphs[1].x == doctest::Approx(9.0));  // each glyph 0.9 em on
    CHECK(r.fit.adjustment.size == 10);
}

TEST_CASE("then smaller, at the narrowest width, by half points to the floor") {
    Fitting f;
    f.style().min_scale = 0.9;
    f.style().min_size = 7;
    // 12 em in 9 em at 10 pt: 90 % gives 10.8 em of 10 pt; 8 pt gives 8.64 em, 8.5 pt 9.18.
    auto r = f.fit("あいうえおかきくけこさし", 9, 1);
    CHECK(r.fit.fits);
    CHECK(r.fit.adjustment.scale == doctest::Approx(0.9));
    CHECK(r.fit.adjustment.size == doctest::Approx(8.0));
    CHECK(r.fit.smaller);
    CHECK(r.lines.size() == 1);
    CHECK(f.diags.all().empty());
}

TEST_CASE("a text that fits at no floor is an error at its field, saying how much is too much") {
    Fitting f;
    f.style().min_scale = 0.8;
    f.style().min_size = 8;
    // 30 characters in one line of 10 em: at 80 % and 8 pt a line holds 15.
    auto r = f.fit(std::string("あいうえおかきくけこ") + "さしすせそたちつてと" + "なにぬねのはひふへほ", 10, 1);
    CHECK_FALSE(r.fit.fits);
    REQUIRE(f.diags.all().size() == 1);
    const auto& d = f.diags.all()[0];
    CHECK(d.code == "text-does-not-fit");
    CHECK(d.file == "in.xml");
    CHECK(d.message == "公文書の名称 does not fit its box (1 line of 35 mm) even squeezed and at 80 % width and 8 pt: 15 characters too many");
}
