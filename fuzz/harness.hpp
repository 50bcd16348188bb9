// What the fuzz targets share. The input and layout targets run an input and a layout, in memory,
// through the whole pipeline as `yoshiki render` runs it (read, check, typeset, paginate, write
// the PDF and a print document with footers), with the library's promises checked on the way.
// The PDF targets (verify, sign, archive, extract) read a PDF from anyone. Nothing is read from
// disk but the repository's seed files and the fonts under /usr/share/fonts: an input or layout
// naming another file is refused, as a confined engine refuses it. No target writes a file or
// reads the clock: they run at fixed_time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <yoshiki/yoshiki.hpp>

namespace yoshiki::fuzz {

// 2026-12-07 00:00:00 UTC: the time every target runs at, within the validity of the seeds'
// certificates and of the sign target's key.
constexpr std::int64_t fixed_time = 1796601600;

// A broken promise of the library: the fuzzer reports it as a crash, with the input.
void promise(bool kept);

// Checks the promises every finding keeps (a file, a kebab-case code, a message, a place when it
// has a line; never an internal error). True when one is an error.
bool check_findings(const std::vector<Diagnostic>& diags);

// One engine for the whole run, as a server keeps one (its caches are fuzzed too), reading fonts
// only under /usr/share/fonts.
const Engine& engine();

// A file of the repository (the seed input, the goal-sheet layout), read once at start.
std::string repository_file(const std::string& relative);

// The input as fuzz/input.xml, the layout as fuzz/layout.xml (inputs name it layout="layout.xml").
void run(std::string input, std::string layout);

}  // namespace yoshiki::fuzz
