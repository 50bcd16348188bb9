// The layout's images (PNG, JPEG) in a PDF: checked before a document is made, so that the writer
// never meets one libharu cannot read, and embedded once per document as image XObjects.
#pragma once

#include <string>
#include <string_view>

namespace yoshiki::write {

enum class ImageKind { png, jpeg, other };
ImageKind image_kind(std::string_view bytes);

// What keeps a file from being embedded as an image ("is not a PNG or JPEG", "is interlaced" …),
// or empty when it can be: a PNG of at most 8 bits per channel, not interlaced, whose IHDR is
// whole; a baseline or progressive JPEG of 1, 3 or 4 components; at most 10,000 pixels a side.
std::string image_problem(std::string_view bytes);

}  // namespace yoshiki::write
