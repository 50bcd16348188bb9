// Next year's values (src/import/next_year.cpp) under small layouts' rules: each rule reads this
// year's values only, whatever the order of the fields; a rule that cannot be applied is an
// error at the rule; a layout's rules are checked when it is read.
#include <doctest/doctest.h>

#include "import/next_year.hpp"
#include "parse/layout_reader.hpp"
#include "parse/parse_support.hpp"
#include "test_support.hpp"

using namespace yoshiki;

namespace {

// A layout whose <fields> are these, in a sheet.
std::string layout_with(const std::string& fields) {
    return "<layout name=\"t\" version=\"1\"><page width=\"210mm\" height=\"297mm\"/>"
           "<font id=\"m\" file=\"/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf\"/>"
           "<style id=\"s\" font=\"m\" size=\"10pt\"/>"
           "<fields root=\"r\"><text name=\"year\" label=\"年度\" type=\"fiscal-year\" next-year=\"advance\"/>"
           "<sheet name=\"s\" label=\"目標\">" + fields + "</sheet></fields>"
           "<sheet-template><paragraph style=\"s\">{year}</paragraph></sheet-template></layout>";
}

std::optional<parse::FormLayout> layout(const std::string& fields, base::Diagnostics& d) {
    return parse::read_layout("t.xml", layout_with(fields), d);
}

}  // namespace

TEST_CASE("each rule reads this year's values: a later field's rule sees the earlier field as it was") {
    base::Diagnostics d;
    // b takes a's value while a is moved on: b gets this year's a, not next year's.
    auto l = layout("<text name=\"a\" type=\"fiscal-year\" next-year=\"advance\"/>"
                    "<text name=\"b\" type=\"fiscal-year\" next-year=\"{a}\"/>"
                    "<text name=\"c\" next-year=\"todo\" todo=\"{a}の値（{year}）\"/>"
                    "<text name=\"k\" optional=\"yes\" next-year=\"todo\"/>"
                    "<text name=\"n\"/>", d);
    INFO(test::all_diagnostics(d));
    REQUIRE(l);
    CHECK(l->schema.next_year);
    parse::FormDocument now;
    now.shared.text["year"] = "R8";
    parse::FormSheet s;
    s.values.text = {{"a", "令和8年度"}, {"b", "令和7年度"}, {"c", "72.4%"}, {"n", "そのまま"}};
    now.sheets.push_back(s);
    parse::FormDocument next = import::next_year_values(now, l->schema, d);
    CHECK_FALSE(d.has_errors());
    CHECK(next.shared.text.at("year") == "令和9年度");
    const auto& v = next.sheets[0].values;
    CHECK(v.text.at("a") == "令和9年度");
    CHECK(v.text.at("b") == "令和8年度");
    CHECK(v.text.at("c").empty());
    CHECK(v.todo.at("c") == "令和8年度の値（R8）");
    CHECK(v.text.at("n") == "そのまま");
    // A field the input leaves out stays out: nothing to do where nothing was.
    CHECK(v.text.count("k") == 0);
    CHECK(v.todo.count("k") == 0);
}

TEST_CASE("a template naming a field the input does not have is an error at the rule") {
    base::Diagnostics d;
    auto l = layout("<text name=\"a\" optional=\"yes\"/><text name=\"b\" next-year=\"{a}年\"/>", d);
    REQUIRE(l);
    parse::FormDocument now;
    now.shared.text["year"] = "R8";
    parse::FormSheet s;
    s.values.text = {{"b", "x"}};
    now.sheets.push_back(s);
    import::next_year_values(now, l->schema, d);
    CHECK(d.has_errors());
    CHECK(test::all_diagnostics(d).find("{a}") != std::string::npos);
}

TEST_CASE("a layout's next-year rules are checked when it is read") {
    for (const char* bad : {"<text name=\"a\" next-year=\"advance\"/>",                  // not a fiscal year
                            "<text name=\"a\" next-year=\"later\"/>",                    // no such rule
                            "<text name=\"a\" next-year=\"{nosuch}\"/>",                 // no such field
                            "<text name=\"a\" todo=\"書く\"/>",                           // todo without the rule
                            "<text name=\"a\"><attribute name=\"y\" next-year=\"todo\"/></text>",  // an attribute is not to do
                            "<text name=\"a\"><attribute name=\"todo\"/></text>",         // the mark's name
                            "<list name=\"l\"><text name=\"a\" next-year=\"todo\"/></list>"}) {
        base::Diagnostics d;
        auto l = layout(bad, d);
        INFO(bad);
        CHECK(d.has_errors());
    }
}
