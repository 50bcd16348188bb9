#include "sign/cms.hpp"

#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/pem.h>
#include <openssl/pkcs7.h>

namespace yoshiki::sign {

namespace {

// The DER of the signed attributes as the SET OF they are signed as (RFC 5652, 5.4). The
// template is PKCS #7's, which is CMS's: a DER-sorted SET, the order OpenSSL writes them in.
std::string signed_attributes_der(CMS_SignerInfo* si) {
    STACK_OF(X509_ATTRIBUTE)* attrs = sk_X509_ATTRIBUTE_new_null();
    for (int i = 0; i < CMS_signed_get_attr_count(si); ++i) sk_X509_ATTRIBUTE_push(attrs, CMS_signed_get_attr(si, i));
    unsigned char* buf = nullptr;
    int len = ASN1_item_i2d(reinterpret_cast<ASN1_VALUE*>(attrs), &buf, ASN1_ITEM_rptr(PKCS7_ATTR_SIGN));
    sk_X509_ATTRIBUTE_free(attrs);  // the attributes are the signer info's
    if (len <= 0) return {};
    std::string out(reinterpret_cast<char*>(buf), static_cast<std::size_t>(len));
    OPENSSL_free(buf);
    return out;
}

}  // namespace

std::optional<std::string> signed_data(const SigningKey& key, std::string_view digest, const Timestamper* timestamper,
                                       base::Failure& failure, bool dry_run) {
    auto fail = [&](const std::string& what) -> std::optional<std::string> {
        failure = base::Failure{base::codes::signature_failed, what + ": " + openssl_errors()};
        return std::nullopt;
    };
    const unsigned flags = CMS_PARTIAL | CMS_DETACHED | CMS_BINARY;
    CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
    if (!cms) return fail("cannot start a signature");
    // CMS_CADES: the ESS signing-certificate-v2 attribute. The signature itself is made below
    // rather than by CMS_final, which would add a signing-time attribute that PAdES forbids.
    CMS_SignerInfo* si = CMS_add1_signer(cms.get(), key.certificate.get(), key.key.get(), EVP_sha256(),
                                         flags | CMS_NOSMIMECAP | CMS_CADES);
    if (!si) return fail("cannot add the signer");
    // The issuers that lead to a root, not the root itself: a verifier trusts its own copy of a
    // root or none, so one in the signature is a kilobyte that proves nothing.
    for (const X509Ptr& c : key.chain) {
        if (X509_self_signed(c.get(), 0) == 1) continue;
        if (CMS_add1_cert(cms.get(), c.get()) < 0) return fail("cannot add an issuer's certificate");
    }
    if (CMS_signed_add1_attr_by_NID(si, NID_pkcs9_contentType, V_ASN1_OBJECT, OBJ_nid2obj(NID_pkcs7_data), -1) != 1 ||
        CMS_signed_add1_attr_by_NID(si, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING, digest.data(),
                                    static_cast<int>(digest.size())) != 1) {
        return fail("cannot add the signed attributes");
    }
    std::string attributes = signed_attributes_der(si);
    if (attributes.empty()) return fail("cannot encode the signed attributes");
    MdCtxPtr ctx(EVP_MD_CTX_new());
    std::size_t len = 0;
    if (dry_run) {
        std::string zeros(static_cast<std::size_t>(EVP_PKEY_get_size(key.key.get())), '\0');
        ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), zeros.data(), static_cast<int>(zeros.size()));
        return der(cms.get(), i2d_CMS_ContentInfo);
    }
    if (EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(attributes.data()), attributes.size()) != 1) {
        return fail("cannot sign with the key");
    }
    std::string signature(len, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &len,
                       reinterpret_cast<const unsigned char*>(attributes.data()), attributes.size()) != 1) {
        return fail("cannot sign with the key");
    }
    signature.resize(len);
    if (ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), signature.data(), static_cast<int>(signature.size())) != 1) {
        return fail("cannot store the signature");
    }
    if (timestamper) {
        std::optional<std::string> token = (*timestamper)(signature, failure);
        if (!token) return std::nullopt;
        // The token is a ContentInfo, DER: the attribute's value as it is (a SEQUENCE).
        if (CMS_unsigned_add1_attr_by_NID(si, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE, token->data(),
                                          static_cast<int>(token->size())) != 1) {
            return fail("cannot add the timestamp");
        }
    }
    std::string out = der(cms.get(), i2d_CMS_ContentInfo);
    if (out.empty()) return fail("cannot encode the signature");
    return out;
}

