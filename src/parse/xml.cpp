#include "parse/xml.hpp"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/limits.hpp"
#include "base/utf8.hpp"

namespace yoshiki::parse {

namespace {

using base::Diagnostics;
using base::SourceFile;
using base::Span;

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// The encoding named in the XML declaration, as written, and where its name starts; an empty
// name when there is none. The declaration is ASCII in every encoding it can name but UTF-16.
struct Declared {
    std::string name;
    std::size_t at = 0;
};

Declared declared_encoding(const std::string& bytes) {
    if (bytes.compare(0, 5, "<?xml") != 0) return {};
    std::size_t end = bytes.find("?>");
    if (end == std::string::npos) return {};
    std::string decl = bytes.substr(0, end);
    std::size_t at = decl.find("encoding");
    if (at == std::string::npos) return {};
    at = decl.find_first_of("\"'", at);
    if (at == std::string::npos) return {};
    std::size_t close = decl.find(decl[at], at + 1);
    if (close == std::string::npos) return {};
    return Declared{decl.substr(at + 1, close - at - 1), at + 1};
}

bool has_non_ascii(const std::string& bytes) {
    return std::any_of(bytes.begin(), bytes.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// Converts bytes from a legacy encoding to UTF-8 with iconv (glibc). On an invalid sequence
// returns false and sets bad_offset.
bool convert_to_utf8(const std::string& bytes, const char* from, std::string& out, std::size_t& bad_offset) {
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        bad_offset = std::string::npos;
        return false;
    }
    out.assign(bytes.size() * 3 + 16, '\0');
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    char* o = out.data();
    std::size_t out_left = out.size();
    bool ok = true;
    bad_offset = 0;
    while (in_left > 0) {
        if (iconv(cd, &in, &in_left, &o, &out_left) == static_cast<std::size_t>(-1)) {
            ok = false;
            bad_offset = bytes.size() - in_left;
            break;
        }
    }
    iconv_close(cd);
    out.resize(out.size() - out_left);
    return ok;
}

const char* iconv_name(const std::string& enc) {
    // Windows-31J (CP932) is what spreadsheet exports call Shift_JIS; it is a superset that
    // also has the NEC and IBM extensions (①, ㈱, 髙, 﨑) that Japanese offices use.
    if (enc == "shift_jis" || enc == "shift-jis" || enc == "sjis" || enc == "x-sjis" || enc == "cp932" ||
        enc == "windows-31j" || enc == "ms932")
        return "CP932";
    if (enc == "euc-jp" || enc == "eucjp") return "EUC-JP-MS";
    if (enc == "iso-2022-jp") return "ISO-2022-JP-3";
    if (enc == "utf-16") return "UTF-16";
    if (enc == "utf-16le") return "UTF-16LE";
    if (enc == "utf-16be") return "UTF-16BE";
    return nullptr;
}

void decode_references(const XmlFile& file, std::string_view raw, const Span& at, base::TracedText& out,
                       Diagnostics& diags) {
    std::size_t piece = 0;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '&') continue;
        out.append(raw.substr(piece, i - piece), at.at(piece));
        std::size_t semi = raw.find(';', i);
        std::string_view ref = raw.substr(i + 1, semi == std::string_view::npos ? 0 : semi - i - 1);
        std::string decoded;
        // A reference is a name up to ';': "AT&T; 他" holds a bare '&', not a reference.
        if (semi == std::string_view::npos || ref.empty() || ref.find_first_of(" \t\r\n&<\"'") != std::string_view::npos) {
            diags.error(at.at(i), "'&' must be written as &amp; in XML");
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
            std::string digits(ref.substr(hex ? 2 : 1));
            char32_t cp = 0;
            bool valid = !digits.empty() && digits.size() <= 8;
            for (char c : digits) {
                int v = hex ? (std::isxdigit(static_cast<unsigned char>(c)) ? std::stoi(std::string(1, c), nullptr, 16) : -1)
                            : (std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : -1);
                if (v < 0) valid = false;
                else cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(v);
            }
            // XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
            bool is_char = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (!valid || !is_char) {
                diags.error(at.at(i), "character reference '&" + std::string(ref) + ";' is not a valid XML character");
            } else {
                decoded = base::utf8::encode(cp);
            }
        } else {
            diags.error(at.at(i), "undefined entity reference '&" + std::string(ref) + ";'",
                        "XML knows only &lt; &gt; &amp; &apos; &quot; and numeric references such as &#x9AD9;");
        }
        out.append(decoded, at.at(i));
        piece = semi + 1;
        i = semi;
    }
    out.append(raw.substr(piece), at.at(piece));
    (void)file;
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

void check_tree(const XmlFile& file, pugi::xml_node node, std::size_t depth, Diagnostics& diags) {
    for (pugi::xml_node child : node.children()) {
        if (child.type() != pugi::node_element) continue;
        if (depth > base::limits::max_depth) {
            diags.error(element_span(file, child), "elements are nested too deeply");
            return;
        }
        std::vector<std::string> seen;
        for (pugi::xml_attribute a : child.attributes()) {
            // XML forbids '<' in an attribute value; pugixml takes it as text.
            const char* lt = std::strchr(a.value(), '<');
            if (lt) {
                diags.error(attribute_value_span(file, child, a).at(static_cast<std::size_t>(lt - a.value())),
                            "'<' is not allowed in an attribute value", "write it as &lt;");
            }
            if (std::find(seen.begin(), seen.end(), a.name()) != seen.end()) {
                diags.error(attribute_span(file, child, a),
                            std::string("attribute '") + a.name() + "' appears twice on <" + child.name() + ">");
            }
            seen.emplace_back(a.name());
        }
        check_tree(file, child, depth + 1, diags);
    }
}

}  // namespace

std::unique_ptr<XmlFile> load_xml(const std::string& path, const std::string& what, Diagnostics& diags,
                                  const Span& named_at) {
    // A file another file names (an input's layout) is reported where it is named.
    auto cannot = [&](const std::string& why) {
        if (named_at.file) diags.error(named_at, "cannot read the " + what + " '" + path + "': " + why);
        else diags.file_error(path, "cannot read the " + what + ": " + why);
        return nullptr;
    };
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return cannot("it is a folder, not a file");
    std::ifstream in(path, std::ios::binary);
    if (!in) return cannot(std::strerror(errno));
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return cannot("a read error");
    std::string bytes = ss.str();
    if (bytes.find_first_not_of(" \t\r\n") == std::string::npos) {
        diags.file_error(path, "the " + what + " is empty");
        return nullptr;
    }
    if (bytes.size() > base::limits::max_file_bytes) {
        diags.file_error(path, "the " + what + " is larger than " +
                                   std::to_string(base::limits::max_file_bytes >> 20) + " MiB");
        return nullptr;
    }
    return load_xml_bytes(path, std::move(bytes), diags);
}

std::unique_ptr<XmlFile> load_xml_bytes(const std::string& path, std::string bytes, Diagnostics& diags) {
    // What the bytes say of their encoding: a byte order mark, the pattern of "<" in UTF-16
    // (XML 1.0, appendix F), or the declaration. Offsets in messages are those of the file, so
    // the bytes dropped in front (a byte order mark) are counted back in.
    std::size_t dropped = 0;
    std::string encoding;  // lower-cased; empty means UTF-8
    auto byte = [&](std::size_t i) { return i < bytes.size() ? static_cast<unsigned char>(bytes[i]) : 0x100u; };
    Declared declared;
    if (byte(0) == 0xFF && byte(1) == 0xFE) {
        encoding = "utf-16le";
        dropped = 2;
    } else if (byte(0) == 0xFE && byte(1) == 0xFF) {
        encoding = "utf-16be";
        dropped = 2;
    } else if (byte(0) == '<' && byte(1) == 0 && byte(2) == '?' && byte(3) == 0) {
        encoding = "utf-16le";
    } else if (byte(0) == 0 && byte(1) == '<' && byte(2) == 0 && byte(3) == '?') {
        encoding = "utf-16be";
    } else {
        bool bom = byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF;
        if (bom) dropped = 3;
        declared = declared_encoding(bytes.substr(dropped));
        encoding = lower(declared.name);
        if (encoding == "utf-8" || encoding == "utf8") encoding.clear();
        // A declaration that the bytes contradict would turn every kanji into another one: the
        // file is refused, never read as mojibake.
        std::string contradiction;
        if (!encoding.empty() && bom) {
            contradiction = "the file starts with the byte order mark of UTF-8 but declares the encoding '" +
                            declared.name + "'";
        } else if (encoding.compare(0, 6, "utf-16") == 0) {
            contradiction = "the file declares the encoding '" + declared.name +
                            "' but is not UTF-16 (its declaration is written in single bytes)";
        } else if (!encoding.empty() && has_non_ascii(bytes) && base::utf8::find_invalid(bytes) == std::string::npos) {
            contradiction = "the file declares the encoding '" + declared.name + "' but its text is UTF-8";
        }
        if (!contradiction.empty()) {
            auto decl = std::make_shared<SourceFile>(SourceFile{path, bytes.substr(dropped, declared.at)});
            diags.error(Span{decl, declared.at}, contradiction,
                        "write encoding=\"UTF-8\" in the first line if the file is UTF-8, or save it again in the "
                        "encoding it declares");
            return nullptr;
        }
    }
    bytes.erase(0, dropped);

    std::string text;
    if (encoding.empty()) {
        std::size_t bad = base::utf8::find_invalid(bytes);
        if (bad != std::string::npos) {
            auto partial = std::make_shared<SourceFile>(SourceFile{path, bytes.substr(0, bad)});
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(bytes[bad]));
            diags.error(Span{partial, bad},
                        "the file is not valid UTF-8: byte " + std::string(hex) + " at byte offset " +
                            std::to_string(bad + dropped),
                        "save it as UTF-8, or name its encoding in the first line, e.g. "
                        "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>");
            return nullptr;
        }
        text = std::move(bytes);
    } else {
        // As the clerk wrote it; UTF-16 found by its bytes is named as usual (UTF-16LE).
        std::string shown = declared.name;
        if (shown.empty()) {
            for (char c : encoding) shown += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        const char* from = iconv_name(encoding);
        if (!from) {
            auto decl = std::make_shared<SourceFile>(SourceFile{path, bytes.substr(0, declared.at)});
            diags.error(Span{decl, declared.at}, "the encoding '" + shown + "' is not supported",
                        "use UTF-8, Shift_JIS, EUC-JP, ISO-2022-JP or UTF-16");
            return nullptr;
        }
        std::size_t bad = 0;
        bool converted = convert_to_utf8(bytes, from, text, bad);
        if (!converted && bad == std::string::npos) {
            diags.file_error(path, "this system cannot convert the encoding '" + shown + "'",
                             "save the file as UTF-8");
            return nullptr;
        }
        if (!converted) {
            // What was converted before the bad bytes gives the line and column in characters.
            auto partial = std::make_shared<SourceFile>(SourceFile{path, text});
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", bad < bytes.size() ? static_cast<unsigned char>(bytes[bad]) : 0u);
            diags.error(Span{partial, text.size()},
                        "the file is not valid " + shown + ": byte " + hex + " at byte offset " +
                            std::to_string(bad + dropped) + " begins no character of " + shown,
                        "check the encoding the file was saved in, and the declaration in its first line");
            return nullptr;
        }
    }

    auto file = std::make_unique<XmlFile>();
    auto source = std::make_shared<SourceFile>(SourceFile{path, std::move(text)});
    file->source = source;

    // XML 1.0 forbids most control characters even when they are valid UTF-8.
    const std::string& t = source->text;
    for (std::size_t i = 0; i < t.size();) {
        std::size_t at = i;
        char32_t cp = base::utf8::next(t, i);
        if ((cp < 0x20 && cp != 0x9 && cp != 0xA && cp != 0xD) || cp == 0xFFFE || cp == 0xFFFF) {
            diags.error(Span{source, at}, "character " + base::describe_code_point(cp) + " is not allowed in XML");
            return nullptr;
        }
    }

    // References are decoded by us (see decode_references) so that undefined ones are errors;
    // line ends are kept so that byte offsets stay those of the file.
    // parse_fragment keeps text outside the root element as nodes, so that it can be refused.
    unsigned flags = (pugi::parse_default | pugi::parse_doctype | pugi::parse_fragment) &
                     ~(pugi::parse_escapes | pugi::parse_eol | pugi::parse_wconv_attribute);
    pugi::xml_parse_result result = file->doc.load_buffer(t.data(), t.size(), flags, pugi::encoding_utf8);
    if (!result) {
        auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0));
        std::string message = std::string("malformed XML: ") + result.description();
        if (result.status == pugi::status_end_element_mismatch) {
            // pugixml stops inside the end tag's name; the clerk looks for the tag itself. When
            // there is no end tag there, the file ended with elements still open (cut short).
            std::size_t open = t.rfind("</", offset);
            std::size_t close = open == std::string::npos ? open : t.find('>', open);
            if (close != std::string::npos && close >= offset) {
                offset = open;
                message = "malformed XML: the end tag " + t.substr(open, close + 1 - open) + " does not match its start tag";
            } else if (t.find_first_not_of(" \t\r\n", offset + 1) == std::string::npos) {
                offset = t.size();
                message = "malformed XML: the file ends before its elements are closed";
            }
        }
        diags.error(Span{source, offset}, message);
        return nullptr;
    }
    std::size_t before = diags.all().size();
    pugi::xml_node root;
    for (pugi::xml_node n : file->doc.children()) {
        auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(n.offset_debug(), 0));
        if (n.type() == pugi::node_doctype) {
            // pugixml gives the offset of the DOCTYPE's content; the clerk looks for "<!DOCTYPE".
            std::size_t open = t.rfind("<!", offset);
            diags.error(Span{source, open == std::string::npos ? offset : open}, "a DOCTYPE declaration is not allowed here",
                        "entities cannot be declared in yoshiki files");
            return nullptr;
        }
        // XML has one root element and nothing but comments after it; pugixml keeps a second
        // element or stray text, which would then be silently ignored.
        if (n.type() == pugi::node_element && !root) {
            root = n;
        } else if (n.type() == pugi::node_element) {
            diags.error(element_span(*file, n),
                        std::string("<") + n.name() + "> stands after the end of <" + root.name() + ">",
                        std::string("everything belongs inside <") + root.name() + ">…</" + root.name() + ">");
        } else if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
            diags.error(Span{source, offset}, root ? std::string("text after the end of <") + root.name() + ">"
                                                   : std::string("text before the first element"));
        }
    }
    if (!root && diags.all().size() == before) {
        diags.error(Span{source, t.size()}, "malformed XML: the file has no element");
    }
    check_tree(*file, file->doc, 0, diags);
    if (diags.all().size() != before) return nullptr;
    return file;
}

