#include "io/write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace yoshiki::io {

namespace {

namespace fs = std::filesystem;

Failure failed(const std::string& what, int error) {
    return Failure{base::codes::output_failed, what + ": " + std::strerror(error)};
}

bool write_all(int fd, std::string_view bytes) {
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    return true;
}

// The file a path ends at, following symbolic links (a link to a link … to a file that may not
// exist yet). Empty with *failure set when the chain cannot be followed.
std::string follow_links(const std::string& path, Failure& failure) {
    std::string target = path;
    for (int hops = 0; hops <= 40; ++hops) {
        struct stat st {};
        if (::lstat(target.c_str(), &st) != 0) {
            if (errno == ENOENT) return target;
            failure = failed("cannot look at " + target, errno);
            return {};
        }
        if (!S_ISLNK(st.st_mode)) return target;
        std::string link(static_cast<std::size_t>(st.st_size > 0 ? st.st_size : 4096) + 1, '\0');
        ssize_t n = ::readlink(target.c_str(), link.data(), link.size());
        if (n < 0) {
            failure = failed("cannot read the link " + target, errno);
            return {};
        }
        link.resize(static_cast<std::size_t>(n));
        fs::path next(link);
        target = next.is_absolute() ? next.string() : (fs::path(target).parent_path() / next).lexically_normal().string();
    }
    failure = Failure{base::codes::output_failed, "too many levels of symbolic links"};
    return {};
}

const char* kind_of(mode_t mode) {
    return S_ISDIR(mode)    ? "a folder"
           : S_ISFIFO(mode) ? "a FIFO (named pipe)"
           : S_ISCHR(mode)  ? "a character device"
           : S_ISBLK(mode)  ? "a block device"
           : S_ISSOCK(mode) ? "a socket"
                            : "not a regular file";
}

}  // namespace

std::optional<Failure> write_file(const std::string& path, std::string_view bytes, const std::vector<ReadFile>& read) {
    if (path == "-") {
        if (!write_all(STDOUT_FILENO, bytes)) return failed("cannot write to standard output", errno);
        return std::nullopt;
    }
    Failure failure;
    const std::string target = follow_links(path, failure);
    if (target.empty()) return failure;

    // A PDF replaces a file, nothing else: as root, "-o /dev/null" must not replace the system's
    // /dev/null with a regular file, nor a FIFO another program reads from.
    mode_t mode = 0644;
    struct stat st {};
    if (::stat(target.c_str(), &st) == 0) {
        if (!S_ISREG(st.st_mode)) {
            return Failure{base::codes::output_not_regular,
                           std::string("it is ") + kind_of(st.st_mode) + ", not a file a PDF can replace"};
        }
        for (const ReadFile& r : read) {
            if (!r.identity.in_memory && r.identity.device == static_cast<std::uint64_t>(st.st_dev) &&
                r.identity.inode == static_cast<std::uint64_t>(st.st_ino)) {
                return Failure{base::codes::output_is_input,
                               "it is " + r.role + " of this document: the PDF would replace it"};
            }
        }
        // A replaced file keeps its permissions (a PDF kept private stays private).
        mode = st.st_mode & 07777;
    }

    fs::path t(target);
    fs::path dir = t.has_parent_path() ? t.parent_path() : fs::path(".");
    std::string tmpl = (dir / ("." + t.filename().string() + ".XXXXXX")).string();
    int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
    if (fd < 0) return failed("cannot create a file in " + dir.string(), errno);
    if (!write_all(fd, bytes)) {
        int error = errno;
        ::close(fd);
        std::remove(tmpl.c_str());
        return failed("cannot write " + path, error);
    }
    // Readable like any document (mkstemp makes it private). Not umask-derived: reading the
    // umask means setting it, which races with the other threads of a batch.
    ::fchmod(fd, mode);
    if (::close(fd) != 0) {
        int error = errno;
        std::remove(tmpl.c_str());
        return failed("cannot write " + path, error);
    }
    if (std::rename(tmpl.c_str(), target.c_str()) != 0) {
        int error = errno;
        std::remove(tmpl.c_str());
        return failed("cannot write " + path, error);
    }
    return std::nullopt;
}

}  // namespace yoshiki::io
