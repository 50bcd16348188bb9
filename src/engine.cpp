// The driver: the pipeline of one department file, stage by stage, and the public API over it.
#include <yoshiki/yoshiki.hpp>

#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <tuple>

#include "base/date.hpp"
#include "contents.hpp"
#include "import/next_year.hpp"
#include "import/published_text.hpp"
#include "parse/form_writer.hpp"
#include "base/limits.hpp"
#include "base/source.hpp"
#include "base/utf8.hpp"
#include "bind/bind.hpp"
#include "io/files.hpp"
#include "io/md5.hpp"
#include "io/sha256.hpp"
#include "io/write.hpp"
#include "paginate/paginate.hpp"
#include "parse/layout_reader.hpp"
#include "parse/sheet_reader.hpp"
#include "text/font.hpp"
#include "typeset/typeset.hpp"
#include "write/images.hpp"
#include "write/pdf_writer.hpp"

#ifndef YOSHIKI_VERSION
#define YOSHIKI_VERSION "0.0.0"
#endif

namespace yoshiki {

const char* version() { return YOSHIKI_VERSION; }

namespace {

namespace codes = base::codes;

// Caches of a process that runs for long (a server): bounded, so that layouts being edited and
// fonts being replaced do not pile up. Emptied when full; what is in use lives on in the
// departments that hold it.
constexpr std::size_t max_cached_layouts = 64;
constexpr std::size_t max_cached_fonts = 64;

// A file that cannot be read, reported where another file names it, or as a finding about the
// file itself. A file over the size limit is reported at its first character: its size is known
// before a byte of it is read.
void cannot_read(const std::string& path, io::Use use, const io::Failure& failure, const base::Span& named_at,
                 base::Diagnostics& diags) {
    const std::string kind = io::file_kind(use);
    if (failure.code == codes::file_too_large) {
        auto unread = std::make_shared<const base::SourceFile>(path, std::string());
        diags.error(base::Span{unread, 0}, failure.code, "the " + kind + " is " + failure.message,
                    "is it the file you meant? A department file is a few kilobytes");
    } else if (named_at.file) {
        diags.error(named_at, failure.code, "cannot read the " + kind + " '" + path + "': " + failure.message);
    } else {
        diags.file_error(path, failure.code, "cannot read the " + kind + ": " + failure.message);
    }
}

// The folders after the input's own where a layout named by name is looked for.
std::vector<io::LayoutFolder> layout_search_path(const EngineOptions& options) {
    if (!options.layout_search_path) return io::default_layout_path();
    std::vector<io::LayoutFolder> path;
    for (const std::string& folder : *options.layout_search_path) path.push_back({folder, "the engine's layout search path"});
    return path;
}

// "cannot find the layout 'goal-sheet': looked for goal-sheet.xml in …", every folder with why
// it was looked in, so that a clerk sees at once which one should have held it.
void layout_not_found(const std::string& name, const io::LayoutSearch& search, const base::Span& named_at,
                      base::Diagnostics& diags) {
    std::string file = base::utf8::clip(name) + ".xml";
    std::string where;
    for (const io::LayoutFolder& folder : search.looked_in) {
        where += (where.empty() ? "" : ", ") + folder.path + " (" + folder.origin + ")";
    }
    std::string message = "cannot find the layout '" + base::utf8::clip(name) + "': looked for " + file + " in " + where;
    std::string hint = "put " + file + " in one of these folders, add its folder to YOSHIKI_LAYOUT_PATH, or give the layout's path";
    if (named_at.file) diags.error(named_at, codes::layout_not_found, message, hint);
    else diags.file_error(name, codes::layout_not_found, message, hint);
}

}  // namespace

struct Department {
    std::string input_path;
    bool tagged = true;
    bool pdfa = true;
    base::SourcePtr input;  // the files it was made from, embedded in its PDF
    std::string input_sha256, layout_sha256;
    std::shared_ptr<const parse::FormLayout> layout;
    std::vector<const text::Font*> fonts;  // by the layout's font index
    std::vector<io::ReadFile> read;        // every file it was made from: never written over
    paginate::PagedDocument doc;
};

namespace {

// The files a department's PDF carries (attachments.hpp): its input, the source of the PDF, and
// its layout, the data that gives the PDF its form. Named by their base names, so that nothing
// in the PDF depends on where the files lay.
std::vector<write::AssociatedFile> associated_files(const Department& dep) {
    std::string input_name = std::filesystem::path(dep.input->path).filename().string();
    std::string layout_name = std::filesystem::path(dep.layout->source->path).filename().string();
    if (layout_name == input_name) layout_name = "layout-" + layout_name;
    std::vector<write::AssociatedFile> files;
    for (const auto& [source, name, relationship, what] :
         {std::tuple{dep.input.get(), input_name, "Source", "yoshiki input: the data of the sheets"},
          std::tuple{dep.layout->source.get(), layout_name, "Data", "yoshiki layout: the form the sheets are set in"}}) {
        std::string bytes(source->bytes());  // as read, before any decoding
        std::string md5 = io::md5(bytes);
        files.push_back(write::AssociatedFile{name, std::move(bytes), "application/xml", relationship, what, std::move(md5)});
    }
    // The layout's images, under the path the layout names them by from its folder, so that the
    // embedded sources render again as they are (archive, extract).
    const std::filesystem::path folder = std::filesystem::path(dep.layout->source->path).parent_path();
    for (std::size_t k = 0; k < dep.layout->images.size() && k < dep.doc.images.size(); ++k) {
        std::filesystem::path path(dep.layout->images[k].path);
        std::string relative = path.lexically_relative(folder).generic_string();
        if (relative.empty() || relative.rfind("..", 0) == 0) relative = path.filename().string();
        std::string bytes(dep.doc.images[k].bytes);
        std::string md5 = io::md5(bytes);
        const bool jpeg = write::image_kind(bytes) == write::ImageKind::jpeg;
        files.push_back(write::AssociatedFile{relative, std::move(bytes), jpeg ? "image/jpeg" : "image/png", "Supplement",
                                              "an image of the yoshiki layout, drawn on its pages", std::move(md5)});
    }
    return files;
}

}  // namespace

struct Engine::Impl {
    io::DiskFiles disk;
    std::mutex mutex;
    // Layouts by the SHA-256 of their bytes and their folder (relative font paths depend on it):
    // an edited layout is read again, an unchanged one never, whatever path names it.
    // The SHA-256 of each font file an archive names, by the identity of the file.
    std::map<io::FileIdentity, std::string> font_hashes;
    std::map<std::string, std::shared_ptr<const parse::FormLayout>> layouts;
    // Fonts by the identity of their file (device, inode, size, modification time), not by their
    // content: hashing a 46 MB font for every document would cost more than rendering it.
    std::map<io::FileIdentity, std::shared_ptr<const text::Font>> fonts;