Span element_span(const XmlFile& file, pugi::xml_node element) {
    std::ptrdiff_t off = element.offset_debug();
    // offset_debug points at the name; the element starts at the '<' before it.
    if (off > 0) --off;
    return Span{file.source, off < 0 ? 0 : static_cast<std::size_t>(off)};
}

namespace {

// pugixml keeps no offsets for attributes; find the name inside the element's start tag.
std::size_t find_attribute(const XmlFile& file, pugi::xml_node element, pugi::xml_attribute attribute,
                           bool value) {
    const std::string& t = file.source->text;
    std::size_t pos = static_cast<std::size_t>(std::max<std::ptrdiff_t>(element.offset_debug(), 0));
    std::string name = attribute.name();
    // Count earlier attributes with the same name, so that a duplicate points at itself.
    int nth = 0;
    for (pugi::xml_attribute a = element.first_attribute(); a && a != attribute; a = a.next_attribute()) {
        if (name == a.name()) ++nth;
    }
    std::size_t at = pos;
    char quote = 0;
    // The start tag ends at the first '>' outside quotes: a value may hold '>'.
    for (std::size_t i = pos; i < t.size(); ++i) {
        char c = t[i];
        if (quote) {
            if (c == quote) quote = 0;
            continue;
        }
        if (c == '"' || c == '\'') {
            quote = c;
            continue;
        }
        if (c == '>') break;
        bool boundary = i > 0 && std::isspace(static_cast<unsigned char>(t[i - 1]));
        if (boundary && t.compare(i, name.size(), name) == 0) {
            std::size_t j = i + name.size();
            while (j < t.size() && std::isspace(static_cast<unsigned char>(t[j]))) ++j;
            if (j < t.size() && t[j] == '=') {
                if (nth-- == 0) {
                    at = i;
                    if (value) {
                        std::size_t q = t.find_first_of("\"'", j);
                        at = q == std::string::npos ? j : q + 1;
                    }
                    return at;
                }
            }
        }
    }
    return at;
}

}  // namespace

