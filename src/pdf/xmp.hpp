// The document's metadata as XMP (ISO 16684-1), the packet a PDF carries in its catalog's
// /Metadata: the same title, author, dates and producer as the Info dictionary, what the
// document claims to conform to (PDF/A-3, and PDF/UA-1 when it is tagged), and yoshiki's own
// properties, declared by a PDF/A extension schema as ISO 19005-3 (6.6.2.3) asks of any property
// outside the schemas it predefines.
#pragma once

#include <string>

namespace yoshiki::pdf {

struct XmpFields {
    std::string title, author, subject, keywords;
    std::string producer, creator_tool;
    std::string create_date;  // ISO 8601, "2026-04-01T00:00:00Z"
    std::string lang;         // the document's language, e.g. ja-JP
    bool pdfua = false;       // claims PDF/UA-1 (pdfuaid:part 1)
    char pdfa = 0;            // claims PDF/A-3 at this level: 'A' (tagged) or 'B'; 0: no claim
    // yoshiki's properties (namespace yoshiki_namespace): empty ones are left out.
    std::string fiscal_year;    // as printed, 令和8年度
    std::string department;     // 総務課
    std::string source_sha256;  // of the input embedded in the document
    // The document's status, "draft" (案) or "final", as xmp:Label (the XMP basic schema's word
    // for a document's place in a workflow); empty for a print document of many departments.
    std::string label;
};

// The namespace of yoshiki's own XMP properties.
extern const char* const yoshiki_namespace;

std::string xmp_packet(const XmpFields& fields);

}  // namespace yoshiki::pdf
