// The HarfBuzz side of a Font; private to src/text.
#pragma once

#include <hb.h>

#include <atomic>
#include <mutex>

#include "text/font.hpp"

namespace yoshiki::text {

struct Font::Handles {
    hb_blob_t* blob = nullptr;
    hb_face_t* face = nullptr;
    hb_font_t* font = nullptr;  // scaled to units_per_em: advances come out in font units
    // The face prepared for repeated subsetting (hb_subset_preprocess): made once a process has
    // subset this font a few times, i.e. in a batch, where it makes each subset ~6x faster; a
    // single render does not pay the 25 ms it costs.
    std::atomic<int> subsets{0};
    std::once_flag preprocess_once;
    hb_face_t* preprocessed = nullptr;
    ~Handles();
};

}  // namespace yoshiki::text
