// Fuzz target: the input file, through the whole pipeline, with the goal-sheet layout.
#include <cstddef>
#include <cstdint>
#include <string>

#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string layout = yoshiki::fuzz::repository_file("layouts/goal-sheet.xml");
    yoshiki::fuzz::run(std::string(reinterpret_cast<const char*>(data), size), layout);
    return 0;
}
