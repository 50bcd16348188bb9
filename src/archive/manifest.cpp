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

// Reads a member of the type wanted; a missing optional member is its default.
template <typename T>
void member(const ordered_json& j, const char* key, T& out, bool required, const std::string& where) {
    auto it = j.find(key);
    if (it == j.end()) {
        if (required) throw std::runtime_error(where + ": no \"" + key + "\"");
        return;
    }
    try {
        out = it->template get<T>();
    } catch (const nlohmann::json::exception&) {
        throw std::runtime_error(where + ": \"" + key + "\" is not of its type");
    }
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

std::optional<Manifest> parse_manifest(const std::string& text, std::string& error) {
    ordered_json j;
    try {
        j = ordered_json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        error = "not valid JSON (byte " + std::to_string(e.byte) + ")";
        return std::nullopt;
    }
    try {
        if (!j.is_object()) throw std::runtime_error("not a JSON object");
        std::string format;
        int version = 0;
        member(j, "format", format, true, "manifest");
        member(j, "format_version", version, true, "manifest");
        if (format != Manifest::format_name || version != Manifest::format_version) {
            throw std::runtime_error("not a yoshiki archive manifest of format " + std::to_string(Manifest::format_version));
        }
        Manifest m;
        member(j, "yoshiki", m.yoshiki, true, "manifest");
        member(j, "fiscal_years", m.fiscal_years, false, "manifest");
        for (const auto& l : j.value("layouts", ordered_json::array())) {
            LayoutEntry e;
            member(l, "name", e.name, false, "layout");
            member(l, "file", e.file, true, "layout");
            member(l, "sha256", e.sha256, true, "layout");
            m.layouts.push_back(e);
        }
        for (const auto& f : j.value("fonts", ordered_json::array())) {
            FontEntry e;
            member(f, "name", e.name, true, "font");
            member(f, "version", e.version, false, "font");
            member(f, "file", e.file, true, "font");
            member(f, "sha256", e.sha256, true, "font");
            m.fonts.push_back(e);
        }
        auto files = j.find("files");
        if (files == j.end() || !files->is_array()) throw std::runtime_error("manifest: no list of \"files\"");
        for (const auto& f : *files) {
            FileEntry e;
            std::string where = "file " + std::to_string(m.files.size() + 1);
            if (!f.is_object()) throw std::runtime_error(where + ": not a JSON object");
            member(f, "path", e.path, true, where);
            where = e.path;
            if (!plain_relative_path(e.path)) throw std::runtime_error(where + ": not a path inside the archive");
            member(f, "kind", e.kind, true, where);
            member(f, "source", e.source, false, where);
            member(f, "department", e.department, false, where);
            member(f, "fiscal_year", e.fiscal_year, false, where);
            member(f, "sheets", e.sheets, false, where);
            member(f, "pages", e.pages, false, where);
            member(f, "bytes", e.bytes, false, where);
            member(f, "sha256", e.sha256, true, where);
            member(f, "source_sha256", e.source_sha256, e.kind == "department", where);
            member(f, "layout_sha256", e.layout_sha256, false, where);
            member(f, "created", e.created, true, where);
            member(f, "conformance", e.conformance, false, where);
            member(f, "parts", e.parts, false, where);
            for (const auto& sig : f.value("signatures", ordered_json::array())) {
                SignatureEntry se;
                member(sig, "box", se.box, true, where + ": signature");
                member(sig, "signer", se.signer, true, where + ": signature");
                member(sig, "signed_at", se.signed_at, false, where + ": signature");
                member(sig, "timestamp", se.timestamp, false, where + ": signature");
                e.signatures.push_back(se);
            }
            member(f, "unsigned_boxes", e.unsigned_boxes, false, where);
            if (e.sha256.size() != 64) throw std::runtime_error(where + ": \"sha256\" is not a SHA-256");
            m.files.push_back(std::move(e));
        }
        return m;
    } catch (const std::exception& e) {
        error = e.what();
        return std::nullopt;
    }
}

std::string format_sums(std::vector<Sum> sums) {
    std::sort(sums.begin(), sums.end(), [](const Sum& a, const Sum& b) { return a.path < b.path; });
    std::string out;
    for (const Sum& s : sums) out += s.sha256 + "  " + s.path + "\n";
    return out;
}

std::optional<std::vector<Sum>> parse_sums(const std::string& text, std::string& error) {
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
            error = "line " + std::to_string(n) + ": not '<sha256>  <path>'";
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
