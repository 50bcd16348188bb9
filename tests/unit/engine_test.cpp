// The engine (src/engine.cpp): inputs from disk and from memory, reads confined to folders, a
// file that cannot be read reported where it is named, caches keyed by content and file identity,
// and outputs that never replace what a document was made from.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <yoshiki/yoshiki.hpp>

#include "parse/parse_support.hpp"
#include "test_support.hpp"

using namespace yoshiki;
namespace fs = std::filesystem;

namespace {

std::string seed() { return test::file_bytes(test::source_path("inputs/r8/soumu.xml")); }

std::string with_layout(std::string input, const std::string& layout) {
    std::size_t at = input.find("layout=\"") + 8;
    return input.replace(at, input.find('"', at) - at, layout);
}

std::string formatted(const std::vector<Diagnostic>& diags) {
    std::string out;
    for (const auto& d : diags) out += d.format() + "\n";
    return out;
}

}  // namespace

TEST_CASE("an input from memory is read like one from disk, its bytes kept exactly as given") {
    Engine engine;
    std::vector<Diagnostic> diags;
    // Named where the seed is, so that its relative layout path resolves as the seed's does.
    std::string bytes = "\xEF\xBB\xBF" + seed();
    // Without PDF/A: a PDF/A document embeds its input, whose name and bytes differ here.
    RenderOptions options;
    options.pdfa = false;
    auto dep = engine.prepare_from_memory(test::source_path("inputs/r8/edited.xml"), bytes, options, diags);
    CHECK(formatted(diags) == "");
    REQUIRE(dep);
    CHECK(Engine::info(*dep).sheets.size() == 3);
    CHECK(Engine::input_bytes(*dep) == bytes);
    CHECK(Engine::layout_bytes(*dep) == test::file_bytes(test::source_path("layouts/goal-sheet.xml")));
    auto from_disk = engine.prepare(test::source_path("inputs/r8/soumu.xml"), options, diags);
    REQUIRE(from_disk);
    CHECK(engine.write_pdf(*dep) == engine.write_pdf(*from_disk));
}

TEST_CASE("a layout in memory is read instead of the file, and an edited one is read again") {
    Engine engine;
    std::string layout_path = test::source_path("layouts/goal-sheet.xml");
    std::string layout = test::file_bytes(layout_path);
    std::string input_name = test::source_path("inputs/r8/edited.xml");
    std::vector<Diagnostic> diags;
    auto first = engine.prepare_from_memory(input_name, seed(), RenderOptions{}, diags, {{layout_path, layout}});
    REQUIRE(first);
    CHECK(Engine::info(*first).name == "総務課");
    std::string edited = layout;
    const std::string outline = "department-outline=\"{department}\"";
    edited.replace(edited.find(outline), outline.size(), "department-outline=\"{department}（編集中）\"");
    auto second = engine.prepare_from_memory(input_name, seed(), RenderOptions{}, diags, {{layout_path, edited}});
    REQUIRE(second);
    CHECK(formatted(diags) == "");
    CHECK(Engine::layout_bytes(*second) == edited);
    CHECK(Engine::info(*second).name == "総務課（編集中）");
    // Back to the first content: the layout of that content again.
    auto third = engine.prepare_from_memory(input_name, seed(), RenderOptions{}, diags, {{layout_path, layout}});
    REQUIRE(third);
    CHECK(Engine::info(*third).name == "総務課");
}

TEST_CASE("a layout that cannot be read is reported where the input names it, or as itself") {
    Engine engine;
    std::vector<Diagnostic> diags;
    CHECK_FALSE(engine.prepare_from_memory("in.xml", "<goal-sheets layout=\"no.xml\"/>", RenderOptions{}, diags));
    RenderOptions options;
    options.layout_path = "/nonexistent/layout.xml";
    CHECK_FALSE(engine.prepare_from_memory("in.xml", "<goal-sheets/>", options, diags));
    CHECK(formatted(diags) ==
          "in.xml:1:22: error: cannot read the layout file 'no.xml': No such file or directory\n"
          "/nonexistent/layout.xml: error: cannot read the layout file: No such file or directory\n");
    CHECK(diags[0].code == "file-not-found");
    CHECK(diags[0].offset == 21);
    CHECK(diags[1].offset == Diagnostic::whole_file);
}

