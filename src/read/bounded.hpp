// A PDF from anyone, read with QPDF within bounds: a signed sheet mailed in is as hostile as any
// input. QPDF reads what it is asked for when it is asked; these bounds are what it does not
// keep itself: revisions, objects, and the size of a stream once decoded (a deflate bomb of a
// kilobyte decodes to gigabytes). Inside the reader (src/read/) only: the other stages see QPDF
// through PdfFile, never its types.
#pragma once

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "read/fault.hpp"

namespace yoshiki::read {

// Opens the bytes (which must outlive q) in q as they are: no recovery of a damaged cross-reference
// table, warnings kept quiet. The reason, in words, when the file is refused: too many revisions
// or objects (base/limits.hpp). QPDF's own exceptions for a damaged file pass through.
std::optional<std::string> open_bounded(QPDF& q, const std::string& name, std::string_view bytes);

// A stream's data, decoded; FileFault when it cannot be decoded, or decodes to more than `limit`
// bytes, found while it decodes, not after.
std::string decoded_data(QPDFObjectHandle stream, std::size_t limit);

}  // namespace yoshiki::read
