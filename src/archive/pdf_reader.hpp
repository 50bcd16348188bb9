// A PDF read back for `yoshiki extract`, `yoshiki verify` and `yoshiki archive`: its embedded
// files and what a re-rendering needs, in one value, read by the one reader of PDFs
// (read/pdf_file.hpp). A damaged file is refused, never repaired, since a repaired file is not
// the file that was archived.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/failure.hpp"
#include "read/pdf_file.hpp"

namespace yoshiki::archive {

using read::EmbeddedFile;

struct PdfContents {
    std::vector<EmbeddedFile> files;  // in the order of the /EmbeddedFiles name tree
    // The date of the Info dictionary as yoshiki writes it (D:YYYYMMDDHHmmSSZ), and whether the
    // document is tagged.
    std::optional<std::int64_t> created;
    bool tagged = false;
    // Why the PDF could not be read (pdf-unreadable), or a fault of yoshiki's own while it was
    // (internal-error); no files then.
    std::optional<base::Failure> failure;
};

// The embedded files of a PDF held in memory, its date and whether it is tagged.
PdfContents read_embedded_files(std::string_view pdf);

}  // namespace yoshiki::archive
