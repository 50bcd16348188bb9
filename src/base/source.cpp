#include "base/source.hpp"

#include <algorithm>
#include <cstdio>

#include "base/limits.hpp"
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

namespace {

bool is_char_start(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

// Whether a line starts at p: after LF, or after a CR that no LF follows (XML reads LF, CRLF and
// a lone CR as one line end each; so do editors).
bool starts_line(std::string_view t, std::size_t p) {
    if (p == 0 || p > t.size()) return false;
    char before = t[p - 1];
    return before == '\n' || (before == '\r' && (p == t.size() || t[p] != '\n'));
}

}  // namespace

SourceFile::SourceFile(std::string p, std::string bytes, std::size_t skip)
    : path(std::move(p)), bytes_(std::move(bytes)), skip_(std::min(skip, bytes_.size())) {
    index_lines();
}

SourceFile::SourceFile(std::string p, std::string bytes, std::size_t skip, encoding::Decoded decoded)
    : path(std::move(p)), bytes_(std::move(bytes)), skip_(std::min(skip, bytes_.size())), decoded_(true),
      decoding_(std::move(decoded)) {
    index_lines();
}

std::string_view SourceFile::text() const {
    if (decoded_) return decoding_.text;
    return std::string_view(bytes_).substr(skip_);
}

void SourceFile::index_lines() {
    const std::string_view t = text();
    blocks_.clear();
    blocks_.reserve(t.size() / block_bytes + 1);
    Block b;
    blocks_.push_back(b);
    for (std::size_t p = 1; p <= t.size(); ++p) {
        if (is_char_start(t[p - 1])) ++b.chars;
        if (starts_line(t, p)) {
            ++b.lines;
            b.line_start = p;
        }
        if (p % block_bytes == 0) blocks_.push_back(b);
    }
}

std::size_t SourceFile::chars_before(std::size_t offset) const {
    const std::string_view t = text();
    std::size_t k = offset / block_bytes;
    std::size_t n = blocks_[k].chars;
    for (std::size_t i = k * block_bytes; i < offset; ++i) n += is_char_start(t[i]);
    return n;
}

std::pair<int, int> SourceFile::line_column(std::size_t offset) const {
    const std::string_view t = text();
    if (offset > t.size()) offset = t.size();
    std::size_t k = offset / block_bytes;
    Block b = blocks_[k];
    for (std::size_t p = k * block_bytes + 1; p <= offset; ++p) {
        if (starts_line(t, p)) {
            ++b.lines;
            b.line_start = p;
        }
    }
    // Columns count characters: a clerk's editor shows 10 kanji as 10 columns, not 30 bytes.
    std::size_t column = chars_before(offset) - chars_before(b.line_start) + 1;
    return {static_cast<int>(b.lines + 1), static_cast<int>(column)};
}

std::size_t SourceFile::file_offset(std::size_t offset) const {
    const std::string_view t = text();
    if (offset > t.size()) offset = t.size();
    if (!decoded_) return skip_ + offset;
    return skip_ + encoding::byte_offset(std::string_view(bytes_).substr(skip_), decoding_, offset);
}

bool Diagnostics::listed(const std::string& file, Diagnostic::Severity severity) {
    if (severity == Diagnostic::Severity::error) ++errors_;
    Count& count = per_file_[file];
    if (count.listed < limits::max_diagnostics_per_file) {
        ++count.listed;
        return true;
    }
    if (severity == Diagnostic::Severity::error) ++count.errors_left_out;
    else ++count.warnings_left_out;
    return false;
}

bool Diagnostics::listed(const Span& span, Diagnostic::Severity severity) {
    static const std::string program = "yoshiki";
    return listed(span.file ? span.file->path : program, severity);
}

void Diagnostics::record(Diagnostic::Severity severity, const Span& span, std::string code, std::string message,
                         std::string hint) {
    Diagnostic d;
    d.severity = severity;
    d.file = span.file ? span.file->path : "yoshiki";
    if (span.file) {
        auto [line, column] = span.file->line_column(span.offset);
        d.line = line;
        d.column = column;
        d.offset = span.file->file_offset(span.offset);
    }
    d.code = std::move(code);
    d.message = std::move(message);
    d.hint = std::move(hint);
    items_.push_back(std::move(d));
}

// Past the limit nothing is computed: a file of a million mistakes costs a count each.
void Diagnostics::error(const Span& span, Code code, std::string message, std::string hint) {
    if (listed(span, Diagnostic::Severity::error)) record(Diagnostic::Severity::error, span, code.name, std::move(message), std::move(hint));
}

void Diagnostics::error_at(const Span& span, const Diagnostic& made) {
    if (listed(span, Diagnostic::Severity::error)) record(Diagnostic::Severity::error, span, made.code, made.message, made.hint);
}

void Diagnostics::warning(const Span& span, Code code, std::string message, std::string hint) {
    if (listed(span, Diagnostic::Severity::warning)) {
        record(Diagnostic::Severity::warning, span, code.name, std::move(message), std::move(hint));
    }
}

void Diagnostics::file_error(const std::string& path, Code code, std::string message, std::string hint) {
    if (!listed(path, Diagnostic::Severity::error)) return;
    Diagnostic d;
    d.file = path;
    d.code = code.name;
    d.message = std::move(message);
    d.hint = std::move(hint);
    items_.push_back(std::move(d));
}

namespace {

std::string counted(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::vector<Diagnostic> Diagnostics::take() {
    for (const auto& [file, count] : per_file_) {
        if (count.errors_left_out == 0 && count.warnings_left_out == 0) continue;
        Diagnostic d;
        d.severity = count.errors_left_out > 0 ? Diagnostic::Severity::error : Diagnostic::Severity::warning;
        d.file = file;
        d.code = codes::too_many_diagnostics.name;
        std::string more;
        if (count.errors_left_out > 0) more = counted(count.errors_left_out, "more error", "more errors");
        if (count.errors_left_out > 0 && count.warnings_left_out > 0) more += " and ";
        if (count.warnings_left_out > 0) more += counted(count.warnings_left_out, "more warning", "more warnings");
        bool one = count.errors_left_out + count.warnings_left_out == 1;
        d.message = more + " in this file " + (one ? "is" : "are") + " not listed (only the first " +
                    std::to_string(limits::max_diagnostics_per_file) + " are)";
        d.hint = "correct the mistakes above and check the file again";
        items_.push_back(std::move(d));
    }
    per_file_.clear();
    return std::move(items_);
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
