// The bind stage: templates filled from the sheet first, then the department; block fields
// become paragraphs and list items; every character still knows where it came from.
#include <doctest/doctest.h>

#include "bind/bind.hpp"
#include "parse/layout_reader.hpp"
#include "parse/parse_support.hpp"
#include "parse/sheet_reader.hpp"
#include "test_support.hpp"

using namespace yoshiki;

TEST_CASE("binding the seed to the goal-sheet layout") {
    base::Diagnostics d;
    auto layout = test::read_layout_file(test::source_path("layouts/goal-sheet.xml"), d);
    auto file = test::load_input_file(test::source_path("inputs/r8/soumu.xml"), d);
    REQUIRE(layout);
    REQUIRE(file);
    auto data = parse::read_sheet(*file, layout->schema, d);
    REQUIRE(data);
    bind::Document doc = bind::bind(*layout, *data, 0);
    CHECK(doc.info.title == "令和8年度 目標設定書（総務課）");
    CHECK(doc.info.author == "酒巻 義一");
    CHECK(doc.info.department == "総務課");
    CHECK(doc.info.fiscal_year == "令和8年度");
    REQUIRE(doc.sheets.size() == 3);
    CHECK(doc.sheets[1].outline_title == "災害に強いまちづくり");

    const auto& blocks = doc.sheets[0].blocks;
    const auto& title = std::get<bind::TextBlock>(blocks[0]).paragraph;
    CHECK(title.text.text == "令和8年度 目標設定書（総務課）");
    // 目標設定書 comes from the layout, 総務課 from the input.
    CHECK(title.text.span_at(title.text.text.find("目標")).file->path.find("goal-sheet.xml") != std::string::npos);
    CHECK(title.text.span_at(title.text.text.find("総務課")).file->path.find("soumu.xml") != std::string::npos);

    const auto& table = std::get<bind::Table>(blocks[2]);
    CHECK(table.columns.size() == 3);
    // Row 2: the duties, six bulleted items.
    const auto& duties = table.rows[1].cells[0].paragraphs;
    REQUIRE(duties.size() == 6);
    CHECK(duties[0].marker == "・");
    CHECK_FALSE(duties[0].first_line_indent);
    // Row 8: 数値目標 spans four rows; its sub-label carries the year.
    const auto& values = table.rows[7];
    CHECK(values.cells[0].row_span == 4);
    CHECK(values.cells[1].paragraphs[0].text.text == "初期値（令和5年度）");
    CHECK(values.cells[2].paragraphs[0].text.text == "74.6%");
    CHECK(values.cells[2].column == 2);
    // The next row's cells start in the second column, beside the spanning label.
    CHECK(table.rows[8].cells[0].column == 1);
    CHECK(bind::fill_page_numbers("総務課　{page} / {pages}", 2, 3) == "総務課　2 / 3");
}

namespace {

std::pair<int, int> place(const base::TracedText& t, std::size_t offset) {
    base::Span s = t.span_at(offset);
    REQUIRE(s.file);
    return s.file->line_column(s.offset);
}

}  // namespace

TEST_CASE("templates are filled from the sheet, then the department; every character maps back to file:line:col") {
    std::string layout_path = test::write_temp(
        "bind-layout.xml",
        "<layout name=\"t\">\n"                                                                 // 1
        "  <font id=\"m\" file=\"/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf\"/>\n"  // 2
        "  <style id=\"s\" font=\"m\" size=\"10pt\" bullet=\"・\"/>\n"                        // 3
        "  <fields root=\"r\"><text name=\"dept\"/><text name=\"year\" type=\"fiscal-year\"/>\n"  // 4
        "    <sheet name=\"sheet\"><text name=\"goal\"/><text name=\"note\" optional=\"yes\"/>\n"  // 5
        "      <blocks name=\"items\"/></sheet></fields>\n"                                   // 6
        "  <metadata title=\"{year} 目標（{dept}）\" sheet-outline=\"{goal}\"/>\n"             // 7
        "  <sheet-template>\n"                                                              // 8
        "    <paragraph style=\"s\">{year}目標{{{dept}}}</paragraph>\n"                       // 9
        "    <table columns=\"20mm 20mm\">\n"                                                // 10
        "      <row><cell style=\"s\">目標名</cell><cell style=\"s\">{goal}[{note}]</cell></row>\n"  // 11
        "      <row><cell style=\"s\" span=\"2\" content=\"items\"/></row>\n"               // 12
        "    </table>\n"                                                                    // 13
        "  </sheet-template>\n"                                                             // 14
        "</layout>\n");
    const std::string input =
        "<r>\n"                                        // 1
        "  <dept>総務課</dept>\n"                      // 2
        "  <year>R8</year>\n"                          // 3
        "  <sheet>\n"                                  // 4
        "    <goal>地域の\n      推進</goal>\n"       // 5, 6
        "    <items><item>一つ目</item><p>段落</p></items>\n"  // 7
        "  </sheet>\n"                                 // 8
        "</r>\n";
    base::Diagnostics d;
    auto layout = test::read_layout_file(layout_path, d);
    REQUIRE(layout);
    auto file = parse::load_xml_bytes("in.xml", input, d);
    REQUIRE(file);
    auto data = parse::read_sheet(*file, layout->schema, d);
    REQUIRE(data);
    CHECK(test::all_diagnostics(d) == "");

    bind::Document doc = bind::bind(*layout, *data, 1234);
    CHECK(doc.info.title == "令和8年度 目標（総務課）");
    CHECK(doc.info.fiscal_year == "令和8年度");
    CHECK(doc.info.creation_time == 1234);
    REQUIRE(doc.sheets.size() == 1);
    CHECK(doc.sheets[0].outline_title == "地域の推進");

    // The paragraph: the year from the input, fixed text from the layout, "{{" a literal brace.
    const base::TracedText& title = std::get<bind::TextBlock>(doc.sheets[0].blocks[0]).paragraph.text;
    CHECK(title.text == "令和8年度目標{総務課}");
    CHECK(place(title, 0) == std::pair<int, int>{3, 9});                      // R8 in the input
    CHECK(title.span_at(title.text.find("目標")).file->path == layout_path);
    CHECK(place(title, title.text.find("目標")) == std::pair<int, int>{9, 32});  // in the layout
    CHECK(place(title, title.text.find("{")) == std::pair<int, int>{9, 34});
    CHECK(place(title, title.text.find("総務課")) == std::pair<int, int>{2, 9});
    CHECK(place(title, title.text.find("}")) == std::pair<int, int>{9, 42});

    const auto& table = std::get<bind::Table>(doc.sheets[0].blocks[1]);
    REQUIRE(table.rows.size() == 2);
    // An optional field left out is empty; the text around it stays.
    const base::TracedText& goal = table.rows[0].cells[1].paragraphs[0].text;
    CHECK(goal.text == "地域の推進[]");
    CHECK(place(goal, goal.text.find("推進")) == std::pair<int, int>{6, 7});   // after the folded line break
    CHECK(place(goal, goal.text.find("[")) == std::pair<int, int>{11, 60});
    CHECK(table.rows[0].cells[1].column == 1);
    // A block field: an item with the style's bullet, then a paragraph.
    const auto& items = table.rows[1].cells[0].paragraphs;
    REQUIRE(items.size() == 2);
    CHECK(items[0].marker == "・");
    CHECK(items[0].text.text == "一つ目");
    CHECK(place(items[0].text, 0) == std::pair<int, int>{7, 18});
    CHECK(items[1].marker.empty());
    CHECK(items[1].first_line_indent);
    CHECK(place(items[1].text, 0) == std::pair<int, int>{7, 31});
}
