#include "bind/bind.hpp"

#include "parse/layout_reader.hpp"

namespace yoshiki::bind {

namespace {

using base::TracedText;
using parse::FieldValues;

// Looks a reference up in the sheet's values first, then in the department's.
const parse::FieldValue* lookup(const std::string& path, const FieldValues* sheet, const FieldValues& shared) {
    if (sheet) {
        auto it = sheet->find(path);
        if (it != sheet->end()) return &it->second;
    }
    auto it = shared.find(path);
    return it == shared.end() ? nullptr : &it->second;
}

TracedText fill(const TracedText& tmpl, const FieldValues* sheet, const FieldValues& shared) {
    TracedText out;
    parse::split_template(
        tmpl.text, [&](std::size_t off, const std::string& literal) {
            // "{{" in the template stands for one brace; map the literal back to its source.
            out.append(literal, tmpl.span_at(off));
        },
        [&](std::size_t off, const std::string& ref) {
            // The layout check guarantees every reference is declared; an optional field left
            // out of the input is simply empty. Page numbers are filled in after pagination.
            if (const parse::FieldValue* v = lookup(ref, sheet, shared)) out.append(v->text);
            else if (ref == "page" || ref == "pages") out.append("{" + ref + "}", tmpl.span_at(off));
        });
    return out;
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

Table bind_table(const parse::TableTemplate& t, const parse::FormLayout& layout, const FieldValues& sheet,
                 const FieldValues& shared) {
    Table table;
    table.columns = t.columns;
    table.outer_rule = t.outer_rule;
    table.inner_rule = t.inner_rule;
    table.pad_x = t.pad_x;
    table.pad_y = t.pad_y;
    table.space_before = t.space_before;
    std::vector<int> busy(t.columns.size(), 0);
    for (const parse::RowTemplate& rt : t.rows) {
        Row row;
        row.keep_with_next = rt.keep_with_next;
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
            col += ct.col_span;
            if (ct.text) {
                Paragraph p;
                p.style = ct.style;
                p.text = fill(ct.text->text, &sheet, shared);
                if (!p.text.empty()) cell.paragraphs.push_back(std::move(p));
            } else if (const parse::FieldValue* v = lookup(ct.content_field, &sheet, shared)) {
                for (const parse::Block& b : v->blocks) cell.paragraphs.push_back(paragraph_of(b, ct.style, layout));
            }
            row.cells.push_back(std::move(cell));
        }
        for (int& b : busy) b = b > 0 ? b - 1 : 0;
        table.rows.push_back(std::move(row));
    }
    return table;
}

std::string fill_text(const std::optional<parse::TextTemplate>& t, const FieldValues* sheet, const FieldValues& shared) {
    return t ? fill(t->text, sheet, shared).text : std::string();
}

}  // namespace

Document bind(const parse::FormLayout& layout, const parse::SheetData& data, std::int64_t creation_time) {
    Document doc;
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

    for (const parse::SheetValues& sv : data.sheets) {
        SheetContent sheet;
        sheet.outline_title = fill_text(m.sheet_outline, &sv.fields, data.shared);
        for (const parse::BlockTemplate& bt : layout.body) {
            if (const auto* p = std::get_if<parse::ParagraphTemplate>(&bt)) {
                TextBlock tb;
                tb.space_before = p->space_before;
                tb.paragraph.style = p->style;
                tb.paragraph.first_line_indent = false;
                tb.paragraph.text = fill(p->text.text, &sv.fields, data.shared);
                sheet.blocks.push_back(std::move(tb));
            } else {
                sheet.blocks.push_back(bind_table(std::get<parse::TableTemplate>(bt), layout, sv.fields, data.shared));
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
