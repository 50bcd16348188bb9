// A folder written once, for yoshiki archive (docs/archive.md): built under a hidden name beside
// its target, locked while it is being written, made read-only and renamed into place at the
// end, so that the target either does not exist or is whole. The folder of a run that was killed (SIGKILL leaves
// no chance to clean up) is no longer locked, and the next run into the same place removes it.
#pragma once

#include <optional>
#include <string>

#include "base/failure.hpp"

namespace yoshiki::io {

class WriteOnceFolder {
public:
    // Refuses (nullopt, the failure set, output-failed) when target exists or its folder cannot be
    // written; removes the leftovers of killed runs into the same target; creates the partial folder.
    static std::optional<WriteOnceFolder> begin(const std::string& target, base::Failure& failure);
    WriteOnceFolder(WriteOnceFolder&& other) noexcept;
    WriteOnceFolder& operator=(WriteOnceFolder&&) = delete;
    ~WriteOnceFolder();  // removes the partial folder unless committed

    // The folder to write into.
    const std::string& path() const { return partial_; }
    // Makes every file (0444) and folder (0555) read-only and renames the folder into place,
    // never over anything that appeared there meanwhile. False with the failure set when it cannot.
    bool commit(base::Failure& failure);
    // Removes the partial folder and what is in it.
    void abandon();

private:
    WriteOnceFolder() = default;
    std::string target_, partial_;
    int lock_fd_ = -1;  // holds the lock on the partial folder while this process lives
    bool done_ = false;
};

// Removes a partial folder from a signal handler's thread (not from the handler itself): the
// files being written into it may still appear, so it tries a few times.
void remove_partial_folder(const std::string& path);

}  // namespace yoshiki::io
