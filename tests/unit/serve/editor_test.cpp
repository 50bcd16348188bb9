// The editor's handlers (src/serve/editor.cpp) without a socket or a browser: what a request may
// name, how large it may be, who may send it, conflicts between two saves, the history, and the
// check of the clerk's values with each finding placed beside its field.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "base/limits.hpp"
#include "serve/editor.hpp"
#include "test_support.hpp"

using namespace yoshiki;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_file(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

// A served folder: DIR/inputs holds a copy of the seed, DIR/layouts the goal sheet's layout.
struct Site {
    fs::path dir = fs::temp_directory_path() / ("yoshiki-serve-" + std::to_string(::getpid()) + "-" + std::to_string(++count()));
    fs::path inputs = dir / "inputs";
    fs::path seed = inputs / "r8/soumu.xml";
    std::string original;
    std::unique_ptr<serve::Editor> editor;

    static int& count() {
        static int n = 0;
        return n;
    }

    explicit Site(const std::string& token = "") {
        original = read_file(test::source_path("inputs/r8/soumu.xml"));
        write_file(seed, original);
        write_file(dir / "layouts/goal-sheet.xml", read_file(test::source_path("layouts/goal-sheet.xml")));
        serve::EditorOptions o;
        o.folder = inputs.string();
        o.layout_folders = {(dir / "layouts").string()};
        o.font_folders = {"/usr/share/fonts"};
        o.access.loopback = token.empty();
        o.access.port = 8080;
        o.access.token = token;
        editor = std::make_unique<serve::Editor>(o);
    }
    ~Site() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }

    serve::Response get(const std::string& path, std::map<std::string, std::string> query = {}) const {
        serve::Request r;
        r.method = "GET";
        r.path = path;
        r.query = std::move(query);
        r.headers["host"] = "127.0.0.1:8080";
        return editor->handle(r);
    }

    serve::Request post_request(const std::string& path, const json& body) const {
        serve::Request r;
        r.method = "POST";
        r.path = path;
        r.headers["host"] = "127.0.0.1:8080";
        r.headers["origin"] = "http://127.0.0.1:8080";
        r.headers["content-type"] = "application/json";
        r.body = body.dump();
        return r;
    }

    serve::Response post(const std::string& path, const json& body) const { return editor->handle(post_request(path, body)); }
};

json body_of(const serve::Response& r) { return json::parse(r.body); }

json opened(const Site& s) {
    serve::Response r = s.get("/api/open", {{"file", "r8/soumu.xml"}});
    REQUIRE(r.status == 200);
    return body_of(r);
}

std::string header(const serve::Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers) {
        if (k == name) return v;
    }
    return {};
}

}  // namespace

TEST_CASE("a request names an input under DIR or nothing") {
    for (const char* bad : {"", "../secret.xml", "r8/../../secret.xml", "/etc/passwd.xml", ".yoshiki/history/r8/soumu.xml",
                            "r8/.hidden.xml", "r8//soumu.xml", "r8\\soumu.xml", "r8/soumu.txt", "r8/", "xml"}) {
        INFO(bad);
        CHECK(serve::refuse_name(bad));
    }
    CHECK_FALSE(serve::refuse_name("r8/soumu.xml"));
    CHECK_FALSE(serve::refuse_name("samples/r8/総務課.xml"));
    CHECK(serve::refuse_name(std::string("r8/\xff.xml")));
}

TEST_CASE("names that leave DIR are refused: .., absolute paths, and symbolic links out") {
    Site s;
    write_file(s.dir / "secret.xml", s.original);
    fs::create_symlink(s.dir / "secret.xml", s.inputs / "link.xml");
    for (const char* name : {"../secret.xml", "/etc/hosts", "link.xml"}) {
        INFO(name);
        serve::Response r = s.get("/api/open", {{"file", name}});
        CHECK(r.status >= 400);
        CHECK(r.body.find("毛呂山") == std::string::npos);
    }
    // Listed files are those the editor may open; the history folder is not among them.
    write_file(s.inputs / ".yoshiki/history/r8/soumu.xml/x.xml", "<x/>");
    json files = body_of(s.get("/api/files"))["files"];
    CHECK(files == json::array({"r8/soumu.xml"}));
}

