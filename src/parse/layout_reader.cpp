#include "parse/layout_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_set>

#include "base/limits.hpp"
#include "base/utf8.hpp"
#include "parse/number.hpp"
#include "parse/xml.hpp"

namespace yoshiki::parse {

namespace {

namespace codes = base::codes;
using base::Diagnostics;
using base::Span;

// The ids of a map, for did-you-mean hints.
std::vector<std::string> keys_of(const std::map<std::string, int>& ids) {
    std::vector<std::string> out;
    for (const auto& [k, v] : ids) out.push_back(k);
    return out;
}

struct Reader {
    Reader(const XmlFile& f, Diagnostics& d) : file(f), diags(d) {}

    const XmlFile& file;
    Diagnostics& diags;
    FormLayout layout;
    std::map<std::string, int> font_ids, style_ids;
    // The field paths templates may name, known once <fields> is read (it is read first).
    std::set<std::string> shared_text, sheet_text, block_fields, lists;
    std::vector<std::string> item_text;  // the text fields of lists' items: list/field
    std::set<std::string> item_numbers;  // those of type="number"
    std::set<std::string> sheet_numbers;  // the sheet's own number fields
    std::vector<std::string> shared_text_list, all_text_list, style_names;

    Span at(pugi::xml_node n) const { return element_span(file, n); }
    Span at(pugi::xml_node n, const char* attr) const {
        pugi::xml_attribute a = n.attribute(attr);
        return a ? attribute_value_span(file, n, a) : at(n);
    }

    std::string attr(pugi::xml_node n, const char* name) {
        pugi::xml_attribute a = n.attribute(name);
        return a ? attribute_text(file, n, a, diags).text : std::string();
    }

    std::string required(pugi::xml_node n, const char* name) {
        if (!n.attribute(name)) {
            diags.error(at(n), codes::missing_attribute, std::string("<") + n.name() + "> needs the attribute '" + name + "'");
            return {};
        }
        return attr(n, name);
    }

    // "15mm", "10.5pt", "1cm", "0.5in"; with em_size > 0, "1em" too.
    std::optional<double> length(pugi::xml_node n, const char* name, bool allow_em = false) {
        pugi::xml_attribute a = n.attribute(name);
        if (!a) return std::nullopt;
        std::string v = a.value();
        char* end = nullptr;
        double x = std::strtod(v.c_str(), &end);
        std::string unit = end ? std::string(end) : std::string();
        double factor = 0;
        if (unit == "mm") factor = mm;
        else if (unit == "cm") factor = 10 * mm;
        else if (unit == "pt") factor = 1;
        else if (unit == "in") factor = 72;
        else if (unit == "em" && allow_em) factor = 1;
        if (end == v.c_str() || factor == 0 || !std::isfinite(x) || x < 0 || x > 10000) {
            diags.error(attribute_value_span(file, n, a), codes::invalid_length,
                        "'" + base::utf8::clip(v) + "' is not a length for '" + name + "'",
                        allow_em ? "write a number and a unit: mm, cm, pt, in or em" : "write a number and a unit: mm, cm, pt or in");
            return std::nullopt;
        }
        return x * factor;
    }

    std::optional<double> number(pugi::xml_node n, const char* name, double lo, double hi) {
        pugi::xml_attribute a = n.attribute(name);
        if (!a) return std::nullopt;
        char* end = nullptr;
        double x = std::strtod(a.value(), &end);
        if (end == a.value() || *end != '\0' || !(x >= lo && x <= hi)) {
            diags.error(attribute_value_span(file, n, a), codes::invalid_number,
                        std::string("'") + a.value() + "' for '" + name + "' must be a number from " +
                            std::to_string(lo).substr(0, 3) + " to " + std::to_string(hi).substr(0, 4));
            return std::nullopt;
        }
        return x;
    }

    // A part's role for readers (docs/layout-language.md, "Roles"); `fallback` when not given.
    std::string role(pugi::xml_node n, const std::vector<std::string>& allowed, const std::string& fallback) {
        pugi::xml_attribute a = n.attribute("role");
        if (!a) return fallback;
        std::string v = a.value();
        if (std::find(allowed.begin(), allowed.end(), v) != allowed.end()) return v;
        std::string list;
        for (const std::string& r : allowed) list += (list.empty() ? "" : ", ") + r;
        diags.error(attribute_value_span(file, n, a), codes::invalid_choice,
                    "'" + base::utf8::clip(v) + "' is not a role of <" + n.name() + ">",
                    "one of " + list);
        return fallback;
    }

    // The scope of a header cell: which cells it describes.
    std::string scope(pugi::xml_node n, const std::string& cell_role) {
        pugi::xml_attribute a = n.attribute("scope");
        if (!a) return cell_role == "TH" ? "Row" : "";
        std::string v = a.value();
        if (cell_role != "TH") {
            diags.error(attribute_span(file, n, a), codes::role_conflict, "'scope' is for header cells (role=\"TH\")");
            return "";
        }
        if (v == "row") return "Row";
        if (v == "column") return "Column";
        if (v == "both") return "Both";
        diags.error(attribute_value_span(file, n, a), codes::invalid_choice, "'" + base::utf8::clip(v) + "' is not a scope",
                    "row, column or both");
        return "Row";
    }

    bool yes(pugi::xml_node n, const char* name) {
        std::string v = attr(n, name);
        if (v.empty() || v == "no") return false;
        if (v == "yes") return true;
        diags.error(at(n, name), codes::invalid_choice, std::string("'") + name + "' must be yes or no");
        return false;
    }

    void unknown_element(pugi::xml_node n, pugi::xml_node parent, const std::vector<std::string>& allowed) {
        parse::unknown_element(file, n, parent, allowed, diags);
    }

    // Each element child of parent that is a `name`, in order; any other element, and text, is
    // reported where it stands.
    template <class Each>
    void each_child(pugi::xml_node parent, const char* name, Each&& each) {
        stray_text(parent);
        for (pugi::xml_node c : parent.children()) {
            if (c.type() != pugi::node_element) continue;
            if (std::string(c.name()) != name) unknown_element(c, parent, {name});
            else each(c);
        }
    }

    void stray_text(pugi::xml_node parent) {
        for (pugi::xml_node c : parent.children()) {
            if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
                std::string v = c.value();
                if (v.find_first_not_of(" \t\r\n") != std::string::npos) {
                    diags.error(Span{file.source, static_cast<std::size_t>(c.offset_debug())}, codes::misplaced_text,
                                std::string("text is not allowed directly inside <") + parent.name() + ">");
                }
            }
        }
    }

    // An element that holds nothing: its attributes are all it says, and anything inside it
    // would otherwise be silently ignored.
    void no_content(pugi::xml_node n) {
        stray_text(n);
        for (pugi::xml_node c : n.children()) {
            if (c.type() == pugi::node_element) unknown_element(c, n, {});
        }
    }

