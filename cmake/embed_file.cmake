# Writes a C++ file that holds the bytes of a file: cmake -DIN=… -DOUT=… -DFUNCTION=… -P embed_file.cmake
# (the sRGB profile compiled into the writer, src/write/pdfa.hpp).
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" length)
math(EXPR bytes "${length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," body "${hex}")
string(REGEX REPLACE "(('\\\\x..',){16})" "\\1\n    " body "${body}")
file(WRITE "${OUT}" "// Made by cmake/embed_file.cmake from ${IN}: do not edit.\n"
  "#include <string_view>\n\nnamespace yoshiki::write {\n\nnamespace {\nconst char bytes[${bytes}] = {\n    ${body}\n};\n}  // namespace\n\n"
  "std::string_view ${FUNCTION}() { return std::string_view(bytes, sizeof bytes); }\n\n}  // namespace yoshiki::write\n")
