// Strict XML over pugixml (src/parse/xml.cpp): what XML 1.0 forbids is an error with its place,
// whatever pugixml would let through; declared encodings are converted, undeclared ones refused.
#include <doctest/doctest.h>

#include "parse/parse_support.hpp"
#include "parse/xml.hpp"

using namespace yoshiki;

namespace {

const std::string hint_utf8 =
    "  hint: save it as UTF-8, or name its encoding in the first line, e.g. <?xml version=\"1.0\" encoding=\"Shift_JIS\"?>";
const std::string hint_entity =
    "  hint: XML knows only &lt; &gt; &amp; &apos; &quot; and numeric references such as &#x9AD9;";
const std::string sjis_decl = "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>";

// Loads bytes as t.xml and reads the root's text (references are decoded when text is read);
// returns every diagnostic.
std::string errors_of(const std::string& bytes) {
    base::Diagnostics d;
    auto f = parse::load_xml_bytes("t.xml", bytes, d);
    if (f) parse::element_text(*f, f->doc.document_element(), d);
    return test::all_diagnostics(d);
}

// The text of the root element of bytes, which must load without a finding.
std::string root_text(const std::string& bytes) {
    base::Diagnostics d;
    auto f = parse::load_xml_bytes("t.xml", bytes, d);
    REQUIRE(f);
    std::string text = parse::element_text(*f, f->doc.document_element(), d).text;
    CHECK(test::all_diagnostics(d) == "");
    return text;
}

}  // namespace

TEST_CASE("undefined entity references are errors at their '&'") {
    CHECK(errors_of("<a>&nbsp;</a>") == "t.xml:1:4: error: undefined entity reference '&nbsp;'\n" + hint_entity + "\n");
    // Columns count characters: two kanji before it are columns 1 and 2.
    CHECK(errors_of("<a>\n目標&copy;</a>") == "t.xml:2:3: error: undefined entity reference '&copy;'\n" + hint_entity + "\n");
    // In an attribute, at the '&' inside the value.
    base::Diagnostics d;
    auto f = parse::load_xml_bytes("t.xml", "<a x=\"1&nbsp;\"/>", d);
    REQUIRE(f);
    pugi::xml_node a = f->doc.document_element();
    CHECK(parse::attribute_text(*f, a, a.attribute("x"), d).text == "1");
    CHECK(test::all_diagnostics(d) == "t.xml:1:8: error: undefined entity reference '&nbsp;'\n" + hint_entity + "\n");
}

TEST_CASE("a bare '&' is an error; the five entities and character references are decoded") {
    CHECK(errors_of("<a>AT&T</a>") == "t.xml:1:6: error: '&' must be written as &amp; in XML\n");
    // "&b c;" is not a reference: a name has no space.
    CHECK(errors_of("<a>A &b c;</a>") == "t.xml:1:6: error: '&' must be written as &amp; in XML\n");
    CHECK(root_text("<a>&#x9AD9;&#39641;&amp;&lt;&gt;&apos;&quot;</a>") == "髙髙&<>'\"");
    CHECK(root_text("<a>&#x20BB7;</a>") == "𠮷");
    CHECK(errors_of("<a>&#0;</a>") == "t.xml:1:4: error: character reference '&#0;' is not a valid XML character\n");
    CHECK(errors_of("<a>x&#xD800;</a>") == "t.xml:1:5: error: character reference '&#xD800;' is not a valid XML character\n");
    CHECK(errors_of("<a>&#X41;</a>") == "t.xml:1:4: error: character reference '&#X41;' is not a valid XML character\n");
    CHECK(errors_of("<a>&#x110000;</a>") == "t.xml:1:4: error: character reference '&#x110000;' is not a valid XML character\n");
    // CDATA is literal: its '&' is text.
    CHECK(root_text("<a><![CDATA[&nbsp;]]></a>") == "&nbsp;");
}

TEST_CASE("duplicate attributes are errors at the second one") {
    CHECK(errors_of("<a x=\"1\" x=\"2\"/>") == "t.xml:1:10: error: attribute 'x' appears twice on <a>\n");
    CHECK(errors_of("<r>\n<b y=\"目\" y=\"標\"/></r>") == "t.xml:2:10: error: attribute 'y' appears twice on <b>\n");
    // A '>' inside a value does not end the tag for the search of the attribute.
    CHECK(errors_of("<a x=\">\" y=\"1\" y=\"2\"/>") == "t.xml:1:16: error: attribute 'y' appears twice on <a>\n");
}