TEST_CASE("an input's layout and a layout's fonts are read only inside the folders the server was given") {
    Site s;
    // A layout outside DIR/../layouts: the one of the repository, named by its absolute path.
    std::string elsewhere = s.original;
    std::string from = "layout=\"goal-sheet\"";
    elsewhere.replace(elsewhere.find(from), from.size(), "layout=\"" + test::source_path("layouts/goal-sheet.xml") + "\"");
    write_file(s.inputs / "r8/elsewhere.xml", elsewhere);
    json o = body_of(s.get("/api/open", {{"file", "r8/elsewhere.xml"}}));
    CHECK(o["schema"].is_null());
    REQUIRE(o["findings"].size() == 1);
    CHECK(o["findings"][0]["message"].get<std::string>().find("outside") != std::string::npos);
    json c = body_of(s.post("/api/check", {{"file", "r8/elsewhere.xml"}, {"xml", elsewhere}}));
    CHECK(c["ok"] == false);
    CHECK(c["preview"].is_null());

    // A name is looked for in the layout folders alone: not found beside an input outside them.
    std::string unknown = s.original;
    unknown.replace(unknown.find(from), from.size(), "layout=\"no-such-form\"");
    write_file(s.inputs / "r8/unknown.xml", unknown);
    o = body_of(s.get("/api/open", {{"file", "r8/unknown.xml"}}));
    REQUIRE(o["findings"].size() == 1);
    CHECK(o["findings"][0]["code"] == "layout-not-found");
    CHECK(o["findings"][0]["message"].get<std::string>().find("no layout named 'no-such-form'") != std::string::npos);

    // A layout inside the folder whose font is outside the font folders.
    std::string layout = read_file(s.dir / "layouts/goal-sheet.xml");
    write_file(s.dir / "fonts/ipaexm.ttf", read_file(test::mincho_path()));
    std::string font = "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf";
    layout.replace(layout.find(font), font.size(), (s.dir / "fonts/ipaexm.ttf").string());
    write_file(s.dir / "layouts/goal-sheet.xml", layout);
    c = body_of(s.post("/api/check", {{"file", "r8/soumu.xml"}, {"xml", s.original}}));
    CHECK(c["ok"] == false);
    CHECK(c.dump().find("outside") != std::string::npos);
}

TEST_CASE("request sizes are bounded") {
    Site s;
    serve::Request r = s.post_request("/api/check", json{{"file", "r8/soumu.xml"}, {"xml", std::string(base::limits::max_request_bytes, ' ')}});
    serve::Response res = s.editor->handle(r);
    CHECK(res.status == 413);
}

TEST_CASE("only pages of the server's own origin may change anything; beyond loopback, a token is needed") {
    Site s;
    serve::Request r = s.post_request("/api/save", json{{"file", "r8/soumu.xml"}, {"version", "x"}, {"xml", "<x/>"}});
    serve::Request no_origin = r;
    no_origin.headers.erase("origin");
    CHECK(s.editor->handle(no_origin).status == 403);
    no_origin.headers["sec-fetch-site"] = "same-origin";
    CHECK(s.editor->handle(no_origin).status != 403);
    serve::Request other = r;
    other.headers["origin"] = "http://evil.example";
    CHECK(s.editor->handle(other).status == 403);
    serve::Request form = r;
    form.headers["content-type"] = "application/x-www-form-urlencoded";
    CHECK(s.editor->handle(form).status == 415);
    // A site whose name an attacker points at 127.0.0.1 (DNS rebinding) is not this server.
    serve::Request rebound = r;
    rebound.headers["host"] = "evil.example:8080";
    rebound.headers["origin"] = "http://evil.example:8080";
    CHECK(s.editor->handle(rebound).status == 421);
    CHECK(read_file(s.seed) == s.original);

    Site t("0123456789abcdef0123456789abcdef");
    serve::Request g;
    g.method = "GET";
    g.path = "/api/files";
    g.headers["host"] = "town.example:8080";
    CHECK(t.editor->handle(g).status == 401);
    g.headers["cookie"] = "a=b; yoshiki-token=0123456789abcdef0123456789abcdef0";
    CHECK(t.editor->handle(g).status == 401);
    g.headers["cookie"] = "a=b; yoshiki-token=0123456789abcdef0123456789abcdef";
    CHECK(t.editor->handle(g).status == 200);
    serve::Request page;
    page.method = "GET";
    page.path = "/";
    page.headers["host"] = "town.example:8080";
    page.query["token"] = "0123456789abcdef0123456789abcdef";
    serve::Response set = t.editor->handle(page);
    CHECK(set.status == 303);
    CHECK(header(set, "Set-Cookie").find("HttpOnly; SameSite=Strict") != std::string::npos);
}

