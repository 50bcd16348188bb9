// Source positions and UTF-8: the basis of every file:line:column a clerk is shown.
#include <doctest/doctest.h>

#include "base/source.hpp"
#include "base/traced_text.hpp"
#include "base/utf8.hpp"

using namespace yoshiki::base;

TEST_CASE("line and column count characters, not bytes") {
    SourceFile f{"a.xml", "<a>\n  <b>目標名</b>\n"};
    CHECK(f.line_column(0) == std::pair<int, int>{1, 1});
    std::size_t goal = f.text().find("名");
    CHECK(f.line_column(goal) == std::pair<int, int>{2, 8});
}

TEST_CASE("diagnostics format as file:line:column: error: message, with a hint line") {
    auto f = std::make_shared<SourceFile>(SourceFile{"in.xml", "<x>\n<yy/>"});
    Diagnostics d;
    d.error(Span{f, 5}, codes::unknown_element, "unknown element <yy>", "did you mean <y>?");
    d.warning(Span{f, 0}, codes::font_missing_variant, "something");
    REQUIRE(d.all().size() == 2);
    CHECK(d.all()[0].format() == "in.xml:2:2: error: unknown element <yy>\n  hint: did you mean <y>?");
    CHECK(d.all()[1].format() == "in.xml:1:1: warning: something");
    CHECK(d.error_count() == 1);
}

TEST_CASE("UTF-8: invalid sequences are found at their byte offset") {
    CHECK(utf8::find_invalid("目標") == std::string::npos);
    CHECK(utf8::find_invalid("目\x93標") == 3);
    CHECK(utf8::find_invalid("\xED\xA0\x80") == 0);      // a surrogate
    CHECK(utf8::find_invalid("\xC0\xAF") == 0);          // overlong
    CHECK(utf8::find_invalid("\xF4\x90\x80\x80") == 0);  // above U+10FFFF
    std::size_t i = 0;
    CHECK(utf8::next("𠮷", i) == U'𠮷');
    CHECK(i == 4);
    CHECK(utf8::encode(U'𠮷') == "𠮷");
    CHECK(utf8::length("葛󠄀城") == 3);
}

TEST_CASE("traced text maps every byte back to its file") {
    auto layout = std::make_shared<SourceFile>(SourceFile{"layout.xml", "0123456789"});
    auto input = std::make_shared<SourceFile>(SourceFile{"input.xml", "abcdefghij"});
    TracedText t;
    t.append("45", Span{layout, 4});
    t.append("cde", Span{input, 2});
    CHECK(t.text == "45cde");
    CHECK(t.span_at(1).file->path == "layout.xml");
    CHECK(t.span_at(1).offset == 5);
    CHECK(t.span_at(4).file->path == "input.xml");
    CHECK(t.span_at(4).offset == 4);
    CHECK(describe_code_point(U'髙') == "「髙」 (U+9AD9)");
    CHECK(describe_code_point(0x1) == "(U+0001)");
}

TEST_CASE("line and column: line ends of every kind, characters beyond the BMP, the end of the file") {
    SourceFile f{"a.xml", "一\r\n二\r三\n𠮷x"};
    CHECK(f.line_column(f.text().find("二")) == std::pair<int, int>{2, 1});
    CHECK(f.line_column(f.text().find("三")) == std::pair<int, int>{3, 1});  // after a lone CR
    CHECK(f.line_column(f.text().find("x")) == std::pair<int, int>{4, 2});   // 𠮷 is one column
    CHECK(f.line_column(f.text().find("\r")) == std::pair<int, int>{1, 2});
    CHECK(f.line_column(f.text().size()) == std::pair<int, int>{4, 3});
    CHECK(f.line_column(f.text().size() + 10) == std::pair<int, int>{4, 3});  // clamped
    // A combining sequence counts its code points, as editors' column counters do.
    SourceFile g{"b.xml", "葛\xF3\xA0\x84\x80城"};
    CHECK(g.line_column(g.text().find("城")) == std::pair<int, int>{1, 3});
}

TEST_CASE("findings without a place: a file error names its file, a program one says yoshiki") {
    Diagnostics d;
    d.file_error("layouts/x.xml", codes::file_not_found, "cannot read the layout file: No such file or directory");
    d.error(Span{}, codes::internal_error, "internal");
    CHECK(d.all()[0].format() == "layouts/x.xml: error: cannot read the layout file: No such file or directory");
    CHECK(d.all()[1].format() == "yoshiki: error: internal");
    CHECK(d.error_count() == 2);
    CHECK(describe_code_point(U'😀') == "「😀」 (U+1F600)");
    CHECK(describe_code_point(0xE000) == "「\xEE\x80\x80」 (U+E000)");
    CHECK(describe_code_point(0x85) == "(U+0085)");
}
