#include "sign/openssl_support.hpp"

#include <openssl/err.h>

#include <ctime>

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

}  // namespace yoshiki::sign
