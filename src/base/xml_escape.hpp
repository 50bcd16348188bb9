// Text yoshiki writes into XML of its own making (an input the editor saves, a PDF's XMP
// metadata): the characters markup would read as markup, written as references.
#pragma once

#include <string>
#include <string_view>

namespace yoshiki::base {

// Element content: & < > escaped (> too, so that "]]>" never appears).
inline std::string xml_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else out += c;
    }
    return out;
}

}  // namespace yoshiki::base
