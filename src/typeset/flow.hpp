// Flow: a document after typesetting, before pagination. Paragraphs are broken into lines of
// positioned glyphs; tables know their column positions and row heights. Nothing has a page yet.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "bind/document.hpp"
#include "parse/form_layout.hpp"
#include "text/shape.hpp"

namespace yoshiki::typeset {

// A glyph placed on a line. Its source text (for copy and search) is text[text_begin, +text_len)
// of the line; the later glyphs of a multi-glyph cluster carry no text.
struct PlacedGlyph {
    std::uint32_t gid = 0;
    std::uint16_t font = 0;  // index into the layout's fonts
    float x = 0;             // from the line's left edge (a column's top), pt
    float y_offset = 0;      // upwards (in a column: rightwards from its centre line), pt
    std::uint32_t text_begin = 0, text_len = 0;
    text::Orientation orientation = text::Orientation::along;  // in a column: upright, sideways, 縦中横
};

// A line of text, or in vertical writing (縦書き) a column: then `left` and `width` are down the
// column, `height` is its pitch across, and `baseline` the distance from its right edge to its
// centre line, where upright glyphs stand.
struct Line {
    bool vertical = false;
    float size = 10.5f;       // text size, pt
    float scale = 1;          // horizontal scale of the glyphs (長体), 1 = as designed
    float height = 15.75f;    // line pitch, pt
    float baseline = 12.0f;   // from the line's top, pt
    float left = 0;           // offset of the line within its box (alignment, indent), pt
    float width = 0;          // set width, pt
    std::string text;         // the characters the glyphs stand for
    std::vector<PlacedGlyph> glyphs;
    // Structure: the node the line's text belongs to (-1: an artifact), and on the first line of
    // a list item the marker's own node (Lbl), the marker being glyphs[0, marker_glyphs) and
    // text[0, marker_bytes).
    int node = -1, marker_node = -1;
    std::uint32_t marker_glyphs = 0, marker_bytes = 0;
    // The line's text (the marker aside) as a reader should get it, where the glyphs' positions
    // would mislead a text extractor: a line spread or squeezed, a label distributed, a word
    // space at the line's end that is not drawn. Unset when the glyphs read as they are.
    std::optional<std::string> actual_text;
};

// How a paragraph is set other than its style says: what the fit cascade of a fixed box
// (typeset/fit.hpp) tries, step by step.
struct Adjustment {
    bool squeeze = false;  // 追い込み throughout: every blank of punctuation squeezed out
    double scale = 1;      // 長体: the glyphs' width, 1 = as designed
    double size = 0;       // the text size, pt; 0: the style's
    // Set for a box: a distributed label too wide for it is the cascade's to report, not an error
    // of the first setting.
    bool fitting = false;
};

// What the fit cascade (typeset/fit.hpp) did to the text of a fixed box or row, for
// `check --fit-report`.
struct Fit {
    Adjustment adjustment;   // squeezed, the scale, the size (always set)
    int lines = 0;           // lines set
    int max_lines = 0;       // lines the box holds at that size
    double fullness = 0;     // the part of the box's height the lines take, 0..1
    bool fits = true;
    bool smaller = false;    // set at a smaller size than its style's
    std::string label;       // the field's label (開示請求に係る公文書の名称), or empty
    base::Span span;         // where its value was written (or the layout's box)
};

struct ParagraphBox {
    std::vector<Line> lines;
    double space_before = 0;
};

struct CellBox {
    int column = 0, col_span = 1, row_span = 1;
    std::optional<Fit> fit;  // a cell of a fixed-height row
    std::optional<double> fill_gray;
    base::VAlign valign = base::VAlign::top;
    std::vector<Line> lines;
    double content_height() const {
        double h = 0;
        for (const Line& l : lines) h += l.height;
        return h;
    }
};

struct RowBox {
    std::vector<CellBox> cells;
    double height = 0;  // including the padding; a row span's extra height is on its last row
    bool keep_with_next = false;
    bool header = false;  // repeated at the top of each page the table continues on
};

struct TableBox {
    std::vector<double> column_x;  // left edge of each column from the table's left, plus the right edge
    double outer_rule = 1.0, inner_rule = 0.5;
    double pad_x = 0, pad_y = 0;
    double space_before = 0;
    std::vector<RowBox> rows;
};

// A fixed box set: its lines fitted inside its padding, at its place on the sheet's page.
struct FixedBoxFlow {
    double x = 0, y = 0, width = 0, height = 0;  // from the page's top-left corner, pt
    double frame = 0, pad_x = 0, pad_y = 0;
    base::VAlign valign = base::VAlign::top;  // of a vertical box: top is its right side
    std::vector<Line> lines;
    Fit fit;
    bool vertical = false;  // its lines are columns, from its right side
};

using FlowBlock = std::variant<ParagraphBox, TableBox, FixedBoxFlow, bind::FixedImage>;

struct SheetFlow {
    std::string outline_title;
    std::vector<FlowBlock> blocks;
    std::vector<int> approval_nodes;  // bind::SheetContent's: the approval block's on this sheet
};

// The page template, set (layout's <draft-mark> and <approval>): texts set, places on the page
// resolved, in pt from the page's top-left corner. Pagination draws them and moves content that
// would meet them below them.
struct DraftMarkBox {
    double x = 0, y = 0, w = 0, h = 0;  // the frame's outer edge
    double frame = 0;                    // rule width
    double clearance = 0;
    std::vector<Line> lines;             // stacked from (text_x, text_y), each line's left from text_x
    double text_x = 0, text_y = 0;
};

struct ApprovalBlockBox {
    double x = 0, y = 0;  // the block's top-left corner
    double box_width = 0, title_height = 0, stamp_height = 0;
    double outer_rule = 0, inner_rule = 0, clearance = 0;
    struct Box {
        std::string name, description;
        int node = -1;            // Form element of a final document's signature field
        double x = 0;             // the box's left edge
        std::vector<Line> title;  // set in the box's width, stacked from title_y
        double title_y = 0;
    };
    std::vector<Box> boxes;  // in approval order
    bool fields = false;     // final: each box's stamp space is a signature field
    bool each_sheet = false; // drawn on each sheet's first page, not only the document's

    double width() const { return box_width * static_cast<double>(boxes.size()); }
    double height() const { return title_height + stamp_height; }
};

struct PageTemplate {
    std::optional<DraftMarkBox> draft_mark;      // every page of a draft
    std::optional<ApprovalBlockBox> approval;    // a department's first page, or each sheet's
};

struct Flow {
    std::vector<SheetFlow> sheets;
    PageTemplate page_template;
};

}  // namespace yoshiki::typeset
