// Text that remembers where each of its parts came from (input, layout), so that a finding
// about any character (a glyph no font has, say) points at that character in its file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/source.hpp"

namespace yoshiki::base {

struct TracedText {
    // From byte `at` of text on, bytes map one to one onto the source starting at `span`.
    struct Mark {
        std::size_t at = 0;
        Span span;
    };

    std::string text;
    std::vector<Mark> marks;

    void append(std::string_view piece, const Span& origin);
    void append(const TracedText& other);
    // Where the byte at `offset` of text came from.
    Span span_at(std::size_t offset) const;
    bool empty() const { return text.empty(); }
};

}  // namespace yoshiki::base
