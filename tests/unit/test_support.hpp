// Helpers shared by the unit tests: the repository's own files and the system's fonts.
#pragma once

#include <string>

namespace yoshiki::test {

inline std::string source_path(const std::string& relative) { return std::string(YOSHIKI_SOURCE_DIR) + "/" + relative; }

inline const char* mincho_path() { return "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"; }
inline const char* gothic_path() { return "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"; }
inline const char* mj_path() { return "/usr/share/fonts/truetype/ipamj/ipamjm.ttf"; }

}  // namespace yoshiki::test
