#include "cli/import.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

#include "cli/batch.hpp"
#include "cli/diagnostics.hpp"

namespace yoshiki::cli {

namespace {

namespace fs = std::filesystem;

// A department's name as a file's: what a folder cannot hold (/, a leading dot, control
// characters) becomes _, so that 総務課 gives 総務課.xml and no name leaves the folder.
std::string file_name_of(const std::string& department) {
    std::string name;
    for (char c : department) name += (c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20) ? '_' : c;
    if (name.empty() || name[0] == '.') name = "_" + name;
    return name;
}

// Writes each file, or none. Every name is looked at first: a file already there is a clerk's,
// and is never written over.
int write_all(const std::vector<fs::path>& paths, const std::vector<std::string>& bytes, const Args& a) {
    for (const fs::path& p : paths) {
        std::error_code ec;
        if (!fs::exists(p, ec)) continue;
        std::cerr << formatted(finding(p.string(), base::codes::output_failed,
                                       "the file exists; " + a.command + " never writes over an input",
                                       "write into a new folder, or move the file away"),
                               a.diagnostics);
        return exit_invalid;
    }
    std::error_code ec;
    if (!paths.empty()) fs::create_directories(paths.front().parent_path(), ec);
    for (std::size_t i = 0; i < paths.size(); ++i) {
        if (auto failure = write_output(paths[i].string(), bytes[i])) {
            for (std::size_t k = 0; k < i; ++k) fs::remove(paths[k], ec);  // all or nothing
            std::cerr << formatted(*failure, a.diagnostics);
            return exit_invalid;
        }
    }
    return exit_ok;
}

}  // namespace

int run_import(const Engine& engine, const Args& a) {
    std::vector<Diagnostic> diags;
    ImportOptions options;
    if (!a.layout.empty()) options.layout = a.layout;
    std::vector<ImportedInput> inputs = engine.import_text(a.positional[0], options, diags);
    if (print_diagnostics(diags, a.diagnostics, std::cerr) || inputs.empty()) return exit_invalid;

    const fs::path dir(a.output);
    std::vector<fs::path> paths;
    std::vector<std::string> bytes;
    std::set<std::string> taken;
    for (ImportedInput& in : inputs) {
        std::string base = file_name_of(in.department);
        std::string name = base + ".xml";
        for (int n = 2; !taken.insert(name).second; ++n) name = base + "-" + std::to_string(n) + ".xml";
        paths.push_back(dir / name);
        bytes.push_back(std::move(in.xml));
    }
    if (int code = write_all(paths, bytes, a); code != exit_ok) return code;
    for (std::size_t i = 0; a.diagnostics == DiagnosticFormat::human && i < inputs.size(); ++i) {
        std::cerr << "import: " << paths[i].string() << " (" << inputs[i].department << ", " << inputs[i].sheets << " sheets)\n";
    }
    return exit_ok;
}

int run_next_year(const Engine& engine, const Args& a) {
    // The inputs of one fiscal year's folder, in name order: its .xml files, not its subfolders
    // (which hold other years or other forms).
    std::vector<fs::path> inputs;
    std::error_code ec;
    for (fs::directory_iterator it(a.positional[0], ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() == ".xml" && !it->is_directory(ec)) inputs.push_back(it->path());
    }
    if (ec || inputs.empty()) {
        std::cerr << formatted(finding(a.positional[0], base::codes::file_unreadable,
                                       ec ? "cannot read the folder: " + ec.message() : "the folder holds no input (.xml)"),
                               a.diagnostics);
        return exit_invalid;
    }
    std::sort(inputs.begin(), inputs.end());
    std::vector<fs::path> paths;
    std::vector<std::string> bytes;
    std::vector<int> todo;
    bool failed = false;
    for (const fs::path& in : inputs) {
        std::vector<Diagnostic> diags;
        std::optional<NextYearDraft> draft = engine.next_year(in.string(), diags);
        if (!draft && is_layout(in)) continue;  // a layout kept beside its inputs
        failed |= print_diagnostics(diags, a.diagnostics, std::cerr) || !draft;
        if (!draft) continue;
        paths.push_back(fs::path(a.output) / in.filename());
        bytes.push_back(std::move(draft->xml));
        todo.push_back(draft->todo);
    }
    if (failed) return exit_invalid;  // every input's findings said, and nothing written
    if (int code = write_all(paths, bytes, a); code != exit_ok) return code;
    for (std::size_t i = 0; a.diagnostics == DiagnosticFormat::human && i < paths.size(); ++i) {
        std::cerr << "next-year: " << paths[i].string() << " (draft, " << todo[i] << " fields to write)\n";
    }
    return exit_ok;
}

}  // namespace yoshiki::cli
