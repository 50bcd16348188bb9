// Character classes of JLREQ (W3C "Requirements for Japanese Text Layout") that the line
// setter needs for punctuation spacing (約物の詰め) and justification.
#pragma once

namespace yoshiki::typeset::jlreq {

enum class Punct {
    none,
    opening,      // cl-01 始め括弧類: （「『【〔［｛〈《〘〖〝: blank on the left half
    closing,      // cl-02 終わり括弧類 and cl-07 読点類: ）」』】、，: blank on the right half
    full_stop,    // cl-06 句点類: 。．: blank on the right half
    middle_dot,   // cl-05 中点類: ・：；: a quarter blank on each side
};

Punct punct_class(char32_t cp);

// Characters set on the em grid (kanji, kana, full-width forms): the gaps between them may
// open up for justification; the inside of a Latin word may not.
bool is_wide(char32_t cp);

// Latin letters and digits that form words (a justified line never spreads them apart).
bool is_word_char(char32_t cp);

}  // namespace yoshiki::typeset::jlreq
