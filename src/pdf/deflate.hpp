// Deflate (zlib, linked here only) for the streams of a PDF, whoever writes them: page content
// and fonts (src/write), the objects of a signature's incremental update (src/sign).
#pragma once

#include <string>
#include <string_view>

namespace yoshiki::pdf {

// zlib's levels: -1 its default, 9 its best. Page content is deflated at the default level (it is
// most of a batch's work); fonts, written once per document, at the best, where the extra
// milliseconds buy kilobytes. Throws std::runtime_error when zlib fails (out of memory).
constexpr int default_compression = -1, best_compression = 9;
std::string deflate(std::string_view in, int level = default_compression);

}  // namespace yoshiki::pdf
