#include "parse/xml.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <unordered_set>

#include "base/encoding.hpp"
#include "base/limits.hpp"
#include "base/utf8.hpp"

namespace yoshiki::parse {

namespace {

namespace codes = base::codes;
using base::Diagnostics;
using base::SourceFile;
using base::SourcePtr;
using base::Span;

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The encoding named in the XML declaration, as written, and where its name starts; an empty
// name when there is none. The declaration is ASCII in every encoding it can name but UTF-16.
struct Declared {
    std::string name;
    std::size_t at = 0;
};

Declared declared_encoding(std::string_view bytes) {
    if (bytes.compare(0, 5, "<?xml") != 0) return {};
    std::size_t end = bytes.find("?>");
    if (end == std::string_view::npos) return {};
    std::string_view decl = bytes.substr(0, end);
    std::size_t at = decl.find("encoding");
    if (at == std::string_view::npos) return {};
    at = decl.find_first_of("\"'", at);
    if (at == std::string_view::npos) return {};
    std::size_t close = decl.find(decl[at], at + 1);
    if (close == std::string_view::npos) return {};
    return Declared{std::string(decl.substr(at + 1, close - at - 1)), at + 1};
}

bool has_non_ascii(std::string_view bytes) {
    return std::any_of(bytes.begin(), bytes.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

std::string hex_byte(unsigned char c) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", c);
    return hex;
}

// What the bytes say of their encoding: a byte order mark, the pattern of ASCII in UTF-16 (XML
// 1.0, appendix F), or the declaration.
struct Detected {
    std::string encoding;  // lower-cased; empty means UTF-8
    std::string shown;     // as the clerk wrote it, or as found ("UTF-16LE")
    std::size_t skip = 0;  // bytes of a byte order mark
    Declared declared;
    bool utf16 = false;
};

Detected detect_encoding(std::string_view bytes) {
    auto byte = [&](std::size_t i) { return i < bytes.size() ? static_cast<unsigned char>(bytes[i]) : 0x100u; };
    Detected d;
    auto ascii = [](unsigned b) { return b > 0 && b < 0x80; };
    if (byte(0) == 0xFF && byte(1) == 0xFE) {
        d.encoding = "utf-16le";
        d.skip = 2;
    } else if (byte(0) == 0xFE && byte(1) == 0xFF) {
        d.encoding = "utf-16be";
        d.skip = 2;
    } else if (ascii(byte(0)) && byte(1) == 0 && ascii(byte(2)) && byte(3) == 0) {
        d.encoding = "utf-16le";  // "<?" or a line end before it, in UTF-16 without a byte order mark
    } else if (byte(0) == 0 && ascii(byte(1)) && byte(2) == 0 && ascii(byte(3))) {
        d.encoding = "utf-16be";
    } else {
        if (byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) d.skip = 3;
        d.declared = declared_encoding(bytes.substr(d.skip));
        d.encoding = lower(d.declared.name);
        if (d.encoding == "utf-8" || d.encoding == "utf8") d.encoding.clear();
        d.shown = d.declared.name;
        return d;
    }
    d.utf16 = true;
    for (char c : d.encoding) d.shown += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return d;
}

// A declaration that the bytes contradict would turn every kanji into another one: the file is
// refused, never read as mojibake. Empty when there is no contradiction.
std::string contradiction(std::string_view bytes, const Detected& d) {
    if (d.utf16 || d.encoding.empty()) return {};
    if (d.skip == 3) {
        return "the file starts with the byte order mark of UTF-8 but declares the encoding '" + d.declared.name + "'";
    }
    if (d.encoding.compare(0, 6, "utf-16") == 0) {
        return "the file declares the encoding '" + d.declared.name +
               "' but is not UTF-16 (its declaration is written in single bytes)";
    }
    // Text that is valid UTF-8 with characters beyond ASCII is UTF-8, whatever it declares: the
    // chance that Shift_JIS text also decodes as UTF-8 is nil for anything longer than a word.
    if (has_non_ascii(bytes) && base::utf8::find_invalid(bytes) == std::string_view::npos) {
        return "the file declares the encoding '" + d.declared.name + "' but its text is UTF-8";
    }
    return {};
}

// The file as text: its bytes decoded to UTF-8 as detected. Null after reporting why not.
SourcePtr decode(const std::string& path, std::string bytes, const Detected& d, Diagnostics& diags) {
    const std::string_view body = std::string_view(bytes).substr(d.skip);
    // The XML declaration names the encoding only when it stands first: after a space or a line
    // end it is no declaration, and the encoding it names would be silently ignored.
    if (!d.utf16 && d.declared.name.empty()) {
        std::size_t first = 0;
        while (first < body.size() && is_space(body[first])) ++first;
        if (first > 0 && body.compare(first, 5, "<?xml") == 0 && first + 5 < body.size() &&
            (is_space(body[first + 5]) || body[first + 5] == '?')) {
            auto source = std::make_shared<const SourceFile>(path, std::move(bytes), d.skip);
            diags.error(Span{source, first}, codes::xml_declaration_not_first,
                        "the XML declaration <?xml …?> must stand at the very start of the file",
                        "remove the spaces and line ends before it");
            return nullptr;
        }
    }
    std::string conflict = contradiction(body, d);
    if (!conflict.empty()) {
        auto source = std::make_shared<const SourceFile>(path, std::move(bytes), d.skip);
        diags.error(Span{source, d.declared.at}, codes::encoding_contradicted, conflict,
                    "write encoding=\"UTF-8\" in the first line if the file is UTF-8, or save it again in the "
                    "encoding it declares");
        return nullptr;
    }
    if (d.encoding.empty()) {
        std::size_t bad = base::utf8::find_invalid(body);
        std::string shown_byte = bad == std::string_view::npos ? std::string() : hex_byte(static_cast<unsigned char>(body[bad]));
        auto source = std::make_shared<const SourceFile>(path, std::move(bytes), d.skip);
        if (bad == std::string_view::npos) return source;
        diags.error(Span{source, bad}, codes::encoding_invalid,
                    "the file is not valid UTF-8: byte " + shown_byte + " at byte offset " + std::to_string(bad + d.skip),
                    "save it as UTF-8, or name its encoding in the first line, e.g. "
                    "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>");
        return nullptr;
    }
    const char* from = base::encoding::iconv_name(d.encoding);
    if (!from) {
        auto source = std::make_shared<const SourceFile>(path, std::move(bytes), d.skip);
        diags.error(Span{source, d.declared.at}, codes::encoding_unsupported, "the encoding '" + d.shown + "' is not supported",
                    "use UTF-8, Shift_JIS, EUC-JP, ISO-2022-JP or UTF-16");
        return nullptr;
    }
    base::encoding::Decoded decoded = base::encoding::decode(body, from);
    const bool available = decoded.available;
    const std::size_t bad = decoded.bad;
    std::string shown_byte = bad < body.size() ? hex_byte(static_cast<unsigned char>(body[bad])) : "0x00";
    auto source = std::make_shared<const SourceFile>(path, std::move(bytes), d.skip, std::move(decoded));
    if (!available) {
        diags.error(Span{source, 0}, codes::encoding_unavailable,
                    "this system cannot convert the encoding '" + d.shown + "'", "save the file as UTF-8");
        return nullptr;
    }
    if (bad != std::string_view::npos) {
        // What was decoded before the bad bytes gives the line and column in characters.
        diags.error(Span{source, source->text().size()}, codes::encoding_invalid,
                    "the file is not valid " + d.shown + ": byte " + shown_byte + " at byte offset " +
                        std::to_string(bad + d.skip) + " begins no character of " + d.shown,
                    "check the encoding the file was saved in, and the declaration in its first line");
        return nullptr;
    }
    return source;
}

// XML 1.0 forbids most control characters even when they are valid UTF-8; and a file of more
// elements and attributes than limits::max_markup is refused before it is parsed, where the
// count passes the limit.
bool check_characters(const SourcePtr& source, Diagnostics& diags) {
    const std::string_view t = source->text();
    std::size_t markup = 0;
    for (std::size_t i = 0; i < t.size();) {
        std::size_t at = i;
        char c = t[i];
        if ((c == '<' || c == '=') && ++markup > base::limits::max_markup) {
            diags.error(Span{source, at}, codes::xml_too_much_markup,
                        "the file has more than " + std::to_string(base::limits::max_markup) +
                            " elements and attributes; yoshiki reads no further",
                        "a department file of 1,000 sheets has some 30,000: split the file");
            return false;
        }
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F && static_cast<unsigned char>(c) < 0x80) {
            ++i;
            continue;
        }
        char32_t cp = base::utf8::next(t, i);
        if ((cp < 0x20 && cp != 0x9 && cp != 0xA && cp != 0xD) || cp == 0xFFFE || cp == 0xFFFF) {
            diags.error(Span{source, at}, codes::xml_forbidden_character,
                        "character " + base::describe_code_point(cp) + " is not allowed in XML");
            return false;
        }
    }
    return true;
}

// Decodes the references of raw text. Of each kind of mistake, the first in the text is reported
// and the rest counted in its hint: a text of a million bare '&' costs one finding, not a million.
void decode_references(std::string_view raw, const Span& at, base::TracedText& out, Diagnostics& diags) {
    struct Mistakes {
        std::size_t count = 0, first = 0;
        std::string what;
    } bare, invalid, undefined;
    auto note = [](Mistakes& m, std::size_t i, std::string_view what) {
        if (m.count++ == 0) {
            m.first = i;
            m.what = what;
        }
    };
    std::size_t piece = 0;
    // The first ';' after the '&' at i: looked for again only once i has passed it, so that a
    // text of many '&' and no ';' is read once, not once per '&'.
    std::size_t semi = 0;
    bool searched = false;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '&') continue;
        out.append(raw.substr(piece, i - piece), at.at(piece));
        if (!searched || (semi != std::string_view::npos && semi < i)) {
            semi = raw.find(';', i);
            searched = true;
        }
        std::string_view ref = raw.substr(i + 1, semi == std::string_view::npos ? 0 : semi - i - 1);
        std::string decoded;
        // A reference is a name up to ';': "AT&T; 他" holds a bare '&', not a reference.
        if (semi == std::string_view::npos || ref.empty() || ref.find_first_of(" \t\r\n&<\"'") != std::string_view::npos) {
            note(bare, i, "");
            piece = i + 1;
            continue;
        }
        if (ref == "lt") decoded = "<";
        else if (ref == "gt") decoded = ">";
        else if (ref == "amp") decoded = "&";
        else if (ref == "apos") decoded = "'";
        else if (ref == "quot") decoded = "\"";
        else if (ref[0] == '#') {
            bool hex = ref.size() > 1 && ref[1] == 'x';
            std::string_view digits = ref.substr(hex ? 2 : 1);
            char32_t cp = 0;
            bool valid = !digits.empty() && digits.size() <= 8;
            for (char c : digits) {
                int v = -1;
                if (c >= '0' && c <= '9') v = c - '0';
                else if (hex && c >= 'a' && c <= 'f') v = c - 'a' + 10;
                else if (hex && c >= 'A' && c <= 'F') v = c - 'A' + 10;
                if (v < 0) valid = false;
                else cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(v);
            }
            // XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
            bool is_char = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (!valid || !is_char) note(invalid, i, ref);
            else decoded = base::utf8::encode(cp);
        } else {
            note(undefined, i, ref);
        }
        out.append(decoded, at.at(i));
        piece = semi + 1;
        i = semi;
    }
    out.append(raw.substr(piece), at.at(piece));
    auto more = [](const Mistakes& m) {
        return m.count > 1 ? " (this text has " + std::to_string(m.count - 1) + " more)" : std::string();
    };
    if (bare.count) {
        diags.error(at.at(bare.first), codes::xml_bare_ampersand, "'&' must be written as &amp; in XML",
                    bare.count > 1 ? "write each as &amp;" + more(bare) : std::string());
    }
    if (invalid.count) {
        diags.error(at.at(invalid.first), codes::xml_invalid_character_reference,
                    "character reference '&" + base::utf8::clip(invalid.what) + ";' is not a valid XML character",
                    invalid.count > 1 ? "check each character reference" + more(invalid) : std::string());
    }
    if (undefined.count) {
        diags.error(at.at(undefined.first), codes::xml_undefined_entity,
                    "undefined entity reference '&" + base::utf8::clip(undefined.what) + ";'",
                    "XML knows only &lt; &gt; &amp; &apos; &quot; and numeric references such as &#x9AD9;" + more(undefined));
    }
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}