    explicit Impl(const EngineOptions& o)
        : disk(io::Roots{o.input_folders, o.layout_folders, o.font_folders}, layout_search_path(o)) {}

    // The layout file a reference names: a path (relative to the input's folder when the input
    // names it, as given with --layout), or a name (layout="goal-sheet", --layout goal-sheet)
    // looked up in the input's folder and then the layout search path.
    std::optional<std::string> locate_layout(io::Files& files, const std::string& reference, bool named_by_input,
                                             const std::string& input_path, const base::Span& named_at,
                                             base::Diagnostics& diags) {
        std::filesystem::path folder = std::filesystem::path(input_path).parent_path();
        if (!io::is_layout_name(reference)) {
            if (!named_by_input) return reference;
            std::filesystem::path path(reference);
            if (path.is_relative()) path = folder / path;
            return path.lexically_normal().string();
        }
        io::LayoutSearch search = io::find_layout(files, reference, folder.string());
        if (!search.path) layout_not_found(reference, search, named_at, diags);
        return search.path;
    }

    std::unique_ptr<parse::XmlFile> read_input(io::Files& files, const std::string& path, Department& dep,
                                               base::Diagnostics& diags) {
        io::Failure failure;
        auto read = files.read_text(path, io::Use::input, failure);
        if (!read) {
            cannot_read(path, io::Use::input, failure, {}, diags);
            return nullptr;
        }
        dep.read.push_back(io::ReadFile{read->identity, "the input file"});
        return parse::load_xml_bytes(path, std::move(read->bytes), diags, "input file");
    }

