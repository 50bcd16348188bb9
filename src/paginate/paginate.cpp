#include "paginate/paginate.hpp"

#include <algorithm>

namespace yoshiki::paginate {

namespace {

using typeset::CellBox;
using typeset::Line;
using typeset::RowBox;
using typeset::TableBox;

constexpr double epsilon = 1e-6;

void add(Page& page, Fill f) { page.items.push_back(Item{f, -1, Artifact::layout}); }

// A rectangle drawn as four rules whose ends overlap by half the width, so the corners are square.
void frame(Page& page, double x0, double y0, double x1, double y1, double width, Artifact artifact) {
    double h = width / 2;
    for (const Rule& r : {Rule{x0 - h, y0, x1 + h, y0, width}, Rule{x0 - h, y1, x1 + h, y1, width}, Rule{x0, y0, x0, y1, width},
                          Rule{x1, y0, x1, y1, width}}) {
        page.items.push_back(Item{r, -1, artifact});
    }
}

// A place of the page template that content keeps clear of, its clearance included.
struct Keepout {
    double x0, y0, x1, y1;
};

Keepout keepout(double x, double y, double w, double h, double clearance) {
    return Keepout{x - clearance, y - clearance, x + w + clearance, y + h + clearance};
}

// The draft mark (案): its framed text, a pagination artifact of every page.
void draw_draft_mark(const typeset::DraftMarkBox& m, Page& page) {
    if (m.frame > 0) {
        double h = m.frame / 2;
        frame(page, m.x + h, m.y + h, m.x + m.w - h, m.y + m.h - h, m.frame, Artifact::watermark);
    }
    place_lines(m.lines, m.text_x, m.text_y, page, Artifact::watermark);
}

// The approval block (決裁欄): its rules and titles are the form's drawing; in a final document
// each box's stamp space is a signature field.
// `nodes`: the Form elements of a sheet's own block (on="each-sheet"), else empty.
void draw_approval(const typeset::ApprovalBlockBox& a, const std::vector<int>& nodes, Page& page) {
    const double right = a.x + a.width(), bottom = a.y + a.height();
    std::vector<Rule> inner{Rule{a.x, a.y + a.title_height, right, a.y + a.title_height, a.inner_rule}};
    for (std::size_t k = 1; k < a.boxes.size(); ++k) {
        double x = a.x + a.box_width * static_cast<double>(k);
        inner.push_back(Rule{x, a.y, x, bottom, a.inner_rule});
    }
    for (const Rule& r : inner) page.items.push_back(Item{r, -1, Artifact::layout});
    frame(page, a.x, a.y, right, bottom, a.outer_rule, Artifact::layout);
    for (std::size_t k = 0; k < a.boxes.size(); ++k) {
        const typeset::ApprovalBlockBox::Box& box = a.boxes[k];
        place_lines(box.title, box.x + a.outer_rule, box.title_y, page, Artifact::layout);
        if (a.fields) {
            const int node = k < nodes.size() ? nodes[k] : box.node;
            page.fields.push_back(SignatureField{box.name, box.description, box.x, a.y + a.title_height, a.box_width, a.stamp_height, node});
        }
    }
}

BoxFit box_fit(const typeset::Fit& f, int page) {
    return BoxFit{f.label, f.span, page, f.adjustment.squeeze, f.adjustment.scale, f.adjustment.size, f.lines,
                  f.max_lines, f.fullness, f.fits, f.smaller};
}

struct Cursor {
    std::vector<Page>& pages;
    std::vector<BoxFit>& fits;
    const base::PageSpec& spec;
    const typeset::PageTemplate& page_template;
    double y = 0;
    double x = 0;  // on a vertical page: the right edge of the next column
    std::vector<Keepout> keepouts;  // of the current page