std::size_t offset_of(pugi::xml_node n) { return static_cast<std::size_t>(std::max<std::ptrdiff_t>(n.offset_debug(), 0)); }

// Where a declaration or processing instruction starts: pugixml points at its name, after "<?".
std::size_t question_start(pugi::xml_node n) {
    std::size_t at = offset_of(n);
    return at >= 2 ? at - 2 : 0;
}

// A processing instruction is addressed to the program its target names, and XML asks a program
// to pass over those it does not know: an <?xml-stylesheet …?> for a browser, an editor's own
// <?oxygen …?>. yoshiki does, wherever they stand. One addressed to yoshiki is refused: yoshiki
// reads none, and the clerk who wrote one expects it to change something.
void check_processing_instruction(const XmlFile& file, pugi::xml_node n, Diagnostics& diags) {
    if (lower(n.name()) != "yoshiki") return;
    diags.error(Span{file.source, question_start(n)}, codes::xml_processing_instruction,
                std::string("yoshiki reads no processing instructions: <?") + n.name() + " …?> would change nothing",
                "write what it says in the file's elements and attributes, or remove it");
}

// A declaration where none may stand. pugixml reads <?xml …?> in any letter case as one; XML
// reserves the name in every case, and only <?xml …?> at the very start of the file declares
// anything, so <?XML …?> is refused wherever it is, and <?xml …?> anywhere but first.
void misplaced_declaration(const XmlFile& file, std::size_t at, const std::string& name, const std::string& hint,
                           Diagnostics& diags) {
    if (name != "xml") {
        diags.error(Span{file.source, at}, codes::xml_processing_instruction,
                    "the target '" + name + "' of <?" + name + " …?> is reserved by XML",
                    "the XML declaration is written <?xml …?>, in lower case, at the very start of the file");
        return;
    }
    diags.error(Span{file.source, at}, codes::xml_declaration_not_first,
                "the XML declaration <?xml …?> must stand at the very start of the file", hint);
}

