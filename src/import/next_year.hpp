// Next year's draft of an input: each field as its layout's next-year rule says (docs/layout-
// language.md, "Next year"): kept, a fiscal year moved on by one, made from this year's values
// by a template, or left empty for the clerk and marked to do with what to write. Nothing here
// knows a form: the rules are the layout's.
#pragma once

#include "base/source.hpp"
#include "parse/form_layout.hpp"
#include "parse/form_values.hpp"

namespace yoshiki::import {

// Next year's values from this year's. Every rule reads this year's values only, so that the
// order of the fields does not matter. A rule that cannot be applied (a fiscal year that does
// not read, a template naming a field the input does not have) is an error at the rule in the
// layout, and the values are then not to be written.
parse::FormDocument next_year_values(const parse::FormDocument& now, const parse::DataSchema& schema,
                                     base::Diagnostics& diags);

}  // namespace yoshiki::import
