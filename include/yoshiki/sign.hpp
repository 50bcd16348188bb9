// yoshiki's signatures: the approval boxes (決裁欄) of a final PDF signed in order, each a PAdES
// baseline signature (ETSI EN 319 142-1, B-B, or B-T with a timestamp) in an incremental update,
// and every signature of a PDF verified. docs/signing.md says what is signed and checked.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "yoshiki/yoshiki.hpp"

namespace yoshiki {

struct YOSHIKI_API SignRequest {
    std::string approver;               // the box to sign, by its title: 課長
    std::string key;                    // a PKCS#12 file as named (for messages), or a pkcs11: URI
    std::string key_bytes;              // the PKCS#12 file's bytes; empty for a token
    std::optional<std::string> password;  // of the key file, or the token's PIN
    std::string tsa_url;                // a timestamp authority (RFC 3161); empty: no timestamp
    int tsa_timeout_seconds = 20;       // to connect, and for each read and write
    // The layout whose stamp style draws the 日付印: this one (its path for messages and for
    // relative font paths, and its bytes), else the layout the PDF carries.
    std::string layout_path, layout_bytes;
    // Opens a font file the layout names: its bytes, kept alive by the owner it returns. The
    // library reads no files itself; `yoshiki sign` reads them as it reads every file. When it
    // cannot, nullopt, with the code and message (and a hint) of why in `failure`: sign_pdf
    // reports them at the layout's font.
    struct FontFile {
        std::string_view bytes;
        std::shared_ptr<const void> owner;
    };
    std::function<std::optional<FontFile>(const std::string& path, Diagnostic& failure)> read_font;
    std::int64_t time = 0;              // when the signature is made, seconds since 1970
    int utc_offset_minutes = 0;         // the signer's time zone: the stamp's date and /M are local
};

// Signs the next approval box of a final PDF that yoshiki made. Returns the signed PDF; or nullopt,
// with the reasons in diags, each naming the PDF, the key or the layout.
YOSHIKI_API std::optional<std::string> sign_pdf(const std::string& pdf_path, const std::string& pdf, const SignRequest& request,
                                    std::vector<Diagnostic>& diags);

// One signature of a PDF, as verify_pdf found it.
struct YOSHIKI_API SignatureReport {
    std::string box;              // the field's name: 課長
    std::string signer;           // the certificate's common name
    std::string subject, issuer;  // the certificate's names
    std::string signing_time;     // the claimed time (/M), "2026-12-01 09:30:00 +09:00"
    bool time_proven = false;     // a sound timestamp proves when it was signed; else it is judged now
    std::string timestamp;        // "2026-12-01 00:30:01 UTC by …"; empty without one
    bool timestamp_ok = false;
    int docmdp = 0;               // a certification signature's permissions (2: forms and signatures); 0: none
    bool intact = false;          // what it signed is unchanged and its signature verifies
    bool whole_document = false;  // it covers the file to its last byte
    std::string coverage;         // "the whole document", or its revision and what follows it
    bool trust_checked = false, trusted = false;
    bool self_signed = false;     // its certificate is its own issuer: anyone can make one in any name
    // Each with its stable code (docs/diagnostics.md: signature-invalid, certificate-not-valid, …)
    // and a sentence; no file, line or column. Empty when all is well.
    std::vector<Diagnostic> problems;
};

struct YOSHIKI_API VerifyReport {
    std::vector<SignatureReport> signatures;  // in the order of the approval boxes
    std::vector<std::string> unsigned_boxes;
    std::vector<Diagnostic> problems;         // of the file as a whole, as SignatureReport's
    bool readable = true;                     // false: not a PDF QPDF reads without repairing it
    bool internal_error = false;              // not readable because yoshiki failed, not the file
    bool ok() const;                          // signed, every signature intact, only allowed changes
    // Every problem, for a listing: the file's, then each signature's as "the signature of 課長: …".
    std::vector<Diagnostic> all_problems() const;
};

// trust_pem: certificates (PEM) the signers' chains must lead to; empty: chains are not checked,
// and who signed is unproven. now: the time of the verification (seconds since 1970), at which a
// signature no timestamp dates is judged.
YOSHIKI_API VerifyReport verify_pdf(const std::string& pdf, const std::string& trust_pem, std::int64_t now);

}  // namespace yoshiki
