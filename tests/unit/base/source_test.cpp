// Source positions and UTF-8: the basis of every file:line:column a clerk is shown.
#include <doctest/doctest.h>

#include "base/encoding.hpp"
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

namespace {

// Line and column as the definition says, by walking from the start: what the index must agree with.
std::pair<int, int> walked(std::string_view t, std::size_t offset) {
    int line = 1, column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        bool crlf = t[i] == '\r' && i + 1 < t.size() && t[i + 1] == '\n';
        if (t[i] == '\n' || (t[i] == '\r' && !crlf)) {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(t[i]) & 0xC0) != 0x80) {  // the CR of a CR LF is a column
            ++column;
        }
    }
    return {line, column};
}

}  // namespace

TEST_CASE("the line index agrees with a walk from the start at every offset, across its 4 KiB blocks") {
    // Lines of every ending and length, kanji on both sides of block edges, a CR LF split by one.
    std::string text;
    const char* pieces[] = {"目標\n", "a\r\n", "\r", "𠮷田\r", "", "x"};
    for (int i = 0; text.size() < 3 * 4096 + 100; ++i) {
        text += std::string(static_cast<std::size_t>(i % 97), i % 2 ? 'a' : ' ');
        text += pieces[i % 6];
    }
    text.replace(4095, 2, "\r\n");
    SourceFile f{"t.xml", text};
    for (std::size_t at = 0; at <= text.size(); ++at) {
        if ((static_cast<unsigned char>(text[at < text.size() ? at : 0]) & 0xC0) == 0x80) continue;
        REQUIRE_MESSAGE(f.line_column(at) == walked(text, at), "offset " << at);
    }
}

TEST_CASE("past 100 findings in a file only a count is kept, and one closing line says how many") {
    auto a = std::make_shared<SourceFile>("a.xml", std::string(500, 'x'));
    auto b = std::make_shared<SourceFile>("b.xml", std::string("y"));
    Diagnostics d;
    for (std::size_t i = 0; i < 150; ++i) d.error(Span{a, i}, codes::unknown_element, "unknown element");
    d.warning(Span{a, 0}, codes::font_missing_variant, "a variant");
    d.error(Span{b, 0}, codes::empty_field, "empty");
    CHECK(d.error_count() == 151);
    CHECK(d.all().size() == 101);
    auto all = d.take();
    REQUIRE(all.size() == 102);
    CHECK(all[99].format() == "a.xml:1:100: error: unknown element");
    CHECK(all[100].format() == "b.xml:1:1: error: empty");
    CHECK(all[101].format() ==
          "a.xml: error: 50 more errors and 1 more warning in this file are not listed (only the first 100 are)\n"
          "  hint: correct the mistakes above and check the file again");
    CHECK(all[101].code == "too-many-diagnostics");
    CHECK(all[101].offset == yoshiki::Diagnostic::whole_file);
}

TEST_CASE("a finding carries its code and its byte offset in the file as read, byte order mark and all") {
    auto f = std::make_shared<SourceFile>("a.xml", "\xEF\xBB\xBF<a>\n目<b/>", 3);
    CHECK(f->text() == "<a>\n目<b/>");
    CHECK(f->bytes().size() == f->text().size() + 3);
    Diagnostics d;
    d.error(Span{f, f->text().find("<b/>")}, codes::unknown_element, "unknown element <b> in <a>");
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].code == "unknown-element");
    CHECK(d.all()[0].line == 2);
    CHECK(d.all()[0].column == 2);
    CHECK(d.all()[0].offset == 3 + 4 + 3);
}

TEST_CASE("in a decoded file the offset is that of the character's bytes in the original encoding") {
    // Shift_JIS: 目 is 2 bytes there, 3 in UTF-8. Long enough for several 4 KiB checkpoints.
    std::string sjis, utf8;
    for (int i = 0; i < 3000; ++i) {
        sjis += "\x96\xda" "a";  // 目a
        utf8 += "目a";
    }
    sjis += "<x/>";
    utf8 += "<x/>";
    auto decoded = encoding::decode(sjis, "CP932");
    REQUIRE(decoded.text == utf8);
    CHECK(decoded.checkpoints.size() == 3);
    SourceFile f("s.xml", sjis, 0, decoded);
    CHECK(f.file_offset(utf8.find("<x/>")) == sjis.find("<x/>"));
    CHECK(f.file_offset(4 * 2001) == 3 * 2001);  // the 目 of the 2002nd pair, past the first checkpoint
    CHECK(f.line_column(utf8.find("<x/>")) == std::pair<int, int>{1, 6001});

    // ISO-2022-JP: the character set switched by an escape before a checkpoint stays in force.
    std::string jis = "\x1B$B";
    std::string jis_utf8;
    for (int i = 0; i < 2100; ++i) {
        jis += "L\\";  // 目 in JIS X 0208
        jis_utf8 += "目";
    }
    jis += "\x1B(Bz";
    jis_utf8 += "z";
    auto iso = encoding::decode(jis, "ISO-2022-JP-3");
    REQUIRE(iso.text == jis_utf8);
    REQUIRE(iso.checkpoints.size() == 2);
    CHECK(iso.checkpoints[1].shift == "\x1B$B");
    SourceFile g("j.xml", jis, 0, iso);
    CHECK(g.file_offset(jis_utf8.size() - 1) == jis.size() - 1);     // z, after the escape back to ASCII
    CHECK(g.file_offset(3 * 2050) == 3 + 2 * 2050);                   // a 目 past the checkpoint
}

TEST_CASE("decoding stops at the first byte that begins no character, and says where") {
    auto d = encoding::decode(std::string(5000, 'a') + "\x81", "CP932");  // a lead byte cut by the end
    CHECK(d.bad == 5000);
    CHECK(d.text == std::string(5000, 'a'));
    auto e = encoding::decode("ab\xA0" "c", "EUC-JP-MS");
    CHECK(e.bad == 2);
    CHECK_FALSE(encoding::decode("x", "NO-SUCH-ENCODING").available);
}
