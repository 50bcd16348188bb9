#include <filesystem>
#include <tuple>

#include "base/limits.hpp"
#include "io/files.hpp"

namespace yoshiki::io {

namespace {

std::string normal(const std::string& path) { return std::filesystem::path(path).lexically_normal().string(); }

FileIdentity identity_of(const std::shared_ptr<const std::string>& bytes) {
    FileIdentity id;
    id.in_memory = true;
    id.inode = reinterpret_cast<std::uintptr_t>(bytes.get());
    id.size = bytes->size();
    return id;
}

}  // namespace

void MemoryFiles::add(const std::string& path, std::string bytes) {
    files_[normal(path)] = std::make_shared<const std::string>(std::move(bytes));
}

const std::shared_ptr<const std::string>* MemoryFiles::find(const std::string& path) const {
    auto it = files_.find(normal(path));
    return it == files_.end() ? nullptr : &it->second;
}

std::optional<TextFile> MemoryFiles::read_text(const std::string& path, Use use, Failure& failure) {
    const auto* held = find(path);
    if (!held) {
        if (below_) return below_->read_text(path, use, failure);
        failure = Failure{base::codes::file_not_found, "No such file or directory"};
        return std::nullopt;
    }
    if ((*held)->size() > size_limit(use)) {
        failure = too_large(use, (*held)->size());
        return std::nullopt;
    }
    return TextFile{**held, identity_of(*held)};
}

std::optional<MappedFile> MemoryFiles::map(const std::string& path, Use use, Failure& failure) {
    const auto* held = find(path);
    if (!held) {
        if (below_) return below_->map(path, use, failure);
        failure = Failure{base::codes::file_not_found, "No such file or directory"};
        return std::nullopt;
    }
    if ((*held)->size() > size_limit(use)) {
        failure = too_large(use, (*held)->size());
        return std::nullopt;
    }
    return MappedFile{**held, identity_of(*held), *held};
}

std::optional<FileIdentity> MemoryFiles::identify(const std::string& path, Use use, Failure& failure) {
    const auto* held = find(path);
    if (!held) {
        if (below_) return below_->identify(path, use, failure);
        failure = Failure{base::codes::file_not_found, "No such file or directory"};
        return std::nullopt;
    }
    return identity_of(*held);
}

std::vector<LayoutFolder> MemoryFiles::layout_folders(const std::string& input_folder) {
    if (below_) return below_->layout_folders(input_folder);
    return {{input_folder.empty() ? "." : input_folder, "the input's folder"}};
}

}  // namespace yoshiki::io
