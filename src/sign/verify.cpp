// Verifying every signature of a PDF: the bytes each signed (its /ByteRange: the whole file up to
// the end of its revision, but its own /Contents), the CMS over them (OpenSSL), its timestamp,
// optionally the chain, and what the file gained after it: later revisions may only sign the
// remaining approval boxes (DocMDP, permissions 2: form filling and signatures).
#include <yoshiki/sign.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

#include "read/fault.hpp"
#include "read/pdf_file.hpp"
#include "sign/cms.hpp"
#include "sign/verify.hpp"

namespace yoshiki {

bool VerifyReport::ok() const {
    if (!problems.empty() || signatures.empty()) return false;
    return std::all_of(signatures.begin(), signatures.end(), [](const SignatureReport& s) { return s.problems.empty(); });
}

std::vector<Diagnostic> VerifyReport::all_problems() const {
    std::vector<Diagnostic> out = problems;
    for (const SignatureReport& s : signatures) {
        for (Diagnostic p : s.problems) {
            p.message = "the signature of " + s.box + ": " + p.message;
            out.push_back(std::move(p));
        }
    }
    return out;
}

namespace sign {
namespace {

namespace codes = base::codes;

// A problem of a signature or of the file: what verify_pdf reports, with its code.
Diagnostic problem(base::Code code, std::string message) {
    Diagnostic d;
    d.code = code.name;
    d.message = std::move(message);
    return d;
}

// The reader's facts of a PDF (src/read/), as signing and verifying name them.
using read::ChangeAllowance;
using read::ObjectRef;
using read::PdfFile;
using read::ShownChange;
using read::SignatureBox;
using read::SignatureValue;

// "D:20261201093000+09'00'" → "2026-12-01 09:30:00 +09:00"; as it is when it is not a date.
std::string readable_date(const std::string& d) {
    int y, mo, da, h, mi, s, oh = 0, om = 0;
    char z = 'Z';
    int n = std::sscanf(d.c_str(), "D:%4d%2d%2d%2d%2d%2d%c%2d'%2d", &y, &mo, &da, &h, &mi, &s, &z, &oh, &om);
    if (n < 6) return d;
    char buf[40];
    if (n < 7 || z == 'Z') std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d UTC", y, mo, da, h, mi, s);
    else std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d %c%02d:%02d", y, mo, da, h, mi, s, z, oh, om);
    return buf;
}

// The byte range must leave out exactly the signature's own /Contents: from its '<' to its '>'.
bool range_is_sound(const SignatureValue& v, std::string_view bytes, std::string& why) {
    const auto& r = v.byte_range;
    if (r.size() != 4 || r[0] != 0 || r[1] <= 0 || r[2] <= r[1] || r[3] < 0) {
        why = "its /ByteRange is not the four numbers of one gap";
        return false;
    }
    long long end = r[2] + r[3];
    if (end > static_cast<long long>(bytes.size())) {
        why = "its /ByteRange reaches past the end of the file (the file was cut short)";
        return false;
    }
    if (bytes[static_cast<std::size_t>(r[1])] != '<' || bytes[static_cast<std::size_t>(r[2] - 1)] != '>') {
        why = "its /ByteRange does not leave out exactly its /Contents";
        return false;
    }
    // The gap is the signature's own /Contents, not some other hex string: its digits decode to
    // the value the dictionary holds.
    const std::size_t from = static_cast<std::size_t>(r[1]) + 1, to = static_cast<std::size_t>(r[2]) - 1;
    if ((to - from) != 2 * v.contents.size()) {
        why = "its /ByteRange leaves out something else than its /Contents";
        return false;
    }
    for (std::size_t i = 0; i < v.contents.size(); ++i) {
        unsigned value = 0;
        for (char c : {bytes[from + 2 * i], bytes[from + 2 * i + 1]}) {
            value = value * 16 + static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(c) - 'a' + 10));
        }
        if (static_cast<unsigned char>(v.contents[i]) != value) {
            why = "its /ByteRange leaves out something else than its /Contents";
            return false;
        }
    }
    return true;
}

// One revision of the file as a signature left it: the bytes up to the end of its byte range.
struct Revision {
    long long end = 0;
    std::unique_ptr<PdfFile> file;
    std::string box;  // the approval box whose signature ends here
};

// What a later revision shows that an earlier one did not, but for what a further signature may
// add: the newly signed box's value and appearance (its own signature covers them) and the
// form's /SigFlags. Each other change is a sentence naming where it is.
std::vector<std::string> shown_changes(const Revision& older, const PdfFile& newer, const std::string& newly_signed) {
    std::vector<ChangeAllowance> allowed;
    if (std::optional<ObjectRef> field = newly_signed.empty() ? std::nullopt : newer.field(newly_signed)) {
        allowed.push_back({*field, "/V"});
        allowed.push_back({*field, "/AP"});
    }
    if (std::optional<ObjectRef> form = newer.acroform()) allowed.push_back({*form, "/SigFlags"});
    allowed.push_back({newer.root(), "/AcroForm/SigFlags"});
    // One sentence per object changed, naming its first few changes and where it is.
    std::vector<std::string> out;
    std::vector<ShownChange> changes = newer.changes_from(*older.file, allowed);
    for (std::size_t i = 0; i < changes.size();) {
        std::size_t j = i;
        std::string paths;
        for (; j < changes.size() && changes[j].holder == changes[i].holder; ++j) {
            if (j - i < 4) paths += (paths.empty() ? "" : ", ") + changes[j].path;
            else if (j - i == 4) paths += ", …";
        }
        out.push_back(newer.describe(changes[i].holder) + ", reached from " + changes[i].reached_as + ", was changed (" + paths + ")");
        i = j;
    }
    return out;
}

// One signature: its byte range, its CMS over the bytes it covers, its timestamp and chain, and
// what follows its revision.
SignatureReport check_signature(const SignatureBox& b, const PdfFile& file, const std::string& trust_pem, std::int64_t now) {
    const std::string_view pdf = file.bytes();
    const SignatureValue& v = *b.value;
    SignatureReport s;
    s.box = b.name;
    s.signing_time = readable_date(v.signing_time);
    s.docmdp = v.docmdp.value_or(0);
    std::string why;
    if (v.sub_filter != "ETSI.CAdES.detached" && v.sub_filter != "adbe.pkcs7.detached") {
        s.problems.push_back(problem(codes::signature_unsupported, "its /SubFilter /" + v.sub_filter + " is not a detached CMS signature"));
        return s;
    }
    if (!range_is_sound(v, pdf, why)) {
        s.problems.push_back(problem(codes::signature_invalid, why));
        return s;
    }
    const auto& r = v.byte_range;
    std::string content(pdf.substr(0, static_cast<std::size_t>(r[1])));
    content += pdf.substr(static_cast<std::size_t>(r[2]), static_cast<std::size_t>(r[3]));
    CmsCheck c = check_signed_data(v.contents, content, trust_pem, now);
    s.signer = c.signer_name;
    s.subject = c.subject;
    s.issuer = c.issuer;
    s.intact = c.intact && c.signing_certificate;
    if (!s.intact) s.problems.push_back(problem(codes::signature_invalid, "not intact: " + c.problem));
    if (c.timestamped) {
        s.timestamp = c.timestamp_time + (c.timestamp_authority.empty() ? "" : " by " + c.timestamp_authority);
        s.timestamp_ok = c.timestamp_ok;
        if (!c.timestamp_ok) s.problems.push_back(problem(codes::timestamp_invalid, c.timestamp_problem));
    }
    s.time_proven = c.timestamp_ok;
    s.self_signed = c.self_signed;
    if (c.intact && !c.certificate_problem.empty()) s.problems.push_back(problem(codes::certificate_not_valid, c.certificate_problem));
    if (!trust_pem.empty()) {
        s.trust_checked = true;
        s.trusted = c.trusted;
        if (!c.trusted && c.intact) s.problems.push_back(problem(codes::certificate_untrusted, c.problem));
    }
    const long long end = r[2] + r[3];
    s.whole_document = end == static_cast<long long>(pdf.size());
    s.coverage = s.whole_document ? "the whole document" : "its revision (" + std::to_string(end) + " of " + std::to_string(pdf.size()) + " bytes)";
    return s;
}

}  // namespace

}  // namespace sign

