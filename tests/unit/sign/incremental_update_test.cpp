// Incremental updates (src/sign/incremental_update.cpp) read back with QPDF, which reads them
// without repair only when every offset is right: the original is a prefix, new objects and new
// versions of old ones are found, /Prev leads back. And the layout a PDF carries is found.
#include <doctest/doctest.h>

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEFStreamObjectHelper.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include "pdf/file_writer.hpp"
#include "pdf/syntax.hpp"
#include "sign/incremental_update.hpp"
#include "read/pdf_file.hpp"
#include "sign/sign_support.hpp"

using namespace yoshiki;

TEST_CASE("an incremental update appends objects and a cross-reference section QPDF reads without repair") {
    std::string original = test::tiny_pdf();
    base::Failure failure;
    auto before = read::PdfFile::read(original, failure);
    REQUIRE(before);
    CHECK(before->object_count() == 4);
    CHECK_FALSE(before->has_previous_xref());

    sign::IncrementalUpdate update(original, before->object_count());
    read::ObjectRef a = update.add(), b = update.add();
    CHECK(a.number == 4);
    CHECK(b.number == 5);
    update.put(a, "<< /Kind /New /Text " + pdf::text_string("決裁") + " >>");
    update.put(b, sign::stream_object("/Kind /Data", std::string("bytes\0with a nul", 16)));
    // A new version of the page, pointing at the new objects.
    update.put(read::ObjectRef{3, 0}, before->dictionary_with(read::ObjectRef{3, 0}, {{"/Extra", a.text()}, {"/Data", b.text()}}));
    std::string out = update.finish("/Root 1 0 R /ID [<00> <01>]", before->last_xref());

    CHECK(out.compare(0, original.size(), original) == 0);
    CHECK(out.substr(update.body_offset(a), 8) == "<< /Kind");
    auto after = read::PdfFile::read(out, failure);
    INFO(failure.message);
    REQUIRE(after);
    CHECK(after->object_count() == 6);
    CHECK(after->has_previous_xref());
    CHECK(after->last_xref() > static_cast<long long>(original.size()));
    CHECK(out.find("/Text <FEFF6C7A88C1>", original.size()) != std::string::npos);
    CHECK(out.find("/MediaBox", original.size()) != std::string::npos);  // the page keeps the keys it had

    // What the update changed in what the document shows: the page's two new keys, nothing else
    // (the new objects are reached only through them).
    std::vector<read::ShownChange> changes = after->changes_from(*before, {});
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].holder == read::ObjectRef{3, 0});
    CHECK(changes[0].path == "/Data");
    CHECK(changes[1].path == "/Extra");
    CHECK(changes[1].reached_as == "/Root/Pages/Kids[0]");
    // A subtree allowed to change is passed over.
    CHECK(after->changes_from(*before, {{read::ObjectRef{3, 0}, "/Data"}}).size() == 1);
}

