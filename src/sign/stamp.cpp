#include "sign/stamp.hpp"

#include <algorithm>
#include <cmath>

#include "base/japanese_era.hpp"
#include "pdf/syntax.hpp"
#include "paginate/paginate.hpp"
#include "typeset/typeset.hpp"
#include "write/content_stream.hpp"

namespace yoshiki::sign {

namespace {

// The distance of a cubic Bézier's control points for a quarter circle of radius 1.
constexpr double kappa = 0.5522847498;
// A 日付印's two lines stand a third of the radius above and below the centre; its ring and the
// room inside it are a twentieth of the radius each.
constexpr double band = 1.0 / 3.0;
constexpr double ring = 0.05, room = 0.07;
// A text keeps a tenth of its chord free, half at each end, so that it never touches the ring.
constexpr double margin = 0.9;

void move(std::string& ops, double x, double y, const char* op) {
    pdf::put_number(ops, x);
    ops += ' ';
    pdf::put_number(ops, y);
    ops += op;
}

void circle(std::string& ops, double cx, double cy, double r) {
    const double k = kappa * r;
    move(ops, cx + r, cy, " m\n");
    auto curve = [&](double x1, double y1, double x2, double y2, double x3, double y3) {
        move(ops, x1, y1, " ");
        move(ops, x2, y2, " ");
        move(ops, x3, y3, " c\n");
    };
    curve(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    curve(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    curve(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    curve(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
}

// A text set on one line as wide as it is (the layout's stamp style, at its size).
std::optional<typeset::Line> one_line(const std::string& s, int style, const typeset::SetContext& ctx) {
    base::TracedText t;
    t.append(s, base::Span{});
    std::vector<typeset::Line> lines = typeset::set_text(t, style, 1e4, ctx);
    if (lines.size() != 1) return std::nullopt;
    lines[0].left = 0;
    return lines[0];
}

void scale(typeset::Line& l, double k) {
    l.size = static_cast<float>(l.size * k);
    l.height = static_cast<float>(l.height * k);
    l.baseline = static_cast<float>(l.baseline * k);
    l.width = static_cast<float>(l.width * k);
    for (auto& g : l.glyphs) {
        g.x = static_cast<float>(g.x * k);
        g.y_offset = static_cast<float>(g.y_offset * k);
    }
}

// The half-width of the ring's inside at height y from its centre.
double half_chord(double r, double y) { return y >= r ? 0 : std::sqrt(r * r - y * y); }

// The largest size, at most the style's, at which a line `width1` wide per pt of size fits
// between height `inner` from the centre and the inside of the ring (a segment above or below
// the date's band), or in the band itself (centred, inner < 0).
double fit(double width1, double size, double r, double inner) {
    for (double s = size; s > 1; s *= 0.97) {
        bool fits = inner >= 0 ? inner + s <= r && width1 * s <= 2 * margin * half_chord(r, inner + s)
                               : s <= -2 * inner && width1 * s <= 2 * margin * half_chord(r, s / 2);
        if (fits) return s;
    }
    return 1;
}

// The ring and the two lines of the date's band.
std::string ring_ops(const parse::ApprovalTemplate& a, double cx, double cy, double r, double lw) {
    std::string ops = "q\n";
    for (double c : a.stamp_color) {
        pdf::put_number(ops, c, 3);
        ops += ' ';
    }
    ops += "RG\n";
    pdf::put_number(ops, lw, 2);
    ops += " w\n";
    circle(ops, cx, cy, r);
    ops += "S\n";
    for (double y : {cy + r * band, cy - r * band}) {
        double half = half_chord(r, y - cy);
        move(ops, cx - half, y, " m ");
        move(ops, cx + half, y, " l\n");
    }
    ops += "S\nQ\n";
    return ops;
}

// The page's text lines as content stream operators, their fonts added to the stamp.
std::string text_ops(Stamp& stamp, const paginate::Page& page, const parse::ApprovalTemplate& a,
                     const std::vector<const text::Font*>& fonts, double h) {
    // The glyphs' CIDs, font by font (write::FontEmbedding, as the document's own text has them).
    std::vector<const paginate::GlyphRun*> runs;
    for (const paginate::Item& item : page.items) {
        for (const paginate::GlyphRun& run : std::get<paginate::TextLine>(item.content).runs) runs.push_back(&run);
    }
    std::vector<write::FontEmbedding*> by_font(fonts.size(), nullptr);
    std::vector<std::string> resources(fonts.size());
    for (const paginate::GlyphRun* run : runs) {
        if (by_font[run->font]) continue;
        stamp.fonts.emplace_back(*fonts[run->font]);
        by_font[run->font] = &stamp.fonts.back();
        resources[run->font] = "S" + std::to_string(stamp.fonts.size() - 1);
    }
    std::vector<std::uint16_t> cids = write::number_glyphs(runs, by_font);
    std::vector<double> advances;
    for (const paginate::GlyphRun* run : runs) {
        for (const paginate::Glyph& g : run->glyphs) advances.push_back(write::FontEmbedding::width(*fonts[run->font], g.gid) * run->size / 1000.0);
    }
    write::ContentStream cs(h, false);
    cs.text_color(a.stamp_color[0], a.stamp_color[1], a.stamp_color[2]);
    std::size_t at = 0;
    for (const paginate::Item& item : page.items) {
        const auto& line = std::get<paginate::TextLine>(item.content);
        cs.text(line, cids.data() + at, advances.data() + at, [&](const paginate::GlyphRun& run) { return resources[run.font]; });
        for (const auto& run : line.runs) at += run.glyphs.size();
    }
    return cs.finish();
}

}  // namespace

std::string stamp_date(int year, int month, int day) {
    base::EraYear e = base::era_on(year, month, day);
    return e.era->name + base::era_year_text(e.year) + "." + std::to_string(month) + "." + std::to_string(day);
}

std::optional<Stamp> draw_stamp(const StampText& text, double w, double h, const parse::FormLayout& layout,
                                const std::vector<const text::Font*>& fonts, base::Diagnostics& diags) {
    const parse::ApprovalTemplate& a = *layout.approval;
    const parse::Style& style = layout.styles[static_cast<std::size_t>(a.stamp_style)];
    typeset::SetContext ctx{layout, fonts, diags};

    // PDF coordinates of the appearance: origin at the bottom left of the box.
    const double cx = w / 2, cy = h / 2;
    const double r = std::min(w, h) / 2 * 0.92;
    const double lw = r * ring, inside = r - lw / 2 - r * room;
    Stamp stamp;
    stamp.width = w;
    stamp.height = h;
    const std::string ops = ring_ops(a, cx, cy, r, lw);

    // The three texts, each at the largest size that fits its part of the ring, its em box
    // centred there (the font's ascender and descender around the baseline).
    const text::FontMetrics& m = fonts[static_cast<std::size_t>(style.fonts.front())]->metrics();
    const double em_centre = (m.ascender + m.descender) / 2.0 / m.units_per_em;
    const double gap = r * room;
    paginate::Page page;
    struct Part {
        const std::string* s;
        double inner;  // from the centre to the segment's near edge; negative: the date's band
        int side;      // +1 above, -1 below, 0 the band
    };
    for (const Part& p : {Part{&text.title, r * band + gap, 1}, Part{&text.date, -(r * band - gap), 0},
                          Part{&text.name, r * band + gap, -1}}) {
        if (p.s->empty()) continue;
        std::optional<typeset::Line> line = one_line(*p.s, a.stamp_style, ctx);
        if (!line) {
            diags.file_error("", base::codes::internal_error, "cannot set '" + *p.s + "' on one line of the stamp");
            return std::nullopt;
        }
        double s = fit(line->width / line->size, line->size, inside, p.inner);
        scale(*line, s / line->size);
        double centre = p.side == 0 ? cy : cy + p.side * (p.inner + s / 2);
        double baseline = centre - em_centre * s;  // PDF coordinates
        // place_lines takes the line's top from the box's top edge.
        paginate::place_lines({*line}, cx - line->width / 2, (h - baseline) - line->baseline, page, paginate::Artifact::layout);
    }
    if (diags.has_errors()) return std::nullopt;

    stamp.content = ops + text_ops(stamp, page, a, fonts, h);
    return stamp;
}

}  // namespace yoshiki::sign
