// Inputs read against the form's fields (src/parse/sheet_reader.cpp): unknown elements and
// attributes named with a hint, missing and empty fields named by their label, fiscal years, and
// white space as clerks mean it.
#include <doctest/doctest.h>

#include "base/limits.hpp"
#include "parse/layout_reader.hpp"
#include "parse/parse_support.hpp"
#include "parse/sheet_reader.hpp"
#include "test_support.hpp"

using namespace yoshiki;

namespace {

const parse::FormLayout& goal_sheet() {
    static const parse::FormLayout layout = [] {
        base::Diagnostics d;
        auto l = test::read_layout_file(test::source_path("layouts/goal-sheet.xml"), d);
        REQUIRE(l);
        return *l;
    }();
    return layout;
}

// A complete input of one sheet; line 11 is <sheet>, line 12 <goal>.
const std::string valid =
    "<goal-sheets>\n"                                                                   // 1
    "  <fiscal-year>R8</fiscal-year>\n"                                                 // 2
    "  <department>総務課</department>\n"                                               // 3
    "  <signer>\n"                                                                      // 4
    "    <title>総務課長</title>\n"                                                     // 5
    "    <name>酒巻 義一</name>\n"                                                      // 6
    "  </signer>\n"                                                                     // 7
    "  <duties><item>防災に関すること</item></duties>\n"                                // 8
    "  <served><p>町民のために。</p></served>\n"                                        // 9
    "\n"                                                                                // 10
    "  <sheet>\n"                                                                       // 11
    "    <goal>地域コミュニティの推進</goal>\n"                                         // 12
    "    <indicator>自治会加入割合</indicator>\n"                                       // 13
    "    <values>\n"                                                                    // 14
    "      <initial year=\"2023\">74.6%</initial>\n"                                    // 15
    "      <current year=\"令和7年度\">71.4%</current>\n"                               // 16
    "      <target year=\"R8\">72.4%</target>\n"                                        // 17
    "      <final year=\"令和１１年度\">75.0%</final>\n"                                // 18
    "    </values>\n"                                                                   // 19
    "    <basis>町の総合計画による。</basis>\n"                                          // 20
    "    <summary>補助金を交付する。</summary>\n"                                       // 21
    "    <effects><p>活性化が期待できます。</p></effects>\n"                            // 22
    "    <review><p>周知が足りませんでした。</p></review>\n"                            // 23
    "    <actions><list><item>広報する</item></list></actions>\n"                       // 24
    "  </sheet>\n"                                                                      // 25
    "</goal-sheets>\n";

std::string replaced(std::string s, const std::string& from, const std::string& to) {
    std::size_t at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}

struct Read {
    std::optional<parse::SheetData> data;
    std::string diagnostics;
};

Read read(const std::string& xml) {
    base::Diagnostics d;
    auto f = parse::load_xml_bytes("in.xml", xml, d);
    Read r;
    if (f) r.data = parse::read_sheet(*f, goal_sheet().schema, d);
    r.diagnostics = test::all_diagnostics(d);
    return r;
}

base::TracedText traced(const std::string& s) {
    base::TracedText t;
    t.append(s, base::Span{std::make_shared<base::SourceFile>(base::SourceFile{"t.xml", s}), 0});
    return t;
}

}  // namespace

