// An archive's record of itself (docs/archive.md): manifest.json, what each file is (department,
// fiscal year, sheets, pages, the SHA-256 of the PDF and of its source) and what made them (the
// yoshiki version, the layouts, every font with its version and SHA-256); and SHA256SUMS, the
// same hashes in the format of sha256sum, so that `sha256sum -c SHA256SUMS` checks an archive on
// a machine without yoshiki. nlohmann/json writes and reads the JSON (this stage alone uses it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/failure.hpp"

namespace yoshiki::archive {

// A signature of a signed PDF the archive took as it was (docs/archive.md).
struct SignatureEntry {
    std::string box;        // the approval box: 課長
    std::string signer;     // the certificate's common name
    std::string signed_at;  // the claimed signing time, as verify prints it
    std::string timestamp;  // the timestamp's time and authority; empty without one
};

// A department's PDF, or the print document of the year (kind "print").
struct FileEntry {
    std::string path;  // relative to the archive, with '/'
    std::string kind = "department";
    std::string source;  // the input it was rendered from, relative to the folder archived
    std::string department, fiscal_year;
    int sheets = 0, pages = 0;
    std::uint64_t bytes = 0;
    std::string sha256, source_sha256, layout_sha256;
    std::string created;      // the PDF's date, ISO 8601 (a re-rendering needs it)
    std::string conformance;  // PDF/A-3a, PDF/A-3b
    std::vector<std::string> parts;  // of the print document: its departments' paths, in order
    // A signed PDF taken as it was: its signatures in the order of its approval boxes, and the
    // boxes not yet signed. Empty for a PDF rendered from its input.
    std::vector<SignatureEntry> signatures;
    std::vector<std::string> unsigned_boxes;
};

struct LayoutEntry {
    std::string name, file, sha256;
};

struct FontEntry {
    std::string name, version, file, sha256;
};

struct Manifest {
    static constexpr const char* format_name = "yoshiki-archive";
    static constexpr int format_version = 1;
    std::string yoshiki;  // version
    std::vector<std::string> fiscal_years;
    std::vector<LayoutEntry> layouts;
    std::vector<FontEntry> fonts;
    std::vector<FileEntry> files;  // sorted by path
};

inline constexpr const char* manifest_name = "manifest.json";
inline constexpr const char* sums_name = "SHA256SUMS";

std::string to_json(const Manifest& manifest);
// Null with the failure set (manifest-invalid, saying where) when the text is not a manifest of
// this format.
std::optional<Manifest> parse_manifest(const std::string& json, base::Failure& failure);

// One line per file, "<sha256>  <path>", sorted by path: sha256sum's own format.
struct Sum {
    std::string sha256, path;
};
std::string format_sums(std::vector<Sum> sums);
// Null with the failure set (manifest-invalid, "line 3: …") when a line is not in that format.
std::optional<std::vector<Sum>> parse_sums(const std::string& text, base::Failure& failure);

// Whether a relative path can stand in SHA256SUMS as it is (sha256sum escapes '\' and line ends)
// and in an archive (no "..", no absolute path).
bool plain_relative_path(const std::string& path);

// ISO 8601 in UTC, "2026-04-01T00:00:00Z", and back (nullopt when it is not that form).
std::string iso_date(std::int64_t seconds);
std::optional<std::int64_t> parse_iso_date(const std::string& text);

}  // namespace yoshiki::archive
