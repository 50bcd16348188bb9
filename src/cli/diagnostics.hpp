// How the command prints its findings on standard error: as people read them, or, with
// --diagnostics=json, as one JSON object a line for editors and scripts (docs/diagnostics.md),
// written by nlohmann/json.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <yoshiki/yoshiki.hpp>

#include "base/codes.hpp"

namespace yoshiki::cli {

enum class DiagnosticFormat {
    human,  // file:line:column: error: message, and "  hint: …" on a line of its own
    json,   // {"file":…,"line":…,"column":…,"offset":…,"severity":…,"code":…,"message":…,"hint":…}
};

// A finding of the command itself about a whole file or folder (an archive, a batch's folder),
// in the form of an input's: no line, no column.
Diagnostic finding(const std::string& file, base::Code code, std::string message, std::string hint = {});

// One finding as one JSON object on one line (no line end). A finding about a whole file has
// null line, column and offset; a finding without a hint, a null hint. Bytes of a name that are
// not UTF-8 (a file name from an older system) become U+FFFD: the line is always valid JSON.
std::string json_line(const Diagnostic& diagnostic);

// The finding in the form asked for, ending in a line end.
std::string formatted(const Diagnostic& diagnostic, DiagnosticFormat format);

// The fit report of `check --fit-report`, one line a box: "FILE:LINE:COLUMN: page 1: 名称: condensed
// 86 %, 3 of 3 lines, 97 % full", or one JSON object a line (docs/layout-language.md).
std::string fit_report_line(const BoxFitEntry& box, DiagnosticFormat format);

// Prints every finding; true if any of them is an error.
bool print_diagnostics(const std::vector<Diagnostic>& diagnostics, DiagnosticFormat format, std::ostream& out);

}  // namespace yoshiki::cli