    double top() const { return spec.margin_top; }
    double right() const { return spec.width - spec.margin_right; }
    bool at_right() const { return x >= right() - epsilon; }
    double bottom() const { return spec.height - spec.margin_bottom; }
    bool at_top() const { return y <= top() + epsilon; }
    // A page starts with its template: the draft mark on every page, the approval block on the
    // first, or on the first of each sheet (`sheet`: the sheet this page starts, if it does).
    void new_page(const typeset::SheetFlow* sheet = nullptr) {
        pages.emplace_back();
        y = top();
        x = right();
        keepouts.clear();
        if (const auto& m = page_template.draft_mark) {
            draw_draft_mark(*m, page());
            keepouts.push_back(keepout(m->x, m->y, m->w, m->h, m->clearance));
        }
        if (const auto& a = page_template.approval; a && (a->each_sheet ? sheet != nullptr : pages.size() == 1)) {
            draw_approval(*a, sheet ? sheet->approval_nodes : std::vector<int>{}, page());
            keepouts.push_back(keepout(a->x, a->y, a->width(), a->height(), a->clearance));
        }
    }
    Page& page() { return pages.back(); }
    int page_index() const { return static_cast<int>(pages.size()) - 1; }
    // The first y from `from` down where a box [x0, x1] of height h meets no part of the template.
    double clear(double x0, double x1, double from, double h) const {
        double at = from;
        for (bool moved = true; moved;) {
            moved = false;
            for (const Keepout& k : keepouts) {
                if (x0 < k.x1 && k.x0 < x1 && at < k.y1 && k.y0 < at + h) {
                    at = k.y1;
                    moved = true;
                }
            }
        }
        return at;
    }
    // The first x from `from` leftwards where a column [y0, y1] of width w meets no part of the
    // template.
    double clear_leftwards(double y0, double y1, double from, double w) const {
        double at = from;
        for (bool moved = true; moved;) {
            moved = false;
            for (const Keepout& k : keepouts) {
                if (at - w < k.x1 && k.x0 < at && y0 < k.y1 && k.y0 < y1) {
                    at = k.x0;
                    moved = true;
                }
            }
        }
        return at;
    }
};

// Draws a table's rows [a, b) at y, all on the current page. The rules go to `rules`, drawn when
// the segment is closed: after every fill of it, which would otherwise cover half their width.
// artifact: the rows drawn again (a header row on a page the table continues on) are not read twice.
void draw_rows(const TableBox& t, const std::vector<RowBox>& rows, std::size_t a, std::size_t b, double y,
               double segment_top, double left, Cursor& cur, std::vector<Rule>& rules, Artifact artifact = Artifact::none) {
    Page& page = cur.page();
    std::vector<double> tops;
    double yy = y;
    for (std::size_t k = a; k < b; ++k) {
        tops.push_back(yy);
        yy += rows[k].height;
    }
    for (std::size_t k = a; k < b; ++k) {
        const double row_top = tops[k - a];
        for (const CellBox& c : rows[k].cells) {
            std::size_t last = std::min(b, k + static_cast<std::size_t>(c.row_span));
            double h = 0;
            for (std::size_t j = k; j < last; ++j) h += rows[j].height;
            double x0 = left + t.column_x[c.column];
            double w = t.column_x[c.column + c.col_span] - t.column_x[c.column];
            if (c.fill_gray) add(page, Fill{x0, row_top, w, h, *c.fill_gray});
            double content = c.content_height();
            double inner = h - 2 * t.pad_y;
            double offset = 0;
            if (c.valign == base::VAlign::middle) offset = std::max(0.0, (inner - content) / 2);
            else if (c.valign == base::VAlign::bottom) offset = std::max(0.0, inner - content);
            place_lines(c.lines, x0 + t.pad_x, row_top + t.pad_y + offset, page, artifact);
            if (c.fit && artifact == Artifact::none) cur.fits.push_back(box_fit(*c.fit, cur.page_index()));
            // Each cell draws its left and top edges; the outer frame draws the rest.
            if (c.column > 0) rules.push_back(Rule{x0, row_top, x0, row_top + h, t.inner_rule});
            if (row_top > segment_top + epsilon) rules.push_back(Rule{x0, row_top, x0 + w, row_top, t.inner_rule});
        }
    }
}

// Draws the segment's inner rules and its frame.
void close_segment(const TableBox& t, double left, double top, double bottom, Page& page, std::vector<Rule>& rules) {
    for (const Rule& r : rules) page.items.push_back(Item{r, -1, Artifact::layout});
    rules.clear();
    if (bottom <= top + epsilon) return;
    double right = left + t.column_x.back();
    // Drawn as four rules whose ends overlap by half the width, so the corners are square.
    double h = t.outer_rule / 2;
    for (const Rule& r : {Rule{left - h, top, right + h, top, t.outer_rule}, Rule{left - h, bottom, right + h, bottom, t.outer_rule},
                          Rule{left, top, left, bottom, t.outer_rule}, Rule{right, top, right, bottom, t.outer_rule}}) {
        page.items.push_back(Item{r, -1, Artifact::layout});
    }
}

// Splits a row so that its first part fits in `room`: each cell keeps the lines that fit.
// False when not even one line of any cell fits.
bool split_row(const RowBox& row, double room, double pad_y, RowBox& first, RowBox& rest) {
    first = RowBox{};
    rest = RowBox{};
    first.keep_with_next = false;
    rest.keep_with_next = row.keep_with_next;
    bool any = false;
    double rest_height = 0;
    for (const CellBox& c : row.cells) {
        CellBox a = c, b = c;
        a.lines.clear();
        b.lines.clear();
        a.valign = b.valign = base::VAlign::top;  // a split cell reads on from top to top
        double used = 0;
        std::size_t i = 0;
        for (; i < c.lines.size() && used + c.lines[i].height <= room - 2 * pad_y + epsilon; ++i) {
            used += c.lines[i].height;
            a.lines.push_back(c.lines[i]);
        }
        any |= i > 0;
        b.lines.assign(c.lines.begin() + static_cast<std::ptrdiff_t>(i), c.lines.end());
        rest_height = std::max(rest_height, b.content_height());
        first.cells.push_back(std::move(a));
        rest.cells.push_back(std::move(b));
    }
    first.height = room;
    rest.height = rest_height + 2 * pad_y;
    return any;
}

// A group: rows bound together by a cell spanning them; the row past the group that starts at r.
std::size_t group_end(const std::vector<RowBox>& rows, std::size_t r) {
    std::size_t end = r + 1;
    for (std::size_t k = r; k < end; ++k) {
        for (const CellBox& c : rows[k].cells) end = std::max(end, std::min(rows.size(), k + static_cast<std::size_t>(c.row_span)));
    }
    return end;
}

// A heading goes with what follows it: the whole next row when that row will not be
// split (it fits in `room`, what a page leaves below the group), else at least its first line.
double kept_with_group(const std::vector<RowBox>& rows, std::size_t end, double room, double pad_y) {
    if (!rows[end - 1].keep_with_next || end >= rows.size()) return 0;
    double next_line = 0;
    for (const CellBox& c : rows[end].cells) {
        if (!c.lines.empty()) next_line = std::max(next_line, static_cast<double>(c.lines.front().height));
    }
    double next_row = rows[end].height;
    return next_row <= room + epsilon ? next_row : next_line + 2 * pad_y;
}

// The header rows (header="yes") above row r, drawn again where the table goes on: drawing only,
// since a reader has read them on the table's first page.
void redraw_headers(const TableBox& t, std::size_t r, double left, Cursor& cur, std::vector<Rule>& rules) {
    std::vector<RowBox> headers;
    for (std::size_t k = 0; k < r && k < t.rows.size(); ++k) {
        if (t.rows[k].header) headers.push_back(t.rows[k]);
    }
    for (RowBox& h : headers) {
        for (CellBox& c : h.cells) c.row_span = 1;
    }
    if (headers.empty()) return;
    draw_rows(t, headers, 0, headers.size(), cur.y, cur.y, left, cur, rules, Artifact::layout);
    for (const RowBox& h : headers) cur.y += h.height;
}

void place_table(const TableBox& t, Cursor& cur) {
    const double left = cur.spec.margin_left;
    const double right = left + t.column_x.back();
    std::vector<RowBox> rows = t.rows;
    if (!cur.at_top()) cur.y += t.space_before;
    // A segment of the table starts below any part of the page template it would meet.
    auto clear = [&](std::size_t r) {
        if (r < rows.size()) cur.y = cur.clear(left, right, cur.y, rows[r].height);
    };
    clear(0);
    double segment_top = cur.y;
    std::vector<Rule> rules;  // of the open segment
    std::size_t r = 0;
    // The table goes on on a new page: the header rows above row r are drawn again at its top.
    auto continue_on_new_page = [&] {
        cur.new_page();
        clear(r);
        segment_top = cur.y;
        redraw_headers(t, r, left, cur, rules);
    };
    while (r < rows.size()) {
        const std::size_t end = group_end(rows, r);
        double group_h = 0;
        for (std::size_t k = r; k < end; ++k) group_h += rows[k].height;
        const double need = group_h + kept_with_group(rows, end, cur.bottom() - cur.top() - group_h, t.pad_y);
        const bool room_below = cur.y + need <= cur.bottom() + epsilon;
        if (!room_below && cur.y > segment_top + epsilon) {
            double page_height = cur.bottom() - cur.top();
            // Move to a new page when the group then fits whole; a group taller than a page starts
            // here and goes on row by row.
            if (group_h <= page_height + epsilon) {
                close_segment(t, left, segment_top, cur.y, cur.page(), rules);
                continue_on_new_page();
            }
        }
        if (cur.y + group_h <= cur.bottom() + epsilon) {
            draw_rows(t, rows, r, end, cur.y, segment_top, left, cur, rules);
            cur.y += group_h;
            r = end;
            continue;
        }
        if (end - r > 1) {
            // A spanned group taller than a page: let its rows go one by one.
            for (std::size_t k = r; k < end; ++k) {
                for (CellBox& c : rows[k].cells) c.row_span = 1;
            }
            continue;
        }
        RowBox first, rest;
        double room = cur.bottom() - cur.y;
        if (!split_row(rows[r], room, t.pad_y, first, rest)) {
            if (cur.y > segment_top + epsilon || !cur.at_top()) {
                close_segment(t, left, segment_top, cur.y, cur.page(), rules);
                continue_on_new_page();
                continue;
            }
            // Not one line fits on an empty page: the line is taller than the page. Draw it
            // anyway rather than loop; the layout check keeps sizes far below this.
            draw_rows(t, rows, r, r + 1, cur.y, segment_top, left, cur, rules);
            cur.y += rows[r].height;
            ++r;
            continue;
        }
        std::vector<RowBox> one{first};
        draw_rows(t, one, 0, 1, cur.y, segment_top, left, cur, rules);
        cur.y += first.height;
        close_segment(t, left, segment_top, cur.y, cur.page(), rules);
        rows[r] = std::move(rest);
        continue_on_new_page();
    }
    close_segment(t, left, segment_top, cur.y, cur.page(), rules);
}

void place_paragraph(const typeset::ParagraphBox& p, Cursor& cur) {
    if (!cur.at_top()) cur.y += p.space_before;
    for (const Line& l : p.lines) {
        // A line goes below any part of the page template it would meet, and to the next page
        // when it then no longer fits (once: a fresh page takes it whatever its template).
        const double x0 = cur.spec.margin_left + l.left, x1 = x0 + l.width;
        cur.y = cur.clear(x0, x1, cur.y, l.height);
        if (cur.y + l.height > cur.bottom() + epsilon && !cur.at_top()) {
            cur.new_page();
            cur.y = cur.clear(x0, x1, cur.y, l.height);
        }
        place_lines({l}, cur.spec.margin_left, cur.y, cur.page(), Artifact::none);
        cur.y += l.height;
    }
}

// On a vertical page the flow's columns go from the right margin leftwards, each left of any part
// of the page template or fixed box it would meet, and to the next page when it no longer fits.
void place_columns(const typeset::ParagraphBox& p, Cursor& cur) {
    if (!cur.at_right()) cur.x -= p.space_before;
    for (const Line& l : p.lines) {
        const double y0 = cur.top() + l.left, y1 = y0 + l.width;
        cur.x = cur.clear_leftwards(y0, y1, cur.x, l.height);
        if (cur.x - l.height < cur.spec.margin_left - epsilon && !cur.at_right()) {
            cur.new_page();
            cur.x = cur.clear_leftwards(y0, y1, cur.x, l.height);
        }
        place_lines({l}, cur.x, cur.top(), cur.page(), Artifact::none);
        cur.x -= l.height;
    }
}

// The runs of glyphs [from, to) of a line: one per font.
TextLine line_runs(const Line& l, std::size_t from, std::size_t to, double x, double baseline) {
    TextLine tl;
    std::size_t i = from;
    while (i < to) {
        GlyphRun run;
        run.font = l.glyphs[i].font;
        run.size = l.size;
        run.scale = l.scale;
        run.x = x + l.left;
        run.y = baseline;
        run.text = l.text;
        while (i < to && l.glyphs[i].font == run.font) {
            const auto& g = l.glyphs[i++];
            run.glyphs.push_back(Glyph{g.gid, g.x, g.y_offset, g.text_begin, g.text_len});
        }
        tl.runs.push_back(std::move(run));
    }
    return tl;
}

// The runs of glyphs [from, to) of a column whose centre line is at `centre` and top at `top`: one
// per font and orientation, and each 縦中横 number a short line of its own across the column.
TextLine column_runs(const Line& l, std::size_t from, std::size_t to, double centre, double top) {
    TextLine tl;
    std::size_t i = from;
    while (i < to) {
        const typeset::PlacedGlyph& first = l.glyphs[i];
        GlyphRun run;
        run.font = first.font;
        run.size = l.size;
        run.text = l.text;
        run.x = centre;
        const auto o = first.orientation;
        auto same = [&](const typeset::PlacedGlyph& g) {
            return g.font == run.font && g.orientation == o && (o != text::Orientation::upright || g.x == first.x);
        };
        if (o == text::Orientation::upright) {
            run.y = top + l.left + first.x;  // the digits' baseline
            for (; i < to && same(l.glyphs[i]); ++i) {
                const auto& g = l.glyphs[i];
                run.glyphs.push_back(Glyph{g.gid, g.y_offset, 0, g.text_begin, g.text_len});
            }
        } else {
            run.mode = o == text::Orientation::along ? RunMode::column : RunMode::turned;
            run.y = top + l.left;
            for (; i < to && same(l.glyphs[i]); ++i) {
                const auto& g = l.glyphs[i];
                run.glyphs.push_back(Glyph{g.gid, g.x, g.y_offset, g.text_begin, g.text_len});
            }
        }
        tl.runs.push_back(std::move(run));
    }
    return tl;
}

}  // namespace

void place_lines(const std::vector<Line>& lines, double x, double top, Page& page, Artifact artifact) {
    double y = top;
    double right = x;  // columns: the right edge of the next
    for (const Line& l : lines) {
        auto runs = [&](std::size_t from, std::size_t to) {
            return l.vertical ? column_runs(l, from, to, right - l.baseline, top) : line_runs(l, from, to, x, y + l.baseline);
        };
        // A tagged line is the content of its node; an artifact line, or text of no node, is
        // not read.
        auto item = [&](TextLine tl, int node) {
            bool tagged = artifact == Artifact::none && node >= 0;
            page.items.push_back(Item{std::move(tl), tagged ? node : -1, tagged ? Artifact::none : (artifact == Artifact::none ? Artifact::layout : artifact)});
        };
        if (l.marker_glyphs > 0) item(runs(0, l.marker_glyphs), l.marker_node);
        if (l.glyphs.size() > l.marker_glyphs) {
            TextLine body = runs(l.marker_glyphs, l.glyphs.size());
            body.actual_text = l.actual_text;
            item(std::move(body), l.node);
        }
        y += l.height;
        right -= l.height;
    }
}

namespace {

// A fixed box on the page the sheet has reached. Its size is fixed, so it moves nothing that comes
// before it; what flows after it goes below it where they would meet, as around the page template.
void place_box(const typeset::FixedBoxFlow& b, Cursor& cur) {
    Page& page = cur.page();
    cur.keepouts.push_back(keepout(b.x, b.y, b.width, b.height, 0));
    if (b.frame > 0) frame(page, b.x, b.y, b.x + b.width, b.y + b.height, b.frame, Artifact::layout);
    double content = 0;
    for (const Line& l : b.lines) content += l.height;
    // A vertical box's columns start at its right side: valign top puts them there, bottom at its left.
    const double inner = b.vertical ? b.width - 2 * b.pad_x : b.height - 2 * b.pad_y;
    double offset = 0;
    if (b.valign == base::VAlign::middle) offset = std::max(0.0, (inner - content) / 2);
    else if (b.valign == base::VAlign::bottom) offset = std::max(0.0, inner - content);
    if (b.vertical) place_lines(b.lines, b.x + b.width - b.pad_x - offset, b.y + b.pad_y, page, Artifact::none);
    else place_lines(b.lines, b.x + b.pad_x, b.y + b.pad_y + offset, page, Artifact::none);
    cur.fits.push_back(box_fit(b.fit, cur.page_index()));
}

// An image on the page the sheet has reached, over what is there: it keeps nothing clear (a seal
// stands over the end of a name).
void place_image(const bind::FixedImage& im, Cursor& cur) {
    cur.page().items.push_back(Item{Image{im.x, im.y, im.width, im.height, im.image}, -1, Artifact::layout});
}

std::vector<Page> placed_pages(const typeset::Flow& flow, const base::PageSpec& spec, std::vector<OutlineEntry>& sheets,
                               std::vector<BoxFit>& fits) {
    std::vector<Page> pages;
    Cursor cur{pages, fits, spec, flow.page_template, 0, 0, {}};
    for (const typeset::SheetFlow& sheet : flow.sheets) {
        cur.new_page(&sheet);
        OutlineEntry entry{sheet.outline_title, static_cast<int>(pages.size()) - 1};
        for (const typeset::FlowBlock& b : sheet.blocks) {
            if (const auto* p = std::get_if<typeset::ParagraphBox>(&b)) {
                if (spec.vertical) place_columns(*p, cur);
                else place_paragraph(*p, cur);
            }
            else if (const auto* t = std::get_if<TableBox>(&b)) place_table(*t, cur);
            else if (const auto* im = std::get_if<bind::FixedImage>(&b)) place_image(*im, cur);
            else place_box(std::get<typeset::FixedBoxFlow>(b), cur);
        }
        entry.pages = static_cast<int>(pages.size()) - entry.page;
        entry.fill = spec.vertical ? std::clamp((cur.right() - cur.x) / (cur.right() - spec.margin_left), 0.0, 1.0)
                                   : std::clamp((cur.y - cur.top()) / (cur.bottom() - cur.top()), 0.0, 1.0);
        sheets.push_back(std::move(entry));
    }
    return pages;
}

}  // namespace

PagedDocument paginate(bind::Document doc, const typeset::Flow& flow, const base::PageSpec& page) {
    PagedDocument out;
    out.width = page.width;
    out.height = page.height;
    out.info = std::move(doc.info);
    out.final = doc.final;
    out.right_to_left = page.vertical;
    out.lang = std::move(doc.lang);
    out.footer = std::move(doc.footer);
    out.pages = placed_pages(flow, page, out.sheets, out.fits);
    out.structure = std::move(doc.structure);
    return out;
}

}  // namespace yoshiki::paginate
