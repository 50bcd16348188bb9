// A program that embeds yoshiki through its installed package (tests/e2e/install.sh builds it
// with find_package and with pkg-config): renders one input in memory and writes the PDF bytes
// to stdout, the diagnostics and a summary to stderr.
#include <yoshiki/yoshiki.hpp>

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: embed INPUT.xml LAYOUT.xml > OUT.pdf\n";
        return 2;
    }
    yoshiki::Engine engine;
    yoshiki::RenderOptions options;
    options.layout_path = argv[2];
    std::vector<yoshiki::Diagnostic> diags;
    auto department = engine.prepare(argv[1], options, diags);
    for (const auto& d : diags) std::cerr << d.format() << "\n";
    if (!department) return 1;
    const std::string pdf = engine.write_pdf(*department);
    const yoshiki::DepartmentInfo info = yoshiki::Engine::info(*department);
    std::cerr << "yoshiki " << yoshiki::version() << ": " << info.name << ", " << info.sheets.size()
              << " sheets, " << info.pages << " pages, " << pdf.size() << " bytes\n";
    std::cout.write(pdf.data(), static_cast<std::streamsize>(pdf.size()));
    return std::cout ? 0 : 1;
}
