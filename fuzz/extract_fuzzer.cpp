// Fuzz target: a PDF from anyone, its embedded files read as `yoshiki extract` reads them.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "archive/pdf_reader.hpp"
#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view pdf(reinterpret_cast<const char*>(data), size);
    yoshiki::archive::PdfContents contents = yoshiki::archive::read_embedded_files("fuzz.pdf", pdf);
    // A refused PDF says why and hands back no file.
    yoshiki::fuzz::promise(contents.error.empty() || contents.files.empty());
    return 0;
}
