// Fiscal years (src/parse/fiscal_year.cpp): every way clerks write them, printed in 和暦; an
// impossible year is refused with a reason.
#include <doctest/doctest.h>

#include "parse/fiscal_year.hpp"
#include "parse/number.hpp"

using namespace yoshiki;

namespace {

// The reason a year is refused; empty when it is read.
std::string refusal(const std::string& text) {
    yoshiki::base::Failure failure;
    auto year = parse::read_fiscal_year(text, failure);
    if (!year) CHECK(failure.code == yoshiki::base::codes::fiscal_year_invalid);
    return year ? std::string() : failure.message;
}

}  // namespace

TEST_CASE("fiscal years as clerks write them") {
    yoshiki::base::Failure e;
    CHECK(parse::read_fiscal_year("令和5年度", e) == 2023);
    CHECK(parse::read_fiscal_year("R5", e) == 2023);
    CHECK(parse::read_fiscal_year("r5", e) == 2023);
    CHECK(parse::read_fiscal_year("Ｒ５", e) == 2023);
    CHECK(parse::read_fiscal_year("2023", e) == 2023);
    CHECK(parse::read_fiscal_year("2023年度", e) == 2023);
    CHECK(parse::read_fiscal_year("令和元年度", e) == 2019);
    CHECK(parse::read_fiscal_year("令和1年度", e) == 2019);
    CHECK(parse::read_fiscal_year("平成30年度", e) == 2018);
    CHECK(parse::read_fiscal_year("平成元年度", e) == 1989);
    CHECK(parse::read_fiscal_year("H31", e) == 2019);  // what April 2019 called 令和元年度
    CHECK(parse::read_fiscal_year("令和５年度", e) == 2023);
    CHECK(parse::read_fiscal_year("２０２３年度", e) == 2023);
    CHECK(parse::read_fiscal_year("令和１１年度", e) == 2029);
    CHECK(parse::read_fiscal_year("令和 5 年度", e) == 2023);
    CHECK(parse::read_fiscal_year("令和82年度", e) == 2100);
    CHECK(e.message.empty());
}

TEST_CASE("impossible fiscal years are refused with the reason") {
    CHECK(refusal("令和0年度") == "'令和0年度' does not exist: 令和 begins with 令和元年度");
    CHECK(refusal("R0") == "'R0' does not exist: 令和 begins with 令和元年度");
    CHECK(refusal("平成32年度") == "'平成32年度' does not exist: 平成 runs from 平成元年度 to 平成31年度");
    CHECK(refusal("H32") == "'H32' does not exist: 平成 runs from 平成元年度 to 平成31年度");
    CHECK(refusal("令和83年度") == "'令和83年度' is fiscal year 2101, out of range (1989 to 2100)");
    CHECK(refusal("R") == "'R' is not a fiscal year; write it as 令和5年度, R5 or 2023");
    CHECK(refusal("1988") == "fiscal year 1988 is out of range (1989 to 2100)");
    CHECK(refusal("2101") == "fiscal year 2101 is out of range (1989 to 2100)");
    CHECK(refusal("23") == "'23' is not a fiscal year; write it as 令和5年度, R5 or 2023");
    for (const char* bad : {"昭和60年度", "五年度", "R5.5", "令和五年度", "年度", "FY2023", "R-1", "20233"}) {
        INFO(bad);
        CHECK(refusal(bad) == "'" + std::string(bad) + "' is not a fiscal year; write it as 令和5年度, R5 or 2023");
    }
}

TEST_CASE("fiscal years are printed in 和暦") {
    CHECK(parse::format_fiscal_year(2026) == "令和8年度");
    CHECK(parse::format_fiscal_year(2019) == "令和元年度");
    CHECK(parse::format_fiscal_year(2018) == "平成30年度");
    CHECK(parse::format_fiscal_year(1989) == "平成元年度");
}

namespace {

// A date as read and printed, or "refused: why".
std::string date_of(const std::string& text) {
    yoshiki::base::Failure failure;
    auto d = parse::read_date(text, failure);
    if (!d) {
        CHECK(failure.code == yoshiki::base::codes::date_invalid);
        return "refused: " + failure.message;
    }
    return parse::format_date(*d);
}

}  // namespace

TEST_CASE("dates as clerks write them, printed in 和暦") {
    CHECK(date_of("2026-05-14") == "令和8年5月14日");
    CHECK(date_of("2026/5/14") == "令和8年5月14日");
    CHECK(date_of("令和8年5月14日") == "令和8年5月14日");
    CHECK(date_of("R8.5.14") == "令和8年5月14日");
    CHECK(date_of("Ｒ８．５．１４").rfind("refused", 0) == 0);  // a full-width stop is no separator
    CHECK(date_of("Ｒ８.５.１４") == "令和8年5月14日");
    CHECK(date_of("令和元年5月1日") == "令和元年5月1日");
    CHECK(date_of("2019-04-30") == "平成31年4月30日");
    CHECK(date_of("2019-05-01") == "令和元年5月1日");
    CHECK(date_of("2024-02-29") == "令和6年2月29日");
    CHECK(date_of("令和8年2月30日") == "refused: '令和8年2月30日' is not a day of the calendar");
    CHECK(date_of("2026-13-01") == "refused: '2026-13-01' is not a day of the calendar");
    CHECK(date_of("平成31年5月1日") == "refused: '平成31年5月1日' is not in 平成: that day is 令和元年");
    CHECK(date_of("令和1年4月30日") == "refused: '令和1年4月30日' is not in 令和: that day is 平成31年");
    CHECK(date_of("5月14日").rfind("refused: '5月14日' is not a date", 0) == 0);
    CHECK(date_of("2026-05").rfind("refused", 0) == 0);
    CHECK(date_of("1900-01-01") == "refused: '1900-01-01' is out of range (1989 to 2100)");
}

TEST_CASE("漢数字, for a 辞令 written vertically") {
    using parse::kanji_numeral;
    CHECK(kanji_numeral(0) == "〇");
    CHECK(kanji_numeral(1) == "一");
    CHECK(kanji_numeral(10) == "十");
    CHECK(kanji_numeral(11) == "十一");
    CHECK(kanji_numeral(25) == "二十五");
    CHECK(kanji_numeral(100) == "百");
    CHECK(kanji_numeral(110) == "百十");
    CHECK(kanji_numeral(1000) == "千");
    CHECK(kanji_numeral(1999) == "千九百九十九");
    CHECK(kanji_numeral(10000) == "一万");
    CHECK(kanji_numeral(20030) == "二万三十");
    CHECK(kanji_numeral(100000000) == "一億");
    CHECK(kanji_numeral(123456789) == "一億二千三百四十五万六千七百八十九");
    CHECK(parse::format_date({2026, 4, 1}, true) == "令和八年四月一日");
    CHECK(parse::format_date({2019, 5, 1}, true) == "令和元年五月一日");
    CHECK(parse::format_date({2026, 12, 24}, true) == "令和八年十二月二十四日");
    CHECK(parse::format_date({2026, 12, 24}) == "令和8年12月24日");
    CHECK(parse::format_fiscal_year_kanji(2026) == "令和八年度");
}
