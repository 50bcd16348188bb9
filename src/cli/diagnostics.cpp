#include "cli/diagnostics.hpp"

#include <cstdio>

#include "base/utf8.hpp"

namespace yoshiki::cli {

namespace {

// A JSON string (RFC 8259): quotes, backslashes and control characters escaped, everything
// else as it is in UTF-8, and a byte that begins no UTF-8 character as U+FFFD.
void append_string(std::string& out, std::string_view s) {
    out += '"';
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            std::size_t start = i;
            char32_t cp = base::utf8::next(s, i);
            if (cp == 0xFFFD && i - start == 1) out += base::utf8::encode(0xFFFD);
            else out.append(s, start, i - start);
            continue;
        }
        ++i;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20 || c == 0x7F) {
                    char escaped[8];
                    std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
                    out += escaped;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    out += '"';
}

void append_field(std::string& out, const char* name, const std::string& value) {
    out += out.size() > 1 ? ",\"" : "\"";
    out += name;
    out += "\":";
    append_string(out, value);
}

void append_number(std::string& out, const char* name, std::size_t value, bool known) {
    out += ",\"";
    out += name;
    out += "\":";
    out += known ? std::to_string(value) : "null";
}

}  // namespace

std::string json_line(const Diagnostic& d) {
    std::string out = "{";
    append_field(out, "file", d.file);
    bool placed = d.line > 0;
    append_number(out, "line", static_cast<std::size_t>(d.line), placed);
    append_number(out, "column", static_cast<std::size_t>(d.column), placed);
    append_number(out, "offset", d.offset, d.offset != Diagnostic::whole_file);
    append_field(out, "severity", d.severity == Diagnostic::Severity::error ? "error" : "warning");
    append_field(out, "code", d.code);
    append_field(out, "message", d.message);
    if (d.hint.empty()) out += ",\"hint\":null";
    else append_field(out, "hint", d.hint);
    out += '}';
    return out;
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
