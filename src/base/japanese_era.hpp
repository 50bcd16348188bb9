// The Japanese eras (和暦) yoshiki reads and prints: one table for the fiscal years of the inputs
// (parse) and the dates of the 日付印 (sign). A new era is a new row.
#pragma once

#include <iterator>
#include <string>

namespace yoshiki::base {

struct Era {
    const char* name;
    int year, month, day;  // its first day
};

// In order; 平成 is the earliest a goal sheet of a town can date from.
inline constexpr Era eras[] = {{"平成", 1989, 1, 8}, {"令和", 2019, 5, 1}};

struct EraYear {
    const Era* era;
    int year;  // 1 for the era's first year (元年)
};

// The era in force on a day, and the day's year in it. Before the first era, the first era
// counted back (a year of 0 or less).
inline EraYear era_on(int year, int month, int day) {
    const Era* found = &eras[0];
    for (const Era& e : eras) {
        bool begun = year != e.year ? year > e.year : month != e.month ? month > e.month : day >= e.day;
        if (begun) found = &e;
    }
    return {found, year - found->year + 1};
}

// The era of a fiscal year (April to March): the era in force when it begins, or the one that
// begins within it (FY2019 is 令和元年度 by the usual convention, the era having changed in May).
inline EraYear era_of_fiscal_year(int year) {
    const Era* found = &eras[0];
    for (const Era& e : eras) {
        if (year >= e.year) found = &e;
    }
    return {found, year - found->year + 1};
}

// An era year as written: 元 for the first, else its number.
inline std::string era_year_text(int year) { return year == 1 ? std::string("元") : std::to_string(year); }

}  // namespace yoshiki::base
