// The editor's values written back into an input (src/parse/form_writer.cpp): only what changed
// changes; comments, references, unknown elements and line breaks of untouched fields stay byte
// for byte; saving what was read gives the same bytes; sheets are added, removed and reordered.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "parse/form_values.hpp"
#include "parse/form_writer.hpp"
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

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

parse::FormDocument values_of(const std::string& bytes) {
    base::Diagnostics d;
    auto file = parse::load_xml_bytes("in.xml", bytes, d);
    REQUIRE(file);
    return parse::read_form_values(*file, schema());
}

std::string written(const std::string& bytes, const parse::FormDocument& form) {
    base::Diagnostics d;
    auto out = parse::write_form_values("in.xml", bytes, schema(), form, d);
    INFO(test::all_diagnostics(d));
    REQUIRE(out);
    return *out;
}

// The file passes yoshiki's checks of its values (read_sheet), and says nothing.
void check_valid(const std::string& bytes) {
    base::Diagnostics d;
    auto file = parse::load_xml_bytes("out.xml", bytes, d);
    REQUIRE(file);
    auto data = parse::read_sheet(*file, schema(), d);
    INFO(bytes);
    INFO(test::all_diagnostics(d));
    CHECK(data);
}

const std::string commented =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!-- 総務課の目標 -->\n"
    "<goal-sheets layout=\"../../layouts/goal-sheet.xml\">\n"
    "  <fiscal-year>R8</fiscal-year> <!-- 年度は略記 -->\n"
    "  <department>総務課</department>\n"
    "  <signer>\n"
    "    <title>総務課長</title>\n"
    "    <name>酒巻 義一</name>\n"
    "  </signer>\n"
    "  <duties><item>防災に関すること</item><!-- 二つ目は来年 --></duties>\n"
    "  <served>町民の\n    ために。</served>\n"
    "\n"
    "  <!-- 一つ目 -->\n"
    "  <sheet>\n"
    "    <goal>地域&amp;コミュニティの推進</goal>\n"
    "    <indicator>自治会加入割合</indicator>\n"
    "    <values>\n"
    "      <initial year='2023'>74.6%</initial>\n"
    "      <current year=\"令和7年度\">71.4%</current>\n"
    "      <target year=\"R8\">72.4%</target>\n"
    "      <final year=\"令和11年度\">75.0%</final>\n"
    "    </values>\n"
    "    <basis>町の<![CDATA[総合計画]]>による。</basis>\n"
    "    <summary>補助金を&#x4EA4;付する。</summary>\n"
    "    <effects>\n"
    "      <p>活性化が\n      期待できます。</p>\n"
    "      <!-- 効果の二つ目 -->\n"
    "      <p>離脱を抑えます。</p>\n"
    "    </effects>\n"
    "    <review><p>周知が足りませんでした。</p></review>\n"
    "    <actions><list numbering=\"（1）\"><item>広報する</item><item>訪問する</item></list></actions>\n"
    "  </sheet>\n"
    "\n"
    "  <!-- 二つ目 -->\n"
    "  <sheet>\n"
    "    <goal>災害に強いまちづくり</goal>\n"
    "    <indicator>自主防災組織の数</indicator>\n"
    "    <values>\n"
    "      <initial year=\"R5\">58地区</initial>\n"
    "      <current year=\"R7\">61地区</current>\n"
    "      <target year=\"R8\">63地区</target>\n"
    "      <final year=\"R11\">68地区</final>\n"
    "    </values>\n"
    "    <basis>総合計画</basis>\n"
    "    <summary>組織を育成します。</summary>\n"
    "    <effects><p>防災力が高まります。</p></effects>\n"
    "    <review><p>反対もありました。</p></review>\n"
    "    <actions><p>説明会を開きます。</p></actions>\n"
    "  </sheet>\n"
    "</goal-sheets>\n";

}  // namespace

