// Small helpers over libharu's object API shared by the files of the writer: objects described as
// values (src/pdf), text strings, dates. (libharu's own text and date functions know neither UTF-16
// nor a date other than the Info dictionary's.)
#pragma once

#include <hpdf.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pdf/object.hpp"

namespace yoshiki::write {

// Hands objects described as values (src/pdf) to libharu, in the list's order. made: objects
// already made, by their index in the list (pages name a font before it is complete).
void add_objects(HPDF_Doc doc, const pdf::ObjectList& objects, const std::vector<std::pair<std::size_t, HPDF_Dict>>& made);

// A PDF text string holding any Unicode text: plain ASCII as a literal string (PDFDocEncoding
// agrees with ASCII), anything else as UTF-16BE with its byte order mark (written in hex).
void* text_string(HPDF_Doc doc, const std::string& utf8);

// A date as a PDF date string (PDF 32000-1, 7.9.4), in UTC, as libharu writes the Info
// dictionary's: "D:20260401000000Z00'00'".
std::string pdf_date(std::int64_t seconds_since_1970);
// The same date as XMP writes it (ISO 8601): "2026-04-01T00:00:00Z".
std::string iso_date(std::int64_t seconds_since_1970);

}  // namespace yoshiki::write
