// Reading and writing files (src/io): only regular files are read, refused before a byte is read
// when they are something else or too large; confinement resolves '..' and links; files in memory
// stand in front of the disk; a PDF replaces only a regular file that is not an input.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "base/limits.hpp"
#include "io/files.hpp"
#include "io/sha256.hpp"
#include "io/write.hpp"
#include "parse/parse_support.hpp"

using namespace yoshiki;
namespace fs = std::filesystem;

namespace {

// A sparse file of `size` bytes: as large as claimed, without the disk space.
void sparse(const fs::path& path, off_t size) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    REQUIRE(fd >= 0);
    REQUIRE(::ftruncate(fd, size) == 0);
    ::close(fd);
}

std::string code_of(const io::Failure& f) { return f.code.name; }

}  // namespace

TEST_CASE("a regular file is read whole, with its identity") {
    fs::path dir = test::fresh_folder("regular");
    test::write_file(dir / "a.xml", "<a/>");
    io::DiskFiles disk;
    io::Failure failure;
    auto read = disk.read_text((dir / "a.xml").string(), io::Use::input, failure);
    REQUIRE(read);
    CHECK(read->bytes == "<a/>");
    struct stat st {};
    REQUIRE(::stat((dir / "a.xml").c_str(), &st) == 0);
    CHECK(read->identity.inode == st.st_ino);
    CHECK(read->identity.device == st.st_dev);
    CHECK(read->identity.size == 4);
    CHECK_FALSE(read->identity.in_memory);
}

TEST_CASE("a FIFO, a device, a folder are refused at once, for every use, without opening them") {
    fs::path dir = test::fresh_folder("special");
    REQUIRE(::mkfifo((dir / "fifo").c_str(), 0644) == 0);
    io::DiskFiles disk;
    struct Case {
        std::string path, reason;
    };
    for (const Case& c : {Case{(dir / "fifo").string(), "it is a FIFO (named pipe), not a regular file"},
                          Case{"/dev/zero", "it is a character device, not a regular file"},
                          Case{"/dev/urandom", "it is a character device, not a regular file"},
                          Case{dir.string(), "it is a folder, not a file"}}) {
        for (io::Use use : {io::Use::input, io::Use::layout, io::Use::font}) {
            io::Failure f1, f2, f3;
            CHECK_FALSE(disk.read_text(c.path, use, f1));
            CHECK_FALSE(disk.map(c.path, use, f2));
            CHECK_FALSE(disk.identify(c.path, use, f3));
            for (const io::Failure* f : {&f1, &f2, &f3}) {
                CHECK(code_of(*f) == "file-not-regular");
                CHECK(f->message == c.reason);
            }
        }
    }
}

TEST_CASE("a file over its limit is refused from its size, before it is read: 3 GB in no time") {
    fs::path dir = test::fresh_folder("large");
    sparse(dir / "huge.xml", off_t{3} << 30);
    sparse(dir / "just-over.xml", static_cast<off_t>(base::limits::max_file_bytes) + 1);
    sparse(dir / "font.ttf", static_cast<off_t>(base::limits::max_font_bytes) + 1);
    io::DiskFiles disk;
    auto start = std::chrono::steady_clock::now();
    io::Failure f1, f2, f3;
    CHECK_FALSE(disk.read_text((dir / "huge.xml").string(), io::Use::input, f1));
    CHECK_FALSE(disk.read_text((dir / "just-over.xml").string(), io::Use::layout, f2));
    CHECK_FALSE(disk.map((dir / "font.ttf").string(), io::Use::font, f3));
    // Reading 3 GB would take seconds and the memory; refusing it from fstat takes none. (Not a
    // timing test: a hundred times slower would still pass; reading it never would.)
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
    CHECK(code_of(f1) == "file-too-large");
    CHECK(f1.message == "larger than 16 MiB (3221225472 bytes)");
    CHECK(f2.message == "larger than 16 MiB (16777217 bytes)");
    CHECK(f3.message == "larger than 128 MiB (134217729 bytes)");
    // Exactly the limit is allowed.
    sparse(dir / "limit.xml", static_cast<off_t>(base::limits::max_file_bytes));
    io::Failure f4;
    auto read = disk.read_text((dir / "limit.xml").string(), io::Use::input, f4);
    REQUIRE(read);
    CHECK(read->bytes.size() == base::limits::max_file_bytes);
}

