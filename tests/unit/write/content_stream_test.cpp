// The content stream of columns (縦書き, src/write/content_stream.cpp): a column's glyphs shown in
// the font's vertical mode, the pen moved down by TJ numbers; a turned Latin word under a matrix
// turned 90° clockwise; the next line with the whole matrix set again.
#include <doctest/doctest.h>

#include <string>

#include "write/content_stream.hpp"
#include "write/font_embedding.hpp"
#include "test_support.hpp"

namespace {

using yoshiki::paginate::Glyph;
using yoshiki::paginate::GlyphRun;
using yoshiki::paginate::RunMode;
using yoshiki::paginate::TextLine;

std::string shown(const TextLine& line, const std::vector<double>& advances) {
    yoshiki::write::ContentStream cs(800, false);
    std::vector<std::uint16_t> cids(advances.size(), 0x4141);  // "AA"
    cs.text(line, cids.data(), advances.data(),
            [](const GlyphRun& run) { return std::string(run.mode == RunMode::column ? "V0" : "F0"); });
    return cs.finish();
}

GlyphRun run(RunMode mode, std::vector<float> xs) {
    GlyphRun r;
    r.mode = mode;
    r.size = 10;
    r.x = 100;
    r.y = 50;
    for (float x : xs) r.glyphs.push_back(Glyph{1, x, 0, 0, 0});
    return r;
}

}  // namespace

TEST_CASE("a column: the vertical font, and a gap down the column as a positive TJ number") {
    TextLine line;
    line.runs.push_back(run(RunMode::column, {0, 10, 22}));  // an em, then an em and 2 pt
    std::string ops = shown(line, {10, 10, 10});
    CHECK(ops.find("/V0 10 Tf") != std::string::npos);
    // The pen starts on the centre line at the column's top: 800 - 50 from the bottom.
    CHECK(ops.find("100 750 Td [(AAAA)200(AA)] TJ") != std::string::npos);
    CHECK(ops.find("Tc") == std::string::npos);
}

TEST_CASE("a turned run: a matrix turned clockwise, the gap along it as a negative TJ number") {
    TextLine line;
    line.runs.push_back(run(RunMode::turned, {0, 6, 14}));  // widths 6, then 2 pt more
    line.runs.push_back(run(RunMode::column, {20}));
    std::string ops = shown(line, {6, 6, 10, 10});
    CHECK(ops.find("0 -1 1 0 100 750 Tm [(AAAA)-200(AA)] TJ") != std::string::npos);
    // After it, the next run sets the matrix whole again rather than moving relative to it.
    CHECK(ops.find("1 0 0 1 100 730 Tm [(AA)] TJ") != std::string::npos);
}

TEST_CASE("IPAex fonts: the vertical metrics every CID shares, so /W2 lists none") {
    auto font = yoshiki::test::open_font(yoshiki::test::mincho_path());
    yoshiki::write::FontEmbedding e(*font);
    for (char32_t c : {U'辞', U'令', U'A'}) e.cid(font->glyph(c), "x");
    auto d = e.vertical_default();
    CHECK(d.advance == 1000);
    CHECK(d.origin_y == 880);
    CHECK(e.vertical_metrics().empty());
    CHECK(yoshiki::write::FontEmbedding::vertical_advance(*font, font->glyph(U'辞')) == 1000);
}
