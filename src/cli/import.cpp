#include "cli/import.hpp"

#include <filesystem>
#include <iostream>
#include <set>

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

}  // namespace

int run_import(const Engine& engine, const Args& a) {
    std::vector<Diagnostic> diags;
    ImportOptions options;
    if (!a.layout.empty()) options.layout = a.layout;
    std::vector<ImportedInput> inputs = engine.import_text(a.positional[0], options, diags);
    if (print_diagnostics(diags, a.diagnostics, std::cerr) || inputs.empty()) return exit_invalid;

    // Every name first: a file already there is a clerk's, and is never written over.
    const fs::path dir(a.output);
    std::vector<fs::path> paths;
    std::set<std::string> taken;
    for (const ImportedInput& in : inputs) {
        std::string base = file_name_of(in.department);
        std::string name = base + ".xml";
        for (int n = 2; !taken.insert(name).second; ++n) name = base + "-" + std::to_string(n) + ".xml";
        paths.push_back(dir / name);
        std::error_code ec;
        if (fs::exists(paths.back(), ec)) {
            std::cerr << formatted(finding(paths.back().string(), base::codes::output_failed,
                                              "the file exists; import never writes over an input",
                                              "import into a new folder, or move the file away"),
                                   a.diagnostics);
            return exit_invalid;
        }
    }
    std::error_code ec;
    fs::create_directories(dir, ec);
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        if (auto failure = write_output(paths[i].string(), inputs[i].xml)) {
            for (std::size_t k = 0; k < i; ++k) fs::remove(paths[k], ec);  // all or nothing
            std::cerr << formatted(*failure, a.diagnostics);
            return exit_invalid;
        }
        if (a.diagnostics == DiagnosticFormat::human) {
            std::cerr << "import: " << paths[i].string() << " (" << inputs[i].department << ", " << inputs[i].sheets << " sheets)\n";
        }
    }
    return exit_ok;
}

}  // namespace yoshiki::cli