// The target of the processing instruction at open ("<?"), when it is xml in any letter case:
// what pugixml takes for a declaration. Empty otherwise.
std::string xml_target_at(std::string_view t, std::size_t open) {
    if (t.compare(open, 2, "<?") != 0 || open + 5 > t.size() || lower(std::string(t.substr(open + 2, 3))) != "xml") return {};
    if (open + 5 < t.size() && !is_space(t[open + 5]) && t[open + 5] != '?') return {};
    return std::string(t.substr(open + 2, 3));
}

// Duplicate attributes, '<' in attribute values, processing instructions, and the depth of
// nesting, in every element below node.
void check_tree(const XmlFile& file, pugi::xml_node node, std::size_t depth, Diagnostics& diags) {
    for (pugi::xml_node child : node.children()) {
        // Those of the top level are check_top_level's. pugixml refuses a declaration inside an
        // element (parse_tree says so); one that got through would be no less misplaced.
        if (child.type() == pugi::node_pi && node.type() == pugi::node_element) check_processing_instruction(file, child, diags);
        if (child.type() == pugi::node_declaration && node.type() == pugi::node_element) {
            misplaced_declaration(file, question_start(child), child.name(), "", diags);
        }
        if (child.type() != pugi::node_element) continue;
        if (depth > base::limits::max_depth) {
            diags.error(element_span(file, child), codes::xml_too_deep, "elements are nested too deeply",
                        "a yoshiki file nests at most " + std::to_string(base::limits::max_depth) + " elements deep");
            return;
        }
        std::unordered_set<std::string_view> seen;
        for (pugi::xml_attribute a : child.attributes()) {
            // XML forbids '<' in an attribute value; pugixml takes it as text.
            const char* lt = std::strchr(a.value(), '<');
            if (lt) {
                diags.error(attribute_value_span(file, child, a).at(static_cast<std::size_t>(lt - a.value())),
                            codes::xml_lt_in_attribute, "'<' is not allowed in an attribute value", "write it as &lt;");
            }
            if (!seen.insert(a.name()).second) {
                diags.error_made(attribute_span(file, child, a), codes::xml_duplicate_attribute, [&] {
                    return std::pair(std::string("attribute '") + a.name() + "' appears twice on <" + child.name() + ">",
                                     std::string());
                });
            }
        }
        check_tree(file, child, depth + 1, diags);
    }
}

