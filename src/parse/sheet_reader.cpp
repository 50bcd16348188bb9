#include "parse/sheet_reader.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "base/date.hpp"
#include "base/limits.hpp"
#include "base/utf8.hpp"
#include "parse/fiscal_year.hpp"

namespace yoshiki::parse {

namespace {

namespace codes = base::codes;
using base::Diagnostics;
using base::Span;
using base::TracedText;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Characters of East Asian width: a line break next to one is not a word space.
bool is_wide(char32_t cp) {
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
           (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFF) ||
           (cp >= 0x3000 && cp <= 0x303F);
}

char32_t code_point_before(const std::string& s, std::size_t end) {
    if (end == 0) return 0;
    std::size_t i = end - 1;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    return base::utf8::next(s, i);
}

// "2026-04-01" → seconds since 1970 at midnight UTC.
std::optional<std::int64_t> read_date(const std::string& s) {
    int y, m, d;
    char tail;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return std::nullopt;
    if (y < 1970 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    static const int days_in[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > days_in[m - 1] || (m == 2 && d == 29 && !leap)) return std::nullopt;
    return base::days_from_civil(y, m, d) * 86400;
}

std::string numbered_marker(const std::string& style, int n) {
    if (style == "（1）") return "（" + std::to_string(n) + "）";
    if (style == "(1)") return "(" + std::to_string(n) + ")";
    if (style == "1.") return std::to_string(n) + ".";
    if (style == "①") return n <= 20 ? base::utf8::encode(U'①' + static_cast<char32_t>(n - 1)) : "（" + std::to_string(n) + "）";
    return {};
}

struct Reader {
    const XmlFile& file;
    const DataSchema& schema;
    Diagnostics& diags;
    bool final = false;  // status="final": a field marked to do is an error, not a warning
    std::size_t paragraphs = 0;  // of the whole file, against limits::max_paragraphs

    Span at(pugi::xml_node n) const { return element_span(file, n); }

    std::string where(const std::string& scope) const { return scope.empty() ? std::string() : " in " + scope; }

    // Returns the name a did-you-mean hint suggests.
    std::optional<std::string> unknown(pugi::xml_node n, pugi::xml_node parent, const std::vector<std::string>& allowed) {
        return unknown_element(file, n, parent, allowed, diags);
    }

    // The text of a field, white space folded; nullopt, unread, when it is longer than
    // limits::max_text_bytes as written (checked before its references are decoded).
    std::optional<TracedText> field_text(pugi::xml_node n) {
        if (text_bytes(n) > base::limits::max_text_bytes) {
            diags.error(at(n), codes::text_too_long,
                        "this text is longer than " + std::to_string(base::limits::max_text_bytes) + " bytes");
            return std::nullopt;
        }
        return normalize_space(element_text(file, n, diags));
    }

    // A value printed otherwise than it was written (和暦, ■/□): every character of the printed
    // text points at what was written ("R5" is 2 bytes, 令和5年度 13: mapped byte for byte, its end
    // would point past it).
    static void print_as(FieldValue& v, const std::string& printed, const Span& span) {
        Span origin = v.text.marks.empty() ? span : v.text.marks.front().span;
        v.text = TracedText{};
        for (std::size_t i = 0; i < printed.size();) {
            std::size_t start = i;
            base::utf8::next(printed, i);
            v.text.append(std::string_view(printed).substr(start, i - start), origin);
        }
    }

    // A value read by `read` (fiscal year, date, number) and printed otherwise than written; nullopt
    // after reporting why it cannot be read.
    template <typename Read>
    auto read_value(const FieldValue& v, const std::string& label, const Span& span, Read read) {
        base::Failure failure;
        auto value = read(v.text.text, failure);
        if (!value) diags.error(span, failure.code, label + ": " + failure.message);
        return value;
    }

    void read_year(FieldValue& v, const std::string& label, const Span& span, bool kanji = false) {
        if (auto year = read_value(v, label, span, parse::read_fiscal_year)) {
            v.gregorian_year = year;
            print_as(v, kanji ? format_fiscal_year_kanji(*year) : format_fiscal_year(*year), span);
        }
    }

    // A number in 漢数字 is a count (二十五号給, 一級): whole, and not below 0.
    void read_number_value(FieldValue& v, const std::string& label, const Span& span, bool kanji) {
        if (auto n = read_value(v, label, span, parse::read_number)) {
            if (kanji && (n->decimals > 0 || n->units < 0)) {
                diags.error(span, codes::number_invalid, label + ": '" + base::utf8::clip(v.text.text) +
                                                             "' cannot be written in 漢数字: only whole numbers from 0 can");
                return;
            }
            v.number = n;
            print_as(v, kanji ? kanji_numeral(n->units) : format_number(*n), span);
        }
    }

    void read_date_value(FieldValue& v, const std::string& label, const Span& span, bool kanji) {
        if (auto date = read_value(v, label, span, parse::read_date)) print_as(v, format_date(*date, kanji), span);
    }

    // One or more of the layout's choices, separated by 、: printed as every choice in the
    // layout's order, ■ before those chosen and □ before the others.
    void read_choice(FieldValue& v, const FieldSpec& spec, const Span& span) {
        std::vector<bool> chosen(spec.choices.size(), false);
        const std::string& text = v.text.text;
        const std::string sep = "、";
        std::size_t i = 0;
        while (i <= text.size()) {
            std::size_t j = std::min(text.find(sep, i), text.size());
            std::string option = text.substr(i, j - i);
            auto it = std::find(spec.choices.begin(), spec.choices.end(), option);
            std::string list;
            for (const std::string& c : spec.choices) list += (list.empty() ? "" : ", ") + c;
            if (it == spec.choices.end()) {
                diags.error(v.text.span_at(i), codes::choice_unknown,
                            spec.label + ": '" + base::utf8::clip(option) + "' is not one of the choices", "one or more of " + list + ", separated by 、");
                return;
            }
            std::size_t k = static_cast<std::size_t>(it - spec.choices.begin());
            if (chosen[k]) {
                diags.error(v.text.span_at(i), codes::choice_unknown, spec.label + ": '" + option + "' is chosen twice");
                return;
            }
            chosen[k] = true;
            i = j + sep.size();
        }
        std::string printed;
        for (std::size_t k = 0; k < spec.choices.size(); ++k) {
            printed += (k ? "　" : "") + std::string(chosen[k] ? "■" : "□") + spec.choices[k];
        }
        print_as(v, printed, span);
    }

    // Counted against limits::max_paragraphs as they are read, before any is set in lines.
    void add_block(FieldValue& v, Block block, const Span& span) {
        if (++paragraphs == base::limits::max_paragraphs + 1) {
            diags.error(span, codes::too_many_paragraphs,
                        "more than " + std::to_string(base::limits::max_paragraphs) +
                            " paragraphs and list items in one file; yoshiki sets no more");
        }
        if (paragraphs <= base::limits::max_paragraphs) v.blocks.push_back(std::move(block));
    }

    // Reads a block field; false when a text of it was too long to be read (so it is not empty).
    bool read_blocks(pugi::xml_node n, const FieldSpec& f, FieldValue& v) {
        bool complete = true;
        int lists = 0, bare_list = -1;  // numbers of the lists of this field (Block::list)
        bool has_elements = false;
        for (pugi::xml_node c : n.children()) has_elements |= c.type() == pugi::node_element;
        if (!has_elements) {
            // A field written as plain text is one paragraph: the simplest thing a clerk can write.
            std::optional<TracedText> t = field_text(n);
            if (t && !t->empty()) add_block(v, Block{Block::Kind::paragraph, {}, std::move(*t)}, at(n));
            if (!t) complete = false;
            return complete;
        }
        for (pugi::xml_node c : n.children()) {
            if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
                std::string s = c.value();
                if (s.find_first_not_of(" \t\r\n") != std::string::npos) {
                    diags.error(Span{file.source, static_cast<std::size_t>(c.offset_debug())}, codes::misplaced_text,
                                "text in <" + f.name + "> (" + f.label + ") must be inside <p> or <item>");
                }
                continue;
            }
            if (c.type() != pugi::node_element) continue;
            std::string name = c.name();
            if (name == "p" || name == "item") {
                check_attributes(file, c, {}, diags);
                std::optional<TracedText> t = field_text(c);
                // A blank paragraph (white space, a stray tab or zero-width space) prints nothing.
                if (!t) complete = false;
                if (!t || t->empty()) continue;
                // Bare items in a row are one list; a paragraph between them starts another.
                bool item = name == "item";
                bool continues = item && !v.blocks.empty() && v.blocks.back().list == bare_list;
                if (item && !continues) bare_list = ++lists;
                add_block(v, Block{item ? Block::Kind::item : Block::Kind::paragraph, {}, std::move(*t), item ? bare_list : 0},
                          at(c));
            } else if (name == "list") {
                check_attributes(file, c, {"numbering"}, diags);
                std::string numbering = c.attribute("numbering").value();
                if (!numbering.empty() && numbering != "bullet" && numbered_marker(numbering, 1).empty()) {
                    diags.error(attribute_value_span(file, c, c.attribute("numbering")), codes::numbering_unknown,
                                "numbering '" + base::utf8::clip(numbering) + "' is not known", "use bullet, （1）, (1), ① or 1.");
                }
                int count = 0;
                const int list = ++lists;
                for (pugi::xml_node item : c.children()) {
                    if (item.type() == pugi::node_pcdata && std::string(item.value()).find_first_not_of(" \t\r\n") != std::string::npos) {
                        diags.error(Span{file.source, static_cast<std::size_t>(item.offset_debug())}, codes::misplaced_text,
                                    "text in <list> must be inside <item>");
                    }
                    if (item.type() != pugi::node_element) continue;
                    if (std::string(item.name()) != "item") {
                        unknown(item, c, {"item"});
                        continue;
                    }
                    check_attributes(file, item, {}, diags);
                    std::optional<TracedText> t = field_text(item);
                    if (!t) complete = false;
                    if (!t || t->empty()) continue;
                    ++count;
                    add_block(v, Block{Block::Kind::item, numbered_marker(numbering, count), std::move(*t), list}, at(item));
                }
            } else {
                unknown(c, n, {"p", "item", "list"});
            }
        }
        return complete;
    }

    void read_sheet_element(pugi::xml_node c, std::vector<SheetValues>& sheets) {
        if (sheets.size() >= base::limits::max_sheets) {
            diags.error(at(c), codes::too_many_sheets,
                        "more than " + std::to_string(base::limits::max_sheets) + " sheets in one file");
            return;
        }
        check_attributes(file, c, {}, diags);
        SheetValues sv;
        sv.span = at(c);
        std::string label = (schema.sheet_label.empty() ? schema.sheet : schema.sheet_label) + " " +
                            std::to_string(sheets.size() + 1);
        read_fields(c, schema.per_sheet, "", sv.fields, label, false, nullptr);
        sheets.push_back(std::move(sv));
    }

    void read_blocks_field(pugi::xml_node c, const FieldSpec& spec, const std::string& name, const std::string& path,
                           FieldValues& out, const std::string& scope) {
        check_attributes(file, c, {}, diags);
        FieldValue v;
        bool complete = read_blocks(c, spec, v);
        // Past the paragraph limit, or with a text too long, a field is not empty, only
        // left unread.
        if (v.blocks.empty() && spec.required && complete && paragraphs <= base::limits::max_paragraphs) {
            diags.error(at(c), codes::empty_field, spec.label + " (<" + name + ">) is empty" + where(scope));
        }
        out[path] = std::move(v);
    }

    void read_text_field(pugi::xml_node c, const FieldSpec& spec, const std::string& name, const std::string& path,
                         FieldValues& out, const std::string& scope) {
        std::vector<std::string> attr_names;
        for (const auto& a : spec.attributes) attr_names.push_back(a.name);
        if (c.attribute(todo_attribute)) attr_names.push_back(todo_attribute);  // not offered in hints: it is next-year's
        std::vector<std::string> hinted = check_attributes(file, c, attr_names, diags);
        FieldValue v;
        std::optional<TracedText> text = field_text(c);  // nullopt: too long, and reported
        if (text) v.text = std::move(*text);
        const bool todo = note_todo(c, spec, name, scope, text && v.text.empty());
        if (text && v.text.empty()) {
            if (spec.required && !todo) {
                diags.error(at(c), codes::empty_field, spec.label + " (<" + name + ">) is empty" + where(scope));
            } else if (spec.number) {
                v.number = Number{};  // an empty part counts 0 and prints as a dash
                print_as(v, "－", at(c));
            }
        } else if (text && spec.number) {
            read_number_value(v, spec.label, v.text.span_at(0), spec.kanji);
        } else if (text && spec.fiscal_year) {
            read_year(v, spec.label, v.text.span_at(0), spec.kanji);
        } else if (text && spec.date) {
            read_date_value(v, spec.label, v.text.span_at(0), spec.kanji);
        } else if (text && !spec.choices.empty()) {
            read_choice(v, spec, v.text.span_at(0));
        }
        for (const auto& a : spec.attributes) {
            pugi::xml_attribute xa = c.attribute(a.name.c_str());
            if (!xa) {
                if (a.required && std::find(hinted.begin(), hinted.end(), a.name) == hinted.end()) {
                    diags.error(at(c), codes::missing_field, a.label + " is missing: <" + name + "> needs the attribute '" + a.name + "'" + where(scope));
                }
                continue;
            }
            FieldValue av;
            Span span = attribute_value_span(file, c, xa);
            if (std::strlen(xa.value()) > base::limits::max_text_bytes) {
                diags.error(span, codes::text_too_long, "this text is longer than " +
                                                            std::to_string(base::limits::max_text_bytes) + " bytes");
                continue;
            }
            av.text = normalize_space(attribute_text(file, c, xa, diags));
            if (av.text.empty()) {
                if (a.required) diags.error(span, codes::empty_field, a.label + " is empty" + where(scope));
            } else if (a.fiscal_year) {
                read_year(av, a.label, span);
            }
            out[path + "/@" + a.name] = std::move(av);
        }
        out[path] = std::move(v);
    }

    // A field marked todo="…" (by next-year): what the clerk still has to write, said with the
    // layout's words; a warning in a draft (check lists it), an error in an approved sheet.
    // Returns whether it is marked.
    bool note_todo(pugi::xml_node c, const FieldSpec& spec, const std::string& name, const std::string& scope, bool empty) {
        pugi::xml_attribute xa = c.attribute(todo_attribute);
        if (!xa) return false;
        std::string hint = normalize_space(attribute_text(file, c, xa, diags)).text;
        std::string message = spec.label + " (<" + name + ">)" + where(scope);
        if (empty) {
            message += " is still to be written";
        } else {
            message += " is written but still marked to do";
            hint = "once it is checked, remove todo=\"…\"" + (hint.empty() ? std::string() : " (" + hint + ")");
        }
        if (final) diags.error(at(c), codes::field_todo, message + ": a final sheet holds nothing to do", hint);
        else diags.warning(at(c), codes::field_todo, message, hint);
        return true;
    }

    // One item of a list (<indicator>, written once per item): its fields under list[k]/.
    void read_item(pugi::xml_node c, const FieldSpec& spec, const std::string& path, FieldValues& out,
                   const std::string& scope) {
        FieldValue& list = out[path];
        if (spec.max_items > 0 && list.items >= spec.max_items) {
            diags.error(at(c), codes::too_many_items, spec.label + " (<" + spec.name + ">) is written more than " +
                                                          std::to_string(spec.max_items) + " times" + where(scope),
                        "the form has room for " + std::to_string(spec.max_items));
            return;
        }
        check_attributes(file, c, {}, diags);
        FieldValues item;
        read_fields(c, spec.children, path + "/", item, scope, false, nullptr);
        for (auto& [key, value] : item) out[item_path(path, list.items, key)] = std::move(value);
        ++out[path].items;
    }

    void read_fields(pugi::xml_node parent, const std::vector<FieldSpec>& specs, const std::string& prefix,
                     FieldValues& out, const std::string& scope, bool allow_sheet, std::vector<SheetValues>* sheets) {
        std::vector<std::string> allowed;
        for (const FieldSpec& f : specs) allowed.push_back(f.name);
        if (allow_sheet) allowed.push_back(schema.sheet);
        std::unordered_map<std::string_view, const FieldSpec*> by_name;
        for (const FieldSpec& f : specs) by_name.emplace(f.name, &f);
        std::unordered_set<std::string> seen;
        // Fields named by a did-you-mean hint are not reported missing as well: the hint already
        // says what to write (a misspelt <bassis> is one mistake, not two).
        std::unordered_set<std::string> suggested;
        for (pugi::xml_node c : parent.children()) {
            if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
                std::string s = c.value();
                if (s.find_first_not_of(" \t\r\n") != std::string::npos) {
                    diags.error(Span{file.source, static_cast<std::size_t>(c.offset_debug())}, codes::misplaced_text,
                                std::string("text directly inside <") + parent.name() + "> belongs in one of its fields");
                }
                continue;
            }
            if (c.type() != pugi::node_element) continue;
            std::string name = c.name();
            if (allow_sheet && name == schema.sheet) {
                read_sheet_element(c, *sheets);
                continue;
            }
            auto found = by_name.find(name);
            if (found == by_name.end()) {
                if (auto m = unknown(c, parent, allowed)) suggested.insert(*m);
                continue;
            }
            const FieldSpec* spec = found->second;
            if (spec->kind == FieldSpec::Kind::list) {
                seen.insert(name);
                read_item(c, *spec, prefix + name, out, scope);
                continue;
            }
            if (seen.count(name)) {
                diags.error(at(c), codes::duplicate_field, spec->label + " (<" + name + ">) is written twice" + where(scope));
                continue;
            }
            seen.insert(name);
            std::string path = prefix + name;
            switch (spec->kind) {
                case FieldSpec::Kind::group:
                    check_attributes(file, c, {}, diags);
                    read_fields(c, spec->children, path + "/", out, scope, false, nullptr);
                    break;
                case FieldSpec::Kind::blocks:
                    read_blocks_field(c, *spec, name, path, out, scope);
                    break;
                case FieldSpec::Kind::text:
                    read_text_field(c, *spec, name, path, out, scope);
                    break;
                case FieldSpec::Kind::list: break;  // read above: it repeats
            }
        }
        for (const FieldSpec& f : specs) {
            if (!f.required || seen.count(f.name) || suggested.count(f.name)) continue;
            diags.error(at(parent), codes::missing_field, f.label + " (<" + f.name + ">) is missing" + where(scope),
                        "add <" + f.name + ">…</" + f.name + "> to <" + parent.name() + ">");
        }
    }
};

}  // namespace

