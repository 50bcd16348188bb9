// Making a department's PDF in memory, for render, check and batch alike: check makes it too and
// throws it away, so that it opens and subsets the fonts exactly as render does.
#pragma once

#include <optional>
#include <string>

#include <yoshiki/yoshiki.hpp>

namespace yoshiki::cli {

// The PDF of a prepared department (footer: as a print document with page footers), or nullopt
// with the finding of why it cannot be made (a font the subsetter refuses, say) in *failure.
std::optional<std::string> make_pdf(const Engine& engine, const Department& department, bool footer,
                                    const std::string& input, Diagnostic& failure);

}  // namespace yoshiki::cli
