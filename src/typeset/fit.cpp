#include "typeset/fit.hpp"

#include <cmath>

#include "base/utf8.hpp"

namespace yoshiki::typeset {

namespace {

constexpr double epsilon = 1e-6;

double height_of(const std::vector<Line>& lines) {
    double h = 0;
    for (const Line& l : lines) h += l.height;
    return h;
}

// The largest k in [lo, hi] for which fits(k), given that fits(lo); fits is monotone (a wider
// or larger setting never takes fewer lines).
template <typename Fits>
int largest_fitting(int lo, int hi, Fits fits) {
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (fits(mid)) lo = mid;
        else hi = mid - 1;
    }
    return lo;
}

// Characters set on the lines past the first `keep`: how many too many.
int characters_past(const std::vector<Line>& lines, int keep) {
    int n = 0;
    for (std::size_t i = static_cast<std::size_t>(std::max(keep, 0)); i < lines.size(); ++i) {
        n += static_cast<int>(base::utf8::length(lines[i].text.substr(lines[i].marker_bytes)));
    }
    return n;
}

std::string number_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, std::abs(v - std::round(v)) < 1e-9 ? "%.0f" : "%.1f", v);
    return buf;
}

void report_overflow(const bind::Paragraph& p, const FittedText& at_floors, double width, const parse::Style& style,
                     const SetContext& ctx) {
    const Fit& f = at_floors.fit;
    const int too_many = std::max(1, characters_past(at_floors.lines, f.max_lines));
    std::string what = p.field_label.empty() ? "the text of this box" : p.field_label;
    std::string floors;
    if (f.adjustment.scale < 1) floors += number_text(f.adjustment.scale * 100) + " % width";
    if (f.adjustment.size < style.size) floors += (floors.empty() ? "" : " and ") + number_text(f.adjustment.size) + " pt";
    ctx.diags.error(p.field_span, base::codes::text_does_not_fit,
                    what + " does not fit its box (" + std::to_string(f.max_lines) + (p.vertical ? " column" : " line") +
                        (f.max_lines == 1 ? "" : "s") +
                        " of " + number_text(std::round(width / parse::mm)) + " mm) even squeezed" +
                        (floors.empty() ? "" : " and at " + floors) + ": " + std::to_string(too_many) + " character" +
                        (too_many == 1 ? "" : "s") + " too many",
                    "shorten it, or let the layout go further (condense-to, shrink-to of style '" + style.id + "')");
}

}  // namespace

FittedText fit_paragraph(const bind::Paragraph& p, double width, double height, const SetContext& ctx) {
    const parse::Style& style = ctx.layout.styles[p.style];
    // The first setting reports what is wrong with the text itself; the cascade's further
    // settings of the same text would only say it again.
    base::Diagnostics quiet;
    const SetContext again{ctx.layout, ctx.fonts, quiet};
    bool first = true;
    const ShapedParagraph shaped(p, ctx);  // once: each setting below scales the same glyphs
    // The settings that fit come in widening order (each search step keeps only wider ones), so
    // the last that fits is the one chosen; when none fits, the last tried is at the floors.
    FittedText out, last;
    auto fits = [&](const Adjustment& a) {
        last.lines = shaped.set(width, first ? ctx : again, a);
        last.fit.adjustment = a;
        first = false;
        for (const Line& l : last.lines) {
            if (l.left + l.width > width + 0.01) return false;  // a distributed label too wide (lines are in float)
        }
        if (height_of(last.lines) > height + epsilon) return false;
        out = last;
        return true;
    };
    Adjustment a;
    a.fitting = true;
    a.size = style.size;
    bool ok = fits(a);
    if (!ok) {
        a.squeeze = true;
        ok = fits(a);
    }
    // Columns are not condensed (paragraph.hpp): their cascade goes on to a smaller size.
    const int min_percent = p.vertical ? 100 : static_cast<int>(std::ceil(style.min_scale * 100 - epsilon));
    if (!ok && min_percent < 100) {
        auto at_percent = [&](int percent) {
            Adjustment t = a;
            t.scale = percent / 100.0;
            return fits(t);
        };
        ok = at_percent(min_percent);
        if (ok) a.scale = largest_fitting(min_percent, 99, at_percent) / 100.0;
        else a.scale = min_percent / 100.0;
    }
    const int min_half_points = static_cast<int>(std::ceil(style.min_size * 2 - epsilon));
    const int max_half_points = static_cast<int>(std::floor(style.size * 2 + epsilon)) - 1;
    if (!ok && style.min_size > 0 && min_half_points <= max_half_points) {
        auto at_size = [&](int half_points) {
            Adjustment t = a;
            t.size = half_points / 2.0;
            return fits(t);
        };
        ok = at_size(min_half_points);
        a.size = (ok ? largest_fitting(min_half_points, max_half_points, at_size) : min_half_points) / 2.0;
    }
    if (!ok) out = std::move(last);
    const double pitch = a.size * style.line_pitch;
    out.fit.lines = static_cast<int>(out.lines.size());
    out.fit.max_lines = static_cast<int>(std::floor((height + epsilon) / pitch));
    out.fit.fullness = height > 0 ? std::min(1.0, height_of(out.lines) / height) : 1.0;
    out.fit.fits = ok;
    out.fit.smaller = a.size < style.size - epsilon;
    // A text of the layout alone is named by its first characters.
    out.fit.label = p.field_label.empty() ? "「" + base::utf8::clip(p.text.text) + "」" : p.field_label;
    out.fit.span = p.field_span;
    if (!ok) report_overflow(p, out, width, style, ctx);
    return out;
}

}  // namespace yoshiki::typeset
