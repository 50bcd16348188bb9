#include "text/subset.hpp"

#include <hb-subset.h>

#include <algorithm>
#include <map>
#include <string_view>

#include "text/font_handles.hpp"

namespace yoshiki::text {

FontSubset subset(const Font& font, const std::vector<std::uint32_t>& gids, bool retain_gids) {
    FontSubset out;
    hb_subset_input_t* input = hb_subset_input_create_or_fail();
    if (!input) return out;
    hb_set_t* glyphs = hb_subset_input_glyph_set(input);
    for (std::uint32_t g : gids) hb_set_add(glyphs, g);
    // A PDF's CIDFontType2 reaches glyphs through CIDToGIDMap, so the font's own cmap, layout
    // tables (GSUB/GPOS: shaping is done) and vertical metrics are dead weight in the file. So
    // are the glyph names (post) and OS/2: a PDF font program needs head, hhea, maxp, loca, glyf
    // and hmtx only (PDF 32000-1, 9.9), and the descriptor carries the metrics OS/2 would.
    hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (const char* tag : {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "vhea", "vmtx", "VORG", "DSIG", "gasp",
                            "hdmx", "LTSH", "VDMX", "kern", "name", "cmap", "post", "OS/2"}) {
        hb_set_add(drop, hb_tag_from_string(tag, 4));
    }
    hb_set_clear(hb_subset_input_set(input, HB_SUBSET_SETS_UNICODE));
    unsigned flags = HB_SUBSET_FLAGS_NO_HINTING;
    if (retain_gids) flags |= HB_SUBSET_FLAGS_RETAIN_GIDS;
    hb_subset_input_set_flags(input, flags);

    auto& h = const_cast<Font::Handles&>(font.handles());
    hb_face_t* source = h.face;
    if (++h.subsets > 2) {
        std::call_once(h.preprocess_once, [&h] { h.preprocessed = hb_subset_preprocess(h.face); });
        if (h.preprocessed) source = h.preprocessed;
    }
    hb_subset_plan_t* plan = hb_subset_plan_create_or_fail(source, input);
    if (plan) {
        const hb_map_t* map = hb_subset_plan_old_to_new_glyph_mapping(plan);
        for (std::uint32_t g : gids) out.new_gids.push_back(hb_map_get(map, g));
        hb_face_t* face = hb_subset_plan_execute_or_fail(plan);
        if (face) {
            hb_blob_t* blob = hb_face_reference_blob(face);
            unsigned len = 0;
            const char* data = hb_blob_get_data(blob, &len);
            out.bytes.assign(data, len);
            hb_blob_destroy(blob);
            hb_face_destroy(face);
        }
        hb_subset_plan_destroy(plan);
    }
    hb_subset_input_destroy(input);
    if (out.bytes.empty()) out.new_gids.clear();
    return out;
}

}  // namespace yoshiki::text

