// yoshiki extract and yoshiki verify ARCHIVE: the sources back out of a PDF, and an archive
// checked file by file against its manifest (docs/archive.md).
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "archive/manifest.hpp"
#include "archive/pdf_reader.hpp"
#include "cli/archive.hpp"
#include "io/sha256.hpp"

namespace yoshiki::cli {

namespace {

namespace fs = std::filesystem;
using archive::FileEntry;

// An archive's files are read whole to be hashed: a PDF of the year is tens of megabytes at most.
bool read_whole(const fs::path& path, std::string& out) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return false;
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return !in.bad();
}

// A name from a PDF that may be used as a file name in the folder extracted to: a base name only.
bool safe_name(const std::string& name) {
    if (name.empty() || name == "." || name == ".." || name.size() > 255) return false;
    return std::none_of(name.begin(), name.end(), [](char c) {
        return c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
    });
}

const archive::EmbeddedFile* find_file(const archive::PdfContents& pdf, const char* relationship) {
    for (const auto& f : pdf.files) {
        if (f.relationship == relationship) return &f;
    }
    return nullptr;
}

void line(const char* status, const std::string& path, const std::string& why = {}) {
    std::cout << status << std::string(std::max<std::size_t>(1, 12 - std::string(status).size()), ' ') << path;
    if (!why.empty()) std::cout << ": " << why;
    std::cout << "\n";
}

// A temporary folder that goes away with its owner.
struct TempFolder {
    std::string path;
    TempFolder() {
        std::string tmpl = (fs::temp_directory_path() / "yoshiki-verify-XXXXXX").string();
        if (mkdtemp(tmpl.data())) path = tmpl;
    }
    ~TempFolder() {
        std::error_code ec;
        if (!path.empty()) fs::remove_all(path, ec);
    }
};

struct Rendered {
    std::shared_ptr<const Department> department;
    std::string pdf;
    std::string error;
};

// Renders the sources embedded in a department's PDF again, as archive rendered them.
Rendered render_again(const Engine& engine, const FileEntry& entry, const archive::PdfContents& contents) {
    Rendered out;
    const archive::EmbeddedFile* input = find_file(contents, "Source");
    const archive::EmbeddedFile* layout = find_file(contents, "Data");
    if (!input || !layout) {
        out.error = "its input or layout is not embedded";
        return out;
    }
    TempFolder dir;
    fs::path in = fs::path(dir.path) / input->name, lay = fs::path(dir.path) / layout->name;
    if (dir.path.empty() || !safe_name(input->name) || !safe_name(layout->name) ||
        !write_file_atomically(in.string(), input->bytes).empty() ||
        !write_file_atomically(lay.string(), layout->bytes).empty()) {
        out.error = "its embedded sources cannot be written out to render them";
        return out;
    }
    RenderOptions options;
    options.layout_path = lay.string();
    options.tagged = entry.conformance != "PDF/A-3b";
    options.creation_time = archive::parse_iso_date(entry.created);
    std::vector<Diagnostic> diags;
    out.department = engine.prepare(in.string(), options, diags);
    if (!out.department) {
        out.error = "its embedded source does not render: " + (diags.empty() ? std::string() : diags.front().format());
        return out;
    }
    out.pdf = engine.write_pdf(*out.department);
    return out;
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

int run_extract(const std::string& pdf_path, const std::string& out_dir) {
    std::string bytes;
    if (!read_whole(pdf_path, bytes)) {
        std::cerr << pdf_path << ": error: cannot read it (not a file, or not readable)\n";
        return 1;
    }
    archive::PdfContents contents = archive::read_embedded_files(pdf_path, bytes);
    if (!contents.error.empty()) {
        std::cerr << pdf_path << ": error: not a PDF that can be read: " << contents.error << "\n";
        return 1;
    }
    if (contents.files.empty()) {
        std::cerr << pdf_path << ": error: no files are embedded in it (a yoshiki PDF carries its input and layout)\n";
        return 1;
    }
    std::error_code ec;
    for (const auto& f : contents.files) {
        std::string why;
        if (!safe_name(f.name)) why = "its name '" + f.name + "' is not a plain file name";
        else if (!f.checksum_matches) why = "its /CheckSum or /Size does not match its bytes: the file is damaged";
        else if (fs::exists(fs::path(out_dir) / f.name, ec)) why = (fs::path(out_dir) / f.name).string() + " exists already";
        if (!why.empty()) {
            std::cerr << pdf_path << ": error: the embedded file '" << f.name << "' is not extracted: " << why << "\n";
            return 1;
        }
    }
    fs::create_directories(out_dir, ec);
    if (ec) {
        std::cerr << out_dir << ": error: cannot create the folder: " << ec.message() << "\n";
        return 1;
    }
    std::string input, layout;
    for (const auto& f : contents.files) {
        fs::path out = fs::path(out_dir) / f.name;
        std::string error = write_file_atomically(out.string(), f.bytes);
        if (!error.empty()) {
            std::cerr << out.string() << ": error: " << error << "\n";
            return 1;
        }
        std::cerr << "extracted " << out.string() << " (" << (f.relationship.empty() ? "file" : f.relationship) << ", "
                  << f.bytes.size() << " bytes)\n";
        if (f.relationship == "Source") input = out.string();
        if (f.relationship == "Data") layout = out.string();
    }
    if (!input.empty() && !layout.empty()) {
        std::cerr << "to render it again: yoshiki render " << input << " --layout " << layout << " -o OUT.pdf\n";
    }
    return 0;
}

int run_verify_archive(const Engine& engine, const std::string& dir, bool rerender) {
    fs::path root(dir);
    std::string text;
    if (!read_whole(root / archive::manifest_name, text)) {
        std::cerr << dir << ": error: not a yoshiki archive: it has no " << archive::manifest_name << "\n";
        return 1;
    }
    std::string error;
    auto manifest = archive::parse_manifest(text, error);
    if (!manifest) {
        std::cerr << (root / archive::manifest_name).string() << ": error: " << error << "\n";
        return 1;
    }
    std::string sums_text;
    std::map<std::string, std::string> sums;  // path → SHA-256
    bool have_sums = read_whole(root / archive::sums_name, sums_text);
    if (have_sums) {
        auto parsed = archive::parse_sums(sums_text, error);
        if (!parsed) {
            std::cerr << (root / archive::sums_name).string() << ": error: " << error << "\n";
            return 1;
        }
        for (const auto& s : *parsed) sums[s.path] = s.sha256;
    }

    // What the archive should hold: the manifest's files, the manifest and SHA256SUMS.
    std::map<std::string, const FileEntry*> expected;
    for (const FileEntry& f : manifest->files) expected[f.path] = &f;
    std::set<std::string> on_disk;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_directory(ec)) on_disk.insert(it->path().lexically_relative(root).generic_string());
    }
    if (ec) {
        std::cerr << dir << ": error: cannot list the folder: " << ec.message() << "\n";
        return 1;
    }
    int ok = 0, changed = 0, missing = 0, unexpected = 0, differs = 0;
    auto count = [&](const char* status, const std::string& path, const std::string& why = {}) {
        line(status, path, why);
        std::string s = status;
        if (s == "ok") ++ok;
        else if (s == "changed") ++changed;
        else if (s == "missing") ++missing;
        else if (s == "unexpected") ++unexpected;
    };

