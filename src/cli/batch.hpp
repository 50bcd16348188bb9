// yoshiki batch: every department under a folder, in parallel, to one PDF each and one print
// document, with progress, a closing summary and, if asked, a print job.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yoshiki/yoshiki.hpp>

#include "cli/diagnostics.hpp"

namespace yoshiki::cli {

// Whether a file's first element is <layout>: a layout kept beside the inputs that name it
// (layout="goal-sheet" is looked for in the input's folder first), which a batch or next-year
// passes over rather than reporting it as a broken input. Asked only of a file that failed as an
// input, so that the inputs are read once.
bool is_layout(const std::filesystem::path& path);

struct BatchOptions {
    std::string input_dir, output_dir;
    int jobs = 0;  // 0: all cores
    PrintOptions print;
    std::string queue;  // CUPS queue; empty: do not print
    int copies = 1;
    RenderOptions render;
    std::string combined_name = "all.pdf";

    // For yoshiki archive, which renders into a partial folder: the word and folder its messages
    // name, and all or nothing (no print document when any input fails, and words that say so).
    std::string command = "batch";
    std::string shown_output_dir;  // empty: output_dir
    bool all_or_nothing = false;
    // Called for each PDF written, from the thread that wrote it: its path relative to the output
    // folder, its bytes, and the department's facts (null for the print document). A finding it
    // returns fails the department as an error of its input would (an archive's department twice);
    // the print document's is not asked.
    std::function<std::optional<Diagnostic>(const std::string& path, const std::string& pdf, const DepartmentInfo* info)>
        on_written;
    // For yoshiki archive: a .pdf under the folder is an input too, a signed PDF taken in place of
    // its input and written byte for byte. Called from a worker thread with the PDF's path and
    // bytes: the department its embedded source renders to, or null with the findings in diags.
    // Unset: a .pdf is no input.
    std::function<std::shared_ptr<const Department>(const std::string& path, std::string_view pdf,
                                                    std::vector<Diagnostic>& diags)>
        take_pdf;
    // json: standard error holds the findings alone, one JSON object a line, each file's as it
    // is done (no progress, no summary: the exit status and the files say the rest).
    DiagnosticFormat diagnostics = DiagnosticFormat::human;
};

// Returns the exit status: 0 when every input rendered, 1 when any failed (after rendering the rest).
int run_batch(const Engine& engine, const BatchOptions& options);

}  // namespace yoshiki::cli
