#include "parse/fiscal_year.hpp"

#include <array>

#include "base/japanese_era.hpp"
#include "base/utf8.hpp"
#include "parse/number.hpp"

namespace yoshiki::parse {

namespace {

// Era start years as fiscal years: 平成 began in January 1989, 令和 in May 2019. A fiscal year
// (April–March) is named by the era in force on its first day, as the town's documents do; FY2019
// is 令和元年度 by the usual convention, since the era changed within its first month.
constexpr int heisei_start = base::eras[0].year;  // 平成元年度
constexpr int reiwa_start = base::eras[1].year;   // 令和元年度
constexpr int latest_year = 2100;   // later years are typing mistakes, not plans
// 平成31年度 is what many documents of April 2019 call the fiscal year that became 令和元年度.
constexpr int heisei_last = 2019;

std::string normalize_digits(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp = base::utf8::next(s, i);
        if (cp >= U'０' && cp <= U'９') out += static_cast<char>('0' + (cp - U'０'));
        else if (cp == U'Ｒ') out += 'R';
        else if (cp == U'Ｈ') out += 'H';
        else if (cp == U' ' || cp == U'　') continue;
        else out += base::utf8::encode(cp);
    }
    return out;
}

bool starts_with(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }
bool ends_with(const std::string& s, const std::string& p) {
    return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

std::optional<int> number(const std::string& s) {
    if (s.empty() || s.size() > 4) return std::nullopt;
    int n = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + (c - '0');
    }
    return n;
}

}  // namespace

std::optional<int> read_fiscal_year(const std::string& raw, base::Failure& failure) {
    auto refuse = [&failure](std::string message) {
        failure = base::Failure{base::codes::fiscal_year_invalid, std::move(message)};
        return std::nullopt;
    };
    std::string s = normalize_digits(raw);
    if (ends_with(s, "年度")) s = s.substr(0, s.size() - std::string("年度").size());
    else if (ends_with(s, "年")) s = s.substr(0, s.size() - std::string("年").size());

    int era_start = 0, era_last = 0;
    std::string era_name;
    if (starts_with(s, "令和")) {
        s = s.substr(std::string("令和").size());
        era_start = reiwa_start, era_last = latest_year, era_name = "令和";
    } else if (starts_with(s, "平成")) {
        s = s.substr(std::string("平成").size());
        era_start = heisei_start, era_last = heisei_last, era_name = "平成";
    } else if (starts_with(s, "R") || starts_with(s, "r")) {
        s = s.substr(1);
        era_start = reiwa_start, era_last = latest_year, era_name = "令和";
    } else if (starts_with(s, "H") || starts_with(s, "h")) {
        s = s.substr(1);
        era_start = heisei_start, era_last = heisei_last, era_name = "平成";
    }

    if (era_start) {
        std::optional<int> n = s == "元" ? std::optional<int>(1) : number(s);
        if (!n) {
            return refuse("'" + base::utf8::clip(raw) + "' is not a fiscal year; write it as 令和5年度, R5 or 2023");
        }
        if (*n < 1) {
            return refuse("'" + base::utf8::clip(raw) + "' does not exist: " + era_name + " begins with " + era_name + "元年度");
        }
        if (era_start + *n - 1 > era_last) {
            // 令和 has no end yet: a year past the latest is a typing mistake, not an era's end.
            if (era_last == latest_year) {
                return refuse("'" + base::utf8::clip(raw) + "' is fiscal year " + std::to_string(era_start + *n - 1) +
                              ", out of range (1989 to " + std::to_string(latest_year) + ")");
            }
            return refuse("'" + base::utf8::clip(raw) + "' does not exist: " + era_name + " runs from " + era_name + "元年度 to " +
                          era_name + std::to_string(era_last - era_start + 1) + "年度");
        }
        return era_start + *n - 1;
    }
    std::optional<int> year = number(s);
    if (!year || s.size() != 4) {
        return refuse("'" + base::utf8::clip(raw) + "' is not a fiscal year; write it as 令和5年度, R5 or 2023");
    }
    if (*year < heisei_start || *year > latest_year) {
        return refuse("fiscal year " + std::to_string(*year) + " is out of range (1989 to " + std::to_string(latest_year) + ")");
    }
    return year;
}

