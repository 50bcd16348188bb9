#include "base/traced_text.hpp"

#include <algorithm>

namespace yoshiki::base {

void TracedText::append(std::string_view piece, const Span& origin) {
    if (piece.empty()) return;
    marks.push_back(Mark{text.size(), origin});
    text.append(piece);
}

void TracedText::append(const TracedText& other) {
    std::size_t base = text.size();
    for (const Mark& m : other.marks) marks.push_back(Mark{base + m.at, m.span});
    text += other.text;
}

Span TracedText::span_at(std::size_t offset) const {
    auto it = std::upper_bound(marks.begin(), marks.end(), offset,
                               [](std::size_t off, const Mark& m) { return off < m.at; });
    if (it == marks.begin()) return marks.empty() ? Span{} : marks.front().span;
    --it;
    return it->span.at(offset - it->at);
}

}  // namespace yoshiki::base
