// The CMS of a signature (src/sign/cms.cpp) and the keys (src/sign/signing_key.cpp): a SignedData
// that OpenSSL verifies over the content, with the attributes PAdES asks for and no signing-time;
// any change of the content is found; a key must match its certificate and be valid now.
#include <doctest/doctest.h>

#include <openssl/cms.h>
#include <openssl/pkcs12.h>

#include "sign/cms.hpp"
#include "sign/openssl_support.hpp"
#include "sign/sign_support.hpp"
#include "sign/stamp.hpp"

using namespace yoshiki;

namespace {

constexpr std::int64_t year = 365 * 86400;
const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));

}  // namespace

TEST_CASE("a PAdES SignedData: detached, SHA-256, signing certificate v2, no signing time") {
    sign::SigningKey key = test::self_issued_key(now - year, now + year);
    std::string content = "the bytes of a PDF, all but the signature's own /Contents";
    yoshiki::base::Failure error;
    std::optional<std::string> der = sign::signed_data(key, sign::sha256(content), nullptr, error);
    INFO(error.message);
    REQUIRE(der);

    const unsigned char* p = reinterpret_cast<const unsigned char*>(der->data());
    sign::CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der->size())));
    REQUIRE(cms);
    CHECK(CMS_is_detached(cms.get()) == 1);
    CMS_SignerInfo* si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms.get()), 0);
    CHECK(CMS_signed_get_attr_by_NID(si, NID_pkcs9_contentType, -1) >= 0);
    CHECK(CMS_signed_get_attr_by_NID(si, NID_pkcs9_messageDigest, -1) >= 0);
    CHECK(CMS_signed_get_attr_by_NID(si, NID_id_smime_aa_signingCertificateV2, -1) >= 0);
    CHECK(CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1) < 0);  // PAdES: the time is /M
    X509_ALGOR* digest = nullptr;
    CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &digest, nullptr);
    const ASN1_OBJECT* oid = nullptr;
    X509_ALGOR_get0(&oid, nullptr, nullptr, digest);
    CHECK(OBJ_obj2nid(oid) == NID_sha256);

    sign::CmsCheck ok = sign::check_signed_data(*der, content, "", now);
    CHECK(ok.readable);
    CHECK(ok.intact);
    CHECK(ok.signing_certificate);
    CHECK(ok.signer_name == "酒巻 義一");
    CHECK(ok.subject == "CN=酒巻 義一, title=総務課長, C=JP");
    CHECK_FALSE(ok.timestamped);

    std::string changed = content;
    changed[5] ^= 1;
    sign::CmsCheck broken = sign::check_signed_data(*der, changed, "", now);
    CHECK(broken.readable);
    CHECK_FALSE(broken.intact);
    CHECK(broken.problem.find("the signed bytes were changed") == 0);

    // The dry run, which signs nothing, is never smaller than the real signature.
    std::optional<std::string> dry = sign::signed_data(key, std::string(32, '\0'), nullptr, error, true);
    REQUIRE(dry);
    CHECK(dry->size() >= der->size());
    CHECK_FALSE(sign::check_signed_data(*dry, content, "", now).intact);
}

TEST_CASE("a SignedData that holds content of its own is no PDF signature") {
    sign::SigningKey key = test::self_issued_key(now - year, now + year);
    const std::string content = "the bytes of a PDF, all but the signature's own /Contents";
    sign::BioPtr in = sign::read_bio(content);
    sign::CmsPtr attached(CMS_sign(key.certificate.get(), key.key.get(), nullptr, in.get(), CMS_BINARY));
    REQUIRE(attached);
    REQUIRE(CMS_is_detached(attached.get()) == 0);
    unsigned char* der = nullptr;
    const int size = i2d_CMS_ContentInfo(attached.get(), &der);
    REQUIRE(size > 0);
    const std::string bytes(reinterpret_cast<const char*>(der), static_cast<std::size_t>(size));
    OPENSSL_free(der);

    sign::CmsCheck check = sign::check_signed_data(bytes, content, "", now);
    CHECK_FALSE(check.intact);
    CHECK(check.problem == "the signature holds content of its own (a PDF signature is detached)");
}

TEST_CASE("a key may sign only with its own certificate, while that is valid") {
    sign::SigningKey valid = test::self_issued_key(now - year, now + year);
    CHECK_FALSE(sign::unusable_because(valid, now));
    sign::SigningKey expired = test::self_issued_key(now - 2 * year, now - year);
    auto why = sign::unusable_because(expired, now);
    REQUIRE(why);
    CHECK(why->message.rfind("the certificate expired on ", 0) == 0);
    CHECK(why->code == base::codes::certificate_not_valid);
    sign::SigningKey future = test::self_issued_key(now + year, now + 2 * year);
    why = sign::unusable_because(future, now);
    REQUIRE(why);
    CHECK(why->message.rfind("the certificate is not valid before ", 0) == 0);
    sign::SigningKey other = test::self_issued_key(now - year, now + year, "山田 花子");
    valid.key = std::move(other.key);
    why = sign::unusable_because(valid, now);
    REQUIRE(why);
    CHECK(why->message.rfind("the private key does not match its certificate", 0) == 0);
    CHECK(why->code == base::codes::key_mismatch);
}

