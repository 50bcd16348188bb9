#include "bind/bind.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "parse/layout_reader.hpp"

namespace yoshiki::bind {

namespace {

using base::TracedText;
using parse::FieldValues;

// In a row repeated over a list: which list, and which of its items the row is set for.
struct Item {
    const std::string* list = nullptr;
    int k = 0;
};

// Looks a reference up in the sheet's values first, then in the department's; in a repeated row,
// a field of the list's item (indicator/name) is the item's (indicator[k]/name).
const parse::FieldValue* lookup(const std::string& ref, const FieldValues* sheet, const FieldValues& shared,
                                Item item = {}) {
    const bool of_item = item.list && ref.compare(0, item.list->size() + 1, *item.list + "/") == 0;
    std::string item_field;
    const std::string& path = of_item ? (item_field = parse::item_path(*item.list, item.k, ref)) : ref;
    if (sheet) {
        auto it = sheet->find(path);
        if (it != sheet->end()) return &it->second;
    }
    auto it = shared.find(path);
    return it == shared.end() ? nullptr : &it->second;
}

// {sum(funding/y5, labor/y5)}: numbers added up, with 桁区切り: each argument a number field of
// the sheet, or of a list's items (all of its items). An empty one counts 0.
std::optional<std::string> sum_of(const std::string& ref, const FieldValues* sheet) {
    if (!sheet || ref.compare(0, 4, "sum(") != 0) return std::nullopt;
    parse::Number total;
    for (const std::string& field : parse::sum_arguments(ref)) {
        if (auto plain = sheet->find(field); plain != sheet->end()) {
            if (plain->second.number) total = parse::add(total, *plain->second.number);
            continue;
        }
        const std::string list = field.substr(0, field.find('/'));
        auto it = sheet->find(list);
        for (int k = 0; it != sheet->end() && k < it->second.items; ++k) {
            auto v = sheet->find(parse::item_path(list, k, field));
            if (v != sheet->end() && v->second.number) total = parse::add(total, *v->second.number);
        }
    }
    return parse::format_number(total);
}

// first_field: set to the first field the template names, if any.
TracedText fill(const TracedText& tmpl, const FieldValues* sheet, const FieldValues& shared,
                std::string* first_field = nullptr, Item item = {}) {
    TracedText out;
    parse::split_template(
        tmpl.text, [&](std::size_t off, const std::string& literal) {
            // "{{" in the template stands for one brace; map the literal back to its source.
            out.append(literal, tmpl.span_at(off));
        },
        [&](std::size_t off, const std::string& ref) {
            // The layout check guarantees every reference is declared; an optional field left
            // out of the input is simply empty. Page numbers are filled in after pagination.
            if (first_field && first_field->empty() && ref != "page" && ref != "pages" && ref.compare(0, 4, "sum(") != 0) {
                *first_field = ref;
            }
            if (auto total = sum_of(ref, sheet)) out.append(*total, tmpl.span_at(off));
            else if (const parse::FieldValue* v = lookup(ref, sheet, shared, item)) out.append(v->text);
            else if (ref == "page" || ref == "pages") out.append("{" + ref + "}", tmpl.span_at(off));
        });
    return out;
}

// The labels clerks know, by field path (values/initial, values/initial/@year).
void collect_labels(const std::vector<parse::FieldSpec>& fields, const std::string& prefix,
                    std::map<std::string, std::string>& out) {
    for (const parse::FieldSpec& f : fields) {
        const std::string path = prefix + f.name;
        out[path] = f.label;
        for (const auto& a : f.attributes) out[path + "/@" + a.name] = a.label;
        collect_labels(f.children, path + "/", out);
    }
}

// The text of a fixed box or row: filled, and told which field it holds and where that was written.
Paragraph fitted_paragraph(const parse::TextTemplate& t, int style, const FieldValues& sheet, const FieldValues& shared,
                           const std::map<std::string, std::string>& labels, const base::Span& box, Item item = {}) {
    Paragraph p;
    p.style = style;  // its indent (字下げ), if the style has one, as a paragraph's
    std::string field;
    p.text = fill(t.text, &sheet, shared, &field, item);
    p.field_span = box;
    if (field.empty()) return p;
    auto label = labels.find(field);
    p.field_label = label == labels.end() ? field : label->second;
    if (const parse::FieldValue* v = lookup(field, &sheet, shared, item); v && !v->text.marks.empty()) {
        p.field_span = v->text.span_at(0);
    }
    return p;
}

Paragraph paragraph_of(const parse::Block& b, int style, const parse::FormLayout& layout) {
    Paragraph p;
    p.style = style;
    p.text = b.text;
    if (b.kind == parse::Block::Kind::item) {
        p.marker = b.marker.empty() ? layout.styles[style].bullet : b.marker;
        p.first_line_indent = false;
    }
    return p;
}

bool is_table_role(const std::string& role) { return role == "TH" || role == "TD"; }

// Builds the structure tree while the template is filled, in reading order. A heading opens a
// section (Sect) that holds everything up to the next heading of its level or a higher one;
// consecutive table rows (cells TH and TD) make one Table; consecutive items of one list one L.
class StructureBuilder {
public:
    explicit StructureBuilder(Structure& s) : s_(s) {}

