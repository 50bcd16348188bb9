// yoshiki batch: every department under a folder, in parallel, to one PDF each and one print
// document, with progress, a closing summary and, if asked, a print job.
#pragma once

#include <string>

#include <yoshiki/yoshiki.hpp>

namespace yoshiki::cli {

struct BatchOptions {
    std::string input_dir, output_dir;
    int jobs = 0;  // 0: all cores
    PrintOptions print;
    std::string queue;  // CUPS queue; empty: do not print
    int copies = 1;
    RenderOptions render;
    std::string combined_name = "all.pdf";
};

// Returns the exit status: 0 when every input rendered, 1 when any failed (after rendering the rest).
int run_batch(const Engine& engine, const BatchOptions& options);

}  // namespace yoshiki::cli