namespace {

StorePtr trust_store(const std::string& pem, std::int64_t at, std::string& error) {
    StorePtr store(X509_STORE_new());
    BioPtr bio = read_bio(pem);
    int count = 0;
    while (X509* c = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
        X509_STORE_add_cert(store.get(), c);
        X509_free(c);
        ++count;
    }
    ERR_clear_error();
    if (count == 0) {
        error = "the trust file holds no PEM certificate";
        return nullptr;
    }
    // A document signing certificate need not say it is for e-mail (S/MIME, CMS_verify's default
    // purpose): the chain is checked for no purpose here, the signer's key usage by
    // signing_use_problem; the chain is checked at the time the signature is judged at.
    X509_STORE_set_purpose(store.get(), X509_PURPOSE_ANY);
    X509_VERIFY_PARAM* param = X509_STORE_get0_param(store.get());
    X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(at));
    return store;
}

// The ESS signing-certificate-v2 attribute (RFC 5035) names the signer's certificate by its hash.
bool signing_certificate_matches(CMS_SignerInfo* si, X509* signer) {
    ASN1_STRING* seq = static_cast<ASN1_STRING*>(
        CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_id_smime_aa_signingCertificateV2), -3, V_ASN1_SEQUENCE));
    if (!seq) return false;
    const unsigned char* p = ASN1_STRING_get0_data(seq);
    OpenSslPtr<ESS_SIGNING_CERT_V2, ESS_SIGNING_CERT_V2_free> ess(d2i_ESS_SIGNING_CERT_V2(nullptr, &p, ASN1_STRING_length(seq)));
    STACK_OF(X509)* chain = sk_X509_new_null();
    sk_X509_push(chain, signer);
    bool ok = ess && OSSL_ESS_check_signing_certs(nullptr, ess.get(), chain, 1) == 1;
    sk_X509_free(chain);
    ERR_clear_error();
    return ok;
}

void check_timestamp(CMS_SignerInfo* si, const std::string& trust_pem, CmsCheck& out) {
    int at = CMS_unsigned_get_attr_by_NID(si, NID_id_smime_aa_timeStampToken, -1);
    if (at < 0) return;
    out.timestamped = true;
    X509_ATTRIBUTE* attr = CMS_unsigned_get_attr(si, at);
    ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(attr, 0);
    if (!value || value->type != V_ASN1_SEQUENCE) {
        out.timestamp_problem = "the timestamp is not a token";
        return;
    }
    const unsigned char* p = value->value.sequence->data;
    Pkcs7Ptr token(d2i_PKCS7(nullptr, &p, value->value.sequence->length));
    TstInfoPtr info(token ? PKCS7_to_TS_TST_INFO(token.get()) : nullptr);
    if (!info) {
        ERR_clear_error();
        out.timestamp_problem = "the timestamp token cannot be read";
        return;
    }
    const ASN1_GENERALIZEDTIME* gen = TS_TST_INFO_get_time(info.get());
    out.timestamp_time = time_text(gen);
    time_seconds(gen, out.timestamp_seconds);
    if (GENERAL_NAME* tsa = TS_TST_INFO_get_tsa(info.get()); tsa && tsa->type == GEN_DIRNAME) {
        out.timestamp_authority = name_text(tsa->d.directoryName);
    }
    // The token must be over this signature's value, and its own signature must verify (against
    // the trust store when one is given).
    ASN1_OCTET_STRING* sig = CMS_SignerInfo_get0_signature(si);
    TsVerifyPtr ctx(TS_VERIFY_CTX_new());
    int flags = TS_VFY_VERSION | TS_VFY_DATA | TS_VFY_SIGNATURE;
    TS_VERIFY_CTX_set_flags(ctx.get(), flags);
    TS_VERIFY_CTX_set_data(ctx.get(), BIO_new_mem_buf(sig->data, sig->length));
    std::string error;
    StorePtr store = trust_pem.empty() ? nullptr : trust_store(trust_pem, out.timestamp_seconds, error);
    if (!store) {
        // Without a trust store the token's signature is checked with no chain: a store that
        // trusts the token's own signer.
        store.reset(X509_STORE_new());
        STACK_OF(X509)* certs = token->d.sign->cert;
        for (int i = 0; i < sk_X509_num(certs); ++i) X509_STORE_add_cert(store.get(), sk_X509_value(certs, i));
        X509_STORE_set_flags(store.get(), X509_V_FLAG_PARTIAL_CHAIN);
        X509_VERIFY_PARAM_set_time(X509_STORE_get0_param(store.get()), static_cast<time_t>(out.timestamp_seconds));
    }
    TS_VERIFY_CTX_set_store(ctx.get(), store.release());
    if (TS_RESP_verify_token(ctx.get(), token.get()) == 1) {
        out.timestamp_ok = true;
    } else {
        out.timestamp_problem = "the timestamp does not verify: " + openssl_errors();
    }
}

