#include "archive/manifest.hpp"

#include <algorithm>
#include <sstream>

#include <nlohmann/json.hpp>

#include "base/date.hpp"

namespace yoshiki::archive {

namespace {

using nlohmann::ordered_json;

ordered_json file_json(const FileEntry& f) {
    ordered_json j;
    j["path"] = f.path;
    j["kind"] = f.kind;
    if (!f.source.empty()) j["source"] = f.source;
    if (!f.department.empty()) j["department"] = f.department;
    j["fiscal_year"] = f.fiscal_year;
    j["sheets"] = f.sheets;
    j["pages"] = f.pages;
    j["bytes"] = f.bytes;
    j["sha256"] = f.sha256;
    if (!f.source_sha256.empty()) j["source_sha256"] = f.source_sha256;
    if (!f.layout_sha256.empty()) j["layout_sha256"] = f.layout_sha256;
    j["created"] = f.created;
    j["conformance"] = f.conformance;
    if (!f.parts.empty()) j["parts"] = f.parts;
    for (const SignatureEntry& sig : f.signatures) {
        ordered_json e{{"box", sig.box}, {"signer", sig.signer}, {"signed_at", sig.signed_at}};
        if (!sig.timestamp.empty()) e["timestamp"] = sig.timestamp;
        j["signatures"].push_back(e);
    }
    if (!f.unsigned_boxes.empty()) j["unsigned_boxes"] = f.unsigned_boxes;
    return j;
}

// The members of one JSON object, read into their fields: the first that is missing or of another
// type becomes the failure, with the place in the manifest, and every later read does nothing, so
// that a reader can ask for all members in a row and look once at the end.
class Members {
public:
    Members(const ordered_json& object, std::string where, base::Failure& failure)
        : object_(object), where_(std::move(where)), failure_(failure) {
        if (!object_.is_object()) fail("not a JSON object");
    }

    template <typename T>
    Members& get(const char* key, T& out, bool required = false) {
        if (!ok_) return *this;
        auto it = object_.find(key);
        if (it == object_.end()) {
            if (required) fail(std::string("no \"") + key + "\"");
            return *this;
        }
        // nlohmann reports a value of another type by an exception of its own; it ends here.
        try {
            out = it->template get<T>();
        } catch (const nlohmann::json::exception&) {
            fail(std::string("\"") + key + "\" is not of its type");
        }
        return *this;
    }

    // A member that is a list, or the empty list when it is absent.
    const ordered_json& list(const char* key) {
        static const ordered_json none = ordered_json::array();
        auto it = ok_ ? object_.find(key) : object_.end();
        if (it == object_.end()) return none;
        if (!it->is_array()) {
            fail(std::string("\"") + key + "\" is not a list");
            return none;
        }
        return *it;
    }

