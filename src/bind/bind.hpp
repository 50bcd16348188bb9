// Binds a form's layout to one input's data: fills every {reference} of the templates and
// turns block fields into paragraphs and list items.
#pragma once

#include <cstdint>
#include <optional>

#include "bind/document.hpp"
#include "parse/form_layout.hpp"
#include "parse/sheet_data.hpp"

namespace yoshiki::bind {

// creation_time: seconds since 1970, decided by the caller (input date, SOURCE_DATE_EPOCH …).
Document bind(const parse::FormLayout& layout, const parse::SheetData& data, std::int64_t creation_time);

// Fills {page} and {pages} of a footer.
std::string fill_page_numbers(const std::string& footer, int page, int pages);

}  // namespace yoshiki::bind
