// OpenSSL's objects held by std::unique_ptr, and the reasons in OpenSSL's error queue as words.
// OpenSSL 3 does every piece of yoshiki's cryptography (src/sign only).
#pragma once

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/ts.h>
#include <openssl/x509.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace yoshiki::sign {

template <typename T, void (*Free)(T*)>
struct OpenSslDeleter {
    void operator()(T* p) const { Free(p); }
};
template <typename T, void (*Free)(T*)>
using OpenSslPtr = std::unique_ptr<T, OpenSslDeleter<T, Free>>;

using X509Ptr = OpenSslPtr<X509, X509_free>;
using PkeyPtr = OpenSslPtr<EVP_PKEY, EVP_PKEY_free>;
using BioPtr = OpenSslPtr<BIO, BIO_free_all>;
using CmsPtr = OpenSslPtr<CMS_ContentInfo, CMS_ContentInfo_free>;
using Pkcs12Ptr = OpenSslPtr<PKCS12, PKCS12_free>;
using StorePtr = OpenSslPtr<X509_STORE, X509_STORE_free>;
using MdCtxPtr = OpenSslPtr<EVP_MD_CTX, EVP_MD_CTX_free>;
using Pkcs7Ptr = OpenSslPtr<PKCS7, PKCS7_free>;
using TsReqPtr = OpenSslPtr<TS_REQ, TS_REQ_free>;
using TsRespPtr = OpenSslPtr<TS_RESP, TS_RESP_free>;
using TstInfoPtr = OpenSslPtr<TS_TST_INFO, TS_TST_INFO_free>;
using TsVerifyPtr = OpenSslPtr<TS_VERIFY_CTX, TS_VERIFY_CTX_free>;

// A memory BIO reading the bytes (which must outlive it).
BioPtr read_bio(std::string_view bytes);

// The reasons OpenSSL queued, most specific last, as one line; the queue is emptied.
std::string openssl_errors();

// SHA-256 of the bytes.
std::string sha256(std::string_view bytes);

// DER of an object, by its i2d function.
template <typename T>
std::string der(const T* object, int (*i2d)(const T*, unsigned char**)) {
    unsigned char* buf = nullptr;
    int len = i2d(object, &buf);
    if (len <= 0) return {};
    std::string out(reinterpret_cast<char*>(buf), static_cast<std::size_t>(len));
    OPENSSL_free(buf);
    return out;
}

// A certificate's name as text: RFC 2253 order reversed to the usual reading, UTF-8 kept
// ("CN=酒巻 義一, title=総務課長, O=毛呂山町, C=JP"); and one attribute of it (CN, title).
std::string name_text(const X509_NAME* name);
std::string name_entry(const X509_NAME* name, int nid);

// "2026-12-01 09:30:00 +09:00"-like text of an ASN.1 time, in UTC ("2026-12-01 00:30:00 UTC").
std::string time_text(const ASN1_TIME* t);
// Seconds since 1970 of an ASN.1 time; nullopt when it cannot be read.
bool time_seconds(const ASN1_TIME* t, std::int64_t& out);

// Why the certificate is not valid at `at` (seconds since 1970): "the certificate expired on …",
// "the certificate is not valid before …". Nothing when it is.
std::optional<std::string> validity_problem(X509* cert, std::int64_t at);

// Why the certificate may not sign documents: its key usage allows neither digitalSignature nor
// nonRepudiation, or it has an extended key usage and none of those that allow signing
// documents. Nothing when it may (a certificate without either extension may sign anything).
std::optional<std::string> signing_use_problem(X509* cert);

}  // namespace yoshiki::sign