TEST_CASE("a confined engine reads only inside its folders; memory is always allowed") {
    fs::path dir = test::fresh_folder("engine-confined");
    std::string layout = test::file_bytes(test::source_path("layouts/goal-sheet.xml"));
    std::ofstream(dir / "layout.xml") << layout;
    std::ofstream(dir / "input.xml") << with_layout(seed(), (dir / "layout.xml").string());
    EngineOptions confined;
    confined.input_folders = std::vector<std::string>{};
    confined.layout_folders = std::vector<std::string>{test::source_path("layouts")};
    confined.font_folders = std::vector<std::string>{"/usr/share/fonts"};
    Engine engine(confined);
    std::vector<Diagnostic> diags;
    CHECK_FALSE(engine.prepare((dir / "input.xml").string(), RenderOptions{}, diags));
    std::string outside = with_layout(seed(), (dir / "layout.xml").string());
    CHECK_FALSE(engine.prepare_from_memory("input.xml", outside, RenderOptions{}, diags));
    std::string escaping = with_layout(seed(), test::source_path("layouts/../inputs/r8/soumu.xml"));
    CHECK_FALSE(engine.prepare_from_memory("input.xml", escaping, RenderOptions{}, diags));
    REQUIRE(diags.size() == 3);
    CHECK(diags[0].format() == (dir / "input.xml").string() +
                                   ": error: cannot read the input file: it is outside the folders this yoshiki may "
                                   "read input files from");
    CHECK(diags[1].code == "file-outside-roots");
    CHECK(diags[2].code == "file-outside-roots");
    CHECK(diags[2].line == 3);
    diags.clear();
    auto inside = engine.prepare_from_memory(test::source_path("inputs/r8/x.xml"), seed(), RenderOptions{}, diags);
    CHECK(formatted(diags) == "");
    CHECK(inside);
}

TEST_CASE("a font replaced on disk is opened again: fonts are known by file identity") {
    fs::path dir = test::fresh_folder("engine-fonts");
    std::string layout = test::file_bytes(test::source_path("layouts/goal-sheet.xml"));
    std::string gothic = test::gothic_path();
    layout.replace(layout.find(gothic), gothic.size(), (dir / "g.ttf").string());
    std::ofstream(dir / "layout.xml") << layout;
    fs::copy_file(gothic, dir / "g.ttf");
    std::string input = with_layout(seed(), (dir / "layout.xml").string());
    Engine engine;
    std::vector<Diagnostic> diags;
    CHECK(engine.prepare_from_memory("in.xml", input, RenderOptions{}, diags));
    CHECK(formatted(diags) == "");
    // Replaced by a file that is no font: the cached font must not be used.
    fs::remove(dir / "g.ttf");
    std::ofstream(dir / "g.ttf") << std::string(4096, 'x');
    CHECK_FALSE(engine.prepare_from_memory("in.xml", input, RenderOptions{}, diags));
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].code == "font-invalid");
    CHECK(diags[0].message == "cannot open the font file '" + (dir / "g.ttf").string() +
                                  "': not a font file FreeType can read");
}

