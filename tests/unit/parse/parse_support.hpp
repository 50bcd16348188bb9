// Helpers for the tests of the parse and bind stages: diagnostics as one string, and small
// files written to a private folder (layouts are read from files, as the engine reads them).
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "base/source.hpp"
#include "parse/layout_reader.hpp"
#include "parse/xml.hpp"

namespace yoshiki::test {

// Every diagnostic, formatted, one per line (hints on their own line).
inline std::string all_diagnostics(const base::Diagnostics& d) {
    std::string out;
    for (const auto& x : d.all()) out += x.format() + "\n";
    return out;
}

// The folder of this test process's files, removed when the process ends.
struct TempFolder {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("yoshiki-unit-" + std::to_string(::getpid()));
    ~TempFolder() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};
inline TempFolder temp_folder;

// A fresh, empty folder of that name in the temporary folder.
inline std::filesystem::path fresh_folder(const std::string& name) {
    std::filesystem::path dir = temp_folder.path / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

// Writes text to a file at a path of the test's choosing.
inline void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

// Writes text to a file of that name in the temporary folder; returns its path.
inline std::string write_temp(const std::string& name, const std::string& text) {
    std::filesystem::create_directories(temp_folder.path);
    std::ofstream(temp_folder.path / name, std::ios::binary) << text;
    return (temp_folder.path / name).string();
}

// The bytes of a file, read as a test reads (the stages themselves read no files).
inline std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A layout read from a file, as the engine reads one.
inline std::optional<parse::FormLayout> read_layout_file(const std::string& path, base::Diagnostics& d) {
    return parse::read_layout(path, file_bytes(path), d);
}

// An input read from a file.
inline std::unique_ptr<parse::XmlFile> load_input_file(const std::string& path, base::Diagnostics& d) {
    return parse::load_xml_bytes(path, file_bytes(path), d, "input file");
}

}  // namespace yoshiki::test