TEST_CASE("a complete input is read; fiscal years are printed in 和暦 and remember the year") {
    Read r = read(valid);
    CHECK(r.diagnostics == "");
    REQUIRE(r.data);
    REQUIRE(r.data->sheets.size() == 1);
    const auto& shared = r.data->shared;
    CHECK(shared.at("fiscal-year").text.text == "令和8年度");
    CHECK(*shared.at("fiscal-year").gregorian_year == 2026);
    CHECK(shared.at("signer/name").text.text == "酒巻 義一");
    const auto& v = r.data->sheets[0].fields;
    CHECK(v.at("values/initial/@year").text.text == "令和5年度");
    CHECK(v.at("values/final/@year").text.text == "令和11年度");
    CHECK(*v.at("values/final/@year").gregorian_year == 2029);
    CHECK(v.at("actions").blocks.size() == 1);
    CHECK(v.at("actions").blocks[0].kind == parse::Block::Kind::item);
    // Every character of a rewritten year points at what the clerk wrote: "R8" on line 17.
    const base::TracedText& year = v.at("values/target/@year").text;
    for (std::size_t i = 0; i < year.text.size(); ++i) {
        if ((static_cast<unsigned char>(year.text[i]) & 0xC0) == 0x80) continue;  // characters, not their inner bytes
        INFO(i);
        CHECK(year.span_at(i).file->line_column(year.span_at(i).offset) == std::pair<int, int>{17, 21});
    }
}

TEST_CASE("a misspelt element is named with a hint, and not reported missing as well") {
    Read r = read(replaced(replaced(valid, "<basis>", "<bassis>"), "</basis>", "</bassis>"));
    CHECK_FALSE(r.data);
    CHECK(r.diagnostics == "in.xml:20:5: error: unknown element <bassis> in <sheet>\n  hint: did you mean <basis>?\n");
    // Without a likely match, the hint lists what is allowed, and the field is missing.
    r = read(replaced(valid, "<signer>", "<signer>\n    <kana>さかまき</kana>"));
    CHECK(r.diagnostics == "in.xml:5:5: error: unknown element <kana> in <signer>\n  hint: allowed here: <title> <name>\n");
    r = read(replaced(replaced(valid, "<name>", "<nam>"), "</name>", "</nam>"));
    CHECK(r.diagnostics == "in.xml:6:5: error: unknown element <nam> in <signer>\n  hint: did you mean <name>?\n");
}

TEST_CASE("a misspelt attribute is named with a hint, and not reported missing as well") {
    Read r = read(replaced(valid, "<initial year=", "<initial yaer="));
    CHECK(r.diagnostics == "in.xml:15:16: error: unknown attribute 'yaer' on <initial>\n  hint: did you mean 'year'?\n");
    r = read(replaced(valid, "<goal>", "<goal lang=\"ja\">"));
    CHECK(r.diagnostics == "in.xml:12:11: error: unknown attribute 'lang' on <goal>\n  hint: <goal> takes no attributes\n");
}

TEST_CASE("a missing required field is named by its label, at the element that lacks it") {
    Read r = read(replaced(valid, "    <indicator>自治会加入割合</indicator>\n", ""));
    CHECK_FALSE(r.data);
    CHECK(r.diagnostics ==
          "in.xml:11:3: error: 指標名 (<indicator>) is missing in 目標 1\n  hint: add <indicator>…</indicator> to <sheet>\n");
    // In the second sheet, it is 目標 2.
    std::string two = replaced(valid, "</goal-sheets>", "  <sheet><goal>二</goal></sheet>\n</goal-sheets>");
    r = read(two);
    CHECK(r.diagnostics.find("in.xml:26:3: error: 指標名 (<indicator>) is missing in 目標 2\n") != std::string::npos);
    r = read(replaced(valid, "      <initial year=\"2023\">74.6%</initial>\n", ""));
    CHECK(r.diagnostics == "in.xml:14:5: error: 初期値 (<initial>) is missing in 目標 1\n  hint: add <initial>…</initial> to <values>\n");
    r = read(replaced(valid, "<initial year=\"2023\">", "<initial>"));
    CHECK(r.diagnostics == "in.xml:15:7: error: 初期値の年度 is missing: <initial> needs the attribute 'year' in 目標 1\n");
    r = read(replaced(valid, "  <department>総務課</department>\n", ""));
    CHECK(r.diagnostics == "in.xml:1:1: error: 課名 (<department>) is missing\n  hint: add <department>…</department> to <goal-sheets>\n");
}