    // A layout is read once per content, however many inputs use it.
    std::shared_ptr<const parse::FormLayout> layout(io::Files& files, const std::string& path, const base::Span& named_at,
                                                    Department& dep, base::Diagnostics& diags) {
        io::Failure failure;
        auto read = files.read_text(path, io::Use::layout, failure);
        if (!read) {
            cannot_read(path, io::Use::layout, failure, named_at, diags);
            return nullptr;
        }
        dep.read.push_back(io::ReadFile{read->identity, "the layout file"});
        std::string key = io::sha256_hex(read->bytes) + " " + std::filesystem::path(path).parent_path().string();
        {
            std::lock_guard<std::mutex> lock(mutex);
            auto it = layouts.find(key);
            if (it != layouts.end()) return it->second;
        }
        auto parsed = parse::read_layout(path, std::move(read->bytes), diags);
        if (!parsed) return nullptr;
        auto shared = std::make_shared<const parse::FormLayout>(std::move(*parsed));
        std::lock_guard<std::mutex> lock(mutex);
        if (layouts.size() >= max_cached_layouts) layouts.clear();
        return layouts.emplace(key, shared).first->second;
    }

    std::shared_ptr<const text::Font> font(io::Files& files, const parse::FontSpec& spec, Department& dep,
                                           base::Diagnostics& diags) {
        const char* hint = "install fonts-ipaexfont and fonts-ipamj-mincho, or correct the path in the layout";
        io::Failure failure;
        auto identity = files.identify(spec.path, io::Use::font, failure);
        if (!identity) {
            diags.error(spec.span, failure.code, "cannot open the font file '" + spec.path + "': " + failure.message, hint);
            return nullptr;
        }
        dep.read.push_back(io::ReadFile{*identity, "the font file " + spec.path});
        std::lock_guard<std::mutex> lock(mutex);
        auto it = fonts.find(*identity);
        if (it != fonts.end()) return it->second;
        auto mapped = files.map(spec.path, io::Use::font, failure);
        if (!mapped) {
            diags.error(spec.span, failure.code, "cannot open the font file '" + spec.path + "': " + failure.message, hint);
            return nullptr;
        }
        auto font = text::Font::open(spec.path, mapped->bytes, mapped->owner, failure);
        if (!font) {
            diags.error(spec.span, failure.code, "cannot open the font file '" + spec.path + "': " + failure.message, hint);
            return nullptr;
        }
        if (fonts.size() >= max_cached_fonts) fonts.clear();
        fonts.emplace(mapped->identity, font);
        return font;
    }

    std::shared_ptr<const Department> prepare(io::Files& files, const std::string& input, const RenderOptions& options,
                                              base::Diagnostics& diags) {
        auto dep = std::make_shared<Department>();
        dep->input_path = input;
        dep->tagged = options.tagged;
        auto xml = read_input(files, input, *dep, diags);
        if (!xml) return nullptr;
        dep->input = xml->source;
        std::optional<std::string> reference = options.layout_path;
        base::Span layout_named_at;  // a layout named by the input is reported there if it cannot be read
        if (!reference) reference = parse::named_layout(*xml, diags, &layout_named_at);
        if (!reference) {
            diags.error(base::Span{xml->source, 0}, codes::layout_not_named, "the input names no layout",
                        "add layout=\"goal-sheet\" to its first element, or give --layout LAYOUT");
            return nullptr;
        }
        auto layout_path = locate_layout(files, *reference, !options.layout_path, input, layout_named_at, diags);
        if (!layout_path) return nullptr;
        auto layout = this->layout(files, *layout_path, layout_named_at, *dep, diags);
        if (!layout) return nullptr;
        dep->pdfa = options.pdfa;
        dep->input_sha256 = io::sha256_hex(xml->source->bytes());
        dep->layout_sha256 = io::sha256_hex(layout->source->bytes());
        dep->layout = layout;
        std::vector<std::shared_ptr<const text::Font>> document_fonts;  // the paged document's, once it is
        for (const parse::FontSpec& spec : layout->fonts) {
            auto font = this->font(files, spec, *dep, diags);
            if (!font) continue;
            dep->fonts.push_back(font.get());
            document_fonts.push_back(font);
        }
        std::vector<paginate::PagedDocument::ImageFile> images;
        for (const parse::ImageSpec& spec : layout->images) images.push_back(image(files, spec, *dep, diags));
        if (diags.has_errors()) return nullptr;

        auto data = parse::read_sheet(*xml, layout->schema, diags);
        if (!data) return nullptr;

        // Creation date: the input's own, else SOURCE_DATE_EPOCH, else the first day of the
        // fiscal year: never the clock, so that the same input gives the same file.
        std::int64_t created = 0;
        if (data->date) created = *data->date;
        else if (options.creation_time) created = *options.creation_time;
        else {
            for (const auto& [path, v] : data->shared) {
                if (v.gregorian_year) {
                    created = base::days_from_civil(*v.gregorian_year, 4, 1) * 86400;
                    break;
                }
            }
        }

        bind::Document doc = bind::bind(*layout, *data, created);
        typeset::SetContext ctx{*layout, dep->fonts, diags};
        typeset::Flow flow = typeset::typeset(doc, ctx);
        if (doc.footer) {
            // The footer of a print document is set later, page by page; its characters are
            // checked now, with the rest, so that printing never meets one no font has.
            base::TracedText sample;
            sample.append(bind::fill_page_numbers(doc.footer->text, 1, 1), doc.footer->span_at(0));
            typeset::set_text(sample, layout->print.footer_style, layout->page.width, ctx);
        }
        if (diags.has_errors()) return nullptr;
        dep->doc = paginate::paginate(std::move(doc), flow, layout->page);
        dep->doc.fonts = std::move(document_fonts);
        dep->doc.images = std::move(images);
        if (dep->doc.pages.size() > base::limits::max_pages) {
            diags.error(base::Span{xml->source, 0}, codes::too_many_pages,
                        "the document would have more than " + std::to_string(base::limits::max_pages) + " pages");
            return nullptr;
        }
        return dep;
    }

