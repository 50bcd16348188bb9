// The yoshiki command. It renders (render, check, batch) itself; the commands that read PDFs or
// serve the editor are programs of their own in yoshiki's libexec folder (yoshiki-sign,
// yoshiki-serve), which it runs in its place, as git runs git-* commands: so that a render loads
// neither QPDF nor OpenSSL nor poppler (README: "One command, three programs"). Exit codes: 0
// done, 1 invalid input or layout, 2 usage.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <yoshiki/yoshiki.hpp>

#include "cli/batch.hpp"
#include "cli/command_line.hpp"
#include "cli/diagnostics.hpp"
#include "cli/import.hpp"
#include "cli/pdf.hpp"

namespace {

using namespace yoshiki::cli;

// Runs the helper in this process's place, with the same arguments: looked for in libexec/yoshiki
// beside this program's bin/ (an installed yoshiki, wherever its prefix), then beside this program
// (the build tree). Returns only when it cannot be run. Never looked for from the working folder:
// without /proc this program does not know its place, and says so.
int run_helper(const std::string& name, char** argv) {
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error || !self.is_absolute()) {
        std::cerr << "yoshiki: error: cannot find " << name << ": this program's own place is unknown (/proc/self/exe: "
                  << (error ? error.message() : self.string()) << ")\n";
        return exit_invalid;
    }
    const std::filesystem::path dir = self.parent_path();
    const std::filesystem::path candidates[] = {dir / ".." / "libexec" / "yoshiki" / name, dir / name};
    for (const std::filesystem::path& p : candidates) {
        if (!std::filesystem::is_regular_file(p, error)) continue;
        execv(p.c_str(), argv);
        std::cerr << "yoshiki: error: cannot run " << p.string() << ": " << std::strerror(errno) << "\n";
        return exit_invalid;
    }
    std::cerr << "yoshiki: error: " << name << " is not installed (looked for it in " << candidates[0].lexically_normal().string()
              << " and " << candidates[1].string() << ")\n  hint: install yoshiki again; the command needs all of its programs\n";
    return exit_invalid;
}

// render and check.
int render_one(yoshiki::Engine& engine, const Args& a, const yoshiki::RenderOptions& options) {
    std::vector<yoshiki::Diagnostic> diags;
    auto dep = engine.prepare(a.positional[0], options, diags);
    bool errors = print_diagnostics(diags, a.diagnostics, std::cerr);
    if (!dep || errors) return exit_invalid;
    // check writes the PDF too, into memory, so that it opens and subsets the fonts exactly as
    // render does: the two never disagree about a file.
    yoshiki::Diagnostic failure;
    auto pdf = make_pdf(engine, *dep, a.footer, a.positional[0], failure);
    if (!pdf) {
        std::cerr << formatted(failure, a.diagnostics);
        return exit_invalid;
    }
    if (a.command == "check") {
        // Not a finding: said only to people (in JSON, standard error holds findings alone).
        auto info = yoshiki::Engine::info(*dep);
        if (a.diagnostics == DiagnosticFormat::human) {
            const auto todo = std::count_if(diags.begin(), diags.end(), [](const yoshiki::Diagnostic& d) { return d.code == "field-todo"; });
            std::cerr << a.positional[0] << ": ok" << (todo ? ", a draft with " + std::to_string(todo) + " fields still to write" : "")
                      << " (" << info.sheets.size() << " sheets, " << info.pages << " pages)\n";
        }
        if (a.fit_report) {
            for (const yoshiki::BoxFitEntry& b : info.boxes) std::cout << fit_report_line(b, a.diagnostics);
        }
        return exit_ok;
    }
    if (auto refused = yoshiki::write_output(a.output, *pdf, dep.get())) {
        std::cerr << formatted(*refused, a.diagnostics);
        return exit_invalid;
    }
    return exit_ok;
}

int run_batch_command(yoshiki::Engine& engine, const Args& a, const Mode& m, const yoshiki::RenderOptions& options) {
    if (m.batch) {
        BatchOptions b;
        b.input_dir = a.positional[0];
        b.output_dir = a.output;
        b.jobs = a.jobs;
        b.print.duplex = a.duplex;
        b.print.footer = !a.no_footer;
        b.queue = a.queue;
        b.copies = a.copies;
        b.render = options;
        b.diagnostics = a.diagnostics;
        return run_batch(engine, b);
    }
    return proceed;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> av(argv + 1, argv + argc);
    if (av.empty()) return usage("no command given");
    if (av[0] == "--help" || av[0] == "-h" || av[0] == "help") {
        print_help();
        return exit_ok;
    }
    if (av[0] == "--version") {
        std::cout << "yoshiki " << yoshiki::version() << "\n";
        return exit_ok;
    }
    if (const std::string program = program_of(av[0]); program != "yoshiki") return run_helper(program, argv);
    Args a;
    Mode m;
    if (int code = read_command_line(av, a, m); code != proceed) return code;
    yoshiki::RenderOptions options;
    if (int code = make_render_options(a, options); code != proceed) return code;
    yoshiki::Engine engine;
    if (a.command == "import") return run_import(engine, a);
    if (a.command == "next-year") return run_next_year(engine, a);
    if (int code = run_batch_command(engine, a, m, options); code != proceed) return code;
    return render_one(engine, a, options);
}
