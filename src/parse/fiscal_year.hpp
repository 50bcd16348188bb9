// Japanese fiscal years (年度, April to March) and dates: reading 令和5年度 / R5 / 2023 and
// 令和8年5月14日 / 2026-05-14, printing 和暦.
#pragma once

#include <optional>
#include <string>

#include "base/failure.hpp"

namespace yoshiki::parse {

// The Gregorian year in which the fiscal year starts, or nullopt with the failure set
// (fiscal-year-invalid and the reason).
// Accepts 令和N年度, 令和元年度, 平成N年度, RN, HN, N年度 (Gregorian), and a plain year; digits may be
// full-width. An era year beyond the era's end (平成32年度) or before 1989 is impossible.
std::optional<int> read_fiscal_year(const std::string& text, base::Failure& failure);

// 2026 → 令和8年度, 2019 → 令和元年度, 2018 → 平成30年度.
std::string format_fiscal_year(int gregorian);

// A day of the calendar, for fields of type="date".
struct Date {
    int year = 0, month = 0, day = 0;
};

// Reads 2026-05-14, 2026/5/14, 令和8年5月14日, 令和元年5月1日, R8.5.14 (digits may be full-width), or
// nullopt with the failure set (date-invalid): no such day, or a day outside the era named.
std::optional<Date> read_date(const std::string& text, base::Failure& failure);

// {2026, 5, 14} → 令和8年5月14日, as official documents print a date; in 漢数字 (a 辞令, written
// vertically) 令和八年五月十四日.
std::string format_date(const Date& date, bool kanji = false);
// 2026 → 令和八年度.
std::string format_fiscal_year_kanji(int gregorian);

}  // namespace yoshiki::parse
