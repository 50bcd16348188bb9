// yoshiki: renders official Japanese forms (様式) from XML sheet definitions to PDF.
// The public API: one Engine per process holds the fonts; each call validates or renders a file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// What the shared library exports: the declarations of this header and nothing else (the engine
// is built with -fvisibility=hidden, so its stages stay internal to libyoshiki).
#ifndef YOSHIKI_API
#if defined(__GNUC__) || defined(__clang__)
#define YOSHIKI_API __attribute__((visibility("default")))
#else
#define YOSHIKI_API
#endif
#endif

namespace yoshiki {

// The version printed by `yoshiki --version` and written as the PDF Creator.
YOSHIKI_API const char* version();

// One finding about an input, layout or font file, located as a clerk would look for it.
struct YOSHIKI_API Diagnostic {
    enum class Severity { error, warning };
    // The offset of a finding about a whole file (one that cannot be read, say).
    static constexpr std::size_t whole_file = static_cast<std::size_t>(-1);

    Severity severity = Severity::error;
    std::string file;  // path as given on the command line
    int line = 0;      // 1-based; 0 when the finding concerns the whole file
    int column = 0;    // 1-based, in characters (not bytes)
    std::size_t offset = whole_file;  // 0-based byte offset in the file as read
    std::string code;  // stable kind of finding, e.g. "unknown-element" (docs/diagnostics.md)
    std::string message;
    std::string hint;  // optional second line

    // "file:line:column: error: message" and, when there is a hint, "  hint: ..." on a second line.
    std::string format() const;
};

// Folders an Engine may read from, for a server that must not read whatever a request names. A
// path outside them (after resolving ".." and symbolic links) is refused with a clear message.
// Unset: anywhere; an empty list: nowhere on disk (files may still come from memory).
struct EngineOptions {
    std::optional<std::vector<std::string>> input_folders, layout_folders, font_folders;
    // Where a layout named by name (layout="goal-sheet") is looked for after the input's own
    // folder, as NAME.xml. Unset: the folders of YOSHIKI_LAYOUT_PATH (colon-separated), then the
    // share/yoshiki/layouts installed beside the program, then, for a program run from yoshiki's
    // build folder, the source tree's layouts/. With layout_folders set, those folders are
    // the search path instead.
    std::optional<std::vector<std::string>> layout_search_path;
};

struct RenderOptions {
    // Overrides the layout named by the input: a path, or a name looked up as the input's is.
    std::optional<std::string> layout_path;
    std::optional<std::int64_t> creation_time; // seconds since 1970; default: SOURCE_DATE_EPOCH or the input's own date
    // A tagged PDF (PDF/UA-1): structure tree, marked content, text that copies back as written.
    // Off only to measure what tagging costs (bench/render).
    bool tagged = true;
    // PDF/A-3 (3a when tagged, else 3b) with the input and the layout embedded byte for byte, so
    // that the PDF is its own archive (docs/archive.md). Off only to measure what it costs
    // (bench/render).
    bool pdfa = true;
};

// One sheet as it appears in a rendered department: used for bookmarks, reports and the editor.
struct SheetEntry {
    std::string title;  // the sheet's bookmark text (the layout's outline field, e.g. 目標名)
    int first_page = 0; // 0-based page index within its department
    // How many pages the sheet takes. A form meant to fit one page (the goal sheet) has spilt
    // onto the next when this is more than 1: the editor warns.
    int pages = 1;
    // How full the sheet's last page is: the part of the text area between the top and bottom
    // margins that its content takes, from 0 to 1. On a one-page sheet, the room left.
    double fullness = 0;
};

// A department file after typesetting, ready to be written alone or into a combined document.
struct Department;

// A font a department was set in, as an archive's manifest records it.
struct FontInfo {
    std::string path;
    std::string name;     // PostScript name, IPAexMincho
    std::string version;  // the font's own version string (name ID 5), Version 003.01
};

// What the fit cascade did to the text of one fixed box, or of a cell of a fixed-height row
// (docs/layout-language.md, "Fixed boxes"): `yoshiki check --fit-report` lists them.
struct BoxFitEntry {
    std::string label;       // the field's label (開示請求に係る公文書の名称); empty: a text of the layout
    std::string file;        // where its value was written (else the layout's box)
    int line = 0, column = 0;
    int page = 0;            // 1-based, within the department
    bool squeezed = false;   // 追い込み: punctuation squeezed throughout
    double scale = 1;        // 長体: the glyphs' width, 1 = as designed
    double size = 0;         // the text size set at, pt
    bool smaller = false;    // smaller than its style's size
    int lines = 0, max_lines = 0;
    double fullness = 0;     // the part of the box's height the text takes, 0..1
};

struct DepartmentInfo {
    std::string input_path;
    std::string input_sha256;  // of the input as read
    std::string layout_path;
    std::string layout_name;  // the form's name, 目標設定書
    std::string layout_sha256;
    std::vector<FontInfo> fonts;  // the layout's, in its order
    std::int64_t creation_time = 0;  // the PDF's date (seconds since 1970)
    std::string conformance;  // "PDF/A-3a", "PDF/A-3b", or empty
    std::string name;        // bookmark text of the department (layout's outline pattern)
    std::string fiscal_year; // as printed, e.g. 令和8年度
    int pages = 0;
    std::vector<SheetEntry> sheets;
    std::vector<BoxFitEntry> boxes;  // every fixed box and fixed row's cell, in page order
};

struct PrintOptions {
    bool footer = true;   // the layout's print footer (department and page number)
    bool duplex = false;  // each department starts on an odd page
    // A print document is made for paper and may hold thousands of sheets: it is not tagged
    // unless asked (each structure element costs libharu about a kilobyte of memory).
    bool tagged = false;
};

// `yoshiki import`: the text a town publishes of its sheets, read back into inputs.
struct ImportOptions {
    std::string layout = "goal-sheet";  // the layout the sheets were printed from: a name or a file
    std::string status = "final";       // published sheets are approved ones
};

// One input an import makes: a department's sheets, ready to be written as a file.
struct ImportedInput {
    std::string department;  // as its bookmark names it (総務課)
    std::string xml;         // the input file's bytes
    int sheets = 0;
};

// `yoshiki next-year`: next year's draft of this year's final input.
struct NextYearDraft {
    std::string xml;  // the draft's bytes: the input as it was, changed where its layout says
    int todo = 0;     // fields left for the clerk to write, marked todo="…"
};

class YOSHIKI_API Engine {
public:
    Engine();
    explicit Engine(const EngineOptions& options);
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // Reads, validates and typesets one sheet definition. Null when it has errors; all
    // findings (errors and warnings) are appended to diags.
    std::shared_ptr<const Department> prepare(const std::string& input_path, const RenderOptions& options,
                                              std::vector<Diagnostic>& diags) const;

