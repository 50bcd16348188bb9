// Layout files (src/parse/layout_reader.cpp): the goal-sheet layout reads cleanly; unknown style
// and font references, rows that do not fill the table and references to undeclared fields are
// errors at their place.
#include <doctest/doctest.h>

#include "parse/layout_reader.hpp"
#include "parse/parse_support.hpp"
#include "test_support.hpp"

using namespace yoshiki;

namespace {

// A small valid layout; lines are numbered for the expected places.
const std::string small =
    "<layout name=\"t\">\n"                                                                 // 1
    "  <font id=\"m\" file=\"/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf\"/>\n"  // 2
    "  <style id=\"s\" font=\"m\" size=\"10pt\"/>\n"                                      // 3
    "  <fields root=\"r\"><text name=\"a\" label=\"課名\"/><blocks name=\"d\"/>\n"        // 4
    "    <sheet name=\"sheet\"><text name=\"b\"/></sheet></fields>\n"                    // 5
    "  <sheet-template>\n"                                                              // 6
    "    <paragraph style=\"s\">{a}</paragraph>\n"                                       // 7
    "    <table columns=\"10mm 20mm\">\n"                                                // 8
    "      <row><cell style=\"s\">{b}</cell><cell style=\"s\" content=\"d\"/></row>\n"   // 9
    "    </table>\n"                                                                    // 10
    "  </sheet-template>\n"                                                             // 11
    "</layout>\n";

std::string replaced(std::string s, const std::string& from, const std::string& to) {
    std::size_t at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}

// Reads text as the layout file l.xml; returns every diagnostic with the folder left out.
std::string errors_of(const std::string& text, bool* read = nullptr) {
    std::string path = test::write_temp("l.xml", text);
    base::Diagnostics d;
    bool ok = test::read_layout_file(path, d).has_value();
    if (read) *read = ok;
    std::string all = test::all_diagnostics(d);
    std::string folder = test::temp_folder.path.string() + "/";
    for (std::size_t at; (at = all.find(folder)) != std::string::npos;) all.erase(at, folder.size());
    return all;
}

}  // namespace

TEST_CASE("the goal-sheet layout and a small one read cleanly") {
    base::Diagnostics d;
    auto layout = test::read_layout_file(test::source_path("layouts/goal-sheet.xml"), d);
    REQUIRE(layout);
    CHECK(test::all_diagnostics(d) == "");
    CHECK(layout->schema.root == "goal-sheets");
    CHECK(layout->schema.sheet_label == "目標");
    bool read = false;
    CHECK(errors_of(small, &read) == "");
    CHECK(read);
}

TEST_CASE("unknown font and style references, with a hint") {
    bool read = true;
    CHECK(errors_of(replaced(small, "font=\"m\"", "font=\"mm\""), &read) ==
          "l.xml:3:23: error: unknown font 'mm'\n  hint: did you mean 'm'?\n");
    CHECK_FALSE(read);
    CHECK(errors_of(replaced(small, "<paragraph style=\"s\">", "<paragraph style=\"ss\">")) ==
          "l.xml:7:23: error: unknown style 'ss'\n  hint: did you mean 's'?\n");
    CHECK(errors_of(replaced(small, "<row><cell style=\"s\">", "<row><cell style=\"body\">")) ==
          "l.xml:9:25: error: unknown style 'body'\n");
    CHECK(errors_of(replaced(small, "  <style", "  <fallback fonts=\"m mj\"/>\n  <style")) ==
          "l.xml:3:20: error: unknown font 'mj' in the fallback chain\n");
}

TEST_CASE("rows whose cells do not fill the table's columns") {
    CHECK(errors_of(replaced(small, "<cell style=\"s\" content=\"d\"/>", "")) ==
          "l.xml:9:7: error: the cells of this row fill 1 of the table's 2 columns\n");
    // The first cell fills both columns; the second is the one too many.
    CHECK(errors_of(replaced(small, "<cell style=\"s\">{b}</cell>", "<cell style=\"s\" span=\"2\">{b}</cell>")) ==
          "l.xml:9:47: error: this cell reaches past the last of the table's 2 columns\n");
    // A cell spanning two rows covers its column in the next row.
    std::string spans = replaced(small, "<row><cell style=\"s\">{b}</cell>",
                                 "<row><cell style=\"s\" rows=\"2\">{b}</cell>");
    CHECK(errors_of(spans) == "l.xml:8:5: error: a cell's 'rows' reaches below the table's last row\n");
    CHECK(errors_of(replaced(spans, "    </table>", "      <row><cell style=\"s\">{a}</cell></row>\n    </table>")) == "");
}

