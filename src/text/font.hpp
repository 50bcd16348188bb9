// Fonts: one font file, opened once per process and shared read-only by every sheet and thread.
// FreeType reads the names and metrics a PDF font descriptor needs; HarfBuzz holds the face for
// shaping, coverage and subsetting. Nothing outside src/text sees either library. A font is
// opened from bytes the driver mapped (src/io): this stage reads no file.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/failure.hpp"

namespace yoshiki::text {

struct FontMetrics {
    int units_per_em = 1000;
    int ascender = 880, descender = -120;  // hhea, font units
    int cap_height = 700;
    int bbox[4] = {0, 0, 0, 0};  // xMin yMin xMax yMax
    double italic_angle = 0;
    bool fixed_pitch = false;
    bool cff = false;  // OpenType with CFF outlines (embedded as such), else TrueType (glyf)
    std::string postscript_name;
    std::string family;
    std::string version;  // name ID 5, "Version 003.01": an archive records which font it used
};

class Font {
public:
    // Opens a TrueType/OpenType font from its bytes, which `owner` keeps alive (a mapping);
    // `path` names it in messages and in the PDF. Null with the failure set (font-invalid) when it
    // cannot.
    static std::shared_ptr<const Font> open(const std::string& path, std::string_view bytes,
                                            std::shared_ptr<const void> owner, base::Failure& failure);
    ~Font();
    Font(const Font&) = delete;
    Font& operator=(const Font&) = delete;

    const std::string& path() const { return path_; }
    const FontMetrics& metrics() const { return metrics_; }
    // The font file's bytes, as mapped.
    std::string_view bytes() const;
    // The glyph for a character (0: the font does not have it); with a variation selector,
    // the variant glyph (0: the font has no such variant).
    std::uint32_t glyph(char32_t cp) const;
    std::uint32_t variant_glyph(char32_t cp, char32_t selector) const;
    // A glyph's advance width in font units (hmtx), as the PDF's /W array records it.
    int advance(std::uint32_t gid) const;
    // In vertical writing (縦書き): a glyph's advance down the column (vmtx, or an em where the
    // font has none), and its vertical origin (where the pen of a column stands) measured from its
    // horizontal origin, both in font units, as a PDF's /W2 records them.
    int vertical_advance(std::uint32_t gid) const;
    void vertical_origin(std::uint32_t gid, int& x, int& y) const;

    struct Handles;  // HarfBuzz objects, for shape.cpp and subset.cpp only
    const Handles& handles() const { return *handles_; }

private:
    Font() = default;
    std::string path_;
    FontMetrics metrics_;
    std::unique_ptr<Handles> handles_;
};

}  // namespace yoshiki::text
