#include "io/write_once.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <vector>

namespace yoshiki::io {

namespace {

namespace fs = std::filesystem;

std::string partial_prefix(const fs::path& target) { return "." + target.filename().string() + ".partial-"; }

// A partial folder whose lock can be taken belongs to no living run: its run was killed.
void remove_abandoned(const fs::path& parent, const std::string& prefix) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(parent, ec)) {
        std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0 || !entry.is_directory(ec)) continue;
        int fd = ::open(entry.path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) continue;
        if (flock(fd, LOCK_EX | LOCK_NB) == 0) remove_partial_folder(entry.path().string());
        ::close(fd);
    }
}

}  // namespace

void remove_partial_folder(const std::string& path) {
    for (int attempt = 0; attempt < 20; ++attempt) {
        std::error_code ec;
        // Read-only folders cannot be emptied by a user who is not root: writable again first.
        for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
             it.increment(ec)) {
            if (it->is_directory(ec)) fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
        }
        fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(path, ec);
        if (!fs::exists(path, ec)) return;
        usleep(50'000);
    }
}

std::optional<WriteOnceFolder> WriteOnceFolder::begin(const std::string& target_path, base::Failure& failure) {
    auto refuse = [&failure](std::string message) {
        failure = base::Failure{base::codes::output_failed, std::move(message)};
        return std::nullopt;
    };
    fs::path target(target_path);
    while (!target.empty() && target.filename().empty()) target = target.parent_path();  // "out/" → "out"
    std::error_code ec;
    if (target.empty() || fs::exists(fs::symlink_status(target, ec))) {
        return refuse("already exists; an archive is written once: choose a folder that does not exist");
    }
    fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
    fs::create_directories(parent, ec);
    if (ec) {
        return refuse("cannot create the folder " + parent.string() + ": " + ec.message());
    }
    remove_abandoned(parent, partial_prefix(target));
    std::string tmpl = (parent / (partial_prefix(target) + "XXXXXX")).string();
    if (!mkdtemp(tmpl.data())) {
        return refuse("cannot write in " + parent.string() + ": " + std::strerror(errno));
    }
    WriteOnceFolder folder;
    folder.target_ = target.string();
    folder.partial_ = tmpl;
    folder.lock_fd_ = ::open(tmpl.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder.lock_fd_ < 0 || flock(folder.lock_fd_, LOCK_EX | LOCK_NB) != 0) {
        return refuse("cannot lock " + tmpl + ": " + std::strerror(errno));  // the destructor removes it
    }
    return folder;
}

WriteOnceFolder::WriteOnceFolder(WriteOnceFolder&& o) noexcept
    : target_(std::move(o.target_)), partial_(std::move(o.partial_)), lock_fd_(o.lock_fd_), done_(o.done_) {
    o.lock_fd_ = -1;
    o.done_ = true;
}

WriteOnceFolder::~WriteOnceFolder() {
    if (!done_) abandon();
    if (lock_fd_ >= 0) ::close(lock_fd_);
}

void WriteOnceFolder::abandon() {
    if (done_) return;
    remove_partial_folder(partial_);
    done_ = true;
}

bool WriteOnceFolder::commit(base::Failure& failure) {
    auto refuse = [&failure](std::string message) {
        failure = base::Failure{base::codes::output_failed, std::move(message)};
        return false;
    };
    std::error_code ec;
    std::vector<fs::path> folders;
    for (auto it = fs::recursive_directory_iterator(partial_, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (it->is_directory(ec)) folders.push_back(it->path());
        else fs::permissions(it->path(), fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read, ec);
        if (ec) return refuse("cannot make " + it->path().string() + " read-only: " + ec.message());
    }
    if (ec) return refuse("cannot list " + partial_ + ": " + ec.message());
    folders.push_back(partial_);
    // Deepest first: a folder is made read-only after what is in it.
    const fs::perms read_only = fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec;
    for (auto it = folders.rbegin(); it != folders.rend(); ++it) {
        fs::permissions(*it, read_only, ec);
        if (ec) return refuse("cannot make " + it->string() + " read-only: " + ec.message());
    }
    // RENAME_NOREPLACE: an archive that appeared meanwhile is never replaced (a plain rename
    // would replace an empty folder).
    if (renameat2(AT_FDCWD, partial_.c_str(), AT_FDCWD, target_.c_str(), RENAME_NOREPLACE) != 0) {
        std::string why = errno == EEXIST ? "it appeared while the archive was being written" : std::strerror(errno);
        return refuse("cannot rename the archive into place: " + why);
    }
    done_ = true;
    return true;
}

}  // namespace yoshiki::io
