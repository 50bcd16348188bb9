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
// viewer never reads. Empty bytes on failure.
FontSubset subset(const Font& font, const std::vector<std::uint32_t>& gids);

}  // namespace yoshiki::text
