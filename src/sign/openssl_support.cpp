#include "sign/openssl_support.hpp"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <vector>

#include "base/date.hpp"

namespace yoshiki::sign {

BioPtr read_bio(std::string_view bytes) {
    return BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

std::string openssl_errors() {
    std::string out;
    unsigned long e;
    while ((e = ERR_get_error()) != 0) {
        char buf[256];
        ERR_error_string_n(e, buf, sizeof buf);
        // "error:0308010C:digital envelope routines::unsupported": the reason is the last part.
        std::string s = buf;
        std::size_t colon = s.rfind(':');
        std::string reason = colon == std::string::npos ? s : s.substr(colon + 1);
        if (!reason.empty() && out.find(reason) == std::string::npos) out += (out.empty() ? "" : "; ") + reason;
    }
    return out.empty() ? "no reason given" : out;
}

std::string sha256(std::string_view bytes) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr) != 1) return {};
    return std::string(reinterpret_cast<char*>(md), len);
}

std::string name_text(const X509_NAME* name) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    // RFC 2253 (most specific first) without the escaping of bytes above 0x7F, so that UTF-8
    // names stay readable, and with ", " between the parts.
    unsigned long flags = (XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB & ~XN_FLAG_SEP_MASK) | XN_FLAG_SEP_CPLUS_SPC;
    X509_NAME_print_ex(bio.get(), name, 0, flags);
    char* data = nullptr;
    long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(len));
}

std::string name_entry(const X509_NAME* name, int nid) {
    int at = X509_NAME_get_index_by_NID(name, nid, -1);
    if (at < 0) return {};
    ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, at));
    unsigned char* utf8 = nullptr;
    int len = ASN1_STRING_to_UTF8(&utf8, value);
    if (len < 0) return {};
    std::string out(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(len));
    OPENSSL_free(utf8);
    return out;
}

bool time_seconds(const ASN1_TIME* t, std::int64_t& out) {
    std::tm tm{};
    if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return false;
    out = static_cast<std::int64_t>(timegm(&tm));
    return true;
}

std::string time_text(const ASN1_TIME* t) {
    std::int64_t s = 0;
    if (!time_seconds(t, s)) return "(unreadable)";
    return base::utc_text(s, "%Y-%m-%d %H:%M:%S UTC");
}

std::optional<std::string> validity_problem(X509* cert, std::int64_t at) {
    std::time_t t = static_cast<std::time_t>(at);
    const ASN1_TIME* not_before = X509_get0_notBefore(cert);
    const ASN1_TIME* not_after = X509_get0_notAfter(cert);
    if (X509_cmp_time(not_before, &t) > 0) return "the certificate is not valid before " + time_text(not_before);
    if (X509_cmp_time(not_after, &t) < 0) return "the certificate expired on " + time_text(not_after);
    return std::nullopt;
}

namespace {

// The key usage bits' names (RFC 5280, 4.2.1.3), for a sentence saying which a certificate has.
std::string key_usage_names(std::uint32_t usage) {
    static const std::pair<std::uint32_t, const char*> names[] = {
        {KU_DIGITAL_SIGNATURE, "digitalSignature"}, {KU_NON_REPUDIATION, "nonRepudiation"},
        {KU_KEY_ENCIPHERMENT, "keyEncipherment"},   {KU_DATA_ENCIPHERMENT, "dataEncipherment"},
        {KU_KEY_AGREEMENT, "keyAgreement"},         {KU_KEY_CERT_SIGN, "keyCertSign"},
        {KU_CRL_SIGN, "cRLSign"},                   {KU_ENCIPHER_ONLY, "encipherOnly"},
        {KU_DECIPHER_ONLY, "decipherOnly"}};
    std::string out;
    for (const auto& [bit, name] : names) {
        if (usage & bit) out += (out.empty() ? "" : ", ") + std::string(name);
    }
    return out.empty() ? "none" : out;
}

// The extended key usages that allow signing documents: any purpose, e-mail protection (which
// CMS signers have long carried), id-kp-documentSigning (RFC 9336), Microsoft's and Adobe's
// document signing.
bool signs_documents(const ASN1_OBJECT* purpose) {
    static const char* const allowed[] = {"2.5.29.37.0", "1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.36",
                                          "1.3.6.1.4.1.311.10.3.12", "1.2.840.113583.1.1.5"};
    char oid[80];
    if (OBJ_obj2txt(oid, sizeof oid, purpose, 1) <= 0) return false;
    for (const char* a : allowed) {
        if (std::string_view(oid) == a) return true;
    }
    return false;
}

}  // namespace

std::optional<std::string> signing_use_problem(X509* cert) {
    // X509_get_key_usage answers UINT32_MAX when the certificate has no key usage: any.
    const std::uint32_t usage = X509_get_key_usage(cert);
    if (!(usage & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION))) {
        return "the certificate's key usage (" + key_usage_names(usage) + ") allows neither digitalSignature nor nonRepudiation";
    }
    int critical = 0;
    auto* purposes = static_cast<EXTENDED_KEY_USAGE*>(X509_get_ext_d2i(cert, NID_ext_key_usage, &critical, nullptr));
    if (!purposes) {
        ERR_clear_error();
        return critical == -2 ? std::optional<std::string>("the certificate holds its extended key usage twice") : std::nullopt;
    }
    std::string names;
    bool allowed = false;
    for (int i = 0; i < sk_ASN1_OBJECT_num(purposes); ++i) {
        const ASN1_OBJECT* purpose = sk_ASN1_OBJECT_value(purposes, i);
        allowed = allowed || signs_documents(purpose);
        char name[80];
        OBJ_obj2txt(name, sizeof name, purpose, 0);
        names += (names.empty() ? "" : ", ") + std::string(name);
    }
    sk_ASN1_OBJECT_pop_free(purposes, ASN1_OBJECT_free);
    if (allowed) return std::nullopt;
    return "the certificate's extended key usage (" + names + ") does not allow signing documents";
}

}  // namespace yoshiki::sign