TEST_CASE("'<' in an attribute value is an error") {
    CHECK(errors_of("<a x=\"1<2\"/>") == "t.xml:1:8: error: '<' is not allowed in an attribute value\n  hint: write it as &lt;\n");
}

TEST_CASE("a DOCTYPE is refused, at its '<!'") {
    CHECK(errors_of("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>") ==
          "t.xml:1:1: error: a DOCTYPE declaration is not allowed here\n  hint: entities cannot be declared in yoshiki files\n");
    CHECK(errors_of("<?xml version=\"1.0\"?>\n<!DOCTYPE a>\n<a/>") ==
          "t.xml:2:1: error: a DOCTYPE declaration is not allowed here\n  hint: entities cannot be declared in yoshiki files\n");
}

TEST_CASE("control characters are refused, named by their code point") {
    CHECK(errors_of("<a>\x01</a>") == "t.xml:1:4: error: character (U+0001) is not allowed in XML\n");
    CHECK(errors_of(std::string("<a>目\0</a>", 10)) == "t.xml:1:5: error: character (U+0000) is not allowed in XML\n");
    CHECK(errors_of("<a>\n\x0C</a>") == "t.xml:2:1: error: character (U+000C) is not allowed in XML\n");
    // Tab, line feed and carriage return are the ones XML allows.
    CHECK(root_text("<a>x\t\r\ny</a>") == "x\t\r\ny");
}

TEST_CASE("malformed XML says where, and what is wrong") {
    CHECK(errors_of("<a>\n  <b>目標</c></a>") == "t.xml:2:8: error: malformed XML: the end tag </c> does not match its start tag\n");
    CHECK(errors_of("<a><b></a>").rfind("t.xml:1:", 0) == 0);
    CHECK(errors_of("<a x=1/>") == "t.xml:1:6: error: malformed XML: Error parsing element attribute\n");
    // A file cut short: at its end.
    CHECK(errors_of("<a>") == "t.xml:1:4: error: malformed XML: the file ends before its elements are closed\n");
    CHECK(errors_of("<a>\n<b>目標</b>\n") == "t.xml:3:1: error: malformed XML: the file ends before its elements are closed\n");
    CHECK(errors_of("<!-- nothing -->") == "t.xml:1:17: error: malformed XML: the file has no element\n");
}

TEST_CASE("nothing stands after the root element") {
    CHECK(errors_of("<a/>\n<b/>") == "t.xml:2:1: error: <b> stands after the end of <a>\n  hint: everything belongs inside <a>…</a>\n");
    CHECK(errors_of("<a/>x") == "t.xml:1:5: error: text after the end of <a>\n");
    CHECK(errors_of("x<a/>") == "t.xml:1:1: error: text before the first element\n");
    // Comments and white space may follow.
    CHECK(root_text("<a>x</a>\n<!-- end -->\n") == "x");
}

TEST_CASE("invalid UTF-8 is refused with its byte offset and place") {
    CHECK(errors_of("<a>目\x93</a>") ==
          "t.xml:1:5: error: the file is not valid UTF-8: byte 0x93 at byte offset 6\n" + hint_utf8 + "\n");
    CHECK(errors_of("<a>\n目標\xFF</a>") ==
          "t.xml:2:3: error: the file is not valid UTF-8: byte 0xFF at byte offset 10\n" + hint_utf8 + "\n");
    // A sequence cut short at the end of the file.
    CHECK(errors_of("<a>\xE7\x9B") == "t.xml:1:4: error: the file is not valid UTF-8: byte 0xE7 at byte offset 3\n" + hint_utf8 + "\n");
    // The offset is that of the file, byte order mark included.
    CHECK(errors_of("\xEF\xBB\xBF<a>目\x93</a>") ==
          "t.xml:1:5: error: the file is not valid UTF-8: byte 0x93 at byte offset 9\n" + hint_utf8 + "\n");
    CHECK(root_text("\xEF\xBB\xBF<a>目</a>") == "目");
    // Overlong forms and surrogates are not UTF-8 either.
    CHECK(errors_of("<a>\xC0\xBC</a>") == "t.xml:1:4: error: the file is not valid UTF-8: byte 0xC0 at byte offset 3\n" + hint_utf8 + "\n");
    CHECK(errors_of("<a>\xED\xA0\x80</a>") == "t.xml:1:4: error: the file is not valid UTF-8: byte 0xED at byte offset 3\n" + hint_utf8 + "\n");
}

