// The document's metadata as XMP (ISO 16684-1), the packet a PDF carries in its catalog's
// /Metadata: the same title, author, dates and producer as the Info dictionary, and what the
// document claims to conform to (PDF/UA-1 when it is tagged).
#pragma once

#include <string>

namespace yoshiki::write {

struct XmpFields {
    std::string title, author, subject, keywords;
    std::string producer, creator_tool;
    std::string create_date;  // ISO 8601, "2026-04-01T00:00:00Z"
    std::string lang;         // the document's language, e.g. ja-JP
    bool pdfua = false;       // claims PDF/UA-1 (pdfuaid:part 1)
};

std::string xmp_packet(const XmpFields& fields);

// Text for XML: & < > escaped.
std::string xml_escape(const std::string& s);

}  // namespace yoshiki::write