// pugixml's verdict on the text, with the place a clerk looks for. False when it failed.
bool parse_tree(XmlFile& file, Diagnostics& diags) {
    const std::string_view t = file.source->text();
    // References are decoded by us (see decode_references) so that undefined ones are errors;
    // line ends are kept so that byte offsets stay those of the file. parse_fragment keeps text
    // outside the root element as nodes, declarations and processing instructions are kept too:
    // so that those that would change the file's meaning can be refused, never silently dropped.
    unsigned flags = (pugi::parse_default | pugi::parse_doctype | pugi::parse_fragment | pugi::parse_declaration |
                      pugi::parse_pi) &
                     ~(pugi::parse_escapes | pugi::parse_eol | pugi::parse_wconv_attribute);
    pugi::xml_parse_result result = file.doc.load_buffer(t.data(), t.size(), flags, pugi::encoding_utf8);
    if (result) return true;
    auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0));
    std::string message = std::string("malformed XML: ") + result.description();
    if (result.status == pugi::status_end_element_mismatch) {
        // pugixml stops inside the end tag's name; the clerk looks for the tag itself. When
        // there is no end tag there, the file ended with elements still open (cut short).
        std::size_t open = t.rfind("</", offset);
        std::size_t close = open == std::string_view::npos ? open : t.find('>', open);
        if (close != std::string_view::npos && close >= offset) {
            offset = open;
            message = "malformed XML: the end tag " + std::string(t.substr(open, close + 1 - open)) +
                      " does not match its start tag";
        } else if (t.find_first_not_of(" \t\r\n", offset + 1) == std::string_view::npos) {
            offset = t.size();
            message = "malformed XML: the file ends before its elements are closed";
        }
    } else if (result.status == pugi::status_bad_pi || result.status == pugi::status_bad_attribute) {
        // pugixml refuses a declaration inside an element, and one after the root that is not
        // written as a declaration (<?xml foo?>); say what it is. The real one, at the start,
        // is only malformed.
        std::size_t open = t.rfind('<', offset);
        std::string name = open == std::string_view::npos ? std::string() : xml_target_at(t, open);
        if (!name.empty() && (open > 0 || name != "xml")) {
            misplaced_declaration(file, open, name, "", diags);
            return false;
        }
    }
    diags.error(Span{file.source, offset}, codes::xml_malformed, message);
    return false;
}

