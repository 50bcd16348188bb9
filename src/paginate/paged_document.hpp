// PagedDocument: pages of items (glyph runs, rules, fills), each the content of a structure node
// or an artifact. It is all the PDF writer needs: coordinates in pt from the page's top-left
// corner, y growing downwards.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
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

// How a run's glyphs go: along a line; down a column (縦書き) in the font's vertical mode, where
// a glyph's x is down from the run's origin on the column's centre line and its y_offset to the
// right; or turned 90° clockwise in a column (a Latin word), x down from the origin on the turned
// baseline. A column's 縦中横 is a short line of its own.
enum class RunMode : std::uint8_t { line, column, turned };

// Glyphs of one font and size on one baseline, in reading order.
struct GlyphRun {
    std::uint16_t font = 0;  // index into PagedDocument::fonts
    RunMode mode = RunMode::line;
    float size = 10.5f;
    float scale = 1;         // horizontal scale of the glyphs (長体, PDF's Tz), 1 = as designed
    double x = 0, y = 0;     // origin on the baseline (of a column: on its centre line)
    std::string text;
    std::vector<Glyph> glyphs;
};

struct Rule {
    double x0, y0, x1, y1, width;
};

struct Fill {
    double x, y, w, h, gray;
};

// An image of the layout drawn into a rectangle (pt): PagedDocument::images[image].
struct Image {
    double x, y, w, h;
    int image;
};

// Text set as one piece of one line: its glyph runs (one per font), and the text a reader should
// get where the glyphs' positions would mislead an extractor (typeset::Line::actual_text).
struct TextLine {
    std::vector<GlyphRun> runs;
    std::optional<std::string> actual_text;
};

// What a piece of content that is not read is (PDF 32000-1, 14.8.2.2): a part of the form's
// drawing (rules, shading), or of the page template (footer, the draft mark).
enum class Artifact : std::uint8_t { none, layout, footer, watermark };

// One thing drawn on a page. Items are in paint order, and text items in reading order: the
// order text is copied and read aloud. Each is either the content of a structure node or an
// artifact.
struct Item {
    std::variant<Fill, Rule, TextLine, Image> content;
    int node = -1;  // the bind::Structure node whose content this is (then artifact is none)
    Artifact artifact = Artifact::none;
};

// A signature field of a final document: the space for an approver's stamp in the approval block
// (決裁欄), named by the approver's title and tagged by its Form element. Coordinates as items'.
struct SignatureField {
    std::string name;
    std::string description;  // for readers (the field's /TU): "決裁欄 課長"
    double x = 0, y = 0, w = 0, h = 0;
    int node = -1;
};

// A link to a page of the document (an entry of a print document's table of contents), over a
// rectangle in the items' coordinates.
struct Link {
    double x = 0, y = 0, w = 0, h = 0;
    int target = 0;           // 0-based, among the pages the document had before this part came
    std::string description;  // for readers (the annotation's /Contents): what the entry says
    int node = -1;            // the Link element that tags it
};

struct Page {
    std::vector<Item> items;
    std::vector<SignatureField> fields;  // in approval order
    std::vector<Link> links;
};

struct OutlineEntry {
    std::string title;
    int page = 0;      // where the sheet starts
    int pages = 1;     // how many pages it takes
    double fill = 0;   // how much of its last page's text area (between the margins) it fills, 0..1
};

// What the fit cascade did to the text of one fixed box or fixed-height row's cell, and on which
// page: `check --fit-report` lists them.
struct BoxFit {
    std::string label;  // the field's label, or empty (a text of the layout alone)
    base::Span span;    // where its value was written, else the layout's box
    int page = 0;       // 0-based, within the document
    bool squeezed = false;
    double scale = 1, size = 0;
    int lines = 0, max_lines = 0;
    double fullness = 0;
    bool fits = true;
    bool smaller = false;
};

struct PagedDocument {
    double width = 0, height = 0;
    std::vector<std::shared_ptr<const text::Font>> fonts;
    // The layout's images, as their files hold them (PNG), by the layout's index; the owner keeps
    // the bytes alive.
    struct ImageFile {
        std::string_view bytes;
        std::shared_ptr<const void> owner;
    };
    std::vector<ImageFile> images;
    bind::DocumentInfo info;
    bool final = false;         // approved (status="final"); else a draft, marked 案
    bool right_to_left = false; // the pages read from right to left (a form set in columns, 縦書き)
    std::string lang;           // the document's natural language, e.g. ja-JP
    bind::Structure structure;  // what the items' nodes refer to
    std::vector<Page> pages;
    std::vector<OutlineEntry> sheets;  // where each sheet starts
    std::vector<BoxFit> fits;          // every fixed box and fixed row's cell, in page order
    std::optional<base::TracedText> footer;  // for print documents; {page} {pages} still open
};

}  // namespace yoshiki::paginate
