// The fit cascade of a fixed box (docs/layout-language.md, "Fixed boxes"): a text that must fit a
// given width and height is set as its style says, then with its punctuation squeezed
// (追い込み), then condensed (長体) down to the style's condense-to, then smaller down to its
// shrink-to; a text that fits at none of them is an error at its field's place in the input.
#pragma once

#include <string>
#include <vector>

#include "bind/document.hpp"
#include "typeset/flow.hpp"
#include "typeset/paragraph.hpp"

namespace yoshiki::typeset {

struct FittedText {
    std::vector<Line> lines;
    Fit fit;
};

// Sets p into width × height (pt, inside any padding). Reports text-does-not-fit when even the
// floors leave lines over; the lines are then those set at the floors.
FittedText fit_paragraph(const bind::Paragraph& p, double width, double height, const SetContext& ctx);

}  // namespace yoshiki::typeset
