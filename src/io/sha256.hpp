// SHA-256 with OpenSSL's libcrypto (the only stage that uses OpenSSL): content keys of the
// engine's caches, and the hashes an archive records.
#pragma once

#include <string>
#include <string_view>

namespace yoshiki::io {

// The SHA-256 of bytes, as 64 lower-case hexadecimal digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace yoshiki::io
