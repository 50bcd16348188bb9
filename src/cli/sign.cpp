#include "cli/sign.hpp"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <iostream>

#include <yoshiki/sign.hpp>

#include "base/codes.hpp"
#include "io/files.hpp"
#include "io/write.hpp"

namespace yoshiki::cli {

namespace {

// The files a signature is made from, read as every file is (regular files only, bounded).
struct Reader {
    DiagnosticFormat format = DiagnosticFormat::human;
    io::DiskFiles files;
    std::vector<io::ReadFile> read;  // what the output may not replace

    // role: what the file is to the output, if not "the <kind>" ("the PDF being signed").
    std::optional<std::string> operator()(const std::string& path, io::Use use, const std::string& role = {}) {
        io::Failure failure;
        auto file = files.read_text(path, use, failure);
        if (!file) {
            Diagnostic d;
            d.file = path;
            d.code = failure.code.name;
            d.message = std::string("cannot read the ") + io::file_kind(use) + ": " + failure.message;
            std::cerr << formatted(d, format);
            return std::nullopt;
        }
        read.push_back(io::ReadFile{file->identity, role.empty() ? std::string("the ") + io::file_kind(use) : role});
        return std::move(file->bytes);
    }
};

// The password of a key: the first line of --password-file, else YOSHIKI_KEY_PASSWORD, else none.
// Never an argument: the command line of a process is visible to every user of the machine.
bool find_password(Reader& reader, const std::string& file, std::optional<std::string>& out) {
    if (!file.empty()) {
        auto bytes = reader(file, io::Use::password);
        if (!bytes) return false;
        out = bytes->substr(0, bytes->find_first_of("\r\n"));
        return true;
    }
    if (const char* env = std::getenv("YOSHIKI_KEY_PASSWORD")) out = std::string(env);
    return true;
}

// The local time zone's offset from UTC at t, in minutes: the 日付印's date is the signer's day.
int utc_offset_minutes(std::time_t t) {
    std::tm tm{};
    localtime_r(&t, &tm);
    return static_cast<int>(tm.tm_gmtoff / 60);
}

void print_signature(int n, const SignatureReport& s) {
    std::cout << n << " " << s.box << ": " << (s.signer.empty() ? "(no signer)" : s.signer) << "\n";
    if (!s.subject.empty()) std::cout << "  subject: " << s.subject << "\n";
    if (!s.issuer.empty()) std::cout << "  issuer: " << s.issuer << "\n";
    std::cout << "  signing time: " << s.signing_time
              << (s.time_proven ? " (as the signer's computer said; the timestamp proves the signature existed by its time)\n"
                                : " (the signer's claim, unproven: no valid timestamp; the signature is judged as of now)\n");
    std::cout << "  timestamp: " << (s.timestamp.empty() ? "none" : s.timestamp + (s.timestamp_ok ? ", valid" : ", NOT VALID")) << "\n";
    if (s.docmdp) {
        std::cout << "  certifies the document (DocMDP " << s.docmdp
                  << (s.docmdp == 2 ? ": filling in the form and signing remain allowed)" : ")") << "\n";
    }
    std::cout << "  intact: " << (s.intact ? "yes" : "NO") << "\n";
    if (!s.coverage.empty()) std::cout << "  covers: " << s.coverage << "\n";
    std::cout << "  certificate: "
              << (!s.trust_checked ? "chain not checked: who signed is unproven (give --trust CA.pem)"
                  : !s.intact      ? "chain not checked: the signature itself does not verify"
                  : s.trusted      ? "trusted"
                                   : "NOT TRUSTED")
              << (s.self_signed ? "; self-signed: anyone can make such a certificate in any name" : "") << "\n";
    for (const Diagnostic& p : s.problems) std::cout << "  problem: " << p.message << " [" << p.code << "]\n";
}

void print_report(const std::string& path, const VerifyReport& r) {
    std::cout << path << ": " << r.signatures.size() << (r.signatures.size() == 1 ? " signature" : " signatures");
    if (!r.unsigned_boxes.empty()) {
        std::cout << "; not yet signed:";
        for (const std::string& b : r.unsigned_boxes) std::cout << " " << b;
    }
    std::cout << "\n";
    int n = 0;
    for (const SignatureReport& s : r.signatures) print_signature(++n, s);
    for (const Diagnostic& p : r.problems) std::cout << "problem: " << p.message << " [" << p.code << "]\n";
    bool unchecked = std::any_of(r.signatures.begin(), r.signatures.end(), [](const SignatureReport& s) { return !s.trust_checked; });
    std::cout << (!r.ok()     ? "NOT OK"
                  : unchecked ? "ok: every signature is intact; who signed is unchecked without --trust CA.pem"
                              : "ok: every signature is intact and trusted")
              << "\n";
}

}  // namespace

int run_sign(const SignOptions& o) {
    Reader reader;
    reader.format = o.diagnostics;
    auto pdf = reader(o.input, io::Use::pdf, "the PDF being signed");
    if (!pdf) return 1;
    SignRequest r;
    r.approver = o.approver;
    r.key = o.key;
    if (o.key.rfind("pkcs11:", 0) != 0) {
        auto key = reader(o.key, io::Use::key);
        if (!key) return 1;
        r.key_bytes = std::move(*key);
    }
    if (!find_password(reader, o.password_file, r.password)) return 1;
    if (!o.layout.empty()) {
        auto layout = reader(o.layout, io::Use::layout);
        if (!layout) return 1;
        r.layout_path = o.layout;
        r.layout_bytes = std::move(*layout);
    }
    r.read_font = [&reader](const std::string& path, Diagnostic& made) -> std::optional<SignRequest::FontFile> {
        io::Failure failure;
        auto mapped = reader.files.map(path, io::Use::font, failure);
        if (!mapped) {
            made.code = failure.code.name;
            made.message = failure.message;
            return std::nullopt;
        }
        reader.read.push_back(io::ReadFile{mapped->identity, "a font file"});
        return SignRequest::FontFile{mapped->bytes, mapped->owner};
    };
    r.tsa_url = o.tsa;
    r.tsa_timeout_seconds = o.tsa_timeout;
    std::time_t now = std::time(nullptr);
    r.time = static_cast<std::int64_t>(now);
    r.utc_offset_minutes = utc_offset_minutes(now);
    // The output is checked before any key is touched: a PIN is not spent on a run that cannot
    // write its result.
    if (o.output != "-") {
        io::Failure failure;
        auto identity = reader.files.identify(o.output, io::Use::pdf, failure);
        for (const io::ReadFile& f : reader.read) {
            if (identity && identity->same_file(f.identity)) {
                Diagnostic d;
                d.file = o.output;
                d.code = base::codes::output_is_input.name;
                d.message = "the output is " + f.role + "; write the signed PDF to a new file";
                std::cerr << formatted(d, o.diagnostics);
                return 1;
            }
        }
    }
    std::vector<Diagnostic> diags;
    std::optional<std::string> signed_pdf = sign_pdf(o.input, *pdf, r, diags);
    print_diagnostics(diags, o.diagnostics, std::cerr);
    if (!signed_pdf) return 1;
    if (auto failure = io::write_file(o.output, *signed_pdf, reader.read)) {
        Diagnostic d;
        d.file = o.output;
        d.code = failure->code.name;
        d.message = failure->code == base::codes::output_failed ? failure->message : "cannot write the signed PDF here: " + failure->message;
        std::cerr << formatted(d, o.diagnostics);
        return 1;
    }
    return 0;
}

int run_verify(const std::string& path, const std::string& trust_file, DiagnosticFormat format) {
    Reader reader;
    reader.format = format;
    auto pdf = reader(path, io::Use::pdf);
    if (!pdf) return 1;
    std::string trust;
    if (!trust_file.empty()) {
        auto t = reader(trust_file, io::Use::certificates);
        if (!t) return 1;
        trust = std::move(*t);
    }
    VerifyReport report = verify_pdf(*pdf, trust, static_cast<std::int64_t>(std::time(nullptr)));
    if (!report.readable) {  // nothing to report on: a finding about the file, as for any file
        Diagnostic d = report.problems.front();
        d.file = path;
        std::cerr << formatted(d, format);
        return 1;
    }
    print_report(path, report);
    return report.ok() ? 0 : 1;
}

}  // namespace yoshiki::cli
