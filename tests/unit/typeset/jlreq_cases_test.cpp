// The table of JLREQ cases (tests/data/jlreq_cases.txt) run through the line setter, and the
// details of spacing that a table of line texts cannot show: punctuation pairs, brackets at a
// line's start, justification, distribution, hanging markers.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "base/utf8.hpp"
#include "set_support.hpp"

namespace {

using yoshiki::test::OneStyleForm;

// "\u{200B}" → the character.
std::string unescape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.compare(i, 3, "\\u{") == 0) {
            std::size_t close = s.find('}', i);
            out += yoshiki::base::utf8::encode(static_cast<char32_t>(std::stoul(s.substr(i + 3, close - i - 3), nullptr, 16)));
            i = close;
        } else {
            out += s[i];
        }
    }
    return out;
}

double right_edge(const yoshiki::typeset::Line& l) { return l.left + l.width; }

}  // namespace

TEST_CASE("JLREQ cases") {
    std::ifstream in(yoshiki::test::source_path("tests/data/jlreq_cases.txt"));
    REQUIRE(in.good());
    OneStyleForm form;
    int cases = 0;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        std::string width, text, expected;
        std::getline(fields, width, '\t');
        std::getline(fields, text, '\t');
        std::getline(fields, expected, '\t');
        INFO("jlreq_cases.txt:" << number << ": " << text << " in " << width << " em");
        CHECK(form.lines(unescape(text), std::stod(width)) == unescape(expected));
        ++cases;
    }
    CHECK(form.diags.all().empty());
    CHECK(cases >= 40);
}

TEST_CASE("punctuation pairs lose the half-em between them (」、 ）。 」「)") {
    OneStyleForm form;
    form.style().align = yoshiki::parse::Align::left;
    // 」 followed by 、 or 「: 」 is set half-width; the pair takes 1.5 em, not 2.
    CHECK(form.set("」、", 10)[0].width == doctest::Approx(15.0));
    CHECK(form.set("）。", 10)[0].width == doctest::Approx(15.0));
    CHECK(form.set("」「", 10)[0].width == doctest::Approx(15.0));
    CHECK(form.set("あ「「", 10)[0].width == doctest::Approx(25.0));
    // Alone, each keeps its full em.
    CHECK(form.set("あ」あ", 10)[0].width == doctest::Approx(30.0));
}

TEST_CASE("an opening bracket at the start of a line takes half an em") {
    OneStyleForm form;
    form.style().align = yoshiki::parse::Align::left;
    auto lines = form.set("あいう「えお」", 3);
    REQUIRE(lines.size() == 2);
    CHECK(lines[1].text == "「えお」");
    // 「 is drawn half an em to the left of the line's start, so its ink starts the line.
    CHECK(lines[1].glyphs[0].x == doctest::Approx(-5.0));
    CHECK(lines[1].width <= doctest::Approx(30.0));
}

TEST_CASE("justified lines reach the edge; the last line does not stretch") {
    OneStyleForm form;
    form.style().align = yoshiki::parse::Align::justify;
    auto lines = form.set("あいう、えおかきくけこさしすせそ", 4.6);
    REQUIRE(lines.size() >= 3);
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) CHECK(right_edge(lines[i]) == doctest::Approx(46.0));
    CHECK(right_edge(lines.back()) < 46.0);
}

TEST_CASE("justification never opens a Latin word") {
    OneStyleForm form;
    form.style().align = yoshiki::parse::Align::justify;
    auto lines = form.set("あいうえ hello かきくけこさしすせそたちつてと", 12);
    REQUIRE(lines.size() >= 2);
    const auto& g = lines[0].glyphs;
    // h e l l o are glyphs 5..9 (after あいうえ and the space): their gaps are the font's own.
    REQUIRE(g.size() > 9);
    std::string error;
    for (std::size_t k = 5; k + 1 <= 9; ++k) {
        double advance = form.fonts[0]->advance(g[k].gid) * 10.0 / form.fonts[0]->metrics().units_per_em;
        CHECK(g[k + 1].x - g[k].x == doctest::Approx(advance).epsilon(0.001));
    }
    CHECK(right_edge(lines[0]) == doctest::Approx(120.0));
}

TEST_CASE("均等割付: a label spreads across its cell; one character is centred") {
    OneStyleForm form;
    form.style().align = yoshiki::parse::Align::distribute;
    auto lines = form.set("目標名", 6);
    REQUIRE(lines.size() == 1);
    REQUIRE(lines[0].glyphs.size() == 3);
    CHECK(lines[0].left + lines[0].glyphs[0].x == doctest::Approx(0.0));
    CHECK(lines[0].left + lines[0].glyphs[2].x + 10.0 == doctest::Approx(60.0));
    CHECK(lines[0].glyphs[1].x - lines[0].glyphs[0].x == doctest::Approx(25.0));
    auto one = form.set("計", 6);
    CHECK(one[0].left + one[0].glyphs[0].x == doctest::Approx(25.0));
    CHECK(form.diags.all().empty());
}

