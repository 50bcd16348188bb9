// Reads a layout file (the form template) into a FormLayout, checking it completely: unknown
// elements and attributes, bad lengths, references to fields the form does not declare, and
// table rows whose spans do not fill the columns.
#pragma once

#include <optional>
#include <string>

#include "parse/form_layout.hpp"

namespace yoshiki::parse {

// Reads a layout from its bytes; path names it in messages, and relative font paths are
// resolved against its folder.
std::optional<FormLayout> read_layout(const std::string& path, std::string bytes, base::Diagnostics& diags);

// Paths a template may reference, as declared by the schema ("goal", "values/initial/@year").
struct FieldPaths {
    std::vector<std::string> text;
    std::vector<std::string> blocks;
    std::vector<std::string> lists;      // list fields
    std::vector<std::string> item_text;  // their items' text fields, list/field
    std::vector<std::string> item_numbers;  // those of type="number": what {sum(list/field)} adds up
    std::vector<std::string> numbers;       // the number fields outside lists
};
FieldPaths field_paths(const std::vector<FieldSpec>& fields);

// Splits "{a} and {b}" into its references; used by the layout check and the binder alike.
// Calls on_text(byte offset, text) and on_ref(byte offset, path) in order; "{{" and "}}" are
// literal braces. Returns false on an unclosed brace.
template <typename OnText, typename OnRef>
bool split_template(const std::string& s, OnText on_text, OnRef on_ref) {
    std::string literal;
    std::size_t literal_at = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((s[i] == '{' || s[i] == '}') && i + 1 < s.size() && s[i + 1] == s[i]) {
            if (literal.empty()) literal_at = i;
            literal += s[i];
            ++i;
            continue;
        }
        if (s[i] == '{') {
            std::size_t close = s.find('}', i);
            if (close == std::string::npos) return false;
            if (!literal.empty()) on_text(literal_at, literal);
            literal.clear();
            on_ref(i, s.substr(i + 1, close - i - 1));
            i = close;
            continue;
        }
        if (literal.empty()) literal_at = i;
        literal += s[i];
    }
    if (!literal.empty()) on_text(literal_at, literal);
    return true;
}

}  // namespace yoshiki::parse
