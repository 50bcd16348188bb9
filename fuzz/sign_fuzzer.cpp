// Fuzz target: a PDF from anyone, signed as `yoshiki sign` signs it: the first approval box (課長)
// with the target's own key (no timestamp), the stamp drawn with the goal-sheet layout, at the
// fixed time. A PDF signed is checked by verify.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <yoshiki/sign.hpp>

#include "harness.hpp"
#include "test_key.hpp"

namespace {

using namespace yoshiki;

// The layout's fonts, read once each; nothing outside /usr/share/fonts.
std::optional<SignRequest::FontFile> read_font(const std::string& path, Diagnostic& failure) {
    static std::map<std::string, std::shared_ptr<const std::string>> read;
    const std::string folder = "/usr/share/fonts/";
    if (path.compare(0, folder.size(), folder) != 0 || path.find("..") != std::string::npos) {
        failure.code = "file-outside-roots";
        failure.message = "the fuzz target reads fonts only under " + folder;
        return std::nullopt;
    }
    auto& font = read[path];
    if (!font) {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            failure.code = "file-not-found";
            failure.message = "no such font file";
            return std::nullopt;
        }
        std::ostringstream bytes;
        bytes << in.rdbuf();
        font = std::make_shared<const std::string>(bytes.str());
    }
    return SignRequest::FontFile{*font, font};
}

SignRequest request() {
    SignRequest r;
    r.approver = "課長";
    r.key = "fuzz.p12";
    r.password = "fuzz";
    r.key_bytes = fuzz::test_key(fuzz::fixed_time, *r.password);
    r.layout_path = "layouts/goal-sheet.xml";
    r.layout_bytes = fuzz::repository_file(r.layout_path);
    r.read_font = read_font;
    r.time = fuzz::fixed_time;
    r.utc_offset_minutes = 9 * 60;
    return r;
}

// A signed PDF is the PDF with an incremental update after it, and its last signature is the
// approver's, intact.
void check_signed(const std::string& pdf, const std::string& signed_pdf, const std::string& approver) {
    fuzz::promise(signed_pdf.size() > pdf.size() && signed_pdf.compare(0, pdf.size(), pdf) == 0);
    VerifyReport report = verify_pdf(signed_pdf, "", fuzz::fixed_time);
    fuzz::promise(!report.signatures.empty());
    const SignatureReport& last = report.signatures.back();
    fuzz::promise(last.box == approver && last.intact && last.whole_document);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const SignRequest r = request();
    std::string pdf(reinterpret_cast<const char*>(data), size);
    std::vector<Diagnostic> diags;
    std::optional<std::string> signed_pdf = sign_pdf("fuzz.pdf", pdf, r, diags);
    // A PDF is signed exactly when no finding is an error.
    fuzz::promise(fuzz::check_findings(diags) == !signed_pdf);
    if (signed_pdf) check_signed(pdf, *signed_pdf, r.approver);
    return 0;
}
