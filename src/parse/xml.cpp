#include "parse/xml.hpp"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
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

// The encoding named in the XML declaration, lower-cased; empty when there is none.
std::string declared_encoding(const std::string& bytes) {
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
    return lower(decl.substr(at + 1, close - at - 1));
}

// Line and column of a byte offset in bytes that are not UTF-8 (columns counted in bytes).
std::string byte_position(const std::string& bytes, std::size_t offset) {
    int line = 1;
    std::size_t start = 0;
    for (std::size_t i = 0; i < offset && i < bytes.size(); ++i) {
        if (bytes[i] == '\n') {
            ++line;
            start = i + 1;
        }
    }
    return std::to_string(line) + ":" + std::to_string(offset - start + 1);
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
        if (semi == std::string_view::npos || ref.empty()) {
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

std::unique_ptr<XmlFile> load_xml(const std::string& path, const std::string& what, Diagnostics& diags) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diags.file_error(path, "cannot read the " + what + ": " + std::strerror(errno));
        return nullptr;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) {
        diags.file_error(path, "cannot read the " + what);
        return nullptr;
    }
    std::string bytes = ss.str();
    if (bytes.size() > base::limits::max_file_bytes) {
        diags.file_error(path, "the " + what + " is larger than " +
                                   std::to_string(base::limits::max_file_bytes >> 20) + " MiB");
        return nullptr;
    }
    return load_xml_bytes(path, std::move(bytes), diags);
}

std::unique_ptr<XmlFile> load_xml_bytes(const std::string& path, std::string bytes, Diagnostics& diags) {
    // Byte order marks say the encoding outright.
    std::string encoding;
    if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xFE) {
        encoding = "utf-16le";
        bytes.erase(0, 2);
    } else if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE && static_cast<unsigned char>(bytes[1]) == 0xFF) {
        encoding = "utf-16be";
        bytes.erase(0, 2);
    } else {
        if (bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) bytes.erase(0, 3);
        encoding = declared_encoding(bytes);
    }

    std::string text;
    if (encoding.empty() || encoding == "utf-8" || encoding == "utf8") {
        std::size_t bad = base::utf8::find_invalid(bytes);
        if (bad != std::string::npos) {
            auto partial = std::make_shared<SourceFile>(SourceFile{path, bytes.substr(0, bad)});
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(bytes[bad]));
            diags.error(Span{partial, bad},
                        "the file is not valid UTF-8: byte " + std::string(hex) + " at byte offset " + std::to_string(bad),
                        "save it as UTF-8, or name its encoding in the first line, e.g. "
                        "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>");
            return nullptr;
        }
        text = std::move(bytes);
    } else {
        const char* from = iconv_name(encoding);
        if (!from) {
            diags.file_error(path, "the encoding '" + encoding + "' is not supported",
                             "use UTF-8, Shift_JIS, EUC-JP, ISO-2022-JP or UTF-16");
            return nullptr;
        }
        std::size_t bad = 0;
        if (!convert_to_utf8(bytes, from, text, bad)) {
            diags.file_error(path + ":" + byte_position(bytes, bad),
                             "the file is not valid " + encoding + ": invalid byte sequence at byte offset " +
                                 std::to_string(bad));
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
    unsigned flags = (pugi::parse_default | pugi::parse_doctype) & ~(pugi::parse_escapes | pugi::parse_eol | pugi::parse_wconv_attribute);
    pugi::xml_parse_result result = file->doc.load_buffer(t.data(), t.size(), flags, pugi::encoding_utf8);
    if (!result) {
        diags.error(Span{source, static_cast<std::size_t>(result.offset)},
                    std::string("malformed XML: ") + result.description());
        return nullptr;
    }
    for (pugi::xml_node n : file->doc.children()) {
        if (n.type() == pugi::node_doctype) {
            diags.error(Span{source, static_cast<std::size_t>(n.offset_debug())},
                        "a DOCTYPE declaration is not allowed here", "entities cannot be declared in yoshiki files");
            return nullptr;
        }
    }
    std::size_t before = diags.all().size();
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
    std::size_t end = t.find('>', pos);
    std::string name = attribute.name();
    // Count earlier attributes with the same name, so that a duplicate points at itself.
    int nth = 0;
    for (pugi::xml_attribute a = element.first_attribute(); a && a != attribute; a = a.next_attribute()) {
        if (name == a.name()) ++nth;
    }
    std::size_t at = pos;
    char quote = 0;
    for (std::size_t i = pos; i < end && i < t.size(); ++i) {
        char c = t[i];
        if (quote) {
            if (c == quote) quote = 0;
            continue;
        }
        if (c == '"' || c == '\'') {
            quote = c;
            continue;
        }
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

void check_attributes(const XmlFile& file, pugi::xml_node element, const std::vector<std::string>& allowed,
                      Diagnostics& diags) {
    for (pugi::xml_attribute a : element.attributes()) {
        if (std::find(allowed.begin(), allowed.end(), a.name()) != allowed.end()) continue;
        std::string hint;
        if (auto m = closest_match(a.name(), allowed)) hint = "did you mean '" + *m + "'?";
        else if (allowed.empty()) hint = std::string("<") + element.name() + "> takes no attributes";
        else {
            hint = "allowed here:";
            for (const auto& s : allowed) hint += " " + s;
        }
        diags.error(attribute_span(file, element, a),
                    std::string("unknown attribute '") + a.name() + "' on <" + element.name() + ">", hint);
    }
}

void unknown_element(const XmlFile& file, pugi::xml_node element, pugi::xml_node parent,
                     const std::vector<std::string>& allowed, Diagnostics& diags) {
    std::string hint;
    if (auto m = closest_match(element.name(), allowed)) {
        hint = "did you mean <" + *m + ">?";
    } else if (!allowed.empty()) {
        hint = "allowed here:";
        for (const auto& a : allowed) hint += " <" + a + ">";
    }
    diags.error(element_span(file, element), std::string("unknown element <") + element.name() + "> in <" + parent.name() + ">",
                hint);
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
