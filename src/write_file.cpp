// Atomic file output: a PDF appears whole or not at all.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include <yoshiki/yoshiki.hpp>

namespace yoshiki {

std::string write_file_atomically(const std::string& path, const std::string& bytes) {
    std::filesystem::path target(path);
    std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    std::string tmpl = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
    int fd = mkostemp(tmpl.data(), O_CLOEXEC);
    if (fd < 0) return "cannot create a file in " + dir.string() + ": " + std::strerror(errno);
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            std::string err = std::strerror(errno);
            ::close(fd);
            std::remove(tmpl.c_str());
            return "cannot write " + path + ": " + err;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    // Readable like any document (mkstemp makes it private). Not umask-derived: reading the
    // umask means setting it, which races with the other threads of a batch.
    fchmod(fd, 0644);
    if (::close(fd) != 0) {
        std::string err = std::strerror(errno);
        std::remove(tmpl.c_str());
        return "cannot write " + path + ": " + err;
    }
    if (std::rename(tmpl.c_str(), path.c_str()) != 0) {
        std::string err = std::strerror(errno);
        std::remove(tmpl.c_str());
        return "cannot write " + path + ": " + err;
    }
    return {};
}

}  // namespace yoshiki
