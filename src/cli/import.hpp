// The commands that write inputs rather than PDFs, all or nothing and never over a file:
// yoshiki import FILE.txt -o DIR, the published text of sheets into inputs, one file per
// department named by the department (総務課.xml); and yoshiki next-year DIR -o DIR2, next
// year's drafts of the finals in DIR, under the same names.
#pragma once

#include <yoshiki/yoshiki.hpp>

#include "cli/command_line.hpp"

namespace yoshiki::cli {

int run_import(const Engine& engine, const Args& a);
int run_next_year(const Engine& engine, const Args& a);

}  // namespace yoshiki::cli
