// The parse stage: strict XML, fiscal years, white space, and inputs checked against the form.
#include <doctest/doctest.h>

#include "parse/fiscal_year.hpp"
#include "parse/layout_reader.hpp"
#include "parse/sheet_reader.hpp"
#include "parse/xml.hpp"
#include "test_support.hpp"

using namespace yoshiki;

namespace {

// Loads xml and reads the root's text (references are decoded when text is read).
std::string first_error(const std::string& xml) {
    base::Diagnostics d;
    auto f = parse::load_xml_bytes("t.xml", xml, d);
    if (f) parse::element_text(*f, f->doc.document_element(), d);
    return d.all().empty() ? std::string() : d.all()[0].format();
}

base::TracedText traced(const std::string& s) {
    base::TracedText t;
    t.append(s, base::Span{std::make_shared<base::SourceFile>(base::SourceFile{"t.xml", s}), 0});
    return t;
}

}  // namespace

TEST_CASE("XML: what pugixml lets through is an error here") {
    CHECK(first_error("<a>&nbsp;</a>") == "t.xml:1:4: error: undefined entity reference '&nbsp;'\n"
                                          "  hint: XML knows only &lt; &gt; &amp; &apos; &quot; and numeric references such as &#x9AD9;");
    CHECK(first_error("<a x=\"1\" x=\"2\"/>") == "t.xml:1:10: error: attribute 'x' appears twice on <a>");
    CHECK(first_error("<!DOCTYPE a [<!ENTITY e \"x\">]><a/>").find("DOCTYPE") != std::string::npos);
    CHECK(first_error("<a>\x01</a>") == "t.xml:1:4: error: character (U+0001) is not allowed in XML");
    CHECK(first_error("<a>&#0;</a>").find("not a valid XML character") != std::string::npos);
    CHECK(first_error("<a>\n<b></a>").find("t.xml:2:") == 0);
    CHECK(first_error("<a>目\x93</a>").find("not valid UTF-8: byte 0x93 at byte offset 6") != std::string::npos);
    CHECK(first_error("<a>&#x9AD9;&amp;&lt;</a>").empty());
}

TEST_CASE("XML: declared legacy encodings are converted") {
    base::Diagnostics d;
    // 髙 and ① exist only in Windows-31J, the Shift_JIS of spreadsheet exports.
    std::string sjis = "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><a>\xFB\xFC\x87\x40</a>";
    auto f = parse::load_xml_bytes("t.xml", sjis, d);
    REQUIRE(f);
    CHECK(parse::element_text(*f, f->doc.document_element(), d).text == "髙①");
    std::string utf16 = std::string("\xFF\xFE<\0a\0>\0\xEE\x76<\0/\0a\0>\0", 18);
    auto g = parse::load_xml_bytes("t.xml", utf16, d);
    REQUIRE(g);
    CHECK(parse::element_text(*g, g->doc.document_element(), d).text == "目");
    CHECK(d.all().empty());
    CHECK(first_error("<?xml version=\"1.0\" encoding=\"KOI8-R\"?><a/>").find("not supported") != std::string::npos);
}

TEST_CASE("fiscal years: every way clerks write them, printed in 和暦") {
    std::string e;
    CHECK(parse::read_fiscal_year("令和5年度", e) == 2023);
    CHECK(parse::read_fiscal_year("R5", e) == 2023);
    CHECK(parse::read_fiscal_year("2023", e) == 2023);
    CHECK(parse::read_fiscal_year("２０２３年度", e) == 2023);
    CHECK(parse::read_fiscal_year("令和元年度", e) == 2019);
    CHECK(parse::read_fiscal_year("平成30年度", e) == 2018);
    CHECK(parse::read_fiscal_year("H31", e) == 2019);
    CHECK(parse::read_fiscal_year("令和１１年度", e) == 2029);
    for (const char* bad : {"令和0年度", "平成32年度", "R", "1988", "2101", "昭和60年度", "五年度", "R5.5"}) {
        INFO(bad);
        CHECK_FALSE(parse::read_fiscal_year(bad, e).has_value());
    }
    CHECK(parse::format_fiscal_year(2026) == "令和8年度");
    CHECK(parse::format_fiscal_year(2019) == "令和元年度");
    CHECK(parse::format_fiscal_year(1989) == "平成元年度");
}