TEST_CASE("the values read are what the clerk wrote, folded as printed") {
    parse::FormDocument f = values_of(commented);
    CHECK(f.shared.text.at("fiscal-year") == "R8");  // not yet 令和8年度: the form shows what was written
    CHECK(f.shared.text.at("signer/name") == "酒巻 義一");
    CHECK(f.shared.blocks.at("served") == std::vector<parse::FormBlock>{{parse::FormBlock::Kind::paragraph, "町民のために。", {}, {}}});
    REQUIRE(f.sheets.size() == 2);
    CHECK(f.sheets[0].origin == 0);
    CHECK(f.sheets[1].origin == 1);
    const parse::FormValues& s = f.sheets[0].values;
    CHECK(s.text.at("goal") == "地域&コミュニティの推進");
    CHECK(s.text.at("values/initial/@year") == "2023");
    CHECK(s.text.at("basis") == "町の総合計画による。");
    CHECK(s.text.at("summary") == "補助金を交付する。");
    REQUIRE(s.blocks.at("effects").size() == 2);
    CHECK(s.blocks.at("effects")[0].text == "活性化が期待できます。");
    const parse::FormBlock& list = s.blocks.at("actions").at(0);
    CHECK(list.kind == parse::FormBlock::Kind::list);
    CHECK(list.numbering == "（1）");
    CHECK(list.items == std::vector<std::string>{"広報する", "訪問する"});
}

TEST_CASE("saving what was read gives the same bytes: the repository's inputs and a commented file") {
    for (const char* path : {"inputs/r8/soumu.xml", "inputs/samples/r8/kenkou.xml", "inputs/samples/r8/kikaku.xml",
                             "inputs/samples/r8/zeimu.xml", "tests/data/stress/stress.xml", "tests/data/extraction/names.xml"}) {
        INFO(path);
        std::string bytes = read_file(test::source_path(path));
        REQUIRE(!bytes.empty());
        CHECK(written(bytes, values_of(bytes)) == bytes);
    }
    CHECK(written(commented, values_of(commented)) == commented);
}

TEST_CASE("a changed value changes its element only; the comments and the rest stay byte for byte") {
    parse::FormDocument f = values_of(commented);
    f.sheets[0].values.text["indicator"] = "自治会加入割合【年度末時点】";
    f.sheets[1].values.text["values/target/@year"] = "令和8年度";
    f.shared.text["department"] = "総務課 & 企画課";
    std::string out = written(commented, f);
    std::string expected = commented;
    auto swap = [&](const std::string& from, const std::string& to) {
        std::size_t at = expected.find(from);
        REQUIRE(at != std::string::npos);
        expected.replace(at, from.size(), to);
    };
    swap("<indicator>自治会加入割合</indicator>", "<indicator>自治会加入割合【年度末時点】</indicator>");
    swap("<target year=\"R8\">63地区", "<target year=\"令和8年度\">63地区");
    swap("<department>総務課</department>", "<department>総務課 &amp; 企画課</department>");
    swap("year='2023'", "year=\"2023\"");  // pugixml writes every attribute in double quotes
    CHECK(out == expected);
    check_valid(out);
    // Stable: writing the same values again changes nothing.
    CHECK(written(out, f) == out);
    CHECK(written(out, values_of(out)) == out);
}

