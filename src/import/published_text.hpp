// Import: the text a town publishes of its sheets (its website shows each sheet as the lines of
// its form: the title, the signer, a table row a line with its cells between tabs, paragraphs
// and lists as <p> and <ul> fragments) read back into input values. Nothing here knows a form:
// the lines are matched against what the layout prints, line by line, so that the layout that
// printed a sheet is the one that reads it (docs/input-format.md, "yoshiki import").
#pragma once

#include <string>
#include <vector>

#include "base/source.hpp"
#include "parse/form_layout.hpp"
#include "parse/form_values.hpp"

namespace yoshiki::import {

struct ImportedDepartment {
    std::string name;  // the department as its bookmark names it (the layout's department-outline)
    base::Span at;     // where its first sheet starts in the text
    parse::FormDocument form;
};

// The departments of the text, in the order they first come, each with its sheets in order. A
// department's values written once per file (its duties, its signer) are on each of its sheets
// and must agree. Empty, with the reason in diags, on the first line that is not what the layout
// prints there, or when the layout has a part that cannot be read back from text.
std::vector<ImportedDepartment> read_published_text(const base::SourcePtr& text, const parse::FormLayout& layout,
                                                    base::Diagnostics& diags);

}  // namespace yoshiki::import
