// The ENGINE interface is deprecated in OpenSSL 3 but is the one through which libp11 0.4 (Debian
// 12's) offers tokens; the provider that replaces it is not packaged there.
#define OPENSSL_SUPPRESS_DEPRECATED

#include "sign/signing_key.hpp"

#include <openssl/engine.h>
#include <openssl/err.h>

#include <cctype>
#include <cstdlib>

namespace yoshiki::sign {

bool is_pkcs11_uri(const std::string& spec) { return spec.rfind("pkcs11:", 0) == 0; }

std::optional<SigningKey> load_pkcs12(const std::string& bytes, const std::optional<std::string>& password,
                                      base::Failure& failure) {
    BioPtr bio = read_bio(bytes);
    Pkcs12Ptr p12(d2i_PKCS12_bio(bio.get(), nullptr));
    if (!p12) {
        ERR_clear_error();
        failure = {base::codes::key_unreadable, "not a PKCS#12 key file (.p12, .pfx)"};
        return std::nullopt;
    }
    // PKCS12_parse checks the integrity MAC with the password (with none and with an empty one
    // when none is given, as a file without a password may have been written either way). Only
    // when it fails is the MAC checked alone, to tell a wrong password from a damaged file: the
    // password's key derivation is most of the cost of reading the file.
    EVP_PKEY* key = nullptr;
    X509* cert = nullptr;
    STACK_OF(X509)* ca = nullptr;
    const char* pass = password ? password->c_str() : nullptr;
    if (PKCS12_parse(p12.get(), pass, &key, &cert, &ca) != 1) {
        bool mac_fails = PKCS12_mac_present(p12.get()) && PKCS12_verify_mac(p12.get(), pass, -1) != 1 &&
                         (password || PKCS12_verify_mac(p12.get(), "", 0) != 1);
        std::string why = openssl_errors();
        if (mac_fails) {
            failure = {base::codes::key_password,
                       password ? "wrong password for the key file"
                                : "the key file is protected by a password: give it with --password-file FILE or YOSHIKI_KEY_PASSWORD"};
        } else {
            failure = {base::codes::key_unreadable, "cannot read the key file: " + why};
        }
        return std::nullopt;
    }
    SigningKey k;
    k.key.reset(key);
    k.certificate.reset(cert);
    for (int i = 0; i < sk_X509_num(ca); ++i) k.chain.emplace_back(sk_X509_value(ca, i));
    sk_X509_free(ca);
    if (!k.key || !k.certificate) {
        failure = {base::codes::key_unreadable, "the key file holds no private key with its certificate"};
        return std::nullopt;
    }
    return k;
}

namespace {

// A query attribute of a PKCS#11 URI ("?module-path=/usr/lib/…"), RFC 7512 2.3, without its
// percent-encoding (paths rarely need it).
std::string query_attribute(const std::string& uri, const std::string& name) {
    std::size_t q = uri.find('?');
    if (q == std::string::npos) return {};
    std::string query = uri.substr(q + 1);
    for (std::size_t i = 0; i <= query.size();) {
        std::size_t j = query.find('&', i);
        if (j == std::string::npos) j = query.size();
        std::string part = query.substr(i, j - i);
        if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
        i = j + 1;
    }
    return {};
}

// The URI the engine is given: its path part only (libp11 0.4 reads no query attributes).
std::string path_part(const std::string& uri) { return uri.substr(0, uri.find('?')); }

// A path attribute of a PKCS#11 URI ("token", "object"), percent-decoded, for messages.
std::string path_attribute(const std::string& uri, const std::string& name) {
    std::string path = path_part(uri).substr(std::string("pkcs11:").size());
    for (std::size_t i = 0; i <= path.size();) {
        std::size_t j = path.find(';', i);
        if (j == std::string::npos) j = path.size();
        std::string part = path.substr(i, j - i);
        if (part.rfind(name + "=", 0) == 0) {
            std::string v = part.substr(name.size() + 1), out;
            for (std::size_t k = 0; k < v.size(); ++k) {
                if (v[k] == '%' && k + 2 < v.size() + 1 && std::isxdigit(static_cast<unsigned char>(v[k + 1])) &&
                    k + 2 < v.size() && std::isxdigit(static_cast<unsigned char>(v[k + 2]))) {
                    out += static_cast<char>(std::stoi(v.substr(k + 1, 2), nullptr, 16));
                    k += 2;
                } else {
                    out += v[k];
                }
            }
            return out;
        }
        i = j + 1;
    }
    return {};
}

void finish_engine(ENGINE* e) {
    ENGINE_finish(e);
    ENGINE_free(e);
}

}  // namespace

std::optional<SigningKey> load_pkcs11(const std::string& uri, const std::optional<std::string>& pin, base::Failure& failure) {
    ENGINE_load_builtin_engines();
    ENGINE* raw = ENGINE_by_id("pkcs11");
    if (!raw) {
        ERR_clear_error();
        failure = {base::codes::key_not_found, "OpenSSL's pkcs11 engine is not installed (Debian: libengine-pkcs11-openssl)"};
        return std::nullopt;
    }
    std::string module = query_attribute(uri, "module-path");
    bool ok = ENGINE_ctrl_cmd_string(raw, "QUIET", nullptr, 0) == 1;
    if (ok && !module.empty()) ok = ENGINE_ctrl_cmd_string(raw, "MODULE_PATH", module.c_str(), 0) == 1;
    if (ok && pin) ok = ENGINE_ctrl_cmd_string(raw, "PIN", pin->c_str(), 0) == 1;
    if (!ok || ENGINE_init(raw) != 1) {
        failure = {base::codes::key_not_found, "cannot start the pkcs11 engine" +
                                                   (module.empty() ? std::string() : " with the module " + module) + ": " +
                                                   openssl_errors()};
        ENGINE_free(raw);
        return std::nullopt;
    }
    std::shared_ptr<ENGINE> engine(raw, finish_engine);
    std::string object = path_part(uri);
    SigningKey k;
    k.engine = engine;
    k.key.reset(ENGINE_load_private_key(raw, object.c_str(), nullptr, nullptr));
    if (!k.key) {
        std::string why = openssl_errors();
        std::string token = path_attribute(uri, "token"), label = path_attribute(uri, "object");
        if (why.find("Unable to load PKCS#11 module") != std::string::npos) {
            failure = {base::codes::key_not_found,
                       "cannot load the PKCS#11 module " + (module.empty() ? std::string("(p11-kit's proxy)") : module) + ": " + why};
        } else if (why.find("PIN") != std::string::npos) {
            failure = {base::codes::key_password,
                       "the token " + (token.empty() ? std::string("of ") + object : "'" + token + "'") + " refused the PIN: " + why};
        } else {
            failure = {base::codes::key_not_found, "no private key" + (label.empty() ? std::string() : " '" + label + "'") + " on " +
                                                       (token.empty() ? std::string("any token") : "a token '" + token + "'") +
                                                       " (is the card in its reader?) at " + object + ": " + why};
        }
        return std::nullopt;
    }
    struct {
        const char* id;
        X509* cert;
    } params{object.c_str(), nullptr};
    if (ENGINE_ctrl_cmd(raw, "LOAD_CERT_CTRL", 0, &params, nullptr, 1) != 1 || !params.cert) {
        std::string why = openssl_errors();
        failure = {base::codes::key_not_found, "no certificate at " + object + ": " + why};
        return std::nullopt;
    }
    k.certificate.reset(params.cert);
    return k;
}

std::optional<base::Failure> unusable_because(const SigningKey& k, std::int64_t time) {
    if (X509_check_private_key(k.certificate.get(), k.key.get()) != 1) {
        ERR_clear_error();
        return base::Failure{base::codes::key_mismatch, "the private key does not match its certificate (" +
                                                         name_text(X509_get_subject_name(k.certificate.get())) + ")"};
    }
    if (std::optional<std::string> why = validity_problem(k.certificate.get(), time)) {
        return base::Failure{base::codes::certificate_not_valid, *why};
    }
    if (std::optional<std::string> why = signing_use_problem(k.certificate.get())) {
        return base::Failure{base::codes::certificate_usage, *why + ": it is not a certificate for signing"};
    }
    return std::nullopt;
}

}  // namespace yoshiki::sign