TEST_CASE("the page, its script and its style come from the program, with a strict policy") {
    Site s;
    serve::Response page = s.get("/");
    CHECK(page.status == 200);
    CHECK(page.content_type.rfind("text/html", 0) == 0);
    CHECK(page.body.find("<script src=\"/editor.js\"") != std::string::npos);
    CHECK(header(page, "Content-Security-Policy").find("script-src 'self'") != std::string::npos);
    CHECK(header(page, "X-Content-Type-Options") == "nosniff");
    CHECK(s.get("/editor.js").content_type.rfind("text/javascript", 0) == 0);
    CHECK(s.get("/editor.css").status == 200);
    CHECK(s.get("/nothing").status == 404);
    // Nothing of the page is loaded from elsewhere.
    for (const char* asset : {"/", "/editor.js", "/editor.css"}) CHECK(s.get(asset).body.find("https://") == std::string::npos);
}

TEST_CASE("the form comes from the layout, the values from the file") {
    Site s;
    json o = opened(s);
    CHECK(o["form"] == "目標設定書");
    CHECK(o["schema"]["sheet"]["label"] == "目標");
    CHECK(o["schema"]["shared"][0]["label"] == "年度");
    CHECK(o["schema"]["shared"][0]["fiscal_year"] == true);
    CHECK(o["values"]["shared"]["signer/name"] == "酒巻 義一");
    CHECK(o["values"]["sheets"].size() == 3);
    CHECK(o["values"]["sheets"][1]["values"]["values/initial"] == "58地区");
    CHECK(o["xml"] == s.original);
}

TEST_CASE("a check places each finding beside its field and previews what is valid") {
    Site s;
    json o = opened(s);
    json values = o["values"];
    json c = body_of(s.post("/api/check", {{"file", "r8/soumu.xml"}, {"values", values}}));
    CHECK(c["ok"] == true);
    REQUIRE(c["preview"].is_string());
    CHECK(c["pages"] == 3);
    CHECK(c["sheets"].size() == 3);
    CHECK(c["sheets"][0]["pages"] == 1);
    CHECK(c["sheets"][0]["fullness"].get<double>() > 0.5);
    serve::Response png = s.get("/api/page", {{"key", c["preview"]}, {"page", "1"}, {"width", "640"}});
    CHECK(png.status == 200);
    CHECK(png.body.rfind("\x89PNG\r\n\x1a\n", 0) == 0);
    CHECK(s.get("/api/pdf", {{"key", c["preview"]}}).body.rfind("%PDF-", 0) == 0);
    CHECK(s.get("/api/page", {{"key", std::string(64, 'a')}}).status == 404);
    CHECK(s.get("/api/page", {{"key", "../x"}}).status == 400);

    values["sheets"][1]["values"]["goal"] = "";
    values["sheets"][1]["values"]["values/target/@year"] = "令和0年度";
    c = body_of(s.post("/api/check", {{"file", "r8/soumu.xml"}, {"values", values}}));
    CHECK(c["ok"] == false);
    CHECK(c["preview"].is_null());
    REQUIRE(c["findings"].size() == 2);
    CHECK(c["findings"][0]["place"] == json{{"sheet", 1}, {"path", "goal"}, {"block", -1}, {"item", -1}});
    CHECK(c["findings"][0]["text"] == "入力されていません。");
    CHECK(c["findings"][1]["place"]["path"] == "values/target/@year");
    CHECK(c["findings"][1]["text"].get<std::string>().find("年度として読めません") == 0);
    // A check writes nothing.
    CHECK(read_file(s.seed) == s.original);
}

TEST_CASE("a missing field is placed at the field, not at the sheet that should hold it") {
    Site s;
    std::string xml = s.original;
    std::size_t at = xml.find("    <basis>第六次");
    xml.erase(at, xml.find('\n', at) + 1 - at);
    json c = body_of(s.post("/api/check", {{"file", "r8/soumu.xml"}, {"xml", xml}}));
    REQUIRE(c["findings"].size() == 1);
    CHECK(c["findings"][0]["place"] == json{{"sheet", 0}, {"path", "basis"}, {"block", -1}, {"item", -1}});
}

