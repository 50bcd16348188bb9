#include "pdf/syntax.hpp"

#include <cmath>

#include "base/utf8.hpp"

namespace yoshiki::pdf {

namespace {

struct Writer {
    const RefText& ref;
    std::string out;

    void entries(const Dict& dict) {
        for (const Entry& e : dict) {
            out += " /" + e.key + " ";
            value(e.value);
        }
    }
    void value(const Value& v) {
        if (const auto* n = std::get_if<long long>(&v.v)) {
            out += std::to_string(*n);
        } else if (const auto* name = std::get_if<Name>(&v.v)) {
            out += "/" + name->text;
        } else if (const auto* s = std::get_if<String>(&v.v)) {
            out += "(" + s->bytes + ")";
        } else if (const auto* a = std::get_if<Array>(&v.v)) {
            out += "[";
            for (const Value& item : *a) {
                out += " ";
                value(item);
            }
            out += " ]";
        } else if (const auto* d = std::get_if<Dict>(&v.v)) {
            out += "<<";
            entries(*d);
            out += " >>";
        } else {
            out += ref(std::get<Ref>(v.v).index);
        }
    }
};

}  // namespace

std::string syntax(const Value& value, const RefText& ref) {
    Writer w{ref, {}};
    w.value(value);
    return std::move(w.out);
}

std::string body(const Object& object, const RefText& ref) {
    Writer w{ref, {}};
    if (!object.stream) {
        w.value(object.dict);
        return std::move(w.out);
    }
    w.out = "<< /Filter /FlateDecode /Length " + std::to_string(object.deflated.size());
    w.entries(object.dict);
    w.out += " >>\nstream\n";
    w.out += object.deflated;
    w.out += "\nendstream";
    return std::move(w.out);
}

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

std::string text_bytes(std::string_view utf8) { return "\xFE\xFF" + utf16be(utf8); }

std::string hex_string(std::string_view bytes) {
    static const char digits[] = "0123456789ABCDEF";
    std::string out = "<";
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out + ">";
}

std::string text_string(std::string_view utf8) { return hex_string(text_bytes(utf8)); }

}  // namespace yoshiki::pdf
