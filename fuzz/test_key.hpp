// The sign target's key: made in memory with OpenSSL when the target starts, never written.
#pragma once

#include <cstdint>
#include <string>

namespace yoshiki::fuzz {

// A PKCS#12 file's bytes, under `password`: an RSA 2048 key and a self-issued certificate for
// digital signatures, valid from a day before `around` to a year after it.
std::string test_key(std::int64_t around, const std::string& password);

}  // namespace yoshiki::fuzz
