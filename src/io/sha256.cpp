#include "io/sha256.hpp"

#include <nettle/sha2.h>

namespace yoshiki::io {

std::string sha256_hex(std::string_view bytes) {
    sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
    std::uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&ctx, sizeof digest, digest);
    static const char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * sizeof digest);
    for (std::uint8_t b : digest) {
        out += hex[b >> 4];
        out += hex[b & 0x0F];
    }
    return out;
}

}  // namespace yoshiki::io
