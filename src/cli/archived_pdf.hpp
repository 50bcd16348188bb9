// A yoshiki PDF read back by the archive: its embedded input and layout rendered again (verify
// --rerender), and a signed PDF checked before archive takes it as it is, in place of its input
// (docs/archive.md, "Signed sheets").
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yoshiki/yoshiki.hpp>

#include "archive/manifest.hpp"
#include "archive/pdf_reader.hpp"

namespace yoshiki::cli {

// An embedded file is intact when its /CheckSum is the MD5 of its bytes and /Size their length.
bool intact(const archive::EmbeddedFile& file);

// A name from a PDF that may be used as a file name in a folder: a base name only.
bool safe_name(const std::string& name);
// A path of plain names under the extraction folder (images/chou-seal.png): a layout's image.
bool safe_relative_name(const std::string& name);

// The first embedded file of the relationship (Source: the input, Data: the layout), or null.
const archive::EmbeddedFile* find_file(const archive::PdfContents& pdf, const char* relationship);

struct Rendered {
    std::shared_ptr<const Department> department;
    std::string pdf;
    std::string error;  // why it could not be rendered; empty when it was
};

// Renders the input and layout embedded in a PDF again, from memory, under the names they are
// embedded with (the PDF names them so again), with the given date and tagging.
Rendered render_embedded(const Engine& engine, const archive::PdfContents& contents, std::optional<std::int64_t> created,
                         bool tagged);

// A signed PDF as archive takes it: the department its embedded source renders to (for the
// print document and the manifest) and what its signatures are.
struct SignedPdf {
    std::shared_ptr<const Department> department;
    std::vector<archive::SignatureEntry> signatures;
    std::vector<std::string> unsigned_boxes;
};

// Checks a PDF before archive stores it byte for byte: made by yoshiki, its input and layout
// embedded and intact, signed, every signature intact with nothing after it but further
// signatures (and, with trust_pem, every signer's chain trusted), and its first revision exactly
// what its embedded source renders to with this yoshiki and these fonts, so that the manifest's
// facts are true of it. A signature no timestamp dates is judged at `now` (seconds since 1970).
// Null with the reasons in diags, each naming the file.
std::optional<SignedPdf> take_signed_pdf(const Engine& engine, const std::string& path, std::string_view pdf,
                                         const std::string& trust_pem, std::vector<Diagnostic>& diags, std::int64_t now);

}  // namespace yoshiki::cli
