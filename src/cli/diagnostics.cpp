#include "cli/diagnostics.hpp"

#include <nlohmann/json.hpp>

namespace yoshiki::cli {

Diagnostic finding(const std::string& file, base::Code code, std::string message, std::string hint) {
    Diagnostic d;
    d.file = file;
    d.code = code.name;
    d.message = std::move(message);
    d.hint = std::move(hint);
    return d;
}

std::string json_line(const Diagnostic& d) {
    using nlohmann::ordered_json;  // the members in the order docs/diagnostics.md lists them
    const bool placed = d.line > 0;
    ordered_json j;
    j["file"] = d.file;
    j["line"] = placed ? ordered_json(d.line) : ordered_json(nullptr);
    j["column"] = placed ? ordered_json(d.column) : ordered_json(nullptr);
    j["offset"] = d.offset != Diagnostic::whole_file ? ordered_json(d.offset) : ordered_json(nullptr);
    j["severity"] = d.severity == Diagnostic::Severity::error ? "error" : "warning";
    j["code"] = d.code;
    j["message"] = d.message;
    j["hint"] = d.hint.empty() ? ordered_json(nullptr) : ordered_json(d.hint);
    // On one line, UTF-8 as it is; a byte of a file name that is not UTF-8 becomes U+FFFD rather
    // than an exception, so that every finding is printed.
    return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

std::string formatted(const Diagnostic& d, DiagnosticFormat format) {
    return (format == DiagnosticFormat::json ? json_line(d) : d.format()) + "\n";
}

bool print_diagnostics(const std::vector<Diagnostic>& diagnostics, DiagnosticFormat format, std::ostream& out) {
    bool errors = false;
    for (const Diagnostic& d : diagnostics) {
        out << formatted(d, format);
        errors |= d.severity == Diagnostic::Severity::error;
    }
    return errors;
}

}  // namespace yoshiki::cli