namespace yoshiki::text {

namespace {

std::uint16_t u16(std::string_view s, std::size_t at) {
    return static_cast<std::uint16_t>((static_cast<unsigned char>(s[at]) << 8) | static_cast<unsigned char>(s[at + 1]));
}

std::uint32_t u32(std::string_view s, std::size_t at) { return (std::uint32_t{u16(s, at)} << 16) | u16(s, at + 2); }

void put16(std::string& s, unsigned v) {
    s += static_cast<char>((v >> 8) & 0xFF);
    s += static_cast<char>(v & 0xFF);
}

void set16(std::string& s, std::size_t at, unsigned v) {
    s[at] = static_cast<char>((v >> 8) & 0xFF);
    s[at + 1] = static_cast<char>(v & 0xFF);
}

void put32(std::string& s, std::uint32_t v) {
    put16(s, v >> 16);
    put16(s, v & 0xFFFF);
}

std::uint32_t checksum(std::string_view s) {
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < s.size(); i += 4) {
        std::uint32_t word = 0;
        for (std::size_t k = 0; k < 4; ++k) word = (word << 8) | (i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u);
        sum += word;
    }
    return sum;
}

// The tables of an sfnt, by tag.
std::map<std::string, std::string_view> tables_of(std::string_view font) {
    std::map<std::string, std::string_view> out;
    if (font.size() < 12) return out;
    unsigned n = u16(font, 4);
    if (font.size() < 12 + 16 * std::size_t{n}) return out;
    for (unsigned i = 0; i < n; ++i) {
        std::size_t entry = 12 + 16 * std::size_t{i};
        std::uint32_t offset = u32(font, entry + 8), length = u32(font, entry + 12);
        if (std::size_t{offset} + length > font.size()) return {};
        out.emplace(std::string(font.substr(entry, 4)), font.substr(offset, length));
    }
    return out;
}

// Composite glyph flags (OpenType glyf).
constexpr unsigned kArgsAreWords = 0x0001, kArgsAreXY = 0x0002, kHaveScale = 0x0008, kMoreComponents = 0x0020,
                   kHaveXYScale = 0x0040, kHave2x2 = 0x0080, kUseMyMetrics = 0x0200;

// Renumbers the components of a composite glyph; false when it is malformed.
bool renumber_components(std::string& glyph, const std::vector<std::uint32_t>& final_of) {
    std::size_t at = 10;
    for (;;) {
        if (at + 4 > glyph.size()) return false;
        unsigned flags = u16(glyph, at);
        unsigned old = u16(glyph, at + 2);
        if (old >= final_of.size()) return false;
        set16(glyph, at + 2, final_of[old]);
        at += 4 + ((flags & kArgsAreWords) ? 4 : 2);
        if (flags & kHaveScale) at += 2;
        else if (flags & kHaveXYScale) at += 4;
        else if (flags & kHave2x2) at += 8;
        if (!(flags & kMoreComponents)) return at <= glyph.size();
    }
}

// The tables subset_in_order rewrites, checked to be long enough for what is read from them.
struct GlyphTables {
    std::string_view head, hhea, maxp, loca, glyf, hmtx;
    bool long_loca = false;
    std::size_t count = 0, metrics = 0;

