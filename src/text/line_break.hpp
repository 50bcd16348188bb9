// Line-break opportunities (Unicode UAX #14) with ICU's line break iterator, plus the
// Japanese tailoring of JLREQ / JIS X 4051 that ICU's strict Japanese rules leave open.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace yoshiki::text {

enum class BreakRules {
    uax14,     // the default algorithm of UAX #14, as LineBreakTest.txt tests it
    japanese,  // ja@lb=strict (small kana, ー and iteration marks never start a line) + JLREQ
};

// result[i] is 1 where a line may break before byte i of text (only at character starts),
// 2 where it must (a hard line break). result has text.size() + 1 entries; result[0] is 0.
std::vector<std::uint8_t> break_opportunities(std::string_view text, BreakRules rules);

}  // namespace yoshiki::text
