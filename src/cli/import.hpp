// yoshiki import FILE.txt -o DIR: the published text of sheets into inputs, one file per
// department, named by the department (総務課.xml); all or nothing, and never over a file.
#pragma once

#include <yoshiki/yoshiki.hpp>

#include "cli/command_line.hpp"

namespace yoshiki::cli {

int run_import(const Engine& engine, const Args& a);

}  // namespace yoshiki::cli
