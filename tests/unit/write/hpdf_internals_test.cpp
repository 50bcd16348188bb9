// The reads of libharu's internal structures (src/write/hpdf_internals.cpp), checked against
// the library as installed: if a new libharu moves a field, these fail before a PDF breaks.
#include <doctest/doctest.h>

#include <hpdf.h>
#include <zlib.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "paginate/paged_document.hpp"
#include "test_support.hpp"
#include "text/font.hpp"
#include "write/hpdf_internals.hpp"
#include "write/pdf_writer.hpp"

namespace hpdf = yoshiki::write::hpdf;

namespace {

std::string name_of(HPDF_Dict dict, const char* key) {
    auto* n = static_cast<HPDF_Name>(HPDF_Dict_GetItem(dict, key, HPDF_OCLASS_NAME));
    return n ? HPDF_Name_GetValue(n) : std::string();
}

std::string saved(HPDF_Doc doc) {
    HPDF_SaveToStream(doc);
    std::string out(HPDF_GetStreamSize(doc), '\0');
    HPDF_UINT32 size = static_cast<HPDF_UINT32>(out.size());
    HPDF_ReadFromStream(doc, reinterpret_cast<HPDF_BYTE*>(out.data()), &size);
    out.resize(size);
    return out;
}

std::string inflate(const std::string& in) {
    std::string out(1 << 16, '\0');
    for (;;) {
        uLongf size = out.size();
        int status = uncompress(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(in.data()), in.size());
        if (status == Z_BUF_ERROR) {
            out.resize(out.size() * 4);
            continue;
        }
        REQUIRE(status == Z_OK);
        out.resize(size);
        return out;
    }
}

// The file with the objects its object streams hold appended as text, to search both.
std::string unpacked(const std::string& pdf) {
    std::string out = pdf;
    int streams = 0;
    for (std::size_t at = pdf.find("/Type /ObjStm"); at != std::string::npos; at = pdf.find("/Type /ObjStm", at + 1)) {
        const std::size_t length = pdf.find("/Length ", at);
        const std::size_t data = pdf.find("stream\n", at) + 7;
        REQUIRE(length < data);
        out += inflate(pdf.substr(data, std::stoul(pdf.substr(length + 8))));
        ++streams;
    }
    CHECK(streams > 0);
    return out;
}

// The body of object `number` as libharu's own HPDF_SaveToStream wrote it, found by its table.
std::string body_in(const std::string& pdf, int number) {
    const std::size_t table = pdf.rfind("\nxref\n");
    REQUIRE(table != std::string::npos);
    const std::size_t row = pdf.find('\n', table + 6) + 1 + static_cast<std::size_t>(number) * 20;
    const std::size_t start = std::stoul(pdf.substr(row, 10));
    const std::size_t body = pdf.find('\n', start) + 1;
    return pdf.substr(body, pdf.find("\nendobj\n", body) - body);
}

}  // namespace

