// Previews of rendered sheets for the editor: the PDFs of the last checks, kept in memory by the
// SHA-256 of their bytes, and their pages as PNG images rendered in-process with poppler-cpp and
// encoded with libpng (the only stage that uses either). Bounded in bytes: the least recently
// used PDF goes first, so a server's memory does not grow with the number of edits.
// Thread-safe: the server's threads share one.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

namespace yoshiki::serve {

// Page `page` (0-based) of a PDF as a grey PNG `width` pixels wide; nullopt when the PDF cannot
// be read or has no such page.
std::optional<std::string> rasterise_page(const std::string& pdf, int page, int width);

class Previews {
public:
    explicit Previews(std::size_t max_bytes);
    ~Previews();  // waits for the pages still being rendered ahead
    Previews(const Previews&) = delete;
    Previews& operator=(const Previews&) = delete;

    // Keeps a PDF; returns its key.
    std::string keep(std::string pdf);
    // Starts rendering a page the client is about to ask for, on a thread of its own, so that the
    // page's request finds it done or under way.
    void render_ahead(const std::string& key, int page, int width);
    // The PDF of a key, while it is kept.
    std::shared_ptr<const std::string> pdf(const std::string& key);
    // A page of it as PNG (rendered once per page and width while the PDF is kept; a request for
    // a page being rendered waits for it).
    std::shared_ptr<const std::string> page(const std::string& key, int page, int width);

    std::size_t bytes() const;

private:
    struct State;
    std::shared_ptr<State> state_;  // shared with the threads rendering ahead
};

}  // namespace yoshiki::serve
