// A page's size and margins and the vertical alignment of a cell: what a layout says and
// pagination places by. Kept here, below both, so that paginate needs none of parse's types.
#pragma once

namespace yoshiki::base {

// Lengths are in PostScript points (1/72 inch) throughout yoshiki.
constexpr double mm = 72.0 / 25.4;

struct PageSpec {
    double width = 210 * mm, height = 297 * mm;
    double margin_top = 15 * mm, margin_bottom = 15 * mm, margin_left = 20 * mm, margin_right = 20 * mm;
    // writing-mode="vertical" (縦書き): the flow is set in columns from the right margin leftwards,
    // boxes are vertical unless they say otherwise, and the page reads from right to left.
    bool vertical = false;
};

enum class VAlign { top, middle, bottom };

}  // namespace yoshiki::base
