// Findings placed beside their fields (src/parse/field_locator.cpp): the offset of each of
// yoshiki check's findings on an input leads to the field, block and item it is about.
#include <doctest/doctest.h>

#include "parse/field_locator.hpp"
#include "parse/layout_reader.hpp"
#include "parse/parse_support.hpp"
#include "parse/sheet_reader.hpp"
#include "test_support.hpp"

using namespace yoshiki;

namespace {

const parse::DataSchema& schema() {
    static const parse::DataSchema s = [] {
        base::Diagnostics d;
        auto l = test::read_layout_file(test::source_path("layouts/goal-sheet.xml"), d);
        REQUIRE(l);
        return l->schema;
    }();
    return s;
}

const std::string input =
    "<goal-sheets layout=\"x.xml\">\n"
    "  <fiscal-year>R8</fiscal-year>\n"
    "  <department>総務課</department>\n"
    "  <signer><title>総務課長</title><name>酒巻 義一</name></signer>\n"
    "  <duties><item>防災</item><item>選挙</item></duties>\n"
    "  <served><p>町民</p></served>\n"
    "  <sheet><goal>一</goal></sheet>\n"
    "  <sheet>\n"
    "    <goal>二</goal>\n"
    "    <values><initial year=\"R5\" yaer=\"x\">1</initial></values>\n"
    "    <actions><p>a</p><list numbering=\"①\"><item>b</item><item>c</item></list></actions>\n"
    "    <unknown/>\n"
    "  </sheet>\n"
    "</goal-sheets>\n";

parse::FieldPlace at(const std::string& needle, std::size_t delta = 0) {
    base::Diagnostics d;
    static auto file = parse::load_xml_bytes("in.xml", input, d);
    REQUIRE(file);
    std::size_t offset = input.find(needle);
    REQUIRE(offset != std::string::npos);
    return parse::locate_field(*file, schema(), offset + delta);
}

parse::FieldPlace place(int sheet, std::string path, int block = -1, int item = -1) {
    return parse::FieldPlace{sheet, std::move(path), block, item};
}

}  // namespace

TEST_CASE("an offset leads to its field, in a sheet or written once per file") {
    CHECK(at("R8") == place(-1, "fiscal-year"));
    CHECK(at("<department>") == place(-1, "department"));
    CHECK(at("</department>") == place(-1, "department"));
    CHECK(at("酒巻") == place(-1, "signer/name"));
    CHECK(at("<signer>") == place(-1, "signer"));
    CHECK(at("選挙") == place(-1, "duties", 1));
    CHECK(at("町民") == place(-1, "served", 0));
    CHECK(at("<goal>一", 6) == place(0, "goal"));
    CHECK(at("二") == place(1, "goal"));
    CHECK(at("R5") == place(1, "values/initial/@year"));
    CHECK(at("yaer") == place(1, "values/initial"));  // an unknown attribute: the field it is on
    CHECK(at(">1<", 1) == place(1, "values/initial"));
    CHECK(at("<p>a") == place(1, "actions", 0));
    CHECK(at("numbering=\"①\"") == place(1, "actions", 1));
    CHECK(at("c</item>") == place(1, "actions", 1, 1));
    CHECK(at("<unknown/>") == place(1, ""));
    CHECK(at("layout=") == place(-1, ""));
}

TEST_CASE("every finding of a broken input is placed where the clerk would look") {
    // Each finding of read_sheet, from its offset: the field it names, in the sheet it names.
    std::string bad =
        "<goal-sheets>\n"
        "  <fiscal-year>令和0年度</fiscal-year>\n"
        "  <department></department>\n"
        "  <sheet>\n"
        "    <goal>一</goal><goal>二</goal>\n"
        "    <values><initial year=\"平成99年度\">1</initial></values>\n"
        "  </sheet>\n"
        "</goal-sheets>\n";
    base::Diagnostics d;
    auto file = parse::load_xml_bytes("bad.xml", bad, d);
    REQUIRE(file);
    CHECK_FALSE(parse::read_sheet(*file, schema(), d));
    std::vector<std::string> placed;
    for (const Diagnostic& diag : d.all()) {
        auto [line, column] = std::pair<int, int>{diag.line, diag.column};
        // line:column back to an offset of the text
        std::size_t offset = 0;
        for (int l = 1; l < line; ++l) offset = bad.find('\n', offset) + 1;
        std::size_t chars = 1;
        while (chars < static_cast<std::size_t>(column)) {
            offset += (static_cast<unsigned char>(bad[offset]) >= 0xE0) ? 3 : 1;
            ++chars;
        }
        parse::FieldPlace p = parse::locate_field(*file, schema(), offset);
        placed.push_back(std::to_string(p.sheet) + " " + p.path);
    }
    std::string all;
    for (const auto& p : placed) all += p + "|";
    INFO(all);
    INFO(test::all_diagnostics(d));
    // The missing ones are placed at what should hold them: the editor names the field from the
    // finding's message.
    CHECK(placed == std::vector<std::string>{"-1 fiscal-year", "-1 department", "0 goal", "0 values/initial/@year",
                                             "0 values", "0 values", "0 values", "0 ", "0 ", "0 ", "0 ", "0 ", "0 ",
                                             "-1 ", "-1 ", "-1 "});
}
