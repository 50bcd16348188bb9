// Associated files (PDF/A-3, ISO 19005-3, 6.8 and Annex E; PDF 2.0's /AF): the files a document
// was made from, embedded byte for byte, so that an archived sheet is at once its picture and its
// data. Each is listed in the catalog's /AF (what PDF/A-3 asks) and in the /EmbeddedFiles name
// tree (what viewers and pdfdetach show).
#pragma once

#include <hpdf.h>

#include <cstdint>
#include <string>
#include <vector>

namespace yoshiki::write {

struct AssociatedFile {
    std::string name;          // as listed and extracted: a base name (an image: its path from the layout's folder)
    std::string bytes;         // the file exactly as it was read
    std::string mime_type;     // "application/xml"
    std::string relationship;  // /AFRelationship: Source (the input), Data (the layout) …
    std::string description;   // /Desc, in words
    std::string md5;           // the 16 bytes of /CheckSum (PDF 32000-1, 7.11.4: MD5 of the bytes)
};

// Embeds the files and lists them in the catalog. mod_date: each file's /ModDate, the document's
// own date (never the clock, so that the same sources give the same PDF).
void embed_files(HPDF_Doc doc, const std::vector<AssociatedFile>& files, std::int64_t mod_date);

}  // namespace yoshiki::write
