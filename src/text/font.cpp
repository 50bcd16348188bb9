#include "text/font.hpp"

#include <cstring>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_CID_H
#include FT_FONT_FORMATS_H
#include FT_TRUETYPE_TABLES_H
#include FT_SFNT_NAMES_H
#include FT_TRUETYPE_IDS_H
#include <hb-ot.h>

#include "text/font_handles.hpp"

namespace yoshiki::text {

Font::Handles::~Handles() {
    if (preprocessed) hb_face_destroy(preprocessed);
    hb_font_destroy(font);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
}

namespace {

// The bytes' owner, kept by HarfBuzz's blob for as long as the face lives.
void release(void* user) { delete static_cast<std::shared_ptr<const void>*>(user); }

// The version string (name ID 5) in its Windows (UTF-16BE) or Macintosh Roman record; fonts
// write it in ASCII ("Version 003.01"), so other characters are left out.
std::string version_string(FT_Face face) {
    FT_UInt count = FT_Get_Sfnt_Name_Count(face);
    for (FT_UInt i = 0; i < count; ++i) {
        FT_SfntName name;
        if (FT_Get_Sfnt_Name(face, i, &name) != 0 || name.name_id != TT_NAME_ID_VERSION_STRING) continue;
        bool utf16 = name.platform_id == TT_PLATFORM_MICROSOFT || name.platform_id == TT_PLATFORM_APPLE_UNICODE;
        std::string out;
        for (FT_UInt k = utf16 ? 1 : 0; k < name.string_len; k += utf16 ? 2 : 1) {
            unsigned char c = name.string[k];
            if (c >= 0x20 && c < 0x7F && (!utf16 || name.string[k - 1] == 0)) out += static_cast<char>(c);
        }
        if (!out.empty()) return out;
    }
    return {};
}

// Names and metrics for the PDF font descriptor, read once with FreeType.
bool read_metrics(const char* data, std::size_t size, FontMetrics& m, base::Failure& failure) {
    FT_Library lib = nullptr;
    if (FT_Init_FreeType(&lib) != 0) {
        failure = base::Failure{base::codes::internal_error, "FreeType cannot start"};  // not the font's fault
        return false;
    }
    FT_Face face = nullptr;
    bool ok = FT_New_Memory_Face(lib, reinterpret_cast<const FT_Byte*>(data), static_cast<FT_Long>(size), 0, &face) == 0;
    if (!ok) {
        failure = base::Failure{base::codes::font_invalid, "not a font file FreeType can read"};
    } else if (!FT_IS_SFNT(face) || !FT_IS_SCALABLE(face)) {
        failure = base::Failure{base::codes::font_invalid, "not a TrueType or OpenType font"};
        ok = false;
    } else {
        m.units_per_em = face->units_per_EM;
        m.ascender = face->ascender;
        m.descender = face->descender;
        m.bbox[0] = static_cast<int>(face->bbox.xMin);
        m.bbox[1] = static_cast<int>(face->bbox.yMin);
        m.bbox[2] = static_cast<int>(face->bbox.xMax);
        m.bbox[3] = static_cast<int>(face->bbox.yMax);
        m.fixed_pitch = FT_IS_FIXED_WIDTH(face);
        if (const char* ps = FT_Get_Postscript_Name(face)) m.postscript_name = ps;
        if (face->family_name) m.family = face->family_name;
        if (auto* os2 = static_cast<TT_OS2*>(FT_Get_Sfnt_Table(face, FT_SFNT_OS2))) {
            m.cap_height = os2->version >= 2 && os2->sCapHeight > 0 ? os2->sCapHeight : m.ascender * 7 / 10;
        }
        if (auto* post = static_cast<TT_Postscript*>(FT_Get_Sfnt_Table(face, FT_SFNT_POST))) {
            m.italic_angle = static_cast<double>(post->italicAngle) / 65536.0;
        }
        m.version = version_string(face);
        if (m.postscript_name.empty()) {
            failure = base::Failure{base::codes::font_invalid, "the font has no PostScript name"};
            ok = false;
        }
        // CFF outlines are embedded as an OpenType font program whose glyph ids are the CIDs
        // (PDF 32000-1, 9.7.4.2). A CID-keyed CFF selects glyphs through its own charset
        // instead, which yoshiki does not map: such a font is refused rather than drawn wrong.
        const char* format = FT_Get_Font_Format(face);
        m.cff = format && std::strcmp(format, "CFF") == 0;
        FT_Bool cid_keyed = 0;
        if (ok && m.cff && FT_Get_CID_Is_Internally_CID_Keyed(face, &cid_keyed) == 0 && cid_keyed) {
            failure = base::Failure{base::codes::font_invalid, "a CID-keyed OpenType (CFF) font, which yoshiki cannot embed; use a TrueType version of it"};
            ok = false;
        }
    }
    if (face) FT_Done_Face(face);
    FT_Done_FreeType(lib);
    return ok;
}

}  // namespace

std::shared_ptr<const Font> Font::open(const std::string& path, std::string_view bytes,
                                       std::shared_ptr<const void> owner, base::Failure& failure) {
    if (bytes.size() < 12) {
        failure = base::Failure{base::codes::font_invalid, "the file is too short to be a font"};
        return nullptr;
    }
    const char* data = bytes.data();
    const std::size_t size = bytes.size();
    std::shared_ptr<Font> font(new Font());
    font->path_ = path;
    if (!read_metrics(data, size, font->metrics_, failure)) return nullptr;
    font->handles_ = std::make_unique<Handles>();
    Handles& h = *font->handles_;
    h.blob = hb_blob_create(data, static_cast<unsigned>(size), HB_MEMORY_MODE_READONLY,
                            new std::shared_ptr<const void>(std::move(owner)), release);
    h.face = hb_face_create(h.blob, 0);
    h.font = hb_font_create(h.face);
    // HarfBuzz's own OpenType functions give the unhinted advances of hmtx exactly, and are
    // safe to call from several threads at once (FreeType's are not).
    hb_ot_font_set_funcs(h.font);
    int upem = static_cast<int>(hb_face_get_upem(h.face));
    hb_font_set_scale(h.font, upem, upem);
    if (hb_face_get_glyph_count(h.face) == 0) {
        failure = base::Failure{base::codes::font_invalid, "the font has no glyphs"};
        return nullptr;
    }
    return font;
}

Font::~Font() = default;

std::uint32_t Font::glyph(char32_t cp) const {
    hb_codepoint_t g = 0;
    return hb_font_get_nominal_glyph(handles_->font, cp, &g) ? g : 0;
}

std::uint32_t Font::variant_glyph(char32_t cp, char32_t selector) const {
    hb_codepoint_t g = 0;
    return hb_font_get_variation_glyph(handles_->font, cp, selector, &g) ? g : 0;
}

std::string_view Font::bytes() const {
    unsigned length = 0;
    const char* data = hb_blob_get_data(handles_->blob, &length);
    return std::string_view(data, length);
}

int Font::advance(std::uint32_t gid) const { return hb_font_get_glyph_h_advance(handles_->font, gid); }

// HarfBuzz's advances down are negative (its y axis points up).
int Font::vertical_advance(std::uint32_t gid) const { return -hb_font_get_glyph_v_advance(handles_->font, gid); }

void Font::vertical_origin(std::uint32_t gid, int& x, int& y) const {
    hb_position_t ox = 0, oy = 0;
    hb_font_get_glyph_v_origin(handles_->font, gid, &ox, &oy);
    x = ox;
    y = oy;
}

}  // namespace yoshiki::text
