#include "test_key.hpp"

#include <memory>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace yoshiki::fuzz {

namespace {

template <typename T, void (*Free)(T*)>
struct Freer {
    void operator()(T* p) const { Free(p); }
};
template <typename T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, Freer<T, Free>>;

void must(bool done, const char* what) {
    if (!done) throw std::runtime_error(std::string("fuzz: cannot make the test key: ") + what);
}

void add_extension(X509* cert, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    Owned<X509_EXTENSION, X509_EXTENSION_free> ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    must(ext && X509_add_ext(cert, ext.get(), -1) == 1, "an extension");
}

// Self-issued: its subject is its issuer, signed with its own key.
Owned<X509, X509_free> certificate(EVP_PKEY* key, std::int64_t around) {
    Owned<X509, X509_free> cert(X509_new());
    must(cert && X509_set_version(cert.get(), 2) == 1, "a certificate");
    must(ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1) == 1, "a serial number");
    must(ASN1_TIME_set(X509_getm_notBefore(cert.get()), static_cast<time_t>(around - 86400)) != nullptr &&
             ASN1_TIME_set(X509_getm_notAfter(cert.get()), static_cast<time_t>(around + 365 * 86400)) != nullptr,
         "its validity");
    X509_NAME* name = X509_get_subject_name(cert.get());
    const auto* cn = reinterpret_cast<const unsigned char*>("毛呂山町 試験署名者");
    must(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, cn, -1, -1, 0) == 1, "its name");
    must(X509_set_issuer_name(cert.get(), name) == 1 && X509_set_pubkey(cert.get(), key) == 1, "its issuer");
    add_extension(cert.get(), NID_basic_constraints, "critical,CA:false");
    add_extension(cert.get(), NID_key_usage, "critical,digitalSignature,nonRepudiation");
    must(X509_sign(cert.get(), key, EVP_sha256()) > 0, "its signature");
    return cert;
}

}  // namespace

std::string test_key(std::int64_t around, const std::string& password) {
    Owned<EVP_PKEY, EVP_PKEY_free> key(EVP_RSA_gen(2048));
    must(key != nullptr, "an RSA key");
    Owned<X509, X509_free> cert = certificate(key.get(), around);
    Owned<PKCS12, PKCS12_free> p12(PKCS12_create(password.c_str(), "fuzz", key.get(), cert.get(), nullptr, 0, 0, 0, 0, 0));
    must(p12 != nullptr, "the PKCS#12 file");
    unsigned char* der = nullptr;
    int length = i2d_PKCS12(p12.get(), &der);
    must(length > 0, "its encoding");
    std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
    OPENSSL_free(der);
    return out;
}

}  // namespace yoshiki::fuzz