TEST_CASE("white space: line breaks between Japanese vanish, Latin words keep one space") {
    CHECK(parse::normalize_space(traced("\n   自治会の\n   現状は、\n")).text == "自治会の現状は、");
    CHECK(parse::normalize_space(traced("LINE\n  を活用")).text == "LINEを活用");
    CHECK(parse::normalize_space(traced("digital\n  transformation")).text == "digital transformation");
    CHECK(parse::normalize_space(traced("酒巻 義一")).text == "酒巻 義一");
    CHECK(parse::normalize_space(traced("a\t\tb")).text == "a b");
    CHECK(parse::normalize_space(traced("　全角　")).text == "　全角　");
    CHECK(parse::normalize_space(traced(" \t ")).text.empty());
    CHECK(parse::normalize_space(traced("\xE2\x80\x8B")).text.empty());  // a lone zero-width space
    // The spans still point at the characters.
    auto t = parse::normalize_space(traced("\n  現状"));
    CHECK(t.span_at(0).offset == 3);
}

TEST_CASE("the goal-sheet layout and the seed read cleanly; mistakes are named") {
    base::Diagnostics d;
    auto layout = parse::read_layout(test::source_path("layouts/goal-sheet.xml"), d);
    REQUIRE(layout);
    CHECK(d.all().empty());
    CHECK(layout->schema.root == "goal-sheets");
    CHECK(layout->styles.size() >= 8);
    auto file = parse::load_sheet_file(test::source_path("inputs/r8/soumu.xml"), d);
    REQUIRE(file);
    auto data = parse::read_sheet(*file, layout->schema, d);
    REQUIRE(data);
    CHECK(data->sheets.size() == 3);
    CHECK(data->shared.at("signer/name").text.text == "酒巻 義一");
    CHECK(data->shared.at("duties").blocks.size() == 6);
    CHECK(data->sheets[1].fields.at("values/final").text.text == "68地区");
    CHECK(data->sheets[2].fields.at("values/initial/@year").text.text == "令和5年度");
    CHECK(*data->sheets[2].fields.at("values/initial/@year").gregorian_year == 2023);

    // A misspelt field, a missing one and an empty one, all reported at once.
    std::string bad =
        "<goal-sheets><fiscal-year>R8</fiscal-year><department>総務課</department>"
        "<signer><title>課長</title><nam>名</nam></signer><duties><item>x</item></duties><served/>"
        "<sheet><goal/></sheet></goal-sheets>";
    base::Diagnostics e;
    auto f2 = parse::load_xml_bytes("bad.xml", bad, e);
    REQUIRE(f2);
    CHECK_FALSE(parse::read_sheet(*f2, layout->schema, e));
    std::string all;
    for (const auto& x : e.all()) all += x.format() + "\n";
    CHECK(all.find("unknown element <nam> in <signer>\n  hint: did you mean <name>?") != std::string::npos);
    CHECK(all.find("氏名 (<name>) is missing") != std::string::npos);
    CHECK(all.find("業務の対象 (<served>) is empty") != std::string::npos);
    CHECK(all.find("目標名 (<goal>) is empty in 目標 1") != std::string::npos);
    CHECK(all.find("指標名 (<indicator>) is missing in 目標 1") != std::string::npos);
}

TEST_CASE("layout mistakes: unknown references, rows that do not fill the table") {
    std::string layout = R"(<layout name="t">
  <font id="m" file="/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"/>
  <style id="s" font="m" size="10pt"/>
  <style id="x" font="mm" size="10pt"/>
  <fields root="r"><text name="a"/><sheet name="sheet"><text name="b"/></sheet></fields>
  <sheet-template>
    <paragraph style="s">{a} {c}</paragraph>
    <table columns="10mm 20mm"><row><cell style="s">{b}</cell></row></table>
  </sheet-template>
</layout>)";
    std::string path = "/tmp/yoshiki-layout-test.xml";
    FILE* f = std::fopen(path.c_str(), "w");
    std::fputs(layout.c_str(), f);
    std::fclose(f);
    base::Diagnostics d;
    CHECK_FALSE(parse::read_layout(path, d));
    std::string all;
    for (const auto& x : d.all()) all += x.format() + "\n";
    INFO(all);
    CHECK(all.find(":4:23: error: unknown font 'mm'") != std::string::npos);
    CHECK(all.find("the template refers to '{c}'") != std::string::npos);
    CHECK(all.find(":8:32: error: the cells of this row fill 1 of the table's 2 columns") != std::string::npos);
    std::remove(path.c_str());
}