TEST_CASE("processing instructions for other programs stay as written, in text and between elements") {
    std::string bytes = commented;
    auto swap = [](std::string& s, const std::string& from, const std::string& to) {
        std::size_t at = s.find(from);
        REQUIRE(at != std::string::npos);
        s.replace(at, from.size(), to);
    };
    swap(bytes, "<!-- 総務課の目標 -->\n", "<?xml-stylesheet type=\"text/xsl\" href=\"goal.xsl\"?>\n");
    swap(bytes, "<goal>地域&amp;コミュニティ", "<goal>地域&amp;<?oxygen  mark\tid=\"1\"?>コミュニティ");
    swap(bytes, "      <!-- 効果の二つ目 -->\n", "      <?editor\n        fold?>\n");
    swap(bytes, "</goal-sheets>\n", "</goal-sheets>\n<?editor end ?>\n");
    parse::FormDocument f = values_of(bytes);
    // The text on both sides of one is the field's, whole.
    CHECK(f.sheets[0].values.text.at("goal") == "地域&コミュニティの推進");
    REQUIRE(f.sheets[0].values.blocks.at("effects").size() == 2);
    CHECK(written(bytes, f) == bytes);

    // Another field changed: every instruction stays byte for byte, its white space too.
    f.sheets[0].values.text["indicator"] = "自治会加入割合【年度末時点】";
    f.sheets[0].values.blocks["effects"][1].text = "自治会離れを抑えます。";
    std::string expected = bytes;
    swap(expected, "<indicator>自治会加入割合</indicator>", "<indicator>自治会加入割合【年度末時点】</indicator>");
    swap(expected, "<p>離脱を抑えます。</p>", "<p>自治会離れを抑えます。</p>");
    swap(expected, "year='2023'", "year=\"2023\"");  // pugixml writes every attribute in double quotes
    std::string out = written(bytes, f);
    CHECK(out == expected);
    check_valid(out);

    // Its own text changed: the text is replaced, the instruction kept inside the element, as a
    // comment is.
    f.sheets[0].values.text["goal"] = "地域の推進";
    out = written(bytes, f);
    CHECK(out.find("<goal><?oxygen  mark\tid=\"1\"?>地域の推進</goal>") != std::string::npos);
    check_valid(out);
    CHECK(values_of(out).sheets[0].values.text.at("goal") == "地域の推進");
}

TEST_CASE("paragraphs, items and lists are changed place by place, comments between them kept") {
    parse::FormDocument f = values_of(commented);
    auto& effects = f.sheets[0].values.blocks["effects"];
    effects[1].text = "自治会離れを抑えます。";
    effects.push_back({parse::FormBlock::Kind::item, "三つ目", {}, {}});
    auto& actions = f.sheets[0].values.blocks["actions"];
    actions[0].items.push_back("会議を開く");
    actions[0].numbering = "①";
    std::string out = written(commented, f);
    INFO(out);
    CHECK(out.find("      <p>活性化が\n      期待できます。</p>\n"
                   "      <!-- 効果の二つ目 -->\n"
                   "      <p>自治会離れを抑えます。</p>\n"
                   "      <item>三つ目</item>\n"
                   "    </effects>") != std::string::npos);
    CHECK(out.find("<list numbering=\"①\"><item>広報する</item><item>訪問する</item><item>会議を開く</item></list>") !=
          std::string::npos);
    check_valid(out);
    parse::FormDocument again = values_of(out);
    CHECK(again.sheets[0].values.blocks.at("effects") == effects);
    CHECK(again.sheets[0].values.blocks.at("actions") == actions);
    CHECK(written(out, again) == out);

    // A paragraph that becomes a list is replaced; the one removed goes with its white space.
    effects = {{parse::FormBlock::Kind::list, {}, "bullet", {"一", "二"}}};
    out = written(commented, f);
    CHECK(out.find("    <effects>\n"
                   "      <list numbering=\"bullet\">\n"
                   "        <item>一</item>\n"
                   "        <item>二</item>\n"
                   "      </list>\n"
                   "      <!-- 効果の二つ目 -->\n"
                   "    </effects>") != std::string::npos);
    check_valid(out);
}

TEST_CASE("a block field written as plain text stays plain text while it is one paragraph") {
    parse::FormDocument f = values_of(commented);
    f.shared.blocks["served"] = {{parse::FormBlock::Kind::paragraph, "町民と職員のために。", {}, {}}};
    std::string out = written(commented, f);
    CHECK(out.find("<served>町民と職員のために。</served>") != std::string::npos);
    f.shared.blocks["served"].push_back({parse::FormBlock::Kind::paragraph, "二つ目。", {}, {}});
    out = written(commented, f);
    CHECK(out.find("  <served>\n    <p>町民と職員のために。</p>\n    <p>二つ目。</p>\n  </served>") != std::string::npos);
    check_valid(out);
}

