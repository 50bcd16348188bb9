// The bind stage: templates filled from the sheet first, then the department; block fields
// become paragraphs and list items; every character still knows where it came from.
#include <doctest/doctest.h>

#include "bind/bind.hpp"
#include "parse/layout_reader.hpp"
#include "parse/sheet_reader.hpp"
#include "test_support.hpp"

using namespace yoshiki;

TEST_CASE("binding the seed to the goal-sheet layout") {
    base::Diagnostics d;
    auto layout = parse::read_layout(test::source_path("layouts/goal-sheet.xml"), d);
    auto file = parse::load_sheet_file(test::source_path("inputs/r8/soumu.xml"), d);
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
