#include "serve/input_folder.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>

#include "base/limits.hpp"
#include "base/utf8.hpp"
#include "io/sha256.hpp"
#include "io/write.hpp"

namespace yoshiki::serve {

namespace fs = std::filesystem;

namespace {

constexpr const char* history_root = ".yoshiki/history";

// "20261201T101500.123Z": sortable, and the same on every machine whatever its time zone.
std::string utc_stamp() {
    auto now = std::chrono::system_clock::now();
    std::time_t t = std::chrono::system_clock::to_time_t(now);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%S", &tm);
    char out[48];
    std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms));
    return out;
}

bool is_saved_id(const std::string& id) {
    if (id.empty() || id.size() > 64) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == 'T' || c == 'Z' || c == '.' || c == '-';
    });
}

}  // namespace

std::optional<std::string> refuse_name(const std::string& name) {
    if (name.empty()) return "no file named";
    if (name.size() > 1024) return "the name is too long";
    if (base::utf8::find_invalid(name) != std::string::npos) return "the name is not UTF-8";
    if (name.find('\0') != std::string::npos || name.find('\\') != std::string::npos) return "the name holds a forbidden character";
    if (name.front() == '/') return "an absolute path is not allowed";
    std::size_t start = 0;
    while (start <= name.size()) {
        std::size_t end = name.find('/', start);
        if (end == std::string::npos) end = name.size();
        std::string part = name.substr(start, end - start);
        if (part.empty()) return "the name has an empty part";
        if (part == "..") return "'..' is not allowed";
        if (part.front() == '.') return "hidden files and folders are not served";
        start = end + 1;
    }
    if (name.size() < 5 || name.compare(name.size() - 4, 4, ".xml") != 0) return "only .xml files are served";
    return std::nullopt;
}

InputFolder::InputFolder(std::string root)
    : root_(std::move(root)), files_(io::Roots{std::vector<std::string>{root_}, std::vector<std::string>{}, std::vector<std::string>{}}) {}

std::string InputFolder::path_of(const std::string& name) const { return (fs::path(root_) / name).string(); }

bool InputFolder::inside(const std::string& name) const {
    io::Failure failure;
    return files_.identify(path_of(name), io::Use::input, failure).has_value();
}

std::vector<std::string> InputFolder::list() const {
    std::vector<std::string> out;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root_, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        const std::string leaf = it->path().filename().string();
        if (!leaf.empty() && leaf.front() == '.') {
            if (it->is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        if (it->path().extension() != ".xml" || !it->is_regular_file(ec)) continue;
        std::string name = it->path().lexically_relative(root_).generic_string();
        if (refuse_name(name) || !inside(name)) continue;
        out.push_back(name);
        if (out.size() >= base::limits::max_listed_files) break;
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::optional<InputFile> InputFolder::read(const std::string& name, base::Failure& failure) const {
    auto file = files_.read_text(path_of(name), io::Use::input, failure);
    if (!file) {
        failure.message = "cannot read " + name + ": " + failure.message;
        return std::nullopt;
    }
    if (file->bytes.size() > base::limits::max_request_bytes) {
        failure = base::Failure{base::codes::file_too_large,
                                name + " is larger than the editor opens (" + std::to_string(base::limits::max_request_bytes >> 20) + " MiB)"};
        return std::nullopt;
    }
    InputFile f;
    f.bytes = std::move(file->bytes);
    f.version = content_version(f.bytes);
    return f;
}

std::string InputFolder::history_folder(const std::string& name) const {
    return (fs::path(root_) / history_root / name).string();
}

bool InputFolder::replace(const std::string& name, const InputFile& present, const std::string& bytes, base::Failure& failure) const {
    auto refuse = [&failure](std::string why) {
        failure = base::Failure{base::codes::output_failed, std::move(why)};
        return false;
    };
    const fs::path folder = history_folder(name);
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) return refuse("cannot make the history folder: " + ec.message());
    std::string id = utc_stamp() + "-" + present.version.substr(0, 8);
    if (auto saved = io::write_file((folder / (id + ".xml")).string(), present.bytes)) {
        return refuse("cannot keep the previous version: " + saved->message);
    }
    // The oldest go: a file keeps its last saves, not all of them.
    std::vector<SavedVersion> kept = history(name);
    for (std::size_t i = base::limits::max_history_saves; i < kept.size(); ++i) fs::remove(folder / (kept[i].id + ".xml"), ec);
    if (auto written = io::write_file(path_of(name), bytes)) return refuse("cannot write " + name + ": " + written->message);
    return true;
}

std::vector<SavedVersion> InputFolder::history(const std::string& name) const {
    std::vector<SavedVersion> out;
    std::error_code ec;
    for (auto it = fs::directory_iterator(history_folder(name), ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec) || it->path().extension() != ".xml") continue;
        std::string id = it->path().stem().string();
        if (!is_saved_id(id)) continue;
        out.push_back(SavedVersion{id, static_cast<std::int64_t>(it->file_size(ec))});
    }
    std::sort(out.begin(), out.end(), [](const SavedVersion& a, const SavedVersion& b) { return a.id > b.id; });
    return out;
}

std::optional<std::string> InputFolder::saved_version(const std::string& name, const std::string& id) const {
    if (!is_saved_id(id)) return std::nullopt;
    io::Failure failure;
    auto file = files_.read_text((fs::path(history_folder(name)) / (id + ".xml")).string(), io::Use::input, failure);
    if (!file) return std::nullopt;
    return std::move(file->bytes);
}

std::string content_version(std::string_view bytes) { return io::sha256_hex(bytes); }

}  // namespace yoshiki::serve