TEST_CASE("均等割付: a label too long for its cell is an error, not an overflow") {
    OneStyleForm form;
    form.style().align = yoshiki::parse::Align::distribute;
    form.set("目標名目標名", 4);
    REQUIRE(form.diags.all().size() == 1);
    CHECK(form.diags.all()[0].message.find("too long to be spread across its cell") != std::string::npos);
}

TEST_CASE("list markers hang: wrapped lines align with the text, not the marker") {
    OneStyleForm form;
    form.style().align = yoshiki::parse::Align::justify;
    for (std::string marker : {"・", "（1）", "①"}) {
        INFO(marker);
        auto lines = form.set("あいうえおかきくけこさしすせそ", 8, marker);
        REQUIRE(lines.size() >= 2);
        double marker_width = lines[0].left;
        CHECK(marker_width > 5.0);
        CHECK(lines[1].left == doctest::Approx(marker_width));
        // The marker's glyphs stand before the text's start.
        CHECK(lines[0].left + lines[0].glyphs[0].x == doctest::Approx(0.0));
        CHECK(lines[0].text.rfind(marker, 0) == 0);
    }
}

TEST_CASE("a first-line indent of one em (字下げ)") {
    OneStyleForm form;
    form.style().indent_em = 1;
    form.style().align = yoshiki::parse::Align::justify;
    auto lines = form.set("あいうえおかきくけこ", 5);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].left == doctest::Approx(10.0));
    CHECK(lines[0].text == "あいうえ");
    CHECK(lines[1].left == doctest::Approx(0.0));
}

TEST_CASE("和欧間: the Japanese–Latin gap is a style option") {
    OneStyleForm form;
    form.style().align = yoshiki::parse::Align::left;
    double without = form.set("あLINEを", 20)[0].width;
    form.style().latin_gap_em = 0.25;
    double with = form.set("あLINEを", 20)[0].width;
    CHECK(with - without == doctest::Approx(5.0));
}

TEST_CASE("a character no font has is an error naming it and its place") {
    OneStyleForm form;
    form.set("あ\xF0\x9F\x98\x80い", 10);  // U+1F600
    REQUIRE(form.diags.all().size() == 1);
    const auto& d = form.diags.all()[0];
    CHECK(d.message.find("U+1F600") != std::string::npos);
    CHECK(d.file == "test.xml");
    CHECK(d.line == 1);
    CHECK(d.column == 2);
}

// ActualText goes where a position-reading extractor would get the line wrong, and nowhere else:
// it costs the line's text again in the page, on most lines of a justified page.
TEST_CASE("a line carries its text as ActualText only where the glyphs' places mislead") {
    OneStyleForm form;
    form.style().align = yoshiki::parse::Align::justify;
    // Twelve characters in 12.4 em: a tenth of an em spread over eleven gaps reads as set.
    auto slight = form.set("あいうえおかきくけこさしすせそたちつてとなにぬね", 12.4);
    REQUIRE(slight.size() == 2);
    CHECK_FALSE(slight[0].actual_text);
    // A comma squeezed to half its width reads as set too.
    form.style().align = yoshiki::parse::Align::left;
    auto squeezed = form.set("あいう、「えお」", 20);
    CHECK(squeezed[0].width < 80.0);
    CHECK_FALSE(squeezed[0].actual_text);
    // A label spread across its cell does not: 目 標 名 would come back with spaces.
    form.style().align = yoshiki::parse::Align::distribute;
    auto spread = form.set("目標名", 6);
    REQUIRE(spread[0].actual_text);
    CHECK(*spread[0].actual_text == "目標名");
    // Nor does a justified line opened wide (a long Latin word pushed to the next one): a third
    // of an em between characters reads as spaces.
    form.style().align = yoshiki::parse::Align::justify;
    auto wide = form.set("あいうえおか abcdefghijklmnopqrstuvwxyz", 8);
    REQUIRE(wide.size() >= 2);
    REQUIRE(wide[0].actual_text);
    CHECK(*wide[0].actual_text == "あいうえおか ");
    // Nor a character that is not drawn (a zero-width space): the glyphs alone would lose it.
    form.style().align = yoshiki::parse::Align::left;
    auto hidden = form.set("あ\u200bい", 20);
    REQUIRE(hidden[0].actual_text);
    CHECK(*hidden[0].actual_text == "あ\u200bい");
    CHECK(form.diags.all().empty());
}
