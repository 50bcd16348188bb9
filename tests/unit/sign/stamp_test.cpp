// The 日付印 of a signed box (src/sign/stamp.cpp): its ring and lines in the layout's stamp colour,
// three texts in the stamp style, each inside the ring, a long name set smaller than a short one,
// every glyph with its source text for the ToUnicode map.
#include <doctest/doctest.h>

#include <regex>

#include "parse/layout_reader.hpp"
#include "parse/parse_support.hpp"
#include "sign/stamp.hpp"
#include "test_support.hpp"
#include "text/font.hpp"

using namespace yoshiki;

namespace {

struct Drawn {
    std::optional<sign::Stamp> stamp;
    std::vector<double> sizes;  // of each Tf, in order: title, date, name
};

Drawn draw(const std::string& name) {
    base::Diagnostics d;
    static auto layout = test::read_layout_file(test::source_path("layouts/goal-sheet.xml"), d);
    REQUIRE(layout);
    std::vector<const text::Font*> fonts(layout->fonts.size(), nullptr);
    static std::vector<std::shared_ptr<const text::Font>> held;
    for (std::size_t i = 0; i < layout->fonts.size(); ++i) {
        yoshiki::base::Failure failure;
        auto bytes = std::make_shared<std::string>(test::file_bytes(layout->fonts[i].path));
        held.push_back(text::Font::open(layout->fonts[i].path, *bytes, bytes, failure));
        REQUIRE(held.back());
        fonts[i] = held.back().get();
    }
    Drawn out;
    out.stamp = sign::draw_stamp(sign::StampText{"総務課長", "令和8.12.1", name}, 39.68, 39.68, *layout, fonts, d);
    CHECK_FALSE(d.has_errors());
    if (out.stamp) {
        std::regex tf(R"(/S\d ([0-9.]+) Tf)");
        for (auto it = std::sregex_iterator(out.stamp->content.begin(), out.stamp->content.end(), tf); it != std::sregex_iterator(); ++it) {
            out.sizes.push_back(std::stod((*it)[1]));
        }
    }
    return out;
}

}  // namespace

TEST_CASE("a 日付印: a red ring, two lines, the title, the date and the name") {
    Drawn d = draw("酒巻 義一");
    REQUIRE(d.stamp);
    const std::string& c = d.stamp->content;
    // The ring and the lines are stroked in the layout's colour (#d7000f), the text filled in it.
    CHECK(c.find("0.843 0 0.059 RG") != std::string::npos);
    CHECK(c.find("0.843 0 0.059 rg") != std::string::npos);
    CHECK(std::count(c.begin(), c.end(), 'c') >= 4);  // four Bézier quarters: the ring
    CHECK(c.find(" l\n") != std::string::npos);
    REQUIRE(d.sizes.size() == 3);
    for (double s : d.sizes) CHECK(s <= 6.0);  // the stamp style's size at most
    // One font (the style's IPAexゴシック), its glyphs carrying their text.
    REQUIRE(d.stamp->fonts.size() == 1);
    CHECK(d.stamp->fonts.front().to_unicode_cmap().find("<9152>") != std::string::npos);  // 酒
}

TEST_CASE("a long name is set smaller so that it stays inside the ring") {
    Drawn short_name = draw("酒巻 義一");
    Drawn long_name = draw("勘解由小路 左衛門三郎");
    REQUIRE(short_name.sizes.size() == 3);
    REQUIRE(long_name.sizes.size() == 3);
    CHECK(long_name.sizes[2] < short_name.sizes[2] * 0.7);
    CHECK(long_name.sizes[0] == short_name.sizes[0]);  // the title keeps its size
}
