// The key an approver signs with, and its certificate: from a PKCS#12 file, or from a PKCS#11
// token (an IC card, the LGPKI 職責証明書's home) through libp11's pkcs11 engine for OpenSSL.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/codes.hpp"
#include "base/failure.hpp"
#include "sign/openssl_support.hpp"

namespace yoshiki::sign {

struct SigningKey {
    X509Ptr certificate;
    PkeyPtr key;
    std::vector<X509Ptr> chain;     // the issuers the key's holder has, carried in the signature
    std::shared_ptr<void> engine;   // a token's engine, kept open while its key is used
};

// Where a key is: a PKCS#11 URI (RFC 7512), "pkcs11:token=…;object=…", else a PKCS#12 file.
bool is_pkcs11_uri(const std::string& spec);

// A PKCS#12 file's key and certificates. password: none for a file that has none. Null with the
// reason in failure: a wrong or missing password, a file that is not PKCS#12, no key in it.
std::optional<SigningKey> load_pkcs12(const std::string& bytes, const std::optional<std::string>& password,
                                      base::Failure& failure);

// A token's key and the certificate beside it (the object of the same id or label). The PIN is
// the password. module: the PKCS#11 library; empty: the URI's module-path, else p11-kit's proxy,
// which loads the modules the system has registered (the card reader's, SoftHSM2's).
std::optional<SigningKey> load_pkcs11(const std::string& uri, const std::optional<std::string>& pin, base::Failure& failure);

// Why the key may not sign at `time` (seconds since 1970): it does not match its certificate,
// the certificate is not yet or no longer valid, or it is not one for signing (its key usage or
// extended key usage). Nothing when it may.
std::optional<base::Failure> unusable_because(const SigningKey& key, std::int64_t time);

}  // namespace yoshiki::sign
