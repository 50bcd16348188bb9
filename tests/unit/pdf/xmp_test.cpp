// The XMP packet: PDF/A's identification, yoshiki's properties with their extension schema, and
// nothing the Info dictionary does not also have.
#include <doctest/doctest.h>

#include "pdf/xmp.hpp"

using yoshiki::pdf::XmpFields;
using yoshiki::pdf::xmp_packet;

namespace {

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("a PDF/A-3a packet: identification, yoshiki's properties, their schemas") {
    XmpFields f;
    f.title = "令和8年度 目標設定書（総務課）";
    f.producer = "yoshiki test";
    f.creator_tool = "yoshiki test";
    f.create_date = "2026-04-01T00:00:00Z";
    f.pdfua = true;
    f.pdfa = 'A';
    f.fiscal_year = "令和8年度";
    f.department = "総務課";
    f.source_sha256 = std::string(64, 'a');
    std::string x = xmp_packet(f);
    CHECK(x.find("<pdfaid:part>3</pdfaid:part>") != std::string::npos);
    CHECK(x.find("<pdfaid:conformance>A</pdfaid:conformance>") != std::string::npos);
    CHECK(x.find("<yoshiki:department>総務課</yoshiki:department>") != std::string::npos);
    CHECK(x.find("<yoshiki:sourceSHA256>" + std::string(64, 'a') + "</yoshiki:sourceSHA256>") != std::string::npos);
    // Each of yoshiki's properties and pdfuaid's part has a schema entry.
    for (const char* name : {"fiscalYear", "department", "sourceSHA256", "part"}) {
        INFO(name);
        CHECK(count(x, std::string("<pdfaProperty:name>") + name + "</pdfaProperty:name>") == 1);
    }
    CHECK(x.find(std::string("<pdfaSchema:namespaceURI>") + yoshiki::pdf::yoshiki_namespace) != std::string::npos);
    // No author, subject or keywords were given: none is written (the Info dictionary has none).
    CHECK(x.find("dc:creator") == std::string::npos);
    CHECK(x.find("dc:description") == std::string::npos);
    CHECK(x.find("pdf:Keywords") == std::string::npos);
    CHECK(x.rfind("<?xpacket end=\"r\"?>") == x.size() - 19);
}

TEST_CASE("without a PDF/A claim: no identification, no schemas, no properties of yoshiki") {
    XmpFields f;
    f.title = "t";
    f.author = "a & b";
    std::string x = xmp_packet(f);
    CHECK(x.find("pdfaid") == std::string::npos);
    CHECK(x.find("pdfaExtension") == std::string::npos);
    CHECK(x.find("yoshiki:") == std::string::npos);
    CHECK(x.find("<dc:creator><rdf:Seq><rdf:li>a &amp; b</rdf:li></rdf:Seq></dc:creator>") != std::string::npos);
}

TEST_CASE("a PDF/A-3b packet without PDF/UA declares no pdfuaid schema") {
    XmpFields f;
    f.pdfa = 'B';
    f.fiscal_year = "令和8年度";
    std::string x = xmp_packet(f);
    CHECK(x.find("<pdfaid:conformance>B</pdfaid:conformance>") != std::string::npos);
    CHECK(x.find("http://www.aiim.org/pdfua/ns/id/") == std::string::npos);
    CHECK(x.find("<yoshiki:department>") == std::string::npos);
}
