// yoshiki extract and yoshiki verify ARCHIVE: the sources back out of a PDF, and an archive
// checked file by file against its manifest (docs/archive.md).
#include <stdlib.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "archive/manifest.hpp"
#include "archive/pdf_reader.hpp"
#include "cli/archive.hpp"
#include "cli/archived_pdf.hpp"
#include "io/files.hpp"
#include "io/sha256.hpp"

#include <yoshiki/sign.hpp>

namespace yoshiki::cli {

namespace {

namespace fs = std::filesystem;
using archive::FileEntry;

// An archive's files are mapped whole through io (a PDF of the year is tens of megabytes at most):
// regular files only, within limits::max_archived_bytes. Empty on failure, with why.
struct Mapped {
    std::string_view bytes;
    std::shared_ptr<const void> owner;
    std::optional<base::Failure> failure;
};

Mapped map_file(const fs::path& path) {
    static io::DiskFiles disk;
    io::Failure failure;
    auto mapped = disk.map(path.string(), io::Use::archived, failure);
    if (!mapped) return Mapped{{}, nullptr, failure};
    return Mapped{mapped->bytes, mapped->owner, std::nullopt};
}

bool read_whole(const fs::path& path, std::string& out) {
    Mapped m = map_file(path);
    if (!m.failure) out.assign(m.bytes);
    return !m.failure;
}

void line(const char* status, const std::string& path, const std::string& why = {}) {
    std::cout << status << std::string(std::max<std::size_t>(1, 12 - std::string(status).size()), ' ') << path;
    if (!why.empty()) std::cout << ": " << why;
    std::cout << "\n";
}

// Why a re-rendered file differs: the fonts or the yoshiki of this machine, or the document.
std::string difference(const Engine& engine, const archive::Manifest& manifest, const DepartmentInfo& info) {
    std::string why;
    // Fonts are matched by file name: the face at a path may have been replaced by another.
    for (const FontInfo& font : info.fonts) {
        std::string here = engine.font_sha256(font.path);
        std::string file = fs::path(font.path).filename().string();
        auto it = std::find_if(manifest.fonts.begin(), manifest.fonts.end(),
                               [&](const archive::FontEntry& f) { return f.file == file; });
        std::string now = font.name + " " + font.version + ", SHA-256 " + here.substr(0, 12) + "…";
        if (it == manifest.fonts.end()) {
            why += (why.empty() ? "" : "; ") + std::string("font changed: ") + file + " (" + now + ") is not in the manifest";
        } else if (it->sha256 != here) {
            why += (why.empty() ? "" : "; ") + std::string("font changed: ") + file + " (" + now + ") is not the archived " +
                   it->name + " " + it->version + " (SHA-256 " + it->sha256.substr(0, 12) + "…)";
        }
    }
    if (manifest.yoshiki != version()) {
        why += (why.empty() ? "" : "; ") + std::string("yoshiki changed: this is ") + version() + ", the archive was made by " + manifest.yoshiki;
    }
    if (why.empty()) why = "document changed: its pages are not what its embedded source renders to, with the same fonts and yoshiki";
    return why;
}

}  // namespace

int run_extract(const std::string& pdf_path, const std::string& out_dir, DiagnosticFormat format) {
    Mapped pdf = map_file(pdf_path);
    if (pdf.failure) {
        std::cerr << formatted(finding(pdf_path, pdf.failure->code, "cannot read it: " + pdf.failure->message), format);
        return 1;
    }
    std::string_view bytes = pdf.bytes;
    archive::PdfContents contents = archive::read_embedded_files(bytes);
    if (contents.failure) {
        std::cerr << formatted(finding(pdf_path, contents.failure->code, contents.failure->message), format);
        return 1;
    }
    if (contents.files.empty()) {
        std::cerr << formatted(finding(pdf_path, base::codes::no_embedded_files,
                                       "no files are embedded in it (a yoshiki PDF carries its input and layout)"),
                               format);
        return 1;
    }
    std::error_code ec;
    for (const auto& f : contents.files) {
        std::string why;
        // A layout's image keeps the folders the layout names it by; every other file is plain.
        const bool named = f.relationship == "Supplement" ? safe_relative_name(f.name) : safe_name(f.name);
        if (!named) why = "its name '" + f.name + "' is not a plain file name";
        else if (!intact(f)) why = "its /CheckSum or /Size does not match its bytes: the file is damaged";
        else if (fs::exists(fs::path(out_dir) / f.name, ec)) why = (fs::path(out_dir) / f.name).string() + " exists already";
        if (!why.empty()) {
            std::cerr << formatted(finding(pdf_path, base::codes::embedded_file_refused,
                                           "the embedded file '" + f.name + "' is not extracted: " + why),
                                   format);
            return 1;
        }
    }
    fs::create_directories(out_dir, ec);
    if (ec) {
        std::cerr << formatted(finding(out_dir, base::codes::output_failed, "cannot create the folder: " + ec.message()), format);
        return 1;
    }
    std::string input, layout;
    for (const auto& f : contents.files) {
        fs::path out = fs::path(out_dir) / f.name;
        fs::create_directories(out.parent_path(), ec);
        if (auto refused = write_output(out.string(), f.bytes)) {
            std::cerr << formatted(*refused, format);
            return 1;
        }
        if (format == DiagnosticFormat::human) std::cerr << "extracted " << out.string() << " (" << (f.relationship.empty() ? "file" : f.relationship) << ", "
                  << f.bytes.size() << " bytes)\n";
        if (f.relationship == "Source") input = out.string();
        if (f.relationship == "Data") layout = out.string();
    }
    if (!input.empty() && !layout.empty() && format == DiagnosticFormat::human) {
        std::cerr << "to render it again: yoshiki render " << input << " --layout " << layout << " -o OUT.pdf\n";
    }
    return 0;
}

namespace {

// One run of verify over an archive folder: the findings as they are printed, and their counts.
class ArchiveCheck {
public:
    ArchiveCheck(const Engine& engine, fs::path root, const archive::Manifest& manifest, std::string manifest_text)
        : engine_(engine), root_(std::move(root)), manifest_(manifest), manifest_text_(std::move(manifest_text)) {
        for (const FileEntry& f : manifest_.files) expected_[f.path] = &f;
    }

