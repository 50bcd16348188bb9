#include "typeset/typeset.hpp"

#include <algorithm>

#include "typeset/fit.hpp"

namespace yoshiki::typeset {

namespace {

TableBox set_table(const bind::Table& t, const SetContext& ctx) {
    TableBox box;
    box.outer_rule = t.outer_rule;
    box.inner_rule = t.inner_rule;
    box.pad_x = t.pad_x;
    box.pad_y = t.pad_y;
    box.space_before = t.space_before;
    double x = 0;
    for (double w : t.columns) {
        box.column_x.push_back(x);
        x += w;
    }
    box.column_x.push_back(x);

    for (const bind::Row& r : t.rows) {
        RowBox row;
        row.keep_with_next = r.keep_with_next;
        row.header = r.header;
        for (const bind::Cell& c : r.cells) {
            CellBox cell;
            cell.column = c.column;
            cell.col_span = c.col_span;
            cell.row_span = c.row_span;
            cell.fill_gray = c.fill_gray;
            cell.valign = ctx.layout.styles[c.style].valign;
            double inner = box.column_x[c.column + c.col_span] - box.column_x[c.column] - 2 * t.pad_x;
            if (r.height > 0 && !c.paragraphs.empty()) {
                // A fixed row's cell holds one text (the layout allows no more), fitted into it.
                FittedText f = fit_paragraph(c.paragraphs.front(), inner, r.height - 2 * t.pad_y, ctx);
                cell.lines = std::move(f.lines);
                cell.fit = std::move(f.fit);
            } else {
                for (const bind::Paragraph& p : c.paragraphs) {
                    std::vector<Line> lines = set_paragraph(p, inner, ctx);
                    cell.lines.insert(cell.lines.end(), std::make_move_iterator(lines.begin()), std::make_move_iterator(lines.end()));
                }
            }
            row.cells.push_back(std::move(cell));
        }
        box.rows.push_back(std::move(row));
    }

    // Row heights: a row is as tall as its tallest single-row cell (an empty cell keeps one line
    // of its style); a cell spanning rows adds what it still lacks to the last row it spans.
    for (std::size_t r = 0; r < box.rows.size(); ++r) {
        RowBox& row = box.rows[r];
        if (t.rows[r].height > 0) {
            row.height = t.rows[r].height;
            continue;
        }
        for (std::size_t k = 0; k < row.cells.size(); ++k) {
            const CellBox& c = row.cells[k];
            if (c.row_span != 1) continue;
            const parse::Style& style = ctx.layout.styles[t.rows[r].cells[k].style];
            double content = c.lines.empty() ? style.size * style.line_pitch : c.content_height();
            row.height = std::max(row.height, content + 2 * t.pad_y);
        }
    }
    for (std::size_t r = 0; r < box.rows.size(); ++r) {
        for (const CellBox& c : box.rows[r].cells) {
            if (c.row_span == 1) continue;
            std::size_t last = std::min(box.rows.size() - 1, r + static_cast<std::size_t>(c.row_span) - 1);
            double have = 0;
            for (std::size_t k = r; k <= last; ++k) have += box.rows[k].height;
            double need = c.content_height() + 2 * t.pad_y;
            if (need > have) box.rows[last].height += need - have;
        }
    }
    return box;
}

FixedBoxFlow set_box(const bind::FixedBox& b, const SetContext& ctx) {
    FixedBoxFlow out{b.x, b.y, b.width, b.height, b.frame, b.pad_x, b.pad_y, ctx.layout.styles[b.paragraph.style].valign, {}, {}};
    out.vertical = b.paragraph.vertical;
    // A vertical box's columns run down its height and follow one another across its width.
    const double along = out.vertical ? b.height - 2 * b.pad_y : b.width - 2 * b.pad_x;
    const double across = out.vertical ? b.width - 2 * b.pad_x : b.height - 2 * b.pad_y;
    FittedText f = fit_paragraph(b.paragraph, along, across, ctx);
    out.lines = std::move(f.lines);
    out.fit = std::move(f.fit);
    return out;
}

}  // namespace

std::vector<Line> set_text(const base::TracedText& text, int style, double width, const SetContext& ctx) {
    bind::Paragraph p;
    p.style = style;
    p.first_line_indent = false;
    p.text = text;
    return set_paragraph(p, width, ctx);
}

Flow typeset(const bind::Document& doc, const SetContext& ctx) {
    Flow flow;
    const parse::PageSpec& page = ctx.layout.page;
    // The length of a line, or on a vertical page of a column.
    double text_width = page.vertical ? page.height - page.margin_top - page.margin_bottom
                                      : page.width - page.margin_left - page.margin_right;
    for (const bind::SheetContent& sheet : doc.sheets) {
        SheetFlow sf;
        sf.outline_title = sheet.outline_title;
        sf.approval_nodes = sheet.approval_nodes;
        for (const bind::Block& b : sheet.blocks) {
            if (const auto* tb = std::get_if<bind::TextBlock>(&b)) {
                ParagraphBox pb;
                pb.space_before = tb->space_before;
                if (!tb->paragraph.text.empty()) pb.lines = set_paragraph(tb->paragraph, text_width, ctx);
                sf.blocks.push_back(std::move(pb));
            } else if (const auto* t = std::get_if<bind::Table>(&b)) {
                sf.blocks.push_back(set_table(*t, ctx));
            } else if (const auto* im = std::get_if<bind::FixedImage>(&b)) {
                sf.blocks.push_back(*im);  // nothing to set
            } else {
                sf.blocks.push_back(set_box(std::get<bind::FixedBox>(b), ctx));
            }
        }
        flow.sheets.push_back(std::move(sf));
    }
    flow.page_template = set_page_template(doc, ctx);
    return flow;
}

}  // namespace yoshiki::typeset
