#include "base/encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>

namespace yoshiki::base::encoding {

namespace {

// Bytes converted at a time: a checkpoint each, so that finding a place again reads at most this.
constexpr std::size_t chunk_bytes = 4096;

// iconv wants a non-const input pointer although it never writes through it.
char* input(std::string_view bytes, std::size_t at) { return const_cast<char*>(bytes.data() + at); }

// The last escape sequence of ISO 2022 in bytes (ESC, intermediates 0x20–0x2F, a final byte),
// which stays in force after them.
void track_shift(std::string_view bytes, std::string& shift) {
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (bytes[i] != '\x1B') continue;
        std::size_t j = i + 1;
        while (j < bytes.size() && bytes[j] >= 0x20 && bytes[j] <= 0x2F) ++j;
        if (j < bytes.size()) shift.assign(bytes.substr(i, j + 1 - i));
    }
}

}  // namespace

const char* iconv_name(const std::string& enc) {
    // Windows-31J (CP932) is what spreadsheet exports call Shift_JIS; it is a superset that
    // also has the NEC and IBM extensions (①, ㈱, 髙, 﨑) that Japanese offices use.
    if (enc == "shift_jis" || enc == "shift-jis" || enc == "sjis" || enc == "x-sjis" || enc == "cp932" ||
        enc == "windows-31j" || enc == "ms932")
        return "CP932";
    if (enc == "euc-jp" || enc == "eucjp") return "EUC-JP-MS";
    if (enc == "iso-2022-jp") return "ISO-2022-JP-3";
    if (enc == "utf-16le") return "UTF-16LE";
    if (enc == "utf-16be") return "UTF-16BE";
    return nullptr;
}

Decoded decode(std::string_view bytes, const char* from) {
    Decoded d;
    d.from = from;
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        d.available = false;
        d.bad = 0;
        return d;
    }
    const bool stateful = d.from.compare(0, 8, "ISO-2022") == 0;
    std::string shift;
    // A byte of these encodings becomes at most three of UTF-8 (half-width katakana in Shift_JIS).
    std::string out(3 * chunk_bytes + 16, '\0');
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        d.checkpoints.push_back(Checkpoint{d.text.size(), pos, shift});
        const std::size_t chunk = std::min(chunk_bytes, bytes.size() - pos);
        char* in = input(bytes, pos);
        std::size_t in_left = chunk;
        char* o = out.data();
        std::size_t out_left = out.size();
        std::size_t result = iconv(cd, &in, &in_left, &o, &out_left);
        const int error = errno;
        const std::size_t used = chunk - in_left;
        if (stateful) track_shift(bytes.substr(pos, used), shift);
        d.text.append(out.data(), out.size() - out_left);
        pos += used;
        if (result != static_cast<std::size_t>(-1)) continue;
        // A character cut by the end of the chunk begins the next one (so does one that found the
        // output full); cut by the end of the file, or a byte that begins no character, it is
        // where decoding stops.
        const bool cut_by_chunk = ((error == EINVAL && pos + in_left < bytes.size()) || error == E2BIG) && used > 0;
        if (!cut_by_chunk) {
            d.bad = pos;
            break;
        }
    }
    iconv_close(cd);
    return d;
}

std::size_t byte_offset(std::string_view bytes, const Decoded& decoded, std::size_t text_offset) {
    const auto& cps = decoded.checkpoints;
    if (cps.empty()) return 0;
    auto it = std::upper_bound(cps.begin(), cps.end(), text_offset,
                               [](std::size_t off, const Checkpoint& c) { return off < c.text; });
    if (it != cps.begin()) --it;
    iconv_t cd = iconv_open("UTF-8", decoded.from.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) return it->bytes;
    char out[32];
    if (!it->shift.empty()) {
        std::string_view shift = it->shift;
        char* in = input(shift, 0);
        std::size_t in_left = shift.size(), out_left = sizeof out;
        char* o = out;
        iconv(cd, &in, &in_left, &o, &out_left);
    }
    // One character at a time: the shortest input that converts is one character (or one escape,
    // which yields nothing and belongs to the character after it).
    std::size_t pos = it->bytes, text = it->text;
    while (pos < bytes.size()) {
        std::size_t used = 0, produced = 0;
        for (std::size_t len = 1; len <= 8 && pos + len <= bytes.size(); ++len) {
            char* in = input(bytes, pos);
            std::size_t in_left = len, out_left = sizeof out;
            char* o = out;
            std::size_t result = iconv(cd, &in, &in_left, &o, &out_left);
            used = len - in_left;
            produced = sizeof out - out_left;
            if (used > 0 || (result == static_cast<std::size_t>(-1) && errno != EINVAL)) break;
        }
        if (used == 0 || (produced > 0 && text + produced > text_offset)) break;
        pos += used;
        text += produced;
    }
    iconv_close(cd);
    return pos;
}

}  // namespace yoshiki::base::encoding