TEST_CASE("sheets are reordered, added and removed; the comments between them stay in place") {
    parse::FormDocument f = values_of(commented);
    std::swap(f.sheets[0], f.sheets[1]);
    std::string out = written(commented, f);
    std::size_t first_comment = out.find("<!-- 一つ目 -->"), second_comment = out.find("<!-- 二つ目 -->");
    std::size_t disaster = out.find("災害に強いまちづくり"), community = out.find("地域&amp;コミュニティの推進");
    // Each is found (npos would pass every "<" below that it stands on the right of).
    for (std::size_t at : {first_comment, second_comment, disaster, community}) REQUIRE(at != std::string::npos);
    CHECK(first_comment < disaster);
    CHECK(disaster < second_comment);
    CHECK(second_comment < community);
    // The moved sheet keeps what the form does not show: its references and comments.
    std::size_t moved_comment = out.find("<!-- 効果の二つ目 -->");
    REQUIRE(moved_comment != std::string::npos);
    CHECK(moved_comment > second_comment);
    CHECK(out.find("補助金を&#x4EA4;付する。") != std::string::npos);
    check_valid(out);
    CHECK(written(out, values_of(out)) == out);

    // A new sheet at the end, with every field; one removed.
    parse::FormDocument g = values_of(commented);
    parse::FormSheet added;
    added.values = g.sheets[1].values;
    added.values.text["goal"] = "新しい目標";
    g.sheets.erase(g.sheets.begin());
    g.sheets.push_back(added);
    out = written(commented, g);
    INFO(out);
    CHECK(out.find("地域&amp;コミュニティ") == std::string::npos);
    CHECK(out.find("<!-- 一つ目 -->\n  <sheet>\n    <goal>災害に強いまちづくり</goal>") != std::string::npos);
    CHECK(out.find("<!-- 二つ目 -->\n  <sheet>\n    <goal>新しい目標</goal>\n    <indicator>自主防災組織の数</indicator>\n"
                   "    <values>\n      <initial year=\"R5\">58地区</initial>\n") != std::string::npos);
    CHECK(out.find("    <actions>\n      <p>説明会を開きます。</p>\n    </actions>\n  </sheet>\n</goal-sheets>") != std::string::npos);
    check_valid(out);
    parse::FormDocument back = values_of(out);
    REQUIRE(back.sheets.size() == 2);
    CHECK(back.sheets[1].values.text == added.values.text);
    CHECK(back.sheets[1].values.blocks == added.values.blocks);
}

TEST_CASE("an empty new sheet writes every required field, empty, for yoshiki check to name") {
    parse::FormDocument f = values_of(commented);
    f.sheets.push_back(parse::FormSheet{});
    std::string out = written(commented, f);
    CHECK(out.find("  <sheet>\n    <goal/>\n    <indicator/>\n    <values>\n      <initial year=\"\"/>") != std::string::npos);
    CHECK(out.find("    <effects/>\n    <review/>\n    <actions/>\n  </sheet>\n</goal-sheets>") != std::string::npos);
    base::Diagnostics d;
    auto file = parse::load_xml_bytes("out.xml", out, d);
    REQUIRE(file);
    CHECK_FALSE(parse::read_sheet(*file, schema(), d));
    CHECK(test::all_diagnostics(d).find("目標名 (<goal>) is empty in 目標 3") != std::string::npos);
    CHECK(test::all_diagnostics(d).find("取り組み (<actions>) is empty in 目標 3") != std::string::npos);
    INFO(test::all_diagnostics(d));
    CHECK(test::all_diagnostics(d).find("is missing") == std::string::npos);
}

