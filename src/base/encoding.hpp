// Legacy encodings (Shift_JIS, EUC-JP, ISO-2022-JP, UTF-16) to UTF-8 with iconv (glibc), and back
// from a place in the decoded text to the byte of the file it came from, so that a finding in a
// Shift_JIS file names its byte offset in that file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace yoshiki::base::encoding {

// Where the decoding stood at a point: this many bytes of text came from this many bytes of the
// file, with this escape sequence in force (ISO-2022-JP switches character sets by escapes).
struct Checkpoint {
    std::size_t text = 0, bytes = 0;
    std::string shift;
};

struct Decoded {
    std::string from;  // the iconv name of the encoding
    std::string text;  // UTF-8: all of it, or what came before the first byte that is no character
    std::vector<Checkpoint> checkpoints;  // one every 4 KiB of the file at most
    std::size_t bad = std::string_view::npos;  // offset of the first byte that begins no character
    bool available = true;  // false when this system cannot convert from `from` at all
};

// The iconv name of an encoding named in an XML declaration (lower-cased), or null when yoshiki
// does not read it.
const char* iconv_name(const std::string& declared);

Decoded decode(std::string_view bytes, const char* from);

// The offset in bytes of the character that begins at text_offset of the decoded text.
std::size_t byte_offset(std::string_view bytes, const Decoded& decoded, std::size_t text_offset);

}  // namespace yoshiki::base::encoding
