// The bounds of reading a PDF from anyone (src/read/bounded.cpp and its users): too many
// revisions, a deflate bomb in an embedded file or the XMP, values nested past what is compared,
// and a chain of a hundred thousand references, each refused or walked without running away.
#include <doctest/doctest.h>

#include <qpdf/QPDFExc.hh>
#include <zlib.h>

#include <stdexcept>
#include <string>

#include "archive/pdf_reader.hpp"
#include "base/limits.hpp"
#include "read/bounded.hpp"
#include "sign/incremental_update.hpp"
#include "read/pdf_file.hpp"
#include "sign/sign_support.hpp"

using namespace yoshiki;

namespace {

// `n` bytes of zeros, deflated: some n/1000 bytes that decode to n.
std::string deflated_zeros(std::size_t n) {
    std::string zeros(n, '\0');
    uLongf size = compressBound(static_cast<uLong>(n));
    std::string out(size, '\0');
    compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(zeros.data()), static_cast<uLong>(n), 9);
    out.resize(size);
    return out;
}

// tiny_pdf with one update that gives the catalog the entries `catalog` and adds `objects`
// (each the body of one new object, numbered from 4 on).
std::string updated(const std::string& catalog, const std::vector<std::string>& objects) {
    std::string original = test::tiny_pdf();
    base::Failure failure;
    auto before = read::PdfFile::read(original, failure);
    REQUIRE(before);
    sign::IncrementalUpdate update(original, before->object_count());
    for (const std::string& body : objects) update.put(update.add(), body);
    update.put(read::ObjectRef{1, 0}, "<< /Type /Catalog /Pages 2 0 R " + catalog + " >>");
    return update.finish("/Root 1 0 R /ID [<00> <01>]", before->last_xref());
}

}  // namespace

TEST_CASE("a PDF of more revisions than any form has is refused before QPDF reads it") {
    std::string pdf = test::tiny_pdf();
    base::Failure failure;
    for (std::size_t i = 0; i < base::limits::max_pdf_revisions; ++i) pdf += "% startxref\n";
    CHECK_FALSE(read::PdfFile::read(pdf, failure));
    CHECK(failure.message == "not a PDF yoshiki reads: the file has more than 100 revisions");
    CHECK(archive::read_embedded_files(pdf).failure->message == "not a PDF yoshiki reads: the file has more than 100 revisions");
}

TEST_CASE("a deflate bomb is refused while it decodes: the XMP, an embedded file") {
    const std::size_t bomb = base::limits::max_pdf_stream_bytes + 1;
    std::string data = deflated_zeros(bomb);
    REQUIRE(data.size() < bomb / 100);
    std::string stream = sign::stream_object("/Type /Metadata /Subtype /XML /Filter /FlateDecode", data);
    std::string pdf = updated("/Metadata 4 0 R", {stream});
    base::Failure failure;
    auto file = read::PdfFile::read(pdf, failure);
    REQUIRE(file);
    CHECK_THROWS_WITH_AS(file->xmp_label(), "a stream decodes to more than 32 MiB", read::FileFault);

    std::string embedded = updated("/Names << /EmbeddedFiles << /Names [(a.xml) 4 0 R] >> >>",
                                   {"<< /Type /Filespec /F (a.xml) /UF (a.xml) /EF << /F 5 0 R >> >>",
                                    sign::stream_object("/Type /EmbeddedFile /Filter /FlateDecode", data)});
    archive::PdfContents contents = archive::read_embedded_files(embedded);
    REQUIRE(contents.failure);
    CHECK(contents.failure->code == base::codes::pdf_unreadable);
    CHECK(contents.failure->message == "not a PDF yoshiki reads: a stream decodes to more than 32 MiB");
    CHECK(contents.files.empty());
    // The same stream within the bound decodes.
    std::string small = updated("/Names << /EmbeddedFiles << /Names [(a.xml) 4 0 R] >> >>",
                                {"<< /Type /Filespec /F (a.xml) /UF (a.xml) /EF << /F 5 0 R >> >>",
                                 sign::stream_object("/Type /EmbeddedFile /Filter /FlateDecode", deflated_zeros(1000))});
    contents = archive::read_embedded_files(small);
    CHECK_FALSE(contents.failure);
    REQUIRE(contents.files.size() == 1);
    CHECK(contents.files[0].bytes == std::string(1000, '\0'));
}

TEST_CASE("what a revision shows is compared to a depth, and along a chain of 100,000 references") {
    std::string original = test::tiny_pdf();
    base::Failure failure;
    auto before = read::PdfFile::read(original, failure);
    REQUIRE(before);
    // Arrays nested 100 deep, direct: compared to the bound, then named as too deep.
    std::string deep = std::string(100, '[') + "1" + std::string(100, ']');
    auto nested = read::PdfFile::read(updated("/Deep " + deep, {}), failure);
    REQUIRE(nested);
    std::vector<read::ShownChange> changes = nested->changes_from(*before, {});
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].path == "/Deep");  // a key the older catalog lacks: a change of its holder

    // A chain of indirect objects, each naming the next: walked from a queue, not the stack, and
    // its path in messages clipped, not a hundred thousand steps long.
    constexpr int n = 100'000;
    std::vector<std::string> chain;
    for (int i = 0; i < n; ++i) chain.push_back("<< /Next " + std::to_string(i + 5) + " 0 R >>");
    chain.back() = "<< /End true >>";
    std::string long_pdf = updated("/Chain 4 0 R", chain);
    auto newer = read::PdfFile::read(long_pdf, failure);
    REQUIRE(newer);
    auto same = read::PdfFile::read(long_pdf, failure);
    REQUIRE(same);
    CHECK(same->changes_from(*newer, {}).empty());  // all 100,000 compared, none changed
    changes = newer->changes_from(*before, {});
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].path == "/Chain");
}

TEST_CASE("a damage QPDF finds late, or a bound, is the file's fault; anything else is yoshiki's") {
    QPDFExc damage(qpdf_e_damaged_pdf, "PDF", "object 12 0", 1234, "expected endobj");
    const base::Failure damaged = read::failure_of(damage);
    CHECK(damaged.code == base::codes::pdf_unreadable);
    CHECK(damaged.message.rfind("the file is damaged: ", 0) == 0);
    const base::Failure bound = read::failure_of(read::FileFault("a stream decodes to more than 32 MiB"));
    CHECK(bound.code == base::codes::pdf_unreadable);
    CHECK(bound.message == "not a PDF yoshiki reads: a stream decodes to more than 32 MiB");
    const base::Failure bug = read::failure_of(std::logic_error("a bug"));
    CHECK(bug.code == base::codes::internal_error);
    CHECK(bug.message == "internal error: a bug");
    CHECK(read::failure_of(std::length_error("basic_string::_M_create")).code == base::codes::internal_error);
}
