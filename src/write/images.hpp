// The layout's images (PNG) in a PDF: checked before a document is made, so that the writer never
// meets one libharu cannot read, and embedded once per document as image XObjects.
#pragma once

#include <string>
#include <string_view>

namespace yoshiki::write {

// What keeps a file from being embedded as an image ("is not a PNG", "is interlaced" …), or
// empty when it can be: a PNG of at most 8 bits per channel, not interlaced, at most 10,000
// pixels a side, whose IHDR is whole.
std::string png_problem(std::string_view bytes);

}  // namespace yoshiki::write
