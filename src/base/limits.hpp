// Limits against hostile or mistaken input, in one place (as HarfBuzz keeps hb-limits.hh).
// Each limit, when hit, is a diagnostic, never a crash or an endless run.
#pragma once

#include <cstddef>

namespace yoshiki::base::limits {

// A department file is a few kilobytes; 16 MiB is far beyond any real one.
constexpr std::size_t max_file_bytes = 16u << 20;
// One field of text: a long paragraph is 1,000 characters; 100,000 bytes leaves room.
constexpr std::size_t max_text_bytes = 100'000;
// Sheets in one department file.
constexpr std::size_t max_sheets = 1'000;
// Pages of one department document: more means runaway input.
constexpr std::size_t max_pages = 2'000;
// Nesting depth of elements in an input or layout.
constexpr std::size_t max_depth = 32;

}  // namespace yoshiki::base::limits