    std::string_view glyph_of(std::size_t g) const {
        std::size_t a = long_loca ? u32(loca, 4 * g) : 2 * std::size_t{u16(loca, 2 * g)};
        std::size_t b = long_loca ? u32(loca, 4 * g + 4) : 2 * std::size_t{u16(loca, 2 * g + 2)};
        return a <= b && b <= glyf.size() ? glyf.substr(a, b - a) : std::string_view();
    }
    unsigned advance_of(std::size_t g) const { return u16(hmtx, 4 * std::min(g, metrics - 1)); }
    unsigned lsb_of(std::size_t g) const {
        return g < metrics ? u16(hmtx, 4 * g + 2) : u16(hmtx, 4 * metrics + 2 * (g - metrics));
    }
};

bool read_glyph_tables(std::map<std::string, std::string_view>& tables, GlyphTables& t) {
    for (const char* tag : {"head", "hhea", "maxp", "loca", "glyf", "hmtx"}) {
        if (!tables.count(tag)) return false;
    }
    t.head = tables["head"];
    t.hhea = tables["hhea"];
    t.maxp = tables["maxp"];
    t.loca = tables["loca"];
    t.glyf = tables["glyf"];
    t.hmtx = tables["hmtx"];
    if (t.head.size() < 54 || t.hhea.size() < 36 || t.maxp.size() < 6) return false;
    t.long_loca = u16(t.head, 50) != 0;
    t.count = u16(t.maxp, 4);
    t.metrics = u16(t.hhea, 34);
    return !(t.loca.size() < (t.count + 1) * (t.long_loca ? 4 : 2) || t.metrics == 0 || t.metrics > t.count ||
             t.hmtx.size() < 4 * t.metrics + 2 * (t.count - t.metrics));
}

// The place of every glyph of the subset in the result: first in the order asked for, then
// whatever composite glyphs need that was not asked for.
struct Placement {
    std::vector<std::uint32_t> final_of;
    std::vector<std::uint32_t> source;  // result glyph → subset glyph
    std::vector<bool> repeat;
};

bool place_glyphs(const std::vector<std::uint32_t>& order, const std::vector<std::uint32_t>& gids, const FontSubset& sub,
                  std::size_t count, Placement& p) {
    constexpr std::uint32_t kNone = 0xFFFFFFFF;
    p.final_of.assign(count, kNone);
    p.source.assign(order.size(), 0);
    p.repeat.assign(order.size(), false);
    std::map<std::uint32_t, std::uint32_t> new_gid;
    for (std::size_t k = 0; k < gids.size(); ++k) new_gid[gids[k]] = sub.new_gids[k];
    for (std::size_t k = 0; k < order.size(); ++k) {
        std::uint32_t s = new_gid[order[k]];
        if (s >= count) return false;
        p.source[k] = s;
        if (p.final_of[s] == kNone) p.final_of[s] = static_cast<std::uint32_t>(k);
        else p.repeat[k] = true;
    }
    for (std::uint32_t s = 0; s < count; ++s) {
        if (p.final_of[s] == kNone) {
            p.final_of[s] = static_cast<std::uint32_t>(p.source.size());
            p.source.push_back(s);
            p.repeat.push_back(false);
        }
    }
    return p.source.size() <= 0xFFFF;
}

struct NewGlyphs {
    std::string glyf, hmtx, loca;
    std::size_t metrics = 0;
    bool short_loca = false;
    bool composites = false;
};

bool rebuild_glyphs(const GlyphTables& t, const Placement& p, NewGlyphs& n) {
    const std::size_t total = p.source.size();
    std::vector<std::size_t> offsets{0};
    std::vector<unsigned> advances(total);
    for (std::size_t k = 0; k < total; ++k) {
        std::string_view g = t.glyph_of(p.source[k]);
        std::string out;
        if (p.repeat[k] && g.size() >= 10) {
            // numberOfContours -1, the bounding box of the glyph, one component at (0, 0).
            out.append("\xFF\xFF", 2);
            out.append(g.substr(2, 8));
            put16(out, kArgsAreXY | kUseMyMetrics);
            put16(out, p.final_of[p.source[k]]);
            out.append("\0\0", 2);
            n.composites = true;
        } else if (!p.repeat[k]) {
            out.assign(g);
            if (out.size() >= 10 && static_cast<std::int16_t>(u16(out, 0)) < 0 && !renumber_components(out, p.final_of)) {
                return false;
            }
        }
        if (out.size() % 2) out += '\0';  // short loca counts in words
        n.glyf += out;
        offsets.push_back(n.glyf.size());
        advances[k] = t.advance_of(p.source[k]);
    }
    // Trailing glyphs that share the last advance keep only their left side bearing.
    n.metrics = total;
    while (n.metrics > 1 && advances[n.metrics - 2] == advances[total - 1]) --n.metrics;
    for (std::size_t k = 0; k < total; ++k) {
        if (k < n.metrics) put16(n.hmtx, advances[k]);
        put16(n.hmtx, t.lsb_of(p.source[k]));
    }
    n.short_loca = n.glyf.size() <= 0x1FFFE;
    for (std::size_t o : offsets) {
        if (n.short_loca) put16(n.loca, static_cast<unsigned>(o / 2));
        else put32(n.loca, static_cast<std::uint32_t>(o));
    }
    return true;
}

std::map<std::string, std::string> rewritten_tables(const std::map<std::string, std::string_view>& tables,
                                                    const GlyphTables& t, const NewGlyphs& n, std::size_t total) {
    std::string new_head(t.head), new_hhea(t.hhea), new_maxp(t.maxp);
    set16(new_head, 50, n.short_loca ? 0 : 1);
    new_head.replace(8, 4, std::string(4, '\0'));  // checkSumAdjustment, set by write_sfnt
    set16(new_hhea, 34, static_cast<unsigned>(n.metrics));
    set16(new_maxp, 4, static_cast<unsigned>(total));
    if (n.composites && new_maxp.size() >= 32) {
        // maxComponentElements and maxComponentDepth: at least the one level added here.
        if (u16(new_maxp, 28) < 1) set16(new_maxp, 28, 1);
        if (u16(new_maxp, 30) < 1) set16(new_maxp, 30, 1);
        // maxCompositePoints and maxCompositeContours: at least those of a simple glyph.
        for (std::size_t at : {std::size_t{10}, std::size_t{12}}) {
            if (u16(new_maxp, at) < u16(new_maxp, at - 4)) set16(new_maxp, at, u16(new_maxp, at - 4));
        }
    }
    std::map<std::string, std::string> out_tables;
    for (const auto& [tag, data] : tables) out_tables[tag] = std::string(data);
    out_tables["head"] = new_head;
    out_tables["hhea"] = new_hhea;
    out_tables["maxp"] = new_maxp;
    out_tables["loca"] = n.loca;
    out_tables["glyf"] = n.glyf;
    out_tables["hmtx"] = n.hmtx;
    return out_tables;
}

// The sfnt: header, table directory sorted by tag, tables on 4-byte boundaries.
std::string write_sfnt(const std::map<std::string, std::string>& out_tables) {
    const unsigned n = static_cast<unsigned>(out_tables.size());
    unsigned power = 1, log2 = 0;
    while (power * 2 <= n) {
        power *= 2;
        ++log2;
    }
    std::string font_bytes;
    put32(font_bytes, 0x00010000);
    put16(font_bytes, n);
    put16(font_bytes, power * 16);
    put16(font_bytes, log2);
    put16(font_bytes, n * 16 - power * 16);
    std::size_t offset = 12 + 16 * std::size_t{n};
    std::size_t head_at = 0;
    for (const auto& [tag, data] : out_tables) {
        font_bytes += tag;
        put32(font_bytes, checksum(data));
        put32(font_bytes, static_cast<std::uint32_t>(offset));
        put32(font_bytes, static_cast<std::uint32_t>(data.size()));
        if (tag == "head") head_at = offset;
        offset += (data.size() + 3) / 4 * 4;
    }
    for (const auto& [tag, data] : out_tables) {
        font_bytes += data;
        font_bytes.append((4 - data.size() % 4) % 4, '\0');
    }
    std::uint32_t adjustment = 0xB1B0AFBAu - checksum(font_bytes);
    for (int k = 0; k < 4; ++k) font_bytes[head_at + 8 + k] = static_cast<char>((adjustment >> (24 - 8 * k)) & 0xFF);
    return font_bytes;
}

}  // namespace

std::string subset_in_order(const Font& font, const std::vector<std::uint32_t>& order) {
    if (order.empty() || order[0] != 0 || order.size() > 0xFFFF) return {};
    std::vector<std::uint32_t> gids(order);
    std::sort(gids.begin(), gids.end());
    gids.erase(std::unique(gids.begin(), gids.end()), gids.end());
    FontSubset sub = subset(font, gids);
    if (sub.bytes.empty()) return {};
    auto tables = tables_of(sub.bytes);
    GlyphTables t;
    if (!read_glyph_tables(tables, t)) return {};
    Placement p;
    if (!place_glyphs(order, gids, sub, t.count, p)) return {};
    NewGlyphs n;
    if (!rebuild_glyphs(t, p, n)) return {};
    return write_sfnt(rewritten_tables(tables, t, n, p.source.size()));
}

}  // namespace yoshiki::text
