#include "write/pdf_objects.hpp"

#include <algorithm>
#include <ctime>
#include <stdexcept>

#include "write/hpdf_internals.hpp"
#include "write/pdf_syntax.hpp"

namespace yoshiki::write {

void* text_string(HPDF_Doc doc, const std::string& utf8) {
    bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
    if (ascii) return HPDF_String_New(hpdf::mmgr(doc), utf8.c_str(), nullptr);
    std::string bytes = "\xFE\xFF" + utf16be(utf8);
    return HPDF_Binary_New(hpdf::mmgr(doc), reinterpret_cast<HPDF_BYTE*>(bytes.data()), static_cast<HPDF_UINT>(bytes.size()));
}

std::string deflate(std::string_view in, int level) {
    z_stream z{};
    if (deflateInit2(&z, level, Z_DEFLATED, 15, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("zlib: cannot start compressing");
    }
    std::string out(deflateBound(&z, static_cast<uLong>(in.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    int status = ::deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (status != Z_STREAM_END) throw std::runtime_error("zlib: cannot compress a stream");
    return out;
}

namespace {

std::string utc(std::int64_t seconds, const char* format) {
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, format, &tm);
    return buf;
}

}  // namespace

std::string pdf_date(std::int64_t seconds) { return utc(seconds, "D:%Y%m%d%H%M%SZ00'00'"); }
std::string iso_date(std::int64_t seconds) { return utc(seconds, "%Y-%m-%dT%H:%M:%SZ"); }

}  // namespace yoshiki::write