    // An image file of the layout, mapped and checked to be a PNG or JPEG the writer can embed; empty
    // (and an error at the layout's file attribute) when it is not.
    paginate::PagedDocument::ImageFile image(io::Files& files, const parse::ImageSpec& spec, Department& dep,
                                             base::Diagnostics& diags) {
        base::Failure failure;
        auto mapped = files.map(spec.path, io::Use::image, failure);
        if (!mapped) {
            diags.error(spec.span, failure.code, "cannot open the image file '" + spec.path + "': " + failure.message);
            return {};
        }
        dep.read.push_back(io::ReadFile{mapped->identity, "the image file " + spec.path});
        if (std::string why = write::image_problem(mapped->bytes); !why.empty()) {
            diags.error(spec.span, codes::image_invalid, "the image file '" + spec.path + "' " + why,
                        "save it as a PNG of 8 bits per channel, not interlaced, or as a baseline JPEG");
            return {};
        }
        return {mapped->bytes, mapped->owner};
    }

    // Runs a preparation, turning a bug's exception into a finding: bad input never throws.
    std::shared_ptr<const Department> guarded(io::Files& files, const std::string& input, const RenderOptions& options,
                                              std::vector<Diagnostic>& out) {
        base::Diagnostics diags;
        std::shared_ptr<const Department> dep;
        try {
            dep = prepare(files, input, options, diags);
        } catch (const std::exception& e) {
            diags.file_error(input, codes::internal_error, std::string("internal error: ") + e.what(),
                             "please report this with the input file");
            dep = nullptr;
        }
        for (Diagnostic& d : diags.take()) out.push_back(std::move(d));
        return dep;
    }

    // The text of an import: UTF-8, a byte order mark skipped. Null after saying why not.
    base::SourcePtr read_text_file(const std::string& path, Department& dep, base::Diagnostics& diags) {
        io::Failure failure;
        auto read = disk.read_text(path, io::Use::input, failure);
        if (!read) {
            cannot_read(path, io::Use::input, failure, {}, diags);
            return nullptr;
        }
        dep.read.push_back(io::ReadFile{read->identity, "the text"});
        const std::size_t skip = read->bytes.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
        const std::size_t bad = base::utf8::find_invalid(std::string_view(read->bytes).substr(skip));
        auto source = std::make_shared<const base::SourceFile>(path, std::move(read->bytes), skip);
        if (bad != std::string_view::npos) {
            diags.error(base::Span{source, bad}, codes::encoding_invalid, "the text is not valid UTF-8",
                        "save the page's text as UTF-8 and import it again");
            return nullptr;
        }
        return source;
    }

