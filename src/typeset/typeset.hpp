// Typesets a bound document: every paragraph into lines, every table into rows of measured height.
#pragma once

#include <vector>

#include "bind/document.hpp"
#include "parse/form_layout.hpp"
#include "text/font.hpp"
#include "typeset/flow.hpp"
#include "typeset/paragraph.hpp"

namespace yoshiki::typeset {

Flow typeset(const bind::Document& doc, const SetContext& ctx);

// The draft mark and the approval block of a document, set and placed. A text that does not fit
// its box, or a mark that meets the block, is an error at its place in the layout.
PageTemplate set_page_template(const bind::Document& doc, const SetContext& ctx);

// One paragraph set alone in a box (page footers).
std::vector<Line> set_text(const base::TracedText& text, int style, double width, const SetContext& ctx);

}  // namespace yoshiki::typeset