TEST_CASE("missing and unreadable files say why; an empty font is refused") {
    fs::path dir = test::fresh_folder("missing");
    io::DiskFiles disk;
    io::Failure f;
    CHECK_FALSE(disk.read_text((dir / "none.xml").string(), io::Use::input, f));
    CHECK(code_of(f) == "file-not-found");
    CHECK(f.message == "No such file or directory");
    test::write_file(dir / "empty.ttf", "");
    io::Failure g;
    CHECK_FALSE(disk.map((dir / "empty.ttf").string(), io::Use::font, g));
    CHECK(code_of(g) == "file-empty");
}

TEST_CASE("confined: a path outside the folders is refused after resolving '..' and links") {
    fs::path dir = test::fresh_folder("confined");
    fs::create_directories(dir / "layouts");
    fs::create_directories(dir / "elsewhere");
    test::write_file(dir / "layouts" / "l.xml", "<layout/>");
    test::write_file(dir / "elsewhere" / "secret.xml", "<secret/>");
    fs::create_symlink(dir / "elsewhere" / "secret.xml", dir / "layouts" / "link.xml");
    fs::create_symlink(dir / "layouts" / "l.xml", dir / "elsewhere" / "into.xml");
    io::Roots roots;
    roots.layouts = std::vector<std::string>{(dir / "layouts").string()};
    roots.inputs = std::vector<std::string>{};
    io::DiskFiles disk(roots);
    auto layout = [&](const fs::path& p, io::Failure& f) { return disk.read_text(p.string(), io::Use::layout, f); };
    io::Failure f1, f2, f3, f4, f5;
    CHECK(layout(dir / "layouts" / "l.xml", f1));
    CHECK(layout(dir / "elsewhere" / "into.xml", f2));  // a link from outside to a file inside: inside
    CHECK_FALSE(layout(dir / "layouts" / ".." / "elsewhere" / "secret.xml", f3));
    CHECK(code_of(f3) == "file-outside-roots");
    CHECK(f3.message == "it is outside the folders this yoshiki may read layout files from");
    CHECK_FALSE(layout(dir / "layouts" / "link.xml", f4));  // a link inside to a file outside: outside
    CHECK(code_of(f4) == "file-outside-roots");
    // No input folder at all: no input from disk. Fonts are not confined.
    CHECK_FALSE(disk.read_text((dir / "layouts" / "l.xml").string(), io::Use::input, f5));
    CHECK(code_of(f5) == "file-outside-roots");
    io::Failure f6;
    CHECK(disk.identify((dir / "elsewhere" / "secret.xml").string(), io::Use::font, f6));
    // A root that is a prefix of another folder's name does not contain it.
    fs::create_directories(dir / "layouts-old");
    test::write_file(dir / "layouts-old" / "l.xml", "<layout/>");
    io::Failure f7;
    CHECK_FALSE(layout(dir / "layouts-old" / "l.xml", f7));
    CHECK(code_of(f7) == "file-outside-roots");
}

TEST_CASE("files in memory stand in front of the disk, by normalised path, within the same limits") {
    fs::path dir = test::fresh_folder("memory");
    test::write_file(dir / "disk.xml", "<disk/>");
    io::DiskFiles disk;
    io::MemoryFiles memory(&disk);
    memory.add((dir / "a" / "." / "mem.xml").string(), "<mem/>");
    memory.add((dir / "disk.xml").string(), "<shadow/>");
    io::Failure f;
    auto mem = memory.read_text((dir / "a" / "mem.xml").string(), io::Use::input, f);
    REQUIRE(mem);
    CHECK(mem->bytes == "<mem/>");
    CHECK(mem->identity.in_memory);
    CHECK(memory.read_text((dir / "disk.xml").string(), io::Use::input, f)->bytes == "<shadow/>");
    io::MemoryFiles only;
    only.add("big.xml", std::string(base::limits::max_file_bytes + 1, ' '));
    CHECK_FALSE(only.read_text("big.xml", io::Use::input, f));
    CHECK(code_of(f) == "file-too-large");
    CHECK_FALSE(only.read_text("other.xml", io::Use::input, f));
    CHECK(code_of(f) == "file-not-found");
    // A font in memory is mapped from its bytes, which its owner keeps alive.
    only.add("f.ttf", "font bytes");
    auto mapped = only.map("f.ttf", io::Use::font, f);
    REQUIRE(mapped);
    CHECK(mapped->bytes == "font bytes");
    CHECK(mapped->owner);
    CHECK(only.identify("f.ttf", io::Use::font, f)->same_file(mapped->identity));
}

