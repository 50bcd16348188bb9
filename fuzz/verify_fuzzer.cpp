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

bool coded_sentences(const std::vector<yoshiki::Diagnostic>& problems) {
    for (const yoshiki::Diagnostic& p : problems) {
        if (p.code.empty() || p.message.empty()) return false;
    }
    return true;
}

// What verify_pdf promises of its report: an unreadable file says why (the command prints the
// first problem), every problem has a code and a sentence, and a signature without a problem
// (which ok() takes as sound) is intact.
void check(const yoshiki::VerifyReport& report) {
    promise(report.readable || !report.problems.empty());
    promise(coded_sentences(report.problems));
    promise(!report.ok() || !report.signatures.empty());
    for (const yoshiki::SignatureReport& s : report.signatures) {
        promise(coded_sentences(s.problems));
        promise(!s.problems.empty() || s.intact);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string pdf(reinterpret_cast<const char*>(data), size);
    check(yoshiki::verify_pdf(pdf, "", yoshiki::fuzz::fixed_time));
    return 0;
}