    // Elements a layout has at most one of; a second would silently replace the first.
    std::map<std::string, pugi::xml_node> singular;
    bool first_of_its_kind(pugi::xml_node n) {
        auto [it, first] = singular.emplace(n.name(), n);
        if (first) return true;
        int line = file.source->line_column(at(it->second).offset).first;
        diags.error(at(n), codes::duplicate_element, std::string("a layout has one <") + n.name() + ">",
                    "the first is on line " + std::to_string(line) + "; merge the two");
        return false;
    }

    void read_page(pugi::xml_node n) {
        if (!first_of_its_kind(n)) return;
        no_content(n);
        check_attributes(file, n, {"width", "height", "margin-top", "margin-bottom", "margin-left", "margin-right", "writing-mode"},
                         diags);
        PageSpec& p = layout.page;
        p.vertical = writing_mode(n, false);
        if (auto v = length(n, "width")) p.width = *v;
        if (auto v = length(n, "height")) p.height = *v;
        if (auto v = length(n, "margin-top")) p.margin_top = *v;
        if (auto v = length(n, "margin-bottom")) p.margin_bottom = *v;
        if (auto v = length(n, "margin-left")) p.margin_left = *v;
        if (auto v = length(n, "margin-right")) p.margin_right = *v;
        if (p.width - p.margin_left - p.margin_right < 36 || p.height - p.margin_top - p.margin_bottom < 36) {
            diags.error(at(n), codes::page_no_room, "the margins leave no room on the page");
        }
    }

    // writing-mode="horizontal|vertical" (横書き, 縦書き).
    bool writing_mode(pugi::xml_node n, bool otherwise) {
        std::string v = attr(n, "writing-mode");
        if (v.empty()) return otherwise;
        if (v == "vertical") return true;
        if (v != "horizontal") diags.error(at(n, "writing-mode"), codes::invalid_choice, "writing-mode must be horizontal or vertical");
        return false;
    }

    void read_font(pugi::xml_node n) {
        no_content(n);
        check_attributes(file, n, {"id", "file"}, diags);
        if (layout.fonts.size() >= base::limits::max_fonts) {
            diags.error(at(n), codes::too_many_fonts,
                        "a layout declares at most " + std::to_string(base::limits::max_fonts) + " fonts");
            return;
        }
        FontSpec f;
        f.id = required(n, "id");
        std::string path = required(n, "file");
        f.span = at(n, "file");
        std::filesystem::path p(path);
        if (p.is_relative()) p = std::filesystem::path(file.source->path).parent_path() / p;
        f.path = p.lexically_normal().string();
        if (font_ids.count(f.id)) diags.error(at(n, "id"), codes::duplicate_id, "font '" + base::utf8::clip(f.id) + "' is declared twice");
        font_ids[f.id] = static_cast<int>(layout.fonts.size());
        layout.fonts.push_back(std::move(f));
    }

    std::vector<int> fallbacks;
    bool in_list = false;  // reading the fields of a list's item: no list within a list
    bool in_sheet = false;  // reading the fields of a sheet: next-year templates may name them
    // next-year templates, checked once every field is known: (template, of a sheet's field).
    std::vector<std::pair<TextTemplate, bool>> next_year_templates;
    std::string repeated;  // the list a row being read repeats over, if any

    void read_fallback(pugi::xml_node n) {
        no_content(n);
        check_attributes(file, n, {"fonts"}, diags);
        std::string list = required(n, "fonts");
        std::size_t i = 0;
        while (i < list.size()) {
            std::size_t j = list.find(' ', i);
            if (j == std::string::npos) j = list.size();
            std::string id = list.substr(i, j - i);
            if (!id.empty()) {
                auto it = font_ids.find(id);
                if (it == font_ids.end()) {
                    diags.error(at(n, "fonts"), codes::unknown_font, "unknown font '" + base::utf8::clip(id) + "' in the fallback chain");
                } else if (std::find(fallbacks.begin(), fallbacks.end(), it->second) == fallbacks.end()) {
                    fallbacks.push_back(it->second);  // each font once: the chain is at most max_fonts long
                }
            }
            i = j + 1;
        }
    }

    void read_style(pugi::xml_node n) {
        no_content(n);
        check_attributes(file, n, {"id", "font", "size", "line-pitch", "align", "valign", "indent", "bullet", "latin-gap",
                                   "condense-to", "shrink-to", "tate-chu-yoko"}, diags);
        Style s;
        s.id = required(n, "id");
        s.span = at(n);
        std::string font = required(n, "font");
        auto it = font_ids.find(font);
        if (it == font_ids.end() && !font.empty()) {
            auto m = closest_match(font, keys_of(font_ids));  // at most max_fonts ids
            diags.error(at(n, "font"), codes::unknown_font, "unknown font '" + base::utf8::clip(font) + "'",
                        m ? "did you mean '" + *m + "'?" : "declare it with <font id=... file=...>");
        } else if (it != font_ids.end()) {
            s.fonts.push_back(it->second);
        }
        if (auto v = length(n, "size")) {
            if (*v < 4 || *v > 72) diags.error(at(n, "size"), codes::out_of_range, "a text size must be between 4pt and 72pt");
            s.size = *v;
        } else if (!n.attribute("size")) {  // a size that is there but wrong is reported by length()
            diags.error(at(n), codes::missing_attribute, "<style> needs the attribute 'size'");
        }
        if (auto v = number(n, "line-pitch", 1.0, 4.0)) s.line_pitch = *v;
        std::string align = attr(n, "align");
        static const std::map<std::string, Align> aligns{{"left", Align::left},       {"center", Align::center},
                                                        {"right", Align::right},     {"justify", Align::justify},
                                                        {"distribute", Align::distribute}};
        if (!align.empty()) {
            auto a = aligns.find(align);
            if (a == aligns.end()) {
                diags.error(at(n, "align"), codes::invalid_choice, "align must be left, center, right, justify or distribute");
            }
            else s.align = a->second;
        }
        std::string valign = attr(n, "valign");
        if (valign == "middle") s.valign = VAlign::middle;
        else if (valign == "bottom") s.valign = VAlign::bottom;
        else if (!valign.empty() && valign != "top") {
            diags.error(at(n, "valign"), codes::invalid_choice, "valign must be top, middle or bottom");
        }
        if (auto v = length(n, "indent", true)) s.indent_em = ems(n, "indent", *v, s.size);
        if (auto v = length(n, "latin-gap", true)) s.latin_gap_em = ems(n, "latin-gap", *v, s.size);
        s.bullet = attr(n, "bullet");
        if (auto v = number(n, "tate-chu-yoko", 0, 4)) {
            s.tate_chu_yoko = static_cast<int>(*v);
            if (*v != s.tate_chu_yoko) diags.error(at(n, "tate-chu-yoko"), codes::out_of_range, "'tate-chu-yoko' is a number of digits, 0 to 4");
        }
        read_fit_floors(n, s);
        if (style_ids.count(s.id)) diags.error(at(n, "id"), codes::duplicate_id, "style '" + base::utf8::clip(s.id) + "' is declared twice");
        style_ids[s.id] = static_cast<int>(layout.styles.size());
        layout.styles.push_back(std::move(s));
    }

