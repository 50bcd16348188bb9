// Japanese fiscal years (年度, April to March): reading 令和5年度 / R5 / 2023 and printing 和暦.
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

}  // namespace yoshiki::parse
