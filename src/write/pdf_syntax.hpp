// The bytes of PDF syntax that yoshiki writes itself (content streams, CMaps, text strings): fixed
// precision and no locale, so that the same document always gives the same bytes.
#pragma once

#include <string>
#include <string_view>

namespace yoshiki::write {

// A number with at most `decimals` decimals, trailing zeros dropped ("12.5", "-3", "0").
void put_number(std::string& out, double v, int decimals = 2);

// Four upper-case hex digits.
void put_hex4(std::string& out, unsigned v);

// UTF-8 → UTF-16BE, without a byte order mark.
std::string utf16be(std::string_view utf8);

}  // namespace yoshiki::write
