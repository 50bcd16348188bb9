#include "sign/font_objects.hpp"

#include <cmath>

#include "write/compress.hpp"

namespace yoshiki::sign {

ObjectRef add_font(IncrementalUpdate& update, const write::FontEmbedding& e) {
    const text::FontMetrics& m = e.font().metrics();
    const double upem = m.units_per_em;
    auto scaled = [&](double v) { return std::to_string(static_cast<long>(std::round(v * 1000.0 / upem))); };
    write::FontEmbedding::Program program = e.program();
    const std::string base_font = "/" + e.base_font();

    ObjectRef file = update.add(), descriptor = update.add(), cid_font = update.add(), to_unicode = update.add(),
              type0 = update.add();
    std::string file_entries = "/Filter /FlateDecode";
    file_entries += program.cff ? " /Subtype /OpenType" : " /Length1 " + std::to_string(program.bytes.size());
    update.put(file, stream_object(file_entries, write::deflate(program.bytes, write::best_compression)));

    // Flags 4: symbolic (glyphs outside the standard Latin set), as the writer says of the same fonts.
    std::string d = "<< /Type /FontDescriptor /FontName " + base_font + " /Flags " + std::to_string(4 | (m.fixed_pitch ? 1 : 0)) +
                    " /FontBBox [" + scaled(m.bbox[0]) + " " + scaled(m.bbox[1]) + " " + scaled(m.bbox[2]) + " " + scaled(m.bbox[3]) +
                    "] /ItalicAngle " + std::to_string(static_cast<long>(m.italic_angle)) + " /Ascent " + scaled(m.ascender) +
                    " /Descent " + scaled(m.descender) + " /CapHeight " + scaled(m.cap_height) + " /StemV 80 " +
                    (program.cff ? "/FontFile3 " : "/FontFile2 ") + file.text() + " >>";
    update.put(descriptor, d);

    std::string widths;
    for (const auto& [first, run] : e.widths()) {
        widths += " " + std::to_string(first) + " [";
        for (int w : run) widths += " " + std::to_string(w);
        widths += " ]";
    }
    std::string c = std::string("<< /Type /Font /Subtype ") + (program.cff ? "/CIDFontType0" : "/CIDFontType2") + " /BaseFont " +
                    base_font + " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor " +
                    descriptor.text() + " /DW 1000 /W [" + widths + " ]";
    if (!program.cff) {
        if (program.cid_to_gid.empty()) {
            c += " /CIDToGIDMap /Identity";
        } else {
            ObjectRef map = update.add();
            update.put(map, stream_object("/Filter /FlateDecode", write::deflate(program.cid_to_gid, write::best_compression)));
            c += " /CIDToGIDMap " + map.text();
        }
    }
    update.put(cid_font, c + " >>");
    update.put(to_unicode, stream_object("/Filter /FlateDecode", write::deflate(e.to_unicode_cmap(), write::best_compression)));
    update.put(type0, "<< /Type /Font /Subtype /Type0 /BaseFont " + base_font + " /Encoding /Identity-H /DescendantFonts [" +
                          cid_font.text() + "] /ToUnicode " + to_unicode.text() + " >>");
    return type0;
}

}  // namespace yoshiki::sign
