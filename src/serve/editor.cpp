#include "serve/editor.hpp"

#include <filesystem>

#include "base/limits.hpp"
#include "parse/form_values.hpp"
#include "parse/form_writer.hpp"
#include "parse/layout_reader.hpp"
#include "parse/sheet_reader.hpp"
#include "serve/assets.hpp"
#include "serve/findings.hpp"
#include "serve/form_json.hpp"

namespace yoshiki::serve {

using nlohmann::json;

struct Editor::Layout {
    std::string path;
    io::FileIdentity identity;
    std::shared_ptr<const parse::FormLayout> form;
};

struct Editor::Checked {
    std::vector<Diagnostic> diags;
    std::shared_ptr<const Department> department;
};

namespace {

// JSON that is always valid UTF-8: text from a file in a legacy encoding never breaks the reply.
Response json_response(const json& body, int status = 200) {
    Response r;
    r.status = status;
    r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

Response error_response(int status, const std::string& code, const std::string& text) {
    return json_response(json{{"error", code}, {"text", text}}, status);
}

// A refusal for a failure: the kind of refusal, and the failure's own code (docs/diagnostics.md).
Response failure_response(int status, const std::string& kind, const base::Failure& failure) {
    return json_response(json{{"error", kind}, {"code", failure.code.name}, {"text", failure.message}}, status);
}

// A value of the query that is a small whole number, or fallback.
int small_number(const std::string& s, int fallback, int lo, int hi) {
    if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos) return fallback;
    int v = std::stoi(s);
    return v < lo ? lo : v > hi ? hi : v;
}

// A width asked for, in steps of 100 pixels, so that the images kept per page stay few.
int preview_width(const std::string& asked) { return small_number(asked, 800, 300, 2000) / 100 * 100; }

bool is_key(const std::string& s) {
    return !s.empty() && s.size() <= 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// A boolean of the request, false when absent or not a boolean.
bool flag(const json& body, const char* name) {
    auto it = body.find(name);
    return it != body.end() && it->is_boolean() && it->get<bool>();
}

json sheets_json(const DepartmentInfo& info) {
    json out = json::array();
    for (const SheetEntry& s : info.sheets) {
        out.push_back({{"title", s.title}, {"first_page", s.first_page}, {"pages", s.pages}, {"fullness", s.fullness}});
    }
    return out;
}

bool has_errors(const std::vector<Diagnostic>& diags) {
    for (const auto& d : diags) {
        if (d.severity == Diagnostic::Severity::error) return true;
    }
    return false;
}

}  // namespace

namespace {

EngineOptions confined(const EditorOptions& o) {
    EngineOptions e;
    e.input_folders = std::vector<std::string>{o.folder};
    e.layout_folders = o.layout_folders;
    e.font_folders = o.font_folders;
    return e;
}

}  // namespace

Editor::Editor(EditorOptions options)
    : options_(std::move(options)),
      folder_(options_.folder),
      engine_(confined(options_)),
      layout_files_(io::Roots{std::vector<std::string>{}, options_.layout_folders, options_.font_folders}),
      previews_(base::limits::max_preview_cache_bytes) {}

Editor::~Editor() = default;

namespace {

// What every reply says about itself: nothing is sniffed into another type, no address leaks in
// a Referer, the page is framed by nobody and runs only its own script and style.
Response with_safety_headers(Response r) {
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("Referrer-Policy", "no-referrer");
    r.headers.emplace_back("X-Frame-Options", "DENY");
    if (r.content_type.rfind("text/html", 0) == 0) {
        r.headers.emplace_back("Content-Security-Policy",
                               "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    }
    return r;
}

}  // namespace

Response Editor::handle(const Request& r) { return with_safety_headers(route(r)); }

Response Editor::route(const Request& r) {
    if (auto refused = refuse_request(r, options_.access)) return *refused;
    try {
        if (r.method == "GET") {
            if (r.path == "/") return page(r);
            if (r.path == "/api/files") return files();
            if (r.path == "/api/open") return open(r);
            if (r.path == "/api/history") return history(r);
            if (r.path == "/api/history/version") return saved_version(r);
            if (r.path == "/api/page") return preview_page(r);
            if (r.path == "/api/pdf") return preview_pdf(r);
            if (const Asset* a = find_asset(r.path)) {
                Response res;
                res.content_type = a->content_type;
                res.body = std::string(a->bytes);
                res.headers.emplace_back("Cache-Control", "no-cache");
                return res;
            }
        } else if (r.method == "POST") {
            if (r.path == "/api/check") return check(r);
            if (r.path == "/api/save") return save(r);
        }
    } catch (const std::exception& e) {
        return error_response(500, "internal-error", std::string("internal error: ") + e.what());
    }
    return error_response(404, "not-found", "ありません。");
}

Response Editor::page(const Request& r) {
    if (!options_.access.token.empty() && !r.param("token").empty()) {
        // The address with the token sets the cookie once, then leaves the token out of the
        // address bar, the history and any Referer.
        Response res;
        res.status = 303;
        res.content_type = "text/plain";
        res.headers.emplace_back("Set-Cookie", "yoshiki-token=" + options_.access.token + "; Path=/; HttpOnly; SameSite=Strict");
        res.headers.emplace_back("Location", "/");
        return res;
    }
    const Asset* index = find_asset("/index.html");
    Response res;
    res.content_type = index->content_type;
    res.body = std::string(index->bytes);
    res.headers.emplace_back("Cache-Control", "no-cache");
    return res;
}

Response Editor::files() {
    json list = json::array();
    for (const std::string& name : folder_.list()) list.push_back(name);
    return json_response(json{{"files", std::move(list)}});
}

std::shared_ptr<const Editor::Layout> Editor::layout_of(const std::string& name, const std::string& bytes,
                                                        std::vector<Diagnostic>& out) {
    base::Diagnostics diags;
    auto give = [&]() -> std::shared_ptr<const Layout> {
        for (Diagnostic& d : diags.take()) out.push_back(std::move(d));
        return nullptr;
    };
    auto file = parse::load_xml_bytes(folder_.path_of(name), bytes, diags, "input file");
    if (!file) return give();
    base::Span named_at;
    std::optional<std::string> path = parse::named_layout(*file, diags, &named_at);
    if (!path) {
        diags.error(base::Span{file->source, 0}, base::codes::layout_not_named, "the input names no layout",
                    "add layout=\"…/layouts/goal-sheet.xml\" to its first element");
        return give();
    }
    // Found as the engine finds it: a name in the input's folder and the layout folders, a path
    // relative to the input.
    std::filesystem::path folder = std::filesystem::path(folder_.path_of(name)).parent_path();
    if (io::is_layout_name(*path)) {
        io::LayoutSearch search = io::find_layout(layout_files_, *path, folder.string());
        if (!search.path) {
            std::string where;
            for (const io::LayoutFolder& f : search.looked_in) where += (where.empty() ? "" : ", ") + f.path;
            diags.error(named_at.file ? named_at : base::Span{file->source, 0}, base::codes::layout_not_found,
                        "no layout named '" + *path + "' in the folders the server was given" +
                            (where.empty() ? std::string() : " (" + where + ")"));
            return give();
        }
        path = search.path;
    } else if (std::filesystem::path(*path).is_relative()) {
        path = (folder / *path).lexically_normal().string();
    }
    // Read as the engine reads it, within the layout folders; kept while the file stays the same.
    io::Failure failure;
    auto identity = layout_files_.identify(*path, io::Use::layout, failure);
    std::optional<io::TextFile> text;
    if (identity) text = layout_files_.read_text(*path, io::Use::layout, failure);
    if (!text) {
        diags.error(named_at.file ? named_at : base::Span{file->source, 0}, failure.code,
                    "cannot read the layout file '" + *path + "': " + failure.message);
        return give();
    }
    {
        std::lock_guard<std::mutex> lock(layouts_mutex_);
        auto it = layouts_.find(*path);
        if (it != layouts_.end() && it->second->identity == text->identity) return it->second;
    }
    auto form = parse::read_layout(*path, std::move(text->bytes), diags);
    if (!form) return give();
    auto layout = std::make_shared<Layout>();
    layout->path = *path;
    layout->identity = text->identity;
    layout->form = std::make_shared<const parse::FormLayout>(std::move(*form));
    std::lock_guard<std::mutex> lock(layouts_mutex_);
    if (layouts_.size() >= 64) layouts_.clear();  // bounded, as the engine's cache of layouts
    layouts_[*path] = layout;
    return layout;
}

Editor::Checked Editor::check_bytes(const std::string& name, const std::string& bytes) {
    Checked c;
    RenderOptions options;
    options.creation_time = options_.creation_time;
    c.department = engine_.prepare_from_memory(folder_.path_of(name), bytes, options, c.diags);
    return c;
}

Response Editor::open(const Request& r) {
    const std::string& name = r.param("file");
    if (auto why = refuse_name(name)) return error_response(400, "bad-name", *why);
    base::Failure failure;
    auto present = folder_.read(name, failure);
    if (!present) return failure_response(404, "unreadable", failure);
    std::vector<Diagnostic> diags;
    auto layout = layout_of(name, present->bytes, diags);
    json body{{"file", name}, {"version", present->version}};
    base::Diagnostics ignored;
    auto file = parse::load_xml_bytes(folder_.path_of(name), present->bytes, ignored);
    // The text as the page edits it directly (UTF-8 whatever the file's encoding).
    body["xml"] = file ? parse::declared_as_utf8(std::string(file->source->text())) : present->bytes;
    if (layout && file) {
        body["form"] = layout->form->name;
        body["schema"] = schema_json(layout->form->schema);
        body["values"] = values_json(parse::read_form_values(*file, layout->form->schema));
    } else {
        body["form"] = nullptr;
        body["schema"] = nullptr;
        body["values"] = nullptr;
    }
    body["findings"] = findings_json(diags, folder_.path_of(name), present->bytes, nullptr);
    return json_response(body);
}

std::optional<std::string> Editor::bytes_to_check(const std::string& name, const json& body, const InputFile& present,
                                                  base::Failure& failure) {
    auto refuse = [&failure](std::string why) {
        failure = base::Failure{base::codes::request_invalid, std::move(why)};
        return std::nullopt;
    };
    if (body.contains("xml")) {
        if (!body["xml"].is_string()) {
            return refuse("xml is not text");
        }
        return body["xml"].get<std::string>();
    }
    if (!body.contains("values")) {
        return refuse("neither values nor xml");
    }
    auto form = form_from_json(body["values"], failure);
    if (!form) return std::nullopt;
    std::vector<Diagnostic> diags;
    auto layout = layout_of(name, present.bytes, diags);
    if (!layout) {
        return refuse("the file's layout cannot be read");
    }
    base::Diagnostics d;
    auto written = parse::write_form_values(folder_.path_of(name), present.bytes, layout->form->schema, *form, d);
    if (!written) {
        return refuse("the file on disk is not well-formed XML: edit it as XML");
    }
    return written;
}

Response Editor::check(const Request& r) {
    json body = json::parse(r.body, nullptr, false);
    if (body.is_discarded() || !body.is_object() || !body.contains("file") || !body["file"].is_string()) {
        return error_response(400, "bad-request", "送られた内容が読めません。");
    }
    const std::string name = body["file"];
    if (auto why = refuse_name(name)) return error_response(400, "bad-name", *why);
    base::Failure failure;
    auto present = folder_.read(name, failure);
    if (!present) return failure_response(404, "unreadable", failure);
    auto bytes = bytes_to_check(name, body, *present, failure);
    if (!bytes) return failure_response(400, "bad-values", failure);
    if (bytes->size() > base::limits::max_request_bytes) return error_response(413, "too-large", "内容が大きすぎます。");

    Checked c = check_bytes(name, *bytes);
    std::vector<Diagnostic> ignored;
    auto layout = layout_of(name, *bytes, ignored);
    json out{{"ok", c.department && !has_errors(c.diags)},
             {"findings", findings_json(c.diags, folder_.path_of(name), *bytes, layout ? &layout->form->schema : nullptr)},
             {"preview", c.department ? json(preview(*c.department, body)) : json(nullptr)}};
    if (c.department) {
        DepartmentInfo info = Engine::info(*c.department);
        out["pages"] = info.pages;
        out["sheets"] = sheets_json(info);
    }
    if (flag(body, "want_xml")) out["xml"] = *bytes;
    // The XML edited directly gives the form its values again, when it can be read.
    if (body.contains("xml") && layout) {
        base::Diagnostics d;
        if (auto file = parse::load_xml_bytes(folder_.path_of(name), *bytes, d)) {
            out["values"] = values_json(parse::read_form_values(*file, layout->form->schema));
            out["schema"] = schema_json(layout->form->schema);
        }
    }
    return json_response(out);
}

std::string Editor::preview(const Department& department, const json& body) {
    const std::string key = previews_.keep(engine_.write_pdf(department));
    // The page the clerk looks at is rendered while this reply travels and the page asks for it.
    if (body.contains("sheet") && body["sheet"].is_number_integer() && body.contains("width") && body["width"].is_number_integer()) {
        const auto sheets = Engine::info(department).sheets;
        const auto sheet = body["sheet"].get<long long>();
        if (sheet >= 0 && sheet < static_cast<long long>(sheets.size())) {
            previews_.render_ahead(key, sheets[static_cast<std::size_t>(sheet)].first_page,
                                   preview_width(std::to_string(body["width"].get<long long>())));
        }
    }
    return key;
}

Response Editor::save(const Request& r) {
    json body = json::parse(r.body, nullptr, false);
    if (body.is_discarded() || !body.is_object() || !body.contains("file") || !body["file"].is_string() ||
        !body.contains("version") || !body["version"].is_string()) {
        return error_response(400, "bad-request", "送られた内容が読めません。");
    }
    const std::string name = body["file"];
    if (auto why = refuse_name(name)) return error_response(400, "bad-name", *why);
    std::lock_guard<std::mutex> lock(save_mutex_);
    base::Failure failure;
    auto present = folder_.read(name, failure);
    if (!present) return failure_response(404, "unreadable", failure);
    // Someone saved the file after this page opened it: their work is not overwritten unless
    // the clerk, told so, asks for it (and then it is in the history).
    if (present->version != body["version"].get<std::string>() && !flag(body, "force")) {
        return json_response(json{{"error", "conflict"},
                                  {"version", present->version},
                                  {"text", "このファイルは、開いた後に他の人が保存しました。"}},
                             409);
    }
    auto bytes = bytes_to_check(name, body, *present, failure);
    if (!bytes) return failure_response(400, "bad-values", failure);
    if (*bytes == present->bytes) return json_response(json{{"saved", false}, {"version", present->version}});
    base::Diagnostics d;
    if (!parse::load_xml_bytes(folder_.path_of(name), *bytes, d)) {
        return json_response(json{{"error", "not-xml"},
                                  {"text", "XMLとして読めないため保存できません。誤りを直してください。"},
                                  {"findings", findings_json(d.take(), folder_.path_of(name), *bytes, nullptr)}},
                             422);
    }
    if (!folder_.replace(name, *present, *bytes, failure)) return failure_response(500, "not-saved", failure);
    return json_response(json{{"saved", true}, {"version", content_version(*bytes)}});
}

Response Editor::history(const Request& r) {
    const std::string& name = r.param("file");
    if (auto why = refuse_name(name)) return error_response(400, "bad-name", *why);
    json list = json::array();
    for (const SavedVersion& v : folder_.history(name)) list.push_back({{"id", v.id}, {"size", v.size}});
    return json_response(json{{"file", name}, {"saves", std::move(list)}});
}

Response Editor::saved_version(const Request& r) {
    const std::string& name = r.param("file");
    if (auto why = refuse_name(name)) return error_response(400, "bad-name", *why);
    auto bytes = folder_.saved_version(name, r.param("id"));
    if (!bytes) return error_response(404, "not-found", "その版はありません。");
    Response res;
    // As text, never rendered as a page of this origin.
    res.content_type = "text/plain; charset=utf-8";
    res.body = std::move(*bytes);
    return res;
}

namespace {

// A preview by its key, the PDF's SHA-256: what a key names never changes, so it is cached.
Response preview_response(const char* content_type, std::string body) {
    Response res;
    res.content_type = content_type;
    res.body = std::move(body);
    res.headers.emplace_back("Cache-Control", "private, max-age=86400, immutable");
    return res;
}

}  // namespace

Response Editor::preview_page(const Request& r) {
    const std::string& key = r.param("key");
    if (!is_key(key)) return error_response(400, "bad-key", "bad key");
    int width = preview_width(r.param("width"));
    auto png = previews_.page(key, small_number(r.param("page"), 0, 0, static_cast<int>(base::limits::max_pages)), width);
    if (!png) return error_response(404, "gone", "プレビューを作り直してください。");
    return preview_response("image/png", *png);
}

Response Editor::preview_pdf(const Request& r) {
    const std::string& key = r.param("key");
    if (!is_key(key)) return error_response(400, "bad-key", "bad key");
    auto pdf = previews_.pdf(key);
    if (!pdf) return error_response(404, "gone", "プレビューを作り直してください。");
    return preview_response("application/pdf", *pdf);
}

}  // namespace yoshiki::serve