TEST_CASE("Shift_JIS, as spreadsheets write it (Windows-31J), is converted when declared") {
    // 目標 髙 ① ～ −: 髙 and ① exist in Windows-31J only; ～ and − are where Shift_JIS and
    // Windows-31J disagree, and clerks' files mean the full-width forms.
    std::string body = "<a>\x96\xDA\x95\x57\xFB\xFC\x87\x40\x81\x60\x81\x7C</a>";
    CHECK(root_text(sjis_decl + body) == "目標髙①～－");
    for (const char* name : {"shift_jis", "Shift-JIS", "SJIS", "CP932", "Windows-31J", "MS932"}) {
        INFO(name);
        CHECK(root_text(std::string("<?xml version=\"1.0\" encoding=\"") + name + "\"?>" + body) == "目標髙①～－");
    }
    CHECK(root_text("<?xml version='1.0' encoding='EUC-JP'?><a>\xCC\xDC\xC9\xB8</a>") == "目標");
    // Places in a converted file are counted in its characters.
    CHECK(errors_of(sjis_decl + "\n<a>\x96\xDA&nbsp;</a>") == "t.xml:2:5: error: undefined entity reference '&nbsp;'\n" + hint_entity + "\n");
}

TEST_CASE("Shift_JIS that is not declared, or not what is declared, is refused, never mojibake") {
    // Undeclared: not UTF-8, at its first kanji.
    CHECK(errors_of("<a>\n  \x96\xDA\x95\x57</a>") ==
          "t.xml:2:3: error: the file is not valid UTF-8: byte 0x96 at byte offset 6\n" + hint_utf8 + "\n");
    // Declared, with a byte no character of Windows-31J begins with (0x81 before '<').
    CHECK(errors_of(sjis_decl + "\n<a>\x96\xDA\x81</a>") ==
          "t.xml:2:5: error: the file is not valid Shift_JIS: byte 0x81 at byte offset 48 begins no character of Shift_JIS\n"
          "  hint: check the encoding the file was saved in, and the declaration in its first line\n");
    // A UTF-8 file that declares Shift_JIS would be read as other kanji: refused at the name.
    const std::string fix = "  hint: write encoding=\"UTF-8\" in the first line if the file is UTF-8, or save it again in the encoding it declares\n";
    CHECK(errors_of(sjis_decl + "<a>目標</a>") == "t.xml:1:31: error: the file declares the encoding 'Shift_JIS' but its text is UTF-8\n" + fix);
    CHECK(errors_of("\xEF\xBB\xBF" + sjis_decl + "<a/>") ==
          "t.xml:1:31: error: the file starts with the byte order mark of UTF-8 but declares the encoding 'Shift_JIS'\n" + fix);
    CHECK(errors_of("<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>") ==
          "t.xml:1:31: error: the file declares the encoding 'UTF-16' but is not UTF-16 (its declaration is written in single bytes)\n" + fix);
    CHECK(errors_of("<?xml version=\"1.0\" encoding=\"KOI8-R\"?><a/>") ==
          "t.xml:1:31: error: the encoding 'KOI8-R' is not supported\n  hint: use UTF-8, Shift_JIS, EUC-JP, ISO-2022-JP or UTF-16\n");
}

TEST_CASE("UTF-16 is read by its byte order mark, or by the '<?' of its first line") {
    auto le = [](const std::u16string& s) {
        std::string out;
        for (char16_t c : s) out += {static_cast<char>(c & 0xFF), static_cast<char>(c >> 8)};
        return out;
    };
    auto be = [](const std::u16string& s) {
        std::string out;
        for (char16_t c : s) out += {static_cast<char>(c >> 8), static_cast<char>(c & 0xFF)};
        return out;
    };
    CHECK(root_text("\xFF\xFE" + le(u"<a>目標𠮷</a>")) == "目標𠮷");
    CHECK(root_text("\xFE\xFF" + be(u"<a>髙①</a>")) == "髙①");
    CHECK(root_text(le(u"<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>目</a>")) == "目");
    CHECK(root_text(be(u"<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>目</a>")) == "目");
    // Places are counted in characters of the decoded text; the surrogate pair is one.
    CHECK(errors_of("\xFF\xFE" + le(u"<a>\n𠮷&nbsp;</a>")) ==
          "t.xml:2:2: error: undefined entity reference '&nbsp;'\n" + hint_entity + "\n");
    // A lone surrogate is no character.
    CHECK(errors_of("\xFF\xFE" + le(u"<a>") + std::string("\x00\xD8", 2) + le(u"</a>")) ==
          "t.xml:1:4: error: the file is not valid UTF-16LE: byte 0x00 at byte offset 8 begins no character of UTF-16LE\n"
          "  hint: check the encoding the file was saved in, and the declaration in its first line\n");
}

