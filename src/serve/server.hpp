// `yoshiki serve`: the editor over HTTP with cpp-httplib (the only stage that uses it). Listens on
// loopback unless told otherwise; beyond loopback, a token is required (printed with the address).
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <cstdint>

namespace yoshiki::serve {

struct ServeOptions {
    std::string folder;  // DIR
    std::string host = "127.0.0.1";
    int port = 8080;     // 0: any free port (the address is printed)
    std::vector<std::string> layout_folders, font_folders;
    std::optional<std::int64_t> creation_time;
};

// Whether a host is a loopback address (127.0.0.0/8, ::1, localhost).
bool is_loopback(const std::string& host);

// A fresh token of 128 random bits, in hex, from the kernel's random source.
std::string new_token();

// Runs the server until SIGINT or SIGTERM; says where it listens on `log`. Returns the exit status.
int run_server(const ServeOptions& options, std::ostream& log);

}  // namespace yoshiki::serve
