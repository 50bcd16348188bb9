// Compares two greyscale images (binary PGM, as `pdftoppm -gray` writes them) with a tolerance,
// for the golden-image tests: exit 0 when they match, 1 with a diff image written when not.
//   pgm_diff EXPECTED ACTUAL DIFF_OUT [max differing pixels, per mille; default 2]
// The tolerance is for noise, which is scattered: besides the whole image's share, no cell of
// 8 × 8 pixels (a character at the tests' 50 dpi) may hold more than 2 differing pixels, so that
// one changed kanji, a few pixels of a page, fails where a share of the whole would let it pass.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <tuple>
#include <vector>

namespace {

struct Image {
    int width = 0, height = 0;
    std::vector<unsigned char> pixels;
};

bool read_pgm(const std::string& path, Image& img) {
    std::ifstream in(path, std::ios::binary);
    std::string magic;
    int maxval = 0;
    if (!(in >> magic >> img.width >> img.height >> maxval) || magic != "P5" || maxval != 255) return false;
    in.get();
    img.pixels.resize(static_cast<std::size_t>(img.width) * static_cast<std::size_t>(img.height));
    in.read(reinterpret_cast<char*>(img.pixels.data()), static_cast<std::streamsize>(img.pixels.size()));
    return static_cast<std::size_t>(in.gcount()) == img.pixels.size();
}

// The 8 × 8 cell of the diff image (differing pixels black) with the most differing pixels: its
// left, top and count.
std::tuple<int, int, int> worst_cell(const Image& diff) {
    std::tuple<int, int, int> worst{0, 0, 0};
    for (int y0 = 0; y0 < diff.height; y0 += 8) {
        for (int x0 = 0; x0 < diff.width; x0 += 8) {
            int n = 0;
            for (int y = y0; y < std::min(y0 + 8, diff.height); ++y) {
                for (int x = x0; x < std::min(x0 + 8, diff.width); ++x) {
                    n += diff.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(diff.width) + static_cast<std::size_t>(x)] == 0;
                }
            }
            if (n > std::get<2>(worst)) worst = {x0, y0, n};
        }
    }
    return worst;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: pgm_diff EXPECTED ACTUAL DIFF_OUT [per-mille]\n";
        return 2;
    }
    double allowed = argc > 4 ? std::atof(argv[4]) : 2.0;
    Image a, b;
    if (!read_pgm(argv[1], a)) {
        std::cerr << argv[1] << ": not a binary PGM\n";
        return 2;
    }
    if (!read_pgm(argv[2], b)) {
        std::cerr << argv[2] << ": not a binary PGM\n";
        return 2;
    }
    if (a.width != b.width || a.height != b.height) {
        std::cerr << "sizes differ: " << a.width << "x" << a.height << " and " << b.width << "x" << b.height << "\n";
        return 1;
    }
    // A pixel differs when its grey changes by more than 16 of 255: the same poppler renders the
    // same page to the same pixels, and at 50 dpi one changed stroke of a kanji (地 → 池) moves
    // some 20 pixels by more than that, but only two by more than a quarter of the range.
    std::size_t differ = 0;
    Image diff = a;
    for (std::size_t i = 0; i < a.pixels.size(); ++i) {
        int d = std::abs(static_cast<int>(a.pixels[i]) - static_cast<int>(b.pixels[i]));
        bool off = d > 16;
        differ += off ? 1 : 0;
        diff.pixels[i] = static_cast<unsigned char>(off ? 0 : 255 - (255 - a.pixels[i]) / 4);
    }
    double per_mille = 1000.0 * static_cast<double>(differ) / static_cast<double>(a.pixels.size());
    std::printf("%zu of %zu pixels differ (%.3f per mille, %.3f allowed)\n", differ, a.pixels.size(), per_mille, allowed);
    const auto [cell_x, cell_y, in_cell] = worst_cell(diff);
    std::printf("the most in one 8 x 8 cell: %d, at %d,%d (2 allowed)\n", in_cell, cell_x, cell_y);
    if (per_mille <= allowed && in_cell <= 2) return 0;
    std::ofstream out(argv[3], std::ios::binary);
    out << "P5\n" << diff.width << " " << diff.height << "\n255\n";
    out.write(reinterpret_cast<const char*>(diff.pixels.data()), static_cast<std::streamsize>(diff.pixels.size()));
    std::printf("diff image (differing pixels black): %s\n", argv[3]);
    return 1;
}
