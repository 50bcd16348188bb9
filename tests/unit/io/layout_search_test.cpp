// Layouts by name (src/io/layout_search.cpp): what a name is, the folders looked in and their
// order, a broken file found never passed over, a confined Files looking only inside its layout
// folders, layouts in memory, and the default search path.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "io/files.hpp"
#include "parse/parse_support.hpp"
#include "test_support.hpp"

using namespace yoshiki;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> paths(const std::vector<io::LayoutFolder>& folders) {
    std::vector<std::string> out;
    for (const auto& f : folders) out.push_back(f.path);
    return out;
}

// Sets an environment variable for the life of the object.
struct ScopedEnv {
    std::string name;
    std::optional<std::string> before;
    ScopedEnv(std::string n, const char* value) : name(std::move(n)) {
        if (const char* b = std::getenv(name.c_str())) before = b;
        if (value) ::setenv(name.c_str(), value, 1);
        else ::unsetenv(name.c_str());
    }
    ~ScopedEnv() {
        if (before) ::setenv(name.c_str(), before->c_str(), 1);
        else ::unsetenv(name.c_str());
    }
};

}  // namespace

TEST_CASE("a name has no slash and does not end in .xml; anything else is a path") {
    CHECK(io::is_layout_name("goal-sheet"));
    CHECK(io::is_layout_name("目標設定書"));
    CHECK(io::is_layout_name("goal-sheet.v2"));
    CHECK_FALSE(io::is_layout_name("goal-sheet.xml"));
    CHECK_FALSE(io::is_layout_name("layouts/goal-sheet"));
    CHECK_FALSE(io::is_layout_name("/usr/share/yoshiki/layouts/goal-sheet"));
    CHECK_FALSE(io::is_layout_name("./goal-sheet"));
    CHECK_FALSE(io::is_layout_name(""));
}

TEST_CASE("a name is looked for in the input's folder, then the search path, each folder once") {
    fs::path dir = test::fresh_folder("search");
    for (const char* f : {"in", "one", "two"}) fs::create_directories(dir / f);
    io::DiskFiles disk({}, {{(dir / "one").string(), "first"},
                            {(dir / "in" / ".." / "one").string(), "the same again"},
                            {(dir / "two").string(), "second"},
                            {(dir / "in").string(), "the input's folder again"}});
    std::string in = (dir / "in").string();
    CHECK(paths(disk.layout_folders(in)) == std::vector<std::string>{in, (dir / "one").string(), (dir / "two").string()});
    CHECK(disk.layout_folders(in)[0].origin == "the input's folder");
    CHECK(disk.layout_folders("")[0].path == ".");

    io::LayoutSearch nowhere = io::find_layout(disk, "form", in);
    CHECK_FALSE(nowhere.path);
    CHECK(paths(nowhere.looked_in) == paths(disk.layout_folders(in)));

    test::write_file(dir / "two" / "form.xml", "<layout/>");
    CHECK(io::find_layout(disk, "form", in).path == (dir / "two" / "form.xml").string());
    test::write_file(dir / "one" / "form.xml", "<layout/>");
    io::LayoutSearch first = io::find_layout(disk, "form", in);
    CHECK(first.path == (dir / "one" / "form.xml").string());
    CHECK(first.looked_in.size() == 2);  // it stops where it finds it
    test::write_file(dir / "in" / "form.xml", "<layout/>");
    CHECK(io::find_layout(disk, "form", in).path == (dir / "in" / "form.xml").string());
}

