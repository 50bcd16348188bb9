// The codes of findings (src/base/codes.hpp) and their list in docs/diagnostics.md agree, and
// every code is used: a code added without its sentence, or a sentence for a code nobody
// reports, fails here.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "test_support.hpp"

namespace {

std::string read(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

TEST_CASE("every code has its sentence in docs/diagnostics.md, every sentence its code, every code a use") {
    const std::string header = read(yoshiki::test::source_path("src/base/codes.hpp"));
    const std::string docs = read(yoshiki::test::source_path("docs/diagnostics.md"));
    std::map<std::string, std::string> declared;  // code → identifier
    const std::regex decl(R"re(inline constexpr Code (\w+)\{"([a-z0-9-]+)"\};)re");
    for (std::sregex_iterator it(header.begin(), header.end(), decl), end; it != end; ++it) {
        CHECK_MESSAGE(declared.count((*it)[2]) == 0, "code declared twice: " << (*it)[2]);
        declared[(*it)[2]] = (*it)[1];
    }
    REQUIRE(declared.size() > 60);

    std::set<std::string> documented;
    const std::regex row(R"(\n\| `([a-z0-9-]+)` \| [^\n]*\S[^\n]* \|)");
    for (std::sregex_iterator it(docs.begin(), docs.end(), row), end; it != end; ++it) documented.insert((*it)[1]);
    // Pairs, not structured bindings: clang 14 cannot capture a binding in doctest's lambdas.
    for (const auto& declaration : declared) {
        const std::string& code = declaration.first;
        CHECK_MESSAGE(documented.count(code), code << " is not in docs/diagnostics.md");
    }
    for (const auto& code : documented) CHECK_MESSAGE(declared.count(code), code << " is documented but not declared");

    // Used: named as codes::identifier somewhere in src/ besides its declaration.
    std::string sources;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(yoshiki::test::source_path("src"))) {
        if (entry.is_regular_file() && entry.path().filename() != "codes.hpp") sources += read(entry.path().string());
    }
    for (const auto& declaration : declared) {
        const std::string& code = declaration.first;
        const std::regex reported("codes::" + declaration.second + "\\b");
        CHECK_MESSAGE(std::regex_search(sources, reported), code << " is never reported");
    }
}
