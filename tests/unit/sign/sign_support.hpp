// Helpers of the sign stage's tests: keys and certificates made in the test with OpenSSL, and a
// small PDF of one page written out by hand.
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <utility>
#include <string>

#include "sign/signing_key.hpp"

namespace yoshiki::test {

// An RSA key and a certificate for it, self-issued, valid from `from` to `to` (seconds since
// 1970), with a Japanese common name and title; with the key usage and extended key usage given
// (OpenSSL's configuration syntax: "critical, keyEncipherment"), else none.
inline sign::SigningKey self_issued_key(std::int64_t from, std::int64_t to, const std::string& cn = "酒巻 義一",
                                        const char* key_usage = nullptr, const char* extended_key_usage = nullptr) {
    sign::SigningKey k;
    k.key.reset(EVP_RSA_gen(2048));
    X509* c = X509_new();
    X509_set_version(c, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(c), 7);
    X509_time_adj_ex(X509_getm_notBefore(c), 0, 0, nullptr);
    ASN1_TIME_set(X509_getm_notBefore(c), static_cast<time_t>(from));
    ASN1_TIME_set(X509_getm_notAfter(c), static_cast<time_t>(to));
    X509_NAME* name = X509_get_subject_name(c);
    X509_NAME_add_entry_by_txt(name, "C", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("JP"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "title", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("総務課長"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
    X509_set_issuer_name(c, name);
    X509_set_pubkey(c, k.key.get());
    for (auto [nid, value] : {std::pair{NID_key_usage, key_usage}, std::pair{NID_ext_key_usage, extended_key_usage}}) {
        if (!value) continue;
        X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, nullptr, nid, value);
        X509_add_ext(c, ext, -1);
        X509_EXTENSION_free(ext);
    }
    X509_sign(c, k.key.get(), EVP_sha256());
    k.certificate.reset(c);
    return k;
}

// A PDF of one empty page, its offsets right: objects 1 to 3, xref, trailer.
inline std::string tiny_pdf() {
    std::string out = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
    std::string objects[] = {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                             "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"};
    std::string xref = "xref\n0 4\n0000000000 65535 f\r\n";
    for (int i = 0; i < 3; ++i) {
        char entry[24];
        std::snprintf(entry, sizeof entry, "%010zu 00000 n\r\n", out.size());
        xref += entry;
        out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    std::size_t at = out.size();
    out += xref + "trailer\n<< /Size 4 /Root 1 0 R /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>] >>\n";
    out += "startxref\n" + std::to_string(at) + "\n%%EOF\n";
    return out;
}

}  // namespace yoshiki::test
