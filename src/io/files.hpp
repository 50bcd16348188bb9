// Files: the one way yoshiki reads a file (inputs, layouts, fonts), as typst's World is. The
// stages never touch the disk; the driver asks a Files and hands them bytes. Only regular files
// are read, each checked on its open descriptor and bounded before a byte is read; a Files may be
// confined to folders, and an in-memory one (for the editor, the fuzzers and the library API)
// stands in front of another. A layout named by name (layout="goal-sheet") is looked up here too,
// in the folders a Files may read layouts from. POSIX only.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/codes.hpp"
#include "base/failure.hpp"

namespace yoshiki::io {

// What a file is read for: each has its own size limit, its own words in messages, and its own
// folders when reads are confined.
// An archived file is a PDF or a manifest read back by extract and verify; a PDF, a key, a
// password and certificates are what sign and verify read (never confined: only the command line
// reads them).
enum class Use { input, layout, font, image, archived, pdf, key, password, certificates };

// "input file", "layout file", "font file", "archived file", "PDF", "key file", "password file",
// "certificate file".
const char* file_kind(Use use);
// The most bytes a file of this use may have (limits::max_file_bytes, max_font_bytes).
std::size_t size_limit(Use use);

// Which file a path names: by device and inode, with the size and modification time, so that a
// font replaced on disk is opened again. A file given in memory is known by the address of its
// bytes, which stay alive as long as anything keyed by them does.
struct FileIdentity {
    bool in_memory = false;
    std::uint64_t device = 0, inode = 0, size = 0;
    std::int64_t mtime_ns = 0;

    bool same_file(const FileIdentity& other) const {
        return in_memory == other.in_memory && device == other.device && inode == other.inode;
    }
    bool operator<(const FileIdentity& o) const;
    bool operator==(const FileIdentity& o) const;
};

// Why a file cannot be read: a stable code and the reason in words, without the path; the one
// failure of every stage (base/failure.hpp), named here as io's callers know it.
using Failure = base::Failure;

// "larger than 16 MiB (17000000 bytes)", with code file-too-large.
Failure too_large(Use use, std::uint64_t size);

// A text file (an input or a layout) read whole.
struct TextFile {
    std::string bytes;
    FileIdentity identity;
};

// A font file, mapped: `bytes` stays valid as long as `owner` lives.
struct MappedFile {
    std::string_view bytes;
    FileIdentity identity;
    std::shared_ptr<const void> owner;
};

// A folder a layout named by name is looked for in, and why it is on the search path: the
// message listing where a layout was looked for says both.
struct LayoutFolder {
    std::string path;
    std::string origin;  // "the input's folder", "YOSHIKI_LAYOUT_PATH", …

    bool operator==(const LayoutFolder& o) const { return path == o.path && origin == o.origin; }
};

// Whether a layout reference is a name (layout="goal-sheet"), looked up in the layout search
// path, rather than a path: not empty, no slash, not ending in ".xml".
bool is_layout_name(std::string_view reference);

// The layout search path after the input's folder, for a Files that is not confined: the
// folders of YOSHIKI_LAYOUT_PATH (colon-separated, as given; empty entries are skipped), the
// share/yoshiki/layouts installed beside the program (found from /proc/self/exe, so that any
// install prefix works), and, for a program run from yoshiki's build folder (its folder or the
// one above holds the CMakeCache.txt of yoshiki), the source tree's layouts/.
std::vector<LayoutFolder> default_layout_path();

class Files {
public:
    virtual ~Files() = default;
    // Reads an input or a layout whole, within limits::max_file_bytes. Null with *failure set when
    // it cannot be read.
    virtual std::optional<TextFile> read_text(const std::string& path, Use use, Failure& failure) = 0;
    // Maps a font, within limits::max_font_bytes.
    virtual std::optional<MappedFile> map(const std::string& path, Use use, Failure& failure) = 0;
    // Which file path names now, with the same checks as reading it, without reading it.
    virtual std::optional<FileIdentity> identify(const std::string& path, Use use, Failure& failure) = 0;
    // The folders a layout named by name is looked for in, in order, each once: the input's
    // folder, then the layout search path. A confined Files lists only folders inside its
    // layout roots.
    virtual std::vector<LayoutFolder> layout_folders(const std::string& input_folder) = 0;
};

// Where a layout named by name was looked for, and where it was found.
struct LayoutSearch {
    std::optional<std::string> path;      // NAME.xml in the first folder that has one
    std::vector<LayoutFolder> looked_in;  // every folder looked in, in order
};

// Looks for NAME.xml in files.layout_folders(input_folder), in order, through files (so that a
// layout held in memory is found too). The path is that of the first NAME.xml that is there,
// readable or not: a broken one (a FIFO, a file too large) is reported when it is read, never
// passed over in silence for one further down the path. No path: no folder has one.
LayoutSearch find_layout(Files& files, const std::string& name, const std::string& input_folder);

// Folders that reads are confined to, for each use. Unset: anywhere; empty: nowhere on disk.
struct Roots {
    std::optional<std::vector<std::string>> inputs, layouts, fonts;
};

// The disk. Opens with O_NONBLOCK (a FIFO must never block the process), checks with fstat on
// the open descriptor that it is a regular file within the size limit, then reads at most the
// limit, so that a file that grows while it is read stops there too.
class DiskFiles : public Files {
public:
    // layout_path: the search path after the input's folder (default_layout_path(), say). When
    // layouts are confined, the layout roots are the search path instead.
    explicit DiskFiles(Roots roots = {}, std::vector<LayoutFolder> layout_path = {});

    std::optional<TextFile> read_text(const std::string& path, Use use, Failure& failure) override;
    std::optional<MappedFile> map(const std::string& path, Use use, Failure& failure) override;
    std::optional<FileIdentity> identify(const std::string& path, Use use, Failure& failure) override;
    std::vector<LayoutFolder> layout_folders(const std::string& input_folder) override;

private:
    const std::vector<std::string>* roots_for(Use use) const;
    // An open descriptor of a regular file within the roots and the size limit, or -1.
    int open_checked(const std::string& path, Use use, FileIdentity& identity, Failure& failure) const;

    // The roots as real paths (symbolic links and '..' resolved), for each use.
    std::optional<std::vector<std::string>> inputs_, layouts_, fonts_;
    std::vector<LayoutFolder> layout_path_;
};

// Files held in memory, by path, in front of another Files (or of nothing): the editor's input,
// a fuzzer's layout. Paths are compared after lexical normalisation ("a/./b.xml" is "a/b.xml");
// the same limits apply as on disk.
class MemoryFiles : public Files {
public:
    explicit MemoryFiles(Files* below = nullptr) : below_(below) {}

    void add(const std::string& path, std::string bytes);

    std::optional<TextFile> read_text(const std::string& path, Use use, Failure& failure) override;
    std::optional<MappedFile> map(const std::string& path, Use use, Failure& failure) override;
    std::optional<FileIdentity> identify(const std::string& path, Use use, Failure& failure) override;
    // Those of the Files below; with none, the input's folder alone.
    std::vector<LayoutFolder> layout_folders(const std::string& input_folder) override;

private:
    const std::shared_ptr<const std::string>* find(const std::string& path) const;
    std::map<std::string, std::shared_ptr<const std::string>> files_;
    Files* below_;
};

}  // namespace yoshiki::io
