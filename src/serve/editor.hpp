// The editor's handlers (`yoshiki serve`): the page, the list of inputs, opening one as the form
// its layout declares, checking and previewing the clerk's values as they type, and saving them.
// HTTP itself is server.cpp's; these take a Request and give a Response, so that every rule
// (confinement, sizes, conflicts, the same-origin check) is tested without a socket.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <yoshiki/yoshiki.hpp>

#include "io/files.hpp"
#include "parse/form_layout.hpp"
#include "serve/http.hpp"
#include "serve/input_folder.hpp"
#include "serve/preview.hpp"

namespace yoshiki::serve {

struct EditorOptions {
    std::string folder;                       // DIR: the inputs
    std::vector<std::string> layout_folders;  // where an input's layout may be
    std::vector<std::string> font_folders;    // where a layout's fonts may be
    Access access;
    std::optional<std::int64_t> creation_time;  // as yoshiki render's SOURCE_DATE_EPOCH
};

class Editor {
public:
    explicit Editor(EditorOptions options);
    ~Editor();

    Response handle(const Request& request);

    // The memory the previews hold (bounded: limits::max_preview_cache_bytes).
    std::size_t preview_bytes() const { return previews_.bytes(); }

private:
    struct Layout;
    struct Checked;

    Response route(const Request& r);
    Response page(const Request& r);
    Response files();
    Response open(const Request& r);
    Response check(const Request& r);
    Response save(const Request& r);
    Response history(const Request& r);
    Response saved_version(const Request& r);
    Response preview_page(const Request& r);
    Response preview_pdf(const Request& r);

    // The layout of an input's text, read within the layout folders; null with findings when it
    // cannot be read.
    std::shared_ptr<const Layout> layout_of(const std::string& name, const std::string& bytes, std::vector<Diagnostic>& diags);
    // What the page sent: its values written into the file, or the XML it edits directly; null
    // with the failure set (request-invalid) when the request is not of that shape.
    std::optional<std::string> bytes_to_check(const std::string& name, const nlohmann::json& body, const InputFile& present,
                                              base::Failure& failure);
    Checked check_bytes(const std::string& name, const std::string& bytes);
    // The preview of a department that rendered: its key, with the page on screen rendered ahead.
    std::string preview(const Department& department, const nlohmann::json& body);

    EditorOptions options_;
    InputFolder folder_;
    Engine engine_;           // reads inputs, layouts and fonts only within their folders
    io::DiskFiles layout_files_;  // the same folders, for the layout's fields
    Previews previews_;
    std::mutex layouts_mutex_;
    std::map<std::string, std::shared_ptr<const Layout>> layouts_;
    std::mutex save_mutex_;  // a version is compared and replaced as one step
};

}  // namespace yoshiki::serve
