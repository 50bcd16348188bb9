# Writes OUTPUT, a C++ source defining yoshiki::serve::find_asset over the files given in FILES
# (a ;-separated list): each file's bytes as an array, so that the program serves its page
# without reading any file. Run by CMake at build time (cmake -P), whenever a file changes.
set(body "")
set(table "")
set(index 0)
foreach(file IN LISTS FILES)
  get_filename_component(name ${file} NAME)
  get_filename_component(ext ${file} LAST_EXT)
  if(ext STREQUAL ".html")
    set(type "text/html; charset=utf-8")
  elseif(ext STREQUAL ".css")
    set(type "text/css; charset=utf-8")
  elseif(ext STREQUAL ".js")
    set(type "text/javascript; charset=utf-8")
  elseif(ext STREQUAL ".svg")
    set(type "image/svg+xml")
  else()
    message(FATAL_ERROR "embed_assets: no content type for ${file}")
  endif()
  file(READ ${file} hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(APPEND body "const unsigned char asset_${index}[] = {${bytes}0x00};\n")
  string(APPEND table "    {\"/${name}\", \"${type}\", {reinterpret_cast<const char*>(asset_${index}), ${size}}},\n")
  math(EXPR index "${index} + 1")
endforeach()
file(WRITE ${OUTPUT}.new "// Written by cmake/embed_assets.cmake from src/serve/web/: do not edit.
#include \"serve/assets.hpp\"

namespace yoshiki::serve {

namespace {

${body}
const Asset assets[] = {
${table}};

}  // namespace

const Asset* find_asset(const std::string& path) {
    for (const Asset& a : assets) {
        if (path == a.path) return &a;
    }
    return nullptr;
}

}  // namespace yoshiki::serve
")
file(COPY_FILE ${OUTPUT}.new ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.new)
