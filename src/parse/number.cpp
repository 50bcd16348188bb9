#include "parse/number.hpp"

#include "base/utf8.hpp"

namespace yoshiki::parse {

namespace {

constexpr int max_digits = 15, max_decimals = 6;

long long power_of_ten(int n) {
    long long p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

}  // namespace

std::optional<Number> read_number(const std::string& raw, base::Failure& failure) {
    auto refuse = [&] {
        failure = base::Failure{base::codes::number_invalid,
                                "'" + base::utf8::clip(raw) + "' is not a number; write it as 4200, 4,200 or 12.5"};
        return std::nullopt;
    };
    std::string s;  // ASCII: digits, one sign, one point, commas
    for (std::size_t i = 0; i < raw.size();) {
        char32_t cp = base::utf8::next(raw, i);
        if (cp >= U'０' && cp <= U'９') s += static_cast<char>('0' + (cp - U'０'));
        else if (cp == U'，') s += ',';
        else if (cp == U'．') s += '.';
        else if (cp == U'－' || cp == U'−' || cp == U'▲' || cp == U'△') s += '-';  // ▲ and △ mark a loss in Japanese accounts
        else if (cp < 0x80) s += static_cast<char>(cp);
        else return refuse();
    }
    bool negative = !s.empty() && s[0] == '-';
    if (negative) s.erase(0, 1);
    Number n;
    int digits = 0, since_comma = -1;
    bool point = false, any = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (++digits > max_digits || (point && n.decimals >= max_decimals)) return refuse();
            n.units = n.units * 10 + (c - '0');
            if (point) ++n.decimals;
            if (since_comma >= 0) ++since_comma;
            any = true;
        } else if (c == ',' && !point && any && (since_comma < 0 || since_comma == 3)) {
            since_comma = 0;  // a comma groups three digits: 4,200 but not 42,00
        } else if (c == '.' && !point && any && (since_comma < 0 || since_comma == 3)) {
            point = true;
            since_comma = -1;
        } else {
            return refuse();
        }
    }
    if (!any || (since_comma >= 0 && since_comma != 3) || (point && n.decimals == 0)) return refuse();
    if (negative) n.units = -n.units;
    return n;
}

std::string format_number(const Number& n) {
    unsigned long long u = static_cast<unsigned long long>(n.units < 0 ? -n.units : n.units);
    std::string digits = std::to_string(u);
    while (static_cast<int>(digits.size()) <= n.decimals) digits.insert(0, "0");
    std::string whole = digits.substr(0, digits.size() - static_cast<std::size_t>(n.decimals));
    std::string out;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) out += ',';
        out += whole[i];
    }
    if (n.decimals > 0) out += "." + digits.substr(whole.size());
    return (n.units < 0 ? "-" : "") + out;
}

std::vector<std::string> sum_arguments(const std::string& ref) {
    std::vector<std::string> out;
    const std::string inside = ref.substr(4, ref.size() - 5);
    std::size_t i = 0;
    while (i <= inside.size()) {
        std::size_t j = std::min(inside.find(',', i), inside.size());
        std::string a = inside.substr(i, j - i);
        a.erase(0, a.find_first_not_of(' '));
        a.erase(a.find_last_not_of(' ') + 1);
        out.push_back(a);
        i = j + 1;
    }
    return out;
}

Number add(const Number& a, const Number& b) {
    const int d = std::max(a.decimals, b.decimals);
    return Number{a.units * power_of_ten(d - a.decimals) + b.units * power_of_ten(d - b.decimals), d};
}

std::string kanji_numeral(long long n) {
    static const char* const digits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    static const char* const tens[] = {"", "十", "百", "千"};
    static const char* const myriads[] = {"", "万", "億", "兆", "京"};
    if (n <= 0) return digits[0];
    // Each group of four digits is written with 十百千 (a 1 before them unwritten: 十, 百, 千),
    // and named by its 万, 億, 兆 (with its 1 written: 一万).
    std::string out;
    for (int group = 0; n > 0 && group < 5; ++group, n /= 10000) {
        int g = static_cast<int>(n % 10000);
        if (g == 0) continue;
        std::string part;
        for (int k = 3, unit = 1000; k >= 0; --k, unit /= 10) {
            int d = g / unit % 10;
            if (d == 0) continue;
            if (d != 1 || k == 0) part += digits[d];
            part += tens[k];
        }
        out = part + myriads[group] + out;
    }
    return out;
}

}  // namespace yoshiki::parse