// Names longer than limits::max_name_bytes, found before any message quotes one; the first is
// reported. pugixml walks the tree without recursion, however deep it is.
bool check_names(const XmlFile& file, Diagnostics& diags) {
    struct Walker : pugi::xml_tree_walker {
        const XmlFile& file;
        Diagnostics& diags;
        bool ok = true;
        Walker(const XmlFile& f, Diagnostics& d) : file(f), diags(d) {}
        void too_long(std::size_t at, const char* name) {
            diags.error(Span{file.source, at}, codes::xml_name_too_long,
                        "a name of " + std::to_string(std::strlen(name)) + " bytes: '" + base::utf8::clip(name) + "'",
                        "the names of yoshiki's files are words of at most " +
                            std::to_string(base::limits::max_name_bytes) + " bytes");
            ok = false;
        }
        bool for_each(pugi::xml_node& n) override {
            if (std::strlen(n.name()) > base::limits::max_name_bytes) {
                too_long(n.type() == pugi::node_element ? element_span(file, n).offset : offset_of(n), n.name());
                return false;
            }
            for (pugi::xml_attribute a : n.attributes()) {
                if (std::strlen(a.name()) > base::limits::max_name_bytes) {
                    too_long(attribute_span(file, n, a).offset, a.name());
                    return false;
                }
            }
            return true;
        }
    } walker(file, diags);
    const_cast<pugi::xml_document&>(file.doc).traverse(walker);
    return walker.ok;
}