TEST_CASE("saving: atomic, kept in the history, refused when the file changed since it was opened") {
    Site s;
    json o = opened(s);
    const std::string v1 = o["version"];
    json values = o["values"];
    values["shared"]["department"] = "総務課（事務局）";

    // Unchanged values: nothing is written, nothing kept.
    json same = body_of(s.post("/api/save", {{"file", "r8/soumu.xml"}, {"version", v1}, {"values", o["values"]}}));
    CHECK(same["saved"] == false);
    CHECK(read_file(s.seed) == s.original);
    CHECK(body_of(s.get("/api/history", {{"file", "r8/soumu.xml"}}))["saves"].empty());

    serve::Response first = s.post("/api/save", {{"file", "r8/soumu.xml"}, {"version", v1}, {"values", values}});
    REQUIRE(first.status == 200);
    const std::string v2 = body_of(first)["version"];
    CHECK(v2 != v1);
    std::string saved = read_file(s.seed);
    std::string expected = s.original;
    const std::string was = "<department>総務課</department>";
    expected.replace(expected.find(was), was.size(), "<department>総務課（事務局）</department>");
    CHECK(saved == expected);

    // A second clerk, who opened v1, is refused; their save goes through only when forced.
    json theirs = o["values"];
    theirs["shared"]["signer/name"] = "山田 花子";
    serve::Response late = s.post("/api/save", {{"file", "r8/soumu.xml"}, {"version", v1}, {"values", theirs}});
    CHECK(late.status == 409);
    CHECK(body_of(late)["version"] == v2);
    CHECK(read_file(s.seed) == saved);
    serve::Response forced = s.post("/api/save", {{"file", "r8/soumu.xml"}, {"version", v1}, {"values", theirs}, {"force", true}});
    CHECK(forced.status == 200);
    CHECK(read_file(s.seed).find("山田 花子") != std::string::npos);

    // The history holds what each save replaced, newest first.
    json saves = body_of(s.get("/api/history", {{"file", "r8/soumu.xml"}}))["saves"];
    REQUIRE(saves.size() == 2);
    CHECK(s.get("/api/history/version", {{"file", "r8/soumu.xml"}, {"id", saves[0]["id"]}}).body == saved);
    CHECK(s.get("/api/history/version", {{"file", "r8/soumu.xml"}, {"id", saves[1]["id"]}}).body == s.original);
    CHECK(s.get("/api/history/version", {{"file", "r8/soumu.xml"}, {"id", "../../r8/soumu"}}).status == 404);
    // No temporary file is left beside the input.
    for (const auto& e : fs::directory_iterator(s.seed.parent_path())) CHECK(e.path().filename() == "soumu.xml");
}

TEST_CASE("the history keeps the last saves of a file, not all") {
    Site s;
    std::string version = opened(s)["version"];
    std::string xml = s.original;
    for (std::size_t i = 0; i < base::limits::max_history_saves + 3; ++i) {
        xml.replace(xml.find("</department>"), 0, "課");
        serve::Response r = s.post("/api/save", {{"file", "r8/soumu.xml"}, {"version", version}, {"xml", xml}});
        REQUIRE(r.status == 200);
        version = body_of(r)["version"];
    }
    CHECK(body_of(s.get("/api/history", {{"file", "r8/soumu.xml"}}))["saves"].size() == base::limits::max_history_saves);
}

TEST_CASE("XML that is not well-formed is not saved; values of the wrong shape are refused") {
    Site s;
    std::string version = opened(s)["version"];
    serve::Response r = s.post("/api/save", {{"file", "r8/soumu.xml"}, {"version", version}, {"xml", "<goal-sheets><sheet></goal-sheets>"}});
    CHECK(r.status == 422);
    CHECK(body_of(r)["findings"][0]["line"] == 1);
    CHECK(read_file(s.seed) == s.original);
    for (const json& bad : {json{{"shared", 1}, {"sheets", json::array()}}, json{{"shared", json::object()}, {"sheets", json::array({1})}},
                            json{{"shared", {{"duties", json::array({{{"kind", "table"}}})}}}, {"sheets", json::array()}}}) {
        serve::Response refused = s.post("/api/check", {{"file", "r8/soumu.xml"}, {"values", bad}});
        CHECK(refused.status == 400);
        CHECK(body_of(refused)["code"] == "request-invalid");
    }
    serve::Request broken = s.post_request("/api/check", json::object());
    broken.body = "{not json";
    CHECK(s.editor->handle(broken).status == 400);
}

