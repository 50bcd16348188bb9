// Small helpers over libharu's object API shared by the files of the writer: text strings, dates,
// deflated bytes. (libharu's own text and date functions know neither UTF-16 nor a date other
// than the Info dictionary's.)
#pragma once

#include <hpdf.h>
#include <zlib.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace yoshiki::write {

// A PDF text string holding any Unicode text: plain ASCII as a literal string (PDFDocEncoding
// agrees with ASCII), anything else as UTF-16BE with its byte order mark (written in hex).
void* text_string(HPDF_Doc doc, const std::string& utf8);

// Deflated bytes (zlib format, as /FlateDecode reads them). Page content is deflated at zlib's
// default level (it is most of a batch's work); what is written once per document (fonts, the
// colour profile, embedded files), at the best level, where the extra milliseconds buy
// kilobytes. zlib's largest memory level (a bigger hash table, 256 KB more while compressing)
// finds more matches at every level.
std::string deflate(std::string_view in, int level = Z_DEFAULT_COMPRESSION);

// A date as a PDF date string (PDF 32000-1, 7.9.4), in UTC, as libharu writes the Info
// dictionary's: "D:20260401000000Z00'00'".
std::string pdf_date(std::int64_t seconds_since_1970);
// The same date as XMP writes it (ISO 8601): "2026-04-01T00:00:00Z".
std::string iso_date(std::int64_t seconds_since_1970);

}  // namespace yoshiki::write