    // SHA256SUMS must name the manifest's own hash and agree with it on every other file.
    void check_sums(const std::optional<std::map<std::string, std::string>>& sums) {
        if (!sums) {
            report("missing", archive::sums_name);
            return;
        }
        bool agree = sums->size() == expected_.size() + 1;
        for (const auto& [path, sha] : *sums) {
            if (path == archive::manifest_name) continue;
            auto it = expected_.find(path);
            if (it == expected_.end() || it->second->sha256 != sha) agree = false;
        }
        auto m = sums->find(archive::manifest_name);
        if (m == sums->end() || m->second != io::sha256_hex(manifest_text_)) {
            report("changed", archive::manifest_name, "not the one SHA256SUMS names");
        } else if (!agree) {
            report("changed", archive::sums_name, "it does not list the manifest's files with their hashes");
        } else {
            report("ok", archive::manifest_name);
            report("ok", archive::sums_name);
        }
    }

    // Each file of the manifest: there, with its hash; a department's PDF with the embedded
    // source and layout the manifest names; with rerender, rendered again.
    void check_files(const std::set<std::string>& on_disk, bool rerender) {
        for (const auto& [path, entry] : expected_) {
            std::string bytes;
            if (!on_disk.count(path)) report("missing", path);
            else if (!read_whole(root_ / path, bytes)) report("changed", path, "it cannot be read");
            else if (io::sha256_hex(bytes) != entry->sha256) report("changed", path, "its SHA-256 is not the manifest's");
            else if (entry->kind == "print") report("ok", path);
            else check_department(*entry, bytes, rerender);
        }
        for (const std::string& path : on_disk) {
            if (!expected_.count(path) && path != archive::manifest_name && path != archive::sums_name) report("unexpected", path);
        }
    }

    // The print document, made again from the departments rendered again.
    void rerender_print_documents() {
        for (const FileEntry& f : manifest_.files) {
            if (f.kind != "print") continue;
            bool all = std::all_of(f.parts.begin(), f.parts.end(), [&](const std::string& p) { return rendered_.count(p) > 0; });
            if (!all) {
                differs(f.path, "not all of its departments could be rendered again");
                continue;
            }
            PrintDocument print{PrintOptions{}};
            for (const std::string& p : f.parts) print.add(*rendered_.at(p));
            std::string bytes;
            read_whole(root_ / f.path, bytes);
            if (print.finish() == bytes) line("same", f.path, "made again from its departments, byte for byte");
            else differs(f.path, "it is not the print document of its departments rendered again");
        }
    }

    int finish(bool rerender) const {
        std::cout << "verify: " << ok_ << " ok, " << changed_ << " changed, " << missing_ << " missing, " << unexpected_
                  << " unexpected";
        if (rerender) std::cout << ", " << differs_ << " rendered differently";
        if (unchecked_) std::cout << ", " << unchecked_ << " not checked (internal error)";
        std::cout << "\n";
        return changed_ + missing_ + unexpected_ + differs_ + unchecked_ == 0 ? 0 : 1;
    }

private:
    void report(const char* status, const std::string& path, const std::string& why = {}) {
        line(status, path, why);
        std::string s = status;
        if (s == "ok") ++ok_;
        else if (s == "changed") ++changed_;
        else if (s == "missing") ++missing_;
        else if (s == "unexpected") ++unexpected_;
    }

    void differs(const std::string& path, const std::string& why) {
        line("differs", path, why);
        ++differs_;
    }

