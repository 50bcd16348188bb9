// A one-style form for typesetting tests: IPAex明朝 at 10 pt (so 1 em = 10 pt) with IPAmj明朝 as
// fallback, and a helper that sets a paragraph and returns its lines' text.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/source.hpp"
#include "bind/document.hpp"
#include "parse/form_layout.hpp"
#include "test_support.hpp"
#include "text/font.hpp"
#include "typeset/paragraph.hpp"

namespace yoshiki::test {

struct OneStyleForm {
    parse::FormLayout layout;
    std::vector<std::shared_ptr<const text::Font>> owned;
    std::vector<const text::Font*> fonts;
    base::Diagnostics diags;

    OneStyleForm() {
        for (const char* path : {mincho_path(), mj_path()}) {
            owned.push_back(open_font(path));
            fonts.push_back(owned.back().get());
        }
        parse::Style style;
        style.id = "body";
        style.fonts = {0, 1};
        style.size = 10;
        style.line_pitch = 1.5;
        layout.styles.push_back(style);
    }

    parse::Style& style() { return layout.styles[0]; }
    bool vertical = false;  // set in columns (縦書き)

    std::vector<typeset::Line> set(const std::string& text, double width_em, const std::string& marker = {}) {
        bind::Paragraph p;
        p.style = 0;
        p.first_line_indent = marker.empty();
        p.vertical = vertical;
        p.marker = marker;
        p.text.append(text, base::Span{std::make_shared<base::SourceFile>(base::SourceFile{"test.xml", text}), 0});
        typeset::SetContext ctx{layout, fonts, diags};
        return typeset::set_paragraph(p, width_em * style().size, ctx);
    }

    // The lines' text joined by '|' (a list item's marker left out).
    std::string lines(const std::string& text, double width_em, const std::string& marker = {}) {
        std::string out;
        bool first = true;
        for (const auto& l : set(text, width_em, marker)) {
            if (!first) out += '|';
            out += l.text.substr(first ? marker.size() : 0);
            first = false;
        }
        return out;
    }
};

}  // namespace yoshiki::test