    // condense-to="80%" and shrink-to="7pt": how far the fit cascade may go in a fixed box.
    void read_fit_floors(pugi::xml_node n, Style& s) {
        if (pugi::xml_attribute a = n.attribute("condense-to")) {
            std::string v = a.value();
            char* end = nullptr;
            double x = std::strtod(v.c_str(), &end);
            if (end == v.c_str() || std::string(end) != "%" || !(x >= 50 && x <= 100)) {
                diags.error(attribute_value_span(file, n, a), codes::out_of_range,
                            "'" + base::utf8::clip(v) + "' for 'condense-to' must be a percentage from 50% to 100%");
            } else {
                s.min_scale = x / 100;
            }
        }
        if (auto v = length(n, "shrink-to")) {
            if (*v < 4 || *v > s.size) {
                diags.error(at(n, "shrink-to"), codes::out_of_range, "'shrink-to' must be from 4pt to the style's size");
            } else {
                s.min_size = *v;
            }
        }
    }

    // Indents are kept in ems so that they follow the size; absolute units are converted.
    double ems(pugi::xml_node n, const char* name, double value, double size) {
        std::string v = n.attribute(name).value();
        bool em = v.size() > 2 && v.compare(v.size() - 2, 2, "em") == 0;
        return em ? value : value / size;
    }

    void read_field_list(pugi::xml_node parent, std::vector<FieldSpec>& out, bool allow_sheet) {
        stray_text(parent);
        std::unordered_set<std::string> names;
        for (const FieldSpec& f : out) names.insert(f.name);
        for (pugi::xml_node c : parent.children()) {
            if (c.type() != pugi::node_element) continue;
            std::string name = c.name();
            if (name == "sheet" && allow_sheet) {
                check_attributes(file, c, {"name", "label"}, diags);
                if (!layout.schema.sheet.empty()) diags.error(at(c), codes::duplicate_element, "a form has one <sheet> element");
                layout.schema.sheet = required(c, "name");
                layout.schema.sheet_label = attr(c, "label");
                in_sheet = true;
                read_field_list(c, layout.schema.per_sheet, false);
                in_sheet = false;
                continue;
            }
            FieldSpec f;
            if (name == "text") f.kind = FieldSpec::Kind::text;
            else if (name == "blocks") f.kind = FieldSpec::Kind::blocks;
            else if (name == "group") f.kind = FieldSpec::Kind::group;
            else if (name == "list" && !in_list) f.kind = FieldSpec::Kind::list;
            else {
                std::vector<std::string> kinds{"text", "blocks", "group"};
                if (!in_list) kinds.push_back("list");
                if (allow_sheet) kinds.push_back("sheet");
                unknown_element(c, parent, kinds);
                continue;
            }
            check_attributes(file, c, f.kind == FieldSpec::Kind::text   ? std::vector<std::string>{"name", "label", "type", "optional", "choices", "format", "next-year", "todo"}
                                      : f.kind == FieldSpec::Kind::list ? std::vector<std::string>{"name", "label", "optional", "max"}
                                                                        : std::vector<std::string>{"name", "label", "optional"},
                             diags);
            f.name = required(c, "name");
            f.label = attr(c, "label");
            if (f.label.empty()) f.label = f.name;
            f.required = !yes(c, "optional");
            read_field_type(c, f);
            if (f.kind == FieldSpec::Kind::text) read_next_year(c, f.next_year, f.fiscal_year, false);
            if (!names.insert(f.name).second) {
                diags.error(at(c, "name"), codes::duplicate_id, "field '" + base::utf8::clip(f.name) + "' is declared twice");
            }
            if (f.kind == FieldSpec::Kind::group) {
                read_field_list(c, f.children, false);
            } else if (f.kind == FieldSpec::Kind::list) {
                if (auto v = number(c, "max", 1, 1000)) f.max_items = static_cast<int>(*v);
                in_list = true;
                read_field_list(c, f.children, false);
                in_list = false;
            } else if (f.kind == FieldSpec::Kind::text) {
                read_attributes(c, f);
            } else {
                no_content(c);
            }
            out.push_back(std::move(f));
        }
    }

    // A text field's <attribute> children.
    void read_attributes(pugi::xml_node c, FieldSpec& f) {
        stray_text(c);
        std::unordered_set<std::string> attribute_names;
        for (pugi::xml_node a : c.children()) {
            if (a.type() != pugi::node_element) continue;
            if (std::string(a.name()) != "attribute") {
                unknown_element(a, c, {"attribute"});
                continue;
            }
            no_content(a);
            check_attributes(file, a, {"name", "label", "type", "optional", "next-year"}, diags);
            FieldSpec::Attribute fa;
            fa.name = required(a, "name");
            if (fa.name == todo_attribute) {
                diags.error(at(a, "name"), codes::invalid_choice, std::string("'") + todo_attribute +
                            "' is the attribute an input marks a field to do with, not a field's own");
            }
            if (!attribute_names.insert(fa.name).second) {
                diags.error(at(a, "name"), codes::duplicate_id, "attribute '" + base::utf8::clip(fa.name) + "' is declared twice");
            }
            fa.label = attr(a, "label");
            if (fa.label.empty()) fa.label = fa.name;
            fa.required = !yes(a, "optional");
            std::string t = attr(a, "type");
            if (t == "fiscal-year") fa.fiscal_year = true;
            else if (!t.empty() && t != "text") diags.error(at(a, "type"), codes::invalid_choice, "type must be text or fiscal-year");
            read_next_year(a, fa.next_year, fa.fiscal_year, true);
            f.attributes.push_back(std::move(fa));
        }
    }

