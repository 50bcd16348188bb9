// Sets one paragraph into lines: shaping, Japanese line breaking with 禁則処理 (with 追い込み and
// 追い出し), punctuation spacing (約物), justification (両端揃え) and distribution (均等割付).
#pragma once

#include <vector>

#include "base/source.hpp"
#include "bind/document.hpp"
#include "parse/form_layout.hpp"
#include "text/font.hpp"
#include "text/shape.hpp"
#include "typeset/flow.hpp"

namespace yoshiki::typeset {

struct SetContext {
    const parse::FormLayout& layout;
    const std::vector<const text::Font*>& fonts;  // by the layout's font index
    base::Diagnostics& diags;
};

// A paragraph shaped, with its break opportunities found: what no setting of it changes (glyph
// advances are in ems), so that the fit cascade sets one text many times for the cost of one
// shaping. Characters no font has are reported (errors naming the character and its place in the
// input) when it is made.
class ShapedParagraph {
public:
    ShapedParagraph(const bind::Paragraph& paragraph, const SetContext& ctx);
    // Its lines set in the given width (pt); a label that cannot be distributed in one line is an
    // error, reported to ctx.
    std::vector<Line> set(double width, const SetContext& ctx, const Adjustment& adjust = {}) const;

private:
    const bind::Paragraph& paragraph_;
    std::vector<const text::Font*> chain_;
    text::ShapedText text_, marker_;
    std::vector<std::uint8_t> breaks_;
};

// Lines of a paragraph set in the given width (pt): shaped and set once.
std::vector<Line> set_paragraph(const bind::Paragraph& paragraph, double width, const SetContext& ctx,
                                const Adjustment& adjust = {});

}  // namespace yoshiki::typeset
