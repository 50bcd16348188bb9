#include "write/font_objects.hpp"

#include <cmath>

#include "pdf/deflate.hpp"

namespace yoshiki::write {

namespace {

using pdf::Array;
using pdf::Dict;
using pdf::Name;
using pdf::Ref;

// A deflated stream whose own entries come after /Filter and /Length.
pdf::Object stream(const std::string& bytes, Dict entries = {}) {
    return pdf::Object{std::move(entries), true, pdf::deflate(bytes)};
}

Array widths_array(const FontEmbedding& e) {
    Array w;
    for (const auto& [first, run] : e.widths()) {
        w.emplace_back(first);
        Array widths;
        for (int v : run) widths.emplace_back(v);
        w.emplace_back(std::move(widths));
    }
    return w;
}

// /W2 (PDF 32000-1, 9.7.4.3): the CIDs whose vertical metrics are not the default /DW2, each as
// "first last w1y vx vy" over runs of CIDs that share them.
Array vertical_metrics_array(const FontEmbedding& e) {
    Array w2;
    for (const FontEmbedding::VerticalRun& r : e.vertical_metrics()) {
        for (long long v : {static_cast<long long>(r.first), static_cast<long long>(r.last), static_cast<long long>(-r.advance),
                            static_cast<long long>(r.origin_x), static_cast<long long>(r.origin_y)}) {
            w2.emplace_back(v);
        }
    }
    return w2;
}

}  // namespace

pdf::ObjectList font_objects(const FontEmbedding& e, bool vertical) {
    const text::FontMetrics& m = e.font().metrics();
    const double upem = m.units_per_em;
    auto scaled = [&](double v) { return static_cast<long long>(std::round(v * 1000.0 / upem)); };
    const FontEmbedding::Program program = e.program();
    const Name base_font{e.base_font()};
    enum : std::size_t { type0, file, descriptor, cid_font };

    pdf::ObjectList objects(4);
    objects[file] = stream(program.bytes, program.cff ? Dict{{"Subtype", Name{"OpenType"}}}
                                                      : Dict{{"Length1", static_cast<long long>(program.bytes.size())}});
    Array bbox;
    for (int v : m.bbox) bbox.emplace_back(scaled(v));
    objects[descriptor].dict = {
        {"Type", Name{"FontDescriptor"}},
        {"FontName", base_font},
        // Flags: 4 = symbolic (glyphs outside the standard Latin set), 1 = fixed pitch.
        {"Flags", 4 | (m.fixed_pitch ? 1 : 0)},
        {"FontBBox", std::move(bbox)},
        {"ItalicAngle", static_cast<long long>(m.italic_angle)},
        {"Ascent", scaled(m.ascender)},
        {"Descent", scaled(m.descender)},
        {"CapHeight", scaled(m.cap_height)},
        {"StemV", 80},  // not in TrueType fonts; 80 is a regular weight
        {program.cff ? "FontFile3" : "FontFile2", Ref{file}},
    };
    Dict& cid = objects[cid_font].dict;
    cid = {
        {"Type", Name{"Font"}},
        {"Subtype", Name{program.cff ? "CIDFontType0" : "CIDFontType2"}},
        {"BaseFont", base_font},
        {"CIDSystemInfo", Dict{{"Registry", pdf::String{"Adobe"}}, {"Ordering", pdf::String{"Identity"}}, {"Supplement", 0}}},
        {"FontDescriptor", Ref{descriptor}},
        {"DW", 1000},
        {"W", widths_array(e)},
    };
    if (vertical) {
        const FontEmbedding::VerticalDefault d = e.vertical_default();
        cid.push_back({"DW2", Array{static_cast<long long>(d.origin_y), static_cast<long long>(-d.advance)}});
        Array w2 = vertical_metrics_array(e);
        if (!w2.empty()) cid.push_back({"W2", std::move(w2)});
    }
    if (!program.cff) {
        if (program.cid_to_gid.empty()) {
            cid.push_back({"CIDToGIDMap", Name{"Identity"}});
        } else {
            cid.push_back({"CIDToGIDMap", Ref{objects.size()}});
            objects.push_back(stream(program.cid_to_gid));
        }
    }
    const Ref to_unicode{objects.size()};
    objects.push_back(stream(e.to_unicode_cmap()));
    objects[type0].dict = {
        {"Type", Name{"Font"}},
        {"Subtype", Name{"Type0"}},
        {"BaseFont", base_font},
        {"Encoding", Name{"Identity-H"}},
        {"DescendantFonts", Array{Ref{cid_font}}},
        {"ToUnicode", to_unicode},
    };
    if (vertical) {
        Dict type0_v = objects[type0].dict;
        for (pdf::Entry& entry : type0_v) {
            if (entry.key == "Encoding") entry.value = Name{"Identity-V"};
        }
        objects.push_back(pdf::Object{std::move(type0_v), false, {}});
    }
    return objects;
}

}  // namespace yoshiki::write
