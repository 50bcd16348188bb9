// Findings as the editor shows them: each diagnostic of yoshiki check placed beside the field it
// concerns, and said in the words a clerk uses (Japanese, by the finding's stable code), with
// yoshiki check's own line kept for whoever maintains the files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <yoshiki/yoshiki.hpp>

#include "parse/field_locator.hpp"
#include "parse/form_layout.hpp"

namespace yoshiki::serve {

// What the finding says, in Japanese, without the field's label (the page shows it beside the
// field, under its label). in_input: the finding is about the input, not its layout or fonts.
std::string japanese_text(const Diagnostic& d, bool in_input);

// The findings of a check of `bytes` (the input named `name`, as checked), each with its place:
// {"severity": "error"|"warning", "code", "text" (Japanese), "message" (yoshiki check's line),
//  "hint", "line", "column", "place": {"sheet", "path", "block", "item"} or null}.
nlohmann::json findings_json(const std::vector<Diagnostic>& diags, const std::string& name, const std::string& bytes,
                             const parse::DataSchema* schema);

}  // namespace yoshiki::serve