// The top level of the file: the declaration first if there is one, one root element, and
// nothing but comments around it.
void check_top_level(const XmlFile& file, bool utf16, Diagnostics& diags) {
    const std::string_view t = file.source->text();
    pugi::xml_node root;
    bool first = true;
    for (pugi::xml_node n : file.doc.children()) {
        std::size_t offset = offset_of(n);
        switch (n.type()) {
            case pugi::node_declaration:
                if (!first || question_start(n) != 0 || std::string_view(n.name()) != "xml") {
                    misplaced_declaration(file, question_start(n), n.name(),
                                          "nothing may stand before it, not even a space, a line end or a comment", diags);
                } else {
                    check_attributes(file, n, {"version", "encoding", "standalone"}, diags);
                    std::string encoding = lower(n.attribute("encoding").value());
                    if (utf16 && !encoding.empty() && encoding.compare(0, 6, "utf-16") != 0) {
                        diags.error(attribute_value_span(file, n, n.attribute("encoding")), codes::encoding_contradicted,
                                    std::string("the file is UTF-16 but declares the encoding '") +
                                        n.attribute("encoding").value() + "'",
                                    "write encoding=\"UTF-16\", or save the file again in the encoding it declares");
                    }
                }
                break;
            case pugi::node_pi: check_processing_instruction(file, n, diags); break;
            case pugi::node_doctype: {
                // pugixml gives the offset of the DOCTYPE's content; the clerk looks for "<!DOCTYPE".
                std::size_t open = t.rfind("<!", offset);
                diags.error(Span{file.source, open == std::string_view::npos ? offset : open}, codes::xml_doctype,
                            "a DOCTYPE declaration is not allowed here", "entities cannot be declared in yoshiki files");
                break;
            }
            // XML has one root element and nothing but comments after it; pugixml keeps a second
            // element or stray text, which would then be silently ignored.
            case pugi::node_element:
                if (!root) {
                    root = n;
                } else {
                    diags.error(element_span(file, n), codes::xml_outside_root,
                                std::string("<") + n.name() + "> stands after the end of <" + root.name() + ">",
                                std::string("everything belongs inside <") + root.name() + ">…</" + root.name() + ">");
                }
                break;
            case pugi::node_pcdata:
            case pugi::node_cdata: {
                // At the text itself, not the line end before it; a CDATA section at its "<![".
                std::size_t at = offset;
                if (n.type() == pugi::node_cdata) {
                    std::size_t open = t.rfind("<![CDATA[", offset);
                    if (open != std::string_view::npos) at = open;
                } else {
                    while (at < t.size() && is_space(t[at])) ++at;
                }
                diags.error(Span{file.source, at}, codes::xml_outside_root,
                            root ? std::string("text after the end of <") + root.name() + ">"
                                 : std::string("text before the first element"));
                break;
            }
            default: break;
        }
        first = false;
    }
    if (!root) diags.error(Span{file.source, t.size()}, codes::xml_malformed, "malformed XML: the file has no element");
}

}  // namespace

std::unique_ptr<XmlFile> load_xml_bytes(const std::string& path, std::string bytes, Diagnostics& diags,
                                        const std::string& what) {
    const Detected detected = detect_encoding(bytes);
    SourcePtr source = decode(path, std::move(bytes), detected, diags);
    if (!source) return nullptr;
    const std::string_view t = source->text();
    if (std::all_of(t.begin(), t.end(), is_space)) {
        diags.error(Span{source, 0}, codes::file_empty, "the " + what + " is empty");
        return nullptr;
    }
    if (!check_characters(source, diags)) return nullptr;
    auto file = std::make_unique<XmlFile>();
    file->source = source;
    if (!parse_tree(*file, diags) || !check_names(*file, diags)) return nullptr;
    int errors_before = diags.error_count();
    check_top_level(*file, detected.utf16, diags);
    check_tree(*file, file->doc, 0, diags);
    if (diags.error_count() != errors_before) return nullptr;
    return file;
}

