// Previews of rendered sheets for the editor: the PDFs of the last checks, kept in memory by the
// SHA-256 of their bytes, and their pages as PNG images rendered in-process with poppler-cpp and
// encoded with libpng (the only stage that uses either). Bounded in bytes: the least recently
// used PDF goes first, so a server's memory does not grow with the number of edits.
#pragma once

#include <cstddef>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace yoshiki::serve {

// Page `page` (0-based) of a PDF as a grey PNG `width` pixels wide; nullopt when the PDF cannot
// be read or has no such page.
std::optional<std::string> rasterise_page(const std::string& pdf, int page, int width);

class Previews {
public:
    explicit Previews(std::size_t max_bytes);

    // Keeps a PDF; returns its key.
    std::string keep(std::string pdf);
    // The PDF of a key, while it is kept.
    std::shared_ptr<const std::string> pdf(const std::string& key);
    // A page of it as PNG (rendered once per page and width while the PDF is kept).
    std::shared_ptr<const std::string> page(const std::string& key, int page, int width);

    std::size_t bytes() const;

private:
    struct Entry {
        std::shared_ptr<const std::string> pdf;
        std::map<std::pair<int, int>, std::shared_ptr<const std::string>> pages;
        std::size_t bytes = 0;
        std::list<std::string>::iterator use;
    };
    void trim();  // with mutex_ held

    const std::size_t max_bytes_;
    mutable std::mutex mutex_;
    std::map<std::string, Entry> entries_;
    std::list<std::string> uses_;  // most recent first
    std::size_t bytes_ = 0;
};

}  // namespace yoshiki::serve