TEST_CASE("libharu's document structures are where yoshiki reads them") {
    HPDF_Doc doc = HPDF_New(nullptr, nullptr);
    REQUIRE(doc);
    CHECK(name_of(hpdf::catalog(doc), "Type") == "Catalog");
    // The trailer is filled at save time; what we add to it must come out after "trailer".
    HPDF_Dict_AddName(hpdf::trailer(doc), "YoshikiProbe", "Here");
    HPDF_Date date{2026, 4, 1, 0, 0, 0, 'Z', 0, 0};
    HPDF_SetInfoDateAttr(doc, HPDF_INFO_CREATION_DATE, date);
    REQUIRE(hpdf::info(doc) != nullptr);
    CHECK(HPDF_Dict_GetItem(hpdf::info(doc), "CreationDate", HPDF_OCLASS_STRING) != nullptr);

    hpdf::set_version_1_7(doc);
    HPDF_Page page = HPDF_AddPage(doc);
    const std::string ops = "0 g 10 10 100 100 re f\n";
    uLongf size = compressBound(static_cast<uLong>(ops.size()));
    std::string deflated(size, '\0');
    compress(reinterpret_cast<Bytef*>(deflated.data()), &size, reinterpret_cast<const Bytef*>(ops.data()), ops.size());
    deflated.resize(size);
    hpdf::set_deflated_content(page, deflated);
    HPDF_Dict meta = hpdf::new_stream(doc, "<x:xmpmeta/>");
    HPDF_Dict_Add(hpdf::catalog(doc), "Metadata", meta);
    // A dictionary and a stream deflated beforehand, as the fonts are written.
    HPDF_Dict probe = hpdf::new_indirect_dict(doc);
    HPDF_Dict_AddName(probe, "Type", "YoshikiProbe");
    HPDF_Dict_Add(probe, "Data", hpdf::new_deflated_stream(doc, deflated));
    HPDF_Dict_Add(hpdf::catalog(doc), "Probe", probe);
    HPDF_Dict_Add(hpdf::info(doc), "Title", HPDF_String_New(hpdf::mmgr(doc), "Probe title", nullptr));

    std::string pdf = saved(doc);
    HPDF_Free(doc);
    // PDF 1.7, and the comment of bytes above 127 that tells a transfer the file is binary.
    REQUIRE(pdf.size() > 16);
    CHECK(pdf.compare(0, 9, "%PDF-1.7\n") == 0);
    CHECK(pdf[9] == '%');
    for (int k = 10; k < 14; ++k) CHECK(static_cast<unsigned char>(pdf[static_cast<std::size_t>(k)]) > 127);
    // The content stream is named as deflated, holds exactly the bytes given, and inflates back.
    auto at = pdf.find("/Filter /FlateDecode");
    REQUIRE(at != std::string::npos);
    auto start = pdf.find("stream\r\n", at);
    if (start == std::string::npos) start = pdf.find("stream\n", at);
    REQUIRE(start != std::string::npos);
    start = pdf.find('\n', start) + 1;
    CHECK(inflate(pdf.substr(start, deflated.size())) == ops);
    CHECK(pdf.find("/Metadata") != std::string::npos);
    // Both deflated streams (page content, the probe's) are named as such and hold our bytes.
    CHECK(pdf.find("/Filter /FlateDecode", at + 1) != std::string::npos);
    std::size_t copies = 0;
    for (std::size_t k = pdf.find(deflated); k != std::string::npos; k = pdf.find(deflated, k + 1)) ++copies;
    CHECK(copies == 2);
    CHECK(pdf.find("/Type /YoshikiProbe") != std::string::npos);
    // The catalog written is the one yoshiki added to.
    std::size_t cat = pdf.find("/Type /Catalog");
    REQUIRE(cat != std::string::npos);
    std::string catalog = pdf.substr(cat, pdf.find("endobj", cat) - cat);
    CHECK(catalog.find("/Probe ") != std::string::npos);
    CHECK(catalog.find("/Metadata ") != std::string::npos);
    // The Info dictionary is the trailer's, with what was set in it.
    CHECK(pdf.find("/Info ", pdf.rfind("trailer")) != std::string::npos);
    CHECK(pdf.find("/Title (Probe title)") != std::string::npos);
    CHECK(pdf.find("/CreationDate (D:20260401000000Z") != std::string::npos);
    std::size_t probe_at = pdf.find("/YoshikiProbe /Here");
    REQUIRE(probe_at != std::string::npos);
    CHECK(probe_at > pdf.rfind("trailer"));
    CHECK(pdf.find("<x:xmpmeta/>") != std::string::npos);
    CHECK(std::string(HPDF_GetVersion()).rfind("2.", 0) == 0);
}

TEST_CASE("the objects yoshiki saves are the ones libharu's own save writes") {
    auto build = [] {
        HPDF_Doc doc = HPDF_New(nullptr, nullptr);
        HPDF_Date date{2026, 4, 1, 0, 0, 0, 'Z', 0, 0};
        HPDF_SetInfoDateAttr(doc, HPDF_INFO_CREATION_DATE, date);
        HPDF_Page page = HPDF_AddPage(doc);
        hpdf::set_deflated_content(page, std::string("x\x9c\x03\x00\x00\x00\x00\x01", 8));
        HPDF_Dict probe = hpdf::new_indirect_dict(doc);
        HPDF_Dict_Add(probe, "Data", hpdf::new_deflated_stream(doc, "raw"));
        HPDF_Dict_Add(hpdf::catalog(doc), "Probe", probe);
        HPDF_Dict_AddName(hpdf::trailer(doc), "YoshikiProbe", "Here");
        return doc;
    };
    HPDF_Doc theirs = build(), ours = build();
    const std::string pdf = saved(theirs);
    hpdf::SavedDocument doc;
    REQUIRE(hpdf::save_objects(ours, doc));
    HPDF_Free(theirs);
    HPDF_Free(ours);
    REQUIRE(doc.objects.size() > 5);
    int streams = 0;
    for (const yoshiki::pdf::WrittenObject& o : doc.objects) {
        INFO("object " << o.number);
        CHECK(o.body == body_in(pdf, o.number));
        CHECK(o.stream == (o.body.find("\nstream\r\n") != std::string::npos));
        streams += o.stream;
    }
    CHECK(streams == 2);  // the page's content and the probe's data
    // The trailer's entries: the probe, the catalog and the Info dictionary, as libharu's own.
    CHECK(doc.trailer.find("/YoshikiProbe /Here") == 0);
    const std::string trailer = pdf.substr(pdf.rfind("trailer"));
    CHECK(trailer.find(doc.trailer.substr(doc.trailer.find("/Root"), 10)) != std::string::npos);
    CHECK(doc.trailer.find("/Info ") != std::string::npos);
}

