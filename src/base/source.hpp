// Source files and spans: where each piece of data came from, so that every finding names
// file:line:column. A file keeps the bytes it was read as, its UTF-8 text, and an index of its
// lines built once, so that a finding's line and column cost the same in a 16 MiB file as in a
// small one.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/codes.hpp"
#include "base/encoding.hpp"
#include "yoshiki/yoshiki.hpp"

namespace yoshiki::base {

// One input, layout or other file: its name as given, the bytes as read (before any decoding;
// an archive embeds them as they are), and its text in UTF-8, which every offset of a Span
// counts in.
class SourceFile {
public:
    // A UTF-8 file (or plain text made by a test): its text is its bytes after the first `skip`
    // (a byte order mark).
    SourceFile(std::string path, std::string bytes, std::size_t skip = 0);
    // A file decoded from another encoding, with the map from its text back to its bytes.
    SourceFile(std::string path, std::string bytes, std::size_t skip, encoding::Decoded decoded);

    const std::string path;

    std::string_view bytes() const { return bytes_; }
    std::string_view text() const;

    // 1-based line and column (in characters) of a byte offset into text.
    std::pair<int, int> line_column(std::size_t offset) const;
    // The byte offset in bytes() where the character at `offset` of text begins.
    std::size_t file_offset(std::size_t offset) const;

private:
    // Every 4 KiB of text: the line starts before it, the last one, and the characters before it.
    // A file of nothing but line ends would need 8 bytes per line for a table of line starts (128
    // MB at the size limit); this index costs 24 bytes per 4 KiB, and a lookup reads at most 4 KiB.
    struct Block {
        std::size_t lines = 0, line_start = 0, chars = 0;
    };
    static constexpr std::size_t block_bytes = 4096;

    void index_lines();
    std::size_t chars_before(std::size_t offset) const;

    std::string bytes_;
    std::size_t skip_ = 0;
    bool decoded_ = false;
    encoding::Decoded decoding_;  // the text and its map, when decoded
    std::vector<Block> blocks_;
};

using SourcePtr = std::shared_ptr<const SourceFile>;

// A place in a source file. A null file means "made by the program" (no location).
struct Span {
    SourcePtr file;
    std::size_t offset = 0;

    Span at(std::size_t delta) const { return Span{file, offset + delta}; }
};

// Collects findings of all stages. Stages report every error of a file, not just the first; past
// limits::max_diagnostics_per_file findings of one file, the rest are only counted, and take()
// closes with one line saying how many there were.
class Diagnostics {
public:
    void error(const Span& span, Code code, std::string message, std::string hint = {});
    void warning(const Span& span, Code code, std::string message, std::string hint = {});
    // A finding about a whole file (unreadable, missing): no line or column.
    void file_error(const std::string& path, Code code, std::string message, std::string hint = {});
    // An error whose message and hint make() returns, called only if the error is listed: for
    // findings that come by the hundred thousand (unknown elements), past the limit a count.
    template <typename Make>
    void error_made(const Span& span, Code code, Make make) {
        if (!listed(span, Diagnostic::Severity::error)) return;
        auto [message, hint] = make();
        record(Diagnostic::Severity::error, span, code.name, std::move(message), std::move(hint));
    }

    // A finding a caller of the public API made (a callback's failure: its code, message and
    // hint), placed at span.
    void error_at(const Span& span, const Diagnostic& made);

    bool has_errors() const { return errors_ > 0; }
    int error_count() const { return errors_; }
    // The findings listed so far (without the closing count of those left out).
    const std::vector<Diagnostic>& all() const { return items_; }
    // Every finding listed, then for each file with more than the limit, one line counting the rest.
    std::vector<Diagnostic> take();

private:
    // Counts a finding; true if it is to be listed.
    bool listed(const Span& span, Diagnostic::Severity severity);
    bool listed(const std::string& file, Diagnostic::Severity severity);
    void record(Diagnostic::Severity severity, const Span& span, std::string code, std::string message, std::string hint);

    struct Count {
        std::size_t listed = 0, errors_left_out = 0, warnings_left_out = 0;
    };
    std::vector<Diagnostic> items_;
    std::map<std::string, Count> per_file_;
    int errors_ = 0;
};

// A code point as a clerk can look it up: 「髙」 (U+9AD9).
std::string describe_code_point(char32_t cp);

}  // namespace yoshiki::base
