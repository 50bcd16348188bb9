// The pipeline's boundaries, checked: each third-party library is used by one stage only, and
// no stage includes a later one. A stray include fails here before it spreads.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;

struct Include {
    std::string file;  // relative to src/
    std::string header;
};

std::vector<Include> all_includes() {
    std::vector<Include> out;
    const fs::path src = yoshiki::test::source_path("src");
    const std::regex include_line(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
    for (const auto& entry : fs::recursive_directory_iterator(src)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path());
        std::string line;
        while (std::getline(in, line)) {
            std::smatch m;
            if (std::regex_search(line, m, include_line)) {
                out.push_back({fs::relative(entry.path(), src).generic_string(), m[1].str()});
            }
        }
    }
    return out;
}

std::string stage_of(const std::string& file) {
    auto slash = file.find('/');
    return slash == std::string::npos ? std::string() : file.substr(0, slash);
}

}  // namespace

TEST_CASE("each third-party library stays in its stage") {
    // header prefix → the only folders of src/ that may include it: one each, but where two stages
    // that cannot be one use one library. JSON is the format of three of the command's own parts
    // (the archive's manifest, the editor's requests, the findings of --diagnostics=json). Nettle:
    // io hashes the files it reads (before any stage); OpenSSL: sign makes and checks the
    // signatures (after the last), and nothing before it loads libcrypto. QPDF: read, the one reader of PDFs, for sign, verify and the archive. cpp-httplib:
    // the editor serves HTTP, sign asks timestamp authorities. zlib: pdf deflates streams; serve
    // names only the strategy it asks of libpng (Z_RLE), which libpng's interface takes as zlib's
    // constant.
    const std::map<std::string, std::vector<std::string>> owner{
        {"pugixml", {"parse"}}, {"hpdf", {"write"}},    {"hb", {"text"}}, {"ft2build", {"text"}},
        {"freetype", {"text"}}, {"unicode/", {"text"}}, {"FT_", {"text"}}, {"zlib", {"pdf", "serve"}},
        {"openssl/", {"sign"}}, {"nettle/", {"io"}}, {"qpdf/", {"read"}}, {"nlohmann/", {"archive", "serve", "cli"}},
        {"libp11", {"sign"}},
        // yoshiki serve: HTTP, and the previews' rasteriser and PNG encoder.
        {"httplib", {"serve", "sign"}}, {"poppler", {"serve"}}, {"png.h", {"serve"}},
    };
    auto includes = all_includes();
    REQUIRE(includes.size() > 50);
    for (const Include& inc : includes) {
        for (const auto& [prefix, stages] : owner) {
            if (inc.header.rfind(prefix, 0) == 0) {
                INFO(inc.file << " includes <" << inc.header << ">");
                CHECK(std::find(stages.begin(), stages.end(), stage_of(inc.file)) != stages.end());
            }
        }
    }
}

TEST_CASE("stages include only earlier stages") {
    // The pipeline's order; text is a service of typeset and write, base serves all. io is no
    // stage of the pipeline: only the driver and the command line use it (checked below).
    const std::map<std::string, int> rank{{"base", 0}, {"text", 1},     {"parse", 1}, {"bind", 2},
                                          {"typeset", 3}, {"paginate", 4}, {"write", 5}, {"io", 1}, {"pdf", 1}, {"read", 1}, {"import", 2},
                                          {"sign", 6},    {"archive", 7},  {"serve", 7}};
    for (const Include& inc : all_includes()) {
        std::string from = stage_of(inc.file);
        std::string to = stage_of(inc.header);
        if (!rank.count(from) || !rank.count(to) || from == to) continue;
        INFO(inc.file << " includes " << inc.header);
        CHECK(rank.at(to) < rank.at(from));
    }
}

TEST_CASE("pagination knows the bound document and the flow, not the layout file's types") {
    // One type crosses each boundary: paginate takes bind's document and typeset's flow; the
    // page and alignment it places by are base's (base/page.hpp), not parse's.
    for (const Include& inc : all_includes()) {
        if (stage_of(inc.file) != "paginate") continue;
        INFO(inc.file << " includes " << inc.header);
        CHECK(stage_of(inc.header) != "parse");
    }
}