    void check_department(const FileEntry& entry, const std::string& bytes, bool rerender) {
        archive::PdfContents contents = archive::read_embedded_files(bytes);
        const archive::EmbeddedFile* input = find_file(contents, "Source");
        const archive::EmbeddedFile* layout = find_file(contents, "Data");
        if (contents.failure && contents.failure->code == base::codes::internal_error) {
            // yoshiki's own fault says nothing of the file: it is not called changed.
            line("unchecked", entry.path, contents.failure->message);
            ++unchecked_;
            return;
        }
        if (contents.failure) {
            report("changed", entry.path, "it cannot be read as a PDF: " + contents.failure->message);
            return;
        }
        if (!input || io::sha256_hex(input->bytes) != entry.source_sha256 || !intact(*input)) {
            report("changed", entry.path, "the source embedded in it is not the one the manifest names");
            return;
        }
        if (!layout || (!entry.layout_sha256.empty() && io::sha256_hex(layout->bytes) != entry.layout_sha256)) {
            report("changed", entry.path, "the layout embedded in it is not the one the manifest names");
            return;
        }
        if (!entry.signatures.empty() && !signatures_hold(entry, bytes)) return;
        report("ok", entry.path);
        if (!rerender) return;
        Rendered again = render_embedded(engine_, contents, archive::parse_iso_date(entry.created), entry.conformance != "PDF/A-3b");
        if (!again.error.empty()) {
            differs(entry.path, again.error);
            return;
        }
        rendered_[entry.path] = again.department;
        if (entry.signatures.empty() ? again.pdf == bytes : first_revision(bytes, again.pdf)) {
            line("same", entry.path,
                 entry.signatures.empty() ? "rendered again from its embedded source, byte for byte"
                                          : "its first revision, before its signatures, rendered again from its embedded source, byte for byte");
        } else {
            differs(entry.path, difference(engine_, manifest_, Engine::info(*again.department)));
        }
    }

    // A signed PDF is its first revision and the updates its signatures appended.
    static bool first_revision(std::string_view signed_pdf, std::string_view rendered) {
        return rendered.size() < signed_pdf.size() && signed_pdf.compare(0, rendered.size(), rendered) == 0;
    }

    // A signed PDF's signatures: intact, with nothing after them but further signatures, and the
    // ones the manifest names, in its order.
    bool signatures_hold(const FileEntry& entry, const std::string& bytes) {
        VerifyReport r = verify_pdf(bytes, "", static_cast<std::int64_t>(std::time(nullptr)));
        if (!r.ok()) {
            const std::vector<Diagnostic> problems = r.all_problems();
            report("changed", entry.path, "its signatures do not verify: " + (problems.empty() ? std::string() : problems.front().message));
            return false;
        }
        bool same = r.signatures.size() == entry.signatures.size() && r.unsigned_boxes == entry.unsigned_boxes;
        for (std::size_t i = 0; same && i < r.signatures.size(); ++i) {
            same = r.signatures[i].box == entry.signatures[i].box && r.signatures[i].signer == entry.signatures[i].signer;
        }
        if (!same) report("changed", entry.path, "its signatures are not the ones the manifest names");
        return same;
    }

    const Engine& engine_;
    fs::path root_;
    const archive::Manifest& manifest_;
    std::string manifest_text_;
    std::map<std::string, const FileEntry*> expected_;
    std::map<std::string, std::shared_ptr<const Department>> rendered_;
    int ok_ = 0, changed_ = 0, missing_ = 0, unexpected_ = 0, differs_ = 0, unchecked_ = 0;
};

}  // namespace

int run_verify_archive(const Engine& engine, const std::string& dir, bool rerender, DiagnosticFormat format) {
    fs::path root(dir);
    std::string text;
    if (!read_whole(root / archive::manifest_name, text)) {
        std::cerr << formatted(finding(dir, base::codes::not_an_archive, std::string("not a yoshiki archive: it has no ") + archive::manifest_name),
                               format);
        return 1;
    }
    base::Failure failure;
    auto manifest = archive::parse_manifest(text, failure);
    if (!manifest) {
        std::cerr << formatted(finding((root / archive::manifest_name).string(), failure.code, failure.message), format);
        return 1;
    }
    std::optional<std::map<std::string, std::string>> sums;  // path → SHA-256
    std::string sums_text;
    if (read_whole(root / archive::sums_name, sums_text)) {
        auto parsed = archive::parse_sums(sums_text, failure);
        if (!parsed) {
            std::cerr << formatted(finding((root / archive::sums_name).string(), failure.code, failure.message), format);
            return 1;
        }
        sums.emplace();
        for (const auto& s : *parsed) (*sums)[s.path] = s.sha256;
    }
    std::set<std::string> on_disk;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_directory(ec)) on_disk.insert(it->path().lexically_relative(root).generic_string());
    }
    if (ec) {
        std::cerr << formatted(finding(dir, base::codes::file_unreadable, "cannot list the folder: " + ec.message()), format);
        return 1;
    }
    ArchiveCheck check(engine, root, *manifest, text);
    check.check_sums(sums);
    check.check_files(on_disk, rerender);
    if (rerender) check.rerender_print_documents();
    return check.finish(rerender);
}

}  // namespace yoshiki::cli