    // next-year="keep" (the default), "advance" (a fiscal year), "todo" (with todo="what to write")
    // or a template of this year's values ("{values/target/@year}"): what next year's draft holds.
    void read_next_year(pugi::xml_node c, NextYearRule& rule, bool fiscal_year, bool attribute) {
        pugi::xml_attribute a = c.attribute("next-year");
        const std::string v = a ? a.value() : "";
        if (a) layout.schema.next_year = true;
        if (a && in_list) {
            diags.error(at(c, "next-year"), codes::invalid_choice, "next-year is for the fields of a file or a sheet, not of a list's items");
        } else if (v.find('{') != std::string::npos) {
            rule.kind = NextYearRule::Kind::from;
            rule.from = text_template(c, "next-year");
            next_year_templates.emplace_back(*rule.from, in_sheet);
        } else if (v == "advance") {
            rule.kind = NextYearRule::Kind::advance;
            if (!fiscal_year) diags.error(at(c, "next-year"), codes::invalid_choice, "next-year=\"advance\" is for a field of type fiscal-year");
        } else if (v == "todo" && !attribute) {
            rule.kind = NextYearRule::Kind::todo;
        } else if (a && v != "keep") {
            diags.error(at(c, "next-year"), codes::invalid_choice,
                        attribute ? "next-year must be keep, advance or a template such as {values/target/@year}"
                                  : "next-year must be keep, advance, todo or a template such as {values/target/@year}");
        }
        if (attribute || !c.attribute("todo")) return;
        if (rule.kind != NextYearRule::Kind::todo) {
            diags.error(at(c, "todo"), codes::invalid_choice, "'todo' says what to write in a field of next-year=\"todo\"");
            return;
        }
        rule.hint = text_template(c, "todo");
        next_year_templates.emplace_back(*rule.hint, in_sheet);
    }

    // type="text" (the default), "fiscal-year", "date" or "choice" with choices="閲覧|写しの交付".
    void read_field_type(pugi::xml_node c, FieldSpec& f) {
        std::string type = attr(c, "type");
        if (type == "fiscal-year") f.fiscal_year = true;
        else if (type == "date") f.date = true;
        else if (type == "number") f.number = true;
        else if (type == "choice") {
            std::string list = required(c, "choices");
            std::size_t i = 0;
            while (i <= list.size() && !list.empty()) {
                std::size_t j = std::min(list.find('|', i), list.size());
                std::string option = list.substr(i, j - i);
                if (option.empty() || std::find(f.choices.begin(), f.choices.end(), option) != f.choices.end()) {
                    diags.error(at(c, "choices"), codes::invalid_choice, "the choices are options separated by '|', each once and none empty");
                    break;
                }
                f.choices.push_back(option);
                i = j + 1;
            }
        } else if (!type.empty() && type != "text") {
            diags.error(at(c, "type"), codes::invalid_choice, "type must be text, fiscal-year, date, number or choice");
        }
        if (type != "choice" && c.attribute("choices")) {
            diags.error(at(c, "choices"), codes::invalid_choice, "'choices' is for a field of type=\"choice\"");
        }
        if (pugi::xml_attribute a = c.attribute("format")) {
            if (std::string(a.value()) != "kanji" && std::string(a.value()) != "figures") {
                diags.error(at(c, "format"), codes::invalid_choice, "format must be figures or kanji");
            } else if (!f.number && !f.date && !f.fiscal_year) {
                diags.error(at(c, "format"), codes::invalid_choice, "'format' is for a field of type number, date or fiscal-year");
            } else {
                f.kanji = std::string(a.value()) == "kanji";
            }
        }
    }

    void read_fields(pugi::xml_node n) {
        if (!first_of_its_kind(n)) return;
        check_attributes(file, n, {"root"}, diags);
        layout.schema.root = required(n, "root");
        read_field_list(n, layout.schema.shared, true);
        if (layout.schema.sheet.empty()) {
            diags.error(at(n), codes::fields_without_sheet,
                        "<fields> needs a <sheet> element: the part of an input that repeats once per sheet");
        }
        // What templates may name, once: a layout of many templates and many fields must not
        // cost their product.
        FieldPaths shared = field_paths(layout.schema.shared), sheet = field_paths(layout.schema.per_sheet);
        shared_text.insert(shared.text.begin(), shared.text.end());
        sheet_text.insert(sheet.text.begin(), sheet.text.end());
        block_fields.insert(shared.blocks.begin(), shared.blocks.end());
        block_fields.insert(sheet.blocks.begin(), sheet.blocks.end());
        lists.insert(sheet.lists.begin(), sheet.lists.end());
        item_text = sheet.item_text;
        item_numbers.insert(sheet.item_numbers.begin(), sheet.item_numbers.end());
        sheet_numbers.insert(sheet.numbers.begin(), sheet.numbers.end());
        shared_text_list = shared.text;
        all_text_list = shared.text;
        all_text_list.insert(all_text_list.end(), sheet.text.begin(), sheet.text.end());
        for (const auto& [t, sheet_scope] : next_year_templates) check_refs(t, sheet_scope);
    }

    std::optional<TextTemplate> text_template(pugi::xml_node n, const char* name) {
        pugi::xml_attribute a = n.attribute(name);
        if (!a) return std::nullopt;
        return TextTemplate{attribute_text(file, n, a, diags), attribute_value_span(file, n, a)};
    }

    // The fields of a list's item, which the cells of a row repeating over it may name.
    std::vector<std::string> item_refs(const std::string& list) const {
        std::vector<std::string> out;
        for (const std::string& p : item_text) {
            if (p.compare(0, list.size() + 1, list + "/") == 0) out.push_back(p);
        }
        return out;
    }

    // Checks each {reference} of a template against the declared fields.
    void check_refs(const TextTemplate& t, bool sheet_scope, const std::vector<std::string>& extra = {}) {
        bool ok = split_template(
            t.text.text, [](std::size_t, const std::string&) {},
            [&](std::size_t off, const std::string& ref) {
                if (ref.compare(0, 4, "sum(") == 0 && ref.back() == ')') {
                    for (const std::string& a : sum_arguments(ref)) {
                        if (sheet_scope && (item_numbers.count(a) || sheet_numbers.count(a))) continue;
                        diags.error(t.text.span_at(off), codes::template_unknown_field,
                                    "'" + base::utf8::clip(a) + "' in '{" + base::utf8::clip(ref) + "}' is not a number field of the sheet",
                                    "declare it with type=\"number\", in the <sheet> or in a <list> of it");
                    }
                    return;
                }
                if (shared_text.count(ref) || (sheet_scope && sheet_text.count(ref)) ||
                    std::find(extra.begin(), extra.end(), ref) != extra.end()) {
                    return;
                }
                std::vector<std::string> known = sheet_scope ? all_text_list : shared_text_list;
                known.insert(known.end(), extra.begin(), extra.end());
                auto m = closest_match(ref, known);
                diags.error(t.text.span_at(off), codes::template_unknown_field,
                            "the template refers to '{" + base::utf8::clip(ref) + "}', which the form's <fields> do not declare as text",
                            m ? "did you mean '{" + *m + "}'?" : std::string());
            });
        if (!ok) diags.error(t.span, codes::template_unclosed_brace, "unclosed '{' in a template", "write {{ for a literal brace");
    }