TEST_CASE("an empty file, or one of white space only, is refused at its start") {
    base::Diagnostics d;
    CHECK_FALSE(parse::load_xml_bytes("in.xml", " \n", d, "input file"));
    CHECK_FALSE(parse::load_xml_bytes("l.xml", "", d, "layout file"));
    CHECK(test::all_diagnostics(d) ==
          "in.xml:1:1: error: the input file is empty\n"
          "l.xml:1:1: error: the layout file is empty\n");
    CHECK(d.all()[0].code == "file-empty");
    CHECK(d.all()[0].offset == 0);
}

TEST_CASE("unknown elements and attributes get a did-you-mean hint, or the list of what is allowed") {
    base::Diagnostics d;
    auto f = parse::load_xml_bytes("t.xml", "<sheet>\n  <bassis lang=\"ja\" yaer=\"R5\"/>\n  <zzz/>\n</sheet>", d);
    REQUIRE(f);
    pugi::xml_node sheet = f->doc.document_element();
    pugi::xml_node bassis = sheet.first_child();
    CHECK(parse::unknown_element(*f, bassis, sheet, {"goal", "basis"}, d) == std::optional<std::string>("basis"));
    CHECK_FALSE(parse::unknown_element(*f, bassis.next_sibling(), sheet, {"goal", "basis"}, d));
    CHECK(parse::check_attributes(*f, bassis, {"year"}, d) == std::vector<std::string>{"year"});
    CHECK(parse::check_attributes(*f, bassis.next_sibling(), {}, d).empty());
    CHECK(test::all_diagnostics(d) ==
          "t.xml:2:3: error: unknown element <bassis> in <sheet>\n  hint: did you mean <basis>?\n"
          "t.xml:3:3: error: unknown element <zzz> in <sheet>\n  hint: allowed here: <goal> <basis>\n"
          "t.xml:2:11: error: unknown attribute 'lang' on <bassis>\n  hint: allowed here: year\n"
          "t.xml:2:21: error: unknown attribute 'yaer' on <bassis>\n  hint: did you mean 'year'?\n");
    CHECK(parse::closest_match("indicater", {"goal", "indicator"}) == std::optional<std::string>("indicator"));
    CHECK_FALSE(parse::closest_match("values", {"goal", "indicator"}));
}

TEST_CASE("nesting is limited") {
    std::string deep;
    for (int i = 0; i < 40; ++i) deep += "<a>";
    for (int i = 0; i < 40; ++i) deep += "</a>";
    CHECK(errors_of(deep) ==
          "t.xml:1:100: error: elements are nested too deeply\n  hint: a yoshiki file nests at most 32 elements deep\n");
}

TEST_CASE("the XML declaration stands first or is an error") {
    const std::string not_first = " error: the XML declaration <?xml …?> must stand at the very start of the file\n";
    const std::string nothing_before = "  hint: nothing may stand before it, not even a space, a line end or a comment\n";
    CHECK(errors_of("\n<?xml version=\"1.0\"?><a/>") == "t.xml:2:1:" + not_first + "  hint: remove the spaces and line ends before it\n");
    CHECK(errors_of("<!-- c --><?xml version=\"1.0\"?><a/>") == "t.xml:1:11:" + not_first + nothing_before);
    CHECK(errors_of("<a><?xml version=\"1.0\"?></a>") == "t.xml:1:4:" + not_first);
    CHECK(errors_of("<a/>\n<?xml version=\"1.0\"?>") == "t.xml:2:1:" + not_first + nothing_before);
    // A second one, and one after the root that is not written as a declaration.
    CHECK(errors_of("<?xml version=\"1.0\"?>\n<?xml version=\"1.0\"?><a/>") == "t.xml:2:1:" + not_first + nothing_before);
    CHECK(errors_of("<a/><?xml stylesheet?>") == "t.xml:1:5:" + not_first);
    // Another processing instruction before it does not make it first.
    CHECK(errors_of("<?editor x?><?xml version=\"1.0\"?><a/>") == "t.xml:1:13:" + not_first + nothing_before);
    CHECK(errors_of("<?xml version=\"1.0\" encodng=\"UTF-8\"?><a/>") ==
          "t.xml:1:21: error: unknown attribute 'encodng' on <xml>\n  hint: did you mean 'encoding'?\n");
    CHECK(errors_of("<?xml version=1.0?><a/>") == "t.xml:1:15: error: malformed XML: Error parsing element attribute\n");
    CHECK(root_text("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<a>x</a>") == "x");
}

