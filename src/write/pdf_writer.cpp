#include "write/pdf_writer.hpp"

#include <hpdf.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <ctime>
#include <map>
#include <stdexcept>
#include <unordered_map>

#include "base/utf8.hpp"
#include "text/subset.hpp"
#include "write/hpdf_internals.hpp"

namespace yoshiki::write {

namespace {

// Numbers in content streams: fixed precision and no locale, so output is byte-for-byte stable;
// written from the rounded integer (no printf: content numbers are a good part of a batch's work).
void put_number(std::string& out, double v, int decimals = 2) {
    static const long long scales[] = {1, 10, 100, 1000, 10000};
    const long long scale = scales[decimals];
    long long n = std::llround(v * static_cast<double>(scale));
    if (n < 0) {
        out += '-';
        n = -n;
    }
    char buf[32];
    int len = 0;
    long long whole = n / scale, frac = n % scale;
    do {
        buf[len++] = static_cast<char>('0' + whole % 10);
        whole /= 10;
    } while (whole > 0);
    while (len > 0) out += buf[--len];
    if (frac == 0) return;
    out += '.';
    for (long long d = scale / 10; d > 0 && frac > 0; d /= 10) {
        out += static_cast<char>('0' + frac / d);
        frac %= d;
    }
}

void put_hex4(std::string& out, unsigned v) {
    static const char* digits = "0123456789ABCDEF";
    out += digits[(v >> 12) & 0xF];
    out += digits[(v >> 8) & 0xF];
    out += digits[(v >> 4) & 0xF];
    out += digits[v & 0xF];
}

std::string utf16be(const std::string& utf8) {
    std::string out;
    for (std::size_t i = 0; i < utf8.size();) {
        char32_t cp = base::utf8::next(utf8, i);
        auto unit = [&](unsigned u) {
            out += static_cast<char>((u >> 8) & 0xFF);
            out += static_cast<char>(u & 0xFF);
        };
        if (cp >= 0x10000) {
            cp -= 0x10000;
            unit(0xD800 + (cp >> 10));
            unit(0xDC00 + (cp & 0x3FF));
        } else {
            unit(cp);
        }
    }
    return out;
}

// A PDF text string holding any Unicode text: plain ASCII as a literal string (PDFDocEncoding
// agrees with ASCII), anything else as UTF-16BE with its byte order mark (written in hex).
void* text_string(HPDF_Doc doc, const std::string& utf8) {
    bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
    if (ascii) return HPDF_String_New(hpdf::mmgr(doc), utf8.c_str(), nullptr);
    std::string bytes = "\xFE\xFF" + utf16be(utf8);
    return HPDF_Binary_New(hpdf::mmgr(doc), reinterpret_cast<HPDF_BYTE*>(bytes.data()), static_cast<HPDF_UINT>(bytes.size()));
}

// Page content is deflated at zlib's default level (it is most of a batch's work); fonts, written
// once per document, at the best level, where the extra milliseconds buy kilobytes. zlib's
// largest memory level (a bigger hash table, 256 KB more while compressing) finds more matches
// at every level.
std::string deflate(std::string_view in, int level = Z_DEFAULT_COMPRESSION) {
    z_stream z{};
    if (deflateInit2(&z, level, Z_DEFLATED, 15, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("zlib: cannot start compressing");
    }
    std::string out(deflateBound(&z, static_cast<uLong>(in.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    int status = ::deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (status != Z_STREAM_END) throw std::runtime_error("zlib: cannot compress a stream");
    return out;
}

struct Fnv {
    std::uint64_t a = 14695981039346656037ull, b = 0x84222325cbf29ce4ull;
    void add(std::string_view s) {
        for (unsigned char c : s) {
            a = (a ^ c) * 1099511628211ull;
            b = (b ^ c) * 0x100000001b3ull + 0x9E3779B97F4A7C15ull;
        }
    }
};

// One embedded font: the CIDs handed out so far and the dictionary pages refer to.
struct EmbeddedFont {
    const text::Font* font = nullptr;
    std::string resource;  // /F0, /F1 …
    HPDF_Dict type0 = nullptr;
    std::unordered_map<std::string, std::uint16_t> cids;  // key: 4 bytes gid + source text
    std::vector<std::uint32_t> cid_gid{0};                // CID → original glyph id (CID 0: .notdef)
    std::vector<std::string> cid_text{""};
};

struct ErrorState {
    HPDF_STATUS code = HPDF_OK;
    HPDF_STATUS detail = 0;
};

void on_error(HPDF_STATUS code, HPDF_STATUS detail, void* user) {
    auto* e = static_cast<ErrorState*>(user);
    if (e->code == HPDF_OK) {
        e->code = code;
        e->detail = detail;
    }
}

class Writer {
public:
    explicit Writer(const WriteOptions& options) : options_(options) {
        doc_ = HPDF_New(on_error, &error_);
        if (!doc_) throw std::runtime_error("libharu: cannot create a document");
    }
    ~Writer() { HPDF_Free(doc_); }

    void add_part(const paginate::PagedDocument& part) {
        // A department starts on a right-hand page in a two-sided print.
        if (options_.combined && options_.duplex && pages_ % 2 == 1) {
            add_page(part.width, part.height);
            ++pages_;
        }
        PartRecord record;
        record.department = part.info.department;
        record.first_page = pages_;
        number_glyphs(part);
        if (!part.pages.empty()) {
            for (const paginate::Page& page : part.pages) {
                HPDF_Page hp = add_page(part.width, part.height);
                write_page(part, page, hp);
                record.pages.push_back(hp);
                ++pages_;
            }
        }
        for (const paginate::OutlineEntry& e : part.sheets) record.sheets.push_back(e);
        if (parts_.empty() && !options_.combined) single_info_ = part.info;
        parts_.push_back(std::move(record));
        check();
    }

    int page_count() const { return pages_; }
    void set_info(const bind::DocumentInfo& info) { options_.combined_info = info; }

    std::string finish() {
        for (EmbeddedFont& f : fonts_) finish_font(f);
        write_outline();
        if (options_.combined) write_page_labels();
        write_info(options_.combined ? options_.combined_info : single_info_);
        check();
        if (HPDF_SaveToStream(doc_) != HPDF_OK) check();
        HPDF_UINT32 size = HPDF_GetStreamSize(doc_);
        std::string out(size, '\0');
        HPDF_UINT32 got = size;
        HPDF_ReadFromStream(doc_, reinterpret_cast<HPDF_BYTE*>(out.data()), &got);
        out.resize(got);
        check();
        return out;
    }

private:
    void check() {
        if (error_.code != HPDF_OK) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "libharu error 0x%04X (detail %u)", static_cast<unsigned>(error_.code),
                          static_cast<unsigned>(error_.detail));
            throw std::runtime_error(buf);
        }
    }

    HPDF_Page add_page(double width, double height) {
        HPDF_Page page = HPDF_AddPage(doc_);
        if (!page) check();
        HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(width));
        HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(height));
        return page;
    }

    EmbeddedFont& font_for(const text::Font* font) {
        for (EmbeddedFont& f : fonts_) {
            if (f.font == font) return f;
        }
        EmbeddedFont f;
        f.font = font;
        f.resource = "F" + std::to_string(fonts_.size());
        f.type0 = hpdf::new_indirect_dict(doc_);
        fonts_.push_back(std::move(f));
        return fonts_.back();
    }

    // Hands out the CIDs of a part's new (glyph, text) pairs in glyph order before its pages are
    // written: the subset then keeps the font's own order of glyphs (similar outlines side by
    // side, which deflate well) and its glyph ids are the CIDs. The CID of every glyph of the
    // part is kept, in the order write_run meets them.
    void number_glyphs(const paginate::PagedDocument& part) {
        // The distinct (glyph, text) pairs of each font, found through a map by glyph (a glyph
        // almost always has one text; the few that have more are chained), and the pair of
        // every glyph of the part.
        struct Pair {
            std::uint32_t gid;
            std::string_view text;
            std::uint32_t next;  // another pair of the same glyph, or kEnd
            std::uint16_t cid;
        };
        constexpr std::uint32_t kEnd = 0xFFFFFFFF;
        if (part.fonts.size() > 0xFF) throw std::runtime_error("more than 255 fonts in one document");
        std::vector<std::vector<Pair>> pairs(part.fonts.size());
        std::vector<std::unordered_map<std::uint32_t, std::uint32_t>> by_gid(part.fonts.size());
        std::vector<std::uint32_t> pair_of;  // for each glyph of the part: font << 24 | pair
        for (const paginate::Page& page : part.pages) {
            for (const paginate::GlyphRun& run : page.runs) {
                auto& ps = pairs[run.font];
                auto& map = by_gid[run.font];
                for (const paginate::Glyph& g : run.glyphs) {
                    std::string_view text = std::string_view(run.text).substr(g.text_begin, g.text_len);
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
                    pair_of.push_back(static_cast<std::uint32_t>(run.font) << 24 | k);
                }
            }
        }
        for (std::size_t font = 0; font < pairs.size(); ++font) {
            auto& ps = pairs[font];
            if (ps.empty()) continue;
            EmbeddedFont& f = font_for(part.fonts[font].get());
            std::vector<std::uint32_t> order(ps.size());
            for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
            std::sort(order.begin(), order.end(), [&ps](std::uint32_t a, std::uint32_t b) {
                return ps[a].gid != ps[b].gid ? ps[a].gid < ps[b].gid : ps[a].text < ps[b].text;
            });
            for (std::uint32_t k : order) ps[k].cid = cid_for(f, ps[k].gid, ps[k].text);
        }
        part_cids_.resize(pair_of.size());
        for (std::size_t i = 0; i < pair_of.size(); ++i) part_cids_[i] = pairs[pair_of[i] >> 24][pair_of[i] & 0xFFFFFF].cid;
        next_cid_ = 0;
    }

    std::uint16_t cid_for(EmbeddedFont& f, std::uint32_t gid, std::string_view text) {
        std::string key(4, '\0');
        for (int i = 0; i < 4; ++i) key[i] = static_cast<char>((gid >> (8 * i)) & 0xFF);
        key.append(text);
        auto it = f.cids.find(key);
        if (it != f.cids.end()) return it->second;
        if (f.cid_gid.size() >= 0xFFFF) throw std::runtime_error("more than 65,535 distinct glyphs in one font");
        auto cid = static_cast<std::uint16_t>(f.cid_gid.size());
        f.cid_gid.push_back(gid);
        f.cid_text.emplace_back(text);
        f.cids.emplace(std::move(key), cid);
        return cid;
    }

    void write_page(const paginate::PagedDocument& part, const paginate::Page& page, HPDF_Page hp) {
        const double h = part.height;
        std::string ops;
        ops.reserve(16384);
        for (const paginate::Fill& f : page.fills) {
            put_number(ops, f.gray, 3);
            ops += " g ";
            put_number(ops, f.x);
            ops += ' ';
            put_number(ops, h - f.y - f.h);
            ops += ' ';
            put_number(ops, f.w);
            ops += ' ';
            put_number(ops, f.h);
            ops += " re f\n";
        }
        if (!page.fills.empty()) ops += "0 g\n";

        std::vector<EmbeddedFont*> used;
        char_spacing_ = 0;  // each page starts with a fresh graphics state
        if (!page.runs.empty()) ops += "BT\n";
        line_x_ = line_y_ = 0;  // BT sets the text line matrix to the identity
        const EmbeddedFont* current = nullptr;
        float current_size = 0;
        for (const paginate::GlyphRun& run : page.runs) {
            if (run.glyphs.empty()) continue;
            EmbeddedFont& f = font_for(part.fonts[run.font].get());
            if (std::find(used.begin(), used.end(), &f) == used.end()) used.push_back(&f);
            if (&f != current || run.size != current_size) {
                ops += '/';
                ops += f.resource;
                ops += ' ';
                put_number(ops, run.size);
                ops += " Tf\n";
                current = &f;
                current_size = run.size;
            }
            write_run(part, run, h, ops);
        }
        if (!page.runs.empty()) ops += "ET\n";

        // Rules, grouped by width so that each width is set once, with the pieces of one ruled line
        // (a table's rule drawn cell by cell) joined into one segment: the same ink, fewer bytes.
        std::map<double, std::vector<paginate::Rule>> by_width;
        for (const paginate::Rule& r : page.rules) by_width[r.width].push_back(r);
        for (auto& [width, rules] : by_width) {
            put_number(ops, width, 3);
            ops += " w\n";
            for (const paginate::Rule& r : join_rules(rules)) {
                put_number(ops, r.x0);
                ops += ' ';
                put_number(ops, h - r.y0);
                ops += " m ";
                put_number(ops, r.x1);
                ops += ' ';
                put_number(ops, h - r.y1);
                ops += " l\n";
            }
            ops += "S\n";
        }
        hpdf::set_deflated_content(hp, deflate(ops));
        id_hash_.add(ops);

        // One /Resources for every page, naming every font of the document: a print document
        // of ten thousand pages would otherwise hold ten thousand copies of the same few names.
        if (!resources_) {
            resources_ = hpdf::new_indirect_dict(doc_);
            resource_fonts_ = HPDF_Dict_New(hpdf::mmgr(doc_));
            HPDF_Dict_Add(resources_, "Font", resource_fonts_);
        }
        for (EmbeddedFont* f : used) {
            if (!HPDF_Dict_GetItem(resource_fonts_, f->resource.c_str(), HPDF_OCLASS_DICT)) {
                HPDF_Dict_Add(resource_fonts_, f->resource.c_str(), f->type0);
            }
        }
        HPDF_Dict_Add(hp, "Resources", resources_);
    }

    // Horizontal rules on one line and vertical rules on one column that touch or overlap become
    // one rule (butt caps: the ink is the same); others stay as they are, in their order.
    static std::vector<paginate::Rule> join_rules(std::vector<paginate::Rule> rules) {
        auto same = [](double a, double b) { return std::abs(a - b) < 0.005; };
        std::vector<paginate::Rule> lines, others;
        for (paginate::Rule r : rules) {
            if (same(r.y0, r.y1)) {
                if (r.x1 < r.x0) std::swap(r.x0, r.x1);
                r.y1 = r.y0;
                lines.push_back(r);
            } else if (same(r.x0, r.x1)) {
                // A vertical rule kept as a horizontal one with x and y swapped, to share the code.
                if (r.y1 < r.y0) std::swap(r.y0, r.y1);
                lines.push_back({r.y0, r.x0, r.y1, r.x0, -1});
            } else {
                others.push_back(r);
            }
        }
        std::stable_sort(lines.begin(), lines.end(), [](const paginate::Rule& a, const paginate::Rule& b) {
            if (a.width != b.width) return a.width > b.width;  // horizontals (width >= 0) first
            if (a.y0 != b.y0) return a.y0 < b.y0;
            return a.x0 < b.x0;
        });
        std::vector<paginate::Rule> out;
        for (const paginate::Rule& r : lines) {
            if (!out.empty() && out.back().width == r.width && same(out.back().y0, r.y0) && r.x0 <= out.back().x1 + 0.005) {
                out.back().x1 = std::max(out.back().x1, r.x1);
            } else {
                out.push_back(r);
            }
        }
        for (paginate::Rule& r : out) {
            if (r.width < 0) r = {r.y0, r.x0, r.y0, r.x1, 0};  // back to vertical
        }
        out.insert(out.end(), others.begin(), others.end());
        return out;
    }

    // One run as a TJ array: each glyph where the typesetter put it, by kerning the difference
    // between the font's advance and the set position. The gap most glyphs share (the spread
    // of a justified line) is set once as character spacing (Tc) instead of after every glyph.
    void write_run(const paginate::PagedDocument& part, const paginate::GlyphRun& run, double h,
                   std::string& ops) {
        const text::Font& font = *part.fonts[run.font];
        const double upem = font.metrics().units_per_em;
        const double size = run.size;
        const std::size_t n = run.glyphs.size();

        std::vector<std::uint16_t> cids(n);
        std::vector<double> advance(n);  // pt
        std::map<long, int> gap_count;   // in hundredths of a point
        for (std::size_t i = 0; i < n; ++i) {
            const paginate::Glyph& g = run.glyphs[i];
            cids[i] = part_cids_[next_cid_++];
            advance[i] = width_of(font, g.gid, upem) * size / 1000.0;
            // Zero gaps count too: a line set solid with a few squeezed commas keeps Tc at 0.
            if (i > 0) ++gap_count[std::lround((g.x - (run.glyphs[i - 1].x + advance[i - 1])) * 100.0)];
        }
        double tc = 0;
        int best = 0;
        for (const auto& [gap, count] : gap_count) {
            if (count > best) {
                best = count;
                tc = static_cast<double>(gap) / 100.0;
            }
        }
        if (best < 3) tc = 0;
        if (std::abs(tc - char_spacing_) > 1e-9) {
            put_number(ops, tc, 3);
            ops += " Tc\n";
            char_spacing_ = tc;
        }

        std::size_t i = 0;
        while (i < n) {
            // A new text matrix at each change of vertical offset (rare: marks, superscripts).
            float y_off = run.glyphs[i].y_offset;
            double pen = run.glyphs[i].x;
            // Each segment starts with a move relative to the start of the last (Td): the lines of
            // a paragraph all move by the same "0 -15.75", which compresses to almost nothing.
            // Positions are kept in hundredths of a point so that rounding never accumulates.
            long x = std::lround((run.x + pen) * 100.0), y = std::lround((h - run.y + y_off) * 100.0);
            put_number(ops, static_cast<double>(x - line_x_) / 100.0);
            ops += ' ';
            put_number(ops, static_cast<double>(y - line_y_) / 100.0);
            ops += " Td [(";
            line_x_ = x;
            line_y_ = y;
            for (; i < n && run.glyphs[i].y_offset == y_off; ++i) {
                double gap = run.glyphs[i].x - pen;  // pt, positive moves right
                // TJ numbers are in thousandths of the size and move left when positive; less
                // than a thousandth of an em is not worth a number.
                double adjust = std::round(-gap * 1000.0 / size * 10.0) / 10.0;
                if (std::abs(adjust) >= 1.0) {
                    ops += ')';
                    put_number(ops, adjust, 1);
                    ops += '(';
                    pen -= adjust * size / 1000.0;
                }
                put_code(ops, cids[i]);
                pen += advance[i] + tc;
            }
            ops += ")] TJ\n";
        }
    }

    // A two-byte code in a literal string: half the bytes of hex; the PDF's own escapes for
    // ( ) \ and the line ends a reader would otherwise normalise.
    static void put_code(std::string& ops, std::uint16_t cid) {
        for (unsigned char c : {static_cast<unsigned char>(cid >> 8), static_cast<unsigned char>(cid & 0xFF)}) {
            switch (c) {
                case '(': ops += "\\("; break;
                case ')': ops += "\\)"; break;
                case '\\': ops += "\\\\"; break;
                case '\r': ops += "\\r"; break;
                case '\n': ops += "\\n"; break;
                default: ops += static_cast<char>(c);
            }
        }
    }

    static double width_of(const text::Font& font, std::uint32_t gid, double upem) {
        // The same rounding as the /W array, so the pen advances exactly as viewers move it.
        return std::round(font.advance(gid) * 1000.0 / upem);
    }

    void finish_font(EmbeddedFont& f) {
        const text::Font& font = *f.font;
        const text::FontMetrics& m = font.metrics();
        const double upem = m.units_per_em;
        auto scaled = [&](double v) { return std::round(v * 1000.0 / upem); };

        // The subset's glyphs in CID order, so that the CIDs are its glyph ids (/CIDToGIDMap
        // /Identity); a font without TrueType outlines to reorder is subset as it comes, and
        // reached through a CIDToGIDMap stream of two bytes per CID.
        std::string program = text::subset_in_order(font, f.cid_gid);
        std::string cid_to_gid;
        if (program.empty()) {
            std::vector<std::uint32_t> gids(f.cid_gid.begin(), f.cid_gid.end());
            std::sort(gids.begin(), gids.end());
            gids.erase(std::unique(gids.begin(), gids.end()), gids.end());
            text::FontSubset sub = text::subset(font, gids);
            if (sub.bytes.empty()) throw std::runtime_error("cannot subset the font " + font.path());
            std::map<std::uint32_t, std::uint32_t> new_gid;
            for (std::size_t k = 0; k < gids.size(); ++k) new_gid[gids[k]] = sub.new_gids[k];
            for (std::size_t cid = 0; cid < f.cid_gid.size(); ++cid) {
                std::uint32_t g = cid == 0 ? 0 : new_gid[f.cid_gid[cid]];
                cid_to_gid += static_cast<char>((g >> 8) & 0xFF);
                cid_to_gid += static_cast<char>(g & 0xFF);
            }
            program = std::move(sub.bytes);
        }

        // The subset tag names the glyphs in their order, so identical subsets get identical names.
        Fnv tag_hash;
        tag_hash.add(m.postscript_name);
        for (std::uint32_t g : f.cid_gid) tag_hash.add(std::string_view(reinterpret_cast<const char*>(&g), sizeof g));
        std::string tag;
        std::uint64_t t = tag_hash.a;
        for (int k = 0; k < 6; ++k, t /= 26) tag += static_cast<char>('A' + t % 26);
        std::string base_font = tag + "+" + m.postscript_name;

        HPDF_MMgr mm = hpdf::mmgr(doc_);
        HPDF_Dict file = hpdf::new_deflated_stream(doc_, deflate(program, Z_BEST_COMPRESSION));
        HPDF_Dict_AddNumber(file, "Length1", static_cast<HPDF_INT32>(program.size()));

        HPDF_Dict desc = hpdf::new_indirect_dict(doc_);
        HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
        HPDF_Dict_AddName(desc, "FontName", base_font.c_str());
        // Flags: 4 = symbolic (glyphs outside the standard Latin set), 1 = fixed pitch.
        HPDF_Dict_AddNumber(desc, "Flags", 4 | (m.fixed_pitch ? 1 : 0));
        HPDF_Array bbox = HPDF_Array_New(mm);
        for (int v : m.bbox) HPDF_Array_AddNumber(bbox, static_cast<HPDF_INT32>(scaled(v)));
        HPDF_Dict_Add(desc, "FontBBox", bbox);
        HPDF_Dict_AddNumber(desc, "ItalicAngle", static_cast<HPDF_INT32>(m.italic_angle));
        HPDF_Dict_AddNumber(desc, "Ascent", static_cast<HPDF_INT32>(scaled(m.ascender)));
        HPDF_Dict_AddNumber(desc, "Descent", static_cast<HPDF_INT32>(scaled(m.descender)));
        HPDF_Dict_AddNumber(desc, "CapHeight", static_cast<HPDF_INT32>(scaled(m.cap_height)));
        HPDF_Dict_AddNumber(desc, "StemV", 80);  // not in TrueType fonts; 80 is a regular weight
        HPDF_Dict_Add(desc, "FontFile2", file);

        std::vector<int> widths;
        widths.reserve(f.cid_gid.size());
        for (std::uint32_t g : f.cid_gid) widths.push_back(static_cast<int>(width_of(font, g, upem)));

        HPDF_Dict cid_font = hpdf::new_indirect_dict(doc_);
        HPDF_Dict_AddName(cid_font, "Type", "Font");
        HPDF_Dict_AddName(cid_font, "Subtype", "CIDFontType2");
        HPDF_Dict_AddName(cid_font, "BaseFont", base_font.c_str());
        HPDF_Dict sysinfo = HPDF_Dict_New(mm);
        HPDF_Dict_Add(sysinfo, "Registry", HPDF_String_New(mm, "Adobe", nullptr));
        HPDF_Dict_Add(sysinfo, "Ordering", HPDF_String_New(mm, "Identity", nullptr));
        HPDF_Dict_AddNumber(sysinfo, "Supplement", 0);
        HPDF_Dict_Add(cid_font, "CIDSystemInfo", sysinfo);
        HPDF_Dict_Add(cid_font, "FontDescriptor", desc);
        HPDF_Dict_AddNumber(cid_font, "DW", 1000);
        // /W lists only the CIDs whose width is not the default em (Latin, half-width forms),
        // as runs "first [w w …]": a page of kanji needs almost none.
        HPDF_Array w = HPDF_Array_New(mm);
        for (std::size_t cid = 1; cid < widths.size();) {
            if (widths[cid] == 1000) {
                ++cid;
                continue;
            }
            HPDF_Array_AddNumber(w, static_cast<HPDF_INT32>(cid));
            HPDF_Array run = HPDF_Array_New(mm);
            for (; cid < widths.size() && widths[cid] != 1000; ++cid) HPDF_Array_AddNumber(run, widths[cid]);
            HPDF_Array_Add(w, run);
        }
        HPDF_Dict_Add(cid_font, "W", w);
        if (cid_to_gid.empty()) {
            HPDF_Dict_AddName(cid_font, "CIDToGIDMap", "Identity");
        } else {
            HPDF_Dict_Add(cid_font, "CIDToGIDMap", hpdf::new_deflated_stream(doc_, deflate(cid_to_gid, Z_BEST_COMPRESSION)));
        }

        HPDF_Dict to_unicode = hpdf::new_deflated_stream(doc_, deflate(to_unicode_cmap(f), Z_BEST_COMPRESSION));

        HPDF_Dict_AddName(f.type0, "Type", "Font");
        HPDF_Dict_AddName(f.type0, "Subtype", "Type0");
        HPDF_Dict_AddName(f.type0, "BaseFont", base_font.c_str());
        HPDF_Dict_AddName(f.type0, "Encoding", "Identity-H");
        HPDF_Array desc_fonts = HPDF_Array_New(mm);
        HPDF_Array_Add(desc_fonts, cid_font);
        HPDF_Dict_Add(f.type0, "DescendantFonts", desc_fonts);
        HPDF_Dict_Add(f.type0, "ToUnicode", to_unicode);
        check();
    }

    // The ToUnicode CMap: each CID to the exact source text of its glyph (PDF 32000 9.10.3).
    // CIDs are handed out in order, so the map is written as ranges with an array of targets,
    // "<0100> <01FF> [<76EE> <6A19> …]": the CIDs are not spelt out, which halves the map. A range
    // stays within one block of 256 codes (its codes differ only in the last byte), and a CID
    // without text (the second glyph of a cluster) ends one.
    static std::string to_unicode_cmap(const EmbeddedFont& f) {
        std::string s =
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
        std::vector<std::pair<std::size_t, std::size_t>> ranges;  // [first, last]
        for (std::size_t cid = 1; cid < f.cid_text.size(); ++cid) {
            if (f.cid_text[cid].empty()) continue;
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
                put_hex4(s, static_cast<unsigned>(ranges[j].first));
                s += "> <";
                put_hex4(s, static_cast<unsigned>(ranges[j].second));
                s += "> [";
                for (std::size_t cid = ranges[j].first; cid <= ranges[j].second; ++cid) {
                    s += '<';
                    std::string u = utf16be(f.cid_text[cid]);
                    for (std::size_t b = 0; b + 1 < u.size(); b += 2) {
                        put_hex4(s, (static_cast<unsigned char>(u[b]) << 8) | static_cast<unsigned char>(u[b + 1]));
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

    void set_title(HPDF_Outline o, const std::string& title) { HPDF_Dict_Add(o, "Title", text_string(doc_, title)); }

    // An outline entry's destination, the whole page, written inside the entry: libharu's own
    // destinations are objects of their own, two lines of cross-reference each.
    void set_destination(HPDF_Outline o, HPDF_Page page) {
        HPDF_Array dest = HPDF_Array_New(hpdf::mmgr(doc_));
        HPDF_Array_Add(dest, page);
        HPDF_Array_AddName(dest, "Fit");
        HPDF_Dict_Add(o, "Dest", dest);
    }

    void write_outline() {
        for (const PartRecord& part : parts_) {
            HPDF_Outline parent = nullptr;
            if (options_.combined) {
                parent = HPDF_CreateOutline(doc_, nullptr, "", nullptr);
                set_title(parent, part.department);
                if (!part.pages.empty()) set_destination(parent, part.pages.front());
                HPDF_Outline_SetOpened(parent, HPDF_TRUE);
            }
            for (const paginate::OutlineEntry& e : part.sheets) {
                HPDF_Outline o = HPDF_CreateOutline(doc_, parent, "", nullptr);
                set_title(o, e.title);
                if (e.page >= 0 && e.page < static_cast<int>(part.pages.size())) {
                    set_destination(o, part.pages[e.page]);
                }
            }
        }
        if (!parts_.empty()) HPDF_SetPageMode(doc_, HPDF_PAGE_MODE_USE_OUTLINE);
    }

    // Page labels: "総務課 1", "総務課 2" … so that a viewer's page box speaks of departments.
    void write_page_labels() {
        HPDF_MMgr mm = hpdf::mmgr(doc_);
        HPDF_Dict labels = HPDF_Dict_New(mm);
        HPDF_Array nums = HPDF_Array_New(mm);
        int next = 0;
        for (const PartRecord& part : parts_) {
            if (part.first_page > next) {
                // The blank back side before a department: a plain label of its own.
                HPDF_Array_AddNumber(nums, next);
                HPDF_Dict blank = HPDF_Dict_New(mm);
                HPDF_Dict_AddName(blank, "S", "D");
                HPDF_Dict_AddNumber(blank, "St", next + 1);
                HPDF_Array_Add(nums, blank);
            }
            HPDF_Array_AddNumber(nums, part.first_page);
            HPDF_Dict label = HPDF_Dict_New(mm);
            HPDF_Dict_AddName(label, "S", "D");
            HPDF_Dict_Add(label, "P", text_string(doc_, part.department + " "));
            HPDF_Array_Add(nums, label);
            next = part.first_page + static_cast<int>(part.pages.size());
        }
        HPDF_Dict_Add(labels, "Nums", nums);
        HPDF_Dict_Add(hpdf::catalog(doc_), "PageLabels", labels);
    }

    void write_info(const bind::DocumentInfo& info) {
        std::time_t t = static_cast<std::time_t>(info.creation_time);
        std::tm tm{};
        gmtime_r(&t, &tm);
        HPDF_Date date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, 'Z', 0, 0};
        HPDF_SetInfoDateAttr(doc_, HPDF_INFO_CREATION_DATE, date);
        HPDF_Dict d = hpdf::info(doc_);
        std::string producer = options_.creator + " (libharu " + HPDF_GetVersion() + ")";
        HPDF_Dict_Add(d, "Producer", text_string(doc_, producer));
        HPDF_Dict_Add(d, "Creator", text_string(doc_, options_.creator));
        if (!info.title.empty()) HPDF_Dict_Add(d, "Title", text_string(doc_, info.title));
        if (!info.author.empty()) HPDF_Dict_Add(d, "Author", text_string(doc_, info.author));
        if (!info.subject.empty()) HPDF_Dict_Add(d, "Subject", text_string(doc_, info.subject));
        if (!info.keywords.empty()) HPDF_Dict_Add(d, "Keywords", text_string(doc_, info.keywords));

        char iso[32];
        std::strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
        std::string xmp = xmp_packet(info, producer, iso);
        HPDF_Dict meta = hpdf::new_stream(doc_, xmp);  // XMP stays readable to tools that scan files
        HPDF_Dict_AddName(meta, "Type", "Metadata");
        HPDF_Dict_AddName(meta, "Subtype", "XML");
        HPDF_Dict_Add(hpdf::catalog(doc_), "Metadata", meta);

        // The document ID is derived from the content, so the same input gives the same file.
        id_hash_.add(info.title);
        id_hash_.add(xmp);
        std::string id(16, '\0');
        for (int k = 0; k < 8; ++k) {
            id[k] = static_cast<char>((id_hash_.a >> (8 * k)) & 0xFF);
            id[8 + k] = static_cast<char>((id_hash_.b >> (8 * k)) & 0xFF);
        }
        HPDF_Array ids = HPDF_Array_New(hpdf::mmgr(doc_));
        for (int k = 0; k < 2; ++k) {
            HPDF_Array_Add(ids, HPDF_Binary_New(hpdf::mmgr(doc_), reinterpret_cast<HPDF_BYTE*>(id.data()), 16));
        }
        HPDF_Dict_Add(hpdf::trailer(doc_), "ID", ids);
    }

    static std::string xml_escape(const std::string& s) {
        std::string out;
        for (char c : s) {
            if (c == '&') out += "&amp;";
            else if (c == '<') out += "&lt;";
            else if (c == '>') out += "&gt;";
            else out += c;
        }
        return out;
    }

    std::string xmp_packet(const bind::DocumentInfo& info, const std::string& producer, const char* date) const {
        std::string x =
            "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
            "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
            "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
            "<dc:format>application/pdf</dc:format>\n";
        x += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(info.title) + "</rdf:li></rdf:Alt></dc:title>\n";
        x += "<dc:creator><rdf:Seq><rdf:li>" + xml_escape(info.author) + "</rdf:li></rdf:Seq></dc:creator>\n";
        x += "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(info.subject) +
             "</rdf:li></rdf:Alt></dc:description>\n";
        x += "<pdf:Keywords>" + xml_escape(info.keywords) + "</pdf:Keywords>\n";
        x += "<pdf:Producer>" + xml_escape(producer) + "</pdf:Producer>\n";
        x += "<xmp:CreatorTool>" + xml_escape(options_.creator) + "</xmp:CreatorTool>\n";
        x += std::string("<xmp:CreateDate>") + date + "</xmp:CreateDate>\n";
        x += "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>";
        return x;
    }

    struct PartRecord {
        std::string department;
        int first_page = 0;
        std::vector<HPDF_Page> pages;
        std::vector<paginate::OutlineEntry> sheets;
    };

    WriteOptions options_;
    ErrorState error_;
    HPDF_Doc doc_ = nullptr;
    std::deque<EmbeddedFont> fonts_;  // a deque: pages keep pointers to its elements
    Fnv id_hash_;
    std::vector<std::uint16_t> part_cids_;  // the CID of each glyph of the part being written
    std::size_t next_cid_ = 0;
    double char_spacing_ = 0;  // Tc in force in the page being written
    long line_x_ = 0, line_y_ = 0;  // start of the current text line, in hundredths of a point
    HPDF_Dict resources_ = nullptr;       // shared by all pages
    HPDF_Dict resource_fonts_ = nullptr;
    int pages_ = 0;
    std::vector<PartRecord> parts_;
    bind::DocumentInfo single_info_;
};

}  // namespace

class PdfBuilder::Impl : public Writer {
public:
    using Writer::Writer;
};

PdfBuilder::PdfBuilder(const WriteOptions& options) : impl_(std::make_unique<Impl>(options)) {}
PdfBuilder::~PdfBuilder() = default;
void PdfBuilder::add_part(const paginate::PagedDocument& part) { impl_->add_part(part); }
int PdfBuilder::page_count() const { return impl_->page_count(); }
void PdfBuilder::set_info(const bind::DocumentInfo& info) { impl_->set_info(info); }
std::string PdfBuilder::finish() { return impl_->finish(); }

std::string write_pdf(const paginate::PagedDocument& doc, const std::string& creator) {
    WriteOptions options;
    options.creator = creator;
    PdfBuilder builder(options);
    builder.add_part(doc);
    return builder.finish();
}

}  // namespace yoshiki::write
