#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "io/files.hpp"

namespace yoshiki::io {

namespace {

// The real path of a file or folder (symbolic links and '..' resolved), or empty.
std::string real_path(const std::string& path) {
    char* real = ::realpath(path.c_str(), nullptr);
    if (!real) return {};
    std::string out = real;
    std::free(real);
    return out;
}

bool within(const std::string& real, const std::vector<std::string>& roots) {
    for (const std::string& root : roots) {
        if (root.empty()) continue;
        if (real == root) return true;
        if (real.compare(0, root.size(), root) == 0 && (root.back() == '/' || real[root.size()] == '/')) return true;
    }
    return false;
}

Failure from_errno(int error) {
    if (error == ENOENT || error == ENOTDIR) return Failure{base::codes::file_not_found, std::strerror(error)};
    return Failure{base::codes::file_unreadable, std::strerror(error)};
}

// What a file that is not a regular one is, in words.
Failure not_regular(mode_t mode) {
    const char* what = S_ISDIR(mode)    ? "it is a folder, not a file"
                       : S_ISFIFO(mode) ? "it is a FIFO (named pipe), not a regular file"
                       : S_ISCHR(mode)  ? "it is a character device, not a regular file"
                       : S_ISBLK(mode)  ? "it is a block device, not a regular file"
                       : S_ISSOCK(mode) ? "it is a socket, not a regular file"
                                        : "it is not a regular file";
    return Failure{base::codes::file_not_regular, what};
}

Failure outside(Use use) {
    return Failure{base::codes::file_outside_roots,
                   std::string("it is outside the folders this yoshiki may read ") + file_kind(use) + "s from"};
}

FileIdentity identity_of(const struct stat& st) {
    FileIdentity id;
    id.device = static_cast<std::uint64_t>(st.st_dev);
    id.inode = static_cast<std::uint64_t>(st.st_ino);
    id.size = static_cast<std::uint64_t>(st.st_size);
    id.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    return id;
}

std::optional<std::vector<std::string>> resolve(const std::optional<std::vector<std::string>>& roots) {
    if (!roots) return std::nullopt;
    std::vector<std::string> out;
    // A root that does not exist confines to nothing rather than to everything.
    for (const std::string& r : *roots) out.push_back(real_path(r));
    return out;
}

}  // namespace

DiskFiles::DiskFiles(Roots roots, std::vector<LayoutFolder> layout_path)
    : inputs_(resolve(roots.inputs)),
      layouts_(resolve(roots.layouts)),
      fonts_(resolve(roots.fonts)),
      layout_path_(std::move(layout_path)) {}

const std::vector<std::string>* DiskFiles::roots_for(Use use) const {
    // An archived file, a PDF to sign or verify, a key, a password and certificates are what the
    // command line names: a confined engine (a server) reads inputs, layouts and fonts only.
    // A layout's images are read from where its layouts may be.
    if (use != Use::input && use != Use::layout && use != Use::font && use != Use::image) return nullptr;
    const auto& roots = use == Use::input ? inputs_ : use == Use::layout || use == Use::image ? layouts_ : fonts_;
    return roots ? &*roots : nullptr;
}

int DiskFiles::open_checked(const std::string& path, Use use, FileIdentity& identity, Failure& failure) const {
    const std::vector<std::string>* roots = roots_for(use);
    std::string target = path;
    if (roots) {
        // Confined: the real path must lie in a root, and so must what was opened (checked again
        // on the descriptor below, since a folder on the way may be swapped meanwhile).
        target = real_path(path);
        if (target.empty()) {
            failure = from_errno(errno);
            return -1;
        }
        if (!within(target, *roots)) {
            failure = outside(use);
            return -1;
        }
    }
    // Not opened at all unless it is a regular file: opening a device can have effects of its
    // own (a tape rewinds, a watchdog starts).
    struct stat st {};
    if (::stat(target.c_str(), &st) != 0) {
        failure = from_errno(errno);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        failure = not_regular(st.st_mode);
        return -1;
    }
    int fd = ::open(target.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | (roots ? O_NOFOLLOW : 0));
    if (fd < 0) {
        failure = from_errno(errno);
        return -1;
    }
    // What was opened is what counts: the path may have been replaced since stat.
    if (::fstat(fd, &st) != 0) {
        failure = from_errno(errno);
        ::close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        failure = not_regular(st.st_mode);
        ::close(fd);
        return -1;
    }
    if (roots) {
        std::string opened = real_path("/proc/self/fd/" + std::to_string(fd));
        if (!opened.empty() && !within(opened, *roots)) {
            failure = outside(use);
            ::close(fd);
            return -1;
        }
    }
    if (static_cast<std::uint64_t>(st.st_size) > size_limit(use)) {
        failure = too_large(use, static_cast<std::uint64_t>(st.st_size));
        ::close(fd);
        return -1;
    }
    identity = identity_of(st);
    return fd;
}

std::optional<TextFile> DiskFiles::read_text(const std::string& path, Use use, Failure& failure) {
    TextFile file;
    int fd = open_checked(path, use, file.identity, failure);
    if (fd < 0) return std::nullopt;
    const std::size_t limit = size_limit(use);
    file.bytes.reserve(static_cast<std::size_t>(file.identity.size));
    // At most one byte past the limit is read: a file that grows while it is read is refused
    // there, not read until memory runs out.
    char chunk[1 << 16];
    for (;;) {
        std::size_t want = std::min(sizeof chunk, limit + 1 - file.bytes.size());
        ssize_t n = ::read(fd, chunk, want);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            failure = from_errno(errno);
            ::close(fd);
            return std::nullopt;
        }
        if (n == 0) break;
        file.bytes.append(chunk, static_cast<std::size_t>(n));
        if (file.bytes.size() > limit) {
            failure = too_large(use, file.bytes.size());
            failure.message = "larger than " + std::to_string(limit >> 20) + " MiB (it grew while it was read)";
            ::close(fd);
            return std::nullopt;
        }
    }
    ::close(fd);
    return file;
}

