// The HarfBuzz side of a Font; private to src/text.
#pragma once

#include <hb.h>

#include "text/font.hpp"

namespace yoshiki::text {

struct Font::Handles {
    hb_blob_t* blob = nullptr;
    hb_face_t* face = nullptr;
    hb_font_t* font = nullptr;  // scaled to units_per_em: advances come out in font units
    ~Handles();
};

}  // namespace yoshiki::text