    // The manifest itself: SHA256SUMS names its hash; the two must agree on every other file.
    if (!have_sums) count("missing", archive::sums_name);
    else {
        bool agree = true;
        for (const auto& [path, sha] : sums) {
            if (path == archive::manifest_name) continue;
            auto it = expected.find(path);
            if (it == expected.end() || it->second->sha256 != sha) agree = false;
        }
        agree &= sums.size() == expected.size() + 1;
        auto m = sums.find(archive::manifest_name);
        if (m == sums.end() || m->second != io::sha256_hex(text)) count("changed", archive::manifest_name, "not the one SHA256SUMS names");
        else if (!agree) count("changed", archive::sums_name, "it does not list the manifest's files with their hashes");
        else {
            count("ok", archive::manifest_name);
            count("ok", archive::sums_name);
        }
    }

    std::map<std::string, std::shared_ptr<const Department>> rendered;  // for the print document
    for (const auto& [path, entry] : expected) {
        if (!on_disk.count(path)) {
            count("missing", path);
            continue;
        }
        std::string bytes;
        if (!read_whole(root / path, bytes)) {
            count("changed", path, "it cannot be read");
            continue;
        }
        if (io::sha256_hex(bytes) != entry->sha256) {
            count("changed", path, "its SHA-256 is not the manifest's");
            continue;
        }
        if (entry->kind == "print") {
            count("ok", path);
            continue;
        }
        archive::PdfContents contents = archive::read_embedded_files(path, bytes);
        const archive::EmbeddedFile* input = find_file(contents, "Source");
        const archive::EmbeddedFile* layout = find_file(contents, "Data");
        if (!contents.error.empty()) {
            count("changed", path, "it cannot be read as a PDF: " + contents.error);
            continue;
        }
        if (!input || io::sha256_hex(input->bytes) != entry->source_sha256 || !input->checksum_matches) {
            count("changed", path, "the source embedded in it is not the one the manifest names");
            continue;
        }
        if (!layout || (!entry->layout_sha256.empty() && io::sha256_hex(layout->bytes) != entry->layout_sha256)) {
            count("changed", path, "the layout embedded in it is not the one the manifest names");
            continue;
        }
        count("ok", path);
        if (!rerender) continue;
        Rendered again = render_again(engine, *entry, contents);
        if (!again.error.empty()) {
            line("differs", path, again.error);
            ++differs;
        } else if (again.pdf != bytes) {
            line("differs", path, difference(engine, *manifest, Engine::info(*again.department)));
            ++differs;
        } else {
            line("same", path, "rendered again from its embedded source, byte for byte");
        }
        rendered[path] = again.department;
    }
    for (const std::string& path : on_disk) {
        if (!expected.count(path) && path != archive::manifest_name && path != archive::sums_name) count("unexpected", path);
    }

    // The print document, made again from the departments rendered again.
    if (rerender) {
        for (const FileEntry& f : manifest->files) {
            if (f.kind != "print") continue;
            bool all = std::all_of(f.parts.begin(), f.parts.end(), [&](const std::string& p) { return rendered[p] != nullptr; });
            if (!all) {
                line("differs", f.path, "not all of its departments could be rendered again");
                ++differs;
                continue;
            }
            PrintDocument print{PrintOptions{}};
            for (const std::string& p : f.parts) print.add(*rendered[p]);
            std::string bytes;
            read_whole(root / f.path, bytes);
            if (print.finish() == bytes) line("same", f.path, "made again from its departments, byte for byte");
            else {
                line("differs", f.path, "it is not the print document of its departments rendered again");
                ++differs;
            }
        }
    }
    std::cout << "verify: " << ok << " ok, " << changed << " changed, " << missing << " missing, " << unexpected << " unexpected";
    if (rerender) std::cout << ", " << differs << " rendered differently";
    std::cout << "\n";
    return changed + missing + unexpected + differs == 0 ? 0 : 1;
}

}  // namespace yoshiki::cli
