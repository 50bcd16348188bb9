// yoshiki serve: its arguments, the folders it may read from, and the server.
#pragma once

#include <string>
#include <vector>

namespace yoshiki::cli {

// `yoshiki serve DIR [--listen HOST:PORT] [--layouts DIR]… [--fonts DIR]…` (args after "serve").
// Returns the exit status: 0 stopped, 1 could not serve, 2 wrong usage (message on stderr).
int run_serve(const std::vector<std::string>& args);

}  // namespace yoshiki::cli
