// The driver: the pipeline of one department file, stage by stage, and the public API over it.
#include <yoshiki/yoshiki.hpp>

#include <cstdio>
#include <map>
#include <mutex>
#include <stdexcept>

#include "base/date.hpp"
#include "base/limits.hpp"
#include "base/source.hpp"
#include "bind/bind.hpp"
#include "paginate/paginate.hpp"
#include "parse/layout_reader.hpp"
#include "parse/sheet_reader.hpp"
#include "text/font.hpp"
#include "typeset/typeset.hpp"
#include "write/pdf_writer.hpp"

#ifndef YOSHIKI_VERSION
#define YOSHIKI_VERSION "0.0.0"
#endif

namespace yoshiki {

const char* version() { return YOSHIKI_VERSION; }

struct Department {
    std::string input_path;
    bool tagged = true;
    std::shared_ptr<const parse::FormLayout> layout;
    std::vector<const text::Font*> fonts;  // by the layout's font index
    paginate::PagedDocument doc;
};

struct Engine::Impl {
    text::FontLibrary fonts;
    std::mutex layouts_mutex;
    std::map<std::string, std::shared_ptr<const parse::FormLayout>> layouts;

    // A layout is read once per process, however many inputs use it.
    std::shared_ptr<const parse::FormLayout> layout(const std::string& path, const base::Span& named_at,
                                                    base::Diagnostics& diags) {
        {
            std::lock_guard<std::mutex> lock(layouts_mutex);
            auto it = layouts.find(path);
            if (it != layouts.end()) return it->second;
        }
        auto read = parse::read_layout(path, diags, named_at);
        if (!read) return nullptr;
        auto shared = std::make_shared<const parse::FormLayout>(std::move(*read));
        std::lock_guard<std::mutex> lock(layouts_mutex);
        return layouts.emplace(path, shared).first->second;
    }

    std::shared_ptr<const Department> prepare(const std::string& input, const RenderOptions& options,
                                              base::Diagnostics& diags) {
        auto xml = parse::load_sheet_file(input, diags);
        if (!xml) return nullptr;
        std::optional<std::string> layout_path = options.layout_path;
        base::Span layout_named_at;  // a layout named by the input is reported there if it cannot be read
        if (!layout_path) layout_path = parse::named_layout(*xml, diags, &layout_named_at);
        if (!layout_path) {
            diags.error(base::Span{xml->source, 0}, "the input names no layout",
                        "add layout=\"…/layouts/goal-sheet.xml\" to its first element, or give --layout FILE");
            return nullptr;
        }
        auto layout = this->layout(*layout_path, layout_named_at, diags);
        if (!layout) return nullptr;

        auto dep = std::make_shared<Department>();
        dep->input_path = input;
        dep->tagged = options.tagged;
        dep->layout = layout;
        for (const parse::FontSpec& spec : layout->fonts) {
            std::string error;
            auto font = fonts.get(spec.path, error);
            if (!font) {
                diags.error(spec.span, "cannot open the font file '" + spec.path + "': " + error,
                            "install fonts-ipaexfont and fonts-ipamj-mincho, or correct the path in the layout");
                continue;
            }
            dep->fonts.push_back(font.get());
            dep->doc.fonts.push_back(font);
        }
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
        dep->doc.width = layout->page.width;
        dep->doc.height = layout->page.height;
        dep->doc.info = doc.info;
        dep->doc.lang = doc.lang;
        dep->doc.footer = doc.footer;
        dep->doc.pages = paginate::paginate(flow, layout->page, dep->doc.sheets);
        dep->doc.structure = std::move(doc.structure);
        if (dep->doc.pages.size() > base::limits::max_pages) {
            diags.error(base::Span{xml->source, 0}, "the document would have more than " +
                                                        std::to_string(base::limits::max_pages) + " pages");
            return nullptr;
        }
        return dep;
    }
};

Engine::Engine() : impl_(std::make_unique<Impl>()) {}
Engine::~Engine() = default;

std::shared_ptr<const Department> Engine::prepare(const std::string& input_path, const RenderOptions& options,
                                                  std::vector<Diagnostic>& out) const {
    base::Diagnostics diags;
    std::shared_ptr<const Department> dep;
    try {
        dep = impl_->prepare(input_path, options, diags);
    } catch (const std::exception& e) {
        diags.file_error(input_path, std::string("internal error: ") + e.what(), "please report this with the input file");
        dep = nullptr;
    }
    for (Diagnostic& d : diags.take()) out.push_back(std::move(d));
    return dep;
}

std::string Engine::write_pdf(const Department& department) const {
    write::WriteOptions options;
    options.creator = std::string("yoshiki ") + version();
    options.tagged = department.tagged;
    return write::write_pdf(department.doc, options);
}

struct PrintDocument::Impl {
    PrintOptions print;
    std::unique_ptr<write::PdfBuilder> builder;
    write::WriteOptions options;
    bool started = false;
    bool subject_full = false;
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
        m.builder = std::make_unique<write::PdfBuilder>(m.options);
    }
    // The subject (all departments) is known only when all parts are in: set at finish. It
    // stops at a few thousand bytes with ほか: libharu refuses a string of over 64 KB, which a
    // batch of some 8,000 departments would otherwise reach, failing the whole print document.
    if (!m.subject_full) {
        std::string next = (ci.subject.empty() ? "" : "、") + dep.doc.info.department;
        if (ci.subject.size() + next.size() > 4000) {
            ci.subject += "ほか";
            m.subject_full = true;
        } else {
            ci.subject += next;
        }
    }

    if (!m.print.footer || !dep.doc.footer) {
        m.builder->add_part(dep.doc);
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
}

int PrintDocument::pages() const { return impl_->builder ? impl_->builder->page_count() : 0; }

std::string PrintDocument::finish() {
    if (!impl_->builder) impl_->builder = std::make_unique<write::PdfBuilder>(impl_->options);
    impl_->builder->set_info(impl_->options.combined_info);
    return impl_->builder->finish();
}

DepartmentInfo Engine::info(const Department& d) {
    DepartmentInfo info;
    info.input_path = d.input_path;
    info.name = d.doc.info.department;
    info.fiscal_year = d.doc.info.fiscal_year;
    info.pages = static_cast<int>(d.doc.pages.size());
    for (const auto& s : d.doc.sheets) info.sheets.push_back(SheetEntry{s.title, s.page});
    return info;
}

}  // namespace yoshiki
