// Font subsetting for embedding, with HarfBuzz's subsetter (hb-subset).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "text/font.hpp"

namespace yoshiki::text {

struct FontSubset {
    std::string bytes;                    // a TrueType font program with only the glyphs asked for
    std::vector<std::uint32_t> new_gids;  // for each requested glyph, its id in the subset
};

// Keeps the glyphs (and what composite glyphs need), drops hinting and layout tables a PDF
// viewer never reads. With retain_gids, each glyph keeps its id (the others become empty): the
// subset of a CFF font, whose glyph ids a PDF uses as CIDs. Empty bytes on failure.
FontSubset subset(const Font& font, const std::vector<std::uint32_t>& gids, bool retain_gids = false);

// A subset whose glyph k draws glyph order[k] of the font (order[0] is .notdef, 0), so that a
// PDF can use its character codes as glyph ids (/CIDToGIDMap /Identity). A glyph that appears
// again later in order (one glyph for several characters: 〜 and ～) becomes a one-component
// composite of its first place, 16 bytes. Any glyph that composite glyphs of the font need is
// put after the ordered ones. Empty when the font has no TrueType outlines (glyf) to reorder.
std::string subset_in_order(const Font& font, const std::vector<std::uint32_t>& order);

}  // namespace yoshiki::text
