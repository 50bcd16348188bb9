// Document: a form's template filled with one input's data. It says what is to be set (tables,
// cells, paragraphs and their styles), not yet where; the typesetter decides that.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/traced_text.hpp"
#include "bind/structure.hpp"
#include "parse/form_layout.hpp"

namespace yoshiki::bind {

struct Paragraph {
    int style = 0;
    std::string marker;  // hanging marker of a list item ("・", "（1）"); empty for paragraphs
    bool first_line_indent = true;  // list items and one-line cells take no 字下げ
    bool vertical = false;          // set in columns (縦書き): its box's or page's writing mode
    base::TracedText text;
    int node = -1;         // the structure node the text belongs to; -1: an artifact, not read
    int marker_node = -1;  // a list item's label (Lbl), which holds the marker
    // Of a text in a fixed box or row: the first field it holds, for the fit report and for the
    // error of a text that does not fit (its label, 開示請求に係る公文書の名称, and the place in
    // the input its value was written); the layout's box when it holds no field.
    std::string field_label;
    base::Span field_span;
};

struct Cell {
    int column = 0, col_span = 1, row_span = 1;
    int style = 0;
    std::optional<double> fill_gray;
    std::vector<Paragraph> paragraphs;
    base::Span span;  // the layout's <cell>, for messages about the cell itself
};

struct Row {
    std::vector<Cell> cells;
    bool keep_with_next = false;
    bool header = false;  // repeated at the top of each page the table continues on
    double height = 0;  // fixed, pt: each cell's text is fitted into it; 0: the row grows
};

struct Table {
    std::vector<double> columns;
    double outer_rule = 1.0, inner_rule = 0.5;
    double pad_x = 0, pad_y = 0;
    double space_before = 0;
    std::vector<Row> rows;
};

struct TextBlock {
    Paragraph paragraph;
    double space_before = 0;
};

// A text at a fixed place and size of the sheet's page (parse::BoxTemplate), fitted into it.
struct FixedBox {
    double x = 0, y = 0, width = 0, height = 0;  // from the page's left and top edges, pt
    double frame = 0, pad_x = 0, pad_y = 0;
    Paragraph paragraph;
};

// An image of the layout at a fixed place (parse::ImageTemplate).
struct FixedImage {
    double x = 0, y = 0, width = 0, height = 0;
    int image = 0;  // index into the layout's images
};

using Block = std::variant<TextBlock, Table, FixedBox, FixedImage>;

struct SheetContent {
    std::string outline_title;  // bookmark text
    std::vector<Block> blocks;
    // The Form elements of its approval boxes, in approval order, when every sheet shows the
    // block (<approval on="each-sheet">) in a final document; else empty.
    std::vector<int> approval_nodes;
};

struct DocumentInfo {
    std::string title, author, subject, keywords;
    std::string department;   // bookmark text of the whole department
    std::string fiscal_year;  // printed form, for print job names
    std::int64_t creation_time = 0;
};

// A box of the approval block (決裁欄), in approval order.
struct ApprovalBox {
    std::string name;         // the approver's title, which also names the box's signature field
    std::string description;  // what a reader is told the field is: the block's label and the title
    base::TracedText title;
    int node = -1;          // final documents: the Form element that tags the signature field
};

struct Document {
    DocumentInfo info;
    bool final = false;     // approved: no draft mark, and the approval boxes are signature fields
    std::optional<base::TracedText> draft_mark;  // drafts, when the layout has a mark
    std::vector<ApprovalBox> approval;
    std::string lang;  // the document's natural language (layout's lang), e.g. ja-JP
    Structure structure;
    std::vector<SheetContent> sheets;
    // The footer of a print document: text with {page} and {pages} still open.
    std::optional<base::TracedText> footer;
};

}  // namespace yoshiki::bind
