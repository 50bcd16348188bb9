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

ShapedText shape(std::string_view text, const std::vector<const Font*>& chain) {
    ShapedText out;
    if (text.empty() || chain.empty()) return out;

    std::vector<Run> runs = font_runs(text, chain, out);

    hb_buffer_t* buf = hb_buffer_create();
    for (const Run& run : runs) {
        hb_buffer_clear_contents(buf);
        // The whole text is given as context, so that shaping at run edges sees its neighbours.
        hb_buffer_add_utf8(buf, text.data(), static_cast<int>(text.size()), static_cast<unsigned>(run.start),
                           static_cast<int>(run.end - run.start));
        hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
        hb_buffer_guess_segment_properties(buf);
        hb_buffer_set_language(buf, hb_language_from_string("ja", 2));
        const Font& font = *chain[run.font];
        hb_shape(font.handles().font, buf, nullptr, 0);
        unsigned n = 0;
        hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
        hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
        float upem = static_cast<float>(font.metrics().units_per_em);
        for (unsigned g = 0; g < n; ++g) {
            ShapedGlyph sg;
            sg.gid = info[g].codepoint;
            sg.font = run.font;
            sg.advance = static_cast<float>(pos[g].x_advance) / upem;
            sg.x_offset = static_cast<float>(pos[g].x_offset) / upem;
            sg.y_offset = static_cast<float>(pos[g].y_offset) / upem;
            sg.cluster = info[g].cluster;
            out.glyphs.push_back(sg);
        }
    }
    hb_buffer_destroy(buf);
    return out;
}

}  // namespace yoshiki::text