TEST_CASE("a file found that cannot be read ends the search: it is reported, not passed over") {
    fs::path dir = test::fresh_folder("search-broken");
    fs::create_directories(dir / "in");
    fs::create_directories(dir / "later");
    test::write_file(dir / "later" / "form.xml", "<layout/>");
    io::DiskFiles disk({}, {{(dir / "later").string(), "later"}});
    REQUIRE(::mkfifo((dir / "in" / "form.xml").c_str(), 0600) == 0);
    CHECK(io::find_layout(disk, "form", (dir / "in").string()).path == (dir / "in" / "form.xml").string());
    fs::remove(dir / "in" / "form.xml");
    fs::create_directories(dir / "in" / "form.xml");
    CHECK(io::find_layout(disk, "form", (dir / "in").string()).path == (dir / "in" / "form.xml").string());
    fs::remove(dir / "in" / "form.xml");
    CHECK(io::find_layout(disk, "form", (dir / "in").string()).path == (dir / "later" / "form.xml").string());
}

TEST_CASE("confined, a name is looked for only inside the layout folders") {
    fs::path dir = test::fresh_folder("search-confined");
    for (const char* f : {"layouts", "layouts/sub", "inputs", "elsewhere"}) fs::create_directories(dir / f);
    test::write_file(dir / "elsewhere" / "form.xml", "<layout/>");
    test::write_file(dir / "inputs" / "form.xml", "<layout/>");
    io::Roots roots;
    roots.layouts = std::vector<std::string>{(dir / "layouts").string()};
    io::DiskFiles disk(roots, {{(dir / "elsewhere").string(), "YOSHIKI_LAYOUT_PATH"}});
    std::string real_layouts = fs::canonical(dir / "layouts").string();
    // The input's folder is outside: not looked in; nor is the search path.
    auto folders = disk.layout_folders((dir / "inputs").string());
    CHECK(paths(folders) == std::vector<std::string>{real_layouts});
    CHECK(folders[0].origin == "a folder this yoshiki may read layouts from");
    CHECK_FALSE(io::find_layout(disk, "form", (dir / "inputs").string()).path);
    // An input inside a layout folder: its folder first.
    CHECK(paths(disk.layout_folders((dir / "layouts" / "sub").string())) ==
          std::vector<std::string>{(dir / "layouts" / "sub").string(), real_layouts});
    test::write_file(dir / "layouts" / "form.xml", "<layout/>");
    CHECK(io::find_layout(disk, "form", (dir / "inputs").string()).path == real_layouts + "/form.xml");
}

TEST_CASE("a layout in memory is found by name as one on disk is") {
    fs::path dir = test::fresh_folder("search-memory");
    fs::create_directories(dir / "path");
    test::write_file(dir / "path" / "form.xml", "<layout/>");
    io::DiskFiles disk({}, {{(dir / "path").string(), "the path"}});
    io::MemoryFiles memory(&disk);
    CHECK(io::find_layout(memory, "form", (dir / "in").string()).path == (dir / "path" / "form.xml").string());
    memory.add((dir / "in" / "form.xml").string(), "<layout/>");
    CHECK(io::find_layout(memory, "form", (dir / "in").string()).path == (dir / "in" / "form.xml").string());
    // Alone, memory has only the input's folder.
    io::MemoryFiles only;
    only.add("form.xml", "<layout/>");
    CHECK(paths(only.layout_folders("")) == std::vector<std::string>{"."});
    CHECK(io::find_layout(only, "form", "").path == "form.xml");
}

TEST_CASE("the default search path: YOSHIKI_LAYOUT_PATH in order, then (in a build folder) the source tree") {
    ScopedEnv env("YOSHIKI_LAYOUT_PATH", "/a::/b:");
    auto path = io::default_layout_path();
    REQUIRE(path.size() == 3);
    CHECK(path[0] == io::LayoutFolder{"/a", "YOSHIKI_LAYOUT_PATH"});
    CHECK(path[1] == io::LayoutFolder{"/b", "YOSHIKI_LAYOUT_PATH"});
    // This test runs from the build folder, where nothing is installed beside it.
    CHECK(fs::equivalent(path[2].path, test::source_path("layouts")));
    CHECK(path[2].origin == "the source tree of this build");
    ScopedEnv unset("YOSHIKI_LAYOUT_PATH", nullptr);
    CHECK(io::default_layout_path().size() == 1);
}
