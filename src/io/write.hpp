// Writing a PDF: whole or not at all, and never over something that is not the user's output.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/files.hpp"

namespace yoshiki::io {

// A file the document was made from, with its part in words ("the input file").
struct ReadFile {
    FileIdentity identity;
    std::string role;
};

// Writes bytes to path through a temporary file in the same folder and a rename, so that a failed
// write leaves no file and never damages an existing one; "-" is standard output. Refused: a path
// that is a folder, a device, a FIFO or a socket, and one that is any of the files in `read` (by
// device and inode, however it is spelt). A symbolic link is written through to its target and
// stays a link. Returns the failure (output-is-input, output-not-regular, output-failed), if any.
std::optional<Failure> write_file(const std::string& path, std::string_view bytes, const std::vector<ReadFile>& read = {});

}  // namespace yoshiki::io