TEST_CASE("the output never replaces the input, the layout or a font it was made from") {
    fs::path dir = test::fresh_folder("engine-output");
    std::ofstream(dir / "layout.xml") << test::file_bytes(test::source_path("layouts/goal-sheet.xml"));
    std::ofstream(dir / "in.xml") << with_layout(seed(), "layout.xml");
    Engine engine;
    std::vector<Diagnostic> diags;
    auto dep = engine.prepare((dir / "in.xml").string(), RenderOptions{}, diags);
    REQUIRE(dep);
    std::string pdf = engine.write_pdf(*dep);
    for (const std::string& target : {(dir / "in.xml").string(), (dir / "layout.xml").string(), std::string(test::mincho_path())}) {
        auto refused = write_output(target, pdf, dep.get());
        REQUIRE(refused);
        CHECK(refused->code == "output-is-input");
    }
    CHECK(test::file_bytes((dir / "in.xml").string()) == with_layout(seed(), "layout.xml"));
    CHECK_FALSE(write_output((dir / "out.pdf").string(), pdf, dep.get()));
    CHECK(test::file_bytes((dir / "out.pdf").string()) == pdf);
    auto folder = write_output(dir.string(), pdf);
    REQUIRE(folder);
    CHECK(folder->message == "cannot write the PDF here: it is a folder, not a file a PDF can replace");
    CHECK(folder->code == "output-not-regular");
}

TEST_CASE("a print document's subject names each department once, in the order they first come") {
    Engine engine;
    std::vector<Diagnostic> diags;
    auto soumu = engine.prepare(test::source_path("inputs/r8/soumu.xml"), RenderOptions{}, diags);
    auto zeimu = engine.prepare(test::source_path("inputs/samples/r8/zeimu.xml"), RenderOptions{}, diags);
    CHECK(formatted(diags) == "");
    REQUIRE(soumu);
    REQUIRE(zeimu);
    PrintDocument print{PrintOptions{}};
    for (const Department* d : {soumu.get(), zeimu.get(), soumu.get(), soumu.get()}) print.add(*d);
    CHECK(print.pages() == 3 + 2 + 3 + 3);
    // The XMP, written as text (PDF/A), says what the Info dictionary says (pdfa.py checks both).
    const std::string pdf = print.finish();
    CHECK(pdf.find("<rdf:li xml:lang=\"x-default\">総務課、税務課</rdf:li>") != std::string::npos);
}

TEST_CASE("a layout named by name: beside the input (in memory too), then the engine's search path") {
    fs::path dir = test::fresh_folder("engine-named");
    fs::create_directories(dir / "path");
    std::string layout = test::file_bytes(test::source_path("layouts/goal-sheet.xml"));
    const std::string outline = "department-outline=\"{department}\"";
    auto marked = [&](const std::string& mark) {
        std::string l = layout;
        return l.replace(l.find(outline), outline.size(), "department-outline=\"{department}" + mark + "\"");
    };
    std::ofstream(dir / "path" / "form.xml") << marked("（検索パス）");
    EngineOptions options;
    options.layout_search_path = std::vector<std::string>{(dir / "path").string()};
    Engine engine(options);
    std::vector<Diagnostic> diags;
    std::string input = (dir / "in.xml").string();
    auto from_path = engine.prepare_from_memory(input, with_layout(seed(), "form"), RenderOptions{}, diags);
    REQUIRE(from_path);
    CHECK(Engine::info(*from_path).name == "総務課（検索パス）");
    auto beside = engine.prepare_from_memory(input, with_layout(seed(), "form"), RenderOptions{}, diags,
                                             {{(dir / "form.xml").string(), marked("（入力の隣）")}});
    REQUIRE(beside);
    CHECK(Engine::info(*beside).name == "総務課（入力の隣）");
    // --layout takes a name too.
    RenderOptions by_option;
    by_option.layout_path = "form";
    auto option = engine.prepare_from_memory(input, seed(), by_option, diags);
    REQUIRE(option);
    CHECK(Engine::info(*option).name == "総務課（検索パス）");
    CHECK(formatted(diags) == "");

    CHECK_FALSE(engine.prepare_from_memory(input, with_layout(seed(), "no-form"), RenderOptions{}, diags));
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].code == "layout-not-found");
    CHECK(diags[0].line == 3);
    CHECK(diags[0].message == "cannot find the layout 'no-form': looked for no-form.xml in " + dir.string() +
                                  " (the input's folder), " + (dir / "path").string() + " (the engine's layout search path)");
}

