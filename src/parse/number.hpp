// Numbers of a form (type="number"): read as clerks write them (4200, 4,200, ４，２００, 12.5, -3)
// and printed with 桁区切り (4,200), the decimals as written; sums of a list's numbers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/failure.hpp"

namespace yoshiki::parse {

struct Number {
    long long units = 0;  // the value times 10^decimals: sums stay exact
    int decimals = 0;
};

// The number, or nullopt with the failure set (number-invalid). Commas may group the digits;
// digits and signs may be full-width; at most 15 digits and 6 decimals.
std::optional<Number> read_number(const std::string& text, base::Failure& failure);

// 4200 → "4,200", -1234.5 → "-1,234.5".
std::string format_number(const Number& n);

// 漢数字, as a 辞令 writes a whole number not below 0: 25 → 二十五, 1000 → 千, 10000 → 一万, 0 → 〇.
std::string kanji_numeral(long long n);

// a + b, at the larger of their decimals.
Number add(const Number& a, const Number& b);

// The fields a template's "sum(a, b)" names, trimmed: {"a", "b"}.
std::vector<std::string> sum_arguments(const std::string& ref);

}  // namespace yoshiki::parse
