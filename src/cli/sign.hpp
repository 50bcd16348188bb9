// yoshiki sign and yoshiki verify FILE.pdf: the files read, the password found, the report printed.
#pragma once

#include <string>

#include "cli/diagnostics.hpp"

namespace yoshiki::cli {

struct SignOptions {
    std::string input, output;
    std::string approver;       // --as
    std::string key;            // --key: a PKCS#12 file or a pkcs11: URI
    std::string password_file;  // --password-file; else YOSHIKI_KEY_PASSWORD; never the command line
    std::string tsa;            // --tsa URL
    int tsa_timeout = 20;       // --tsa-timeout SECONDS
    std::string layout;         // --layout FILE
    DiagnosticFormat diagnostics = DiagnosticFormat::human;
};

// Exit status: 0 signed, 1 refused or failed (nothing written).
int run_sign(const SignOptions& options);

// Exit status: 0 when every signature is intact and only allowed changes follow, else 1.
// Findings about the files read go to standard error in `format`; the report to standard output.
int run_verify(const std::string& pdf, const std::string& trust_file, DiagnosticFormat format);

}  // namespace yoshiki::cli