TEST_CASE("a new file holds the root naming its layout, and the values") {
    parse::FormDocument f = values_of(commented);
    std::string out = parse::new_form_file(schema(), "../../layouts/goal-sheet.xml", f);
    CHECK(out.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<goal-sheets layout=\"../../layouts/goal-sheet.xml\">\n"
                    "  <fiscal-year>R8</fiscal-year>\n  <department>総務課</department>\n  <signer>\n    <title>総務課長</title>\n",
                    0) == 0);
    check_valid(out);
    parse::FormDocument back = values_of(out);
    REQUIRE(back.sheets.size() == 2);
    CHECK(back.sheets[0].values.text == f.sheets[0].values.text);
}

TEST_CASE("a file in Shift_JIS is written as UTF-8 and declared so; CRLF line ends are kept") {
    std::string sjis =
        "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\r\n<goal-sheets>\r\n  <department>\x91\x8d\x96\xb1\x89\xdb</department>\r\n</goal-sheets>\r\n";
    parse::FormDocument f = values_of(sjis);
    CHECK(f.shared.text.at("department") == "総務課");
    CHECK(written(sjis, f) == sjis);  // unchanged: not even re-encoded
    f.shared.text["fiscal-year"] = "R8";
    CHECK(written(sjis, f) ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<goal-sheets>\r\n  <fiscal-year>R8</fiscal-year>\r\n  <department>総務課</department>\r\n</goal-sheets>\r\n");
}

TEST_CASE("the text of a legacy file, to be edited as XML, declares UTF-8") {
    CHECK(parse::declared_as_utf8("<?xml version=\"1.0\" encoding='Shift_JIS'?>\n<a encoding=\"x\"/>") ==
          "<?xml version=\"1.0\" encoding='UTF-8'?>\n<a encoding=\"x\"/>");
    CHECK(parse::declared_as_utf8("<?xml version=\"1.0\"?><a encoding=\"x\"/>") == "<?xml version=\"1.0\"?><a encoding=\"x\"/>");
    CHECK(parse::declared_as_utf8("<a/>") == "<a/>");
}

TEST_CASE("malformed XML is refused: there is nothing to write the values into") {
    base::Diagnostics d;
    CHECK_FALSE(parse::write_form_values("bad.xml", "<goal-sheets><sheet></goal-sheets>", schema(), {}, d));
    CHECK(test::all_diagnostics(d).find("bad.xml:1:") != std::string::npos);
}

TEST_CASE("a field marked to do keeps its mark until the clerk writes its value; the mark is written where asked") {
    std::string marked = commented;
    const std::string from = "<target year=\"R8\">63地区</target>";
    std::size_t at = marked.find(from);
    REQUIRE(at != std::string::npos);
    marked.replace(at, from.size(), "<target year=\"R9\" todo=\"新しい目標値\"></target>");
    parse::FormDocument f = values_of(marked);
    REQUIRE(f.sheets[1].values.todo.count("values/target") == 1);
    CHECK(f.sheets[1].values.todo.at("values/target") == "新しい目標値");

    // The editor sends the values without the marks: an unchanged field keeps its mark.
    parse::FormDocument sent = f;
    sent.sheets[1].values.todo.clear();
    CHECK(written(marked, sent) == marked);
    // Written, it is done: the mark goes with the empty text.
    sent.sheets[1].values.text["values/target"] = "65地区";
    std::string done = written(marked, sent);
    CHECK(done.find("<target year=\"R9\">65地区</target>") != std::string::npos);
    CHECK(done.find("todo=") == std::string::npos);
    check_valid(done);

    // Asked for by the values (next-year does), the mark is written on a field that had none.
    parse::FormDocument ask = values_of(commented);
    ask.sheets[0].values.text["values/current"] = "";
    ask.sheets[0].values.todo["values/current"] = "実績を記入";
    std::string asked = written(commented, ask);
    CHECK(asked.find("todo=\"実績を記入\"") != std::string::npos);
    CHECK(values_of(asked).sheets[0].values.todo.at("values/current") == "実績を記入");
}
