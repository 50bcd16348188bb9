// Reading a PDF back, with QPDF (this stage alone uses it): the files embedded in an archived
// PDF, for `yoshiki extract` and `yoshiki verify`. QPDF reads any PDF robustly; a damaged one is
// refused, never repaired, since a repaired file is not the file that was archived.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yoshiki::archive {

struct EmbeddedFile {
    std::string name;          // as the file specification names it (/UF, else /F)
    std::string relationship;  // /AFRelationship without its slash: Source, Data …
    std::string mime_type;
    std::string bytes;
    std::string checksum;    // /Params /CheckSum as stored: the MD5 of the bytes, if intact
    std::size_t stated_size = 0;  // /Params /Size
};

struct PdfContents {
    std::vector<EmbeddedFile> files;  // in the order of the /EmbeddedFiles name tree
    // What a re-rendering needs to make the same bytes: the date of the Info dictionary as
    // yoshiki writes it (D:YYYYMMDDHHmmSSZ), and whether the document is tagged.
    std::optional<std::int64_t> created;
    bool tagged = false;
    std::string error;                // why the PDF could not be read; empty when it was
};

// The embedded files of a PDF held in memory, its date and whether it is tagged. `name` names it in QPDF's messages.
PdfContents read_embedded_files(const std::string& name, std::string_view pdf);

}  // namespace yoshiki::archive