// The signed bytes as CMS_verify reads them: behind a buffer, not as a memory BIO. OpenSSL 3.0
// copies a memory BIO into one of its own and leaks that copy when the SignedData names a digest
// it does not know (found by fuzz/verify_fuzzer.cpp); a BIO of another type it uses as it is.
BioPtr verify_input(std::string_view content) {
    BioPtr buffer(BIO_new(BIO_f_buffer()));
    if (!buffer) return buffer;
    BIO_push(buffer.get(), read_bio(content).release());
    return buffer;
}

}  // namespace

CmsCheck check_signed_data(std::string_view der_bytes, std::string_view content, const std::string& trust_pem, std::int64_t now) {
    CmsCheck out;
    const unsigned char* p = reinterpret_cast<const unsigned char*>(der_bytes.data());
    CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der_bytes.size())));
    STACK_OF(CMS_SignerInfo)* signers = cms ? CMS_get0_SignerInfos(cms.get()) : nullptr;
    if (!signers || sk_CMS_SignerInfo_num(signers) != 1) {
        ERR_clear_error();
        out.problem = "the signature is not a CMS SignedData of one signer";
        return out;
    }
    // A PDF signature is detached (ISO 32000-2 12.8.3.3): the signed bytes are the byte range,
    // never content of its own.
    if (CMS_is_detached(cms.get()) != 1) {
        out.problem = "the signature holds content of its own (a PDF signature is detached)";
        return out;
    }
    // /Contents is not signed: past the SignedData it may hold only the zeros of its room.
    const std::size_t used = static_cast<std::size_t>(p - reinterpret_cast<const unsigned char*>(der_bytes.data()));
    if (der_bytes.find_first_not_of('\0', used) != std::string_view::npos) {
        out.problem = "its /Contents holds more than its signature";
        return out;
    }
    CMS_SignerInfo* si = sk_CMS_SignerInfo_value(signers, 0);
    STACK_OF(X509)* certs = CMS_get1_certs(cms.get());
    X509* signer = nullptr;
    for (int i = 0; i < sk_X509_num(certs); ++i) {
        if (CMS_SignerInfo_cert_cmp(si, sk_X509_value(certs, i)) == 0) signer = sk_X509_value(certs, i);
    }
    if (!signer) {
        sk_X509_pop_free(certs, X509_free);
        out.problem = "the signature does not hold its signer's certificate";
        return out;
    }
    out.readable = true;
    out.signer_name = name_entry(X509_get_subject_name(signer), NID_commonName);
    out.subject = name_text(X509_get_subject_name(signer));
    out.issuer = name_text(X509_get_issuer_name(signer));
    out.not_before = time_text(X509_get0_notBefore(signer));
    out.not_after = time_text(X509_get0_notAfter(signer));

    // The signature itself, without the chain: the content's digest and the signature over the
    // attributes; then the ESS signing certificate attribute against the signer's certificate
    // (CMS_verify checks it only together with the chain).
    BioPtr data = verify_input(content);
    if (CMS_verify(cms.get(), nullptr, nullptr, data.get(), nullptr, CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) == 1) {
        out.intact = true;
        out.signing_certificate = signing_certificate_matches(si, signer);
        if (!out.signing_certificate) out.problem = "its ESS signing-certificate-v2 attribute is missing or names another certificate";
    } else {
        std::string why = openssl_errors();
        out.problem = why.find("digest") != std::string::npos || why.find("verification failure") != std::string::npos
                          ? "the signed bytes were changed (" + why + ")"
                          : why;
    }
    check_timestamp(si, trust_pem, out);
    const std::int64_t at = out.timestamp_ok ? out.timestamp_seconds : now;
    out.self_signed = X509_self_signed(signer, 0) == 1;
    if (std::optional<std::string> why = validity_problem(signer, at)) {
        out.certificate_problem = *why + (out.timestamp_ok ? " (before the time its timestamp proves)"
                                                           : " (judged now: no timestamp proves an earlier signing time)");
    } else if (std::optional<std::string> use = signing_use_problem(signer)) {
        out.certificate_problem = *use;
    }
    sk_X509_pop_free(certs, X509_free);
    if (!trust_pem.empty() && out.intact) {
        std::string error;
        StorePtr store = trust_store(trust_pem, at, error);
        if (!store) {
            out.problem = error;
        } else {
            BioPtr again = read_bio(content);
            if (CMS_verify(cms.get(), nullptr, store.get(), again.get(), nullptr, CMS_BINARY | CMS_CADES) == 1) {
                out.trusted = true;
            } else {
                out.problem = "the certificate is not trusted: " + openssl_errors();
            }
        }
    }
    return out;
}

}  // namespace yoshiki::sign
