// The bytes of PDF syntax that yoshiki writes itself (PDF 32000-1, 7.3): values, numbers of
// content streams and CMaps, strings. Fixed precision and no locale, so that the same document
// always gives the same bytes.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "pdf/object.hpp"

namespace yoshiki::pdf {

// How a reference is written: "12 0 R" for the object a Ref's index names.
using RefText = std::function<std::string(std::size_t index)>;

// A value as PDF syntax: "<< /Type /Font /W [ 1 [ 500 ] ] >>".
std::string syntax(const Value& value, const RefText& ref);
// An indirect object's body: the dictionary, or a stream with its dictionary, /Length and data.
std::string body(const Object& object, const RefText& ref);

// A number with at most `decimals` decimals, trailing zeros dropped ("12.5", "-3", "0").
void put_number(std::string& out, double v, int decimals = 2);
// Four upper-case hex digits.
void put_hex4(std::string& out, unsigned v);
// UTF-8 → UTF-16BE, without a byte order mark.
std::string utf16be(std::string_view utf8);
// A text string's bytes (PDF 32000-1, 7.9.2.2): UTF-16BE after its byte order mark.
std::string text_bytes(std::string_view utf8);
// A PDF string of any bytes, in hex: <FEFF…> for a text string's bytes, <…> for binary.
std::string hex_string(std::string_view bytes);
// A text string in hex: UTF-8 → <FEFF…>.
std::string text_string(std::string_view utf8);

}  // namespace yoshiki::pdf
