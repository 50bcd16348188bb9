// SHA-256 with Nettle: content keys of the engine's caches, the source's hash a PDF's XMP
// records, and the hashes an archive records. Nettle rather than OpenSSL, which only signing uses:
// a render must not load libcrypto for two hashes (Nettle is a tenth of its size and starts with
// nothing to initialise).
#pragma once

#include <string>
#include <string_view>

namespace yoshiki::io {

// The SHA-256 of bytes, as 64 lower-case hexadecimal digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace yoshiki::io