TEST_CASE("a key signs only with a certificate for signing: its key usage and extended key usage") {
    auto usage_problem = [](const char* ku, const char* eku) {
        sign::SigningKey k = test::self_issued_key(now - year, now + year, "酒巻 義一", ku, eku);
        auto why = sign::unusable_because(k, now);
        if (why) CHECK(why->code == base::codes::certificate_usage);
        return why ? why->message : std::string();
    };
    CHECK(usage_problem(nullptr, nullptr).empty());
    CHECK(usage_problem("critical, digitalSignature", nullptr).empty());
    CHECK(usage_problem("critical, nonRepudiation", nullptr).empty());
    CHECK(usage_problem("critical, keyEncipherment, dataEncipherment", nullptr) ==
          "the certificate's key usage (keyEncipherment, dataEncipherment) allows neither digitalSignature nor nonRepudiation: "
          "it is not a certificate for signing");
    CHECK(usage_problem("digitalSignature", "serverAuth, clientAuth") ==
          "the certificate's extended key usage (TLS Web Server Authentication, TLS Web Client Authentication) does not allow "
          "signing documents: it is not a certificate for signing");
    CHECK(usage_problem("digitalSignature", "emailProtection").empty());
    CHECK(usage_problem("digitalSignature", "serverAuth, 1.3.6.1.5.5.7.3.36").empty());  // id-kp-documentSigning
    CHECK(usage_problem("digitalSignature", "1.2.840.113583.1.1.5").empty());             // Adobe's
    CHECK(usage_problem("digitalSignature", "anyExtendedKeyUsage").empty());
}

TEST_CASE("a signature is judged at the time its timestamp proves, else now: its own /M proves nothing") {
    // Made while the certificate was valid (its holder says), judged after it expired.
    sign::SigningKey k = test::self_issued_key(now - 2 * year, now - year, "酒巻 義一", "digitalSignature");
    std::string content = "the bytes of a PDF";
    yoshiki::base::Failure error;
    std::optional<std::string> der = sign::signed_data(k, sign::sha256(content), nullptr, error);
    REQUIRE(der);
    sign::CmsCheck judged_now = sign::check_signed_data(*der, content, "", now);
    CHECK(judged_now.intact);
    CHECK(judged_now.self_signed);
    CHECK(judged_now.certificate_problem.rfind("the certificate expired on ", 0) == 0);
    CHECK(judged_now.certificate_problem.find("judged now: no timestamp proves an earlier signing time") != std::string::npos);
    CHECK(sign::check_signed_data(*der, content, "", now - year - year / 2).certificate_problem.empty());

    // A certificate for encipherment only does not sign, whenever it is judged.
    sign::SigningKey enc = test::self_issued_key(now - year, now + year, "酒巻 義一", "keyEncipherment");
    der = sign::signed_data(enc, sign::sha256(content), nullptr, error);
    REQUIRE(der);
    sign::CmsCheck wrong_use = sign::check_signed_data(*der, content, "", now);
    CHECK(wrong_use.intact);
    CHECK(wrong_use.certificate_problem == "the certificate's key usage (keyEncipherment) allows neither digitalSignature nor nonRepudiation");
}

TEST_CASE("PKCS#12: the right password, a wrong one, none, and a file that is not one") {
    sign::SigningKey k = test::self_issued_key(now - year, now + year);
    PKCS12* p12 = PKCS12_create("正しい", "k", k.key.get(), k.certificate.get(), nullptr, 0, 0, 0, 0, 0);
    REQUIRE(p12);
    std::string bytes = sign::der(p12, i2d_PKCS12);
    PKCS12_free(p12);
    base::Failure failure;
    auto loaded = sign::load_pkcs12(bytes, std::string("正しい"), failure);
    REQUIRE(loaded);
    CHECK(X509_cmp(loaded->certificate.get(), k.certificate.get()) == 0);
    CHECK_FALSE(sign::load_pkcs12(bytes, std::string("違う"), failure));
    CHECK(failure.message == "wrong password for the key file");
    CHECK(failure.code == base::codes::key_password);
    CHECK_FALSE(sign::load_pkcs12(bytes, std::nullopt, failure));
    CHECK(failure.message.rfind("the key file is protected by a password", 0) == 0);
    CHECK_FALSE(sign::load_pkcs12("-----BEGIN CERTIFICATE-----", std::nullopt, failure));
    CHECK(failure.message == "not a PKCS#12 key file (.p12, .pfx)");
    CHECK(failure.code == base::codes::key_unreadable);
    CHECK(sign::is_pkcs11_uri("pkcs11:token=card;object=key"));
    CHECK_FALSE(sign::is_pkcs11_uri("key.p12"));
}

TEST_CASE("the date of a 日付印, in the Japanese era") {
    CHECK(sign::stamp_date(2026, 12, 1) == "令和8.12.1");
    CHECK(sign::stamp_date(2019, 5, 1) == "令和元.5.1");
    CHECK(sign::stamp_date(2019, 4, 30) == "平成31.4.30");
    CHECK(sign::stamp_date(2020, 1, 15) == "令和2.1.15");
}