std::optional<std::string> named_layout(const XmlFile& file, Diagnostics& diags, Span* named_at) {
    pugi::xml_node root = file.doc.document_element();
    pugi::xml_attribute a = root.attribute("layout");
    if (!a) return std::nullopt;
    if (named_at) *named_at = attribute_value_span(file, root, a);
    return attribute_text(file, root, a, diags).text;
}

std::optional<SheetData> read_sheet(const XmlFile& file, const DataSchema& schema, Diagnostics& diags) {
    int errors_before = diags.error_count();
    SheetData data;
    data.source = file.source;
    pugi::xml_node root = file.doc.document_element();
    Reader reader{file, schema, diags};
    if (schema.root != root.name()) {
        diags.error(reader.at(root), codes::wrong_root, std::string("this form's input starts with <") + schema.root + ">, not <" + root.name() + ">");
        return std::nullopt;
    }
    check_attributes(file, root, {"layout", "date", "status"}, diags);
    if (pugi::xml_attribute st = root.attribute("status")) {
        std::string v = st.value();
        if (v == "final") data.final = true;
        else if (v != "draft") {
            diags.error(attribute_value_span(file, root, st), codes::status_unknown, "status '" + base::utf8::clip(v) + "' is not known",
                        "write status=\"draft\" (案, the default) or status=\"final\" (approved, to be signed)");
        }
    }
    if (pugi::xml_attribute d = root.attribute("date")) {
        data.date = read_date(d.value());
        if (!data.date) {
            diags.error(attribute_value_span(file, root, d), codes::date_invalid, "date '" + base::utf8::clip(d.value()) + "' is not a date",
                        "write it as YYYY-MM-DD, e.g. 2026-04-01");
        }
    }
    reader.final = data.final;
    reader.read_fields(root, schema.shared, "", data.shared, "", true, &data.sheets);
    if (data.sheets.empty()) {
        diags.error(reader.at(root), codes::no_sheets, "the file has no <" + schema.sheet + "> (" + schema.sheet_label + ")");
    }
    if (diags.error_count() != errors_before) return std::nullopt;
    return data;
}