std::string format_fiscal_year(int year) {
    base::EraYear e = base::era_of_fiscal_year(year);
    return e.era->name + base::era_year_text(e.year) + "年度";
}

std::string format_fiscal_year_kanji(int year) {
    base::EraYear e = base::era_of_fiscal_year(year);
    return e.era->name + (e.year == 1 ? std::string("元") : kanji_numeral(e.year)) + "年度";
}

namespace {

bool real_day(int y, int m, int d) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1) return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

// "2026-05-14", "2026/5/14", "R8.5.14": three numbers and a separator.
std::optional<std::array<int, 3>> three_numbers(const std::string& s, char sep) {
    std::size_t a = s.find(sep), b = a == std::string::npos ? a : s.find(sep, a + 1);
    if (b == std::string::npos || s.find(sep, b + 1) != std::string::npos) return std::nullopt;
    auto y = s.substr(0, a) == "元" ? std::optional<int>(1) : number(s.substr(0, a));
    auto m = number(s.substr(a + 1, b - a - 1)), d = number(s.substr(b + 1));
    if (!y || !m || !d) return std::nullopt;
    return std::array<int, 3>{*y, *m, *d};
}

// 令和8年5月14日 (the era already taken off): year, month and day.
std::optional<std::array<int, 3>> kanji_date(const std::string& s) {
    std::size_t y = s.find("年"), m = s.find("月");
    if (y == std::string::npos || m == std::string::npos || m < y || !ends_with(s, "日")) return std::nullopt;
    std::string digits = s.substr(0, y) + "." + s.substr(y + 3, m - y - 3) + "." + s.substr(m + 3, s.size() - m - 6);
    return three_numbers(digits, '.');
}

}  // namespace

std::optional<Date> read_date(const std::string& raw, base::Failure& failure) {
    auto refuse = [&](const std::string& why) {
        failure = base::Failure{base::codes::date_invalid, "'" + base::utf8::clip(raw) + "' " + why};
        return std::nullopt;
    };
    std::string s = normalize_digits(raw);
    const base::Era* era = nullptr;
    for (const base::Era& e : base::eras) {
        if (starts_with(s, e.name)) {
            era = &e;
            s = s.substr(std::string(e.name).size());
        }
    }
    if (!era && (starts_with(s, "R") || starts_with(s, "H"))) {
        era = &base::eras[s[0] == 'R' ? 1 : 0];
        s = s.substr(1);
    }
    std::optional<std::array<int, 3>> ymd = kanji_date(s);
    for (char sep : {'-', '/', '.'}) {
        if (!ymd) ymd = three_numbers(s, sep);
    }
    if (!ymd) return refuse("is not a date; write it as 2026-05-14, 令和8年5月14日 or R8.5.14");
    auto [y, m, d] = *ymd;
    if (era) y += era->year - 1;
    if (!real_day(y, m, d)) return refuse("is not a day of the calendar");
    if (y < heisei_start || y > latest_year) return refuse("is out of range (1989 to " + std::to_string(latest_year) + ")");
    if (era) {
        base::EraYear on = base::era_on(y, m, d);
        if (on.era != era) return refuse(std::string("is not in ") + era->name + ": that day is " + on.era->name + base::era_year_text(on.year) + "年");
    }
    return Date{y, m, d};
}

std::string format_date(const Date& d, bool kanji) {
    base::EraYear e = base::era_on(d.year, d.month, d.day);
    if (kanji) {
        return e.era->name + (e.year == 1 ? std::string("元") : kanji_numeral(e.year)) + "年" + kanji_numeral(d.month) + "月" +
               kanji_numeral(d.day) + "日";
    }
    return e.era->name + base::era_year_text(e.year) + "年" + std::to_string(d.month) + "月" + std::to_string(d.day) + "日";
}

}  // namespace yoshiki::parse
