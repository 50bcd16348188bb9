#include "cli/archived_pdf.hpp"

#include <algorithm>
#include <map>

#include <yoshiki/sign.hpp>

#include "base/codes.hpp"
#include "cli/diagnostics.hpp"
#include "io/md5.hpp"

namespace yoshiki::cli {

bool intact(const archive::EmbeddedFile& f) { return f.checksum == io::md5(f.bytes) && f.stated_size == f.bytes.size(); }

bool safe_name(const std::string& name) {
    if (name.empty() || name == "." || name == ".." || name.size() > 255) return false;
    return std::none_of(name.begin(), name.end(), [](char c) {
        return c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
    });
}

bool safe_relative_name(const std::string& name) {
    // At most four folders deep, each part a plain name: never absolute, never "..".
    std::size_t parts = 0, at = 0;
    while (true) {
        std::size_t slash = name.find('/', at);
        if (!safe_name(name.substr(at, slash == std::string::npos ? std::string::npos : slash - at))) return false;
        if (++parts > 5) return false;
        if (slash == std::string::npos) return true;
        at = slash + 1;
    }
}

const archive::EmbeddedFile* find_file(const archive::PdfContents& pdf, const char* relationship) {
    for (const auto& f : pdf.files) {
        if (f.relationship == relationship) return &f;
    }
    return nullptr;
}

Rendered render_embedded(const Engine& engine, const archive::PdfContents& contents, std::optional<std::int64_t> created,
                         bool tagged) {
    Rendered out;
    const archive::EmbeddedFile* input = find_file(contents, "Source");
    const archive::EmbeddedFile* layout = find_file(contents, "Data");
    if (!input || !layout) {
        out.error = "its input or layout is not embedded";
        return out;
    }
    if (!safe_name(input->name) || !safe_name(layout->name) || input->name == layout->name) {
        out.error = "its embedded files are not named as yoshiki names them";
        return out;
    }
    RenderOptions options;
    options.layout_path = layout->name;
    options.tagged = tagged;
    options.creation_time = created;
    std::map<std::string, std::string> files{{layout->name, layout->bytes}};
    for (const auto& f : contents.files) {
        if (f.relationship != "Supplement") continue;
        if (!safe_relative_name(f.name) || files.count(f.name)) {
            out.error = "its embedded files are not named as yoshiki names them";
            return out;
        }
        files.emplace(f.name, f.bytes);  // the layout's images, by the path it names them by
    }
    std::vector<Diagnostic> diags;
    out.department = engine.prepare_from_memory(input->name, input->bytes, options, diags, files);
    if (!out.department) {
        out.error = "its embedded source does not render: " + (diags.empty() ? std::string() : diags.front().format());
        return out;
    }
    out.pdf = engine.write_pdf(*out.department);
    return out;
}

namespace {

std::vector<archive::SignatureEntry> signature_entries(const VerifyReport& report) {
    std::vector<archive::SignatureEntry> out;
    for (const SignatureReport& s : report.signatures) out.push_back({s.box, s.signer, s.signing_time, s.timestamp});
    return out;
}

}  // namespace

std::optional<SignedPdf> take_signed_pdf(const Engine& engine, const std::string& path, std::string_view pdf,
                                         const std::string& trust_pem, std::vector<Diagnostic>& diags, std::int64_t now) {
    auto refuse = [&](base::Code code, std::string message, std::string hint = {}) {
        diags.push_back(finding(path, code, std::move(message), std::move(hint)));
        return std::nullopt;
    };
    archive::PdfContents contents = archive::read_embedded_files(pdf);
    if (contents.failure) return refuse(contents.failure->code, contents.failure->message);
    const archive::EmbeddedFile* input = find_file(contents, "Source");
    const archive::EmbeddedFile* layout = find_file(contents, "Data");
    if (!input || !layout) {
        return refuse(base::codes::pdf_not_yoshiki, "a PDF is archived in place of its input only when it carries its input and layout",
                      "every department PDF yoshiki renders carries them; archive the input itself instead");
    }
    if (!intact(*input) || !intact(*layout)) {
        return refuse(base::codes::embedded_file_refused, "its embedded input or layout does not match its /CheckSum or /Size");
    }

    VerifyReport report = verify_pdf(std::string(pdf), trust_pem, now);
    if (report.signatures.empty()) {
        return refuse(base::codes::pdf_not_signed, "it is not signed: an archive takes a PDF in place of its input only as signed",
                      "sign it (yoshiki sign), or archive its input instead");
    }
    if (!report.ok()) {
        for (Diagnostic p : report.all_problems()) {
            p.file = path;
            diags.push_back(std::move(p));
        }
        return std::nullopt;
    }

    // The signed document's first revision must be what its source renders to here: then the
    // sheets, pages and fonts the manifest lists are true of it, and verify --rerender can show
    // it again.
    Rendered again = render_embedded(engine, contents, contents.created, contents.tagged);
    if (!again.error.empty()) return refuse(base::codes::pdf_render_differs, again.error);
    if (again.pdf.size() >= pdf.size() || pdf.compare(0, again.pdf.size(), again.pdf) != 0) {
        return refuse(base::codes::pdf_render_differs,
                      "its first revision, before its signatures, is not what its embedded input renders to with this yoshiki "
                      "and these fonts",
                      "archive it with the yoshiki and fonts it was rendered with, so that the manifest's facts are true of it");
    }
    SignedPdf out{again.department, signature_entries(report), report.unsigned_boxes};
    for (const std::string& box : out.unsigned_boxes) {
        Diagnostic d = finding(path, base::codes::box_unsigned, "the approval box " + box + " is not signed; it is archived as it is");
        d.severity = Diagnostic::Severity::warning;
        diags.push_back(d);
    }
    return out;
}

}  // namespace yoshiki::cli
