#include "text/line_break.hpp"

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <stdexcept>

#include "base/utf8.hpp"

namespace yoshiki::text {

namespace {

struct BreakIteratorCloser {
    void operator()(UBreakIterator* b) const { ubrk_close(b); }
};
using BreakIteratorPtr = std::unique_ptr<UBreakIterator, BreakIteratorCloser>;

// An ICU break iterator is not thread-safe: each thread opens its own, once.
UBreakIterator* iterator_for(BreakRules rules) {
    thread_local BreakIteratorPtr uax14, japanese;
    BreakIteratorPtr& slot = rules == BreakRules::uax14 ? uax14 : japanese;
    if (!slot) {
        UErrorCode status = U_ZERO_ERROR;
        // "ja@lb=strict" is CSS's line-break: strict, i.e. JLREQ's rule that small kana (CJ)
        // do not start a line; the root locale gives the untailored UAX #14 rules.
        const char* locale = rules == BreakRules::uax14 ? "" : "ja@lb=strict";
        slot.reset(ubrk_open(UBRK_LINE, locale, nullptr, 0, &status));
        if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU line break iterator: ") + u_errorName(status));
    }
    return slot.get();
}

bool is_digit(char32_t cp) { return (cp >= '0' && cp <= '9') || (cp >= U'０' && cp <= U'９'); }

bool is_ideographic_or_kana(char32_t cp) {
    return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x20000 && cp <= 0x3FFFF) || cp == U'％' || cp == U'％' || cp == U'℃' || cp == U'￥';
}

// Tailoring beyond ICU, from JLREQ 3.1.10 (分割禁止): a number stays with the counter or unit
// that follows it (58地区, 3万円, 10年度), and a doubled dash ―― or leader …… is one mark.
void tailor_japanese(std::string_view text, std::vector<std::uint8_t>& breaks) {
    char32_t prev = 0;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t at = i;
        char32_t cp = base::utf8::next(text, i);
        if (at > 0 && breaks[at] == 1) {
            if (is_digit(prev) && is_ideographic_or_kana(cp)) breaks[at] = 0;
            if ((prev == U'―' || prev == U'—' || prev == U'…' || prev == U'‥') && cp == prev) breaks[at] = 0;
        }
        prev = cp;
    }
}

// A URL may break after / ? & = # inside it (never within "://"), as a person splits one over
// lines; UAX #14 keeps "www.example.jp/soshiki/somu" whole however long it is.
void tailor_urls(std::string_view text, std::vector<std::uint8_t>& breaks) {
    std::size_t from = 0;
    while (true) {
        std::size_t scheme = text.find("://", from);
        std::size_t www = text.find("www.", from);
        std::size_t start = std::min(scheme, www);
        if (start == std::string_view::npos) return;
        if (start == scheme) {
            while (start > 0 && std::isalpha(static_cast<unsigned char>(text[start - 1]))) --start;
        }
        std::size_t end = start;
        // A URL is printable ASCII up to a space or a non-ASCII character.
        while (end < text.size() && static_cast<unsigned char>(text[end]) > 0x20 && static_cast<unsigned char>(text[end]) < 0x7F) ++end;
        std::size_t after_scheme = scheme != std::string_view::npos && scheme < end ? scheme + 3 : start;
        for (std::size_t i = after_scheme; i + 1 < end; ++i) {
            char c = text[i];
            if (c == '/' || c == '?' || c == '&' || c == '=' || c == '#') {
                if (text[i + 1] != '/') breaks[i + 1] = 1;
            }
        }
        from = end + 1;
        if (from >= text.size()) return;
    }
}

// A hyphen inside a Latin word (Moroyama-machi) never ends a line: text extractors join lines and
// drop a hyphen at a line's end as a soft one (poppler's pdftotext does), so a clerk would copy
// Moroyamamachi. The word is moved whole; one longer than a line is still broken where it is full.
void keep_hyphenated_words(std::string_view text, std::vector<std::uint8_t>& breaks) {
    auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
    for (std::size_t i = 1; i + 1 < text.size(); ++i) {
        if (text[i] == '-' && letter(text[i - 1]) && letter(text[i + 1]) && breaks[i + 1] == 1) breaks[i + 1] = 0;
    }
}

}  // namespace

std::vector<std::uint8_t> break_opportunities(std::string_view text, BreakRules rules) {
    std::vector<std::uint8_t> result(text.size() + 1, 0);
    if (text.empty()) return result;
    UErrorCode status = U_ZERO_ERROR;
    // UText over UTF-8 gives boundaries as byte offsets directly: no conversion to UTF-16.
    UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    UBreakIterator* bi = iterator_for(rules);
    ubrk_setUText(bi, ut, &status);
    if (U_FAILURE(status)) {
        utext_close(ut);
        throw std::runtime_error(std::string("ICU line breaking: ") + u_errorName(status));
    }
    for (int32_t b = ubrk_next(bi); b != UBRK_DONE; b = ubrk_next(bi)) {
        int32_t tag = ubrk_getRuleStatus(bi);
        result[static_cast<std::size_t>(b)] = (tag >= UBRK_LINE_HARD && tag < UBRK_LINE_HARD_LIMIT) ? 2 : 1;
    }
    // Detach the iterator from the text before the text goes away.
    ubrk_setText(bi, nullptr, 0, &status);
    utext_close(ut);
    if (rules == BreakRules::japanese) {
        tailor_japanese(text, result);
        keep_hyphenated_words(text, result);
        tailor_urls(text, result);
    }
    return result;
}

}  // namespace yoshiki::text
