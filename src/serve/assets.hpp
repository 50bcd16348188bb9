// The editor's page, style sheet and script (src/serve/web/), built into the program: the page
// needs no file of the machine it runs on, no build step and nothing from outside.
#pragma once

#include <string>
#include <string_view>

namespace yoshiki::serve {

struct Asset {
    const char* path;  // "/editor.js"
    const char* content_type;
    std::string_view bytes;
};

// The asset served at path, or null. (Defined in the source CMake writes from src/serve/web/.)
const Asset* find_asset(const std::string& path);

}  // namespace yoshiki::serve
