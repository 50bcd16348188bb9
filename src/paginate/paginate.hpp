// Pagination: places the typeset flow on pages. Each sheet starts a page; a table that reaches
// the bottom margin is closed with its outer rule and reopened on the next page; a row taller
// than what is left is split between lines; a heading row is kept with the row after it.
#pragma once

#include <memory>
#include <vector>

#include "bind/document.hpp"
#include "paginate/paged_document.hpp"
#include "base/page.hpp"
#include "typeset/flow.hpp"

namespace yoshiki::paginate {

// The bound document's flow on pages of the layout's size: the document the writer takes, with
// what the document says of itself (its information, status, language, footer, structure).
PagedDocument paginate(bind::Document doc, const typeset::Flow& flow, const base::PageSpec& page);

// Appends the glyphs of typeset lines to a page, lines stacked from top (pt from the page top),
// columns (縦書き) from x, the right edge of the first, leftwards, all from top: as the content of
// their structure nodes, or (footer, draft mark) as the artifact given.
void place_lines(const std::vector<typeset::Line>& lines, double x, double top, Page& page, Artifact artifact);

}  // namespace yoshiki::paginate
