#include "typeset/paragraph.hpp"

#include <algorithm>
#include <cmath>

#include "base/limits.hpp"
#include "base/utf8.hpp"
#include "text/line_break.hpp"
#include "text/shape.hpp"
#include "typeset/jlreq.hpp"

namespace yoshiki::typeset {

namespace {

using jlreq::Punct;

// One cluster: the smallest unit the line setter moves (a character with its marks or selector).
struct Cluster {
    std::uint32_t begin = 0, end = 0;  // bytes of the paragraph text
    std::uint32_t glyph_begin = 0, glyph_end = 0;
    std::uint32_t chars = 0;  // characters of the cluster
    char32_t cp = 0;    // first character
    double width = 0;   // natural advance, pt, after punctuation pairing
    double advance = 0; // the glyphs' own advance, pt: what a text extractor expects
    double shift = 0;   // glyph drawn this far left of the cluster's start (a compressed opening bracket)
    double shrink = 0;  // blank that may still be squeezed out for 追い込み, pt
    Punct punct = Punct::none;
    bool space = false;      // U+0020: a word space
    bool invisible = false;  // zero-width ignorable: not drawn
    bool across = false;     // 縦中横: figures standing across a column, as upright as a kanji
};

constexpr double epsilon = 1e-6;
constexpr double max_gap_em = 0.5;

std::string font_names(const parse::Style& style, const SetContext& ctx) {
    std::string names;
    for (int f : style.fonts) {
        if (!names.empty()) names += ", ";
        names += ctx.fonts[f]->metrics().family;
    }
    return names;
}

std::vector<Cluster> make_clusters(const std::string& text, const text::ShapedText& shaped, double size) {
    std::vector<Cluster> out;
    const auto& g = shaped.glyphs;
    for (std::uint32_t i = 0; i < g.size();) {
        Cluster c;
        c.begin = g[i].cluster;
        c.glyph_begin = i;
        double adv = 0;
        while (i < g.size() && g[i].cluster == c.begin) adv += g[i++].advance;
        c.glyph_end = i;
        c.end = i < g.size() ? g[i].cluster : static_cast<std::uint32_t>(text.size());
        c.chars = static_cast<std::uint32_t>(base::utf8::length(std::string_view(text).substr(c.begin, c.end - c.begin)));
        std::size_t k = c.begin;
        c.cp = base::utf8::next(text, k);
        c.width = adv * size;
        c.advance = c.width;
        c.space = c.cp == U' ';
        c.invisible = text::is_default_ignorable(c.cp);
        c.across = g[c.glyph_begin].orientation == text::Orientation::upright;
        if (c.invisible) c.width = 0;
        // Only full-width punctuation carries the half-em blank that JLREQ squeezes.
        c.punct = std::abs(adv - 1.0) < 0.05 ? jlreq::punct_class(c.cp) : Punct::none;
        out.push_back(c);
    }
    return out;
}

// Punctuation pairs (JLREQ 3.1.4–3.1.6): 」、 ）。 」「 「「 lose the half-em blank between them.
void pair_punctuation(std::vector<Cluster>& cs, double size) {
    double half = size / 2;
    for (std::size_t i = 0; i + 1 < cs.size(); ++i) {
        Cluster& a = cs[i];
        Cluster& b = cs[i + 1];
        bool a_closes = a.punct == Punct::closing || a.punct == Punct::full_stop;
        if (a_closes && (b.punct == Punct::closing || b.punct == Punct::full_stop || b.punct == Punct::opening)) {
            a.width -= half;
        } else if (a.punct == Punct::opening && b.punct == Punct::opening) {
            b.width -= half;
            b.shift = half;
        }
    }
    for (Cluster& c : cs) {
        bool full = std::abs(c.width - size) < 0.05 * size;
        if (!full) continue;
        if (c.punct == Punct::closing || c.punct == Punct::full_stop || c.punct == Punct::opening) c.shrink = half;
        else if (c.punct == Punct::middle_dot) c.shrink = half;  // a quarter on each side
    }
}

// The source text a glyph stands for. A cluster of as many glyphs as characters (ﾃﾞ shaped as
// ﾃ and ﾞ) gives each glyph its own character, so that copied text has no gaps; otherwise the
// first glyph carries the whole cluster (a ligature, a base with its variation selector).
// The glyphs of a cluster are assigned in order, `at` walking its characters from c.begin: a
// letter with 49,000 combining marks costs 49,000 steps, not their square.
void assign_text(const std::string& text, const Cluster& c, std::uint32_t g, std::uint32_t shift, std::size_t& at,
                 PlacedGlyph& pg) {
    std::uint32_t glyphs = c.glyph_end - c.glyph_begin;
    if (glyphs > 1 && c.chars == glyphs) {
        std::size_t end = at;
        base::utf8::next(text, end);
        pg.text_begin = static_cast<std::uint32_t>(at) + shift;
        pg.text_len = static_cast<std::uint32_t>(end - at);
        at = end;
    } else if (g == c.glyph_begin) {
        pg.text_begin = c.begin + shift;
        pg.text_len = c.end - c.begin;
    }
}

struct LineSpan {
    std::size_t begin, end;  // clusters
    double natural = 0;      // width without trailing spaces
    double shrink_needed = 0;
    bool last = false;
};

double width_of(const std::vector<Cluster>& cs, std::size_t b, std::size_t e) {
    double w = 0;
    for (std::size_t i = b; i < e; ++i) w += cs[i].width;
    while (e > b && cs[e - 1].space) w -= cs[--e].width;
    return w;
}

double shrink_of(const std::vector<Cluster>& cs, std::size_t b, std::size_t e) {
    double s = 0;
    for (std::size_t i = b; i < e; ++i) s += cs[i].shrink;
    return s;
}

// Breaks the clusters into lines. avail(k) is the width of line k.
template <typename Avail>
std::vector<LineSpan> break_lines(std::vector<Cluster>& cs, const std::vector<std::uint8_t>& breaks, Avail avail) {
    std::vector<LineSpan> lines;
    auto breakable = [&](std::size_t i) { return i >= cs.size() || breaks[cs[i].begin] != 0; };
    std::size_t pos = 0;
    while (pos < cs.size()) {
        // A line never starts with a word space; an opening bracket at its start loses its
        // leading blank (JLREQ 3.1.5: at most half an em).
        if (!lines.empty()) {
            while (pos < cs.size() && cs[pos].space) ++pos;
            if (pos >= cs.size()) break;
        }
        Cluster& first = cs[pos];
        if (first.punct == Punct::opening && first.shift == 0 && first.shrink > 0) {
            first.width -= first.shrink;
            first.shift = first.shrink;
            first.shrink = 0;
        }
        double w = avail(lines.size());
        double x = 0;
        std::size_t i = pos;
        std::size_t last_break = pos;
        while (i < cs.size()) {
            // Trailing spaces may hang past the edge; everything else must fit.
            if (!cs[i].space && x + cs[i].width > w + epsilon) break;
            x += cs[i].width;
            ++i;
            if (i < cs.size() && breaks[cs[i].begin] == 2) break;  // a hard line break
            if (breakable(i)) last_break = i;
        }
        LineSpan line{pos, i};
        if (i >= cs.size()) {
            line.last = true;
        } else if (breaks[cs[i].begin] == 2 && last_break == i) {
            line.last = true;  // a hard break ends the line unjustified
        } else {
            // The line is full at i. Either push the rest of the unbreakable chunk in by
            // squeezing punctuation (追い込み), or push the line's tail out to the next line
            // (追い出し) and spread the gap; JLREQ 3.8 prefers pushing in when it fits.
            std::size_t j = i + 1;
            while (!breakable(j)) ++j;
            double over = width_of(cs, pos, j) - w;
            if (over <= shrink_of(cs, pos, j) + epsilon && j - i <= 3) {
                line.end = j;
                line.shrink_needed = std::max(0.0, over);
            } else if (last_break > pos) {
                line.end = last_break;
            } else {
                // One chunk wider than the line (a long URL): break it where it is full.
                line.end = std::max(i, pos + 1);
            }
        }
        line.natural = width_of(cs, line.begin, line.end);
        lines.push_back(line);
        pos = line.end;
    }
    return lines;
}

struct LineSpacing {
    std::vector<double> extra;  // added after cluster k
    std::vector<double> squeeze;
    double offset = 0;
};

// How far left of its cluster's start a glyph is drawn: a squeezed opening bracket moves left, a
// middle dot half as far (its blank is on both sides); a squeezed closing one keeps its place.
double drawn_shift(const Cluster& c, double squeeze) {
    return c.shift + (c.punct == Punct::opening ? squeeze : c.punct == Punct::middle_dot ? squeeze / 2 : 0);
}

// Whether a text extractor reads the clusters [b, e) of a line as written. Extractors that go by
// positions (poppler's pdftotext, pdf.js, most copy paths) compare where each glyph starts with
// where the one before it ends by its own advance: a gap past a tenth of an em becomes a space
// (poppler's minWordBreakSpace), and a glyph that starts where the one before it started is
// taken for a duplicate and dropped. So the small gaps of a justified line and a comma squeezed
// to half its width read as set; a spread label, a line opened wide, a bracket paired onto the
// one before it, and an invisible character (nothing drawn for it) do not. The bounds keep a
// margin inside those thresholds: ActualText is cheap where needed, and it is needed rarely.
bool reads_as_set(const std::vector<Cluster>& cs, std::size_t b, std::size_t e, const LineSpacing& sp,
                  double size) {
    constexpr double widest_gap_em = 0.05, deepest_overlap_em = 0.55;
    for (std::size_t k = b; k < e; ++k) {
        const Cluster& c = cs[k];
        // Nothing drawn, or an ideographic space (　): an em of blank that pdftotext takes for the
        // gap between two columns, splitting the line (■閲覧　□写しの交付) into blocks.
        if (c.invisible || (c.cp == U'\u3000' && k > b && k + 1 < e)) return false;
        if (k + 1 == e) break;
        // Where the next glyph starts, measured from where this one's own advance ends.
        double gap = c.width - sp.squeeze[k - b] + sp.extra[k - b] - c.advance + drawn_shift(c, sp.squeeze[k - b]) -
                     drawn_shift(cs[k + 1], sp.squeeze[k + 1 - b]);
        if (gap > widest_gap_em * size || gap < -deepest_overlap_em * size) return false;
    }
    return true;
}

void report_missing_glyphs(const bind::Paragraph& p, const parse::Style& style, const text::ShapedText& shaped,
                           const SetContext& ctx) {
    for (const auto& m : shaped.missing) {
        ctx.diags.error(p.text.span_at(m.offset), base::codes::font_missing_glyph,
                        "character " + base::describe_code_point(m.cp) + " is in none of the fonts (" +
                            font_names(style, ctx) + ")",
                        "check for a typing mistake, or add a font that has it to the layout's <fallback>");
    }
    for (const auto& m : shaped.missing_variants) {
        ctx.diags.warning(p.text.span_at(m.offset), base::codes::font_missing_variant,
                          "variant " + base::describe_code_point(m.cp) + " of " + base::describe_code_point(m.base) +
                              " is in none of the fonts; it is drawn with the base glyph");
    }
}

void report_long_clusters(const bind::Paragraph& p, const std::vector<Cluster>& cs, const SetContext& ctx) {
    for (const Cluster& c : cs) {
        if (c.chars <= base::limits::max_cluster_chars) continue;
        ctx.diags.error(p.text.span_at(c.begin), base::codes::text_cluster_too_long,
                        "a character followed by " + std::to_string(c.chars - 1) + " marks that combine with it",
                        "at most " + std::to_string(base::limits::max_cluster_chars - 1) +
                            " may stand on one character (Unicode's stream-safe text, UAX #15, allows 30)");
    }
}

// 和欧間: an optional gap between Japanese and Latin, added to the Japanese side.
// 縦中横 is set solid to its neighbours (JLREQ 3.2.5): its figures count as Japanese, not Latin.
void add_latin_gaps(std::vector<Cluster>& cs, const parse::Style& style, double size) {
    if (style.latin_gap_em <= 0) return;
    auto wide = [&](const Cluster& c) { return c.across || jlreq::is_wide(c.cp); };
    auto word = [&](const Cluster& c) { return !c.across && jlreq::is_word_char(c.cp); };
    for (std::size_t i = 0; i + 1 < cs.size(); ++i) {
        bool a_wide = wide(cs[i]), b_wide = wide(cs[i + 1]);
        bool a_word = word(cs[i]), b_word = word(cs[i + 1]);
        if ((a_wide && b_word && cs[i].punct == Punct::none) || (a_word && b_wide && cs[i + 1].punct == Punct::none)) {
            cs[i].width += style.latin_gap_em * size;
        }
    }
}

// The hanging marker of a list item, shaped like the text.
struct Marker {
    const text::ShapedText* shaped = nullptr;  // the paragraph's, shaped once
    std::vector<Cluster> clusters;
    double width = 0;
};

Marker marked(const std::string& marker_text, const text::ShapedText& shaped, double size) {
    Marker m;
    if (marker_text.empty()) return m;
    m.shaped = &shaped;
    m.clusters = make_clusters(marker_text, shaped, size);
    for (const Cluster& c : m.clusters) m.width += c.width;
    return m;
}

// How much each gap of a line opens (justification) or each blank closes (追い込み), and how far
// the line moves right.
LineSpacing space_line(const std::vector<Cluster>& cs, const LineSpan& ls, std::size_t end, double avail_w,
                       parse::Align align, double size) {
    LineSpacing sp;
    sp.extra.assign(end - ls.begin, 0.0);
    sp.squeeze.assign(end - ls.begin, 0.0);
    double slack = avail_w - ls.natural;
    if (ls.shrink_needed > 0) {
        double s = shrink_of(cs, ls.begin, end);
        for (std::size_t k = ls.begin; k < end; ++k) sp.squeeze[k - ls.begin] = s > 0 ? cs[k].shrink * ls.shrink_needed / s : 0;
        slack = 0;
    }
    bool spread = (align == parse::Align::justify && !ls.last && slack > epsilon) ||
                  (align == parse::Align::distribute && slack > epsilon);
    if (spread) {
        // JLREQ 3.8.3: open word spaces first and between ideographs next, never inside a
        // Latin word; distribution (均等割付) opens every gap alike.
        std::vector<std::size_t> gaps;
        for (std::size_t k = ls.begin; k + 1 < end; ++k) {
            if (cs[k].invisible) continue;
            // Between two narrow characters (a Latin word, a number, a URL) no gap opens;
            // word spaces and the gaps beside Japanese characters do.
            bool inside_word = !jlreq::is_wide(cs[k].cp) && !jlreq::is_wide(cs[k + 1].cp) && !cs[k].space &&
                               !cs[k + 1].space;
            if (align == parse::Align::distribute || !inside_word) gaps.push_back(k);
        }
        if (!gaps.empty()) {
            // A justified line opens each gap by half an em at most: past that a line reads
            // as scattered characters, so it is left short instead (it happens only when a
            // long unbreakable word was pushed to the next line).
            double each = slack / static_cast<double>(gaps.size());
            if (align == parse::Align::justify) each = std::min(each, max_gap_em * size);
            for (std::size_t k : gaps) sp.extra[k - ls.begin] = each;
            slack -= each * static_cast<double>(gaps.size());
        }
    }
    if (slack > epsilon && align != parse::Align::left && align != parse::Align::justify) {
        sp.offset = align == parse::Align::right ? slack : slack / 2;
    }
    if (align == parse::Align::distribute && end - ls.begin == 1) sp.offset = slack / 2;
    return sp;
}

// The marker hangs at the start of the first line, left of where the text begins.
void place_marker(Line& line, const std::string& marker_text, const Marker& marker, const parse::Style& style,
                  double hsize, double size) {
    line.text = marker_text;
    double x = 0;
    for (const Cluster& c : marker.clusters) {
        std::size_t at = c.begin;
        for (std::uint32_t g = c.glyph_begin; g < c.glyph_end; ++g) {
            const auto& sg = marker.shaped->glyphs[g];
            PlacedGlyph pg;
            pg.gid = sg.gid;
            pg.font = static_cast<std::uint16_t>(style.fonts[sg.font]);
            pg.orientation = sg.orientation;
            pg.x = static_cast<float>(x - marker.width + sg.x_offset * hsize);
            pg.y_offset = static_cast<float>(sg.y_offset * size);
            assign_text(marker_text, c, g, 0, at, pg);
            line.glyphs.push_back(pg);
            x += sg.advance * hsize;
        }
    }
}

// Places the glyphs of the clusters [ls.begin, end) and returns the line's width.
double place_text(Line& line, const std::string& text, const text::ShapedText& shaped, const std::vector<Cluster>& cs,
                  const LineSpan& ls, std::size_t end, const LineSpacing& sp, const parse::Style& style, double hsize,
                  double size) {
    std::uint32_t text_base = static_cast<std::uint32_t>(line.text.size());
    std::uint32_t first_byte = ls.begin < end ? cs[ls.begin].begin : 0;
    std::uint32_t last_byte = ls.begin < end ? cs[end - 1].end : 0;
    line.text += text.substr(first_byte, last_byte - first_byte);
    double x = 0;
    for (std::size_t k = ls.begin; k < end; ++k) {
        const Cluster& c = cs[k];
        double sq = sp.squeeze[k - ls.begin];
        double shift = drawn_shift(c, sq);
        if (!c.invisible) {
            double gx = x - shift;
            std::size_t at = c.begin;
            for (std::uint32_t g = c.glyph_begin; g < c.glyph_end; ++g) {
                const auto& sg = shaped.glyphs[g];
                PlacedGlyph pg;
                pg.gid = sg.gid;
                pg.font = static_cast<std::uint16_t>(style.fonts[sg.font]);
                pg.orientation = sg.orientation;
                pg.x = static_cast<float>(gx + sg.x_offset * hsize);
                pg.y_offset = static_cast<float>(sg.y_offset * size);
                assign_text(text, c, g, text_base - first_byte, at, pg);
                line.glyphs.push_back(pg);
                gx += sg.advance * hsize;
            }
        }
        x += c.width - sq + sp.extra[k - ls.begin];
    }
    return x;
}

// 追い込み at its limit: every blank of full-width punctuation that JLREQ lets a line squeeze is
// squeezed out, the half-em beside 、。「」 and the quarters beside ・ (a box's text that must fit).
void squeeze_all(std::vector<Cluster>& cs) {
    for (Cluster& c : cs) {
        if (c.shrink <= 0) continue;
        c.width -= c.shrink;
        if (c.punct == Punct::opening) c.shift += c.shrink;
        else if (c.punct == Punct::middle_dot) c.shift += c.shrink / 2;
        c.shrink = 0;
    }
}

// What the lines of one paragraph share: its text, glyphs and clusters, in the sizes they are set at.
struct SetParagraph {
    const bind::Paragraph& p;
    const parse::Style& style;
    const text::ShapedText& shaped;
    const Marker& marker;
    const std::vector<Cluster>& cs;
    double width, size, hsize, indent;
    float scale;

