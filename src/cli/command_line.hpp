// The command line of yoshiki and its helper programs (docs: the help text below is the man page
// too): the options of every command, read and checked the same way whichever program runs it.
// tools/man-page turns the help text into yoshiki.1 at build time: a line "name:" heads a section
// of "  term   description" items, "name: text" is a section of its own.
#pragma once

#include <string>
#include <vector>

#include <yoshiki/yoshiki.hpp>

#include "cli/diagnostics.hpp"

namespace yoshiki::cli {

constexpr int exit_ok = 0, exit_invalid = 1, exit_usage = 2;
// What a step returns when the command is to go on to the next one.
constexpr int proceed = -1;

struct Args {
    std::string command;
    std::vector<std::string> positional;
    std::string output, layout, queue;
    std::string approver, key, password_file, tsa, trust;
    int jobs = 0, copies = 1, tsa_timeout = 20;
    bool duplex = false, no_footer = false, footer = false, no_tags = false, rerender = false, fit_report = false;
    DiagnosticFormat diagnostics = DiagnosticFormat::human;
};

struct Mode {
    bool batch = false, archive = false, verify_archive = false, signing = false;
};

// The program that runs a command: "yoshiki" (render, check, batch, --help, --version),
// "yoshiki-sign" (sign, verify, archive, extract) or "yoshiki-serve" (serve); an unknown command
// is yoshiki's, which says it is unknown.
std::string program_of(const std::string& command);

// The usage message after "yoshiki: MESSAGE"; returns exit_usage.
int usage(const std::string& message);
// --help: the help text and the usage.
void print_help();

// Reads the arguments after the program's name (av[0] the command) and checks every option
// against the command: proceed, or the exit status to end with (a usage error, or the help
// printed for -h).
int read_command_line(const std::vector<std::string>& av, Args& a, Mode& m);
// The render options the arguments and SOURCE_DATE_EPOCH give: proceed, or exit_usage.
int make_render_options(const Args& a, yoshiki::RenderOptions& options);

}  // namespace yoshiki::cli
