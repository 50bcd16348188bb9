// Limits against hostile or mistaken input, in one place (as HarfBuzz keeps hb-limits.hh).
// Each limit, when hit, is a diagnostic, never a crash or an endless run, and each is checked
// before the work it bounds. docs/input-format.md lists them for the people who write inputs.
#pragma once

#include <cstddef>

namespace yoshiki::base::limits {

// A department file is a few kilobytes; 16 MiB is far beyond any real one. Checked from the
// file's size before it is read, and again while reading, so that a growing file stops there.
constexpr std::size_t max_file_bytes = 16u << 20;
// A font file: IPAmj明朝, the largest font yoshiki is meant for, is 46 MB. Fonts are mapped,
// not read, so this bounds address space rather than memory.
constexpr std::size_t max_font_bytes = 128u << 20;
// A file of an archive (a PDF, its manifest) read back by extract and verify: the print document
// of 10,000 sheets is some 26 MB; mapped, not read.
constexpr std::size_t max_archived_bytes = 1u << 30;
// A PDF to sign or verify: a department's is some 120 KB, a print document of ten thousand sheets
// some 30 MB; it is read whole, and held two or three times while a signature is made.
constexpr std::size_t max_pdf_bytes = 256u << 20;
// Revisions of a PDF read back: a signed sheet has one per approver and one written with it; a
// hundred is beyond any form, and each signed revision is read again to compare what it showed.
constexpr std::size_t max_pdf_revisions = 100;
// Objects of a PDF read back: a tagged sheet takes some 80, so a print document of 10,000 sheets
// some 800,000; QPDF keeps some 100 bytes for each entry of the cross-reference table.
constexpr std::size_t max_pdf_objects = 2'000'000;
// A stream of a PDF read back, decoded: the embedded input and layout are at most max_file_bytes
// each, the XMP a few kilobytes.
constexpr std::size_t max_pdf_stream_bytes = 2 * max_file_bytes;
// Direct objects nested in one another, when what a revision shows is compared with the one before.
constexpr std::size_t max_pdf_nesting = 64;
// Elements and attributes of one file, counted as the '<' and '=' of its text before it is
// parsed (a '=' in text counts too: the bound is generous). The largest department file allowed
// (1,000 sheets) needs some 30,000; the XML parser spends some 50 bytes of memory on each, so
// this keeps a file's tree under 10 MB whatever its shape.
constexpr std::size_t max_markup = 200'000;
// One field of text: a long paragraph is 1,000 characters; 100,000 bytes leaves room.
constexpr std::size_t max_text_bytes = 100'000;
// One character and the marks that combine with it (a cluster): Unicode's stream-safe text (UAX
// #15) allows 30 marks in a row, Japanese needs one (a kana's sound mark, a kanji's variation
// selector). 49,000 marks on one letter are no text, and the PDF's text map cannot hold them.
constexpr std::size_t max_cluster_chars = 32;
// Sheets in one department file.
constexpr std::size_t max_sheets = 1'000;
// Paragraphs and list items in one department file: 1,000 sheets of 20 each.
constexpr std::size_t max_paragraphs = 20'000;
// Pages of one department document: more means runaway input.
constexpr std::size_t max_pages = 2'000;
// Element and attribute names: yoshiki's are words (department, sheet-outline); a name is quoted in
// messages, and one of megabytes must not make messages of megabytes.
constexpr std::size_t max_name_bytes = 256;
// Nesting depth of elements in an input or layout.
constexpr std::size_t max_depth = 32;
// Fonts one layout declares: a form uses two or three; each is opened for every document.
constexpr std::size_t max_fonts = 32;
// Findings listed per file: past this many a clerk reads no further, and a file of a million
// mistakes must not cost a million messages. The rest are counted in one closing line.
constexpr std::size_t max_diagnostics_per_file = 100;

// yoshiki serve: the largest request body (a sheet's values as JSON, a few kilobytes; a department
// file of a hundred sheets is some 300 KB), and so the largest file the editor opens.
constexpr std::size_t max_request_bytes = 4u << 20;
// yoshiki serve: the saves kept of each file (its history), and the files listed in the editor.
constexpr std::size_t max_history_saves = 20;
constexpr std::size_t max_listed_files = 10'000;
// yoshiki serve: rendered previews kept in memory (PDFs and their page images), all clients together.
constexpr std::size_t max_preview_cache_bytes = 64u << 20;

}  // namespace yoshiki::base::limits
