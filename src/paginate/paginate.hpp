// Pagination: places the typeset flow on pages. Each sheet starts a page; a table that reaches
// the bottom margin is closed with its outer rule and reopened on the next page; a row taller
// than what is left is split between lines; a heading row is kept with the row after it.
#pragma once

#include <memory>
#include <vector>

#include "bind/document.hpp"
#include "paginate/paged_document.hpp"
#include "parse/form_layout.hpp"
#include "typeset/flow.hpp"

namespace yoshiki::paginate {

std::vector<Page> paginate(const typeset::Flow& flow, const parse::PageSpec& page, std::vector<OutlineEntry>& sheets);

// Appends the glyphs of typeset lines to a page, lines stacked from top (pt from the page top):
// as the content of their structure nodes, or (footer, draft mark) as the artifact given.
void place_lines(const std::vector<typeset::Line>& lines, double x, double top, Page& page, Artifact artifact);

}  // namespace yoshiki::paginate