TEST_CASE("writing: atomically, through a link, never onto an input, a folder, a device or a FIFO") {
    fs::path dir = test::fresh_folder("write");
    test::write_file(dir / "in.xml", "<input/>");
    io::DiskFiles disk;
    io::Failure f;
    auto input = disk.read_text((dir / "in.xml").string(), io::Use::input, f);
    REQUIRE(input);
    std::vector<io::ReadFile> read{{input->identity, "the input file"}};

    CHECK_FALSE(io::write_file((dir / "out.pdf").string(), "%PDF-1", read));
    CHECK(test::file_bytes((dir / "out.pdf").string()) == "%PDF-1");

    // The input, by any name: refused, untouched.
    fs::create_symlink(dir / "in.xml", dir / "in-link.pdf");
    fs::create_hard_link(dir / "in.xml", dir / "in-hard.pdf");
    for (const char* name : {"in.xml", "in-link.pdf", "in-hard.pdf", "./../write/in.xml"}) {
        auto refused = io::write_file((dir / name).string(), "%PDF-1", read);
        REQUIRE(refused);
        CHECK(code_of(*refused) == "output-is-input");
        CHECK(refused->message == "it is the input file of this document: the PDF would replace it");
    }
    CHECK(test::file_bytes((dir / "in.xml").string()) == "<input/>");

    // A link stays a link; its target gets the PDF.
    test::write_file(dir / "target.pdf", "old");
    fs::create_symlink("target.pdf", dir / "link.pdf");
    CHECK_FALSE(io::write_file((dir / "link.pdf").string(), "%PDF-2", read));
    CHECK(fs::is_symlink(dir / "link.pdf"));
    CHECK(test::file_bytes((dir / "target.pdf").string()) == "%PDF-2");
    // A dangling link creates its target.
    fs::create_symlink("new.pdf", dir / "dangling.pdf");
    CHECK_FALSE(io::write_file((dir / "dangling.pdf").string(), "%PDF-3"));
    CHECK(fs::is_symlink(dir / "dangling.pdf"));
    CHECK(test::file_bytes((dir / "new.pdf").string()) == "%PDF-3");

    REQUIRE(::mkfifo((dir / "fifo").c_str(), 0644) == 0);
    struct Case {
        std::string path, reason;
    };
    for (const Case& c : {Case{dir.string(), "it is a folder, not a file a PDF can replace"},
                          Case{(dir / "fifo").string(), "it is a FIFO (named pipe), not a file a PDF can replace"},
                          Case{"/dev/null", "it is a character device, not a file a PDF can replace"}}) {
        auto refused = io::write_file(c.path, "%PDF", read);
        REQUIRE(refused);
        CHECK(code_of(*refused) == "output-not-regular");
        CHECK(refused->message == c.reason);
    }
    CHECK(fs::is_fifo(dir / "fifo"));
    CHECK(fs::is_character_file("/dev/null"));

    // A file kept private stays private; a failed write leaves nothing behind.
    test::write_file(dir / "private.pdf", "old");
    fs::permissions(dir / "private.pdf", fs::perms::owner_read | fs::perms::owner_write);
    CHECK_FALSE(io::write_file((dir / "private.pdf").string(), "%PDF"));
    CHECK((fs::status(dir / "private.pdf").permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
    auto failed = io::write_file((dir / "no-such-folder" / "x.pdf").string(), "%PDF");
    REQUIRE(failed);
    CHECK(code_of(*failed) == "output-failed");
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++entries;
    CHECK(entries == 10);  // in.xml, out.pdf, 2 input links, target, link, new, dangling, fifo, private
}

TEST_CASE("SHA-256 is OpenSSL's") {
    CHECK(io::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(io::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
