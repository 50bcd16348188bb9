// FormLayout: a form template as read from a layout file (layouts/*.xml). Everything that makes
// a form look like itself (page, fonts, sizes, fixed texts, the table and its spans) is here as
// data; no C++ knows any particular form.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/page.hpp"
#include "base/source.hpp"
#include "base/traced_text.hpp"

namespace yoshiki::parse {

// The page and a cell's vertical alignment are base's (base/page.hpp): pagination places by them.
using base::mm;
using base::PageSpec;
using base::VAlign;

struct FontSpec {
    std::string id;
    std::string path;  // resolved file path
    base::Span span;
};

enum class Align { left, center, right, justify, distribute };

struct Style {
    std::string id;
    std::vector<int> fonts;  // font chain: the style's font, then the layout's fallbacks
    double size = 10.5;
    double line_pitch = 1.5;  // times size
    Align align = Align::left;
    VAlign valign = VAlign::top;
    double indent_em = 0;     // first-line indent (字下げ)
    std::string bullet;       // marker of list items; hangs, wrapped lines align with the text
    double latin_gap_em = 0;  // space between Japanese and Latin runs (和欧間)
    int tate_chu_yoko = 0;    // in a column: numbers of at most this many digits set across it (縦中横)
    // The floors of the fit cascade, for text in a fixed box or a fixed-height row
    // (docs/layout-language.md, "Fixed boxes"): the narrowest 長体 and the smallest size.
    double min_scale = 1;  // condense-to: 0.5 to 1
    double min_size = 0;   // shrink-to, pt; 0: not made smaller
    base::Span span;
};

// A text of the layout with {field/path} references; the binder fills them in.
struct TextTemplate {
    base::TracedText text;
    base::Span span;
};

// What a part of the template is to a reader (docs/layout-language.md, "Roles"): a standard
// structure type of PDF (H1–H6, P, TH, TD), or "artifact" for what is not read at all.
constexpr const char* artifact_role = "artifact";

struct CellTemplate {
    int col_span = 1, row_span = 1;
    bool spans_items = false;  // rows="items" in a repeated row: in the first item's row, spanning them all
    int style = 0;
    std::string role = "TD";  // TH, TD (a table cell), H1–H6, P, or artifact
    std::string scope;        // of a TH: Row, Column or Both
    std::optional<double> fill_gray;  // 0 black .. 1 white
    std::optional<TextTemplate> text; // a one-paragraph cell
    std::string content_field;        // or: a block field (paragraphs and list items)
    base::Span span;
};

struct RowTemplate {
    std::vector<CellTemplate> cells;
    std::string repeat;           // a list field: the row is set once per item of it, in order
    bool header = false;          // repeated at the top of each page the table continues on
    bool keep_with_next = false;  // a heading row never stays alone at the foot of a page
    double height = 0;            // a fixed height, pt (its cells' text is fitted into it); 0: grows
    base::Span span;
};

struct TableTemplate {
    std::vector<double> columns;
    double outer_rule = 1.0, inner_rule = 0.5;
    double pad_x = 0, pad_y = 0;
    double space_before = 0;
    std::vector<RowTemplate> rows;
};

struct ParagraphTemplate {
    int style = 0;
    std::string role = "P";  // H1–H6, P, or artifact
    TextTemplate text;
    double space_before = 0;
};

// A fixed box: a text at a given place and size on the page. It never moves anything else, and
// its text is fitted into it (squeezed, condensed, made smaller, to the style's floors).
struct BoxTemplate {
    double x = 0, y = 0, width = 0, height = 0;  // from the page's left and top edges, pt
    int style = 0;
    std::string role = "P";  // H1–H6, P, or artifact
    double frame = 0;        // the rule drawn around it, pt; 0 draws none
    double pad_x = 0, pad_y = 0;
    bool vertical = false;   // its text set in columns (縦書き), from the right
    TextTemplate text;
    base::Span span;
};

// An image at a fixed place: a PNG the town supplies (the 公印 over the appointer's name). It is
// drawing only, an artifact to a reader; the text it stands over is what is read.
struct ImageTemplate {
    double x = 0, y = 0, width = 0, height = 0;  // from the page's left and top edges, pt
    int image = 0;                               // index into FormLayout::images
    base::Span span;
};

using BlockTemplate = std::variant<ParagraphTemplate, TableTemplate, BoxTemplate, ImageTemplate>;

// An image file a layout names, its path resolved from the layout's folder.
struct ImageSpec {
    std::string path;
    base::Span span;  // the file attribute
};

// What `yoshiki next-year` makes of a field in next year's draft (docs/layout-language.md, "Next
// year"): kept as it is, a fiscal year moved on by one, a template of this year's values
// ({values/target/@year}), or left for the clerk, marked to do, with what to write.
struct NextYearRule {
    enum class Kind { keep, advance, from, todo };
    Kind kind = Kind::keep;
    std::optional<TextTemplate> from;  // Kind::from
    std::optional<TextTemplate> hint;  // Kind::todo: what the clerk is to write, said with this year's values
};

// The attribute an input marks a field to do with (todo="…", what to write): never a field's own.
constexpr const char* todo_attribute = "todo";

// The data a form needs from its input: the schema that inputs are checked against.
struct FieldSpec {
    enum class Kind { text, blocks, group, list };
    Kind kind = Kind::text;
    std::string name;   // element name in the input
    std::string label;  // the name clerks know (指標名), used in messages
    bool required = true;
    bool fiscal_year = false;  // written as 令和5年度 / R5 / 2023, printed in 和暦
    bool date = false;         // written as 2026-05-14 / 令和8年5月14日 / R8.5.14, printed 令和8年5月14日
    bool number = false;       // written as 4200 / 4,200, printed 4,200; empty prints －
    std::vector<std::string> choices;  // type="choice": the options, printed ■ chosen, □ not
    bool kanji = false;  // format="kanji": a number, date or fiscal year printed in 漢数字 (二十五, 令和八年四月一日)
    struct Attribute {
        std::string name, label;
        bool required = true;
        bool fiscal_year = false;
        NextYearRule next_year;
    };
    std::vector<Attribute> attributes;
    NextYearRule next_year;
    std::vector<FieldSpec> children;  // of a group, and of each item of a list
    int max_items = 0;                // of a list: how many items it may have (0: no limit)
};

struct DataSchema {
    std::string root;                 // root element of an input
    std::vector<FieldSpec> shared;    // written once per file
    std::string sheet;                // element of one sheet
    std::string sheet_label;
    std::vector<FieldSpec> per_sheet;
    bool next_year = false;  // some field says what next year's draft makes of it
};

struct MetadataTemplate {
    std::optional<TextTemplate> title, author, subject, keywords;
    std::optional<TextTemplate> department_outline, sheet_outline;
};

// The table of contents a print document opens with (docs/layout-language.md, "<contents>"):
// each department and, under it, each sheet's outline text with the page it starts on, as the
// footer counts pages (within the department).
struct ContentsTemplate {
    std::string title = "目次";
    int title_style = 0, department_style = 0, entry_style = 0, page_style = 0;
    int columns = 1;
    double column_gap = 10 * mm;
    base::Span span;  // the element, for findings about the table as a whole
};

struct PrintTemplate {
    std::optional<TextTemplate> footer;  // {page} and {pages} count within the department
    int footer_style = 0;
    double footer_bottom = 6 * mm;  // from the page's bottom edge to the foot of the footer's line
    std::optional<ContentsTemplate> contents;
};

// The page template (docs/layout-language.md, "The page template"): what is drawn at a fixed place
// of a page rather than in the flow. Content that would meet it moves below it.

// The mark of a draft (案): its text in a frame, on every page of a draft, where the layout puts it.
struct DraftMarkTemplate {
    TextTemplate text;
    int style = 0;
    double right = 20 * mm, top = 6 * mm;  // from the page's right and top edges to the frame
    double frame = 0.8;                    // the frame's rule width, pt; 0 draws none
    double padding = 1 * mm;               // between the frame and the text
    double clearance = 2 * mm;             // between the frame and content moved below it
    base::Span span;
};

// The approval block (決裁欄): one box per approver, in the order they approve, each a title row
// over the space for a stamp; on a department's first page, or on the first page of each of its
// sheets (a 辞令: every letter carries the 町長's box). In a final document each box is a
// signature field named by the title; on each sheet, by the title and the sheet's number (町長.3),
// each signed in turn.
struct ApprovalTemplate {
    struct Approver {
        TextTemplate title;  // 課長
        base::Span span;
    };
    std::vector<Approver> approvers;
    std::string label;  // what the block is called (決裁欄): a field is described as "label title"
    bool right_to_left = false;  // the first approver's box is the rightmost (決裁 reads from the right)
    bool each_sheet = false;     // drawn on each sheet's first page, not only the document's
    double right = 20 * mm, top = 15 * mm;  // from the page's right and top edges to the block
    double box_width = 14 * mm, title_height = 4.5 * mm, stamp_height = 14 * mm;
    double outer_rule = 0.8, inner_rule = 0.4;
    double clearance = 2 * mm;
    int title_style = 0;
    int stamp_style = 0;                // the stamp's text (日付印): its font and largest size
    double stamp_color[3] = {0.8, 0, 0};  // RGB, 0 to 1
    base::Span span;

    double width() const { return box_width * static_cast<double>(approvers.size()); }
    double height() const { return title_height + stamp_height; }
};

struct FormLayout {
    base::SourcePtr source;
    std::string name;
    std::string lang = "ja-JP";  // the natural language of the form's text (BCP 47), for readers
    PageSpec page;
    std::vector<FontSpec> fonts;
    std::vector<ImageSpec> images;  // each file once, in the order first named
    std::vector<Style> styles;
    DataSchema schema;
    MetadataTemplate metadata;
    PrintTemplate print;
    std::optional<DraftMarkTemplate> draft_mark;
    std::optional<ApprovalTemplate> approval;
    std::vector<BlockTemplate> body;  // set once per sheet
};

}  // namespace yoshiki::parse
