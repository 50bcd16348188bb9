// The table of contents of a print document (docs/layout-language.md, "<contents>"): pages set
// in the layout that asks for one, listing each department and the sheets under it with the
// page each starts on, as the print footer counts pages (within the department). Known only when
// every department is in, so the writer puts its pages in front (PdfBuilder::add_front_part).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "paginate/paged_document.hpp"
#include "parse/form_layout.hpp"
#include "text/font.hpp"

namespace yoshiki::contents {

struct Entry {
    std::string title;  // the sheet's bookmark text
    int page = 1;       // as the footer prints it: 1-based within its department
    int target = 0;     // 0-based page of the print document, before the contents' own pages
};

struct Part {
    std::string department;  // the department's bookmark text
    int target = 0;          // its first page, as Entry::target
    std::vector<Entry> sheets;
};

// The layout that asks for the contents and the fonts a department set in it was set in.
struct Form {
    std::shared_ptr<const parse::FormLayout> layout;
    std::vector<std::shared_ptr<const text::Font>> fonts;  // by the layout's font index
    std::string lang;
};

// The pages, tagged (a TOC of TOCI, each a Link to its page), with a link over each entry.
// Throws std::runtime_error when an entry has a character the layout's fonts lack (a part set
// in another layout), naming the entry: the print document is then not written.
paginate::PagedDocument set_contents(const Form& form, const std::vector<Part>& parts);

}  // namespace yoshiki::contents
