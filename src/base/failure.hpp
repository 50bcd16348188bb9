// Why a step could not be done, where the step has one answer rather than many findings: the
// stable code of the finding (base/codes.hpp, docs/diagnostics.md) and the reason in words,
// without the place, which the caller knows and adds when it reports it (Diagnostics). A file
// that cannot be read, a key that cannot sign, a PDF that is refused: the same value everywhere.
#pragma once

#include <string>

#include "base/codes.hpp"

namespace yoshiki::base {

struct Failure {
    Code code = codes::internal_error;
    std::string message;
};

}  // namespace yoshiki::base
