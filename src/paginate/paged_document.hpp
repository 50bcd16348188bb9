// PagedDocument: pages of positioned glyph runs, rules and fills. It is all the PDF writer needs:
// coordinates in pt from the page's top-left corner, y growing downwards.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/traced_text.hpp"
#include "bind/document.hpp"
#include "text/font.hpp"

namespace yoshiki::paginate {

struct Glyph {
    std::uint32_t gid = 0;
    float x = 0;         // from the run's origin, pt
    float y_offset = 0;  // upwards, pt
    std::uint32_t text_begin = 0, text_len = 0;  // into the run's text
};

// Glyphs of one font and size on one baseline, in reading order.
struct GlyphRun {
    std::uint16_t font = 0;  // index into PagedDocument::fonts
    float size = 10.5f;
    double x = 0, y = 0;     // origin on the baseline
    std::string text;
    std::vector<Glyph> glyphs;
};

struct Rule {
    double x0, y0, x1, y1, width;
};

struct Fill {
    double x, y, w, h, gray;
};

struct Page {
    std::vector<Fill> fills;
    std::vector<GlyphRun> runs;  // reading order: the order text is copied and read aloud
    std::vector<Rule> rules;
};

struct OutlineEntry {
    std::string title;
    int page = 0;
};

struct PagedDocument {
    double width = 0, height = 0;
    std::vector<std::shared_ptr<const text::Font>> fonts;
    bind::DocumentInfo info;
    std::vector<Page> pages;
    std::vector<OutlineEntry> sheets;  // where each sheet starts
    std::optional<base::TracedText> footer;  // for print documents; {page} {pages} still open
};

}  // namespace yoshiki::paginate