    // Each sheet starts again at the document's level.
    void start_sheet() { sections_.clear(); }

    // A signature field's element, at the document's level where the sheet starts.
    int form() { return s_.add(0, "Form"); }

    // A paragraph or text cell of the given role at the current place; -1 for an artifact.
    int text(const std::string& role) {
        if (role == parse::artifact_role) return -1;
        if (int level = Structure::heading_level(role)) {
            while (!sections_.empty() && sections_.back().first >= level) sections_.pop_back();
            int sect = s_.add(container(), "Sect");
            sections_.emplace_back(level, sect);
            return s_.add(sect, role);
        }
        return s_.add(container(), role);
    }

    // Paragraphs as P and list items as L / LI / Lbl / LBody, under parent (-1: the current place).
    void blocks(std::vector<Paragraph>& paragraphs, const std::vector<const parse::Block*>& sources, int parent) {
        if (parent < 0) parent = container();
        int list = -1, list_number = -1;
        for (std::size_t k = 0; k < paragraphs.size(); ++k) {
            Paragraph& p = paragraphs[k];
            const parse::Block& b = *sources[k];
            if (b.kind != parse::Block::Kind::item) {
                list = -1;
                p.node = s_.add(parent, "P");
                continue;
            }
            if (list < 0 || b.list != list_number) {
                list = s_.add(parent, "L");
                list_number = b.list;
                s_.nodes[static_cast<std::size_t>(list)].list_numbering = b.marker.empty() ? "Disc" : "Decimal";
            }
            int item = s_.add(list, "LI");
            p.marker_node = s_.add(item, "Lbl");
            p.node = s_.add(item, "LBody");
        }
    }

    int table() { return s_.add(container(), "Table"); }
    int row(int table) { return s_.add(table, "TR"); }
    int add(int parent, const std::string& type) { return s_.add(parent, type); }
    StructNode& node(int id) { return s_.nodes[static_cast<std::size_t>(id)]; }

private:
    int container() const { return sections_.empty() ? 0 : sections_.back().second; }