TEST_CASE("references to fields the form does not declare") {
    CHECK(errors_of(replaced(small, "{a}</paragraph>", "{a} {c}</paragraph>")) ==
          "l.xml:7:30: error: the template refers to '{c}', which the form's <fields> do not declare as text\n  hint: did you mean '{a}'?\n");
    // A sheet field in a template of the whole department is unknown there.
    CHECK(errors_of(replaced(small, "<layout name=\"t\">", "<layout name=\"t\">\n  <metadata title=\"{b}\"/>")) ==
          "l.xml:2:20: error: the template refers to '{b}', which the form's <fields> do not declare as text\n  hint: did you mean '{a}'?\n");
    CHECK(errors_of(replaced(small, "content=\"d\"", "content=\"b\"")) ==
          "l.xml:9:63: error: 'b' is not a <blocks> field of the form\n");
    CHECK(errors_of(replaced(small, "{a}</paragraph>", "{a</paragraph>")) ==
          "l.xml:7:5: error: unclosed '{' in a template\n  hint: write {{ for a literal brace\n");
}

TEST_CASE("unknown elements and attributes of a layout, lengths, versions") {
    CHECK(errors_of(replaced(small, "  <sheet-template>", "  <stlye id=\"x\"/>\n  <sheet-template>")) ==
          "l.xml:6:3: error: unknown element <stlye> in <layout>\n  hint: did you mean <style>?\n");
    CHECK(errors_of(replaced(small, "size=\"10pt\"", "size=\"10pt\" colour=\"red\"")) ==
          "l.xml:3:38: error: unknown attribute 'colour' on <style>\n"
          "  hint: allowed here: id font size line-pitch align valign indent bullet latin-gap condense-to shrink-to tate-chu-yoko\n");
    CHECK(errors_of(replaced(small, "size=\"10pt\"", "size=\"10px\"")) ==
          "l.xml:3:32: error: '10px' is not a length for 'size'\n  hint: write a number and a unit: mm, cm, pt or in\n");
    CHECK(errors_of(replaced(small, " size=\"10pt\"", "")) == "l.xml:3:3: error: <style> needs the attribute 'size'\n");
    CHECK(errors_of(replaced(small, "<layout name=\"t\">", "<layout name=\"t\" version=\"2\">")) ==
          "l.xml:1:27: error: layout version '2' is not known; this yoshiki reads version 1\n");
    CHECK(errors_of("<goal-sheets/>") == "l.xml:1:1: error: a layout file starts with <layout>, not <goal-sheets>\n");
}

TEST_CASE("nothing in a layout is silently ignored: a second <page>, content of empty elements") {
    CHECK(errors_of(replaced(small, "<layout name=\"t\">\n",
                             "<layout name=\"t\">\n<page width=\"100mm\"/><page width=\"200mm\"/>")) ==
          "l.xml:2:22: error: a layout has one <page>\n  hint: the first is on line 2; merge the two\n");
    CHECK(errors_of(replaced(small, "size=\"10pt\"/>", "size=\"10pt\">bold</style>")) ==
          "l.xml:3:38: error: text is not allowed directly inside <style>\n");
    CHECK(errors_of(replaced(small, "<blocks name=\"d\"/>", "<blocks name=\"d\"><p/></blocks>")) ==
          "l.xml:4:64: error: unknown element <p> in <blocks>\n");
    CHECK(errors_of(replaced(small, "</fields>", "</fields><fields root=\"x\"/>")) ==
          "l.xml:5:58: error: a layout has one <fields>\n  hint: the first is on line 4; merge the two\n");
    CHECK(errors_of(replaced(small, "<text name=\"b\"/>", "<text name=\"b\"/><text name=\"b\"/>")) ==
          "l.xml:5:53: error: field 'b' is declared twice\n");
}

