// One font as a PDF embeds it (Type0 / Identity-H, PDF 32000-1, 9.7): the CIDs handed out for
// its (glyph, source text) pairs and, once the document is complete, the subset font program,
// the glyph widths and the ToUnicode map. No PDF objects here: the document writer (libharu) and
// a signature's incremental update each make their own objects from these.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "paginate/paged_document.hpp"
#include "text/font.hpp"

namespace yoshiki::write {

class FontEmbedding {
public:
    explicit FontEmbedding(const text::Font& font) : font_(&font) {}

    const text::Font& font() const { return *font_; }

    // The CID of a glyph that stands for text: one CID per distinct pair, so that the ToUnicode
    // map gives back the source text exactly even where one glyph serves two characters (〜 and
    // ～) or one character is two code points (葛󠄀). New CIDs are handed out in call order.
    std::uint16_t cid(std::uint32_t gid, std::string_view text);
    std::size_t cid_count() const { return cid_gid_.size(); }

    // A glyph's advance in thousandths of an em, rounded as /W records it, so that the pen of a
    // content stream advances exactly as a viewer moves it.
    static double width(const text::Font& font, std::uint32_t gid);

    struct Program {
        std::string bytes;       // the subset font program
        bool cff = false;        // CFF outlines (/CIDFontType0, /FontFile3 /OpenType), else TrueType
        std::string cid_to_gid;  // two bytes per CID; empty when the CIDs are the glyph ids
    };
    // The subset of the glyphs handed out so far. Throws std::runtime_error when the font cannot
    // be subset.
    Program program() const;
    // The ToUnicode CMap: each CID to the exact source text of its glyph (PDF 32000-1, 9.10.3).
    std::string to_unicode_cmap() const;
    // /W: runs of consecutive CIDs whose width is not the default of 1000, as (first, widths).
    std::vector<std::pair<int, std::vector<int>>> widths() const;
    // Vertical metrics (縦書き), in thousandths of an em as /W2 and /DW2 record them: a glyph's
    // advance down (positive) and its vertical origin from its horizontal one. The default is the
    // advance and origin most CIDs share; the runs list the CIDs that differ from it (a vertical
    // origin's x other than half the glyph's width counts as differing).
    struct VerticalDefault {
        int advance = 1000, origin_y = 880;
    };
    struct VerticalRun {
        int first = 0, last = 0;
        int advance = 1000, origin_x = 500, origin_y = 880;
    };
    VerticalDefault vertical_default() const;
    std::vector<VerticalRun> vertical_metrics() const;
    static double vertical_advance(const text::Font& font, std::uint32_t gid);

    // "ABCDEF+IPAexMincho": a subset tag derived from the glyphs, so identical subsets get
    // identical names and the same document gives the same bytes.
    std::string base_font() const;

private:
    const text::Font* font_;
    std::unordered_map<std::string, std::uint16_t> cids_;  // key: 4 bytes gid + source text
    std::vector<std::uint32_t> cid_gid_{0};                // CID → glyph id of the font (0: .notdef)
    std::vector<std::string> cid_text_{""};
};

// Hands out the CIDs of the new (glyph, text) pairs of some runs in glyph order, so that a subset
// keeps the font's own order of glyphs (similar outlines side by side deflate well), and returns
// the CID of every glyph, run after run. by_font[run.font] is the embedding of a run's font.
std::vector<std::uint16_t> number_glyphs(const std::vector<const paginate::GlyphRun*>& runs,
                                         const std::vector<FontEmbedding*>& by_font);

}  // namespace yoshiki::write
