// yoshiki-sign, the program that runs yoshiki's commands over PDFs it reads back: sign, verify (a
// PDF or an archive), archive and extract. yoshiki runs it in its place (src/cli/main.cpp), with
// the same arguments; it is the one program of the three that loads QPDF and OpenSSL.
#include <iostream>
#include <string>
#include <vector>

#include <yoshiki/yoshiki.hpp>

#include "cli/archive.hpp"
#include "cli/command_line.hpp"
#include "cli/sign.hpp"

namespace {

using namespace yoshiki::cli;

// sign, and verify FILE.pdf: the commands that render nothing.
int run_signature_command(const Args& a, const Mode& m) {
    if (a.command == "sign") {
        return run_sign(SignOptions{a.positional[0], a.output, a.approver, a.key, a.password_file, a.tsa, a.tsa_timeout, a.layout,
                                    a.diagnostics});
    }
    if (a.command == "verify" && !m.verify_archive) return run_verify(a.positional[0], a.trust, a.diagnostics);
    if (a.command == "extract") return run_extract(a.positional[0], a.output, a.diagnostics);
    return proceed;
}

// verify ARCHIVE, archive and batch: the commands over a folder.
int run_folder_command(yoshiki::Engine& engine, const Args& a, const Mode& m, const yoshiki::RenderOptions& options) {
    if (m.verify_archive) return run_verify_archive(engine, a.positional[0], a.rerender, a.diagnostics);
    if (m.archive) {
        ArchiveOptions o;
        o.input_dir = a.positional[0];
        o.target = a.output;
        o.jobs = a.jobs;
        o.render = options;
        o.diagnostics = a.diagnostics;
        o.trust_file = a.trust;
        return run_archive(engine, o);
    }
    return proceed;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> av(argv + 1, argv + argc);
    if (av.empty()) return usage("no command given");
    if (program_of(av[0]) != "yoshiki-sign") {
        return usage("yoshiki-sign runs sign, verify, archive and extract; '" + av[0] + "' is yoshiki's");
    }
    Args a;
    Mode m;
    if (int code = read_command_line(av, a, m); code != proceed) return code;
    if (int code = run_signature_command(a, m); code != proceed) return code;
    yoshiki::RenderOptions options;
    if (int code = make_render_options(a, options); code != proceed) return code;
    yoshiki::Engine engine;
    if (int code = run_folder_command(engine, a, m, options); code != proceed) return code;
    return usage("unknown command '" + a.command + "'");
}