TEST_CASE("processing instructions for other programs are passed over in a layout; one for yoshiki is refused") {
    std::string text = "<?xml version=\"1.0\"?>\n<?xml-model href=\"layout.rng\"?>\n" +
                       replaced(replaced(small, "{a}</paragraph>", "第<?editor mark?>{a}<?editor?> 号</paragraph>"), "<row>",
                                "<?editor row?><row>");
    std::string path = test::write_temp("l.xml", text);
    base::Diagnostics d;
    auto layout = test::read_layout_file(path, d);
    CHECK(test::all_diagnostics(d) == "");
    REQUIRE(layout);
    REQUIRE(layout->body.size() == 2);
    CHECK(std::get<parse::ParagraphTemplate>(layout->body[0]).text.text.text == "第{a} 号");
    CHECK(errors_of(replaced(small, "  <sheet-template>", "  <?Yoshiki scale=\"2\"?><sheet-template>")) ==
          "l.xml:6:3: error: yoshiki reads no processing instructions: <?Yoshiki …?> would change nothing\n"
          "  hint: write what it says in the file's elements and attributes, or remove it\n");
}

TEST_CASE("a layout of many fonts is refused at the first past the limit; a fallback names each font once") {
    std::string fonts;
    for (int i = 0; i < 40; ++i) {
        fonts += "<font id=\"f" + std::to_string(i) + "\" file=\"/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf\"/>";
    }
    std::string all = errors_of(replaced(small, "<layout name=\"t\">\n", "<layout name=\"t\">\n" + fonts));
    CHECK(all.find("error: a layout declares at most 32 fonts") != std::string::npos);
    CHECK(all.find("l.xml:2:") == 0);
    bool read = false;
    CHECK(errors_of(replaced(small, "<layout name=\"t\">\n", "<layout name=\"t\">\n<fallback fonts=\"m m m m\"/>"), &read) == "");
    CHECK(read);
}

TEST_CASE("column widths and paddings are bounded like every length (a fuzzer found 1e48 mm)") {
    CHECK(errors_of(replaced(small, "columns=\"10mm 20mm\"", "columns=\"2555555555555555555555555555555555555555555555550mm 20mm\"")) ==
          "l.xml:8:21: error: column width '2555555555555555555555555555555555555555555555550mm' must be a length in mm or pt\n"
          "l.xml:9:38: error: this cell reaches past the last of the table's 1 columns\n");
    CHECK(errors_of(replaced(small, "columns=\"10mm 20mm\"", "columns=\"infmm 20mm\"")) ==
          "l.xml:8:21: error: column width 'infmm' must be a length in mm or pt\n"
          "l.xml:9:38: error: this cell reaches past the last of the table's 1 columns\n");
    CHECK(errors_of(replaced(small, "columns=\"10mm 20mm\"", "columns=\"10mm 20mm\" padding=\"1e400mm\"")) ==
          "l.xml:8:41: error: padding must be one or two lengths in mm or pt\n");
}

TEST_CASE("the page template: a draft mark and an approval block") {
    base::Diagnostics d;
    auto layout = test::read_layout_file(test::source_path("layouts/goal-sheet.xml"), d);
    REQUIRE(layout);
    REQUIRE(layout->draft_mark);
    CHECK(layout->draft_mark->text.text.text == "案");
    REQUIRE(layout->approval);
    const parse::ApprovalTemplate& a = *layout->approval;
    REQUIRE(a.approvers.size() == 3);
    CHECK(a.approvers[0].title.text.text == "課長");
    CHECK(a.approvers[2].title.text.text == "町長");
    CHECK(a.right_to_left);
    CHECK(a.label == "決裁欄");
    CHECK(a.stamp_color[0] > 0.8);
    CHECK(a.stamp_color[1] == 0);

    const std::string block = "  <approval style=\"s\" stamp-style=\"s\">\n    <approver title=\"課長\"/>\n  </approval>\n";
    CHECK(errors_of(replaced(small, "  <sheet-template>", block + "  <sheet-template>")) == "");
    CHECK(errors_of(replaced(small, "  <sheet-template>",
                             "  <approval style=\"s\" stamp-style=\"s\">\n    <approver title=\"課長\"/><approver title=\"課長\"/>\n"
                             "  </approval>\n  <sheet-template>")) ==
          "l.xml:7:44: error: the approver '課長' is declared twice\n");
    CHECK(errors_of(replaced(small, "  <sheet-template>", "  <approval style=\"s\" stamp-style=\"s\"/>\n  <sheet-template>")) ==
          "l.xml:6:3: error: <approval> needs at least one <approver title=\"…\"/>\n");
    CHECK(errors_of(replaced(small, "  <sheet-template>", replaced(block, "stamp-style=\"s\"", "stamp-style=\"s\" right=\"200mm\"") +
                                                           "  <sheet-template>")) ==
          "l.xml:6:3: error: <approval> reaches past the edge of the page\n");
    CHECK(errors_of(replaced(small, "  <sheet-template>", replaced(block, "stamp-style=\"s\"", "stamp-style=\"s\" stamp-color=\"red\"") +
                                                           "  <sheet-template>")) ==
          "l.xml:6:52: error: 'red' is not a colour\n  hint: write it as #RRGGBB, e.g. #d7000f\n");
    CHECK(errors_of(replaced(small, "  <sheet-template>", replaced(block, "stamp-style=\"s\"", "stamp-style=\"t\"") +
                                                           "  <sheet-template>")) ==
          "l.xml:6:36: error: unknown style 't'\n  hint: did you mean 's'?\n");
    CHECK(errors_of(replaced(small, "  <sheet-template>", replaced(block, "title=\"課長\"", "title=\"a.b\"") + "  <sheet-template>")) ==
          "l.xml:7:22: error: an approver's title holds no '.' and no '{'\n");
    CHECK(errors_of(replaced(small, "  <sheet-template>", "  <draft-mark style=\"s\">案</draft-mark>\n  <sheet-template>")) == "");
    CHECK(errors_of(replaced(small, "  <sheet-template>", "  <draft-mark style=\"s\"/>\n  <sheet-template>")) ==
          "l.xml:6:3: error: <draft-mark> needs its text, e.g. <draft-mark …>案</draft-mark>\n");
}

