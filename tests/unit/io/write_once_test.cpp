// The write-once folder: refused over anything that exists, read-only and in place when committed,
// gone when abandoned, and a killed run's folder removed by the next.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "io/write_once.hpp"

namespace fs = std::filesystem;
using yoshiki::io::WriteOnceFolder;

namespace {

struct Scratch {
    fs::path dir;
    Scratch() {
        std::string tmpl = (fs::temp_directory_path() / "yoshiki-write-once-XXXXXX").string();
        REQUIRE(mkdtemp(tmpl.data()));
        dir = tmpl;
    }
    ~Scratch() {
        std::error_code ec;
        for (auto& e : fs::recursive_directory_iterator(dir, ec)) fs::permissions(e.path(), fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(dir, ec);
    }
    std::size_t entries() const { return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator())); }
};

mode_t mode_of(const fs::path& p) {
    struct stat st {};
    REQUIRE(stat(p.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

}  // namespace

TEST_CASE("committed: in place, read-only, nothing else left") {
    Scratch s;
    yoshiki::base::Failure error;
    auto folder = WriteOnceFolder::begin((s.dir / "r8").string(), error);
    REQUIRE(folder);
    CHECK(fs::path(folder->path()).filename().string().rfind(".r8.partial-", 0) == 0);
    CHECK_FALSE(fs::exists(s.dir / "r8"));
    fs::create_directories(fs::path(folder->path()) / "sub");
    std::ofstream(fs::path(folder->path()) / "sub" / "a.pdf") << "%PDF";
    CHECK(folder->commit(error));
    CHECK(fs::exists(s.dir / "r8" / "sub" / "a.pdf"));
    CHECK(mode_of(s.dir / "r8") == 0555);
    CHECK(mode_of(s.dir / "r8" / "sub") == 0555);
    CHECK(mode_of(s.dir / "r8" / "sub" / "a.pdf") == 0444);
    CHECK(s.entries() == 1);
}

TEST_CASE("refused over anything that exists, even an empty folder; nothing touched") {
    Scratch s;
    yoshiki::base::Failure error;
    fs::create_directory(s.dir / "empty");
    CHECK_FALSE(WriteOnceFolder::begin((s.dir / "empty").string(), error));
    CHECK(error.message.rfind("already exists", 0) == 0);
    CHECK(error.code == yoshiki::base::codes::output_failed);
    std::ofstream(s.dir / "file") << "x";
    CHECK_FALSE(WriteOnceFolder::begin((s.dir / "file").string(), error));
    fs::create_symlink(s.dir / "nowhere", s.dir / "dangling");
    CHECK_FALSE(WriteOnceFolder::begin((s.dir / "dangling").string(), error));
    CHECK(s.entries() == 3);
}

TEST_CASE("an archive that appears while it is written is not replaced") {
    Scratch s;
    yoshiki::base::Failure error;
    auto folder = WriteOnceFolder::begin((s.dir / "r8").string(), error);
    REQUIRE(folder);
    fs::create_directory(s.dir / "r8");  // empty: a plain rename would replace it
    CHECK_FALSE(folder->commit(error));
    CHECK(error.message.find("appeared while the archive was being written") != std::string::npos);
    CHECK(fs::is_empty(s.dir / "r8"));
}

TEST_CASE("abandoned: the partial folder goes, with what is in it") {
    Scratch s;
    yoshiki::base::Failure error;
    {
        auto folder = WriteOnceFolder::begin((s.dir / "r8").string(), error);
        REQUIRE(folder);
        std::ofstream(fs::path(folder->path()) / "a.pdf") << "%PDF";
    }
    CHECK(s.entries() == 0);
}

TEST_CASE("a killed run's folder is removed by the next run; a living run's is not") {
    Scratch s;
    fs::create_directory(s.dir / ".r8.partial-dead00");
    std::ofstream(s.dir / ".r8.partial-dead00" / "a.pdf") << "%PDF";
    fs::create_directory(s.dir / ".other.partial-dead00");  // another target's: not ours to remove
    yoshiki::base::Failure error;
    auto first = WriteOnceFolder::begin((s.dir / "r8").string(), error);
    REQUIRE(first);
    CHECK_FALSE(fs::exists(s.dir / ".r8.partial-dead00"));
    CHECK(fs::exists(s.dir / ".other.partial-dead00"));
    // A second run while the first lives: the first's folder is locked, so it stays.
    auto second = WriteOnceFolder::begin((s.dir / "r8").string(), error);
    REQUIRE(second);
    CHECK(fs::exists(first->path()));
}
