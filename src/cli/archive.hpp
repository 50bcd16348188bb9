// yoshiki archive, extract and verify ARCHIVE (docs/archive.md): a fiscal year's sheets as a
// write-once folder of PDF/A-3 files with their sources inside, a manifest and SHA256SUMS; the
// sources taken back out of a PDF; an archive checked against its manifest.
#pragma once

#include <string>

#include <yoshiki/yoshiki.hpp>

#include "cli/diagnostics.hpp"

namespace yoshiki::cli {

struct ArchiveOptions {
    std::string input_dir, target;
    int jobs = 0;  // 0: all cores
    RenderOptions render;
    DiagnosticFormat diagnostics = DiagnosticFormat::human;  // as batch's
    // A file of certificates (PEM) the signers of a signed PDF taken as it is must chain to;
    // empty: the signatures are checked, their chains not.
    std::string trust_file;
};

// Returns the exit status: 0 when the archive was written; 1 when any input failed or the
// target exists or cannot be written (then nothing is left behind).
int run_archive(const Engine& engine, const ArchiveOptions& options);

// Writes the files embedded in a yoshiki PDF (its input and layout) into out_dir.
int run_extract(const std::string& pdf_path, const std::string& out_dir, DiagnosticFormat format);

// Checks an archive folder against its manifest; with rerender, renders every embedded source
// again and compares the bytes.
// Its report (a line a file) is standard output in both forms; findings go to standard error.
int run_verify_archive(const Engine& engine, const std::string& dir, bool rerender, DiagnosticFormat format);

}  // namespace yoshiki::cli