TracedText normalize_space(const TracedText& in) {
    TracedText out;
    const std::string& s = in.text;
    std::string run;
    std::size_t run_start = 0;
    auto flush = [&] {
        if (!run.empty()) out.append(run, in.span_at(run_start));
        run.clear();
    };
    std::size_t mark = 0;  // next input mark: a run never crosses one, so offsets stay exact
    for (std::size_t i = 0; i < s.size();) {
        while (mark < in.marks.size() && in.marks[mark].at <= i) {
            flush();
            ++mark;
        }
        if (is_space(s[i])) {
            std::size_t j = i;
            bool newline = false;
            // A lone CR is a line end too (XML reads it as one).
            for (; j < s.size() && is_space(s[j]); ++j) newline |= s[j] == '\n' || s[j] == '\r';
            bool at_edge = out.text.empty() && run.empty();
            if (!at_edge && j < s.size()) {
                char32_t before = run.empty() ? code_point_before(out.text, out.text.size()) : code_point_before(run, run.size());
                std::size_t k = j;
                char32_t after = base::utf8::next(s, k);
                if (!(newline && (is_wide(before) || is_wide(after)))) {
                    flush();
                    out.append(" ", in.span_at(i));
                }
            }
            flush();
            i = j;
            continue;
        }
        if (run.empty()) run_start = i;
        std::size_t k = i;
        base::utf8::next(s, k);
        run.append(s, i, k - i);
        i = k;
    }
    flush();
    // Text of nothing but spaces (ideographic ones too) and zero-width spaces is blank: it would
    // print as an empty paragraph, or pass for a required field that was never filled in.
    bool visible = false;
    for (std::size_t i = 0; i < out.text.size();) {
        char32_t cp = base::utf8::next(out.text, i);
        if (cp != 0x200B && cp != 0x3000 && cp != U' ') visible = true;
    }
    if (!visible) return TracedText{};
    return out;
}

}  // namespace yoshiki::parse
