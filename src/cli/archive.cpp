#include "cli/archive.hpp"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "archive/manifest.hpp"
#include "io/write_once.hpp"
#include "cli/archived_pdf.hpp"
#include "cli/batch.hpp"
#include "io/files.hpp"
#include "io/sha256.hpp"

namespace yoshiki::cli {

namespace {

namespace fs = std::filesystem;
using archive::FileEntry;
using archive::Manifest;

// SIGINT, SIGTERM and SIGHUP remove the partial folder before the process ends. They are taken
// by a thread of their own with sigwait (a handler could not remove a folder safely); the other
// threads block them. SIGKILL cannot be caught: the next run removes what it leaves.
class SignalGuard {
public:
    explicit SignalGuard(std::string partial) : partial_(std::move(partial)) {
        sigemptyset(&set_);
        // SIGUSR1 is how the guard ends its own thread when the run is over.
        for (int s : {SIGINT, SIGTERM, SIGHUP, SIGUSR1}) sigaddset(&set_, s);
        pthread_sigmask(SIG_BLOCK, &set_, &old_);
        thread_ = std::thread([this] {
            int sig = 0;
            sigwait(&set_, &sig);
            if (sig == SIGUSR1) return;  // the run ended: nothing to clean
            io::remove_partial_folder(partial_);
            _exit(128 + sig);
        });
    }
    ~SignalGuard() {
        pthread_kill(thread_.native_handle(), SIGUSR1);
        thread_.join();
        pthread_sigmask(SIG_SETMASK, &old_, nullptr);
    }

private:
    std::string partial_;
    sigset_t set_, old_;
    std::thread thread_;
};

// What the rendering threads report, gathered for the manifest.
struct Gathered {
    std::mutex mutex;
    std::vector<FileEntry> files;
    std::map<std::string, DepartmentInfo> infos;  // by PDF path
    std::map<std::string, SignedPdf> signed_pdfs;  // by the path of the PDF taken as it is
};

FileEntry department_entry(const std::string& path, const std::string& pdf, const DepartmentInfo& info,
                           const std::string& input_dir) {
    FileEntry e;
    e.path = path;
    e.source = fs::path(info.input_path).lexically_relative(input_dir).generic_string();
    e.department = info.name;
    e.fiscal_year = info.fiscal_year;
    e.sheets = static_cast<int>(info.sheets.size());
    e.pages = info.pages;
    e.bytes = pdf.size();
    e.sha256 = io::sha256_hex(pdf);
    e.source_sha256 = info.input_sha256;
    e.layout_sha256 = info.layout_sha256;
    e.created = archive::iso_date(info.creation_time);
    e.conformance = info.conformance;
    return e;
}

Manifest make_manifest(const Engine& engine, Gathered& g) {
    Manifest m;
    m.yoshiki = version();
    std::set<std::string> years;
    std::map<std::string, archive::LayoutEntry> layouts;
    std::map<std::string, archive::FontEntry> fonts;
    for (FileEntry& f : g.files) {
        if (f.kind == "print") continue;
        years.insert(f.fiscal_year);
        const DepartmentInfo& info = g.infos.at(f.path);
        layouts[info.layout_sha256] = {info.layout_name, fs::path(info.layout_path).filename().string(), info.layout_sha256};
        for (const FontInfo& font : info.fonts) {
            if (!fonts.count(font.path)) {
                fonts[font.path] = {font.name, font.version, fs::path(font.path).filename().string(),
                                    engine.font_sha256(font.path)};
            }
        }
    }
    std::sort(g.files.begin(), g.files.end(), [](const FileEntry& a, const FileEntry& b) { return a.path < b.path; });
    m.fiscal_years.assign(years.begin(), years.end());
    for (auto& [k, v] : layouts) m.layouts.push_back(v);
    for (auto& [k, v] : fonts) m.fonts.push_back(v);
    m.files = g.files;
    return m;
}

// The print document's entry: its departments in print order (their inputs' paths, sorted, as
// batch adds them), with the sheets, pages and date they give it.
void complete_print_entries(std::vector<FileEntry>& files) {
    std::vector<const FileEntry*> departments;
    for (const FileEntry& f : files) {
        if (f.kind == "department") departments.push_back(&f);
    }
    std::sort(departments.begin(), departments.end(), [](const FileEntry* x, const FileEntry* y) { return x->source < y->source; });
    for (FileEntry& f : files) {
        if (f.kind != "print") continue;
        for (const FileEntry* d : departments) {
            f.parts.push_back(d->path);
            f.sheets += d->sheets;
            f.pages += d->pages;
        }
        if (!departments.empty()) {
            f.fiscal_year = departments.front()->fiscal_year;
            f.created = departments.front()->created;
        }
    }
}

// manifest.json and SHA256SUMS, which names every PDF and the manifest.
bool write_records(const Manifest& manifest, const std::string& folder, const std::string& shown, DiagnosticFormat format) {
    std::string json = archive::to_json(manifest);
    std::vector<archive::Sum> sums;
    for (const FileEntry& f : manifest.files) sums.push_back({f.sha256, f.path});
    sums.push_back({io::sha256_hex(json), archive::manifest_name});
    for (const auto& [name, bytes] : {std::pair<const char*, std::string>{archive::manifest_name, json},
                                      std::pair<const char*, std::string>{archive::sums_name, archive::format_sums(sums)}}) {
        if (auto refused = write_output((fs::path(folder) / name).string(), bytes)) {
            refused->file = shown + "/" + name;  // the archive's name, not its partial folder's
            std::cerr << formatted(*refused, format);
            return false;
        }
    }
    return true;
}

// The certificates of --trust, read as every file is; empty without --trust. Nullopt after saying
// why it cannot be read.
std::optional<std::string> read_trust(const ArchiveOptions& options) {
    if (options.trust_file.empty()) return std::string();
    io::DiskFiles disk;
    io::Failure failure;
    auto file = disk.read_text(options.trust_file, io::Use::certificates, failure);
    if (!file) {
        std::cerr << formatted(finding(options.trust_file, failure.code, "cannot read the certificate file: " + failure.message),
                               options.diagnostics);
        return std::nullopt;
    }
    return std::move(file->bytes);
}

// Whether two files of one department and year hold the same document: the same sheets, by their
// bookmarks (a signed PDF and its input under another name). A department's notices, one file
// each (毛総第123号, 毛総第131号), are different documents.
bool same_sheets(const DepartmentInfo* a, const DepartmentInfo* b) {
    if (!a || !b || a->sheets.size() != b->sheets.size()) return !a || !b;
    for (std::size_t i = 0; i < a->sheets.size(); ++i) {
        if (a->sheets[i].title != b->sheets[i].title) return false;
    }
    return true;
}

// A signed PDF and another file of its document (its input under another name, a second signed
// copy): the archive would keep the signed sheet and a version of it that nobody signed, or two
// signed versions. Inputs alone may share a department (a department's sheets kept in two files).
// Called with gathered.mutex held, before the entry is added.
std::optional<Diagnostic> department_twice(const Gathered& gathered, const FileEntry& e, const DepartmentInfo* info,
                                           const std::string& input_dir) {
    for (const FileEntry& f : gathered.files) {
        if (f.kind != "department" || f.department != e.department || f.fiscal_year != e.fiscal_year) continue;
        if (f.signatures.empty() && e.signatures.empty()) continue;
        auto other = gathered.infos.find(f.path);
        if (!same_sheets(info, other == gathered.infos.end() ? nullptr : &other->second)) continue;
        return finding(input_dir + "/" + e.source, base::codes::department_twice,
                       "the same department as " + input_dir + "/" + f.source + " (" + e.department + ", " + e.fiscal_year + ")",
                       "keep the signed PDF alone: it carries its input");
    }
    return std::nullopt;
}

// The entry of a PDF the batch wrote: a department's (rendered, or a signed PDF taken as it is),
// or the print document's. Called with gathered.mutex held.
FileEntry written_entry(Gathered& gathered, const std::string& path, const std::string& pdf, const DepartmentInfo* info,
                        const std::string& input_dir) {
    FileEntry e;
    if (!info) {
        e.path = path;
        e.kind = "print";
        e.bytes = pdf.size();
        e.sha256 = io::sha256_hex(pdf);
        e.conformance = "PDF/A-3b";
        return e;
    }
    e = department_entry(path, pdf, *info, input_dir);
    auto taken = gathered.signed_pdfs.find(info->input_path);
    if (taken != gathered.signed_pdfs.end()) {
        e.signatures = taken->second.signatures;
        e.unsigned_boxes = taken->second.unsigned_boxes;
        taken->second.department.reset();  // the print document holds it from here
    }
    gathered.infos[path] = *info;
    return e;
}

// The batch that renders every input, and takes every signed PDF, into the partial folder,
// gathering what the manifest says of each file.
BatchOptions archive_batch(const Engine& engine, const ArchiveOptions& options, const std::string& partial,
                           const std::string& trust, Gathered& gathered) {
    BatchOptions b;
    b.input_dir = options.input_dir;
    b.output_dir = partial;
    b.shown_output_dir = options.target;
    b.command = "archive";
    b.all_or_nothing = true;
    b.jobs = options.jobs;
    b.render = options.render;
    b.diagnostics = options.diagnostics;
    b.take_pdf = [&engine, &trust, &gathered](const std::string& path, std::string_view pdf, std::vector<Diagnostic>& diags) {
        auto taken = take_signed_pdf(engine, path, pdf, trust, diags, static_cast<std::int64_t>(std::time(nullptr)));
        if (!taken) return std::shared_ptr<const Department>();
        std::lock_guard<std::mutex> lock(gathered.mutex);
        return gathered.signed_pdfs.emplace(path, std::move(*taken)).first->second.department;
    };
    b.on_written = [&gathered, &options](const std::string& path, const std::string& pdf,
                                         const DepartmentInfo* info) -> std::optional<Diagnostic> {
        std::lock_guard<std::mutex> lock(gathered.mutex);
        FileEntry e = written_entry(gathered, path, pdf, info, options.input_dir);
        if (auto twice = department_twice(gathered, e, info, options.input_dir)) return twice;
        gathered.files.push_back(std::move(e));
        return std::nullopt;
    };
    return b;
}

// A path SHA256SUMS cannot list. True when the archive may be written.
bool archive_is_sound(const std::vector<FileEntry>& files, const ArchiveOptions& options) {
    for (const FileEntry& f : files) {
        if (!archive::plain_relative_path(f.path)) {
            std::cerr << formatted(finding(options.input_dir + "/" + f.source, base::codes::name_not_archivable,
                                           "its path cannot stand in SHA256SUMS (a backslash or a line end in a name)"),
                                   options.diagnostics);
            return false;
        }
    }
    return true;
}

}  // namespace

int run_archive(const Engine& engine, const ArchiveOptions& options) {
    std::error_code ec;
    const DiagnosticFormat format = options.diagnostics;
    if (!fs::is_directory(options.input_dir, ec)) {
        std::cerr << formatted(finding(options.input_dir, base::codes::not_a_folder, "not a folder"), format);
        return 1;
    }
    std::optional<std::string> trust = read_trust(options);
    if (!trust) return 1;
    base::Failure failure;
    auto folder = io::WriteOnceFolder::begin(options.target, failure);
    if (!folder) {
        std::cerr << formatted(finding(options.target, failure.code, failure.message), format);
        return 1;
    }
    SignalGuard guard(folder->path());

    Gathered gathered;
    if (run_batch(engine, archive_batch(engine, options, folder->path(), *trust, gathered)) != 0) {
        return 1;  // the partial folder goes with `folder`
    }
    if (!archive_is_sound(gathered.files, options)) return 1;
    complete_print_entries(gathered.files);
    Manifest manifest = make_manifest(engine, gathered);
    if (!write_records(manifest, folder->path(), options.target, format)) return 1;
    if (!folder->commit(failure)) {
        std::cerr << formatted(finding(options.target, failure.code, failure.message), format);
        return 1;
    }
    if (format == DiagnosticFormat::human) {
        std::cerr << "archive: " << options.target << " written, " << manifest.files.size() << " PDFs, with "
                  << archive::manifest_name << " and " << archive::sums_name << " (read-only)\n";
    }
    return 0;
}

}  // namespace yoshiki::cli