std::optional<MappedFile> DiskFiles::map(const std::string& path, Use use, Failure& failure) {
    MappedFile file;
    int fd = open_checked(path, use, file.identity, failure);
    if (fd < 0) return std::nullopt;
    const std::size_t size = static_cast<std::size_t>(file.identity.size);
    if (size == 0) {
        ::close(fd);
        failure = Failure{base::codes::file_empty, "the file is empty"};
        return std::nullopt;
    }
    // Mapped, not read: a 46 MB font costs only the pages its used glyphs live on. A font is an
    // installed file that nobody shrinks while it is in use (which would end the process with
    // SIGBUS); fonts from elsewhere come in memory, through MemoryFiles.
    void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    int error = errno;
    ::close(fd);
    if (data == MAP_FAILED) {
        failure = from_errno(error);
        return std::nullopt;
    }
    file.bytes = std::string_view(static_cast<const char*>(data), size);
    file.owner = std::shared_ptr<const void>(data, [size](const void* p) { ::munmap(const_cast<void*>(p), size); });
    return file;
}

std::vector<LayoutFolder> DiskFiles::layout_folders(const std::string& input_folder) {
    std::vector<LayoutFolder> candidates{{input_folder.empty() ? "." : input_folder, "the input's folder"}};
    if (layouts_) {
        // Confined (a server): the folders it may read layouts from are its search path.
        for (const std::string& root : *layouts_) {
            if (!root.empty()) candidates.push_back({root, "a folder this yoshiki may read layouts from"});
        }
    } else {
        candidates.insert(candidates.end(), layout_path_.begin(), layout_path_.end());
    }
    std::vector<LayoutFolder> folders;
    std::vector<std::string> seen;
    for (LayoutFolder& folder : candidates) {
        std::string real = real_path(folder.path);
        if (layouts_ && (real.empty() || !within(real, *layouts_))) continue;
        std::string key = real.empty() ? std::filesystem::path(folder.path).lexically_normal().string() : real;
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
        seen.push_back(key);
        folders.push_back(std::move(folder));
    }
    return folders;
}

std::optional<FileIdentity> DiskFiles::identify(const std::string& path, Use use, Failure& failure) {
    FileIdentity identity;
    int fd = open_checked(path, use, identity, failure);
    if (fd < 0) return std::nullopt;
    ::close(fd);
    return identity;
}

}  // namespace yoshiki::io
