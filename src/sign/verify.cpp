// Verifying every signature of a PDF: the bytes each signed (its /ByteRange: the whole file up to
// the end of its revision, but its own /Contents), the CMS over them (OpenSSL), its timestamp,
// optionally the chain, and what the file gained after it: later revisions may only sign the
// remaining approval boxes (DocMDP, permissions 2: form filling and signatures).
#include <yoshiki/sign.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <set>

#include "sign/cms.hpp"
#include "sign/pdf_file.hpp"

namespace yoshiki {

bool VerifyReport::ok() const {
    if (!problems.empty() || signatures.empty()) return false;
    return std::all_of(signatures.begin(), signatures.end(), [](const SignatureReport& s) { return s.problems.empty(); });
}

namespace sign {
namespace {

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

// Seconds since 1970 of a PDF date; 0 when it cannot be read.
std::int64_t date_seconds(const std::string& d) {
    int y, mo, da, h, mi, s, oh = 0, om = 0;
    char z = 'Z';
    int n = std::sscanf(d.c_str(), "D:%4d%2d%2d%2d%2d%2d%c%2d'%2d", &y, &mo, &da, &h, &mi, &s, &z, &oh, &om);
    if (n < 6) return 0;
    std::tm tm{};
    tm.tm_year = y - 1900, tm.tm_mon = mo - 1, tm.tm_mday = da, tm.tm_hour = h, tm.tm_min = mi, tm.tm_sec = s;
    std::int64_t t = static_cast<std::int64_t>(timegm(&tm));
    int offset = (oh * 60 + om) * 60;
    return z == '+' ? t - offset : z == '-' ? t + offset : t;
}

// The byte range must leave out exactly the signature's own /Contents: from its '<' to its '>'.
bool range_is_sound(const SignatureValue& v, const std::string& bytes, std::string& why) {
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

// What the file gained after a signature's revision, against what a later signature may add:
// the next approval boxes' values and appearances, the form's flags, new objects. Each other
// change is a sentence.
std::vector<std::string> disallowed_changes(const PdfFile& file, long long end) {
    std::vector<std::string> out;
    std::string error;
    std::unique_ptr<PdfFile> before = PdfFile::read(file.bytes().substr(0, static_cast<std::size_t>(end)), error);
    if (!before) return {"the revision it signed cannot be read: " + error};
    std::set<int> signed_before;
    for (const SignatureBox& b : before->boxes()) {
        if (b.value) signed_before.insert(b.ref.number);
    }
    std::optional<ObjectRef> form = before->acroform();
    const int old_count = before->object_count();
    for (const ObjectRef& ref : file.objects_written_from(end)) {
        if (ref.number >= old_count) continue;  // new objects matter only where old ones point to them
        std::vector<std::string> keys = file.changed_keys(ref, *before);
        if (keys.empty()) continue;
        std::string what = file.describe(ref);
        bool field = what.rfind("the signature field", 0) == 0;
        std::set<std::string> allowed;
        if (field && !signed_before.count(ref.number)) allowed = {"/V", "/AP"};
        if (form && ref == *form) allowed = {"/SigFlags"};
        for (const std::string& k : keys) {
            if (allowed.count(k)) continue;
            if (field && signed_before.count(ref.number)) {
                out.push_back(what + ", signed already, was changed (" + k + ")");
            } else {
                out.push_back(what + " was changed (" + k + ")");
            }
        }
    }
    return out;
}

// One signature: its byte range, its CMS over the bytes it covers, its timestamp and chain, and
// what follows its revision.
SignatureReport check_signature(const SignatureBox& b, const PdfFile& file, const std::string& trust_pem) {
    const std::string& pdf = file.bytes();
    const SignatureValue& v = *b.value;
    SignatureReport s;
    s.box = b.name;
    s.signing_time = readable_date(v.signing_time);
    s.docmdp = v.docmdp.value_or(0);
    std::string why;
    if (v.sub_filter != "ETSI.CAdES.detached" && v.sub_filter != "adbe.pkcs7.detached") {
        s.problems.push_back("its /SubFilter /" + v.sub_filter + " is not a detached CMS signature");
        return s;
    }
    if (!range_is_sound(v, pdf, why)) {
        s.problems.push_back(why);
        return s;
    }
    const auto& r = v.byte_range;
    std::string content = pdf.substr(0, static_cast<std::size_t>(r[1])) +
                          pdf.substr(static_cast<std::size_t>(r[2]), static_cast<std::size_t>(r[3]));
    CmsCheck c = check_signed_data(v.contents, content, trust_pem, date_seconds(v.signing_time));
    s.signer = c.signer_name;
    s.subject = c.subject;
    s.issuer = c.issuer;
    s.intact = c.intact && c.signing_certificate;
    if (!s.intact) s.problems.push_back("not intact: " + c.problem);
    if (c.timestamped) {
        s.timestamp = c.timestamp_time + (c.timestamp_authority.empty() ? "" : " by " + c.timestamp_authority);
        s.timestamp_ok = c.timestamp_ok;
        if (!c.timestamp_ok) s.problems.push_back(c.timestamp_problem);
    }
    if (!trust_pem.empty()) {
        s.trust_checked = true;
        s.trusted = c.trusted;
        if (!c.trusted && c.intact) s.problems.push_back(c.problem);
    }
    const long long end = r[2] + r[3];
    s.whole_document = end == static_cast<long long>(pdf.size());
    if (s.whole_document) {
        s.coverage = "the whole document";
        return s;
    }
    s.coverage = "its revision (" + std::to_string(end) + " of " + std::to_string(pdf.size()) + " bytes)";
    std::vector<std::string> changes = disallowed_changes(file, end);
    if (changes.empty()) s.coverage += "; after it, only further signatures";
    for (const std::string& change : changes) s.problems.push_back("after it, " + change);
    return s;
}

}  // namespace

// Every signature of a PDF (verify_pdf, less the damage QPDF finds late).
VerifyReport verify(const std::string& pdf, const std::string& trust_pem);

}  // namespace sign

VerifyReport verify_pdf(const std::string& pdf, const std::string& trust_pem) {
    try {
        return sign::verify(pdf, trust_pem);
    } catch (const std::exception& e) {
        // QPDF reads objects when they are first asked for: a damage found then ends the check.
        VerifyReport report;
        report.problems.push_back(std::string("the file is damaged: ") + e.what());
        report.readable = false;
        return report;
    }
}

namespace sign {

VerifyReport verify(const std::string& pdf, const std::string& trust_pem) {
    VerifyReport report;
    std::string error;
    std::unique_ptr<sign::PdfFile> file = sign::PdfFile::read(pdf, error);
    if (!file) {
        report.problems.push_back(error);
        report.readable = false;
        return report;
    }
    long long last_end = 0;
    std::vector<long long> ends;  // of each signature's revision
    for (const sign::SignatureBox& b : file->boxes()) {
        if (!b.value) {
            report.unsigned_boxes.push_back(b.name);
            continue;
        }
        report.signatures.push_back(sign::check_signature(b, *file, trust_pem));
        const auto& r = b.value->byte_range;
        ends.push_back(r.size() == 4 ? r[2] + r[3] : 0);
        last_end = std::max(last_end, ends.back());
    }
    // Which signatures came after each: "after it, only further signatures (副町長, 町長)".
    for (std::size_t i = 0; i < report.signatures.size(); ++i) {
        SignatureReport& s = report.signatures[i];
        if (s.whole_document || !s.problems.empty()) continue;
        std::string later;
        for (std::size_t j = 0; j < report.signatures.size(); ++j) {
            if (ends[j] > ends[i]) later += (later.empty() ? "" : ", ") + report.signatures[j].box;
        }
        if (!later.empty()) s.coverage += " (" + later + ")";
    }
    if (report.signatures.empty()) {
        report.problems.push_back("the document has no signature");
    } else if (last_end < static_cast<long long>(pdf.size())) {
        // Bytes after the last signed revision that no signature covers and no signature's check
        // named: an update nobody signed.
        bool named = std::any_of(report.signatures.begin(), report.signatures.end(),
                                 [](const SignatureReport& s) { return !s.whole_document && !s.problems.empty(); });
        if (!named) {
            report.problems.push_back(std::to_string(pdf.size() - static_cast<std::size_t>(last_end)) +
                                      " bytes follow the last signature, signed by no one");
        }
    }
    return report;
}

}  // namespace sign
}  // namespace yoshiki