TEST_CASE("an empty field is an error: nothing, white space, an ideographic space, a zero-width space") {
    for (const char* blank : {"", " \n  ", "　", "\u200B", "\u200B \u200B"}) {
        INFO(blank);
        Read r = read(replaced(valid, "<indicator>自治会加入割合</indicator>", std::string("<indicator>") + blank + "</indicator>"));
        CHECK(r.diagnostics == "in.xml:13:5: error: 指標名 (<indicator>) is empty in 目標 1\n");
    }
    Read r = read(replaced(valid, "<initial year=\"2023\">", "<initial year=\" \">"));
    CHECK(r.diagnostics == "in.xml:15:22: error: 初期値の年度 is empty in 目標 1\n");
    r = read(replaced(valid, "<served><p>町民のために。</p></served>", "<served><p> </p></served>"));
    CHECK(r.diagnostics == "in.xml:9:3: error: 業務の対象 (<served>) is empty\n");
}

TEST_CASE("an impossible fiscal year is an error at the value, with its label") {
    Read r = read(replaced(valid, "<current year=\"令和7年度\">", "<current year=\"平成32年度\">"));
    CHECK(r.diagnostics == "in.xml:16:22: error: 現状値の年度: '平成32年度' does not exist: 平成 runs from 平成元年度 to 平成31年度\n");
    r = read(replaced(valid, "<fiscal-year>R8", "<fiscal-year>R"));
    CHECK(r.diagnostics == "in.xml:2:16: error: 年度: 'R' is not a fiscal year; write it as 令和5年度, R5 or 2023\n");
}

TEST_CASE("other mistakes of structure") {
    Read r = read(replaced(valid, "<basis>町の", "<basis>町<b>の</b>"));
    CHECK(r.diagnostics == "in.xml:20:13: error: unknown element <b> inside <basis>\n  hint: <basis> holds text only\n");
    r = read(replaced(valid, "  <sheet>\n", "  <sheet>\n    迷子の文\n"));
    CHECK(r.diagnostics == "in.xml:11:10: error: text directly inside <sheet> belongs in one of its fields\n");
    r = read(replaced(valid, "<effects><p>", "<effects>前置き<p>"));
    CHECK(r.diagnostics == "in.xml:22:14: error: text in <effects> (期待される効果) must be inside <p> or <item>\n");
    r = read(replaced(valid, "    <basis>", "    <goal>二度目</goal>\n    <basis>"));
    CHECK(r.diagnostics == "in.xml:20:5: error: 目標名 (<goal>) is written twice in 目標 1\n");
    r = read(replaced(valid, "<list>", "<list numbering=\"A\">"));
    CHECK(r.diagnostics == "in.xml:24:31: error: numbering 'A' is not known\n  hint: use bullet, （1）, (1), ① or 1.\n");
    r = read("<sheets/>");
    CHECK(r.diagnostics == "in.xml:1:1: error: this form's input starts with <goal-sheets>, not <sheets>\n");
    r = read(replaced(valid, "<goal-sheets>\n", "<goal-sheets date=\"2026-02-30\">\n"));
    CHECK(r.diagnostics == "in.xml:1:20: error: date '2026-02-30' is not a date\n  hint: write it as YYYY-MM-DD, e.g. 2026-04-01\n");
}