VerifyReport verify_pdf(const std::string& pdf, const std::string& trust_pem, std::int64_t now) {
    try {
        base::Failure failure;
        std::unique_ptr<read::PdfFile> file = read::PdfFile::read(pdf, failure);
        if (!file) {
            VerifyReport report;
            report.problems.push_back(sign::problem(failure.code, failure.message));
            report.readable = false;
            return report;
        }
        return sign::verify_file(*file, trust_pem, now);
    } catch (const std::exception& e) {
        // A damage QPDF finds late ends the check as a finding about the file; anything else is
        // yoshiki's own failure, and says so.
        VerifyReport report;
        const base::Failure failure = read::failure_of(e);
        report.internal_error = failure.code == base::codes::internal_error;
        report.problems.push_back(sign::problem(failure.code, report.internal_error ? failure.message + " (please report this with the PDF)" : failure.message));
        report.readable = false;
        return report;
    }
}

namespace sign {

namespace {

using read::PdfFile;

// The revisions the signatures end, in the order they were made, each read as it was then.
// Null with the reason when one cannot be read.
std::optional<std::vector<Revision>> signed_revisions(const PdfFile& file, const VerifyReport& report,
                                                      const std::vector<long long>& ends, base::Failure& failure) {
    std::vector<Revision> out;
    for (std::size_t i = 0; i < ends.size(); ++i) {
        if (!report.signatures[i].intact) continue;  // what it covers says nothing
        Revision r;
        r.end = ends[i];
        r.box = report.signatures[i].box;
        out.push_back(std::move(r));
    }
    std::sort(out.begin(), out.end(), [](const Revision& a, const Revision& b) { return a.end < b.end; });
    for (Revision& r : out) {
        if (r.end == static_cast<long long>(file.bytes().size())) continue;  // the file itself
        r.file = file.revision(static_cast<std::size_t>(r.end), failure);
        if (!r.file) return std::nullopt;
    }
    return out;
}

// What each intact signature's revision became: every later revision is compared with the one
// before it, by what it shows, and what it changed beyond the next signature's own box is a
// problem of every signature before it. A certification that allows no change (DocMDP 1) makes
// every later revision one.
void check_later_revisions(const PdfFile& file, VerifyReport& report, const std::vector<long long>& ends) {
    base::Failure failure;
    std::optional<std::vector<Revision>> revisions = signed_revisions(file, report, ends, failure);
    auto problem_after = [&](long long end, const std::string& what) {
        for (std::size_t i = 0; i < ends.size(); ++i) {
            if (report.signatures[i].intact && ends[i] <= end) report.signatures[i].problems.push_back(problem(codes::pdf_changed, "after it, " + what));
        }
    };
    if (!revisions) {
        report.problems.push_back(problem(failure.code, "a signed revision cannot be read: " + failure.message));
        return;
    }
    int locked_at = -1;  // the end of a certification with DocMDP 1
    for (std::size_t i = 0; i < ends.size(); ++i) {
        if (report.signatures[i].docmdp == 1) locked_at = static_cast<int>(ends[i]);
    }
    for (std::size_t k = 0; k < revisions->size(); ++k) {
        const Revision& older = (*revisions)[k];
        if (!older.file) break;  // the last revision is the whole file
        const bool last = k + 1 == revisions->size();
        const PdfFile& newer = last || !(*revisions)[k + 1].file ? file : *(*revisions)[k + 1].file;
        const std::string next_box = last ? std::string() : (*revisions)[k + 1].box;
        if (locked_at >= 0 && older.end >= locked_at && !last) {
            problem_after(older.end, "the signature of " + next_box + ", which its certification (DocMDP 1) forbids");
        }
        for (const std::string& change : shown_changes(older, newer, next_box)) {
            problem_after(older.end, last ? change + ", in bytes no signature covers" : change);
        }
    }
}

}  // namespace

VerifyReport verify_file(const read::PdfFile& file, const std::string& trust_pem, std::int64_t now) {
    VerifyReport report;
    const std::string_view pdf = file.bytes();
    long long last_end = 0;
    std::vector<long long> ends;  // of each signature's revision
    for (const read::SignatureBox& b : file.boxes()) {
        if (!b.value) {
            report.unsigned_boxes.push_back(b.name);
            continue;
        }
        report.signatures.push_back(sign::check_signature(b, file, trust_pem, now));
        const auto& r = b.value->byte_range;
        ends.push_back(r.size() == 4 ? r[2] + r[3] : 0);
        last_end = std::max(last_end, ends.back());
    }
    if (report.signatures.empty()) {
        report.problems.push_back(problem(codes::pdf_not_signed, "the document has no signature"));
        return report;
    }
    check_later_revisions(file, report, ends);
    // Which signatures came after each: "after it, only further signatures (副町長, 町長)".
    for (std::size_t i = 0; i < report.signatures.size(); ++i) {
        SignatureReport& s = report.signatures[i];
        if (s.whole_document || !s.problems.empty()) continue;
        std::string later;
        for (std::size_t j = 0; j < report.signatures.size(); ++j) {
            if (ends[j] > ends[i]) later += (later.empty() ? "" : ", ") + report.signatures[j].box;
        }
        s.coverage += "; after it, only further signatures" + (later.empty() ? std::string() : " (" + later + ")");
    }
    if (last_end < static_cast<long long>(pdf.size())) {
        report.problems.push_back(problem(codes::pdf_changed, std::to_string(pdf.size() - static_cast<std::size_t>(last_end)) +
                                                                  " bytes follow the last signature, signed by no one"));
    }
    return report;
}

}  // namespace sign
}  // namespace yoshiki
