// UTF-8 decoding and encoding: the one place that knows the byte layout of UTF-8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace yoshiki::base::utf8 {

// Decodes the code point at s[i] and advances i. Invalid sequences yield U+FFFD and advance by one byte.
char32_t next(std::string_view s, std::size_t& i);

// The byte offset of the first invalid sequence, or npos when s is valid UTF-8.
std::size_t find_invalid(std::string_view s);

std::string encode(char32_t cp);

// Number of code points.
std::size_t length(std::string_view s);

// s as a message quotes it: whole when short, else its first 60 bytes or so (whole characters)
// and "…": a name or value of a megabyte must not make a message of a megabyte.
std::string clip(std::string_view s);

}  // namespace yoshiki::base::utf8