    std::vector<ImportedInput> import_text(const std::string& path, const ImportOptions& options, base::Diagnostics& diags) {
        Department dep;  // what was read, for the layout's cache
        auto text = read_text_file(path, dep, diags);
        if (!text) return {};
        auto layout_path = locate_layout(disk, options.layout, false, path, base::Span{}, diags);
        if (!layout_path) return {};
        auto layout = this->layout(disk, *layout_path, base::Span{}, dep, diags);
        if (!layout) return {};
        std::vector<ImportedInput> out;
        // A layout named by name is named so in the inputs; one given as a file, by its full path.
        const std::string reference = io::is_layout_name(options.layout)
                                          ? options.layout
                                          : std::filesystem::absolute(*layout_path).lexically_normal().string();
        for (import::ImportedDepartment& d : import::read_published_text(text, *layout, diags)) {
            const int sheets = static_cast<int>(d.form.sheets.size());
            out.push_back(ImportedInput{d.name, parse::new_form_file(layout->schema, reference, d.form, options.status), sheets});
        }
        return out;
    }

    std::optional<NextYearDraft> next_year(const std::string& path, base::Diagnostics& diags) {
        // The input checked whole, as render checks it: a draft is made of a sound final only.
        std::shared_ptr<const Department> dep = prepare(disk, path, RenderOptions{}, diags);
        if (!dep) return std::nullopt;
        const parse::DataSchema& schema = dep->layout->schema;
        if (!schema.next_year) {
            diags.error(base::Span{dep->layout->source, 0}, codes::next_year_not_declared,
                        "the layout says of no field what next year's draft makes of it",
                        "add next-year=\"advance\", \"todo\" or a template to the fields of its <fields>");
            return std::nullopt;
        }
        const std::string bytes(dep->input->bytes());
        auto file = parse::load_xml_bytes(path, bytes, diags, "input file");
        if (!file) return std::nullopt;
        pugi::xml_node root = file->doc.document_element();
        if (std::string(root.attribute("status").value()) != "final") {
            pugi::xml_attribute st = root.attribute("status");
            diags.error(st ? parse::attribute_value_span(*file, root, st) : parse::element_span(*file, root),
                        codes::next_year_not_final, "this input is a draft: next year's drafts are made from this year's finals",
                        "make next year's drafts once the sheets are approved (status=\"final\")");
            return std::nullopt;
        }
        const int errors = diags.error_count();
        parse::FormDocument next = import::next_year_values(parse::read_form_values(*file, schema), schema, diags);
        if (diags.error_count() != errors) return std::nullopt;
        auto written = parse::write_form_values(path, bytes, schema, next, diags);
        if (written) written = parse::with_root_status(path, *written, "draft", true, diags);
        if (!written) return std::nullopt;
        NextYearDraft draft{std::move(*written), 0};
        for (const parse::FormSheet& s : next.sheets) draft.todo += static_cast<int>(s.values.todo.size());
        draft.todo += static_cast<int>(next.shared.todo.size());
        return draft;
    }
};

Engine::Engine() : Engine(EngineOptions{}) {}
Engine::Engine(const EngineOptions& options) : impl_(std::make_unique<Impl>(options)) {}
Engine::~Engine() = default;

std::shared_ptr<const Department> Engine::prepare(const std::string& input_path, const RenderOptions& options,
                                                  std::vector<Diagnostic>& out) const {
    return impl_->guarded(impl_->disk, input_path, options, out);
}

std::shared_ptr<const Department> Engine::prepare_from_memory(const std::string& name, std::string bytes,
                                                              const RenderOptions& options, std::vector<Diagnostic>& out,
                                                              const std::map<std::string, std::string>& files) const {
    io::MemoryFiles memory(&impl_->disk);
    for (const auto& [path, content] : files) memory.add(path, content);
    memory.add(name, std::move(bytes));
    return impl_->guarded(memory, name, options, out);
}

namespace {

// Runs one of the engine's commands on a file, turning a bug's exception into a finding: the
// result only when it left no error, and every finding appended to out.
template <typename Result, typename Run>
Result without_errors(const std::string& path, const char* what, std::vector<Diagnostic>& out, Run run) {
    base::Diagnostics diags;
    Result result{};
    try {
        result = run(diags);
    } catch (const std::exception& e) {
        diags.file_error(path, codes::internal_error, std::string("internal error: ") + e.what(),
                         std::string("please report this with the ") + what);
    }
    if (diags.has_errors()) result = Result{};
    for (Diagnostic& d : diags.take()) out.push_back(std::move(d));
    return result;
}

}  // namespace

std::vector<ImportedInput> Engine::import_text(const std::string& text_path, const ImportOptions& options,
                                               std::vector<Diagnostic>& out) const {
    return without_errors<std::vector<ImportedInput>>(
        text_path, "text file", out, [&](base::Diagnostics& diags) { return impl_->import_text(text_path, options, diags); });
}

std::optional<NextYearDraft> Engine::next_year(const std::string& input_path, std::vector<Diagnostic>& out) const {
    return without_errors<std::optional<NextYearDraft>>(
        input_path, "input file", out, [&](base::Diagnostics& diags) { return impl_->next_year(input_path, diags); });
}

std::string Engine::write_pdf(const Department& department) const {
    write::WriteOptions options;
    options.creator = std::string("yoshiki ") + version();
    options.tagged = department.tagged;
    options.pdfa = department.pdfa;
    if (department.pdfa) {
        options.associated_files = associated_files(department);
        options.source_sha256 = department.input_sha256;
    }
    return write::write_pdf(department.doc, options);
}

struct PrintDocument::Impl {
    PrintOptions print;
    std::unique_ptr<write::PdfBuilder> builder;
    write::WriteOptions options;
    bool started = false;
    bool subject_full = false;
    std::set<std::string> in_subject;  // the departments the subject names so far
    // The table of contents, when a part's layout asks for one: the first such layout sets it,
    // listing every part (contents.hpp). An entry is a few strings: 10,000 sheets stay small.
    std::optional<contents::Form> contents_form;
    std::vector<contents::Part> contents_parts;

