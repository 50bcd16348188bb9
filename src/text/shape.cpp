#include "text/shape.hpp"

#include <hb.h>

#include "base/utf8.hpp"
#include "text/font_handles.hpp"

namespace yoshiki::text {

bool is_variation_selector(char32_t cp) {
    return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) || (cp >= 0x180B && cp <= 0x180D);
}

bool is_default_ignorable(char32_t cp) {
    // Unicode's Default_Ignorable_Code_Point, the parts that occur in Japanese office text.
    return cp == 0x00AD || cp == 0x034F || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF || is_variation_selector(cp);
}

namespace {

struct Run {
    std::size_t start, end;  // bytes
    std::uint16_t font;
    Orientation orientation = Orientation::along;
};

// The runs of text each font of the chain sets; what no font has is noted in `out`.
std::vector<Run> font_runs(std::string_view text, const std::vector<const Font*>& chain, ShapedText& out) {
    // Font for each character (with its selector, if any); ignorables follow their neighbour.
    std::vector<Run> runs;
    std::size_t i = 0;
    std::uint16_t current = 0;
    while (i < text.size()) {
        std::size_t start = i;
        char32_t cp = base::utf8::next(text, i);
        std::size_t after_base = i;
        char32_t selector = 0;
        if (i < text.size()) {
            std::size_t k = i;
            char32_t next = base::utf8::next(text, k);
            if (is_variation_selector(next)) {
                selector = next;
                i = k;
            }
        }
        std::uint16_t font = current;
        if (!is_default_ignorable(cp)) {
            bool found = false;
            if (selector) {
                for (std::size_t f = 0; f < chain.size() && !found; ++f) {
                    if (chain[f]->variant_glyph(cp, selector)) {
                        font = static_cast<std::uint16_t>(f);
                        found = true;
                    }
                }
                if (!found) out.missing_variants.push_back({after_base, selector, cp});
            }
            for (std::size_t f = 0; f < chain.size() && !found; ++f) {
                if (chain[f]->glyph(cp)) {
                    font = static_cast<std::uint16_t>(f);
                    found = true;
                }
            }
            if (!found) {
                out.missing.push_back({start, cp});
                font = 0;
            }
        }
        current = font;
        if (!runs.empty() && runs.back().font == font && runs.back().end == start) {
            runs.back().end = i;
        } else {
            runs.push_back({start, i, font});
        }
    }
    return runs;
}

}  // namespace

bool upright_in_column(char32_t cp) {
    // UAX #50's U and Tu ranges, coarsely: what Japanese office text meets. Dashes and the
    // ellipsis (― …) are turned with the line rather than taken from a vertical form a font may lack.
    struct Range {
        char32_t first, last;
    };
    static constexpr Range upright[] = {
        {0x00A7, 0x00A7}, {0x00A9, 0x00A9}, {0x00AE, 0x00AE}, {0x00B1, 0x00B1}, {0x00BC, 0x00BE}, {0x00D7, 0x00D7},
        {0x00F7, 0x00F7}, {0x1100, 0x11FF}, {0x2016, 0x2016}, {0x2020, 0x2021}, {0x2030, 0x2031}, {0x203B, 0x203C},
        {0x2042, 0x2042}, {0x2047, 0x2049}, {0x2100, 0x218F}, {0x221E, 0x221E}, {0x2234, 0x2235}, {0x2300, 0x2307},
        {0x230C, 0x231F}, {0x2324, 0x232B}, {0x237D, 0x239A}, {0x23BE, 0x23CD}, {0x23CF, 0x23DB}, {0x23E2, 0x2422},
        {0x2424, 0x24FF}, {0x25A0, 0x2767}, {0x2776, 0x2793}, {0x2B12, 0x2B2F}, {0x2B50, 0x2B59}, {0x2E80, 0xA4CF},
        {0xA960, 0xA97F}, {0xAC00, 0xD7FF}, {0xE000, 0xFAFF}, {0xFE10, 0xFE1F}, {0xFE30, 0xFE6F}, {0xFF01, 0xFF0C},
        {0xFF0E, 0xFF1B}, {0xFF1F, 0xFF60}, {0xFF61, 0xFF9F}, {0xFFE0, 0xFFE7}, {0xFFF0, 0xFFFD}, {0x1F000, 0x1FAFF},
        {0x20000, 0x3FFFD},
    };
    for (const Range& r : upright) {
        if (cp < r.first) return false;
        if (cp <= r.last) return true;
    }
    return false;
}