TEST_CASE("a confined engine looks for a layout by name in its layout folders only") {
    fs::path dir = test::fresh_folder("engine-named-confined");
    fs::create_directories(dir / "layouts");
    fs::create_directories(dir / "outside");
    std::string layout = test::file_bytes(test::source_path("layouts/goal-sheet.xml"));
    std::ofstream(dir / "outside" / "form.xml") << layout;
    EngineOptions confined;
    confined.layout_folders = std::vector<std::string>{(dir / "layouts").string()};
    confined.layout_search_path = std::vector<std::string>{(dir / "outside").string()};
    Engine engine(confined);
    std::vector<Diagnostic> diags;
    std::string input = (dir / "in.xml").string();
    CHECK_FALSE(engine.prepare_from_memory(input, with_layout(seed(), "form"), RenderOptions{}, diags));
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].message == "cannot find the layout 'form': looked for form.xml in " + fs::canonical(dir / "layouts").string() +
                                  " (a folder this yoshiki may read layouts from)");
    diags.clear();
    std::ofstream(dir / "layouts" / "form.xml") << layout;
    CHECK(engine.prepare_from_memory(input, with_layout(seed(), "form"), RenderOptions{}, diags));
    CHECK(formatted(diags) == "");
}

TEST_CASE("a tagged print document reads its table of contents first: a TOC of TOCI, each a Link") {
    Engine engine;
    std::vector<Diagnostic> diags;
    auto evaluation = engine.prepare(test::source_path("inputs/samples/evaluation/r8-soumu.xml"), RenderOptions{}, diags);
    auto goal = engine.prepare(test::source_path("inputs/r8/soumu.xml"), RenderOptions{}, diags);
    CHECK(formatted(diags) == "");
    REQUIRE(evaluation);
    REQUIRE(goal);
    PrintOptions options;
    options.tagged = true;
    PrintDocument print{options};
    // The goal sheet's layout asks for no contents; the evaluation's does, and lists both parts.
    print.add(*goal);
    print.add(*evaluation);
    const std::string pdf = print.finish();
    const fs::path file = fs::temp_directory_path() / ("yoshiki-contents-" + std::to_string(::getpid()) + ".pdf");
    std::ofstream(file, std::ios::binary) << pdf;
    // The structure as poppler reads it, each element's type and text.
    std::string tree;
    if (FILE* p = ::popen(("pdfinfo -struct-text '" + file.string() + "'").c_str(), "r")) {
        char buf[4096];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) tree.append(buf, n);
        ::pclose(p);
    }
    fs::remove(file);
    REQUIRE(!tree.empty());
    // Document, then the contents' Part, then one Part per department.
    const std::size_t contents = tree.find("H1 (block)\n      \"目　次\""), toc = tree.find("    TOC\n"),
                      goal_sheet = tree.find("\n  Part", toc);
    INFO(tree.substr(0, 1500));
    REQUIRE(contents != std::string::npos);
    REQUIRE(toc != std::string::npos);
    REQUIRE(goal_sheet != std::string::npos);
    CHECK(contents < toc);
    CHECK(toc < goal_sheet);  // read before the first part, as it is printed before it
    CHECK(tree.find("      TOCI\n        Link (inline)\n          \"総務課\"") < goal_sheet);
    // Entries: each a Link holding the sheet's title, its page and the link annotation.
    CHECK(tree.find("Link (inline)\n              \"地域コミュニティの推進\"\n              \"1\"\n              Object ") < goal_sheet);
    CHECK(tree.find("Link (inline)\n              \"01-06 庁舎維持管理事業\"\n              \"6\"\n              Object ") < goal_sheet);
}
