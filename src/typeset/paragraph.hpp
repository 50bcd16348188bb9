// Sets one paragraph into lines: shaping, Japanese line breaking with 禁則処理 (with 追い込み and
// 追い出し), punctuation spacing (約物), justification (両端揃え) and distribution (均等割付).
#pragma once

#include <vector>

#include "base/source.hpp"
#include "bind/document.hpp"
#include "parse/form_layout.hpp"
#include "text/font.hpp"
#include "typeset/flow.hpp"

namespace yoshiki::typeset {

struct SetContext {
    const parse::FormLayout& layout;
    const std::vector<const text::Font*>& fonts;  // by the layout's font index
    base::Diagnostics& diags;
};

// Lines of a paragraph set in the given width (pt). Characters no font has are errors naming the
// character and its place in the input; a label that cannot be distributed in one line is an error.
std::vector<Line> set_paragraph(const bind::Paragraph& paragraph, double width, const SetContext& ctx,
                                const Adjustment& adjust = {});

}  // namespace yoshiki::typeset
