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

std::uint32_t two_bytes(std::string_view b, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 8 | static_cast<unsigned char>(b[at + 1]);
}

std::string size_problem(std::uint32_t width, std::uint32_t height) {
    if (width == 0 || height == 0 || width > 10000 || height > 10000) {
        return "is " + std::to_string(width) + " × " + std::to_string(height) + " pixels (at most 10,000 a side)";
    }
    return {};
}

// A JPEG's frame header (SOFn, ITU T.81 B.2.2), reached marker by marker from the start.
std::string jpeg_problem(std::string_view b) {
    std::size_t at = 2;
    while (at + 4 <= b.size()) {
        if (static_cast<unsigned char>(b[at]) != 0xFF) return "is damaged (no marker where one should be)";
        const int marker = static_cast<unsigned char>(b[at + 1]);
        if (marker == 0xFF) {
            ++at;  // fill byte
            continue;
        }
        const std::size_t length = two_bytes(b, at + 2);
        if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
            if (marker > 0xC2) return "is a JPEG of a kind PDF readers do not decode (lossless or arithmetic coded)";
            if (at + 10 > b.size()) return "is cut short";
            const std::uint32_t height = two_bytes(b, at + 5);
            const std::uint32_t width = two_bytes(b, at + 7);
            const int components = static_cast<unsigned char>(b[at + 9]);
            if (components != 1 && components != 3 && components != 4) {
                return "has " + std::to_string(components) + " colour components (1, 3 or 4)";
            }
            return size_problem(width, height);
        }
        if (marker == 0xD9 || marker == 0xDA) break;  // the image ends, or its data begins, before a frame
        at += 2 + length;
    }
    return "is cut short or damaged (no frame header)";
}

}  // namespace

ImageKind image_kind(std::string_view b) {
    if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return ImageKind::png;
    if (b.size() >= 3 && b.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3)) return ImageKind::jpeg;
    return ImageKind::other;
}

std::string image_problem(std::string_view b) {
    switch (image_kind(b)) {
        case ImageKind::jpeg: return jpeg_problem(b);
        case ImageKind::other: return "is neither a PNG nor a JPEG";
        case ImageKind::png: break;
    }
    // The signature, then the IHDR chunk (PNG, 11.2.2): length 13, width, height, bit depth,
    // colour type, compression, filter, interlace.
    if (b.size() < 33 || big_endian(b, 8) != 13 || b.substr(12, 4) != "IHDR") return "is cut short or damaged (no IHDR)";
    const std::uint32_t width = big_endian(b, 16), height = big_endian(b, 20);
    const int depth = static_cast<unsigned char>(b[24]), colour = static_cast<unsigned char>(b[25]);
    const int interlace = static_cast<unsigned char>(b[28]);
    if (std::string why = size_problem(width, height); !why.empty()) return why;
    const bool known = colour == 0 || colour == 2 || colour == 3 || colour == 4 || colour == 6;
    if (!known) return "has an unknown colour type " + std::to_string(colour);
    if (depth > 8) return "has " + std::to_string(depth) + " bits per channel (at most 8)";
    if (interlace != 0) return "is interlaced";
    return {};
}

}  // namespace yoshiki::write