    // The width line k may take: the first has the indent, every one leaves the marker its room.
    double avail(std::size_t line) const { return width - marker.width - (line == 0 ? indent : 0); }
};

bool mixes_orientations(const Line& line) {
    return std::any_of(line.glyphs.begin(), line.glyphs.end(),
                       [](const PlacedGlyph& g) { return g.orientation != text::Orientation::along; });
}

std::vector<Line> make_lines(const SetParagraph& set, const std::vector<LineSpan>& spans, const text::FontMetrics& fm) {
    const bind::Paragraph& p = set.p;
    const std::vector<Cluster>& cs = set.cs;
    const std::string& text = p.text.text;
    const double size = set.size, hsize = set.hsize;
    const double pitch = size * set.style.line_pitch;
    // The em box (ascender to descender) centred in the line pitch: half the leading above.
    const double em_ascent = size * fm.ascender / static_cast<double>(fm.ascender - fm.descender);
    // A column's glyphs stand on its centre line, half the pitch from its right edge.
    const float baseline = static_cast<float>(p.vertical ? pitch / 2 : (pitch - size) / 2 + em_ascent);
    std::vector<Line> lines;
    for (std::size_t li = 0; li < spans.size(); ++li) {
        const LineSpan& ls = spans[li];
        Line line;
        line.vertical = p.vertical;
        line.size = static_cast<float>(size);
        line.scale = set.scale;
        line.height = static_cast<float>(pitch);
        line.baseline = baseline;
        double start = set.marker.width + (li == 0 ? set.indent : 0);

        // Trailing spaces are not drawn.
        std::size_t end = ls.end;
        while (end > ls.begin && cs[end - 1].space) --end;

        const LineSpacing sp = space_line(cs, ls, end, set.avail(li), set.style.align, hsize);
        line.left = static_cast<float>(start + sp.offset);
        const bool with_marker = li == 0 && !set.marker.clusters.empty();
        if (with_marker) place_marker(line, p.marker, set.marker, set.style, hsize, size);
        const auto marker_glyphs = static_cast<std::uint32_t>(line.glyphs.size());
        line.width = static_cast<float>(place_text(line, text, set.shaped, cs, ls, end, sp, set.style, hsize, size));
        line.node = p.node;
        if (with_marker) {
            line.marker_node = p.marker_node;
            line.marker_glyphs = marker_glyphs;
            line.marker_bytes = static_cast<std::uint32_t>(p.marker.size());
        }
        // The words spaces at the line's end are part of its text though not drawn: the text of
        // the lines joined is then the paragraph's.
        std::uint32_t first_byte = ls.begin < end ? cs[ls.begin].begin : 0;
        std::uint32_t last_byte = ls.begin < end ? cs[end - 1].end : 0;
        std::uint32_t next_byte = li + 1 < spans.size() ? cs[spans[li + 1].begin].begin : last_byte;
        // A column with turned or 縦中横 glyphs reads as set only to an extractor that knows both.
        if (ls.begin < end &&
            (!reads_as_set(cs, ls.begin, end, sp, hsize) || next_byte > last_byte || mixes_orientations(line))) {
            line.actual_text = text.substr(first_byte, next_byte - first_byte);
        }
        lines.push_back(std::move(line));
    }
    return lines;
}

}  // namespace

ShapedParagraph::ShapedParagraph(const bind::Paragraph& p, const SetContext& ctx) : paragraph_(p) {
    const parse::Style& style = ctx.layout.styles[p.style];
    for (int f : style.fonts) chain_.push_back(ctx.fonts[f]);
    const text::ShapeOptions shaping{p.vertical, style.tate_chu_yoko};
    text_ = text::shape(p.text.text, chain_, shaping);
    report_missing_glyphs(p, style, text_, ctx);
    if (!p.marker.empty()) marker_ = text::shape(p.marker, chain_, shaping);
    if (style.align != parse::Align::distribute) breaks_ = text::break_opportunities(p.text.text, text::BreakRules::japanese);
}

std::vector<Line> ShapedParagraph::set(double width, const SetContext& ctx, const Adjustment& adjust) const {
    const bind::Paragraph& p = paragraph_;
    const parse::Style& style = ctx.layout.styles[p.style];
    const double size = adjust.size > 0 ? adjust.size : style.size;
    // 長体: every advance and every space measured in ems is condensed alike; heights are not.
    // A column is not condensed (the fit cascade goes from squeezed to smaller).
    const double scale = p.vertical ? 1.0 : adjust.scale;
    const double hsize = size * scale;
    const std::string& text = p.text.text;

    const Marker marker = marked(p.marker, marker_, hsize);
    std::vector<Cluster> cs = make_clusters(text, text_, hsize);
    report_long_clusters(p, cs, ctx);
    pair_punctuation(cs, hsize);
    if (adjust.squeeze) squeeze_all(cs);
    add_latin_gaps(cs, style, hsize);

    const double indent = p.first_line_indent ? style.indent_em * hsize : 0;
    const SetParagraph set{p, style, text_, marker, cs, width, size, hsize, indent, static_cast<float>(scale)};

    std::vector<LineSpan> spans;
    if (style.align == parse::Align::distribute) {
        spans.push_back(LineSpan{0, cs.size(), width_of(cs, 0, cs.size()), 0, true});
        if (spans[0].natural > width + epsilon && !adjust.fitting) {
            ctx.diags.error(p.text.span_at(0), base::codes::text_too_wide_to_distribute,
                            "'" + text + "' is too long to be spread across its cell (" +
                                                   std::to_string(static_cast<int>(spans[0].natural / parse::mm)) + " mm of text in " +
                                                   std::to_string(static_cast<int>(width / parse::mm)) + " mm)",
                            "shorten the label or widen the column in the layout");
        }
    } else {
        spans = break_lines(cs, breaks_, [&](std::size_t line) { return set.avail(line); });
    }
    return make_lines(set, spans, chain_.front()->metrics());
}

std::vector<Line> set_paragraph(const bind::Paragraph& p, double width, const SetContext& ctx, const Adjustment& adjust) {
    return ShapedParagraph(p, ctx).set(width, ctx, adjust);
}

}  // namespace yoshiki::typeset