TEST_CASE("white space: line breaks between Japanese vanish, between Latin words become a space") {
    CHECK(parse::normalize_space(traced("\n   自治会の\n   現状は、\n")).text == "自治会の現状は、");
    CHECK(parse::normalize_space(traced("自治会の\r\n現状")).text == "自治会の現状");
    CHECK(parse::normalize_space(traced("自治会の\r現状")).text == "自治会の現状");  // a lone CR ends a line too
    CHECK(parse::normalize_space(traced("LINE\n  を活用")).text == "LINEを活用");
    CHECK(parse::normalize_space(traced("「\n  LINE」")).text == "「LINE」");
    CHECK(parse::normalize_space(traced("digital\n  transformation")).text == "digital transformation");
    CHECK(parse::normalize_space(traced("酒巻 義一")).text == "酒巻 義一");  // a space on one line is the clerk's
    CHECK(parse::normalize_space(traced("a\t\tb")).text == "a b");
    CHECK(parse::normalize_space(traced("　全角　")).text == "　全角　");
    CHECK(parse::normalize_space(traced(" \t ")).text.empty());
    CHECK(parse::normalize_space(traced("\u200B")).text.empty());
    CHECK(parse::normalize_space(traced("\u200B \u200B")).text.empty());
    CHECK(parse::normalize_space(traced("　\n　")).text.empty());
    // The spans still point at the characters.
    auto t = parse::normalize_space(traced("\n  現状\n  LINE"));
    CHECK(t.text == "現状LINE");
    CHECK(t.span_at(0).offset == 3);
    CHECK(t.span_at(6).offset == 12);
}

TEST_CASE("paragraphs: a multi-line <p> is one paragraph; blank ones are dropped") {
    Read r = read(replaced(valid, "<effects><p>活性化が期待できます。</p></effects>",
                           "<effects>\n      <p>\n        地域の\n        活性化が期待できます。\n      </p>\n"
                           "      <p> </p>\n      <p>\u200B</p>\n      <p>　</p>\n"
                           "      <p>LINE\n        and e-mail</p>\n    </effects>"));
    CHECK(r.diagnostics == "");
    REQUIRE(r.data);
    const auto& blocks = r.data->sheets[0].fields.at("effects").blocks;
    REQUIRE(blocks.size() == 2);
    CHECK(blocks[0].text.text == "地域の活性化が期待できます。");
    CHECK(blocks[1].text.text == "LINE and e-mail");
    // The paragraph's first character is on line 24, column 9.
    CHECK(blocks[0].text.span_at(0).file->line_column(blocks[0].text.span_at(0).offset) == std::pair<int, int>{24, 9});
}

TEST_CASE("processing instructions for other programs are passed over; the text around them is kept") {
    std::string xml = "<?xml version=\"1.0\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"x.xsl\"?>\n" + valid + "<?oxygen end?>\n";
    xml = replaced(xml, "<goal>地域コミュニティの推進", "<goal>地域<?oxygen mark?>コミュニティの推進");
    xml = replaced(xml, "<name>酒巻 義一", "<name>酒巻<?editor a?> <?editor b?>義一");
    xml = replaced(xml, "<p>活性化が期待できます。</p>", "<?editor fold?><p>活性化が<?x?>\n<?y?>期待できます。</p><?editor end?>");
    xml = replaced(xml, "<list><item>広報する</item></list>", "<list><?editor?><item>広<?x?>報する</item></list>");
    Read r = read(xml);
    CHECK(r.diagnostics == "");
    REQUIRE(r.data);
    REQUIRE(r.data->sheets.size() == 1);
    CHECK(r.data->shared.at("signer/name").text.text == "酒巻 義一");
    const auto& v = r.data->sheets[0].fields;
    CHECK(v.at("goal").text.text == "地域コミュニティの推進");
    REQUIRE(v.at("effects").blocks.size() == 1);
    CHECK(v.at("effects").blocks[0].text.text == "活性化が期待できます。");
    REQUIRE(v.at("actions").blocks.size() == 1);
    CHECK(v.at("actions").blocks[0].text.text == "広報する");
    // The characters after one still point at their place: コ of コミュニティ, line 14 (two
    // lines before the input's own), column 28.
    const base::TracedText& goal = v.at("goal").text;
    const base::Span ko = goal.span_at(std::string("地域").size());
    CHECK(ko.file->line_column(ko.offset) == std::pair<int, int>{14, 28});

    // One addressed to yoshiki is refused, at its place.
    Read refused = read(replaced(valid, "<goal>地域", "<goal>地域<?yoshiki break?>"));
    CHECK_FALSE(refused.data);
    CHECK(refused.diagnostics ==
          "in.xml:12:13: error: yoshiki reads no processing instructions: <?yoshiki …?> would change nothing\n"
          "  hint: write what it says in the file's elements and attributes, or remove it\n");
}