TEST_CASE("objects yoshiki writes itself take numbers libharu reserves, and every one is written") {
    HPDF_Doc doc = HPDF_New(nullptr, nullptr);
    HPDF_Page page = HPDF_AddPage(doc);
    void* element = hpdf::reserve_object(doc);
    const int number = hpdf::object_number(element);
    CHECK(number > hpdf::object_number(page));
    HPDF_Dict_Add(hpdf::catalog(doc), "Probe", element);  // libharu refers to it as to its own
    {
        hpdf::SavedDocument none;
        CHECK_THROWS_AS(hpdf::save_objects(doc, none), std::logic_error);  // reserved, never written
    }
    {
        hpdf::SavedDocument wrong;
        const std::vector<yoshiki::pdf::WrittenObject> stray{{number + 100, "<</S/P>>", false}};
        CHECK_THROWS_AS(hpdf::save_objects(doc, wrong, stray), std::logic_error);  // written, never reserved
    }
    hpdf::SavedDocument saved;
    const std::string page_ref = std::to_string(hpdf::object_number(page)) + " 0 R";
    REQUIRE(hpdf::save_objects(doc, saved, {{number, "<</S/P/Pg " + page_ref + ">>", false}}));
    HPDF_Free(doc);
    bool found = false;
    for (const yoshiki::pdf::WrittenObject& o : saved.objects) {
        if (o.number == number) {
            CHECK(o.body == "<</S/P/Pg " + page_ref + ">>");
            found = true;
        }
        if (o.body.find("/Probe ") != std::string::npos) CHECK(o.body.find("/Probe " + std::to_string(number) + " 0 R") != std::string::npos);
    }
    CHECK(found);
}

TEST_CASE("the writer's PDF: fonts, ID, metadata, deterministic bytes") {
    auto font = yoshiki::test::open_font(yoshiki::test::mincho_path());
    REQUIRE(static_cast<bool>(font));
    yoshiki::paginate::PagedDocument doc;
    doc.width = 595.276;
    doc.height = 841.89;
    doc.fonts.push_back(font);
    doc.info.title = "令和8年度 目標設定書（総務課）";
    doc.info.author = "酒巻 義一";
    doc.info.creation_time = 1775001600;  // 2026-04-01
    yoshiki::paginate::Page page;
    yoshiki::paginate::GlyphRun run;
    run.x = 100;
    run.y = 100;
    run.text = "目標";
    run.glyphs.push_back({font->glyph(U'目'), 0, 0, 0, 3});
    run.glyphs.push_back({font->glyph(U'標'), 10.5f, 0, 3, 3});
    page.items.push_back({yoshiki::paginate::TextLine{{run}, {}}, -1, yoshiki::paginate::Artifact::layout});
    doc.pages.push_back(page);
    yoshiki::write::WriteOptions options;
    options.creator = "yoshiki test";
    doc.sheets.push_back({"目標", 0});

    const std::string file = yoshiki::write::write_pdf(doc, options);
    CHECK(file == yoshiki::write::write_pdf(doc, options));
    const std::string a = unpacked(file);
    CHECK(a.rfind("%PDF-", 0) == 0);
    CHECK(a.find("/Subtype /Type0") != std::string::npos);
    CHECK(a.find("/Encoding /Identity-H") != std::string::npos);
    CHECK(a.find("/CIDToGIDMap") != std::string::npos);
    CHECK(a.find("/ToUnicode") != std::string::npos);
    CHECK(a.find("+IPAexMincho") != std::string::npos);
    CHECK(a.find("/ID [") != std::string::npos);
    CHECK(a.find("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">令和8年度 目標設定書（総務課）</rdf:li>") != std::string::npos);
    CHECK(a.find("<xmp:CreateDate>2026-04-01T00:00:00Z</xmp:CreateDate>") != std::string::npos);
    // CIDs are the subset's glyph ids; ASCII text strings are literal.
    CHECK(a.find("/CIDToGIDMap /Identity") != std::string::npos);
    CHECK(a.find("/Creator (yoshiki test)") != std::string::npos);
    // A different title gives a different document ID.
    doc.info.title = "別の標題";
    std::string c = yoshiki::write::write_pdf(doc, options);
    auto id = [](const std::string& s) { return s.substr(s.find("/ID ["), 80); };
    CHECK(id(a) != id(c));
}