    void fail(const std::string& message) {
        if (!ok_) return;
        ok_ = false;
        failure_ = base::Failure{base::codes::manifest_invalid, where_.empty() ? message : where_ + ": " + message};
    }
    void place(std::string where) { where_ = std::move(where); }
    bool ok() const { return ok_; }

private:
    const ordered_json& object_;
    std::string where_;
    base::Failure& failure_;
    bool ok_ = true;
};

bool read_signatures(Members& file, const std::string& where, std::vector<SignatureEntry>& out, base::Failure& failure) {
    for (const auto& sig : file.list("signatures")) {
        SignatureEntry se;
        Members m(sig, where + ": signature", failure);
        m.get("box", se.box, true).get("signer", se.signer, true).get("signed_at", se.signed_at).get("timestamp", se.timestamp);
        if (!m.ok()) return false;
        out.push_back(std::move(se));
    }
    return file.ok();
}

std::optional<FileEntry> read_file_entry(const ordered_json& f, std::size_t number, base::Failure& failure) {
    FileEntry e;
    Members m(f, "file " + std::to_string(number), failure);
    m.get("path", e.path, true);
    if (!m.ok()) return std::nullopt;
    m.place(e.path);
    if (!plain_relative_path(e.path)) m.fail("not a path inside the archive");
    m.get("kind", e.kind, true).get("source", e.source).get("department", e.department).get("fiscal_year", e.fiscal_year);
    m.get("sheets", e.sheets).get("pages", e.pages).get("bytes", e.bytes).get("sha256", e.sha256, true);
    m.get("source_sha256", e.source_sha256, e.kind == "department").get("layout_sha256", e.layout_sha256);
    m.get("created", e.created, true).get("conformance", e.conformance).get("parts", e.parts);
    if (!read_signatures(m, e.path, e.signatures, failure)) return std::nullopt;
    m.get("unsigned_boxes", e.unsigned_boxes);
    if (m.ok() && e.sha256.size() != 64) m.fail("\"sha256\" is not a SHA-256");
    if (!m.ok()) return std::nullopt;
    return e;
}

// What the manifest records besides its files: the layouts and fonts the archive holds.
bool read_layouts_and_fonts(Members& top, Manifest& manifest, base::Failure& failure) {
    for (const auto& l : top.list("layouts")) {
        LayoutEntry e;
        Members m(l, "layout", failure);
        m.get("name", e.name).get("file", e.file, true).get("sha256", e.sha256, true);
        if (!m.ok()) return false;
        manifest.layouts.push_back(std::move(e));
    }
    for (const auto& f : top.list("fonts")) {
        FontEntry e;
        Members m(f, "font", failure);
        m.get("name", e.name, true).get("version", e.version).get("file", e.file, true).get("sha256", e.sha256, true);
        if (!m.ok()) return false;
        manifest.fonts.push_back(std::move(e));
    }
    return top.ok();
}

}  // namespace

std::string to_json(const Manifest& m) {
    ordered_json j;
    j["format"] = Manifest::format_name;
    j["format_version"] = Manifest::format_version;
    j["yoshiki"] = m.yoshiki;
    j["fiscal_years"] = m.fiscal_years;
    j["layouts"] = ordered_json::array();
    for (const LayoutEntry& l : m.layouts) j["layouts"].push_back({{"name", l.name}, {"file", l.file}, {"sha256", l.sha256}});
    j["fonts"] = ordered_json::array();
    for (const FontEntry& f : m.fonts) {
        j["fonts"].push_back({{"name", f.name}, {"version", f.version}, {"file", f.file}, {"sha256", f.sha256}});
    }
    j["files"] = ordered_json::array();
    for (const FileEntry& f : m.files) j["files"].push_back(file_json(f));
    // Characters as they are (not \u escapes): a clerk reads 総務課 in any editor.
    return j.dump(2, ' ', false) + "\n";
}

std::optional<Manifest> parse_manifest(const std::string& text, base::Failure& failure) {
    // nlohmann says where the JSON breaks only by an exception of its own; it ends here.
    ordered_json j;
    try {
        j = ordered_json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        failure = base::Failure{base::codes::manifest_invalid, "not valid JSON (byte " + std::to_string(e.byte) + ")"};
        return std::nullopt;
    }
    Members top(j, "", failure);
    std::string format;
    int version = 0;
    top.get("format", format, true).get("format_version", version, true);
    if (!top.ok()) return std::nullopt;
    if (format != Manifest::format_name || version != Manifest::format_version) {
        top.fail("not a yoshiki archive manifest of format " + std::to_string(Manifest::format_version));
        return std::nullopt;
    }
    Manifest m;
    top.get("yoshiki", m.yoshiki, true).get("fiscal_years", m.fiscal_years);
    if (!top.ok() || !read_layouts_and_fonts(top, m, failure)) return std::nullopt;
    auto files = j.find("files");
    if (files == j.end() || !files->is_array()) {
        top.fail("no list of \"files\"");
        return std::nullopt;
    }
    for (const auto& f : *files) {
        auto entry = read_file_entry(f, m.files.size() + 1, failure);
        if (!entry) return std::nullopt;
        m.files.push_back(std::move(*entry));
    }
    return m;
}

std::string format_sums(std::vector<Sum> sums) {
    std::sort(sums.begin(), sums.end(), [](const Sum& a, const Sum& b) { return a.path < b.path; });
    std::string out;
    for (const Sum& s : sums) out += s.sha256 + "  " + s.path + "\n";
    return out;
}

std::optional<std::vector<Sum>> parse_sums(const std::string& text, base::Failure& failure) {
    std::vector<Sum> out;
    std::istringstream in(text);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        bool hex = line.size() > 66 && std::all_of(line.begin(), line.begin() + 64, [](char c) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        });
        // "<hash>  <path>" (text mode) or "<hash> *<path>" (binary mode), as sha256sum writes.
        if (!hex || line[64] != ' ' || (line[65] != ' ' && line[65] != '*')) {
            failure = base::Failure{base::codes::manifest_invalid, "line " + std::to_string(n) + ": not '<sha256>  <path>'"};
            return std::nullopt;
        }
        out.push_back(Sum{line.substr(0, 64), line.substr(66)});
    }
    return out;
}

bool plain_relative_path(const std::string& path) {
    if (path.empty() || path[0] == '/' || path.find('\\') != std::string::npos) return false;
    if (path.find('\n') != std::string::npos || path.find('\r') != std::string::npos) return false;
    std::string part;
    std::istringstream in(path);
    while (std::getline(in, part, '/')) {
        if (part.empty() || part == "." || part == "..") return false;
    }
    return path.back() != '/';
}

std::string iso_date(std::int64_t seconds) { return base::utc_text(seconds, "%Y-%m-%dT%H:%M:%SZ"); }

std::optional<std::int64_t> parse_iso_date(const std::string& s) {
    int y, mo, d, h, mi, se;
    char z = 0;
    if (s.size() != 20 || std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &se, &z) != 7 || z != 'Z') {
        return std::nullopt;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return std::nullopt;
    return base::days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
}

}  // namespace yoshiki::archive
