// Fuzz target: a PDF from anyone, its embedded files read as `yoshiki extract` reads them.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "archive/pdf_reader.hpp"
#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view pdf(reinterpret_cast<const char*>(data), size);
    yoshiki::archive::PdfContents contents = yoshiki::archive::read_embedded_files(pdf);
    // A refused PDF says why and hands back no file.
    yoshiki::fuzz::promise(!contents.failure || contents.files.empty());
    // A fault of yoshiki's own while it reads is a bug, whatever the file holds.
    yoshiki::fuzz::promise(!contents.failure || contents.failure->code != yoshiki::base::codes::internal_error);
    return 0;
}
