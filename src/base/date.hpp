// Calendar arithmetic and UTC dates as text, without the C library's time zone state.
#pragma once

#include <cstdint>
#include <ctime>
#include <string>

namespace yoshiki::base {

// Days from 1970-01-01 to the given date of the proleptic Gregorian calendar (H. Hinnant's
// days_from_civil).
constexpr std::int64_t days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2026, 4, 1) == 20544);

// Seconds since 1970 as text in UTC, in a strftime format of at most 39 characters' result
// ("%Y-%m-%dT%H:%M:%SZ"): the dates of PDFs, manifests and signatures, never in local time.
inline std::string utc_text(std::int64_t seconds, const char* format) {
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, format, &tm);
    return buf;
}

}  // namespace yoshiki::base