    // The same for an input held in memory (an editor's): `name` names it in diagnostics, and a
    // relative layout path it names is resolved against name's folder (a layout named by name
    // is looked for there first). `files` holds further
    // files by path that are read from memory instead of disk (a layout being edited, say).
    std::shared_ptr<const Department> prepare_from_memory(const std::string& name, std::string bytes,
                                                          const RenderOptions& options, std::vector<Diagnostic>& diags,
                                                          const std::map<std::string, std::string>& files = {}) const;

    // Writes one department alone. Returns the PDF bytes.
    std::string write_pdf(const Department& department) const;

    // The facts about a prepared department.
    static DepartmentInfo info(const Department& department);

    // The bytes of a prepared department's input and of its layout, exactly as they were read
    // (before any decoding): what an archive embeds. Valid as long as the department lives.
    static std::string_view input_bytes(const Department& department);
    static std::string_view layout_bytes(const Department& department);

    // Reads a published text (UTF-8) against the layout its sheets were printed from: one input
    // per department, in the order they first come. Empty, with the reasons in diags (at their
    // line and column of the text, or of the layout), when any line is not what the layout
    // prints there.
    std::vector<ImportedInput> import_text(const std::string& text_path, const ImportOptions& options,
                                           std::vector<Diagnostic>& diags) const;

    // Next year's draft of a final input, as its layout's next-year rules make it: the fiscal
    // year moved on, status="draft", its date taken away, what the clerk must write marked to do
    // (yoshiki check lists it), everything else (comments too) as it was. Nullopt, with the
    // reasons in diags, when the input has errors, is a draft, or its layout declares no rule.
    std::optional<NextYearDraft> next_year(const std::string& input_path, std::vector<Diagnostic>& diags) const;

    // The SHA-256 of a font file the engine has opened (computed once per process).
    std::string font_sha256(const std::string& path) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// One print document of many departments, with a bookmark per department and sheet, page
// labels, and each font embedded once. Departments are added in print order; each can be freed
// as soon as it is added.
class YOSHIKI_API PrintDocument {
public:
    explicit PrintDocument(const PrintOptions& options);
    ~PrintDocument();
    PrintDocument(const PrintDocument&) = delete;
    PrintDocument& operator=(const PrintDocument&) = delete;

    void add(const Department& department);
    int pages() const;
    std::string finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Writes bytes to path through a temporary file in the same folder and a rename, so that a
// failed write leaves no file and never damages an existing one; "-" is standard output. A path
// that is a folder, a device, a FIFO or a socket is refused, and so is one that is any file
// `read_from` was made from (its input, layout or fonts, however the path is spelt); a symbolic
// link is written through to its target and stays a link. Returns nullopt when written, else a
// finding about the path (codes output-is-input, output-not-regular, output-failed).
YOSHIKI_API std::optional<Diagnostic> write_output(const std::string& path, const std::string& bytes,
                                                   const Department* read_from = nullptr);

}  // namespace yoshiki