Span attribute_span(const XmlFile& file, pugi::xml_node element, pugi::xml_attribute attribute) {
    return Span{file.source, find_attribute(file, element, attribute, false)};
}

Span attribute_value_span(const XmlFile& file, pugi::xml_node element, pugi::xml_attribute attribute) {
    return Span{file.source, find_attribute(file, element, attribute, true)};
}

base::TracedText attribute_text(const XmlFile& file, pugi::xml_node element, pugi::xml_attribute attribute,
                                Diagnostics& diags) {
    base::TracedText out;
    decode_references(file, attribute.value(), attribute_value_span(file, element, attribute), out, diags);
    return out;
}

base::TracedText element_text(const XmlFile& file, pugi::xml_node element, Diagnostics& diags) {
    base::TracedText out;
    for (pugi::xml_node child : element.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
            Span at{file.source, static_cast<std::size_t>(std::max<std::ptrdiff_t>(child.offset_debug(), 0))};
            if (child.type() == pugi::node_cdata) out.append(child.value(), at);
            else decode_references(file, child.value(), at, out, diags);
        } else if (child.type() == pugi::node_element) {
            diags.error(element_span(file, child),
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
        std::string hint;
        if (auto m = closest_match(a.name(), allowed)) {
            hint = "did you mean '" + *m + "'?";
            suggested.push_back(*m);
        }
        else if (allowed.empty()) hint = std::string("<") + element.name() + "> takes no attributes";
        else {
            hint = "allowed here:";
            for (const auto& s : allowed) hint += " " + s;
        }
        diags.error(attribute_span(file, element, a),
                    std::string("unknown attribute '") + a.name() + "' on <" + element.name() + ">", hint);
    }
    return suggested;
}

std::optional<std::string> unknown_element(const XmlFile& file, pugi::xml_node element, pugi::xml_node parent,
                                           const std::vector<std::string>& allowed, Diagnostics& diags) {
    std::string hint;
    std::optional<std::string> m = closest_match(element.name(), allowed);
    if (m) {
        hint = "did you mean <" + *m + ">?";
    } else if (!allowed.empty()) {
        hint = "allowed here:";
        for (const auto& a : allowed) hint += " <" + a + ">";
    }
    diags.error(element_span(file, element), std::string("unknown element <") + element.name() + "> in <" + parent.name() + ">",
                hint);
    return m;
}

std::optional<std::string> closest_match(const std::string& word, const std::vector<std::string>& candidates) {
    std::optional<std::string> best;
    std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const auto& c : candidates) {
        std::size_t d = edit_distance(word, c);
        if (d < best_d) {
            best_d = d;
            best = c;
        }
    }
    return best;
}

}  // namespace yoshiki::parse
