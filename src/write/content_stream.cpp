#include "write/content_stream.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "pdf/syntax.hpp"

namespace yoshiki::write {

namespace {

// Horizontal rules on one line and vertical rules on one column that touch or overlap become
// one rule (butt caps: the ink is the same); others stay as they are, in their order.
std::vector<paginate::Rule> join_rules(const std::vector<paginate::Rule>& rules) {
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

// A two-byte code in a literal string: half the bytes of hex; the PDF's own escapes for
// ( ) \ and the line ends a reader would otherwise normalise.
void put_code(std::string& ops, std::uint16_t cid) {
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

// The artifact's marked-content properties (PDF 32000-1, 14.8.2.2.2): a footer and a draft mark
// are pagination artifacts; rules and shading are the layout's.
const char* artifact_properties(paginate::Artifact kind) {
    switch (kind) {
        case paginate::Artifact::footer: return "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n";
        case paginate::Artifact::watermark: return "/Artifact <</Type /Pagination /Subtype /Watermark>> BDC\n";
        default: return "/Artifact BMC\n";
    }
}

}  // namespace

void ContentStream::text_color(double r, double g, double b) {
    text_fill_.clear();
    for (double v : {r, g, b}) {
        pdf::put_number(text_fill_, v, 3);
        text_fill_ += ' ';
    }
    text_fill_ += "rg";
}

void ContentStream::begin_text() {
    if (in_text_) return;
    if (fill_ != text_fill_) {
        ops_ += text_fill_;  // text is black, unless text_color said otherwise
        ops_ += '\n';
        fill_ = text_fill_;
    }
    ops_ += "BT\n";
    in_text_ = true;
    line_x_ = line_y_ = 0;  // BT sets the text line matrix to the identity
    turned_ = false;
}

void ContentStream::end_text() {
    if (!in_text_) return;
    if (marked_ != Marked::none && marked_in_text_) end_marked();
    ops_ += "ET\n";
    in_text_ = false;
}

void ContentStream::end_marked() {
    if (marked_ == Marked::none) return;
    ops_ += "EMC\n";
    marked_ = Marked::none;
}

void ContentStream::begin_node(const std::string& type, int mcid) {
    if (!tagged_) return;
    end_marked();
    // Marked content of text lives inside the text object: paths (fills, rules) cannot.
    begin_text();
    ops_ += '/';
    ops_ += type;
    ops_ += " <</MCID ";
    ops_ += std::to_string(mcid);
    ops_ += ">> BDC\n";
    marked_ = Marked::node;
    marked_in_text_ = true;
}

void ContentStream::begin_artifact(paginate::Artifact kind, bool text) {
    if (!tagged_) return;
    if (marked_ == Marked::artifact && artifact_ == kind && marked_in_text_ == text) return;
    end_marked();
    if (text) begin_text();
    else end_text();
    ops_ += artifact_properties(kind);
    marked_ = Marked::artifact;
    artifact_ = kind;
    marked_in_text_ = text;
}

// The actual text as a literal string of UTF-16BE with its byte order mark: half the bytes of
// the hex form, which deflate cannot shrink as well.
void ContentStream::begin_span(const std::string& actual_text) {
    ops_ += "/Span <</ActualText (\xFE\xFF";
    std::string u = pdf::utf16be(actual_text);
    for (std::size_t b = 0; b + 1 < u.size(); b += 2) {
        put_code(ops_, static_cast<std::uint16_t>((static_cast<unsigned char>(u[b]) << 8) | static_cast<unsigned char>(u[b + 1])));
    }
    ops_ += ")>> BDC\n";
}

void ContentStream::fill(const paginate::Fill& f) {
    end_text();
    std::string gray;
    pdf::put_number(gray, f.gray, 3);
    gray += " g";
    if (gray != fill_) {
        ops_ += gray;
        ops_ += ' ';
        fill_ = std::move(gray);
    }
    pdf::put_number(ops_, f.x);
    ops_ += ' ';
    pdf::put_number(ops_, height_ - f.y - f.h);
    ops_ += ' ';
    pdf::put_number(ops_, f.w);
    ops_ += ' ';
    pdf::put_number(ops_, f.h);
    ops_ += " re f\n";
}

void ContentStream::image(const paginate::Image& im, const std::string& resource) {
    end_text();
    ops_ += "q ";
    pdf::put_number(ops_, im.w);
    ops_ += " 0 0 ";
    pdf::put_number(ops_, im.h);
    ops_ += ' ';
    pdf::put_number(ops_, im.x);
    ops_ += ' ';
    pdf::put_number(ops_, height_ - im.y - im.h);
    ops_ += " cm /";
    ops_ += resource;
    ops_ += " Do Q\n";
}

void ContentStream::rules(std::vector<paginate::Rule> rules) {
    end_text();
    // Grouped by width so that each width is set once, with the pieces of one ruled line (a
    // table's rule drawn cell by cell) joined into one segment: the same ink, fewer bytes.
    std::map<double, std::vector<paginate::Rule>> by_width;
    for (const paginate::Rule& r : rules) by_width[r.width].push_back(r);
    for (auto& [width, group] : by_width) {
        pdf::put_number(ops_, width, 3);
        ops_ += " w\n";
        for (const paginate::Rule& r : join_rules(group)) {
            pdf::put_number(ops_, r.x0);
            ops_ += ' ';
            pdf::put_number(ops_, height_ - r.y0);
            ops_ += " m ";
            pdf::put_number(ops_, r.x1);
            ops_ += ' ';
            pdf::put_number(ops_, height_ - r.y1);
            ops_ += " l\n";
        }
        ops_ += "S\n";
    }
}

void ContentStream::set_font(const std::string& resource, float size) {
    begin_text();
    if (resource == font_ && size == size_) return;
    ops_ += '/';
    ops_ += resource;
    ops_ += ' ';
    pdf::put_number(ops_, size);
    ops_ += " Tf\n";
    font_ = resource;
    size_ = size;
}

// One run as a TJ array: each glyph where the typesetter put it, by kerning the difference
// between the font's advance and the set position. The gap most glyphs share (the spread of a
// justified line) is set once as character spacing (Tc) instead of after every glyph. A condensed
// run (長体) is drawn with horizontal scaling (Tz), which scales every advance, Tc and TJ number
// alike: the glyphs stay whole glyphs, so their text extracts as it is.
void ContentStream::run_glyphs(const paginate::GlyphRun& run, const std::uint16_t* cids, const double* advance) {
    const double size = run.size, scale = run.scale;
    const std::size_t n = run.glyphs.size();
    std::map<long, int> gap_count;  // in hundredths of a point
    for (std::size_t i = 1; i < n; ++i) {
        // Zero gaps count too: a line set solid with a few squeezed commas keeps Tc at 0.
        ++gap_count[std::lround((run.glyphs[i].x - (run.glyphs[i - 1].x + advance[i - 1] * scale)) * 100.0)];
    }
    double tc = 0;  // pt on the page; the operand is this before the scaling
    int best = 0;
    for (const auto& [gap, count] : gap_count) {
        if (count > best) {
            best = count;
            tc = static_cast<double>(gap) / 100.0;
        }
    }
    if (best < 3) tc = 0;
    set_spacing(tc, scale);

    std::size_t i = 0;
    while (i < n) {
        // A new text matrix at each change of vertical offset (rare: marks, superscripts).
        float y_off = run.glyphs[i].y_offset;
        double pen = run.glyphs[i].x;
        // Each segment starts with a move relative to the start of the last (Td): the lines of
        // a paragraph all move by the same "0 -15.75", which compresses to almost nothing.
        // Positions are kept in hundredths of a point so that rounding never accumulates.
        move_to(std::lround((run.x + pen) * 100.0), std::lround((height_ - run.y + y_off) * 100.0));
        ops_ += " [(";
        for (; i < n && run.glyphs[i].y_offset == y_off; ++i) {
            double gap = run.glyphs[i].x - pen;  // pt, positive moves right
            // TJ numbers are in thousandths of the size and move left when positive; less
            // than a thousandth of an em is not worth a number.
            double adjust = std::round(-gap * 1000.0 / (size * scale) * 10.0) / 10.0;
            if (std::abs(adjust) >= 1.0) {
                ops_ += ')';
                pdf::put_number(ops_, adjust, 1);
                ops_ += '(';
                pen -= adjust * size * scale / 1000.0;
            }
            put_code(ops_, cids[i]);
            pen += advance[i] * scale + tc;
        }
        ops_ += ")] TJ\n";
    }
}

// Character spacing (Tc, pt on the page) and horizontal scaling (Tz) for the glyphs that follow.
void ContentStream::set_spacing(double tc, double scale) {
    if (std::abs(scale - scale_) > 1e-6) {
        pdf::put_number(ops_, scale * 100.0, 2);
        ops_ += " Tz\n";
        scale_ = scale;
    }
    if (std::abs(tc / scale - char_spacing_) > 1e-9) {
        pdf::put_number(ops_, tc / scale, 3);
        ops_ += " Tc\n";
        char_spacing_ = tc / scale;
    }
}

// The text matrix set whole: its rotation ("a b c d ") and its origin (x, y), hundredths of a point.
void ContentStream::set_matrix(const char* rotation, long x, long y) {
    ops_ += rotation;
    pdf::put_number(ops_, static_cast<double>(x) / 100.0);
    ops_ += ' ';
    pdf::put_number(ops_, static_cast<double>(y) / 100.0);
    ops_ += " Tm";
    line_x_ = x;
    line_y_ = y;
}

// Moves the text line to (x, y), hundredths of a point: relative to the last (Td), or after a
// turned run, with the whole matrix set again (Tm).
void ContentStream::move_to(long x, long y) {
    if (turned_) {
        set_matrix("1 0 0 1 ", x, y);
        turned_ = false;
    } else {
        pdf::put_number(ops_, static_cast<double>(x - line_x_) / 100.0);
        ops_ += ' ';
        pdf::put_number(ops_, static_cast<double>(y - line_y_) / 100.0);
        ops_ += " Td";
        line_x_ = x;
        line_y_ = y;
    }
}

// A run of a column (縦書き). Upright glyphs are shown in the font's vertical mode (Identity-V):
// the pen goes down by each glyph's vertical advance (/W2), and a TJ number moves it further down
// when positive (PDF 32000-1, 9.4.4). A turned run (a Latin word) is shown as a line under a text
// matrix turned 90° clockwise, its baseline down the column. Neither uses Tc or Tz, whose effect
// in vertical mode readers do not agree on.
void ContentStream::column_glyphs(const paginate::GlyphRun& run, const std::uint16_t* cids, const double* advance) {
    const double size = run.size;
    set_spacing(0, 1);
    const bool turned = run.mode == paginate::RunMode::turned;
    const std::size_t n = run.glyphs.size();
    std::size_t i = 0;
    while (i < n) {
        const float across = run.glyphs[i].y_offset;
        double pen = run.glyphs[i].x;
        const long x = std::lround((run.x + across) * 100.0), y = std::lround((height_ - run.y - pen) * 100.0);
        if (turned) {
            set_matrix("0 -1 1 0 ", x, y);
            turned_ = true;
        } else {
            move_to(x, y);
        }
        ops_ += " [(";
        for (; i < n && run.glyphs[i].y_offset == across; ++i) {
            const double gap = run.glyphs[i].x - pen;  // pt, down the column
            // Down a column a positive number moves the pen down; along a turned line, back.
            const double adjust = std::round((turned ? -gap : gap) * 1000.0 / size * 10.0) / 10.0;
            if (std::abs(adjust) >= 1.0) {
                ops_ += ')';
                pdf::put_number(ops_, adjust, 1);
                ops_ += '(';
                pen += (turned ? -adjust : adjust) * size / 1000.0;
            }
            put_code(ops_, cids[i]);
            pen += advance[i];
        }
        ops_ += ")] TJ\n";
    }
}

std::string ContentStream::finish() {
    end_marked();
    end_text();
    std::string out = std::move(ops_);
    ops_.clear();
    return out;
}

}  // namespace yoshiki::write
