#include "cli/sign.hpp"

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <yoshiki/sign.hpp>

namespace yoshiki::cli {

namespace {

// A regular file's bytes; nullopt with the reason printed.
std::optional<std::string> read_file(const std::string& path, const std::string& what) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        std::cerr << path << ": error: cannot read the " << what << ": "
                  << (std::filesystem::exists(path, ec) ? "it is not a regular file" : "no such file") << "\n";
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    if (!in) {
        std::cerr << path << ": error: cannot read the " << what << "\n";
        return std::nullopt;
    }
    return ss.str();
}

// The password of a key: the first line of --password-file, else YOSHIKI_KEY_PASSWORD, else none.
// Never an argument: the command line of a process is visible to every user of the machine.
bool find_password(const std::string& file, std::optional<std::string>& out) {
    if (!file.empty()) {
        auto bytes = read_file(file, "password file");
        if (!bytes) return false;
        std::string line = bytes->substr(0, bytes->find_first_of("\r\n"));
        out = line;
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

void print_report(const std::string& path, const VerifyReport& r) {
    std::cout << path << ": " << r.signatures.size() << (r.signatures.size() == 1 ? " signature" : " signatures");
    if (!r.unsigned_boxes.empty()) {
        std::cout << "; not yet signed:";
        for (const std::string& b : r.unsigned_boxes) std::cout << " " << b;
    }
    std::cout << "\n";
    int n = 0;
    for (const SignatureReport& s : r.signatures) {
        std::cout << ++n << " " << s.box << ": " << (s.signer.empty() ? "(no signer)" : s.signer) << "\n";
        if (!s.subject.empty()) std::cout << "  subject: " << s.subject << "\n";
        if (!s.issuer.empty()) std::cout << "  issuer: " << s.issuer << "\n";
        std::cout << "  signing time: " << s.signing_time << " (as the signer's computer said)\n";
        std::cout << "  timestamp: " << (s.timestamp.empty() ? "none" : s.timestamp + (s.timestamp_ok ? ", valid" : ", NOT VALID")) << "\n";
        if (s.docmdp) {
            std::cout << "  certifies the document (DocMDP " << s.docmdp
                      << (s.docmdp == 2 ? ": filling in the form and signing remain allowed)" : ")") << "\n";
        }
        std::cout << "  intact: " << (s.intact ? "yes" : "NO") << "\n";
        if (!s.coverage.empty()) std::cout << "  covers: " << s.coverage << "\n";
        std::cout << "  certificate: "
                  << (!s.trust_checked ? "chain not checked (give --trust CA.pem)"
                      : !s.intact      ? "chain not checked: the signature itself does not verify"
                      : s.trusted      ? "trusted"
                                       : "NOT TRUSTED")
                  << "\n";
        for (const std::string& p : s.problems) std::cout << "  problem: " << p << "\n";
    }
    for (const std::string& p : r.problems) std::cout << "problem: " << p << "\n";
    std::cout << (r.ok() ? "ok: every signature is intact" : "NOT OK") << "\n";
}

}  // namespace

int run_sign(const SignOptions& o) {
    // -o onto the input would lose the original should anything fail, and cannot be atomic.
    std::error_code ec;
    if (std::filesystem::exists(o.output, ec) && std::filesystem::equivalent(o.input, o.output, ec)) {
        std::cerr << o.output << ": error: the output is the input; write the signed PDF to a new file\n";
        return 1;
    }
    if (std::filesystem::is_directory(o.output, ec)) {
        std::cerr << o.output << ": error: the output is a folder; name the signed PDF\n";
        return 1;
    }
    auto pdf = read_file(o.input, "PDF");
    if (!pdf) return 1;
    SignRequest r;
    r.approver = o.approver;
    r.key = o.key;
    if (o.key.rfind("pkcs11:", 0) != 0) {
        auto key = read_file(o.key, "key file");
        if (!key) return 1;
        r.key_bytes = std::move(*key);
    }
    if (!find_password(o.password_file, r.password)) return 1;
    r.tsa_url = o.tsa;
    r.tsa_timeout_seconds = o.tsa_timeout;
    r.layout_path = o.layout;
    std::time_t now = std::time(nullptr);
    r.time = static_cast<std::int64_t>(now);
    r.utc_offset_minutes = utc_offset_minutes(now);
    std::vector<Diagnostic> diags;
    std::optional<std::string> signed_pdf = sign_pdf(o.input, *pdf, r, diags);
    for (const Diagnostic& d : diags) std::cerr << d.format() << "\n";
    if (!signed_pdf) return 1;
    std::string error = write_file_atomically(o.output, *signed_pdf);
    if (!error.empty()) {
        std::cerr << o.output << ": error: " << error << "\n";
        return 1;
    }
    return 0;
}

int run_verify(const std::string& path, const std::string& trust_file) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        std::cerr << path << ": error: a folder; yoshiki verify FILE.pdf checks one signed PDF\n";
        return 1;
    }
    auto pdf = read_file(path, "PDF");
    if (!pdf) return 1;
    std::string trust;
    if (!trust_file.empty()) {
        auto t = read_file(trust_file, "trust file");
        if (!t) return 1;
        trust = std::move(*t);
    }
    VerifyReport report = verify_pdf(*pdf, trust);
    print_report(path, report);
    return report.ok() ? 0 : 1;
}

}  // namespace yoshiki::cli