TEST_CASE("the layout an input names is read as written, and its place kept") {
    base::Diagnostics d;
    auto f = parse::load_xml_bytes("inputs/r8/in.xml", "<goal-sheets\n  layout=\"../../layouts/goal-sheet.xml\"/>", d);
    REQUIRE(f);
    base::Span at;
    CHECK(parse::named_layout(*f, d, &at) == std::optional<std::string>("../../layouts/goal-sheet.xml"));
    CHECK(at.file->line_column(at.offset) == std::pair<int, int>{2, 11});
    auto named = parse::load_xml_bytes("in.xml", "<goal-sheets layout=\"goal-sheet\"/>", d);
    REQUIRE(named);
    CHECK(parse::named_layout(*named, d) == std::optional<std::string>("goal-sheet"));
    auto g = parse::load_xml_bytes("in.xml", "<goal-sheets/>", d);
    REQUIRE(g);
    CHECK_FALSE(parse::named_layout(*g, d));
    CHECK(d.all().empty());
}

TEST_CASE("a text longer than the limit is refused unread, once, and not also called empty") {
    std::string long_goal(base::limits::max_text_bytes + 1, 'x');
    Read r = read(replaced(valid, "地域コミュニティの推進", long_goal));
    CHECK_FALSE(r.data);
    CHECK(r.diagnostics == "in.xml:12:5: error: this text is longer than 100000 bytes\n");
    Read p = read(replaced(valid, "<p>活性化が期待できます。</p>", "<p>" + long_goal + "</p>"));
    CHECK(p.diagnostics == "in.xml:22:14: error: this text is longer than 100000 bytes\n");
    Read a = read(replaced(valid, "year=\"2023\"", "year=\"" + long_goal + "\""));
    CHECK(a.diagnostics == "in.xml:15:22: error: this text is longer than 100000 bytes\n");
}

TEST_CASE("more paragraphs than the limit: one error where the limit is passed, no field called empty") {
    std::string many;
    for (std::size_t i = 0; i <= base::limits::max_paragraphs; ++i) many += "<p>段落</p>";
    Read r = read(replaced(valid, "<p>周知が足りませんでした。</p>", many));
    CHECK_FALSE(r.data);
    // Three blocks come before <review> (<duties>, <served>, <effects>): the limit is passed at its
    // 19,998th <p>, 9 columns each.
    CHECK(r.diagnostics == "in.xml:23:" + std::to_string(13 + 9 * (base::limits::max_paragraphs - 3)) +
                               ": error: more than 20000 paragraphs and list items in one file; yoshiki sets no more\n");
}

TEST_CASE("values quoted in messages are clipped: a megabyte of date is no megabyte of message") {
    Read r = read(replaced(valid, "<goal-sheets>", "<goal-sheets date=\"" + std::string(1 << 20, '9') + "\">"));
    CHECK(r.diagnostics == "in.xml:1:20: error: date '" + std::string(60, '9') + "…' is not a date\n"
                           "  hint: write it as YYYY-MM-DD, e.g. 2026-04-01\n");
}

TEST_CASE("status: a draft unless the input says final") {
    Read r = read(valid);
    REQUIRE(r.data);
    CHECK_FALSE(r.data->final);
    std::string root = "<goal-sheets";
    r = read(replaced(valid, root, root + " status=\"final\""));
    REQUIRE(r.data);
    CHECK(r.data->final);
    r = read(replaced(valid, root, root + " status=\"draft\""));
    REQUIRE(r.data);
    CHECK_FALSE(r.data->final);
    r = read(replaced(valid, root, root + " status=\"approved\""));
    CHECK_FALSE(r.data);
    CHECK(r.diagnostics == "in.xml:1:22: error: status 'approved' is not known\n"
                           "  hint: write status=\"draft\" (案, the default) or status=\"final\" (approved, to be signed)\n");
}