    Structure& s_;
    std::vector<std::pair<int, int>> sections_;  // open sections: heading level, Sect node
};

// A table cell's place in the grid, for the headers of cells (PDF 32000-1, 14.8.5.7: Headers).
struct GridCell {
    int node, row, column, row_span, col_span;
    bool header;
    std::string scope;
};

// Which headers describe each cell: the header cells of scope Row (or Both) to its left whose
// rows it shares, and those of scope Column (or Both) above it whose columns it shares. They are
// named explicitly (Headers) where the scopes alone would leave a reader guessing: a cell with
// more than one header, or one whose header reaches it from a row above (a row span such as
// 数値目標's). A single header beside a cell in its own row is said by its scope.
void link_headers(const std::vector<GridCell>& cells, StructureBuilder& sb) {
    auto overlap = [](int a, int an, int b, int bn) { return a < b + bn && b < a + an; };
    for (const GridCell& c : cells) {
        std::vector<int> headers;
        bool spanned = false;
        for (const GridCell& h : cells) {
            if (!h.header || h.node == c.node) continue;
            bool by_row = (h.scope == "Row" || h.scope == "Both") && h.column < c.column &&
                          overlap(h.row, h.row_span, c.row, c.row_span);
            bool by_column = (h.scope == "Column" || h.scope == "Both") && h.row < c.row &&
                             overlap(h.column, h.col_span, c.column, c.col_span);
            if (by_row || by_column) headers.push_back(h.node);
            if (by_row && h.row < c.row) spanned = true;
        }
        if (headers.size() > 1 || spanned) sb.node(c.node).headers = std::move(headers);
    }
}

// A row of the table as it is set: the template's own, or for a row repeated over a list, one per
// item, a cell with rows="items" standing in the first and spanning them all.
struct RowInstance {
    const parse::RowTemplate* row;
    std::optional<parse::RowTemplate> adjusted;  // of an item's row whose cells differ from the template's
    Item item;
    const parse::RowTemplate& get() const { return adjusted ? *adjusted : *row; }
};

std::vector<RowInstance> row_instances(const parse::TableTemplate& t, const FieldValues& sheet) {
    std::vector<RowInstance> out;
    for (const parse::RowTemplate& rt : t.rows) {
        if (rt.repeat.empty()) {
            out.push_back(RowInstance{&rt, std::nullopt, {}});
            continue;
        }
        auto list = sheet.find(rt.repeat);
        const int n = list == sheet.end() ? 0 : list->second.items;
        const bool spans = std::any_of(rt.cells.begin(), rt.cells.end(), [](const parse::CellTemplate& c) { return c.spans_items; });
        for (int k = 0; k < n; ++k) {
            RowInstance r{&rt, std::nullopt, Item{&rt.repeat, k}};
            if (spans) {
                r.adjusted = rt;
                auto& cells = r.adjusted->cells;
                if (k > 0) cells.erase(std::remove_if(cells.begin(), cells.end(), [](const parse::CellTemplate& c) { return c.spans_items; }), cells.end());
                for (parse::CellTemplate& c : cells) {
                    if (c.spans_items) c.row_span = n;
                }
            }
            out.push_back(std::move(r));
        }
    }
    return out;
}

// What a table's cells are filled from.
struct TableScope {
    const parse::FormLayout& layout;
    const FieldValues& sheet;
    const FieldValues& shared;
    const std::map<std::string, std::string>& labels;
};

// Where a cell stands: in a fixed-height row (its text is fitted), in a row of a table for readers
// (its text is its node's), in an item's row.
struct CellPlace {
    bool fixed, table_row;
    int node;
    Item item;
};

// A cell's content: its text filled in, or the paragraphs and list items of its block field.
void fill_cell(Cell& cell, const parse::CellTemplate& ct, const CellPlace& at, const TableScope& scope, StructureBuilder& sb) {
    if (ct.text) {
        Paragraph p = at.fixed ? fitted_paragraph(*ct.text, ct.style, scope.sheet, scope.shared, scope.labels, ct.span, at.item)
                               : Paragraph{};
        p.style = ct.style;
        if (!at.fixed) p.text = fill(ct.text->text, &scope.sheet, scope.shared, nullptr, at.item);
        if (!p.text.empty()) {
            p.node = at.table_row ? at.node : sb.text(ct.role);
            cell.paragraphs.push_back(std::move(p));
        }
    } else if (const parse::FieldValue* v = lookup(ct.content_field, &scope.sheet, scope.shared)) {
        std::vector<const parse::Block*> sources;
        for (const parse::Block& b : v->blocks) {
            cell.paragraphs.push_back(paragraph_of(b, ct.style, scope.layout));
            sources.push_back(&b);
        }
        if (ct.role != parse::artifact_role) sb.blocks(cell.paragraphs, sources, at.node);
    }
}

Table bind_table(const parse::TableTemplate& t, const TableScope& scope, StructureBuilder& sb) {
    Table table;
    table.columns = t.columns;
    table.outer_rule = t.outer_rule;
    table.inner_rule = t.inner_rule;
    table.pad_x = t.pad_x;
    table.pad_y = t.pad_y;
    table.space_before = t.space_before;
    std::vector<int> busy(t.columns.size(), 0);
    int table_node = -1;           // the Table of the current run of table rows
    std::vector<GridCell> grid;    // its cells, for their headers
    int grid_row = 0;
    auto close_table = [&] {
        link_headers(grid, sb);
        grid.clear();
        table_node = -1;
    };
    for (const RowInstance& instance : row_instances(t, scope.sheet)) {
        const parse::RowTemplate& rt = instance.get();
        const Item item = instance.item;
        Row row;
        row.keep_with_next = rt.keep_with_next;
        row.header = rt.header;
        row.height = rt.height;
        bool table_row = std::any_of(rt.cells.begin(), rt.cells.end(), [](const parse::CellTemplate& c) { return is_table_role(c.role); });
        int tr = -1;
        if (table_row) {
            if (table_node < 0) {
                table_node = sb.table();
                grid_row = 0;
            }
            tr = sb.row(table_node);
        } else if (table_node >= 0) {
            close_table();
        }
        int col = 0;
        for (const parse::CellTemplate& ct : rt.cells) {
            while (col < static_cast<int>(busy.size()) && busy[col] > 0) ++col;
            Cell cell;
            cell.column = col;
            cell.col_span = ct.col_span;
            cell.row_span = ct.row_span;
            cell.style = ct.style;
            cell.fill_gray = ct.fill_gray;
            cell.span = ct.span;
            for (int k = 0; k < ct.col_span && col + k < static_cast<int>(busy.size()); ++k) busy[col + k] = ct.row_span;
            // A table cell is a node of its row; its text is the cell's content, its paragraphs
            // and list items are the cell's children.
            int cell_node = -1;
            if (table_row && ct.role != parse::artifact_role) {
                cell_node = sb.add(tr, ct.role);
                StructNode& n = sb.node(cell_node);
                n.row_span = ct.row_span;
                n.col_span = ct.col_span;
                n.scope = ct.scope;
                grid.push_back(GridCell{cell_node, grid_row, col, ct.row_span, ct.col_span, ct.role == "TH", ct.scope});
            }
            col += ct.col_span;
            fill_cell(cell, ct, CellPlace{rt.height > 0, table_row, cell_node, item}, scope, sb);
            row.cells.push_back(std::move(cell));
        }
        for (int& b : busy) b = b > 0 ? b - 1 : 0;
        ++grid_row;
        table.rows.push_back(std::move(row));
    }
    if (table_node >= 0) close_table();
    return table;
}

std::string fill_text(const std::optional<parse::TextTemplate>& t, const FieldValues* sheet, const FieldValues& shared) {
    return t ? fill(t->text, sheet, shared).text : std::string();
}

}  // namespace

Document bind(const parse::FormLayout& layout, const parse::SheetData& data, std::int64_t creation_time) {
    Document doc;
    doc.lang = layout.lang;
    StructureBuilder sb(doc.structure);
    const parse::MetadataTemplate& m = layout.metadata;
    doc.info.title = fill_text(m.title, nullptr, data.shared);
    doc.info.author = fill_text(m.author, nullptr, data.shared);
    doc.info.subject = fill_text(m.subject, nullptr, data.shared);
    doc.info.keywords = fill_text(m.keywords, nullptr, data.shared);
    doc.info.department = fill_text(m.department_outline, nullptr, data.shared);
    doc.info.creation_time = creation_time;
    for (const auto& [path, value] : data.shared) {
        if (value.gregorian_year) {
            doc.info.fiscal_year = value.text.text;
            break;
        }
    }
    if (layout.print.footer) doc.footer = fill(layout.print.footer->text, nullptr, data.shared);
    doc.final = data.final;
    if (!data.final && layout.draft_mark) doc.draft_mark = fill(layout.draft_mark->text.text, nullptr, data.shared);
    if (layout.approval) {
        // The signature fields come first in reading order, as they stand first on the page.
        for (const parse::ApprovalTemplate::Approver& a : layout.approval->approvers) {
            ApprovalBox box;
            box.name = a.title.text.text;
            box.description = layout.approval->label.empty() ? box.name : layout.approval->label + " " + box.name;
            box.title = a.title.text;
            // A block on each sheet is read with its sheet: its fields' elements are made there.
            if (data.final && !layout.approval->each_sheet) box.node = sb.add(0, "Form");
            doc.approval.push_back(std::move(box));
        }
    }

    std::map<std::string, std::string> labels;
    collect_labels(layout.schema.shared, "", labels);
    collect_labels(layout.schema.per_sheet, "", labels);
    for (const parse::SheetValues& sv : data.sheets) {
        SheetContent sheet;
        sheet.outline_title = fill_text(m.sheet_outline, &sv.fields, data.shared);
        sb.start_sheet();
        if (data.final && layout.approval && layout.approval->each_sheet) {
            for (std::size_t k = 0; k < doc.approval.size(); ++k) sheet.approval_nodes.push_back(sb.form());
        }
        for (const parse::BlockTemplate& bt : layout.body) {
            if (const auto* p = std::get_if<parse::ParagraphTemplate>(&bt)) {
                TextBlock tb;
                tb.space_before = p->space_before;
                tb.paragraph.style = p->style;
                // A paragraph of the flow takes its style's 字下げ (indent="…"), as a block's do.
                tb.paragraph.first_line_indent = true;
                tb.paragraph.vertical = layout.page.vertical;
                tb.paragraph.text = fill(p->text.text, &sv.fields, data.shared);
                if (!tb.paragraph.text.empty()) tb.paragraph.node = sb.text(p->role);
                sheet.blocks.push_back(std::move(tb));
            } else if (const auto* t = std::get_if<parse::TableTemplate>(&bt)) {
                sheet.blocks.push_back(bind_table(*t, TableScope{layout, sv.fields, data.shared, labels}, sb));
            } else if (const auto* im = std::get_if<parse::ImageTemplate>(&bt)) {
                sheet.blocks.push_back(FixedImage{im->x, im->y, im->width, im->height, im->image});
            } else {
                const auto& b = std::get<parse::BoxTemplate>(bt);
                FixedBox box{b.x, b.y, b.width, b.height, b.frame, b.pad_x, b.pad_y,
                             fitted_paragraph(b.text, b.style, sv.fields, data.shared, labels, b.span)};
                box.paragraph.vertical = b.vertical;
                if (!box.paragraph.text.empty()) box.paragraph.node = sb.text(b.role);
                sheet.blocks.push_back(std::move(box));
            }
        }
        doc.sheets.push_back(std::move(sheet));
    }
    return doc;
}

std::string fill_page_numbers(const std::string& footer, int page, int pages) {
    std::string out;
    parse::split_template(
        footer, [&](std::size_t, const std::string& literal) { out += literal; },
        [&](std::size_t, const std::string& ref) {
            if (ref == "page") out += std::to_string(page);
            else if (ref == "pages") out += std::to_string(pages);
        });
    return out;
}

}  // namespace yoshiki::bind
