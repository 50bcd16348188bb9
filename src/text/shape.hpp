// Shaping: text → glyphs, with HarfBuzz, choosing for each character the first font of the
// style's chain that has it (IPAex, then IPAmj明朝 for the rare kanji of names).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "text/font.hpp"

namespace yoshiki::text {

// How a glyph stands in a column of vertical text (縦書き, JLREQ 3.1 and UAX #50).
enum class Orientation : std::uint8_t {
    along,     // in a line, as set; in a column, upright with the font's vertical forms (vert) and metrics
    sideways,  // in a column, a Latin word or a long number: set as in a line, turned 90° clockwise
    upright,   // in a column, 縦中横: a short number's digits side by side across the column, in one em
};

// Offsets and advances are along the text and across it: in a line, right and up; in a column,
// down and right (from the column's centre line, where the pen of a column goes).
struct ShapedGlyph {
    std::uint32_t gid = 0;
    std::uint16_t font = 0;   // index into the chain
    Orientation orientation = Orientation::along;
    float advance = 0;        // along the text, in em (1.0 = the text size)
    float x_offset = 0, y_offset = 0;  // along and across
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

struct ShapeOptions {
    bool vertical = false;  // set in a column (縦書き)
    // In a column: a number of at most this many digits (ASCII) is set upright across it (縦中横),
    // a longer one sideways with the Latin around it; 0 sets every number sideways.
    int tate_chu_yoko = 0;
};

ShapedText shape(std::string_view text, const std::vector<const Font*>& chain, const ShapeOptions& options = {});

// Whether a character stands upright in a column (UAX #50's U and Tu: CJK, kana, full-width
// forms, symbols of Japanese text such as ※ ○ ①), rather than turned with Latin text.
bool upright_in_column(char32_t cp);

// Characters that are never drawn (zero-width space, joiners, variation selectors …).
bool is_default_ignorable(char32_t cp);
bool is_variation_selector(char32_t cp);

}  // namespace yoshiki::text
