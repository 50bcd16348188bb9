// A PDF from anyone, read with QPDF within bounds: a signed sheet mailed in is as hostile as any
// input. QPDF reads what it is asked for when it is asked; these bounds are what it does not
// keep itself: revisions, objects, and the size of a stream once decoded (a deflate bomb of a
// kilobyte decodes to gigabytes). Used by every reader of PDFs (sign, verify, archive, extract).
#pragma once

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <cstddef>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace yoshiki::sign {

// Opens the bytes (which must outlive q) in q as they are: no recovery of a damaged cross-reference
// table, warnings kept quiet. The reason, in words, when the file is refused: too many revisions
// or objects (base/limits.hpp). QPDF's own exceptions for a damaged file pass through.
std::optional<std::string> open_bounded(QPDF& q, const std::string& name, std::string_view bytes);

// A bound of base/limits.hpp reached while a PDF is read: the file's fault, not a bug.
struct PdfBoundReached : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A stream's data, decoded; PdfBoundReached when it decodes to more than `limit` bytes, found
// while it decodes, not after.
std::string decoded_data(QPDFObjectHandle stream, std::size_t limit);

// What an exception thrown while a PDF is read says of the file: QPDF reads objects when they
// are first asked for, so a damage found late, or a bound reached, ends the work as a finding
// about the file ("the file is damaged: …"); nothing when the exception is yoshiki's own fault.
std::optional<std::string> file_fault(const std::exception& e);

}  // namespace yoshiki::sign
