// The file writer (src/pdf/file_writer.cpp) read back with QPDF, which reads a file without
// warnings only when every object stream, offset and cross-reference row is right.
#include <doctest/doctest.h>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "pdf/deflate.hpp"
#include "pdf/file_writer.hpp"

using namespace yoshiki;

namespace {

std::unique_ptr<QPDF> read(const std::string& bytes) {
    auto q = std::make_unique<QPDF>();
    q->setSuppressWarnings(true);
    q->processMemoryFile("test.pdf", bytes.data(), bytes.size());
    return q;
}

// A catalog, a page tree, `extra` small dictionaries and one stream, numbered from 1.
std::vector<pdf::WrittenObject> objects(int extra) {
    std::vector<pdf::WrittenObject> out;
    out.push_back({1, "<< /Type /Catalog /Pages 2 0 R >>", false});
    out.push_back({2, "<< /Type /Pages /Kids [] /Count 0 >>", false});
    const std::string data = pdf::deflate("BT ET\n");
    out.push_back({3, "<< /Filter /FlateDecode /Length " + std::to_string(data.size()) + " >>\nstream\n" + data + "\nendstream", true});
    for (int i = 0; i < extra; ++i) out.push_back({4 + i, "<< /Probe " + std::to_string(i) + " /Text (probe " + std::to_string(i) + ") >>", false});
    return out;
}

}  // namespace

TEST_CASE("a file of object streams and a cross-reference stream that QPDF reads without a warning") {
    const int extra = 450;  // three object streams: 200, 200 and 52 objects
    const std::string file = pdf::write_file("1.7", objects(extra), "/Root 1 0 R /ID [<00> <01>]");
    CHECK(file.rfind("%PDF-1.7\n%", 0) == 0);
    CHECK(file == pdf::write_file("1.7", objects(extra), "/Root 1 0 R /ID [<00> <01>]"));
    auto q = read(file);
    CHECK_FALSE(q->anyWarnings());
    CHECK(q->getRoot().getKey("/Type").getName() == "/Catalog");
    CHECK(q->getTrailer().getKey("/Size").getIntValue() == 3 + extra + 3 + 1 + 1);
    // Every dictionary is found where the cross-reference stream says, with its own values.
    for (int i = 0; i < extra; ++i) {
        QPDFObjectHandle o = q->getObjectByID(4 + i, 0);
        REQUIRE(o.isDictionary());
        CHECK(o.getKey("/Probe").getIntValue() == i);
        CHECK(o.getKey("/Text").getUTF8Value() == "probe " + std::to_string(i));
    }
    // The dictionaries are packed, the stream is not: the xref rows say so.
    std::map<QPDFObjGen, QPDFXRefEntry> xref = q->getXRefTable();
    CHECK(xref.at(QPDFObjGen(1, 0)).getType() == 2);
    CHECK(xref.at(QPDFObjGen(3, 0)).getType() == 1);
    CHECK(xref.at(QPDFObjGen(4 + extra - 1, 0)).getType() == 2);
    CHECK(q->getObjectByID(3, 0).getStreamData()->getSize() == 6);
    int streams = 0;
    for (QPDFObjectHandle& o : q->getAllObjects()) {
        if (o.isStream() && o.getDict().getKey("/Type").isNameAndEquals("/ObjStm")) ++streams;
    }
    CHECK(streams == 3);
}

TEST_CASE("an update's cross-reference stream leads back to the file's") {
    std::string file = pdf::write_file("1.7", objects(2), "/Root 1 0 R");
    const long long previous = std::stoll(file.substr(file.rfind("startxref") + 10));
    const long long at = static_cast<long long>(file.size());
    file += "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 /Updated true >>\nendobj\n";
    pdf::append_xref_stream(file, 8, {{2, false, at, 0}}, 9, "/Root 1 0 R /Prev " + std::to_string(previous), false);
    auto q = read(file);
    CHECK_FALSE(q->anyWarnings());
    CHECK(q->getTrailer().getKey("/Prev").getIntValue() == previous);
    CHECK(q->getRoot().getKey("/Pages").getKey("/Updated").getBoolValue());
    CHECK(q->getObjectByID(5, 0).getKey("/Probe").getIntValue() == 1);  // still found in the first section
}

TEST_CASE("the objects of a file are numbered from 1 without a gap") {
    std::vector<pdf::WrittenObject> gap = objects(1);
    gap.back().number = 9;
    CHECK_THROWS_AS(pdf::write_file("1.7", gap, "/Root 1 0 R"), std::logic_error);
}
