// Clusters: a character and the marks that combine with it. Many marks on one character are set
// in one walk (not once per mark), and more than the limit is an error at the character.
#include <doctest/doctest.h>

#include "base/limits.hpp"
#include "parse/parse_support.hpp"
#include "typeset/set_support.hpp"

using namespace yoshiki;

TEST_CASE("a letter with combining marks: each mark copies back as itself; past the limit, an error") {
    test::OneStyleForm form;
    std::string marks;
    for (std::size_t i = 0; i + 1 < base::limits::max_cluster_chars; ++i) marks += "\xCC\x81";  // U+0301
    auto lines = form.set("a" + marks + "b", 20);
    CHECK(test::all_diagnostics(form.diags) == "");
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].text == "a" + marks + "b");

    test::OneStyleForm over;
    over.set("xa" + marks + "\xCC\x81" + "b", 20);
    CHECK(test::all_diagnostics(over.diags) ==
          "test.xml:1:2: error: a character followed by 32 marks that combine with it\n"
          "  hint: at most 31 may stand on one character (Unicode's stream-safe text, UAX #15, allows 30)\n");
}

TEST_CASE("49,000 marks on one letter are reported, not set mark by mark against the whole cluster") {
    test::OneStyleForm form;
    std::string text = "a";
    for (int i = 0; i < 49'000; ++i) text += "\xCC\x81";
    form.set(text, 20);
    REQUIRE(form.diags.all().size() == 1);
    CHECK(form.diags.all()[0].code == "text-cluster-too-long");
}
