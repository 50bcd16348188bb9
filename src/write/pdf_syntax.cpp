#include "write/pdf_syntax.hpp"

#include <cmath>

#include "base/utf8.hpp"

namespace yoshiki::write {

// Written from the rounded integer (no printf: content numbers are a good part of a batch's work).
void put_number(std::string& out, double v, int decimals) {
    static const long long scales[] = {1, 10, 100, 1000, 10000};
    const long long scale = scales[decimals];
    long long n = std::llround(v * static_cast<double>(scale));
    if (n < 0) {
        out += '-';
        n = -n;
    }
    char buf[32];
    int len = 0;
    long long whole = n / scale, frac = n % scale;
    do {
        buf[len++] = static_cast<char>('0' + whole % 10);
        whole /= 10;
    } while (whole > 0);
    while (len > 0) out += buf[--len];
    if (frac == 0) return;
    out += '.';
    for (long long d = scale / 10; d > 0 && frac > 0; d /= 10) {
        out += static_cast<char>('0' + frac / d);
        frac %= d;
    }
}

void put_hex4(std::string& out, unsigned v) {
    static const char* digits = "0123456789ABCDEF";
    out += digits[(v >> 12) & 0xF];
    out += digits[(v >> 8) & 0xF];
    out += digits[(v >> 4) & 0xF];
    out += digits[v & 0xF];
}

std::string utf16be(std::string_view utf8) {
    std::string out;
    for (std::size_t i = 0; i < utf8.size();) {
        char32_t cp = base::utf8::next(utf8, i);
        auto unit = [&](unsigned u) {
            out += static_cast<char>((u >> 8) & 0xFF);
            out += static_cast<char>(u & 0xFF);
        };
        if (cp >= 0x10000) {
            cp -= 0x10000;
            unit(0xD800 + (cp >> 10));
            unit(0xDC00 + (cp & 0x3FF));
        } else {
            unit(cp);
        }
    }
    return out;
}

}  // namespace yoshiki::write
