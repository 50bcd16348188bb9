// The appearance of a signed approval box: a 日付印 (date stamp) as approvers know it from paper,
// a red ring with the signer's title above, the date across the middle between two lines, and the
// name below. Vector drawing, and text in the layout's stamp style (its font, embedded as a
// subset with its ToUnicode map, so that the stamp's words can be found and copied). The text
// is made smaller where it would not fit its part of the ring.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/source.hpp"
#include "parse/form_layout.hpp"
#include "text/font.hpp"
#include "write/font_embedding.hpp"

namespace yoshiki::sign {

struct StampText {
    std::string title;  // 総務課長
    std::string date;   // 令和8.12.1
    std::string name;   // 酒巻 義一
};

struct Stamp {
    std::string content;   // the appearance stream's operators
    double width = 0, height = 0;
    std::deque<write::FontEmbedding> fonts;  // one per font drawn with, resource /S0, /S1 …
};

// The stamp drawn in a box of w × h pt. fonts: the layout's fonts by index (those of the stamp
// style's chain opened). A character no font has is an error in diags.
std::optional<Stamp> draw_stamp(const StampText& text, double w, double h, const parse::FormLayout& layout,
                                const std::vector<const text::Font*>& fonts, base::Diagnostics& diags);

// 令和8.12.1 for 2026-12-01: the date as a 日付印 prints it, in the Japanese era (和暦).
std::string stamp_date(int year, int month, int day);

}  // namespace yoshiki::sign