    void read_metadata(pugi::xml_node n) {
        if (!first_of_its_kind(n)) return;
        no_content(n);
        check_attributes(file, n, {"title", "author", "subject", "keywords", "department-outline", "sheet-outline"}, diags);
        MetadataTemplate& m = layout.metadata;
        m.title = text_template(n, "title");
        m.author = text_template(n, "author");
        m.subject = text_template(n, "subject");
        m.keywords = text_template(n, "keywords");
        m.department_outline = text_template(n, "department-outline");
        m.sheet_outline = text_template(n, "sheet-outline");
        for (auto* t : {&m.title, &m.author, &m.subject, &m.keywords, &m.department_outline}) {
            if (*t) check_refs(**t, false);
        }
        if (m.sheet_outline) check_refs(*m.sheet_outline, true);
    }

    int style_ref(pugi::xml_node n) {
        std::string s = required(n, "style");
        auto it = style_ids.find(s);
        if (it != style_ids.end()) return it->second;
        if (!s.empty()) {
            if (style_names.size() != style_ids.size()) style_names = keys_of(style_ids);
            auto m = closest_match(s, style_names);
            diags.error(at(n, "style"), codes::unknown_style, "unknown style '" + base::utf8::clip(s) + "'",
                        m ? "did you mean '" + *m + "'?" : std::string());
        }
        return 0;
    }

    void read_print(pugi::xml_node n) {
        if (!first_of_its_kind(n)) return;
        stray_text(n);
        for (pugi::xml_node c : n.children()) {
            if (c.type() != pugi::node_element) continue;
            if (std::string(c.name()) == "contents") read_contents(c);
            else unknown_element(c, n, {"contents"});
        }
        check_attributes(file, n, {"footer", "footer-style", "footer-bottom"}, diags);
        layout.print.footer = text_template(n, "footer");
        if (auto v = length(n, "footer-bottom")) {
            if (*v >= layout.page.margin_bottom) {
                diags.error(at(n, "footer-bottom"), codes::out_of_range, "the footer must stand in the bottom margin");
            }
            layout.print.footer_bottom = *v;
        }
        if (layout.print.footer) check_refs(*layout.print.footer, false, {"page", "pages"});
        if (n.attribute("footer-style")) {
            std::string s = attr(n, "footer-style");
            auto it = style_ids.find(s);
            if (it == style_ids.end()) diags.error(at(n, "footer-style"), codes::unknown_style, "unknown style '" + base::utf8::clip(s) + "'");
            else layout.print.footer_style = it->second;
        } else if (layout.print.footer) {
            diags.error(at(n), codes::missing_attribute, "<print> with a footer needs 'footer-style'");
        }
    }

    void read_contents(pugi::xml_node n) {
        if (!first_of_its_kind(n)) return;
        no_content(n);
        check_attributes(file, n, {"title", "title-style", "department-style", "entry-style", "page-style", "columns", "column-gap"},
                         diags);
        if (layout.page.vertical) {
            diags.error(at(n), codes::out_of_range, "a table of contents is set on a horizontal page",
                        "a print document of a vertical form has its bookmarks");
        }
        if (!layout.metadata.sheet_outline || !layout.metadata.department_outline) {
            diags.error(at(n), codes::missing_attribute, "a table of contents lists the sheets by their bookmarks",
                        "give <metadata> a 'department-outline' and a 'sheet-outline'");
        }
        parse::ContentsTemplate c;
        c.span = at(n);
        if (n.attribute("title")) c.title = attr(n, "title");
        c.title_style = named_style(n, "title-style");
        c.department_style = named_style(n, "department-style");
        c.entry_style = named_style(n, "entry-style");
        c.page_style = named_style(n, "page-style");
        if (auto v = length(n, "column-gap")) c.column_gap = *v;
        if (auto v = number(n, "columns", 1, 4)) {
            c.columns = static_cast<int>(*v);
            if (c.columns != *v) diags.error(at(n, "columns"), codes::invalid_number, "columns must be a whole number");
        }
        const double width = layout.page.width - layout.page.margin_left - layout.page.margin_right;
        if ((width - (c.columns - 1) * c.column_gap) / c.columns < 30 * mm) {
            diags.error(at(n), codes::out_of_range, "the contents' columns are narrower than 30 mm", "fewer columns, or a smaller column-gap");
        }
        layout.print.contents = std::move(c);
    }

    // The style a page-template element names, by attribute.
    int named_style(pugi::xml_node n, const char* name) {
        std::string s = required(n, name);
        auto it = style_ids.find(s);
        if (it != style_ids.end()) return it->second;
        if (!s.empty()) {
            std::vector<std::string> ids;
            for (auto& [k, v] : style_ids) ids.push_back(k);
            auto m = closest_match(s, ids);
            diags.error(at(n, name), codes::unknown_style, "unknown style '" + base::utf8::clip(s) + "'", m ? "did you mean '" + *m + "'?" : std::string());
        }
        return 0;
    }

    // A page-template element must lie on the page: right and top place it from the page's edges.
    void check_on_page(pugi::xml_node n, double right, double top, double width, double height) {
        const PageSpec& p = layout.page;
        if (right + width > p.width + 0.01 || top + height > p.height + 0.01) {
            diags.error(at(n), codes::page_template_off_page, std::string("<") + n.name() + "> reaches past the edge of the page");
        }
    }

    void read_draft_mark(pugi::xml_node n) {
        check_attributes(file, n, {"style", "right", "top", "frame", "padding", "clearance"}, diags);
        if (layout.draft_mark) diags.error(at(n), codes::duplicate_element, "a layout has one <draft-mark>");
        DraftMarkTemplate m;
        m.span = at(n);
        m.style = named_style(n, "style");
        if (auto v = length(n, "right")) m.right = *v;
        if (auto v = length(n, "top")) m.top = *v;
        if (auto v = length(n, "frame")) m.frame = *v;
        if (auto v = length(n, "padding")) m.padding = *v;
        if (auto v = length(n, "clearance")) m.clearance = *v;
        m.text = TextTemplate{element_text(file, n, diags), at(n)};
        if (m.text.text.text.find_first_not_of(" \t\r\n") == std::string::npos) {
            diags.error(at(n), codes::layout_incomplete, "<draft-mark> needs its text, e.g. <draft-mark …>案</draft-mark>");
        }
        check_refs(m.text, false);
        layout.draft_mark = std::move(m);
    }

    // "#d7000f": a colour as RGB, each 0 to 1.
    bool read_color(pugi::xml_node n, const char* name, double (&rgb)[3]) {
        pugi::xml_attribute a = n.attribute(name);
        if (!a) return true;
        std::string v = a.value();
        bool ok = v.size() == 7 && v[0] == '#' && v.find_first_not_of("0123456789abcdefABCDEF", 1) == std::string::npos;
        if (!ok) {
            diags.error(attribute_value_span(file, n, a), codes::invalid_color, "'" + base::utf8::clip(v) + "' is not a colour",
                        "write it as #RRGGBB, e.g. #d7000f");
            return false;
        }
        for (int k = 0; k < 3; ++k) rgb[k] = static_cast<double>(std::strtol(v.substr(1 + 2 * k, 2).c_str(), nullptr, 16)) / 255.0;
        return true;
    }

