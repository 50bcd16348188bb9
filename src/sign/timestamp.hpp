// RFC 3161 timestamps: a request over a hash (OpenSSL's TS API), sent to a timestamp authority
// over HTTP or HTTPS (cpp-httplib), the reply checked against the request (imprint, nonce).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/failure.hpp"

namespace yoshiki::sign {

// A timestamp token (DER of its ContentInfo) over SHA-256 of data. Waits at most timeout_seconds
// to connect and as long for each read and write. Null with the failure set (timestamp-failed).
std::optional<std::string> request_timestamp(const std::string& url, std::string_view data, int timeout_seconds,
                                             base::Failure& failure);

}  // namespace yoshiki::sign
