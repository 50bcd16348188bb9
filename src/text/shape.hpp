// Shaping: text → glyphs, with HarfBuzz, choosing for each character the first font of the
// style's chain that has it (IPAex, then IPAmj明朝 for the rare kanji of names).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "text/font.hpp"

namespace yoshiki::text {

struct ShapedGlyph {
    std::uint32_t gid = 0;
    std::uint16_t font = 0;   // index into the chain
    float advance = 0;        // in em (1.0 = the text size)
    float x_offset = 0, y_offset = 0;
    std::uint32_t cluster = 0;  // byte offset of the cluster's first character in the text
};

struct ShapeProblem {
    std::size_t offset;  // byte offset in the text
    char32_t cp;         // the character, or for a variant, the selector
    char32_t base = 0;   // for a variant: its base character
};

struct ShapedText {
    std::vector<ShapedGlyph> glyphs;      // in visual (= logical, left-to-right) order
    std::vector<ShapeProblem> missing;    // characters no font of the chain has
    std::vector<ShapeProblem> missing_variants;  // IVS no font has: drawn with the base glyph
};

ShapedText shape(std::string_view text, const std::vector<const Font*>& chain);

// Characters that are never drawn (zero-width space, joiners, variation selectors …).
bool is_default_ignorable(char32_t cp);
bool is_variation_selector(char32_t cp);

}  // namespace yoshiki::text
