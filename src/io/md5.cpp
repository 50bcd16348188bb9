#include "io/md5.hpp"

#include <nettle/md5.h>

namespace yoshiki::io {

std::string md5(std::string_view bytes) {
    md5_ctx ctx;
    md5_init(&ctx);
    md5_update(&ctx, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
    std::uint8_t digest[MD5_DIGEST_SIZE];
    md5_digest(&ctx, sizeof digest, digest);
    return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

}  // namespace yoshiki::io
