// What both fuzz targets run: an input and a layout, in memory, through the whole pipeline as
// `yoshiki render` runs it (read, check, typeset, paginate, write the PDF and a print document
// with footers), with the library's promises checked on the way. Nothing is read from disk but
// the fonts under /usr/share/fonts: an input or layout naming another file is refused, as a
// confined engine refuses it.
#pragma once

#include <string>

namespace yoshiki::fuzz {

// A file of the repository (the seed input, the goal-sheet layout), read once at start.
std::string repository_file(const std::string& relative);

// The input as fuzz/input.xml, the layout as fuzz/layout.xml (inputs name it layout="layout.xml").
void run(std::string input, std::string layout);

}  // namespace yoshiki::fuzz
