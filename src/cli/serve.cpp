#include "cli/serve.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "serve/server.hpp"

namespace yoshiki::cli {

namespace {

namespace fs = std::filesystem;

int usage(const std::string& message) {
    std::cerr << "yoshiki: " << message << "\n"
              << "usage: yoshiki serve DIR [--listen HOST:PORT] [--layouts DIR]... [--fonts DIR]...\n";
    return 2;
}

// "127.0.0.1:8080", "0.0.0.0:80", "[::1]:8080", ":8080" (loopback), "8080".
bool parse_listen(const std::string& s, std::string& host, int& port) {
    std::string p = s;
    std::size_t colon = s.rfind(':');
    if (colon != std::string::npos) {
        host = s.substr(0, colon);
        p = s.substr(colon + 1);
        if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
        if (host.empty()) host = "127.0.0.1";
    }
    char* end = nullptr;
    long v = std::strtol(p.c_str(), &end, 10);
    if (p.empty() || *end != '\0' || v < 0 || v > 65535) return false;
    port = static_cast<int>(v);
    return !host.empty();
}

// The layout folders when none are given: layouts/ beside DIR (this repository's shape) and the
// installed ones. The fonts: the system's font folders.
std::vector<std::string> existing(const std::vector<fs::path>& candidates) {
    std::vector<std::string> out;
    std::error_code ec;
    for (const fs::path& p : candidates) {
        if (fs::is_directory(p, ec)) out.push_back(p.lexically_normal().string());
    }
    return out;
}

}  // namespace

int run_serve(const std::vector<std::string>& args) {
    serve::ServeOptions o;
    std::vector<std::string> positional;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& s = args[i];
        auto value = [&]() -> const std::string* { return i + 1 < args.size() ? &args[++i] : nullptr; };
        if (s == "--listen") {
            const std::string* v = value();
            if (!v || !parse_listen(*v, o.host, o.port)) return usage("--listen needs HOST:PORT, e.g. 127.0.0.1:8080");
        } else if (s == "--layouts") {
            const std::string* v = value();
            if (!v) return usage("--layouts needs a folder");
            o.layout_folders.push_back(*v);
        } else if (s == "--fonts") {
            const std::string* v = value();
            if (!v) return usage("--fonts needs a folder");
            o.font_folders.push_back(*v);
        } else if (!s.empty() && s[0] == '-') {
            return usage("unknown option '" + s + "' for serve");
        } else {
            positional.push_back(s);
        }
    }
    if (positional.size() != 1) return usage("serve takes exactly one folder");
    o.folder = positional[0];
    std::error_code ec;
    if (!fs::is_directory(o.folder, ec)) return usage("'" + o.folder + "' is not a folder");
    for (const auto& f : o.layout_folders) {
        if (!fs::is_directory(f, ec)) return usage("layout folder '" + f + "' is not a folder");
    }
    for (const auto& f : o.font_folders) {
        if (!fs::is_directory(f, ec)) return usage("font folder '" + f + "' is not a folder");
    }
    if (o.layout_folders.empty()) {
        o.layout_folders = existing({fs::path(o.folder) / ".." / "layouts", "/usr/local/share/yoshiki/layouts", "/usr/share/yoshiki/layouts"});
    }
    if (o.font_folders.empty()) o.font_folders = existing({"/usr/share/fonts", "/usr/local/share/fonts"});
    // With none, every input's layout would be refused: better said now than on every page.
    if (o.layout_folders.empty()) return usage("no layout folder: there is no layouts/ beside " + o.folder + "; give --layouts DIR");
    if (o.font_folders.empty()) return usage("no font folder: give --fonts DIR");
    if (const char* sde = std::getenv("SOURCE_DATE_EPOCH")) {
        char* end = nullptr;
        long long t = std::strtoll(sde, &end, 10);
        if (*sde == '\0' || *end != '\0' || t < 0) return usage("SOURCE_DATE_EPOCH must be a number of seconds");
        o.creation_time = t;
    }
    try {
        return serve::run_server(o, std::cerr);
    } catch (const std::exception& e) {
        std::cerr << "yoshiki serve: error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace yoshiki::cli