Span element_span(const XmlFile& file, pugi::xml_node element) {
    std::ptrdiff_t off = element.offset_debug();
    // offset_debug points at the name; the element starts at the '<' before it.
    if (off > 0) --off;
    return Span{file.source, off < 0 ? 0 : static_cast<std::size_t>(off)};
}

namespace {

// Reads the start tag of element once and records where each of its attributes stands. The tag
// is well-formed (pugixml parsed it): name, then name="value" pairs up to '>', '/>' or '?>'.
void index_attributes(const XmlFile& file, pugi::xml_node element) {
    const std::string_view t = file.source->text();
    std::size_t i = offset_of(element);
    auto skip_space = [&] {
        while (i < t.size() && is_space(t[i])) ++i;
    };
    while (i < t.size() && !is_space(t[i]) && t[i] != '>' && t[i] != '/' && t[i] != '?') ++i;
    for (pugi::xml_attribute a = element.first_attribute(); a; a = a.next_attribute()) {
        skip_space();
        XmlFile::AttributePlace place;
        place.name = i;
        while (i < t.size() && t[i] != '=' && !is_space(t[i])) ++i;
        skip_space();
        if (i < t.size()) ++i;  // '='
        skip_space();
        char quote = i < t.size() ? t[i] : '"';
        place.value = i + 1;
        std::size_t close = t.find(quote, i + 1);
        i = close == std::string_view::npos ? t.size() : close + 1;
        file.attribute_places[a.internal_object()] = place;
    }
}

XmlFile::AttributePlace place_of(const XmlFile& file, pugi::xml_node element, pugi::xml_attribute attribute) {
    auto it = file.attribute_places.find(attribute.internal_object());
    if (it == file.attribute_places.end()) {
        index_attributes(file, element);
        it = file.attribute_places.find(attribute.internal_object());
    }
    if (it == file.attribute_places.end()) return {offset_of(element), offset_of(element)};
    return it->second;
}

}  // namespace

Span attribute_span(const XmlFile& file, pugi::xml_node element, pugi::xml_attribute attribute) {
    return Span{file.source, place_of(file, element, attribute).name};
}

Span attribute_value_span(const XmlFile& file, pugi::xml_node element, pugi::xml_attribute attribute) {
    return Span{file.source, place_of(file, element, attribute).value};
}

base::TracedText attribute_text(const XmlFile& file, pugi::xml_node element, pugi::xml_attribute attribute,
                                Diagnostics& diags) {
    base::TracedText out;
    decode_references(attribute.value(), attribute_value_span(file, element, attribute), out, diags);
    return out;
}

std::size_t text_bytes(pugi::xml_node element) {
    std::size_t n = 0;
    for (pugi::xml_node child : element.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) n += std::strlen(child.value());
    }
    return n;
}

namespace {

// Where a piece of an element's text starts and ends in the file, its markup included. pugixml
// keeps text as written (references undecoded, line ends as they are): a value's length is its
// length in the file.
struct Extent {
    std::size_t start = 0, end = 0;
};

Extent text_extent(pugi::xml_node n) {
    const std::size_t at = offset_of(n), size = std::strlen(n.value());
    if (n.type() == pugi::node_cdata) return {at >= 9 ? at - 9 : 0, at + size + 3};  // <![CDATA[ … ]]>
    return {at, at + size};
}

// The white space between two pieces of an element's text, which pugixml keeps in no node: white
// space alone between two processing instructions or comments ("A<?x?> <?y?>B", "A<!-- --> <!--
// -->B") is dropped by it, and the words on either side would run together. Between two pieces
// there is nothing else: comments, processing instructions and that white space.
void append_space_between(const XmlFile& file, std::size_t from, std::size_t to, base::TracedText& out) {
    const std::string_view t = file.source->text();
    to = std::min(to, t.size());
    std::string space;
    std::size_t first = from;
    for (std::size_t i = from; i < to;) {
        const bool comment = t.compare(i, 4, "<!--") == 0;
        if (comment || t.compare(i, 2, "<?") == 0) {
            std::size_t close = t.find(comment ? "-->" : "?>", i + (comment ? 4 : 2));
            i = close == std::string_view::npos ? to : close + (comment ? 3 : 2);
            continue;
        }
        if (is_space(t[i])) {
            if (space.empty()) first = i;
            space += t[i];
        }
        ++i;
    }
    if (!space.empty()) out.append(space, Span{file.source, first});
}

}  // namespace

