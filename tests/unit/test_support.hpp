// Helpers shared by the unit tests: the repository's own files and the system's fonts.
#pragma once

#include <memory>
#include <string>

#include "io/files.hpp"
#include "text/font.hpp"

namespace yoshiki::test {

inline std::string source_path(const std::string& relative) { return std::string(YOSHIKI_SOURCE_DIR) + "/" + relative; }

inline const char* mincho_path() { return "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"; }
inline const char* gothic_path() { return "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"; }
inline const char* mj_path() { return "/usr/share/fonts/truetype/ipamj/ipamjm.ttf"; }

// A font file opened as the engine opens it: mapped through io, then read by text. Null when
// it cannot be.
inline std::shared_ptr<const text::Font> open_font(const std::string& path) {
    io::DiskFiles disk;
    io::Failure failure;
    auto mapped = disk.map(path, io::Use::font, failure);
    if (!mapped) return nullptr;
    return text::Font::open(path, mapped->bytes, mapped->owner, failure);
}

}  // namespace yoshiki::test
