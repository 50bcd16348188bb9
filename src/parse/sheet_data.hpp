// SheetData: the data of one input file (one department, one fiscal year), checked against
// the form's declared fields. Values are keyed by their path ("values/initial/@year").
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/traced_text.hpp"
#include "parse/number.hpp"

namespace yoshiki::parse {

// One paragraph or list item of a block field.
struct Block {
    enum class Kind { paragraph, item };
    Kind kind = Kind::paragraph;
    std::string marker;  // for numbered items: "（1）", "①"; empty means the style's bullet
    base::TracedText text;
    int list = 0;  // items of one list share a number (a <list>, or bare <item>s in a row); 0 for paragraphs
};

struct FieldValue {
    base::TracedText text;      // text fields and attributes
    std::vector<Block> blocks;  // block fields
    std::optional<int> gregorian_year;  // fiscal-year fields: the year the fiscal year starts in
    std::optional<Number> number;        // number fields; empty counts 0
    // A list field: how many items it has. Item k's values are under "list[k]/field"
    // (indicator[0]/name): item_path() makes the path.
    int items = 0;
};

// The path of an item's field: ("indicator", 2, "indicator/name") → "indicator[2]/name".
inline std::string item_path(const std::string& list, int k, const std::string& path) {
    return list + "[" + std::to_string(k) + "]" + path.substr(list.size());
}

using FieldValues = std::map<std::string, FieldValue>;

struct SheetValues {
    base::Span span;
    FieldValues fields;
};

struct SheetData {
    base::SourcePtr source;
    std::string layout_path;  // as named by the input, resolved against the input's folder
    base::Span layout_span;
    std::optional<std::int64_t> date;  // the input's own date (seconds since 1970), if it has one
    // status="final" on the root: the sheets are approved as they stand, and their PDF carries the
    // approval block's signature fields; anything else (status="draft", or none) is a draft (案).
    bool final = false;
    FieldValues shared;
    std::vector<SheetValues> sheets;
};

}  // namespace yoshiki::parse
