// Fuzz target: a PDF from anyone, verified as `yoshiki verify` verifies it (without a trust list:
// the chains are not checked), at the fixed time.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <yoshiki/sign.hpp>

#include "harness.hpp"

namespace {

using yoshiki::fuzz::promise;

bool sentences(const std::vector<std::string>& problems) {
    for (const std::string& p : problems) {
        if (p.empty()) return false;
    }
    return true;
}

// What verify_pdf promises of its report: an unreadable file says why (the command prints the
// first problem), every problem is a sentence, and a signature without a problem (which ok()
// takes as sound) is intact and its certificate could sign.
void check(const yoshiki::VerifyReport& report) {
    promise(report.readable || !report.problems.empty());
    promise(sentences(report.problems));
    promise(!report.ok() || !report.signatures.empty());
    for (const yoshiki::SignatureReport& s : report.signatures) {
        promise(sentences(s.problems));
        promise(!s.problems.empty() || (s.intact && s.certificate_problem.empty()));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string pdf(reinterpret_cast<const char*>(data), size);
    check(yoshiki::verify_pdf(pdf, "", yoshiki::fuzz::fixed_time));
    return 0;
}