    void read_approval(pugi::xml_node n) {
        check_attributes(file, n, {"label", "style", "stamp-style", "stamp-color", "order", "right", "top", "box-width", "title-height",
                                   "stamp-height", "outer-rule", "inner-rule", "clearance", "on"},
                         diags);
        if (layout.approval) diags.error(at(n), codes::duplicate_element, "a layout has one <approval>");
        ApprovalTemplate a;
        a.span = at(n);
        a.label = attr(n, "label");
        a.title_style = named_style(n, "style");
        a.stamp_style = named_style(n, "stamp-style");
        read_color(n, "stamp-color", a.stamp_color);
        std::string order = attr(n, "order");
        if (order == "right-to-left") a.right_to_left = true;
        else if (!order.empty() && order != "left-to-right") diags.error(at(n, "order"), codes::invalid_choice, "order must be left-to-right or right-to-left");
        std::string on = attr(n, "on");
        if (on == "each-sheet") a.each_sheet = true;
        else if (!on.empty() && on != "first-page") diags.error(at(n, "on"), codes::invalid_choice, "on must be first-page or each-sheet");
        if (auto v = length(n, "right")) a.right = *v;
        if (auto v = length(n, "top")) a.top = *v;
        if (auto v = length(n, "box-width")) a.box_width = *v;
        if (auto v = length(n, "title-height")) a.title_height = *v;
        if (auto v = length(n, "stamp-height")) a.stamp_height = *v;
        if (auto v = length(n, "outer-rule")) a.outer_rule = *v;
        if (auto v = length(n, "inner-rule")) a.inner_rule = *v;
        if (auto v = length(n, "clearance")) a.clearance = *v;
        // A stamp needs room: a box smaller than 8 mm could hold no legible 日付印.
        if (a.box_width < 8 * mm || a.stamp_height < 8 * mm) {
            diags.error(at(n), codes::out_of_range, "an approval box needs at least 8 mm for its stamp (box-width and stamp-height)");
        }
        each_child(n, "approver", [&](pugi::xml_node c) {
            check_attributes(file, c, {"title"}, diags);
            ApprovalTemplate::Approver ap;
            ap.span = at(c);
            std::string title = required(c, "title");
            if (title.empty()) return;
            ap.title = TextTemplate{attribute_text(file, c, c.attribute("title"), diags), at(c, "title")};
            // The title names the signature field: one box per title, and no '.', which would make
            // a field name of two parts (PDF 32000-1, 12.7.3.2).
            for (const auto& other : a.approvers) {
                if (other.title.text.text == ap.title.text.text) diags.error(at(c, "title"), codes::duplicate_id, "the approver '" + base::utf8::clip(title) + "' is declared twice");
            }
            if (title.find('.') != std::string::npos || title.find('{') != std::string::npos) {
                diags.error(at(c, "title"), codes::approver_title_invalid, "an approver's title holds no '.' and no '{'");
            }
            a.approvers.push_back(std::move(ap));
        });
        if (a.approvers.empty()) diags.error(at(n), codes::layout_incomplete, "<approval> needs at least one <approver title=\"…\"/>");
        check_on_page(n, a.right, a.top, a.width(), a.height());
        layout.approval = std::move(a);
    }

    // A row is either a row of a table for readers (its cells are TH and TD) or a row of the
    // page's grid only (headings, paragraphs, artifacts): a reader cannot be given half a row.
    void check_row_roles(const RowTemplate& row) {
        bool table = false, other = false;
        for (const CellTemplate& c : row.cells) {
            if (c.role == artifact_role) continue;
            (c.role == "TH" || c.role == "TD" ? table : other) = true;
        }
        if (table && other) {
            diags.error(row.span, codes::role_conflict, "this row mixes table cells (TH, TD) with headings or paragraphs",
                        "give every cell of a row a table role, or none of them");
        }
    }

    void read_columns(pugi::xml_node n, TableTemplate& t) {
        std::string cols = required(n, "columns");
        std::size_t i = 0;
        while (i < cols.size()) {
            std::size_t j = cols.find(' ', i);
            if (j == std::string::npos) j = cols.size();
            std::string w = cols.substr(i, j - i);
            if (!w.empty()) {
                char* end = nullptr;
                double x = std::strtod(w.c_str(), &end);
                std::string unit(end);
                // Bounded as every length is: a width of 1e48 mm (or inf) would overflow what is
                // computed from it.
                if (end == w.c_str() || !(unit == "mm" || unit == "pt") || !(x > 0 && x <= 10000)) {
                    diags.error(at(n, "columns"), codes::invalid_length, "column width '" + base::utf8::clip(w) + "' must be a length in mm or pt");
                } else {
                    t.columns.push_back(unit == "mm" ? x * mm : x);
                }
            }
            i = j + 1;
        }
        double total = 0;
        for (double w : t.columns) total += w;
        double room = layout.page.width - layout.page.margin_left - layout.page.margin_right;
        if (total > room + 0.01) {
            diags.error(at(n, "columns"), codes::table_too_wide, "the columns are wider than the text area of the page (" +
                                              std::to_string(static_cast<int>(total / mm)) + " mm > " +
                                              std::to_string(static_cast<int>(room / mm)) + " mm)");
        }
    }

    // "vertical horizontal", as in CSS.
    void read_padding(pugi::xml_node n, pugi::xml_attribute a, TableTemplate& t) {
        std::string v = a.value();
        std::size_t sp = v.find(' ');
        auto parse = [&](const std::string& s) -> double {
            char* end = nullptr;
            double x = std::strtod(s.c_str(), &end);
            std::string unit(end);
            if (end == s.c_str() || !(unit == "mm" || unit == "pt") || !(x >= 0 && x <= 10000)) {
                diags.error(attribute_value_span(file, n, a), codes::invalid_length,
                            "padding must be one or two lengths in mm or pt");
                return 0;
            }
            return unit == "mm" ? x * mm : x;
        };
        t.pad_y = parse(v.substr(0, sp));
        t.pad_x = sp == std::string::npos ? t.pad_y : parse(v.substr(sp + 1));
    }

