#include "contents.hpp"

#include <algorithm>
#include <stdexcept>

#include "base/source.hpp"
#include "base/traced_text.hpp"
#include "paginate/paginate.hpp"
#include "typeset/typeset.hpp"

namespace yoshiki::contents {

namespace {

double height_of(const std::vector<typeset::Line>& lines) {
    double h = 0;
    for (const typeset::Line& l : lines) h += l.height;
    return h;
}

// Sets the contents column by column, page by page: the title across the first, then each department's heading kept
// with its first entry, each entry's page number on its last line's baseline at the right, a
// leader of dots between.
class Setter {
public:
    explicit Setter(const Form& form)
        : layout_(*form.layout), spec_(*layout_.print.contents), ctx_{layout_, fonts_, diags_} {
        for (const auto& f : form.fonts) fonts_.push_back(f.get());
        const parse::PageSpec& ps = layout_.page;
        page_left_ = ps.margin_left;
        page_right_ = ps.width - ps.margin_right;
        column_width_ = (page_right_ - page_left_ - (spec_.columns - 1) * spec_.column_gap) / spec_.columns;
        top_ = ps.margin_top;
        bottom_ = ps.height - ps.margin_bottom;
        number_width_ = 4 * layout_.styles[static_cast<std::size_t>(spec_.page_style)].size;
        indent_ = 2 * layout_.styles[static_cast<std::size_t>(spec_.entry_style)].size;
        doc_.width = ps.width;
        doc_.height = ps.height;
        doc_.fonts = form.fonts;
        doc_.lang = form.lang;
        doc_.info.department = spec_.title;
        doc_.info.title = spec_.title;
    }

    paginate::PagedDocument run(const std::vector<Part>& parts) {
        new_page();
        title();
        const int toc = doc_.structure.add(0, "TOC");
        for (const Part& part : parts) department(part, toc);
        return std::move(doc_);
    }

private:
    // A bookmark left empty by its data (a sheet without a name yet) is listed as 「－」, so that
    // its page is still in the contents.
    std::vector<typeset::Line> set(const std::string& given, int style, double width, int node) {
        const std::string text = given.empty() ? "－" : given;
        base::TracedText t;
        t.append(text, base::Span{});
        auto lines = typeset::set_text(t, style, width, ctx_);
        if (diags_.has_errors()) {
            throw std::runtime_error("the table of contents cannot set 「" + text + "」 in the fonts of the layout " +
                                     layout_.name + ": " + diags_.all().front().message);
        }
        for (typeset::Line& l : lines) l.node = node;
        return lines;
    }

    void new_page() {
        doc_.pages.emplace_back();
        column(0, top_);
    }

    void column(int c, double top) {
        column_ = c;
        column_top_ = y_ = top;
        left_ = page_left_ + c * (column_width_ + spec_.column_gap);
        right_ = left_ + column_width_;
    }

    // Goes on in the next column, or page, unless what comes, `height` tall, fits below y (or the
    // column is empty).
    void make_room(double height) {
        if (y_ + height <= bottom_ || y_ <= column_top_) return;
        if (column_ + 1 < spec_.columns) column(column_ + 1, column_top_);
        else new_page();
    }

    // Across all columns, on the first page.
    void title() {
        const int node = doc_.structure.add(0, "H1");
        auto lines = set(spec_.title, spec_.title_style, page_right_ - page_left_, node);
        paginate::place_lines(lines, page_left_, y_, doc_.pages.back(), paginate::Artifact::none);
        column(0, y_ + height_of(lines) * 1.5);
    }

    void department(const Part& part, int toc) {
        const int item = doc_.structure.add(toc, "TOCI");
        const int link = doc_.structure.add(item, "Link");
        auto heading = set(part.department, spec_.department_style, right_ - left_, link);
        const double h = height_of(heading);
        const double space = y_ <= column_top_ ? 0 : heading.front().height * 0.5;
        double first_entry = 0;
        if (!part.sheets.empty()) first_entry = height_of(set(part.sheets.front().title, spec_.entry_style, title_width(), -1));
        make_room(space + h + first_entry);
        if (y_ > column_top_) y_ += space;
        paginate::Page& page = doc_.pages.back();
        paginate::place_lines(heading, left_, y_, page, paginate::Artifact::none);
        page.links.push_back(paginate::Link{left_, y_, right_ - left_, h, part.target, part.department, link});
        y_ += h;
        if (part.sheets.empty()) return;
        const int sheets = doc_.structure.add(item, "TOC");
        for (const Entry& e : part.sheets) entry(e, sheets);
    }

    double title_width() const {
        const double em = layout_.styles[static_cast<std::size_t>(spec_.entry_style)].size;
        return right_ - left_ - indent_ - number_width_ - em;
    }

    void entry(const Entry& e, int toc) {
        const int item = doc_.structure.add(toc, "TOCI");
        const int link = doc_.structure.add(item, "Link");
        auto text = set(e.title, spec_.entry_style, title_width(), link);
        auto number = set(std::to_string(e.page), spec_.page_style, number_width_, link);
        const double h = std::max(height_of(text), height_of(number));
        make_room(h);
        paginate::Page& page = doc_.pages.back();
        const double x = left_ + indent_;
        paginate::place_lines(text, x, y_, page, paginate::Artifact::none);
        // The number stands on the baseline of the entry's last line.
        const typeset::Line& last = text.back();
        const double last_top = y_ + height_of(text) - last.height;
        const double number_x = right_ - number_width_;
        paginate::place_lines(number, number_x, last_top + last.baseline - number.front().baseline, page,
                              paginate::Artifact::none);
        leader(x + last.left + last.width, number_x + number.front().left, last_top, page);
        page.links.push_back(paginate::Link{x, y_, right_ - x, h, e.target, e.title + " " + std::to_string(e.page), link});
        y_ += h;
    }

    // Dots (…) from the end of an entry to its number: drawn, not read (an artifact).
    void leader(double from, double to, double line_top, paginate::Page& page) {
        const double em = layout_.styles[static_cast<std::size_t>(spec_.entry_style)].size;
        const int n = static_cast<int>((to - from - em) / em);
        if (n < 1) return;
        std::string dots;
        for (int i = 0; i < n; ++i) dots += "…";
        auto lines = set(dots, spec_.entry_style, n * em + 1, -1);
        const typeset::Line& l = lines.front();
        paginate::place_lines(lines, to - em / 2 - l.left - l.width, line_top, page, paginate::Artifact::layout);
    }

    const parse::FormLayout& layout_;
    const parse::ContentsTemplate& spec_;
    std::vector<const text::Font*> fonts_;
    base::Diagnostics diags_;
    typeset::SetContext ctx_;
    paginate::PagedDocument doc_;
    double page_left_ = 0, page_right_ = 0, column_width_ = 0, top_ = 0, bottom_ = 0, number_width_ = 0, indent_ = 0;
    int column_ = 0;
    double left_ = 0, right_ = 0, column_top_ = 0, y_ = 0;  // the column being filled
};

}  // namespace

paginate::PagedDocument set_contents(const Form& form, const std::vector<Part>& parts) {
    return Setter(form).run(parts);
}

}  // namespace yoshiki::contents