TEST_CASE("a processing instruction for another program is passed over, wherever it stands") {
    // XML: a program passes over a processing instruction whose target it does not know.
    CHECK(root_text("<?xml version=\"1.0\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"x.xsl\"?>\n<a>x</a>") == "x");
    CHECK(root_text("<?oxygen RNGSchema=\"goal.rng\" type=\"xml\"?><a>x</a>\n<?oxygen end?>\n") == "x");
    CHECK(root_text("<a><?php echo 1 ?>x<?editor?></a>") == "x");
    // A target that only begins with xml is not the reserved one.
    CHECK(root_text("<a><?xmlspy x?>x<?xml-model href=\"a.rng\"?></a>") == "x");
    base::Diagnostics d;
    auto f = parse::load_xml_bytes("t.xml", "<?xml version=\"1.0\"?><?editor x?><a><b>x<?editor y?></b></a>", d);
    CHECK(test::all_diagnostics(d) == "");
    REQUIRE(f);
    CHECK(parse::element_text(*f, f->doc.document_element().first_child(), d).text == "x");
}

TEST_CASE("the text on both sides of a processing instruction is kept whole") {
    CHECK(root_text("<a>地域<?editor mark?>コミュニティ</a>") == "地域コミュニティ");
    CHECK(root_text("<a>A <?x?>B<?y?> C</a>") == "A B C");
    // White space alone between two of them (or a comment) is no node of pugixml's, and is
    // kept all the same: the words on either side do not run together. A '?>' or '-->' inside
    // the other's text does not end it early.
    const std::pair<const char*, const char*> spaced[] = {
        {"<a>A<?x?> <?y?>B</a>", "A B"},
        {"<a>A<?x?>\t<!-- c --> <?y?>B</a>", "A\t B"},
        {"<a>A<!-- c --> <!-- d -->B</a>", "A B"},
        {"<a><![CDATA[A]]> <?x?> <![CDATA[B]]></a>", "A  B"},
        {"<a>A<?x ?> > <?y?>B</a>", "A > B"},
        {"<a>A<!-- ?> --> <?x -->?> B</a>", "A  B"},
    };
    for (const auto& sample : spaced) {
        INFO(sample.first);  // a pair, not a binding: clang 14 cannot capture one in INFO's lambda
        CHECK(root_text(sample.first) == sample.second);
    }
    // References after one are decoded as anywhere else, and reported at their place.
    CHECK(root_text("<a>&#x9AD9;<?x?>&amp;</a>") == "髙&");
    CHECK(errors_of("<a>x<?x?>&nbsp;</a>") == "t.xml:1:10: error: undefined entity reference '&nbsp;'\n" + hint_entity + "\n");
}

TEST_CASE("a processing instruction that would change the file's meaning is refused") {
    const std::string reserved_hint =
        "  hint: the XML declaration is written <?xml …?>, in lower case, at the very start of the file\n";
    const std::string yoshiki_hint = "  hint: write what it says in the file's elements and attributes, or remove it\n";
    // yoshiki reads none: one addressed to it, in any letter case, anywhere.
    CHECK(errors_of("<a>x<?yoshiki page-break?>y</a>") ==
          "t.xml:1:5: error: yoshiki reads no processing instructions: <?yoshiki …?> would change nothing\n" + yoshiki_hint);
    CHECK(errors_of("<?Yoshiki status=\"final\"?><a/>") ==
          "t.xml:1:1: error: yoshiki reads no processing instructions: <?Yoshiki …?> would change nothing\n" + yoshiki_hint);
    CHECK(errors_of("<a/>\n<?yoshiki?>") ==
          "t.xml:2:1: error: yoshiki reads no processing instructions: <?yoshiki …?> would change nothing\n" + yoshiki_hint);
    // The target xml in another letter case, XML's own: at the start, after the root, inside.
    CHECK(errors_of("<?XML version=\"1.0\"?><a/>") == "t.xml:1:1: error: the target 'XML' of <?XML …?> is reserved by XML\n" +
                                                          reserved_hint);
    CHECK(errors_of("<a/>\n<?Xml version=\"1.0\"?>") ==
          "t.xml:2:1: error: the target 'Xml' of <?Xml …?> is reserved by XML\n" + reserved_hint);
    CHECK(errors_of("<a/><?xmL foo?>") == "t.xml:1:5: error: the target 'xmL' of <?xmL …?> is reserved by XML\n" + reserved_hint);
    CHECK(errors_of("<a>\n x<?XML?></a>") == "t.xml:2:3: error: the target 'XML' of <?XML …?> is reserved by XML\n" + reserved_hint);
}

