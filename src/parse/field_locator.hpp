// Which field of the form a place in an input concerns, so that the editor shows each finding of
// `yoshiki check` beside the field it is about, under the label clerks know.
#pragma once

#include <cstddef>
#include <string>

#include "parse/form_layout.hpp"
#include "parse/xml.hpp"

namespace yoshiki::parse {

struct FieldPlace {
    int sheet = -1;    // 0-based; -1: a field written once per file, or the file as a whole
    std::string path;  // "values/initial/@year" (as FormValues); empty: the sheet or the file itself
    int block = -1;    // of a block field: its paragraph, item or list (0-based, as FormBlock)
    int item = -1;     // of a list: its item

    bool operator==(const FieldPlace& o) const {
        return sheet == o.sheet && path == o.path && block == o.block && item == o.item;
    }
};

// The field at a byte offset of the file's text: the innermost field whose element (start tag,
// text or end tag) holds it; an offset in an attribute of a text field is that attribute's.
// A place outside every field (the root's attributes, an unknown element between fields) gives
// its sheet, or nothing.
FieldPlace locate_field(const XmlFile& file, const DataSchema& schema, std::size_t offset);

}  // namespace yoshiki::parse
