// Reads an input file (one department's sheets) and checks it against the form's fields.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "parse/form_layout.hpp"
#include "parse/sheet_data.hpp"
#include "parse/xml.hpp"

namespace yoshiki::parse {

// The layout the input names, as written (a name such as "goal-sheet", or a path relative to the
// input's folder: the driver finds the file), if any; where it is named goes to *named_at.
std::optional<std::string> named_layout(const XmlFile& file, base::Diagnostics& diags,
                                        base::Span* named_at = nullptr);

// Reads the values of a loaded input against the form's schema. Reports every unknown element
// or attribute, missing or empty required field and impossible year; nullopt if there were any.
std::optional<SheetData> read_sheet(const XmlFile& file, const DataSchema& schema, base::Diagnostics& diags);

// Collapses the white space of XML text as a clerk means it: line breaks between Japanese
// characters vanish, other runs of spaces become one space, ends are trimmed.
base::TracedText normalize_space(const base::TracedText& in);

}  // namespace yoshiki::parse
