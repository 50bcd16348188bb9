#include "io/md5.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace yoshiki::io {

std::string md5(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_md5(), nullptr) != 1) {
        throw std::runtime_error("OpenSSL: cannot compute MD5");
    }
    return std::string(reinterpret_cast<const char*>(digest), length);
}

}  // namespace yoshiki::io
