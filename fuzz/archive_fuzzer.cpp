// Fuzz target: a PDF from anyone, checked as `yoshiki archive` checks a signed PDF in its input
// folder before it takes it in place of its input (without a trust list, at the fixed time).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "cli/archived_pdf.hpp"
#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace yoshiki;
    std::string_view pdf(reinterpret_cast<const char*>(data), size);
    std::vector<Diagnostic> diags;
    auto taken = cli::take_signed_pdf(fuzz::engine(), "fuzz.pdf", pdf, "", diags, fuzz::fixed_time);
    // A PDF is taken exactly when no finding is an error, and a taken one renders to a department
    // and is signed.
    fuzz::promise(fuzz::check_findings(diags) == !taken);
    if (taken) fuzz::promise(taken->department && !taken->signatures.empty());
    return 0;
}
