#include "write/pdf_objects.hpp"

#include <algorithm>
#include <stdexcept>

#include "base/date.hpp"
#include "write/hpdf_internals.hpp"
#include "write/pdf_syntax.hpp"

namespace yoshiki::write {

void* text_string(HPDF_Doc doc, const std::string& utf8) {
    bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
    if (ascii) return HPDF_String_New(hpdf::mmgr(doc), utf8.c_str(), nullptr);
    std::string bytes = "\xFE\xFF" + utf16be(utf8);
    return HPDF_Binary_New(hpdf::mmgr(doc), reinterpret_cast<HPDF_BYTE*>(bytes.data()), static_cast<HPDF_UINT>(bytes.size()));
}

std::string pdf_date(std::int64_t seconds) { return base::utc_text(seconds, "D:%Y%m%d%H%M%SZ00'00'"); }
std::string iso_date(std::int64_t seconds) { return base::utc_text(seconds, "%Y-%m-%dT%H:%M:%SZ"); }

}  // namespace yoshiki::write
