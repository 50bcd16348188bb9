// Fiscal years (src/parse/fiscal_year.cpp): every way clerks write them, printed in 和暦; an
// impossible year is refused with a reason.
#include <doctest/doctest.h>

#include "parse/fiscal_year.hpp"

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
