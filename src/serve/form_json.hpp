// The editor's JSON (nlohmann-json, used by this stage only): a layout's fields as the form the
// page builds, an input's values, and back. The page knows no form: everything it shows comes
// from schema_json, so that a second layout gets its editor with no new code.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "base/failure.hpp"
#include "parse/form_layout.hpp"
#include "parse/form_values.hpp"

namespace yoshiki::serve {

// {"root", "sheet": {"name", "label"}, "shared": [field…], "per_sheet": [field…]}, a field being
// {"name", "path", "label", "kind": "text"|"blocks"|"group", "required", "fiscal_year",
//  "attributes": [{"name", "path", "label", "required", "fiscal_year"}], "children": [field…]}.
nlohmann::json schema_json(const parse::DataSchema& schema);

// {"shared": values, "sheets": [{"origin": n|null, "values": values}]}, values being an object
// from path to a string (text fields and attributes) or an array of blocks
// ({"kind": "p"|"item"|"list", "text", "numbering", "items": [string…]}).
nlohmann::json values_json(const parse::FormDocument& form);

// The values a page sent, checked for their shape (not their content: that is yoshiki check's);
// nullopt with the failure set (request-invalid) when they are not a form's values.
std::optional<parse::FormDocument> form_from_json(const nlohmann::json& json, base::Failure& failure);

}  // namespace yoshiki::serve
