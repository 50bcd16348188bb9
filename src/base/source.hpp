// Source files and spans: where each piece of data came from, so that every finding names
// file:line:column. Line and column are computed only when a diagnostic is printed.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "yoshiki/yoshiki.hpp"

namespace yoshiki::base {

// The decoded (UTF-8) text of one input, layout or other file, with its name as given.
struct SourceFile {
    std::string path;
    std::string text;  // UTF-8, exactly as parsed (line ends untouched)

    // 1-based line and column (in characters) of a byte offset into text.
    std::pair<int, int> line_column(std::size_t offset) const;
};

using SourcePtr = std::shared_ptr<const SourceFile>;

// A place in a source file. A null file means "made by the program" (no location).
struct Span {
    SourcePtr file;
    std::size_t offset = 0;

    Span at(std::size_t delta) const { return Span{file, offset + delta}; }
};

// Collects findings of all stages. Stages report every error of a file, not just the first.
class Diagnostics {
public:
    void error(const Span& span, std::string message, std::string hint = {});
    void warning(const Span& span, std::string message, std::string hint = {});
    // A finding about a whole file (unreadable, missing): no line or column.
    void file_error(const std::string& path, std::string message, std::string hint = {});

    bool has_errors() const { return errors_ > 0; }
    int error_count() const { return errors_; }
    const std::vector<Diagnostic>& all() const { return items_; }
    std::vector<Diagnostic> take() { return std::move(items_); }

private:
    void add(Diagnostic::Severity severity, const Span& span, std::string message, std::string hint);
    std::vector<Diagnostic> items_;
    int errors_ = 0;
};

// A code point as a clerk can look it up: 「髙」 (U+9AD9).
std::string describe_code_point(char32_t cp);

}  // namespace yoshiki::base
