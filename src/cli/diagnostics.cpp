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

namespace {

// What the cascade did, in the words of the report: as set, squeezed, condensed 86 %, size 8.5 pt.
std::string fit_action(const BoxFitEntry& b) {
    char buf[64];
    std::string out;
    if (b.squeezed) out = "squeezed";
    if (b.scale < 1) {
        std::snprintf(buf, sizeof buf, "condensed %.0f %%", b.scale * 100);
        out += (out.empty() ? "" : ", ") + std::string(buf);
    }
    if (b.smaller) {
        std::snprintf(buf, sizeof buf, "size %g pt", b.size);
        out += (out.empty() ? "" : ", ") + std::string(buf);
    }
    return out.empty() ? "as set" : out;
}

}  // namespace

std::string fit_report_line(const BoxFitEntry& b, DiagnosticFormat format) {
    const std::string& label = b.label;
    if (format == DiagnosticFormat::json) {
        using nlohmann::ordered_json;
        ordered_json j;
        j["file"] = b.file;
        j["line"] = b.line > 0 ? ordered_json(b.line) : ordered_json(nullptr);
        j["column"] = b.line > 0 ? ordered_json(b.column) : ordered_json(nullptr);
        j["page"] = b.page;
        j["field"] = b.label;
        j["squeezed"] = b.squeezed;
        j["scale"] = b.scale;
        j["size"] = b.size;
        j["smaller"] = b.smaller;
        j["lines"] = b.lines;
        j["max_lines"] = b.max_lines;
        j["fullness"] = b.fullness;
        return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace) + "\n";
    }
    char fill[96];
    std::snprintf(fill, sizeof fill, "%d of %d line%s, %.0f %% full", b.lines, b.max_lines, b.max_lines == 1 ? "" : "s",
                  b.fullness * 100);
    std::string where = b.file + (b.line > 0 ? ":" + std::to_string(b.line) + ":" + std::to_string(b.column) : "");
    return where + ": page " + std::to_string(b.page) + ": " + label + ": " + fit_action(b) +
           ", " + fill + "\n";
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
