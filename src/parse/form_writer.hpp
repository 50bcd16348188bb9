// Writes the values of the editor's form back into an input's XML (`yoshiki serve`), changing
// only what changed: an element whose value is the same is left byte for byte as it was, with its
// line breaks, references and comments; new elements are indented as their neighbours are.
// Comments and elements the form does not show stay where they are, so that saving a file without
// changes gives the same bytes, and saving again what was saved gives the same bytes again.
#pragma once

#include <optional>
#include <string>

#include "parse/form_layout.hpp"
#include "parse/form_values.hpp"

namespace yoshiki::parse {

// The new bytes of the input at path (UTF-8; a file in another encoding is written as UTF-8 and
// its declaration says so), or nullopt when the file is not well-formed XML, which diags report:
// then there is nothing to apply the values to. A sheet whose origin names no sheet of the file,
// or one named already, is written as a new sheet.
std::optional<std::string> write_form_values(const std::string& path, const std::string& bytes, const DataSchema& schema,
                                             const FormDocument& form, base::Diagnostics& diags);

// The text of a file (decoded to UTF-8) with its XML declaration naming UTF-8: what the editor shows
// of a Shift_JIS file to be edited as XML, and then saves in UTF-8.
std::string declared_as_utf8(std::string text);

// The input with its root's status set (draft, final) and, when asked, its date taken away;
// nothing else changes. nullopt when the file is not well-formed XML, which diags report.
std::optional<std::string> with_root_status(const std::string& path, const std::string& bytes, const std::string& status,
                                            bool drop_date, base::Diagnostics& diags);

// A new input holding only the root element (naming its layout, and its status when given:
// draft, final) and the form's values.
std::string new_form_file(const DataSchema& schema, const std::string& layout_reference, const FormDocument& form,
                          const std::string& status = {});

}  // namespace yoshiki::parse