TEST_CASE("findings in a Shift_JIS file are placed by the characters before them, not its bytes") {
    Site s;
    // 総務課 is 6 bytes in Shift_JIS and 9 in UTF-8: every finding after it is 3 bytes further in
    // the text than in the file.
    std::string sjis =
        "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n<goal-sheets layout=\"../../layouts/goal-sheet.xml\">\n"
        "  <fiscal-year>R8</fiscal-year>\n  <department>\x91\x8d\x96\xb1\x89\xdb</department>\n"
        "  <sheet>\n    <goal></goal>\n  </sheet>\n</goal-sheets>\n";
    write_file(s.inputs / "r8/sjis.xml", sjis);
    json o = body_of(s.get("/api/open", {{"file", "r8/sjis.xml"}}));
    CHECK(o["values"]["shared"]["department"] == "総務課");
    CHECK(o["xml"].get<std::string>().rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0) == 0);
    json c = body_of(s.post("/api/check", {{"file", "r8/sjis.xml"}, {"values", o["values"]}}));
    bool goal = false;
    for (const json& f : c["findings"]) goal |= f["place"] == json{{"sheet", 0}, {"path", "goal"}, {"block", -1}, {"item", -1}};
    CHECK(goal);
}

TEST_CASE("a finding about the layout is the administrator's, in the clerk's words") {
    Site s;
    std::string layout = read_file(s.dir / "layouts/goal-sheet.xml");
    std::string from = "style=\"title\" role=\"H1\"";
    layout.replace(layout.find(from), from.size(), "style=\"titel\" role=\"H1\"");
    write_file(s.dir / "layouts/goal-sheet.xml", layout);
    json c = body_of(s.post("/api/check", {{"file", "r8/soumu.xml"}, {"xml", s.original}}));
    REQUIRE(!c["findings"].empty());
    CHECK(c["findings"][0]["text"].get<std::string>().rfind("様式（レイアウト）または書体のファイルに誤りがあります", 0) == 0);
    CHECK(c["findings"][0]["place"].is_null());
    CHECK(c["findings"][0]["message"].get<std::string>().find("goal-sheet.xml:") != std::string::npos);
}

TEST_CASE("a field next-year left to write is shown beside it, in the clerk's words, with what to write") {
    Site s;
    std::string xml = s.original;
    const std::string from = "<current year=\"令和7年度\">71.4%</current>";
    std::size_t at = xml.find(from);
    REQUIRE(at != std::string::npos);
    xml.replace(at, from.size(), "<current year=\"令和8年度\" todo=\"令和8年度の実績\"/>");
    at = xml.find("status=\"final\"");
    REQUIRE(at != std::string::npos);
    xml.replace(at, 14, "status=\"draft\"");
    json c = body_of(s.post("/api/check", {{"file", "r8/soumu.xml"}, {"xml", xml}}));
    REQUIRE(c["findings"].size() == 1);
    CHECK(c["findings"][0]["severity"] == "warning");
    CHECK(c["findings"][0]["code"] == "field-todo");
    CHECK(c["findings"][0]["place"] == json{{"sheet", 0}, {"path", "values/current"}, {"block", -1}, {"item", -1}});
    CHECK(c["findings"][0]["text"].get<std::string>().rfind("まだ書かれていません", 0) == 0);
    CHECK(c["findings"][0]["hint"] == "令和8年度の実績");
    CHECK(c["preview"].is_string());  // a draft with fields to do is previewed

    // Written by hand with the mark left on: said so, not "not written".
    at = xml.find("<current year=\"令和8年度\" todo=\"令和8年度の実績\"/>");
    REQUIRE(at != std::string::npos);
    xml.replace(at, std::string("<current year=\"令和8年度\" todo=\"令和8年度の実績\"/>").size(),
                "<current year=\"令和8年度\" todo=\"令和8年度の実績\">72.0%</current>");
    c = body_of(s.post("/api/check", {{"file", "r8/soumu.xml"}, {"xml", xml}}));
    REQUIRE(c["findings"].size() == 1);
    CHECK(c["findings"][0]["text"].get<std::string>().rfind("書き込まれていますが", 0) == 0);
}
