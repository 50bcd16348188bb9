// A font of a signature's appearance as objects of an incremental update: Type0 / Identity-H over a
// CID font whose program is the subset of the glyphs the stamp draws, with its widths and ToUnicode
// map (PDF 32000-1, 9.7; the same dictionaries the document writer makes for the page's fonts).
#pragma once

#include "sign/incremental_update.hpp"
#include "write/font_embedding.hpp"

namespace yoshiki::sign {

// The Type0 font's reference.
read::ObjectRef add_font(IncrementalUpdate& update, const write::FontEmbedding& font);

}  // namespace yoshiki::sign
