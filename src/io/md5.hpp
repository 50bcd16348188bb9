// MD5 with Nettle (as sha256.hpp), for one use only: the /CheckSum of a file embedded in a PDF,
// which PDF 32000-1 (7.11.4) defines as MD5. It proves nothing against tampering; the archive's
// manifest records SHA-256 for that.
#pragma once

#include <string>
#include <string_view>

namespace yoshiki::io {

// The 16 bytes of the MD5 digest of bytes.
std::string md5(std::string_view bytes);

}  // namespace yoshiki::io
