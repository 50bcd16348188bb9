// Whose fault an exception is, for the callers of a PdfFile: QPDF reads an object when it is first
// asked for, so damage can be found long after the file was opened, in the middle of a signature's
// check or an archive's verify. What the file is to blame for ends that work as a finding about
// the file; anything else is yoshiki's own fault and is reported as an internal error.
#pragma once

#include <exception>
#include <optional>
#include <stdexcept>
#include <string>

namespace yoshiki::read {

// The file's fault, found while a PDF is read, not a bug: a bound of base/limits.hpp reached, a
// stream that cannot be decoded, or a structure the file states and does not hold (a file
// specification without its file).
struct FileFault : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// What an exception thrown while a PDF is read says of the file ("the file is damaged: …", "not a
// PDF yoshiki reads: …"); nothing when the exception is yoshiki's own fault.
std::optional<std::string> file_fault(const std::exception& e);

}  // namespace yoshiki::read
