// The archive's manifest and SHA256SUMS: written and read back, and every way a changed file is
// refused with a message that says where.
#include <doctest/doctest.h>

#include "archive/manifest.hpp"

namespace archive = yoshiki::archive;
namespace base = yoshiki::base;

namespace {

archive::Manifest sample() {
    archive::Manifest m;
    m.yoshiki = "0.1.0";
    m.fiscal_years = {"令和8年度"};
    m.layouts.push_back({"目標設定書", "goal-sheet.xml", std::string(64, 'a')});
    m.fonts.push_back({"IPAexMincho", "Version 004.01", "ipaexm.ttf", std::string(64, 'b')});
    archive::FileEntry dept;
    dept.path = "r8/soumu.pdf";
    dept.source = "r8/soumu.xml";
    dept.department = "総務課";
    dept.fiscal_year = "令和8年度";
    dept.sheets = 3;
    dept.pages = 3;
    dept.bytes = 123961;
    dept.sha256 = std::string(64, 'c');
    dept.source_sha256 = std::string(64, 'd');
    dept.layout_sha256 = std::string(64, 'a');
    dept.created = "2026-04-01T00:00:00Z";
    dept.conformance = "PDF/A-3a";
    archive::FileEntry print;
    print.path = "all.pdf";
    print.kind = "print";
    print.sha256 = std::string(64, 'e');
    print.created = dept.created;
    print.parts = {"r8/soumu.pdf"};
    m.files = {print, dept};
    return m;
}

// The manifest with the first `from` made `to`, refused: the reason (its code checked).
std::string refusal(std::string manifest, const std::string& from, const std::string& to) {
    const std::size_t at = manifest.find(from);
    REQUIRE(at != std::string::npos);
    manifest.replace(at, from.size(), to);
    base::Failure failure;
    CHECK_FALSE(archive::parse_manifest(manifest, failure));
    CHECK(failure.code == base::codes::manifest_invalid);
    return failure.message;
}

}  // namespace

TEST_CASE("a manifest reads back as it was written, characters as they are") {
    std::string json = archive::to_json(sample());
    CHECK(json.find("\"department\": \"総務課\"") != std::string::npos);  // not \u escapes
    base::Failure error;
    auto m = archive::parse_manifest(json, error);
    REQUIRE(m);
    CHECK(error.message.empty());
    CHECK(archive::to_json(*m) == json);
    REQUIRE(m->files.size() == 2);
    CHECK(m->files[1].department == "総務課");
    CHECK(m->files[1].bytes == 123961);
    CHECK(m->files[0].parts == std::vector<std::string>{"r8/soumu.pdf"});
    CHECK(m->fonts[0].version == "Version 004.01");
}

TEST_CASE("a signed PDF's signatures and unsigned boxes read back") {
    archive::Manifest m = sample();
    m.files[1].signatures = {{"課長", "酒巻 義一", "2026-12-01 09:30:00 +09:00", ""},
                             {"副町長", "山田 花子", "2026-12-01 10:00:00 +09:00", "2026-12-01 01:00:01 UTC by TSA"}};
    m.files[1].unsigned_boxes = {"町長"};
    std::string json = archive::to_json(m);
    CHECK(json.find("\"timestamp\"") == json.rfind("\"timestamp\""));  // only the one that has one
    CHECK(json.find("\"timestamp\"") != std::string::npos);
    base::Failure error;
    auto back = archive::parse_manifest(json, error);
    REQUIRE(back);
    REQUIRE(back->files[1].signatures.size() == 2);
    CHECK(back->files[1].signatures[1].signer == "山田 花子");
    CHECK(back->files[1].signatures[1].timestamp == "2026-12-01 01:00:01 UTC by TSA");
    CHECK(back->files[1].signatures[0].timestamp.empty());
    CHECK(back->files[1].unsigned_boxes == std::vector<std::string>{"町長"});
    CHECK(back->files[0].signatures.empty());
    CHECK(archive::to_json(*back) == json);

    std::string without_box = json;
    without_box.replace(without_box.find("\"box\": \"課長\","), std::string("\"box\": \"課長\",").size(), "");
    CHECK_FALSE(archive::parse_manifest(without_box, error));
    CHECK(error.message == "r8/soumu.pdf: signature: no \"box\"");
}

TEST_CASE("a manifest that is not one is refused, saying where") {
    base::Failure error;
    CHECK_FALSE(archive::parse_manifest("{\"format\": \"yoshiki-archive\", \"files\": [", error));
    CHECK(error.message.rfind("not valid JSON (byte ", 0) == 0);
    CHECK(error.code == base::codes::manifest_invalid);
    CHECK_FALSE(archive::parse_manifest("[1, 2]", error));
    CHECK(error.message == "not a JSON object");
    CHECK_FALSE(archive::parse_manifest("{\"format\": \"other\", \"format_version\": 1}", error));
    CHECK(error.message == "not a yoshiki archive manifest of format 1");
    const std::string json = archive::to_json(sample());
    CHECK(refusal(json, "\"pages\": 3", "\"pages\": \"3\"") == "r8/soumu.pdf: \"pages\" is not of its type");
    CHECK(refusal(json, "\"r8/soumu.pdf\",\n      \"kind\"", "\"../soumu.pdf\",\n      \"kind\"") ==
          "../soumu.pdf: not a path inside the archive");
    CHECK(refusal(json, std::string(64, 'c'), "c") == "r8/soumu.pdf: \"sha256\" is not a SHA-256");
    CHECK(refusal(json, "\"layouts\": [", "\"layouts\": 5, \"x\": [") == "\"layouts\" is not a list");
    CHECK(refusal(json, "\"files\": [", "\"files\": [7, ") == "file 1: not a JSON object");
}

TEST_CASE("SHA256SUMS in sha256sum's format, sorted, and read back") {
    std::string text = archive::format_sums({{std::string(64, '1'), "r8/soumu.pdf"}, {std::string(64, '0'), "all.pdf"}});
    CHECK(text == std::string(64, '0') + "  all.pdf\n" + std::string(64, '1') + "  r8/soumu.pdf\n");
    base::Failure error;
    auto sums = archive::parse_sums(text + std::string(64, '2') + " *binary.pdf\n", error);
    REQUIRE(sums);
    CHECK(sums->size() == 3);
    CHECK((*sums)[2].path == "binary.pdf");
    CHECK_FALSE(archive::parse_sums(text + "not a line\n", error));
    CHECK(error.message == "line 3: not '<sha256>  <path>'");
    CHECK_FALSE(archive::parse_sums(std::string(64, 'G') + "  x.pdf\n", error));
}

TEST_CASE("paths an archive can hold") {
    CHECK(archive::plain_relative_path("r8/soumu.pdf"));
    CHECK(archive::plain_relative_path("総務課/目標.pdf"));
    for (const char* bad : {"", "/etc/passwd", "../x.pdf", "a/../b.pdf", "a//b.pdf", "a/", "a\\b.pdf", "a\nb.pdf", "./a.pdf"}) {
        INFO(bad);
        CHECK_FALSE(archive::plain_relative_path(bad));
    }
}

TEST_CASE("dates as the manifest writes them") {
    CHECK(archive::iso_date(1775001600) == "2026-04-01T00:00:00Z");
    CHECK(archive::parse_iso_date("2026-04-01T00:00:00Z") == 1775001600);
    CHECK_FALSE(archive::parse_iso_date("2026-04-01"));
    CHECK_FALSE(archive::parse_iso_date("2026-13-01T00:00:00Z"));
    CHECK_FALSE(archive::parse_iso_date("2026-04-01T00:00:00+09"));
}