    CellTemplate read_cell(pugi::xml_node c) {
        check_attributes(file, c, {"span", "rows", "style", "fill", "content", "role", "scope"}, diags);
        CellTemplate cell;
        cell.span = at(c);
        cell.style = style_ref(c);
        cell.role = role(c, {"TH", "TD", "H1", "H2", "H3", "H4", "H5", "H6", "P", artifact_role}, "TD");
        cell.scope = scope(c, cell.role);
        if (auto v = number(c, "span", 1, 64)) cell.col_span = static_cast<int>(*v);
        if (std::string(c.attribute("rows").value()) == "items") {
            cell.spans_items = true;
            if (repeated.empty()) diags.error(at(c, "rows"), codes::invalid_choice, "rows=\"items\" is for a cell of a row with 'repeat'");
        } else if (auto v = number(c, "rows", 1, 64)) {
            cell.row_span = static_cast<int>(*v);
        }
        if (auto v = number(c, "fill", 0, 1)) cell.fill_gray = *v;
        cell.content_field = attr(c, "content");
        base::TracedText text = element_text(file, c, diags);
        bool has_text = text.text.find_first_not_of(" \t\r\n") != std::string::npos;
        if (!cell.content_field.empty()) {
            if (has_text) diags.error(at(c), codes::cell_text_and_content, "a <cell> has either text or 'content', not both");
            if (cell.role[0] == 'H' && cell.role != "TH") {
                diags.error(at(c, "role"), codes::role_conflict, "a heading holds a text, not the paragraphs of 'content'");
            }
            if (!block_fields.count(cell.content_field)) {
                diags.error(at(c, "content"), codes::cell_content_not_blocks,
                            "'" + base::utf8::clip(cell.content_field) + "' is not a <blocks> field of the form");
            }
        } else {
            cell.text = TextTemplate{text, at(c)};
            check_refs(*cell.text, true, repeated.empty() ? std::vector<std::string>{} : item_refs(repeated));
        }
        return cell;
    }

    // busy: for each column, the rows still covered by a row span above.
    RowTemplate read_row(pugi::xml_node r, const TableTemplate& t, std::vector<int>& busy) {
        check_attributes(file, r, {"keep-with-next", "height", "repeat", "header"}, diags);
        RowTemplate row;
        row.span = at(r);
        row.keep_with_next = yes(r, "keep-with-next");
        row.header = yes(r, "header");
        row.repeat = attr(r, "repeat");
        if (!row.repeat.empty() && !lists.count(row.repeat)) {
            diags.error(at(r, "repeat"), codes::template_unknown_field,
                        "'" + base::utf8::clip(row.repeat) + "' is not a <list> field of the form's sheet");
            row.repeat.clear();
        }
        repeated = row.repeat;
        if (auto v = length(r, "height")) row.height = *v;
        std::size_t col = 0;
        auto skip_busy = [&] {
            while (col < busy.size() && busy[col] > 0) ++col;
        };
        each_child(r, "cell", [&](pugi::xml_node c) {
            CellTemplate cell = read_cell(c);
            skip_busy();
            if (col + static_cast<std::size_t>(cell.col_span) > t.columns.size()) {
                diags.error(at(c), codes::cell_past_last_column, "this cell reaches past the last of the table's " +
                                       std::to_string(t.columns.size()) + " columns");
            } else {
                for (int k = 0; k < cell.col_span; ++k) busy[col + k] = cell.row_span;
                col += cell.col_span;
            }
            row.cells.push_back(std::move(cell));
        });
        repeated.clear();
        skip_busy();
        if (col < t.columns.size()) {
            diags.error(row.span, codes::row_incomplete, "the cells of this row fill " + std::to_string(col) + " of the table's " +
                                      std::to_string(t.columns.size()) + " columns");
        }
        for (int& b : busy) b = b > 0 ? b - 1 : 0;
        check_row_roles(row);
        if (row.height > 0) {
            for (const CellTemplate& c : row.cells) {
                if (c.row_span > 1 || !c.content_field.empty()) {
                    diags.error(c.span, codes::fixed_row_cell, "a cell of a fixed-height row holds one text in that row",
                                "no 'rows' and no 'content' in a row with 'height'");
                }
            }
        }
        return row;
    }

    void read_table(pugi::xml_node n) {
        check_attributes(file, n, {"columns", "space-before", "outer-rule", "inner-rule", "padding"}, diags);
        if (layout.page.vertical) {
            diags.error(at(n), codes::table_in_columns, "a table cannot be set on a page written vertically",
                        "set the page horizontally, or use boxes (<box writing-mode=\"vertical\">) on it");
        }
        TableTemplate t;
        read_columns(n, t);
        if (auto v = length(n, "space-before")) t.space_before = *v;
        if (auto v = length(n, "outer-rule")) t.outer_rule = *v;
        if (auto v = length(n, "inner-rule")) t.inner_rule = *v;
        if (pugi::xml_attribute a = n.attribute("padding")) read_padding(n, a, t);
        std::vector<int> busy(t.columns.size(), 0);
        stray_text(n);
        for (pugi::xml_node r : n.children()) {
            if (r.type() != pugi::node_element) continue;
            if (std::string(r.name()) != "row") {
                unknown_element(r, n, {"row"});
                continue;
            }
            t.rows.push_back(read_row(r, t, busy));
        }
        for (int b : busy) {
            if (b > 0) {
                diags.error(at(n), codes::row_span_past_table, "a cell's 'rows' reaches below the table's last row");
                break;
            }
        }
        layout.body.push_back(std::move(t));
    }

    // x, y, width and height of a box or an image, all required; y and x from the page's top-left
    // corner, or the text area's with from="text-area".
    void read_place(pugi::xml_node c, double& x, double& y, double& width, double& height) {
        for (const char* a : {"x", "y", "width", "height"}) {
            if (!c.attribute(a)) {
                diags.error(at(c), codes::missing_attribute, "<" + std::string(c.name()) + "> needs the attribute '" + a + "'");
            }
        }
        x = length(c, "x").value_or(0);
        y = length(c, "y").value_or(0);
        width = length(c, "width").value_or(0);
        height = length(c, "height").value_or(0);
        std::string from = attr(c, "from");
        if (from == "text-area") {
            x += layout.page.margin_left;
            y += layout.page.margin_top;
        } else if (!from.empty() && from != "page") {
            diags.error(at(c, "from"), codes::invalid_choice, "'from' must be page or text-area");
        }
    }

    // <box x y width height style [from] [role] [frame] [padding] [writing-mode]>text</box>
    void read_box(pugi::xml_node c) {
        check_attributes(file, c, {"x", "y", "width", "height", "from", "style", "role", "frame", "padding", "writing-mode"}, diags);
        BoxTemplate b;
        b.span = at(c);
        b.vertical = writing_mode(c, layout.page.vertical);
        b.style = style_ref(c);
        b.role = role(c, {"H1", "H2", "H3", "H4", "H5", "H6", "P", artifact_role}, "P");
        read_place(c, b.x, b.y, b.width, b.height);
        b.frame = length(c, "frame").value_or(0);
        if (pugi::xml_attribute a = c.attribute("padding")) {
            TableTemplate pad;
            read_padding(c, a, pad);
            b.pad_x = pad.pad_x;
            b.pad_y = pad.pad_y;
        }
        if (b.width <= 2 * b.pad_x || b.height <= 2 * b.pad_y) {
            diags.error(at(c), codes::out_of_range, "the box leaves no room for its text inside its padding");
        }
        const PageSpec& p = layout.page;
        if (b.x + b.width > p.width + 0.01 || b.y + b.height > p.height + 0.01) {
            diags.error(at(c), codes::page_template_off_page, "<box> reaches past the edge of the page");
        }
        b.text = TextTemplate{element_text(file, c, diags), at(c)};
        check_refs(b.text, true);
        layout.body.push_back(std::move(b));
    }