namespace {

bool is_ascii_digit(char32_t cp) { return cp >= U'0' && cp <= U'9'; }

// A column's runs of one font split where the orientation changes: upright text, Latin turned
// sideways, and short numbers set across (縦中横). Ignorables go with their neighbour.
std::vector<Run> orientation_runs(std::string_view text, const std::vector<Run>& by_font, int tate_chu_yoko) {
    std::vector<Run> out;
    for (const Run& run : by_font) {
        std::size_t i = run.start;
        while (i < run.end) {
            const std::size_t start = i;
            char32_t cp = base::utf8::next(text, i);
            const bool up = upright_in_column(cp) || is_default_ignorable(cp);
            bool digits = is_ascii_digit(cp);
            std::size_t count = 1;
            for (std::size_t k = i; k < run.end;) {
                char32_t next = base::utf8::next(text, k);
                bool next_up = upright_in_column(next) || (is_default_ignorable(next) && up);
                if (next_up != up) break;
                digits = digits && is_ascii_digit(next);
                ++count;
                i = k;
            }
            Orientation o = up ? Orientation::along
                               : (digits && static_cast<int>(count) <= tate_chu_yoko ? Orientation::upright
                                                                                     : Orientation::sideways);
            out.push_back({start, i, run.font, o});
        }
    }
    return out;
}

// The glyphs of one run, from HarfBuzz's buffer to the positions along and across the text.
void take_glyphs(hb_buffer_t* buf, const Run& run, const Font& font, bool vertical, ShapedText& out) {
    unsigned n = 0;
    hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
    const float upem = static_cast<float>(font.metrics().units_per_em);
    const FontMetrics& m = font.metrics();
    float across_width = 0;  // 縦中横: the digits' width across the column
    for (unsigned g = 0; g < n; ++g) across_width += static_cast<float>(pos[g].x_advance) / upem;
    float pen = 0;
    for (unsigned g = 0; g < n; ++g) {
        ShapedGlyph sg;
        sg.gid = info[g].codepoint;
        sg.font = run.font;
        sg.orientation = vertical ? run.orientation : Orientation::along;
        sg.cluster = info[g].cluster;
        const float x_adv = static_cast<float>(pos[g].x_advance) / upem;
        const float dx = static_cast<float>(pos[g].x_offset) / upem, dy = static_cast<float>(pos[g].y_offset) / upem;
        if (!vertical) {
            sg.advance = x_adv;
            sg.x_offset = dx;
            sg.y_offset = dy;
        } else if (run.orientation == Orientation::along) {
            // HarfBuzz places a glyph's horizontal origin from the pen; the PDF draws it from its
            // vertical origin (/W2), so what is left is the font's own adjustment (vpal, marks).
            int ox = 0, oy = 0;
            font.vertical_origin(sg.gid, ox, oy);
            sg.advance = static_cast<float>(-pos[g].y_advance) / upem;
            sg.x_offset = -(dy + static_cast<float>(oy) / upem);
            sg.y_offset = dx + static_cast<float>(ox) / upem;
        } else if (run.orientation == Orientation::sideways) {
            // Turned clockwise, the glyphs' up is the column's right: the em box's middle goes on
            // the centre line.
            sg.advance = x_adv;
            sg.x_offset = dx;
            sg.y_offset = dy - static_cast<float>(m.ascender + m.descender) / 2 / upem;
        } else {
            // 縦中横: the digits share one em of the column, centred across it, on the baseline an
            // upright glyph there would have; the cluster is one, and advances once, at its end.
            int ox = 0, oy = 0;
            font.vertical_origin(sg.gid, ox, oy);
            sg.cluster = static_cast<std::uint32_t>(run.start);
            sg.advance = g + 1 == n ? 1.0f : 0.0f;
            sg.x_offset = static_cast<float>(oy) / upem - dy;
            sg.y_offset = pen - across_width / 2 + dx;
        }
        pen += x_adv;
        out.glyphs.push_back(sg);
    }
}

}  // namespace

ShapedText shape(std::string_view text, const std::vector<const Font*>& chain, const ShapeOptions& options) {
    ShapedText out;
    if (text.empty() || chain.empty()) return out;

    std::vector<Run> runs = font_runs(text, chain, out);
    if (options.vertical) runs = orientation_runs(text, runs, options.tate_chu_yoko);

    hb_feature_t half_width{};
    hb_feature_from_string("hwid", -1, &half_width);
    hb_buffer_t* buf = hb_buffer_create();
    for (const Run& run : runs) {
        hb_buffer_clear_contents(buf);
        // The whole text is given as context, so that shaping at run edges sees its neighbours.
        hb_buffer_add_utf8(buf, text.data(), static_cast<int>(text.size()), static_cast<unsigned>(run.start),
                           static_cast<int>(run.end - run.start));
        const bool down = options.vertical && run.orientation == Orientation::along;
        // Down the column HarfBuzz applies the font's vertical forms (vert, vrt2: 「」、。ー).
        hb_buffer_set_direction(buf, down ? HB_DIRECTION_TTB : HB_DIRECTION_LTR);
        hb_buffer_guess_segment_properties(buf);
        hb_buffer_set_language(buf, hb_language_from_string("ja", 2));
        const Font& font = *chain[run.font];
        // 縦中横 takes the half-width digits, two to the em.
        const bool across = options.vertical && run.orientation == Orientation::upright;
        hb_shape(font.handles().font, buf, across ? &half_width : nullptr, across ? 1 : 0);
        take_glyphs(buf, run, font, options.vertical, out);
    }
    hb_buffer_destroy(buf);
    return out;
}

}  // namespace yoshiki::text