TEST_CASE("a file whose cross-reference is a stream is updated with a cross-reference stream") {
    const std::string original =
        pdf::write_file("1.7", {{1, "<< /Type /Catalog /Pages 2 0 R >>", false}, {2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", false},
                                {3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>", false}},
                        "/Root 1 0 R /ID [<00> <01>]");
    base::Failure failure;
    auto before = read::PdfFile::read(original, failure);
    REQUIRE(before);
    sign::IncrementalUpdate update(original, before->object_count());
    read::ObjectRef a = update.add();
    update.put(a, "<< /Kind /New >>");
    update.put(read::ObjectRef{3, 0}, before->dictionary_with(read::ObjectRef{3, 0}, {{"/Extra", a.text()}}));
    const std::string out = update.finish("/Root 1 0 R /ID [<00> <01>]", before->last_xref());
    CHECK(out.compare(0, original.size(), original) == 0);
    CHECK(out.find("/Type /XRef", original.size()) != std::string::npos);
    CHECK(out.find("\nxref\n", original.size()) == std::string::npos);
    auto after = read::PdfFile::read(out, failure);
    INFO(failure.message);
    REQUIRE(after);
    CHECK(after->has_previous_xref());
    std::vector<read::ShownChange> changes = after->changes_from(*before, {});
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].path == "/Extra");
    CHECK(out.substr(static_cast<std::size_t>(update.body_offset(a)), 8) == "<< /Kind");
}

namespace {

// A new catalog and page tree over a copy of the tiny PDF's page with `keys` set: the same
// document under new object numbers when keys only repeat its /Parent.
std::string copied_tree(const std::string& original, const read::PdfFile& before,
                        std::vector<std::pair<std::string, std::string>> keys, read::ObjectRef& page) {
    sign::IncrementalUpdate update(original, before.object_count());
    read::ObjectRef root = update.add(), pages = update.add();
    page = update.add();
    update.put(root, "<< /Type /Catalog /Pages " + pages.text() + " >>");
    update.put(pages, "<< /Type /Pages /Kids [" + page.text() + "] /Count 1 >>");
    keys.emplace_back("/Parent", pages.text());
    update.put(page, before.dictionary_with(read::ObjectRef{3, 0}, keys));
    return update.finish("/Root " + root.text() + " /ID [<00> <01>]", before.last_xref());
}

}  // namespace

TEST_CASE("what the document shows is compared by value, not by object number") {
    std::string original = test::tiny_pdf();
    base::Failure failure;
    auto before = read::PdfFile::read(original, failure);
    REQUIRE(before);
    read::ObjectRef page;
    auto same = read::PdfFile::read(copied_tree(original, *before, {}, page), failure);
    INFO(failure.message);
    REQUIRE(same);
    CHECK(same->root().number == 4);
    CHECK(same->changes_from(*before, {}).empty());

    auto turned = read::PdfFile::read(copied_tree(original, *before, {{"/Rotate", "90"}}, page), failure);
    REQUIRE(turned);
    std::vector<read::ShownChange> changes = turned->changes_from(*before, {});
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].holder == page);
    CHECK(changes[0].path == "/Rotate");
    CHECK(changes[0].reached_as == "/Root/Pages/Kids[0]");
}

TEST_CASE("a damaged or cut file is not read") {
    base::Failure failure;
    std::string pdf = test::tiny_pdf();
    CHECK_FALSE(read::PdfFile::read(pdf.substr(0, pdf.size() / 2), failure));
    CHECK(failure.message.rfind("not a readable PDF", 0) == 0);
    // An offset of the cross-reference table off by one byte: QPDF could repair it, yoshiki does not.
    std::string shifted = pdf;
    shifted.insert(20, " ");
    CHECK_FALSE(read::PdfFile::read(shifted, failure));
}

TEST_CASE("the layout a PDF carries: the associated file of relationship Data that is a layout") {
    // Made with QPDF as yoshiki's writer embeds the layout (PDF/A-3 associated files, 7.11.4).
    QPDF q;
    q.emptyPDF();
    auto add = [&](const std::string& name, const std::string& bytes, const char* relationship) {
        auto stream = QPDFEFStreamObjectHelper::createEFStream(q, bytes);
        auto spec = QPDFFileSpecObjectHelper::createFileSpec(q, name, stream);
        spec.getObjectHandle().replaceKey("/AFRelationship", QPDFObjectHandle::newName(relationship));
        QPDFEmbeddedFileDocumentHelper(q).replaceEmbeddedFile(name, spec);
    };
    add("soumu.xml", "<goal-sheets/>", "/Source");
    add("goal-sheet.xml", "<?xml version=\"1.0\"?>\n<layout name=\"目標設定書\"/>", "/Data");
    QPDFWriter w(q);
    w.setOutputMemory();
    w.write();
    auto buffer = w.getBufferSharedPointer();
    std::string pdf(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
    base::Failure failure;
    auto file = read::PdfFile::read(pdf, failure);
    REQUIRE(file);
    auto layout = file->embedded_layout();
    REQUIRE(layout);
    CHECK(layout->first == "goal-sheet.xml");
    CHECK(layout->second.find("<layout name=\"目標設定書\"/>") != std::string::npos);
    auto none = read::PdfFile::read(test::tiny_pdf(), failure);
    REQUIRE(none);
    CHECK_FALSE(none->embedded_layout());
}