TEST_CASE("QPDF's types stay inside the reader: only its own files include the headers that carry them") {
    // The reader's public headers (pdf_file.hpp, fault.hpp) are plain C++: sign, verify and the
    // archive ask a PdfFile, and never hold a QPDF handle they could read past its bounds with.
    const std::set<std::string> carries_qpdf{"read/bounded.hpp", "read/handles.hpp"};
    int inside = 0;
    for (const Include& inc : all_includes()) {
        if (inc.header.rfind("qpdf/", 0) == 0 && stage_of(inc.file) == "read") {
            INFO(inc.file << " includes " << inc.header);
            const bool source = inc.file.size() > 4 && inc.file.compare(inc.file.size() - 4, 4, ".cpp") == 0;
            const bool internal_header = carries_qpdf.count(inc.file) == 1;
            CHECK((source || internal_header));
        }
        if (!carries_qpdf.count(inc.header)) continue;
        INFO(inc.file << " includes " << inc.header);
        CHECK(stage_of(inc.file) == "read");
        ++inside;
    }
    CHECK(inside >= 4);
}

TEST_CASE("libharu's structures are read in src/write/hpdf_internals.cpp only") {
    // hpdf.h brings the structures of libharu's document and objects with it (hpdf_doc.h), so the
    // wall is what the writer's files do with them: outside the one file that knows libharu's
    // internals, none reads a field of its document, cross-reference table or streams.
    const std::regex internal_field(
        R"(->\s*(xref|write_fn|mmgr|contents|stream|trailer|pdf_version|catalog|attr|filter|obj_class|cur_page|page_list|fontdef_list|font_mgr|encoder_list|outlines|compression_mode|header|list|entries)\b)");
    const fs::path src = yoshiki::test::source_path("src");
    int checked = 0;
    for (const auto& entry : fs::recursive_directory_iterator(src)) {
        std::string rel = fs::relative(entry.path(), src).generic_string();
        // Only the writer may include libharu (checked above); every file of it is read.
        if (!entry.is_regular_file() || stage_of(rel) != "write" || rel == "write/hpdf_internals.cpp") continue;
        std::ifstream in(entry.path());
        std::string line;
        for (int n = 1; std::getline(in, line); ++n) {
            if (std::regex_search(line, internal_field)) FAIL_CHECK(rel << ":" << n << " reads a field of libharu's: " << line);
        }
        ++checked;
    }
    CHECK(checked > 10);
}

TEST_CASE("files are read and written only through src/io, and only the drivers ask it") {
    // The stages take bytes and return values: a stage that opened a file itself would escape
    // the checks of src/io (regular files only, size limits, confined folders).
    const std::regex file_call(R"((\bifstream\b|\bofstream\b|\bfopen\s*\(|(^|[^\w])::open\s*\(|\bmmap\s*\(|\bread\s*\(\s*fd))");
    const fs::path src = yoshiki::test::source_path("src");
    int io_files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(src)) {
        if (!entry.is_regular_file()) continue;
        std::string rel = fs::relative(entry.path(), src).generic_string();
        if (stage_of(rel) == "io") {
            ++io_files;
            continue;
        }
        std::ifstream in(entry.path());
        std::string line;
        int n = 0;
        while (std::getline(in, line)) {
            ++n;
            if (std::regex_search(line, file_call)) FAIL_CHECK(rel << ":" << n << " reads or writes a file: " << line);
        }
    }
    CHECK(io_files > 4);
    for (const Include& inc : all_includes()) {
        if (inc.header.rfind("io/", 0) != 0) continue;
        std::string from = stage_of(inc.file);
        INFO(inc.file << " includes " << inc.header);
        CHECK((from == "io" || from == "cli" || from == "serve" || inc.file == "engine.cpp"));
    }
}

TEST_CASE("one error convention: no header says why a step failed in a bare string") {
    // A step with one answer returns it (or true) and fills a base::Failure, a code and a message;
    // a stage of many findings reports them to base::Diagnostics; the public API speaks
    // Diagnostic. A `std::string& error` out-parameter would be an eighth way, without a code.
    const std::regex bare_error(R"(std::string\s*&\s*(error|why|reason)\b)");
    int checked = 0;
    for (const char* root : {"src", "include"}) {
        const fs::path folder = yoshiki::test::source_path(root);
        for (const auto& entry : fs::recursive_directory_iterator(folder)) {
            if (!entry.is_regular_file() || entry.path().extension() != ".hpp") continue;
            std::ifstream in(entry.path());
            std::string line;
            for (int n = 1; std::getline(in, line); ++n) {
                if (std::regex_search(line, bare_error)) FAIL_CHECK(entry.path().string() << ":" << n << ": " << line);
            }
            ++checked;
        }
    }
    CHECK(checked > 50);
}