TEST_CASE("UTF-16 found by its bytes is read whatever comes first; a UTF-16 file declaring another encoding is refused") {
    auto le = [](const std::u16string& s) {
        std::string out;
        for (char16_t c : s) {
            out += static_cast<char>(c & 0xFF);
            out += static_cast<char>(c >> 8);
        }
        return out;
    };
    CHECK(root_text(le(u"<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>目</a>")) == "目");
    CHECK(errors_of(le(u"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><a/>")) ==
          "t.xml:1:31: error: the file is UTF-16 but declares the encoding 'Shift_JIS'\n"
          "  hint: write encoding=\"UTF-16\", or save the file again in the encoding it declares\n");
    CHECK(errors_of(le(u"\n<?xml version=\"1.0\"?><a/>")) ==
          "t.xml:2:1: error: the XML declaration <?xml …?> must stand at the very start of the file\n"
          "  hint: nothing may stand before it, not even a space, a line end or a comment\n");
}

TEST_CASE("a file of more elements and attributes than the limit is refused before it is parsed") {
    std::string many = "<a>";
    for (int i = 0; i < 100'000; ++i) many += "<b x=\"1\"/>";
    many += "</a>";
    base::Diagnostics d;
    CHECK_FALSE(parse::load_xml_bytes("t.xml", many, d));
    std::string all = test::all_diagnostics(d);
    // The 200,001st of '<' and '=': the '=' of the 100,000th <b>.
    CHECK(all == "t.xml:1:999998: error: the file has more than 200000 elements and attributes; yoshiki reads no further\n"
                 "  hint: a department file of 1,000 sheets has some 30,000: split the file\n");
}

TEST_CASE("attributes are found in their start tag, each at its own place, however many") {
    std::string tag = "<a";
    for (int i = 0; i < 3000; ++i) tag += " x" + std::to_string(i) + "='>\"'";
    tag += " x7='dup'/>";
    base::Diagnostics d;
    CHECK_FALSE(parse::load_xml_bytes("t.xml", tag, d));
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].format() == "t.xml:1:" + std::to_string(tag.size() - 9) + ": error: attribute 'x7' appears twice on <a>");
}

TEST_CASE("of each kind of bad reference in a text the first is reported, the rest counted") {
    CHECK(errors_of("<a>" + std::string(100000, '&') + "</a>") ==
          "t.xml:1:4: error: '&' must be written as &amp; in XML\n  hint: write each as &amp; (this text has 99999 more)\n");
    CHECK(errors_of("<a>&x; &y; &#0;</a>") ==
          "t.xml:1:12: error: character reference '&#0;' is not a valid XML character\n"
          "t.xml:1:4: error: undefined entity reference '&x;'\n" + hint_entity.substr(0, hint_entity.size()) +
              " (this text has 1 more)\n");
}

TEST_CASE("a name longer than 256 bytes is refused before any message quotes it") {
    std::string name(300, 'n');
    CHECK(errors_of("<a><" + name + "/></a>") ==
          "t.xml:1:4: error: a name of 300 bytes: '" + std::string(60, 'n') + "…'\n"
          "  hint: the names of yoshiki's files are words of at most 256 bytes\n");
    CHECK(errors_of("<a " + name + "=\"1\"/>") ==
          "t.xml:1:4: error: a name of 300 bytes: '" + std::string(60, 'n') + "…'\n"
          "  hint: the names of yoshiki's files are words of at most 256 bytes\n");
}
