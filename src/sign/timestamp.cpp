#include "sign/timestamp.hpp"

#include <httplib.h>
#include <openssl/err.h>
#include <openssl/rand.h>

#include "sign/openssl_support.hpp"

namespace yoshiki::sign {

namespace {

// "http://host:port/path" → ("http://host:port", "/path").
bool split_url(const std::string& url, std::string& origin, std::string& path) {
    std::size_t scheme = url.find("://");
    if (scheme == std::string::npos) return false;
    std::string s = url.substr(0, scheme);
    if (s != "http" && s != "https") return false;
    std::size_t slash = url.find('/', scheme + 3);
    origin = url.substr(0, slash);
    path = slash == std::string::npos ? "/" : url.substr(slash);
    return origin.size() > scheme + 3;
}

TsReqPtr make_request(std::string_view data, base::Failure& failure) {
    std::string digest = sha256(data);
    TsReqPtr req(TS_REQ_new());
    OpenSslPtr<TS_MSG_IMPRINT, TS_MSG_IMPRINT_free> imprint(TS_MSG_IMPRINT_new());
    OpenSslPtr<X509_ALGOR, X509_ALGOR_free> algo(X509_ALGOR_new());
    // A nonce of 64 random bits ties the reply to this request (RFC 3161, 2.4.1).
    unsigned char nonce_bytes[8];
    OpenSslPtr<BIGNUM, BN_free> nonce_bn(nullptr);
    OpenSslPtr<ASN1_INTEGER, ASN1_INTEGER_free> nonce(nullptr);
    bool ok = req && imprint && algo && RAND_bytes(nonce_bytes, sizeof nonce_bytes) == 1;
    if (ok) {
        nonce_bn.reset(BN_bin2bn(nonce_bytes, sizeof nonce_bytes, nullptr));
        nonce.reset(nonce_bn ? BN_to_ASN1_INTEGER(nonce_bn.get(), nullptr) : nullptr);
    }
    ok = ok && nonce && X509_ALGOR_set0(algo.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr) == 1 &&
         TS_MSG_IMPRINT_set_algo(imprint.get(), algo.get()) == 1 &&
         TS_MSG_IMPRINT_set_msg(imprint.get(), reinterpret_cast<unsigned char*>(digest.data()), static_cast<int>(digest.size())) == 1 &&
         TS_REQ_set_version(req.get(), 1) == 1 && TS_REQ_set_msg_imprint(req.get(), imprint.get()) == 1 &&
         TS_REQ_set_nonce(req.get(), nonce.get()) == 1 && TS_REQ_set_cert_req(req.get(), 1) == 1;
    if (!ok) {
        failure = base::Failure{base::codes::timestamp_failed, "cannot make a timestamp request: " + openssl_errors()};
        return nullptr;
    }
    return req;
}

}  // namespace

std::optional<std::string> request_timestamp(const std::string& url, std::string_view data, int timeout_seconds,
                                             base::Failure& failure) {
    std::string origin, path;
    if (!split_url(url, origin, path)) {
        failure = base::Failure{base::codes::timestamp_failed, "'" + url + "' is not an http:// or https:// URL"};
        return std::nullopt;
    }
    TsReqPtr req = make_request(data, failure);
    if (!req) return std::nullopt;
    std::string query = der(req.get(), i2d_TS_REQ);

    httplib::Client client(origin);
    client.set_connection_timeout(timeout_seconds, 0);
    client.set_read_timeout(timeout_seconds, 0);
    client.set_write_timeout(timeout_seconds, 0);
    httplib::Result res = client.Post(path, query, "application/timestamp-query");
    if (!res) {
        failure = base::Failure{base::codes::timestamp_failed, "the timestamp authority " + url + " does not answer (" +
                                                                   httplib::to_string(res.error()) + ", waited up to " +
                                                                   std::to_string(timeout_seconds) + " s)"};
        return std::nullopt;
    }
    if (res->status != 200) {
        failure = base::Failure{base::codes::timestamp_failed, "the timestamp authority " + url + " answered HTTP " + std::to_string(res->status)};
        return std::nullopt;
    }
    const unsigned char* p = reinterpret_cast<const unsigned char*>(res->body.data());
    TsRespPtr resp(d2i_TS_RESP(nullptr, &p, static_cast<long>(res->body.size())));
    if (!resp) {
        ERR_clear_error();
        failure = base::Failure{base::codes::timestamp_failed, "the timestamp authority " + url + " sent no timestamp reply"};
        return std::nullopt;
    }
    // The reply must grant a token over what was asked, with the request's nonce. Its signature is
    // checked by `yoshiki verify`, against the trust the verifier chooses.
    TsVerifyPtr ctx(TS_REQ_to_TS_VERIFY_CTX(req.get(), nullptr));
    if (ctx) TS_VERIFY_CTX_set_flags(ctx.get(), TS_VFY_VERSION | TS_VFY_IMPRINT | TS_VFY_NONCE);
    if (!ctx || TS_RESP_verify_response(ctx.get(), resp.get()) != 1) {
        failure = base::Failure{base::codes::timestamp_failed,
                                "the timestamp authority's reply does not answer the request: " + openssl_errors()};
        return std::nullopt;
    }
    std::string token = der(TS_RESP_get_token(resp.get()), i2d_PKCS7);
    if (token.empty()) {
        failure = base::Failure{base::codes::timestamp_failed, "the timestamp reply holds no token"};
        return std::nullopt;
    }
    return token;
}

}  // namespace yoshiki::sign
