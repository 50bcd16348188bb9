// The CMS SignedData of a PAdES baseline signature (ETSI EN 319 142-1, 5.3 and 6.3; RFC 5652),
// made and read with OpenSSL: detached (the content is the PDF's byte ranges), SHA-256, signed
// attributes content-type, message-digest and ESS signing-certificate-v2 (RFC 5035: the signing
// certificate's hash, so that it cannot be swapped), no signing-time (the PDF's /M says when, as
// PAdES asks); the certificate and its issuers; for B-T an RFC 3161 timestamp token over the
// signature value as the unsigned attribute id-aa-timeStampToken.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/failure.hpp"
#include "sign/signing_key.hpp"

namespace yoshiki::sign {

// Gets a timestamp token (DER) over the given signature value, or nullopt with the failure set.
using Timestamper = std::function<std::optional<std::string>(std::string_view signature, base::Failure& failure)>;

// The DER of a SignedData over content whose SHA-256 is `digest` (32 bytes). A dry run signs
// nothing: it gives a SignedData of the size a real one has at most, for the room to keep for it.
// Null with the failure set: signature-failed, or the timestamper's own failure.
std::optional<std::string> signed_data(const SigningKey& key, std::string_view digest, const Timestamper* timestamper,
                                       base::Failure& failure, bool dry_run = false);

// What a signature's CMS says, checked against the signed bytes.
struct CmsCheck {
    bool readable = false;      // a SignedData OpenSSL reads, with one signer whose certificate it holds
    bool intact = false;        // the digest of the content and the signature over the attributes verify
    bool signing_certificate = false;  // the ESS signing-certificate-v2 names the signer's certificate
    bool trusted = false;       // the chain leads to a trusted certificate (only with a trust store)
    bool self_signed = false;   // the signer's certificate is its own issuer: it proves no identity
    // Why the signer's certificate could not sign then: not valid at the time the signature is
    // judged at, or not a certificate for signing (key usage). Empty when it could.
    std::string certificate_problem;
    std::string problem;        // why not, in words
    std::string signer_name;    // CN
    std::string subject, issuer;
    std::string not_before, not_after;
    // The timestamp token, if any: its time, and whether it is sound (its imprint is the
    // signature value's hash, its own signature verifies).
    bool timestamped = false, timestamp_ok = false;
    std::string timestamp_time, timestamp_authority, timestamp_problem;
    std::int64_t timestamp_seconds = 0;
};

// trust: PEM certificates to verify the chain against (empty: the chain is not checked).
// now: the time of the verification. The certificate and its chain are judged at the time a
// sound timestamp proves, else now: a signing time the signer's own computer wrote proves nothing.
CmsCheck check_signed_data(std::string_view der, std::string_view content, const std::string& trust_pem, std::int64_t now);

}  // namespace yoshiki::sign