    void list_in_contents(const Department& dep) {
        if (!contents_form && dep.layout->print.contents) {
            contents_form = contents::Form{dep.layout, dep.doc.fonts, dep.doc.lang};
        }
        contents::Part part;
        part.department = dep.doc.info.department;
        part.target = builder->page_count() - static_cast<int>(dep.doc.pages.size());
        for (const paginate::OutlineEntry& e : dep.doc.sheets) {
            part.sheets.push_back(contents::Entry{e.title, e.page + 1, part.target + e.page});
        }
        contents_parts.push_back(std::move(part));
    }

    // The subject names each department once, in the order they first come: a department in two
    // files (its sheets kept apart, or a copy) is still one department to the reader. It stops at
    // a few thousand bytes with ほか: libharu refuses a string of over 64 KB, which a batch of
    // some 8,000 departments would otherwise reach, failing the whole print document.
    void name_in_subject(const std::string& department) {
        std::string& subject = options.combined_info.subject;
        if (subject_full || !in_subject.insert(department).second) return;
        std::string next = (subject.empty() ? "" : "、") + department;
        if (subject.size() + next.size() > 4000) {
            subject += "ほか";
            subject_full = true;
        } else {
            subject += next;
        }
    }
};

PrintDocument::PrintDocument(const PrintOptions& print) : impl_(std::make_unique<Impl>()) {
    impl_->print = print;
    impl_->options.creator = std::string("yoshiki ") + version();
    impl_->options.combined = true;
    impl_->options.duplex = print.duplex;
    impl_->options.tagged = print.tagged;
}

PrintDocument::~PrintDocument() = default;

void PrintDocument::add(const Department& dep) {
    Impl& m = *impl_;
    bind::DocumentInfo& ci = m.options.combined_info;
    if (!m.builder) {
        ci.title = dep.doc.info.fiscal_year + " " + dep.layout->name;
        ci.creation_time = dep.doc.info.creation_time;
        ci.keywords = dep.layout->name + ", " + dep.doc.info.fiscal_year;
        ci.fiscal_year = dep.doc.info.fiscal_year;
        m.builder = std::make_unique<write::PdfBuilder>(m.options);
    }
    // The subject (all departments) is known only when all parts are in: set at finish.
    m.name_in_subject(dep.doc.info.department);

    if (!m.print.footer || !dep.doc.footer) {
        m.builder->add_part(dep.doc);
        m.list_in_contents(dep);
        return;
    }
    // A copy with footers: the department's own document stays as it is.
    paginate::PagedDocument doc = dep.doc;
    const parse::FormLayout& layout = *dep.layout;
    base::Diagnostics ignored;  // the footer's characters were checked when the department was prepared
    typeset::SetContext ctx{layout, dep.fonts, ignored};
    const parse::PageSpec& ps = layout.page;
    int n = static_cast<int>(doc.pages.size());
    for (int p = 0; p < n; ++p) {
        base::TracedText text;
        text.append(bind::fill_page_numbers(doc.footer->text, p + 1, n), base::Span{});
        auto lines = typeset::set_text(text, layout.print.footer_style, ps.width - ps.margin_left - ps.margin_right, ctx);
        double height = 0;
        for (const auto& l : lines) height += l.height;
        paginate::place_lines(lines, ps.margin_left, ps.height - layout.print.footer_bottom - height, doc.pages[p],
                              paginate::Artifact::footer);
    }
    m.builder->add_part(doc);
    m.list_in_contents(dep);
}

int PrintDocument::pages() const { return impl_->builder ? impl_->builder->page_count() : 0; }

std::string PrintDocument::finish() {
    if (!impl_->builder) impl_->builder = std::make_unique<write::PdfBuilder>(impl_->options);
    if (impl_->contents_form) impl_->builder->add_front_part(contents::set_contents(*impl_->contents_form, impl_->contents_parts));
    impl_->builder->set_info(impl_->options.combined_info);
    return impl_->builder->finish();
}

std::string_view Engine::input_bytes(const Department& d) { return d.input ? d.input->bytes() : std::string_view(); }

std::string_view Engine::layout_bytes(const Department& d) {
    return d.layout && d.layout->source ? d.layout->source->bytes() : std::string_view();
}

std::optional<Diagnostic> write_output(const std::string& path, const std::string& bytes, const Department* read_from) {
    auto failure = io::write_file(path, bytes, read_from ? read_from->read : std::vector<io::ReadFile>{});
    if (!failure) return std::nullopt;
    Diagnostic d;
    d.file = path;
    d.code = failure->code.name;
    d.message = failure->code == base::codes::output_failed ? failure->message
                                                                       : "cannot write the PDF here: " + failure->message;
    return d;
}

std::string Engine::font_sha256(const std::string& path) const {
    io::Failure failure;
    auto identity = impl_->disk.identify(path, io::Use::font, failure);
    if (!identity) return {};
    {
        std::lock_guard<std::mutex> lock(impl_->mutex);
        auto it = impl_->font_hashes.find(*identity);
        if (it != impl_->font_hashes.end()) return it->second;
    }
    auto mapped = impl_->disk.map(path, io::Use::font, failure);
    if (!mapped) return {};
    std::string sha = io::sha256_hex(mapped->bytes);
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->font_hashes[mapped->identity] = sha;
}

DepartmentInfo Engine::info(const Department& d) {
    DepartmentInfo info;
    info.input_path = d.input_path;
    info.name = d.doc.info.department;
    info.fiscal_year = d.doc.info.fiscal_year;
    info.pages = static_cast<int>(d.doc.pages.size());
    info.input_sha256 = d.input_sha256;
    info.layout_path = d.layout->source->path;
    info.layout_sha256 = d.layout_sha256;
    info.layout_name = d.layout->name;
    for (const auto& font : d.doc.fonts) {
        info.fonts.push_back(FontInfo{font->path(), font->metrics().postscript_name, font->metrics().version});
    }
    info.creation_time = d.doc.info.creation_time;
    if (d.pdfa) info.conformance = d.tagged ? "PDF/A-3a" : "PDF/A-3b";
    for (const auto& s : d.doc.sheets) info.sheets.push_back(SheetEntry{s.title, s.page, s.pages, s.fill});
    for (const paginate::BoxFit& f : d.doc.fits) {
        BoxFitEntry e{f.label, {}, 0, 0, f.page + 1, f.squeezed, f.scale, f.size, f.smaller, f.lines, f.max_lines, f.fullness};
        if (f.span.file) {
            e.file = f.span.file->path;
            std::tie(e.line, e.column) = f.span.file->line_column(f.span.offset);
        }
        info.boxes.push_back(std::move(e));
    }
    return info;
}

}  // namespace yoshiki
