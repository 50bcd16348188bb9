// A subset font's objects as the PDF needs them (PDF 32000-1, 9.7 and 9.8): a Type0 font over one
// CIDFont (CIDFontType2 for TrueType outlines, CIDFontType0 for CFF), its descriptor and program,
// its widths and ToUnicode map. Described once, as values: the writer hands them to libharu, a
// signature's update (src/sign) writes them as text.
#pragma once

#include "pdf/object.hpp"
#include "write/font_embedding.hpp"

namespace yoshiki::write {

// The objects, the Type0 font first (the one pages name); the others follow in the order a file
// holds them. vertical: the font is also set in columns (縦書き): its CIDFont gets its vertical
// metrics (/W2, /DW2), and a second Type0 over the same CIDFont with /Encoding /Identity-V comes
// last, so that both writing modes share one subset and one ToUnicode map.
pdf::ObjectList font_objects(const FontEmbedding& embedding, bool vertical = false);

}  // namespace yoshiki::write
