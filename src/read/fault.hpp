// Whose fault an exception is, for the callers of a PdfFile: QPDF reads an object when it is first
// asked for, so damage can be found long after the file was opened, in the middle of a signature's
// check or an archive's verify. What the file is to blame for ends that work as a finding about
// the file; anything else is yoshiki's own fault and is reported as an internal error.
#pragma once

#include <exception>
#include <optional>
#include <stdexcept>
#include <string>

#include "base/failure.hpp"

namespace yoshiki::read {

// The file's fault, found while a PDF is read, not a bug: a bound of base/limits.hpp reached, a
// stream that cannot be decoded, or a structure the file states and does not hold (a file
// specification without its file).
struct FileFault : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// An exception thrown while a PDF is read, as a failure: pdf-unreadable with what it says of the
// file ("the file is damaged: …", "not a PDF yoshiki reads: …"), or internal-error ("internal
// error: …") when it is yoshiki's own fault.
base::Failure failure_of(const std::exception& e);

}  // namespace yoshiki::read
