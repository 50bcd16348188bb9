// The images a layout may name (src/write/images.cpp): what libharu can embed is let through, the
// rest refused with the reason before any document is made.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "write/images.hpp"

namespace {

using yoshiki::write::image_problem;

std::string seal() {
    std::ifstream in(std::string(YOSHIKI_SOURCE_DIR) + "/layouts/images/chou-seal.png", std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A JPEG's start: SOI, an APP0 segment, then a frame header of the given marker.
std::string jpeg(unsigned char sof, int components) {
    std::string b = "\xFF\xD8\xFF\xE0";
    b += std::string("\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 16);
    b += "\xFF";
    b += static_cast<char>(sof);
    b += std::string("\x00\x11\x08\x00\x10\x00\x20", 7);  // 8 bits, 16 high, 32 wide
    b += static_cast<char>(components);
    return b + std::string(9, '\x01');
}

}  // namespace

TEST_CASE("PNGs: the seal passes; interlaced, 16 bits, cut short or not a PNG are refused") {
    std::string png = seal();
    REQUIRE(png.size() > 33);
    CHECK(image_problem(png).empty());
    std::string interlaced = png;
    interlaced[28] = 1;
    CHECK(image_problem(interlaced) == "is interlaced");
    std::string deep = png;
    deep[24] = 16;
    CHECK(image_problem(deep) == "has 16 bits per channel (at most 8)");
    CHECK(image_problem(png.substr(0, 20)) == "is cut short or damaged (no IHDR)");
    CHECK(image_problem("GIF89a") == "is neither a PNG nor a JPEG");
}

TEST_CASE("JPEGs: baseline and progressive pass; lossless and odd components are refused") {
    CHECK(image_problem(jpeg(0xC0, 3)).empty());
    CHECK(image_problem(jpeg(0xC2, 1)).empty());
    CHECK(image_problem(jpeg(0xC3, 3)) == "is a JPEG of a kind PDF readers do not decode (lossless or arithmetic coded)");
    CHECK(image_problem(jpeg(0xC0, 2)) == "has 2 colour components (1, 3 or 4)");
    CHECK(image_problem(jpeg(0xC0, 3).substr(0, 12)) == "is cut short or damaged (no frame header)");
}
