#include "write/images.hpp"

#include <cstdint>

namespace yoshiki::write {

namespace {

std::uint32_t big_endian(std::string_view b, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 24 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3]));
}

}  // namespace

std::string png_problem(std::string_view b) {
    // The signature, then the IHDR chunk (PNG, 11.2.2): length 13, width, height, bit depth,
    // colour type, compression, filter, interlace.
    static constexpr std::string_view signature("\x89PNG\r\n\x1a\n", 8);
    if (b.size() < 8 || b.substr(0, 8) != signature) return "is not a PNG";
    if (b.size() < 33 || big_endian(b, 8) != 13 || b.substr(12, 4) != "IHDR") return "is cut short or damaged (no IHDR)";
    const std::uint32_t width = big_endian(b, 16), height = big_endian(b, 20);
    const int depth = static_cast<unsigned char>(b[24]), colour = static_cast<unsigned char>(b[25]);
    const int interlace = static_cast<unsigned char>(b[28]);
    if (width == 0 || height == 0 || width > 10000 || height > 10000) {
        return "is " + std::to_string(width) + " × " + std::to_string(height) + " pixels (at most 10,000 a side)";
    }
    const bool known = colour == 0 || colour == 2 || colour == 3 || colour == 4 || colour == 6;
    if (!known) return "has an unknown colour type " + std::to_string(colour);
    if (depth > 8) return "has " + std::to_string(depth) + " bits per channel (at most 8)";
    if (interlace != 0) return "is interlaced";
    return {};
}

}  // namespace yoshiki::write
