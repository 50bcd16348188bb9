#include "base/source.hpp"

#include <cstdio>

#include "base/utf8.hpp"

namespace yoshiki {

std::string Diagnostic::format() const {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
    out += severity == Severity::error ? ": error: " : ": warning: ";
    out += message;
    if (!hint.empty()) out += "\n  hint: " + hint;
    return out;
}

}  // namespace yoshiki

namespace yoshiki::base {

std::pair<int, int> SourceFile::line_column(std::size_t offset) const {
    if (offset > text.size()) offset = text.size();
    int line = 1;
    std::size_t line_start = 0;
    // A line ends at LF, CRLF or a lone CR (XML reads all three as one line end; so do editors).
    for (std::size_t i = 0; i < offset; ++i) {
        bool crlf = text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
        if (text[i] == '\n' || (text[i] == '\r' && !crlf)) {
            ++line;
            line_start = i + 1;
        }
    }
    // Columns count characters: a clerk's editor shows 10 kanji as 10 columns, not 30 bytes.
    int column = 1;
    for (std::size_t i = line_start; i < offset; ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
    }
    return {line, column};
}

void Diagnostics::add(Diagnostic::Severity severity, const Span& span, std::string message, std::string hint) {
    Diagnostic d;
    d.severity = severity;
    if (span.file) {
        d.file = span.file->path;
        auto [line, column] = span.file->line_column(span.offset);
        d.line = line;
        d.column = column;
    } else {
        d.file = "yoshiki";
    }
    d.message = std::move(message);
    d.hint = std::move(hint);
    if (severity == Diagnostic::Severity::error) ++errors_;
    items_.push_back(std::move(d));
}

void Diagnostics::error(const Span& span, std::string message, std::string hint) {
    add(Diagnostic::Severity::error, span, std::move(message), std::move(hint));
}

void Diagnostics::warning(const Span& span, std::string message, std::string hint) {
    add(Diagnostic::Severity::warning, span, std::move(message), std::move(hint));
}

void Diagnostics::file_error(const std::string& path, std::string message, std::string hint) {
    Diagnostic d;
    d.file = path;
    d.message = std::move(message);
    d.hint = std::move(hint);
    ++errors_;
    items_.push_back(std::move(d));
}

std::string describe_code_point(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    std::string shown;
    // Control characters are named by code only; printing them would garble the terminal.
    if (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0)) shown = "「" + utf8::encode(cp) + "」 ";
    return shown + "(" + buf + ")";
}

}  // namespace yoshiki::base
