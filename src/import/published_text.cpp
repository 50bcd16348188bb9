#include "import/published_text.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "base/utf8.hpp"
#include "parse/layout_reader.hpp"

namespace yoshiki::import {

namespace codes = base::codes;

namespace {

// What the published text shows between the characters of a label: spaces, ASCII or
// ideographic (目 標 名).
const std::string blanks = "(?:[ \\t]|\xE3\x80\x80)";

bool is_blank(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') ++i;
        else if (s.compare(i, 3, "\xE3\x80\x80") == 0) i += 3;
        else return false;
    }
    return true;
}

std::string trimmed(std::string_view s) {
    auto blank_at = [&](std::size_t i) { return s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'; };
    while (!s.empty()) {
        if (blank_at(0)) s.remove_prefix(1);
        else if (s.compare(0, 3, "\xE3\x80\x80") == 0) s.remove_prefix(3);
        else break;
    }
    while (!s.empty()) {
        if (blank_at(s.size() - 1)) s.remove_suffix(1);
        else if (s.size() >= 3 && s.compare(s.size() - 3, 3, "\xE3\x80\x80") == 0) s.remove_suffix(3);
        else break;
    }
    return std::string(s);
}

// Full-width digits (０–９) as ASCII: what a year or a number is written with on a page typed by
// hand, read as the input writes it.
std::string ascii_digits(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xEF && static_cast<unsigned char>(s[i + 1]) == 0xBC &&
            static_cast<unsigned char>(s[i + 2]) >= 0x90 && static_cast<unsigned char>(s[i + 2]) <= 0x99) {
            out += static_cast<char>('0' + (static_cast<unsigned char>(s[i + 2]) - 0x90));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string regex_escaped(std::string_view bytes) {
    std::string out;
    for (char c : bytes) {
        if (std::string_view("\\^$.|?*+()[]{}/").find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

// A literal text of the layout as a pattern: blanks where it has blanks and optionally between
// its characters, a digit as itself or full width.
std::string literal_pattern(const std::string& text) {
    std::string out;
    std::size_t i = 0;
    bool first = true;
    while (i < text.size()) {
        const std::size_t from = i;
        base::utf8::next(text, i);
        std::string_view c(text.data() + from, i - from);
        if (is_blank(c)) {
            out += blanks + "+";
            first = true;
            continue;
        }
        if (!first) out += blanks + "*";
        first = false;
        if (c.size() == 1 && c[0] >= '0' && c[0] <= '9') {
            out += "(?:" + std::string(c) + "|\xEF\xBC" + static_cast<char>(0x90 + (c[0] - '0')) + ")";
        } else {
            out += regex_escaped(c);
        }
    }
    return out;
}

// What the schema says of a field path: its label, whether it is a sheet's, and whether it is a
// year, a number or a date (written with ASCII digits).
struct FieldInfo {
    std::string label;
    bool per_sheet = false;
    bool blocks = false;
    bool digits = false;
};

void collect(const std::vector<parse::FieldSpec>& fields, const std::string& prefix, bool per_sheet,
             std::map<std::string, FieldInfo>& out) {
    for (const parse::FieldSpec& f : fields) {
        const std::string path = prefix + f.name;
        if (f.kind == parse::FieldSpec::Kind::group) {
            collect(f.children, path + "/", per_sheet, out);
        } else if (f.kind == parse::FieldSpec::Kind::text || f.kind == parse::FieldSpec::Kind::blocks) {
            out[path] = FieldInfo{f.label, per_sheet, f.kind == parse::FieldSpec::Kind::blocks, f.fiscal_year || f.number || f.date};
            for (const auto& a : f.attributes) out[path + "/@" + a.name] = FieldInfo{a.label, per_sheet, false, a.fiscal_year};
        }
    }
}

// One cell of a line the layout prints: a text with fields in it, a block field, or nothing.
struct CellPattern {
    std::optional<std::regex> text;
    std::vector<std::string> refs;  // the fields the text's groups capture, in order
    std::string shown;              // the template as written, for messages
    std::string content;            // a block field
    std::string bullet;             // its style's list marker
};

// One line of a sheet as the layout prints it: a paragraph, or a row of a table.
struct LinePattern {
    std::vector<CellPattern> cells;
    base::Span at;  // in the layout
};

class Importer {
public:
    Importer(const base::SourcePtr& text, const parse::FormLayout& layout, base::Diagnostics& diags)
        : text_(text), layout_(layout), diags_(diags) {
        collect(layout.schema.shared, "", false, fields_);
        collect(layout.schema.per_sheet, "", true, fields_);
        if (layout.metadata.department_outline) {
            parse::split_template(
                layout.metadata.department_outline->text.text, [](std::size_t, const std::string&) {},
                [&](std::size_t, const std::string& ref) { department_refs_.push_back(ref); });
        }
    }

    std::vector<ImportedDepartment> run() {
        if (!make_patterns() || patterns_.empty()) return {};
        read_lines();
        if (diags_.has_errors()) return {};
        return std::move(departments_);
    }

private:
    // --- The layout's lines ------------------------------------------------------------------

    bool make_patterns() {
        for (const parse::BlockTemplate& block : layout_.body) {
            if (const auto* p = std::get_if<parse::ParagraphTemplate>(&block)) {
                patterns_.push_back(LinePattern{{text_cell(p->text)}, p->text.span});
            } else if (const auto* b = std::get_if<parse::BoxTemplate>(&block)) {
                patterns_.push_back(LinePattern{{text_cell(b->text)}, b->span});
            } else if (const auto* t = std::get_if<parse::TableTemplate>(&block)) {
                table_patterns(*t);
            }
        }
        return !diags_.has_errors();
    }

    void not_importable(const base::Span& at, const std::string& what) {
        diags_.error(at, codes::layout_not_importable, what + ": import cannot read it back from text",
                     "import reads forms of paragraphs and tables whose cells print fields as they are written");
    }

    CellPattern text_cell(const parse::TextTemplate& t) {
        CellPattern c;
        std::string pattern = "^" + blanks + "*";
        bool ok = parse::split_template(
            t.text.text,
            [&](std::size_t, const std::string& literal) {
                pattern += literal_pattern(literal);
                c.shown += literal;
            },
            [&](std::size_t at, const std::string& ref) {
                auto it = fields_.find(ref);
                if (it == fields_.end() || it->second.blocks) {
                    not_importable(t.text.span_at(at), "{" + ref + "} is a value the form computes or formats");
                    return;
                }
                c.refs.push_back(ref);
                c.shown += "〈" + it->second.label + "〉";
                pattern += "(.*?)";
            });
        if (!ok) not_importable(t.span, "a template with an unclosed brace");
        c.text.emplace(pattern + blanks + "*$");
        return c;
    }

    // A row a line: its cells between tabs, a cell that a cell above spans (rows="4") or that a
    // cell to its left spans (span="3") printed as an empty one.
    void table_patterns(const parse::TableTemplate& t) {
        std::vector<int> covered(t.columns.size(), 0);  // rows a cell above still spans, per column
        for (const parse::RowTemplate& row : t.rows) {
            if (!row.repeat.empty()) {
                not_importable(row.span, "a row repeated once per item of " + row.repeat);
                continue;
            }
            LinePattern line{{}, row.span};
            std::size_t col = 0;
            auto spanned_from_above = [&] {
                while (col < covered.size() && covered[col] > 0) {
                    --covered[col++];
                    line.cells.emplace_back();
                }
            };
            for (const parse::CellTemplate& cell : row.cells) {
                spanned_from_above();
                if (cell.spans_items) not_importable(cell.span, "a cell spanning a list's rows");
                CellPattern c;
                if (cell.text) c = text_cell(*cell.text);
                c.content = cell.content_field;
                if (!c.content.empty()) c.bullet = layout_.styles[static_cast<std::size_t>(cell.style)].bullet;
                line.cells.push_back(std::move(c));
                for (int k = 0; k < cell.col_span && col < covered.size(); ++k, ++col) {
                    covered[col] = cell.row_span - 1;
                    if (k > 0) line.cells.emplace_back();
                }
            }
            spanned_from_above();
            patterns_.push_back(std::move(line));
        }
    }

    // --- The text ----------------------------------------------------------------------------

    struct Sheet {
        base::Span at;
        parse::FormValues own;
        // What the sheet says of the values written once per file, and where.
        std::map<std::string, std::pair<std::string, base::Span>> shared_text;
        std::map<std::string, std::pair<std::vector<parse::FormBlock>, base::Span>> shared_blocks;
    };

    void read_lines() {
        const std::string_view text = text_->text();
        std::size_t next = 0;   // the pattern the next line must match
        Sheet sheet;
        std::size_t last_line = 0;
        for (std::size_t start = 0; start < text.size();) {
            std::size_t end = text.find('\n', start);
            if (end == std::string_view::npos) end = text.size();
            std::string_view line = text.substr(start, end - start);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // CRLF, as a Windows editor saves it
            if (!is_blank(line)) {
                if (next == 0) sheet = Sheet{base::Span{text_, start}, {}, {}, {}};
                if (!match(line, start, patterns_[next], sheet)) return;
                last_line = start;
                if (++next == patterns_.size()) {
                    if (!add_sheet(std::move(sheet))) return;
                    next = 0;
                }
            }
            start = end + 1;
        }
        if (next != 0) {
            diags_.error(base::Span{text_, last_line}, codes::text_cut_short,
                         "the text ends in the middle of a sheet: the line after this one should be " + shown(patterns_[next]),
                         "the sheet that starts at line " + std::to_string(line_of(sheet.at)) + " is cut short");
        } else if (departments_.empty()) {
            diags_.error(base::Span{text_, 0}, codes::text_cut_short, "the text holds no sheet",
                         "its first line should be " + shown(patterns_.front()));
        }
    }

    int line_of(const base::Span& at) const { return text_->line_column(at.offset).first; }

    std::string shown(const LinePattern& p) const {
        std::string out;
        std::size_t last = 0;
        for (std::size_t i = 0; i < p.cells.size(); ++i) {
            if (p.cells[i].text || !p.cells[i].content.empty()) last = i;
        }
        for (std::size_t i = 0; i <= last && i < p.cells.size(); ++i) {
            if (i > 0) out += "<tab>";
            const CellPattern& c = p.cells[i];
            if (!c.content.empty()) out += "<p>…</p> or <ul>… of " + fields_.at(c.content).label;
            else out += c.shown;
        }
        const auto [line, column] = p.at.file ? p.at.file->line_column(p.at.offset) : std::pair<int, int>{0, 0};
        const std::string layout = p.at.file ? std::filesystem::path(p.at.file->path).filename().string() : "the layout";
        return "「" + base::utf8::clip(out) + "」 (" + layout + ":" + std::to_string(line) + ":" + std::to_string(column) + ")";
    }

    bool mismatch(std::size_t at, const LinePattern& p, std::string_view found) {
        diags_.error(base::Span{text_, at}, codes::text_mismatch,
                     "expected " + shown(p) + ", found 「" + base::utf8::clip(trimmed(found)) + "」",
                     "the lines of a sheet come in the order the layout prints them, a table's cells between tabs");
        return false;
    }

    bool match(std::string_view line, std::size_t line_at, const LinePattern& p, Sheet& sheet) {
        // The line's cells; empty cells at its end stand for nothing.
        std::vector<std::pair<std::string_view, std::size_t>> cells;
        for (std::size_t from = 0;;) {
            std::size_t tab = line.find('\t', from);
            cells.emplace_back(line.substr(from, tab == std::string_view::npos ? std::string_view::npos : tab - from), line_at + from);
            if (tab == std::string_view::npos) break;
            from = tab + 1;
        }
        while (!cells.empty() && is_blank(cells.back().first)) cells.pop_back();
        if (cells.size() > p.cells.size()) return mismatch(cells[p.cells.size()].second, p, line);
        for (std::size_t i = 0; i < p.cells.size(); ++i) {
            std::string_view cell = i < cells.size() ? cells[i].first : std::string_view();
            const std::size_t at = i < cells.size() ? cells[i].second : line_at + line.size();
            if (!match_cell(cell, at, p.cells[i], sheet)) return mismatch(at, p, line);
        }
        return true;
    }

    bool match_cell(std::string_view cell, std::size_t at, const CellPattern& c, Sheet& sheet) {
        if (!c.content.empty()) {
            auto blocks = read_blocks(cell, c.bullet);
            if (!blocks) return false;
            keep_blocks(c.content, std::move(*blocks), base::Span{text_, at}, sheet);
            return true;
        }
        if (!c.text) return is_blank(cell);
        std::string value(cell);
        std::smatch m;
        if (!std::regex_match(value, m, *c.text)) return false;
        for (std::size_t k = 0; k < c.refs.size(); ++k) {
            const FieldInfo& f = fields_.at(c.refs[k]);
            std::string v = trimmed(m[k + 1].str());
            if (f.digits) v = ascii_digits(v);
            const base::Span span{text_, at + static_cast<std::size_t>(m.position(k + 1))};
            if (f.per_sheet) sheet.own.text[c.refs[k]] = v;
            else sheet.shared_text.emplace(c.refs[k], std::make_pair(v, span));
        }
        return true;
    }

    void keep_blocks(const std::string& field, std::vector<parse::FormBlock> blocks, const base::Span& at, Sheet& sheet) {
        if (fields_.at(field).per_sheet) sheet.own.blocks[field] = std::move(blocks);
        else sheet.shared_blocks.emplace(field, std::make_pair(std::move(blocks), at));
    }

    // A cell's paragraphs and list items as the website writes them: <p>…</p> each, or a <ul>
    // whose items are <li>…</li> or follow the list's marker (・), one after a blank.
    std::optional<std::vector<parse::FormBlock>> read_blocks(std::string_view cell, const std::string& bullet) const {
        std::vector<parse::FormBlock> out;
        std::string s = trimmed(cell);
        std::size_t i = 0;
        auto skip_blanks = [&] {
            while (i < s.size() && (s[i] == ' ' || s.compare(i, 3, "\xE3\x80\x80") == 0)) i += s[i] == ' ' ? 1 : 3;
        };
        while (skip_blanks(), i < s.size()) {
            if (s.compare(i, 3, "<p>") == 0 || s.compare(i, 3, "<p ") == 0) {
                std::size_t open_end = s.find('>', i), close = s.find("</p>", i);
                if (close == std::string::npos) return std::nullopt;
                std::string para = trimmed(std::string_view(s).substr(open_end + 1, close - open_end - 1));
                if (para.find('<') != std::string::npos) return std::nullopt;
                out.push_back(parse::FormBlock{parse::FormBlock::Kind::paragraph, unescaped(para), {}, {}});
                i = close + 4;
            } else if (s.compare(i, 3, "<ul") == 0) {
                std::size_t open_end = s.find('>', i);
                if (open_end == std::string::npos) return std::nullopt;
                std::size_t close = s.find("</ul>", open_end);
                std::string body = s.substr(open_end + 1, close == std::string::npos ? std::string::npos : close - open_end - 1);
                if (!list_items(trimmed(body), bullet, out)) return std::nullopt;
                i = close == std::string::npos ? s.size() : close + 5;
            } else {
                return std::nullopt;
            }
        }
        return out;
    }

    bool list_items(const std::string& body, const std::string& bullet, std::vector<parse::FormBlock>& out) const {
        std::vector<std::string> items;
        if (body.compare(0, 4, "<li>") == 0) {
            for (std::size_t i = 0; i < body.size();) {
                std::size_t close = body.find("</li>", i);
                if (body.compare(i, 4, "<li>") != 0 || close == std::string::npos) return false;
                items.push_back(trimmed(std::string_view(body).substr(i + 4, close - i - 4)));
                i = close + 5;
                while (i < body.size() && body[i] == ' ') ++i;
            }
        } else {
            if (bullet.empty() || body.compare(0, bullet.size(), bullet) != 0) return false;
            // Items follow the marker after a blank; a marker inside an item (管理・執行) has none.
            std::regex split(blanks + "+" + regex_escaped(bullet));
            std::string rest = body.substr(bullet.size());
            for (std::sregex_token_iterator it(rest.begin(), rest.end(), split, -1), end; it != end; ++it) items.push_back(trimmed(it->str()));
        }
        for (const std::string& item : items) {
            if (item.empty() || item.find('<') != std::string::npos) return false;
            out.push_back(parse::FormBlock{parse::FormBlock::Kind::item, unescaped(item), {}, {}});
        }
        return !items.empty();
    }

    // The entities an HTML page writes for the characters markup uses.
    static std::string unescaped(std::string s) {
        for (const auto& [entity, c] : {std::pair<std::string, std::string>{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
                                        {"&#39;", "'"}, {"&nbsp;", " "}, {"&amp;", "&"}}) {
            for (std::size_t at; (at = s.find(entity)) != std::string::npos;) s.replace(at, entity.size(), c);
        }
        return s;
    }

    // --- Sheets into departments -------------------------------------------------------------

    bool add_sheet(Sheet sheet) {
        std::string key;
        for (const std::string& ref : department_refs_) {
            auto it = sheet.shared_text.find(ref);
            key += (it == sheet.shared_text.end() ? "" : it->second.first) + "\n";
        }
        auto found = by_key_.find(key);
        if (found == by_key_.end()) {
            by_key_[key] = departments_.size();
            ImportedDepartment d;
            d.at = sheet.at;
            for (const auto& [path, value] : sheet.shared_text) d.form.shared.text[path] = value.first;
            for (const auto& [path, value] : sheet.shared_blocks) d.form.shared.blocks[path] = value.first;
            d.name = department_name(d.form.shared);
            departments_.push_back(std::move(d));
            first_seen_.push_back(std::move(sheet.shared_text));
            first_blocks_.push_back(std::move(sheet.shared_blocks));
            departments_.back().form.sheets.push_back(parse::FormSheet{std::nullopt, std::move(sheet.own)});
            return true;
        }
        const std::size_t d = found->second;
        for (const auto& [path, value] : sheet.shared_text) {
            const auto& first = first_seen_[d].at(path);
            if (value.first != first.first) return differs(path, value.second, first.second);
        }
        for (const auto& [path, value] : sheet.shared_blocks) {
            const auto& first = first_blocks_[d].at(path);
            if (value.first != first.first) return differs(path, value.second, first.second);
        }
        departments_[d].form.sheets.push_back(parse::FormSheet{std::nullopt, std::move(sheet.own)});
        return true;
    }

    bool differs(const std::string& path, const base::Span& here, const base::Span& first) {
        diags_.error(here, codes::text_differs,
                     fields_.at(path).label + " differs from what the department's first sheet says at line " +
                         std::to_string(line_of(first)),
                     "a department's " + fields_.at(path).label + " is written once for all its sheets: make the two the same");
        return false;
    }

    std::string department_name(const parse::FormValues& shared) const {
        std::string out;
        parse::split_template(
            layout_.metadata.department_outline ? layout_.metadata.department_outline->text.text : std::string(),
            [&](std::size_t, const std::string& literal) { out += literal; },
            [&](std::size_t, const std::string& ref) {
                auto it = shared.text.find(ref);
                if (it != shared.text.end()) out += it->second;
            });
        return out;
    }

    base::SourcePtr text_;
    const parse::FormLayout& layout_;
    base::Diagnostics& diags_;
    std::map<std::string, FieldInfo> fields_;
    std::vector<std::string> department_refs_;
    std::vector<LinePattern> patterns_;
    std::vector<ImportedDepartment> departments_;
    std::map<std::string, std::size_t> by_key_;
    std::vector<std::map<std::string, std::pair<std::string, base::Span>>> first_seen_;
    std::vector<std::map<std::string, std::pair<std::vector<parse::FormBlock>, base::Span>>> first_blocks_;
};

}  // namespace

std::vector<ImportedDepartment> read_published_text(const base::SourcePtr& text, const parse::FormLayout& layout,
                                                    base::Diagnostics& diags) {
    return Importer(text, layout, diags).run();
}

}  // namespace yoshiki::import
