// The folder of inputs a server edits (`yoshiki serve DIR`): which names a request may give, the
// files it lists, reading and writing them, and the history of their saves. Nothing outside DIR
// is read or written: a name is relative, without "..", without hidden parts, and ends in .xml;
// files are read through io::DiskFiles confined to DIR, which refuses a symbolic link that leads
// out of it, and written with io::write_file (a temporary file and a rename).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/files.hpp"

namespace yoshiki::serve {

// Why a name given by a request is refused, or nullopt when it may name an input under DIR.
std::optional<std::string> refuse_name(const std::string& name);

// A file of the folder as read: its bytes and their version (SHA-256, hex), what a save must
// name to say which version its changes were made to.
struct InputFile {
    std::string bytes;
    std::string version;
};

// One earlier version of a file, kept when a save replaced it.
struct SavedVersion {
    std::string id;    // "20261201T101500Z-1a2b3c4d": when it was replaced, and its version
    std::int64_t size = 0;
};

class InputFolder {
public:
    explicit InputFolder(std::string root);

    const std::string& root() const { return root_; }
    // Where a name (refuse_name passed) is on disk.
    std::string path_of(const std::string& name) const;

    // The .xml files under the folder, as names relative to it, sorted; hidden folders (the
    // history among them) are left out.
    std::vector<std::string> list() const;

    // Reads a file; nullopt with the failure set when it cannot be read, is not inside the folder
    // or is larger than the editor opens (file-too-large).
    std::optional<InputFile> read(const std::string& name, base::Failure& failure) const;

    // Replaces a file whole (a temporary file and a rename), after keeping its present bytes in
    // its history. False with the failure set (output-failed) when it could not.
    bool replace(const std::string& name, const InputFile& present, const std::string& bytes, base::Failure& failure) const;

    // The versions a file's saves replaced, newest first, and the bytes of one of them.
    std::vector<SavedVersion> history(const std::string& name) const;
    std::optional<std::string> saved_version(const std::string& name, const std::string& id) const;

private:
    bool inside(const std::string& name) const;
    std::string history_folder(const std::string& name) const;
    std::string root_;
    mutable io::DiskFiles files_;  // confined to root_; reading changes nothing in it
};

// The SHA-256 of bytes, in hex: the version of a file, the key of a rendered preview.
std::string content_version(std::string_view bytes);

}  // namespace yoshiki::serve
