// The PDF writer: PagedDocument → PDF bytes with libharu (the only stage that uses libharu).
// Fonts are Type0/Identity-H with one CID per (glyph, source text) pair, so that what HarfBuzz
// chose is drawn and the ToUnicode map gives back the source text exactly, even where one glyph
// serves several code points (〜 and ～) or one cluster is several code points (葛󠄀).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "paginate/paged_document.hpp"
#include "write/attachments.hpp"

namespace yoshiki::write {

struct WriteOptions {
    std::string creator;  // "yoshiki 0.1.0"
    // A tagged PDF (PDF/UA-1): structure tree, marked content, ActualText where glyph positions
    // would mislead a text extractor. Off only to measure what tagging costs.
    bool tagged = true;
    bool combined = false;  // a print document: a bookmark per department, page labels
    bool duplex = false;    // with combined: each part starts on an odd page
    // Title, author, subject of a combined document (a single one takes its part's).
    bind::DocumentInfo combined_info;
    // PDF/A-3 (pdfa.hpp): an output intent and the identification, level a when tagged, else b.
    // Off only to measure what it costs.
    bool pdfa = true;
    // The files the document was made from, embedded (attachments.hpp), and the SHA-256 of its
    // input, which its XMP records.
    std::vector<AssociatedFile> associated_files;
    std::string source_sha256;
};

// Builds one PDF from parts (one department each) added in order. A part's pages are turned
// into compressed content as it is added, so the part itself can be freed at once: a batch of
// ten thousand sheets holds only the compressed pages. Throws std::runtime_error on a failure of
// the library (out of memory), never on input: inputs were checked before they got here.
class PdfBuilder {
public:
    explicit PdfBuilder(const WriteOptions& options);
    ~PdfBuilder();
    PdfBuilder(const PdfBuilder&) = delete;
    PdfBuilder& operator=(const PdfBuilder&) = delete;

    void add_part(const paginate::PagedDocument& part);
    // A part that goes before all parts added so far (a print document's table of contents,
    // which is known only when they are in): its links' targets count the pages added before.
    void add_front_part(const paginate::PagedDocument& part);
    int page_count() const;
    // The title, subject … of a combined document, when they are known only at the end.
    void set_info(const bind::DocumentInfo& info);
    std::string finish();

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

// A single department: its own title, author and bookmarks per sheet.
std::string write_pdf(const paginate::PagedDocument& doc, const WriteOptions& options);

}  // namespace yoshiki::write
