// The import of published text (src/import/published_text.cpp) on small texts: the forms of a
// list a website writes, the entities of its markup, and fragments it cannot place.
#include <doctest/doctest.h>

#include "import/published_text.hpp"
#include "parse/parse_support.hpp"
#include "test_support.hpp"

using namespace yoshiki;

namespace {

// The seed's first sheet with its duties written as `duties` says.
std::string sheet_with_duties(const std::string& duties) {
    std::string seed = test::file_bytes(test::source_path("tests/data/r8-soumu-goal-sheets.txt"));
    std::size_t second = seed.find("令和8年度 目標設定書", seed.find("\n6 当課"));
    std::string first = seed.substr(0, second);
    std::size_t at = first.find("<ul");
    return first.replace(at, first.find('\n', at) - at, duties + "\t\t");
}

std::vector<import::ImportedDepartment> imported(const std::string& text, base::Diagnostics& diags) {
    auto layout = test::read_layout_file(test::source_path("layouts/goal-sheet.xml"), diags);
    REQUIRE(layout);
    auto source = std::make_shared<const base::SourceFile>("t.txt", text);
    return import::read_published_text(source, *layout, diags);
}

}  // namespace

TEST_CASE("a list as <li> items and as items after the style's marker read the same, entities decoded") {
    base::Diagnostics a, b;
    auto by_marker = imported(sheet_with_duties("<ul> ・防災 &amp; 減災 ・選挙の管理・執行</ul>"), a);
    auto by_li = imported(sheet_with_duties("<ul><li>防災 &amp; 減災</li> <li>選挙の管理・執行</li></ul>"), b);
    CHECK_FALSE(a.has_errors());
    CHECK_FALSE(b.has_errors());
    REQUIRE(by_marker.size() == 1);
    REQUIRE(by_li.size() == 1);
    const auto& duties = by_marker[0].form.shared.blocks.at("duties");
    REQUIRE(duties.size() == 2);
    CHECK(duties[0].text == "防災 & 減災");
    CHECK(duties[1].text == "選挙の管理・執行");  // a marker inside an item, with no blank before it
    CHECK(by_li[0].form.shared.blocks.at("duties") == duties);
    CHECK(by_marker[0].name == "総務課");
}

TEST_CASE("a fragment the import cannot place is an error at its cell, and nothing is returned") {
    base::Diagnostics diags;
    auto out = imported(sheet_with_duties("<div>防災</div>"), diags);
    CHECK(out.empty());
    REQUIRE(diags.has_errors());
    CHECK(std::string(diags.all().front().code) == "text-mismatch");
    CHECK(diags.all().front().line == 8);
    CHECK(diags.all().front().column == 1);
}