base::TracedText element_text(const XmlFile& file, pugi::xml_node element, Diagnostics& diags) {
    base::TracedText out;
    std::size_t text_end = std::string_view::npos;  // where the last piece of text ended, no element since
    for (pugi::xml_node child : element.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
            const Extent extent = text_extent(child);
            if (text_end != std::string_view::npos) append_space_between(file, text_end, extent.start, out);
            text_end = extent.end;
            Span at{file.source, offset_of(child)};
            if (child.type() == pugi::node_cdata) out.append(child.value(), at);
            else decode_references(child.value(), at, out, diags);
        } else if (child.type() == pugi::node_element) {
            text_end = std::string_view::npos;
            diags.error(element_span(file, child), codes::unknown_element,
                        std::string("unknown element <") + child.name() + "> inside <" + element.name() + ">",
                        std::string("<") + element.name() + "> holds text only");
        }
    }
    return out;
}

std::vector<std::string> check_attributes(const XmlFile& file, pugi::xml_node element,
                                          const std::vector<std::string>& allowed, Diagnostics& diags) {
    std::vector<std::string> suggested;
    for (pugi::xml_attribute a : element.attributes()) {
        if (std::find(allowed.begin(), allowed.end(), a.name()) != allowed.end()) continue;
        std::optional<std::string> m = closest_match(a.name(), allowed);
        if (m) suggested.push_back(*m);
        diags.error_made(attribute_span(file, element, a), codes::unknown_attribute, [&] {
            std::string hint;
            if (m) {
                hint = "did you mean '" + *m + "'?";
            } else if (allowed.empty()) {
                hint = std::string("<") + element.name() + "> takes no attributes";
            } else {
                hint = "allowed here:";
                for (const auto& s : allowed) hint += " " + s;
            }
            return std::pair(std::string("unknown attribute '") + a.name() + "' on <" + element.name() + ">", hint);
        });
    }
    return suggested;
}

std::optional<std::string> unknown_element(const XmlFile& file, pugi::xml_node element, pugi::xml_node parent,
                                           const std::vector<std::string>& allowed, Diagnostics& diags) {
    std::optional<std::string> m = closest_match(element.name(), allowed);
    diags.error_made(element_span(file, element), codes::unknown_element, [&] {
        std::string hint;
        if (m) {
            hint = "did you mean <" + *m + ">?";
        } else if (!allowed.empty()) {
            hint = "allowed here:";
            for (const auto& a : allowed) hint += " <" + a + ">";
        }
        return std::pair(std::string("unknown element <") + element.name() + "> in <" + parent.name() + ">", hint);
    });
    return m;
}

std::optional<std::string> closest_match(const std::string& word, const std::vector<std::string>& candidates) {
    // Among hundreds of names a hint helps nobody, and each would cost an edit distance per
    // mistake (a hostile file of many of both would cost their product).
    if (candidates.size() > 256) return std::nullopt;
    std::optional<std::string> best;
    std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const auto& c : candidates) {
        // The distance is at least the difference in length: a name of a megabyte is compared
        // with nothing.
        std::size_t gap = word.size() > c.size() ? word.size() - c.size() : c.size() - word.size();
        if (gap >= best_d) continue;
        std::size_t d = edit_distance(word, c);
        if (d < best_d) {
            best_d = d;
            best = c;
        }
    }
    return best;
}

}  // namespace yoshiki::parse