    // <image x y width height file [from]/>: a PNG at a fixed place, drawn and not read.
    void read_image(pugi::xml_node c) {
        no_content(c);
        check_attributes(file, c, {"x", "y", "width", "height", "from", "file"}, diags);
        ImageTemplate im;
        im.span = at(c);
        read_place(c, im.x, im.y, im.width, im.height);
        if (im.width <= 0 || im.height <= 0) diags.error(at(c), codes::out_of_range, "an image needs a width and a height");
        const PageSpec& p = layout.page;
        if (im.x + im.width > p.width + 0.01 || im.y + im.height > p.height + 0.01) {
            diags.error(at(c), codes::page_template_off_page, "<image> reaches past the edge of the page");
        }
        std::filesystem::path path(required(c, "file"));
        if (path.empty()) return;
        if (path.is_relative()) path = std::filesystem::path(file.source->path).parent_path() / path;
        const std::string resolved = path.lexically_normal().string();
        auto same = [&](const ImageSpec& s) { return s.path == resolved; };
        auto it = std::find_if(layout.images.begin(), layout.images.end(), same);
        im.image = static_cast<int>(it - layout.images.begin());
        if (it == layout.images.end()) layout.images.push_back(ImageSpec{resolved, at(c, "file")});
        layout.body.push_back(im);
    }

    void read_template(pugi::xml_node n) {
        check_attributes(file, n, {}, diags);
        stray_text(n);
        for (pugi::xml_node c : n.children()) {
            if (c.type() != pugi::node_element) continue;
            std::string name = c.name();
            if (name == "paragraph") {
                check_attributes(file, c, {"style", "space-before", "role"}, diags);
                ParagraphTemplate p;
                p.style = style_ref(c);
                p.role = role(c, {"H1", "H2", "H3", "H4", "H5", "H6", "P", artifact_role}, "P");
                if (auto v = length(c, "space-before")) p.space_before = *v;
                p.text = TextTemplate{element_text(file, c, diags), at(c)};
                check_refs(p.text, true);
                layout.body.push_back(std::move(p));
            } else if (name == "table") {
                read_table(c);
            } else if (name == "box") {
                read_box(c);
            } else if (name == "image") {
                read_image(c);
            } else {
                unknown_element(c, n, {"paragraph", "table", "box", "image"});
            }
        }
    }

    void read(pugi::xml_node root) {
        if (std::string(root.name()) != "layout") {
            diags.error(at(root), codes::wrong_root, std::string("a layout file starts with <layout>, not <") + root.name() + ">");
            return;
        }
        check_attributes(file, root, {"name", "version", "lang"}, diags);
        layout.name = attr(root, "name");
        if (root.attribute("lang")) layout.lang = attr(root, "lang");
        if (layout.lang.empty() || layout.lang.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != std::string::npos) {
            diags.error(at(root, "lang"), codes::invalid_choice, "'" + base::utf8::clip(layout.lang) + "' is not a language tag",
                        "write ja-JP, or another BCP 47 tag");
        }
        std::string version = attr(root, "version");
        if (!version.empty() && version != "1") diags.error(at(root, "version"), codes::layout_version_unknown, "layout version '" + base::utf8::clip(version) + "' is not known; this yoshiki reads version 1");
        stray_text(root);
        // Order matters only where one element names another: fonts before styles, fields before templates.
        std::vector<std::string> order{"page",  "font",       "fallback", "style",         "fields",
                                       "metadata", "print", "draft-mark", "approval", "sheet-template"};
        for (const std::string& name : order) {
            for (pugi::xml_node c : root.children(name.c_str())) {
                if (name == "page") read_page(c);
                else if (name == "font") read_font(c);
                else if (name == "fallback") read_fallback(c);
                else if (name == "style") read_style(c);
                else if (name == "fields") read_fields(c);
                else if (name == "metadata") read_metadata(c);
                else if (name == "print") read_print(c);
                else if (name == "draft-mark") read_draft_mark(c);
                else if (name == "approval") read_approval(c);
                else read_template(c);
            }
        }
        for (pugi::xml_node c : root.children()) {
            if (c.type() == pugi::node_element && std::find(order.begin(), order.end(), c.name()) == order.end()) {
                unknown_element(c, root, order);
            }
        }
        for (Style& s : layout.styles) s.fonts.insert(s.fonts.end(), fallbacks.begin(), fallbacks.end());
        if (layout.fonts.empty()) diags.error(at(root), codes::layout_incomplete, "the layout declares no <font>");
        if (layout.styles.empty()) diags.error(at(root), codes::layout_incomplete, "the layout declares no <style>");
        if (!singular.count("fields")) diags.error(at(root), codes::layout_incomplete, "the layout has no <fields>");
        if (layout.body.empty()) diags.error(at(root), codes::layout_incomplete, "the layout has no <sheet-template> content");
    }
};

void collect_paths(const std::vector<FieldSpec>& fields, const std::string& prefix, FieldPaths& out) {
    for (const FieldSpec& f : fields) {
        std::string path = prefix + f.name;
        switch (f.kind) {
            case FieldSpec::Kind::text:
                out.text.push_back(path);
                if (f.number) out.numbers.push_back(path);
                for (const auto& a : f.attributes) out.text.push_back(path + "/@" + a.name);
                break;
            case FieldSpec::Kind::blocks: out.blocks.push_back(path); break;
            case FieldSpec::Kind::group: collect_paths(f.children, path + "/", out); break;
            case FieldSpec::Kind::list: {
                FieldPaths item;
                collect_paths(f.children, path + "/", item);
                out.lists.push_back(path);
                out.item_text.insert(out.item_text.end(), item.text.begin(), item.text.end());
                for (const FieldSpec& c : f.children) {
                    if (c.number) out.item_numbers.push_back(path + "/" + c.name);
                }
                break;
            }
        }
    }
}

}  // namespace

FieldPaths field_paths(const std::vector<FieldSpec>& fields) {
    FieldPaths out;
    collect_paths(fields, "", out);
    return out;
}

std::optional<FormLayout> read_layout(const std::string& path, std::string bytes, Diagnostics& diags) {
    auto file = load_xml_bytes(path, std::move(bytes), diags, "layout file");
    if (!file) return std::nullopt;
    int errors_before = diags.error_count();
    Reader reader(*file, diags);
    reader.layout.source = file->source;
    reader.read(file->doc.document_element());
    if (diags.error_count() != errors_before) return std::nullopt;
    return std::move(reader.layout);
}

}  // namespace yoshiki::parse