TEST_CASE("fixed boxes, fixed rows, fit floors and field types are read and checked") {
    base::Diagnostics d;
    auto notice = test::read_layout_file(test::source_path("layouts/disclosure-notice.xml"), d);
    REQUIRE(notice);
    CHECK(test::all_diagnostics(d) == "");
    std::size_t boxes = 0;
    for (const auto& b : notice->body) boxes += std::holds_alternative<parse::BoxTemplate>(b) ? 1 : 0;
    CHECK(boxes == 7);
    const auto& table = std::get<parse::TableTemplate>(notice->body[7]);
    CHECK(table.rows[0].height == doctest::Approx(22 * parse::mm));

    const std::string box = "<box x=\"20mm\" y=\"20mm\" width=\"50mm\" height=\"10mm\" style=\"s\">{b}</box>\n";
    CHECK(errors_of(replaced(small, "    <table", "    " + box + "    <table")) == "");
    CHECK(errors_of(replaced(small, "    <table", "    <box x=\"200mm\" y=\"20mm\" width=\"50mm\" height=\"10mm\" style=\"s\">x</box>\n    <table")) ==
          "l.xml:8:5: error: <box> reaches past the edge of the page\n");
    CHECK(errors_of(replaced(small, "    <table", "    <box x=\"20mm\" y=\"20mm\" height=\"10mm\" style=\"s\">x</box>\n    <table")) ==
          "l.xml:8:5: error: <box> needs the attribute 'width'\n"
          "l.xml:8:5: error: the box leaves no room for its text inside its padding\n");
    CHECK(errors_of(replaced(small, "    <table", "    <box x=\"20mm\" y=\"20mm\" width=\"50mm\" height=\"10mm\" style=\"s\" from=\"margin\">x</box>\n    <table")) ==
          "l.xml:8:71: error: 'from' must be page or text-area\n");
    CHECK(errors_of(replaced(small, "size=\"10pt\"", "size=\"10pt\" condense-to=\"40%\"")) ==
          "l.xml:3:51: error: '40%' for 'condense-to' must be a percentage from 50% to 100%\n");
    CHECK(errors_of(replaced(small, "size=\"10pt\"", "size=\"10pt\" shrink-to=\"12pt\"")) ==
          "l.xml:3:49: error: 'shrink-to' must be from 4pt to the style's size\n");
    CHECK(errors_of(replaced(small, "<row>", "<row height=\"10mm\">")) ==
          "l.xml:9:52: error: a cell of a fixed-height row holds one text in that row\n"
          "  hint: no 'rows' and no 'content' in a row with 'height'\n");
    CHECK(errors_of(replaced(small, "<text name=\"b\"/>", "<text name=\"b\" type=\"choice\" choices=\"A||B\"/>")) ==
          "l.xml:5:63: error: the choices are options separated by '|', each once and none empty\n");
    CHECK(errors_of(replaced(small, "<text name=\"b\"/>", "<text name=\"b\" choices=\"A|B\"/>")) ==
          "l.xml:5:49: error: 'choices' is for a field of type=\"choice\"\n");
}
