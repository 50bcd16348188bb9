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

#include "sign/incremental_update.hpp"
#include "sign/pdf_file.hpp"
#include "sign/sign_support.hpp"

using namespace yoshiki;

TEST_CASE("an incremental update appends objects and a cross-reference section QPDF reads without repair") {
    std::string original = test::tiny_pdf();
    std::string error;
    auto before = sign::PdfFile::read(original, error);
    REQUIRE(before);
    CHECK(before->object_count() == 4);
    CHECK_FALSE(before->has_previous_xref());

    sign::IncrementalUpdate update(original, before->object_count());
    sign::ObjectRef a = update.add(), b = update.add();
    CHECK(a.number == 4);
    CHECK(b.number == 5);
    update.put(a, "<< /Kind /New /Text " + sign::text_string("決裁") + " >>");
    update.put(b, sign::stream_object("/Kind /Data", std::string("bytes\0with a nul", 16)));
    // A new version of the page, pointing at the new objects.
    update.put(sign::ObjectRef{3, 0}, before->dictionary_with(sign::ObjectRef{3, 0}, {{"/Extra", a.text()}, {"/Data", b.text()}}));
    std::string out = update.finish("/Root 1 0 R /ID [<00> <01>]", before->last_xref());

    CHECK(out.compare(0, original.size(), original) == 0);
    CHECK(out.substr(update.body_offset(a), 8) == "<< /Kind");
    auto after = sign::PdfFile::read(out, error);
    INFO(error);
    REQUIRE(after);
    CHECK(after->object_count() == 6);
    CHECK(after->has_previous_xref());
    CHECK(after->last_xref() > static_cast<long long>(original.size()));
    CHECK(after->object_text(a).find("/Text <feff6c7a88c1>") != std::string::npos);
    CHECK(after->object_text(b).find("bytes") != std::string::npos);
    std::string page = after->object_text(sign::ObjectRef{3, 0});
    CHECK(page.find("/Extra 4 0 R") != std::string::npos);
    CHECK(page.find("/MediaBox") != std::string::npos);  // the keys it had are kept

    // What the update wrote: the two new objects and the page, nothing else.
    std::vector<sign::ObjectRef> written = after->objects_written_from(static_cast<long long>(original.size()));
    REQUIRE(written.size() == 3);
    CHECK(after->changed_keys(sign::ObjectRef{3, 0}, *before) == std::vector<std::string>{"/Data", "/Extra"});
    CHECK(after->changed_keys(sign::ObjectRef{2, 0}, *before).empty());
}

TEST_CASE("a damaged or cut file is not read") {
    std::string error;
    std::string pdf = test::tiny_pdf();
    CHECK_FALSE(sign::PdfFile::read(pdf.substr(0, pdf.size() / 2), error));
    CHECK(error.rfind("not a readable PDF", 0) == 0);
    // An offset of the cross-reference table off by one byte: QPDF could repair it, yoshiki does not.
    std::string shifted = pdf;
    shifted.insert(20, " ");
    CHECK_FALSE(sign::PdfFile::read(shifted, error));
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
    std::string error;
    auto file = sign::PdfFile::read(pdf, error);
    REQUIRE(file);
    auto layout = file->embedded_layout();
    REQUIRE(layout);
    CHECK(layout->first == "goal-sheet.xml");
    CHECK(layout->second.find("<layout name=\"目標設定書\"/>") != std::string::npos);
    auto none = sign::PdfFile::read(test::tiny_pdf(), error);
    REQUIRE(none);
    CHECK_FALSE(none->embedded_layout());
}
