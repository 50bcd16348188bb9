#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "io/files.hpp"

namespace yoshiki::io {

namespace {

namespace fs = std::filesystem;

// The source tree of the yoshiki build that `dir` belongs to, from the CMakeCache.txt in it:
// empty when dir is no yoshiki build folder. The path is read at run time, never compiled in,
// so that an installed program holds no path of the machine it was built on.
std::string source_tree_of_build(const fs::path& dir) {
    std::ifstream cache(dir / "CMakeCache.txt");
    const std::string key = "yoshiki_SOURCE_DIR:STATIC=";
    std::string line;
    while (std::getline(cache, line)) {
        if (line.compare(0, key.size(), key) == 0) return line.substr(key.size());
    }
    return {};
}

bool is_folder(const fs::path& path) {
    std::error_code ec;
    return fs::is_directory(path, ec);
}

}  // namespace

bool is_layout_name(std::string_view reference) {
    const std::string_view xml = ".xml";
    bool ends_in_xml = reference.size() >= xml.size() && reference.substr(reference.size() - xml.size()) == xml;
    return !reference.empty() && reference.find('/') == std::string_view::npos && !ends_in_xml;
}

std::vector<LayoutFolder> default_layout_path() {
    std::vector<LayoutFolder> path;
    if (const char* env = std::getenv("YOSHIKI_LAYOUT_PATH")) {
        std::string_view rest = env;
        while (!rest.empty()) {
            std::size_t colon = rest.find(':');
            std::string_view entry = rest.substr(0, colon);
            if (!entry.empty()) path.push_back({std::string(entry), "YOSHIKI_LAYOUT_PATH"});
            rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
        }
    }
    // The program's own folder, not a prefix compiled in: `cmake --install --prefix P` and the
    // .deb put the program in P/bin and the layouts in P/share/yoshiki/layouts, wherever P is.
    std::error_code ec;
    fs::path program = fs::read_symlink("/proc/self/exe", ec);
    if (ec || program.empty()) return path;
    fs::path bin = program.parent_path();
    fs::path installed = (bin / ".." / "share" / "yoshiki" / "layouts").lexically_normal();
    if (is_folder(installed)) path.push_back({installed.string(), "installed beside the program"});
    // build/yoshiki, build/tests/…: run from the build folder, before anything is installed.
    for (const fs::path& dir : {bin, bin.parent_path()}) {
        std::string source = source_tree_of_build(dir);
        if (source.empty()) continue;
        fs::path layouts = fs::path(source) / "layouts";
        if (is_folder(layouts)) path.push_back({layouts.string(), "the source tree of this build"});
        break;
    }
    return path;
}

LayoutSearch find_layout(Files& files, const std::string& name, const std::string& input_folder) {
    LayoutSearch search;
    for (LayoutFolder& folder : files.layout_folders(input_folder)) {
        std::string candidate = (fs::path(folder.path) / (name + ".xml")).lexically_normal().string();
        search.looked_in.push_back(std::move(folder));
        Failure why;
        if (files.identify(candidate, Use::layout, why) || why.code != base::codes::file_not_found) {
            search.path = candidate;
            break;
        }
    }
    return search;
}

}  // namespace yoshiki::io
