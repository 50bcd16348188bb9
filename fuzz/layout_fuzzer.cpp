// Fuzz target: the layout file, through the whole pipeline, with one input of the seed's sheets.
#include <cstddef>
#include <cstdint>
#include <string>

#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string input = yoshiki::fuzz::repository_file("fuzz/input-for-layouts.xml");
    yoshiki::fuzz::run(input, std::string(reinterpret_cast<const char*>(data), size));
    return 0;
}
