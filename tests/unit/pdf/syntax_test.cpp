#include <doctest/doctest.h>

#include "pdf/syntax.hpp"

using namespace yoshiki::pdf;

namespace {
std::string ref_text(std::size_t index) { return std::to_string(index + 10) + " 0 R"; }
}  // namespace

TEST_CASE("values are written as PDF syntax, entries in their order") {
    Value v = Dict{{"Type", Name{"Font"}},
                   {"W", Array{1, Array{500, -20}}},
                   {"CIDSystemInfo", Dict{{"Registry", String{"Adobe"}}, {"Supplement", 0}}},
                   {"FontDescriptor", Ref{2}}};
    CHECK(syntax(v, ref_text) ==
          "<< /Type /Font /W [ 1 [ 500 -20 ] ] /CIDSystemInfo << /Registry (Adobe) /Supplement 0 >> /FontDescriptor 12 0 R >>");
}

TEST_CASE("a stream's body: filter and length before its own entries, then the data as it is") {
    Object o{Dict{{"Length1", 3}}, true, std::string("x\0y", 3)};
    CHECK(body(o, ref_text) == std::string("<< /Filter /FlateDecode /Length 3 /Length1 3 >>\nstream\nx\0y\nendstream", 68));
    CHECK(body(Object{Dict{{"A", Ref{0}}}, false, ""}, ref_text) == "<< /A 10 0 R >>");
}
