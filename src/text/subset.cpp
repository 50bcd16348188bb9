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

}  // namespace

std::string subset_in_order(const Font& font, const std::vector<std::uint32_t>& order) {
    if (order.empty() || order[0] != 0 || order.size() > 0xFFFF) return {};
    std::vector<std::uint32_t> gids(order);
    std::sort(gids.begin(), gids.end());
    gids.erase(std::unique(gids.begin(), gids.end()), gids.end());
    FontSubset sub = subset(font, gids);
    if (sub.bytes.empty()) return {};
    auto tables = tables_of(sub.bytes);
    for (const char* tag : {"head", "hhea", "maxp", "loca", "glyf", "hmtx"}) {
        if (!tables.count(tag)) return {};
    }
    std::string_view head = tables["head"], hhea = tables["hhea"], maxp = tables["maxp"], loca = tables["loca"],
                     glyf = tables["glyf"], hmtx = tables["hmtx"];
    if (head.size() < 54 || hhea.size() < 36 || maxp.size() < 6) return {};
    const bool long_loca = u16(head, 50) != 0;
    const std::size_t count = u16(maxp, 4);
    const std::size_t metrics = u16(hhea, 34);
    if (loca.size() < (count + 1) * (long_loca ? 4 : 2) || metrics == 0 || metrics > count ||
        hmtx.size() < 4 * metrics + 2 * (count - metrics)) {
        return {};
    }
    auto glyph_of = [&](std::size_t g) -> std::string_view {
        std::size_t a = long_loca ? u32(loca, 4 * g) : 2 * std::size_t{u16(loca, 2 * g)};
        std::size_t b = long_loca ? u32(loca, 4 * g + 4) : 2 * std::size_t{u16(loca, 2 * g + 2)};
        return a <= b && b <= glyf.size() ? glyf.substr(a, b - a) : std::string_view();
    };
    auto advance_of = [&](std::size_t g) { return u16(hmtx, 4 * std::min(g, metrics - 1)); };
    auto lsb_of = [&](std::size_t g) { return g < metrics ? u16(hmtx, 4 * g + 2) : u16(hmtx, 4 * metrics + 2 * (g - metrics)); };

    // The place of every glyph of the subset in the result: first in the order asked for, then
    // whatever composite glyphs need that was not asked for.
    constexpr std::uint32_t kNone = 0xFFFFFFFF;
    std::vector<std::uint32_t> final_of(count, kNone);
    std::vector<std::uint32_t> source(order.size());  // result glyph → subset glyph
    std::vector<bool> repeat(order.size(), false);
    std::map<std::uint32_t, std::uint32_t> new_gid;
    for (std::size_t k = 0; k < gids.size(); ++k) new_gid[gids[k]] = sub.new_gids[k];
    for (std::size_t k = 0; k < order.size(); ++k) {
        std::uint32_t s = new_gid[order[k]];
        if (s >= count) return {};
        source[k] = s;
        if (final_of[s] == kNone) final_of[s] = static_cast<std::uint32_t>(k);
        else repeat[k] = true;
    }
    for (std::uint32_t s = 0; s < count; ++s) {
        if (final_of[s] == kNone) {
            final_of[s] = static_cast<std::uint32_t>(source.size());
            source.push_back(s);
            repeat.push_back(false);
        }
    }
    const std::size_t total = source.size();
    if (total > 0xFFFF) return {};

    std::string new_glyf, new_hmtx;
    std::vector<std::size_t> offsets{0};
    std::vector<unsigned> advances(total);
    bool composites = false;
    for (std::size_t k = 0; k < total; ++k) {
        std::string_view g = glyph_of(source[k]);
        std::string out;
        if (repeat[k] && g.size() >= 10) {
            // numberOfContours -1, the bounding box of the glyph, one component at (0, 0).
            out.append("\xFF\xFF", 2);
            out.append(g.substr(2, 8));
            put16(out, kArgsAreXY | kUseMyMetrics);
            put16(out, final_of[source[k]]);
            out.append("\0\0", 2);
            composites = true;
        } else if (!repeat[k]) {
            out.assign(g);
            if (out.size() >= 10 && static_cast<std::int16_t>(u16(out, 0)) < 0 && !renumber_components(out, final_of)) {
                return {};
            }
        }
        if (out.size() % 2) out += '\0';  // short loca counts in words
        new_glyf += out;
        offsets.push_back(new_glyf.size());
        advances[k] = advance_of(source[k]);
    }
    // Trailing glyphs that share the last advance keep only their left side bearing.
    std::size_t new_metrics = total;
    while (new_metrics > 1 && advances[new_metrics - 2] == advances[total - 1]) --new_metrics;
    for (std::size_t k = 0; k < total; ++k) {
        if (k < new_metrics) put16(new_hmtx, advances[k]);
        put16(new_hmtx, lsb_of(source[k]));
    }
    const bool short_loca = new_glyf.size() <= 0x1FFFE;
    std::string new_loca;
    for (std::size_t o : offsets) {
        if (short_loca) put16(new_loca, static_cast<unsigned>(o / 2));
        else put32(new_loca, static_cast<std::uint32_t>(o));
    }

    std::string new_head(head), new_hhea(hhea), new_maxp(maxp);
    set16(new_head, 50, short_loca ? 0 : 1);
    new_head.replace(8, 4, std::string(4, '\0'));  // checkSumAdjustment, set below
    set16(new_hhea, 34, static_cast<unsigned>(new_metrics));
    set16(new_maxp, 4, static_cast<unsigned>(total));
    if (composites && new_maxp.size() >= 32) {
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
    out_tables["loca"] = new_loca;
    out_tables["glyf"] = new_glyf;
    out_tables["hmtx"] = new_hmtx;

    // The sfnt: header, table directory sorted by tag, tables on 4-byte boundaries.
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

}  // namespace yoshiki::text
