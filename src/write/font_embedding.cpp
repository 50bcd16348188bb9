#include "write/font_embedding.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "text/subset.hpp"
#include "pdf/syntax.hpp"

namespace yoshiki::write {

namespace {

// A 64-bit FNV-1a hash: enough to tell subsets apart in their tag.
std::uint64_t fnv(std::uint64_t h, std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return h;
}

}  // namespace

std::uint16_t FontEmbedding::cid(std::uint32_t gid, std::string_view text) {
    if (font_->metrics().cff) {
        // The CID is the glyph id (9.7.4.2): one CID per glyph, so where one glyph stands for two
        // texts (〜 and ～) the text first met is the one a reader gets back.
        if (gid > 0xFFFF) throw std::runtime_error("a glyph id beyond 65,535 in " + font_->path());
        if (gid >= cid_gid_.size()) {
            cid_gid_.resize(gid + 1, 0);
            cid_text_.resize(gid + 1);
        }
        if (cid_gid_[gid] == 0 && gid != 0) {
            cid_gid_[gid] = gid;
            cid_text_[gid] = std::string(text);
        }
        return static_cast<std::uint16_t>(gid);
    }
    std::string key(4, '\0');
    for (int i = 0; i < 4; ++i) key[i] = static_cast<char>((gid >> (8 * i)) & 0xFF);
    key.append(text);
    auto it = cids_.find(key);
    if (it != cids_.end()) return it->second;
    if (cid_gid_.size() >= 0xFFFF) throw std::runtime_error("more than 65,535 distinct glyphs in one font");
    auto cid = static_cast<std::uint16_t>(cid_gid_.size());
    cid_gid_.push_back(gid);
    cid_text_.emplace_back(text);
    cids_.emplace(std::move(key), cid);
    return cid;
}

double FontEmbedding::width(const text::Font& font, std::uint32_t gid) {
    return std::round(font.advance(gid) * 1000.0 / font.metrics().units_per_em);
}

FontEmbedding::Program FontEmbedding::program() const {
    Program p;
    if (font_->metrics().cff) {
        // CFF outlines stay CFF (/FontFile3 /OpenType), each glyph at its own id.
        std::vector<std::uint32_t> gids;
        for (std::uint32_t g : cid_gid_) {
            if (g != 0) gids.push_back(g);
        }
        text::FontSubset sub = text::subset(*font_, gids, true);
        if (sub.bytes.empty()) throw std::runtime_error("cannot subset the font " + font_->path());
        p.bytes = std::move(sub.bytes);
        p.cff = true;
        return p;
    }
    // The subset's glyphs in CID order, so that the CIDs are its glyph ids (/CIDToGIDMap
    // /Identity); a font without TrueType outlines to reorder is subset as it comes, and reached
    // through a CIDToGIDMap stream of two bytes per CID.
    p.bytes = text::subset_in_order(*font_, cid_gid_);
    if (!p.bytes.empty()) return p;
    std::vector<std::uint32_t> gids(cid_gid_.begin(), cid_gid_.end());
    std::sort(gids.begin(), gids.end());
    gids.erase(std::unique(gids.begin(), gids.end()), gids.end());
    text::FontSubset sub = text::subset(*font_, gids);
    if (sub.bytes.empty()) throw std::runtime_error("cannot subset the font " + font_->path());
    std::map<std::uint32_t, std::uint32_t> new_gid;
    for (std::size_t k = 0; k < gids.size(); ++k) new_gid[gids[k]] = sub.new_gids[k];
    for (std::size_t cid = 0; cid < cid_gid_.size(); ++cid) {
        std::uint32_t g = cid == 0 ? 0 : new_gid[cid_gid_[cid]];
        p.cid_to_gid += static_cast<char>((g >> 8) & 0xFF);
        p.cid_to_gid += static_cast<char>(g & 0xFF);
    }
    p.bytes = std::move(sub.bytes);
    return p;
}

std::vector<std::pair<int, std::vector<int>>> FontEmbedding::widths() const {
    // Only the CIDs whose width is not the default em (Latin, half-width forms) are listed: a
    // page of kanji needs almost none.
    // A CID that names no glyph (CFF fonts number CIDs by glyph id, with gaps) needs no width.
    auto listed = [&](std::size_t cid) {
        return cid_gid_[cid] != 0 && static_cast<int>(width(*font_, cid_gid_[cid])) != 1000;
    };
    std::vector<std::pair<int, std::vector<int>>> runs;
    for (std::size_t cid = 1; cid < cid_gid_.size();) {
        if (!listed(cid)) {
            ++cid;
            continue;
        }
        runs.emplace_back(static_cast<int>(cid), std::vector<int>{});
        for (; cid < cid_gid_.size() && listed(cid); ++cid) {
            runs.back().second.push_back(static_cast<int>(width(*font_, cid_gid_[cid])));
        }
    }
    return runs;
}

double FontEmbedding::vertical_advance(const text::Font& font, std::uint32_t gid) {
    return std::round(font.vertical_advance(gid) * 1000.0 / font.metrics().units_per_em);
}

namespace {

FontEmbedding::VerticalRun vertical_of(const text::Font& font, std::uint32_t gid) {
    const double upem = font.metrics().units_per_em;
    int ox = 0, oy = 0;
    font.vertical_origin(gid, ox, oy);
    FontEmbedding::VerticalRun v;
    v.advance = static_cast<int>(FontEmbedding::vertical_advance(font, gid));
    v.origin_x = static_cast<int>(std::round(ox * 1000.0 / upem));
    v.origin_y = static_cast<int>(std::round(oy * 1000.0 / upem));
    return v;
}

}  // namespace

FontEmbedding::VerticalDefault FontEmbedding::vertical_default() const {
    std::map<std::pair<int, int>, int> count;  // (advance, origin y) → CIDs
    for (std::size_t cid = 1; cid < cid_gid_.size(); ++cid) {
        if (cid_gid_[cid] == 0) continue;
        VerticalRun v = vertical_of(*font_, cid_gid_[cid]);
        ++count[{v.advance, v.origin_y}];
    }
    VerticalDefault d;
    int best = 0;
    for (const auto& [metrics, n] : count) {
        if (n > best) {
            best = n;
            d.advance = metrics.first;
            d.origin_y = metrics.second;
        }
    }
    return d;
}

std::vector<FontEmbedding::VerticalRun> FontEmbedding::vertical_metrics() const {
    const VerticalDefault d = vertical_default();
    std::vector<VerticalRun> runs;
    for (std::size_t cid = 1; cid < cid_gid_.size(); ++cid) {
        if (cid_gid_[cid] == 0) continue;
        VerticalRun v = vertical_of(*font_, cid_gid_[cid]);
        // Without an entry a viewer takes the origin's x as half the glyph's width (/W).
        const bool as_default = v.advance == d.advance && v.origin_y == d.origin_y &&
                                std::abs(v.origin_x * 2 - static_cast<int>(width(*font_, cid_gid_[cid]))) <= 1;
        if (as_default) continue;
        v.first = v.last = static_cast<int>(cid);
        VerticalRun* last = runs.empty() ? nullptr : &runs.back();
        if (last && last->last + 1 == v.first && last->advance == v.advance && last->origin_x == v.origin_x &&
            last->origin_y == v.origin_y) {
            last->last = v.first;
        } else {
            runs.push_back(v);
        }
    }
    return runs;
}

std::string FontEmbedding::base_font() const {
    const std::string& name = font_->metrics().postscript_name;
    std::uint64_t h = fnv(14695981039346656037ull, name);
    for (std::uint32_t g : cid_gid_) h = fnv(h, std::string_view(reinterpret_cast<const char*>(&g), sizeof g));
    std::string tag;
    for (int k = 0; k < 6; ++k, h /= 26) tag += static_cast<char>('A' + h % 26);
    return tag + "+" + name;
}

// CIDs are handed out in order, so the map is written as ranges with an array of targets,
// "<0100> <01FF> [<76EE> <6A19> …]": the CIDs are not spelt out, which halves the map. A range
// stays within one block of 256 codes (its codes differ only in the last byte), and a CID
// without text (the second glyph of a cluster) ends one.
std::string FontEmbedding::to_unicode_cmap() const {
    std::string s =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    std::vector<std::pair<std::size_t, std::size_t>> ranges;  // [first, last]
    for (std::size_t cid = 1; cid < cid_text_.size(); ++cid) {
        if (cid_text_[cid].empty()) continue;
        if (!ranges.empty() && ranges.back().second + 1 == cid && (cid & 0xFF) != 0) {
            ranges.back().second = cid;
        } else {
            ranges.emplace_back(cid, cid);
        }
    }
    for (std::size_t k = 0; k < ranges.size(); k += 100) {
        std::size_t n = std::min<std::size_t>(100, ranges.size() - k);
        s += std::to_string(n) + " beginbfrange\n";
        for (std::size_t j = k; j < k + n; ++j) {
            s += '<';
            pdf::put_hex4(s, static_cast<unsigned>(ranges[j].first));
            s += "> <";
            pdf::put_hex4(s, static_cast<unsigned>(ranges[j].second));
            s += "> [";
            for (std::size_t cid = ranges[j].first; cid <= ranges[j].second; ++cid) {
                s += '<';
                std::string u = pdf::utf16be(cid_text_[cid]);
                for (std::size_t b = 0; b + 1 < u.size(); b += 2) {
                    pdf::put_hex4(s, (static_cast<unsigned char>(u[b]) << 8) | static_cast<unsigned char>(u[b + 1]));
                }
                s += '>';
            }
            s += "]\n";
        }
        s += "endbfrange\n";
    }
    s += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    return s;
}

std::vector<std::uint16_t> number_glyphs(const std::vector<const paginate::GlyphRun*>& runs,
                                         const std::vector<FontEmbedding*>& by_font) {
    // The distinct (glyph, text) pairs of each font, found through a map by glyph (a glyph
    // almost always has one text; the few that have more are chained), and the pair of every
    // glyph of the runs.
    struct Pair {
        std::uint32_t gid;
        std::string_view text;
        std::uint32_t next;  // another pair of the same glyph, or kEnd
        std::uint16_t cid;
    };
    constexpr std::uint32_t kEnd = 0xFFFFFFFF;
    if (by_font.size() > 0xFF) throw std::runtime_error("more than 255 fonts in one document");
    std::vector<std::vector<Pair>> pairs(by_font.size());
    std::vector<std::unordered_map<std::uint32_t, std::uint32_t>> by_gid(by_font.size());
    std::vector<std::uint32_t> pair_of;  // for each glyph: font << 24 | pair
    for (const paginate::GlyphRun* run : runs) {
        auto& ps = pairs[run->font];
        auto& map = by_gid[run->font];
        for (const paginate::Glyph& g : run->glyphs) {
            std::string_view text = std::string_view(run->text).substr(g.text_begin, g.text_len);
            auto [it, fresh] = map.try_emplace(g.gid, static_cast<std::uint32_t>(ps.size()));
            std::uint32_t k = it->second;
            if (fresh) {
                ps.push_back({g.gid, text, kEnd, 0});
            } else {
                while (ps[k].text != text && ps[k].next != kEnd) k = ps[k].next;
                if (ps[k].text != text) {
                    ps[k].next = static_cast<std::uint32_t>(ps.size());
                    k = ps[k].next;
                    ps.push_back({g.gid, text, kEnd, 0});
                }
            }
            pair_of.push_back(static_cast<std::uint32_t>(run->font) << 24 | k);
        }
    }
    for (std::size_t font = 0; font < pairs.size(); ++font) {
        auto& ps = pairs[font];
        if (ps.empty()) continue;
        std::vector<std::uint32_t> order(ps.size());
        for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
        std::sort(order.begin(), order.end(), [&ps](std::uint32_t a, std::uint32_t b) {
            return ps[a].gid != ps[b].gid ? ps[a].gid < ps[b].gid : ps[a].text < ps[b].text;
        });
        for (std::uint32_t k : order) ps[k].cid = by_font[font]->cid(ps[k].gid, ps[k].text);
    }
    std::vector<std::uint16_t> cids(pair_of.size());
    for (std::size_t i = 0; i < pair_of.size(); ++i) cids[i] = pairs[pair_of[i] >> 24][pair_of[i] & 0xFFFFFF].cid;
    return cids;
}

}  // namespace yoshiki::write
