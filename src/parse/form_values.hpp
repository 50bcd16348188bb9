// FormValues: an input's values as the editor's form shows them (`yoshiki serve`): each field's
// text as the clerk wrote it (white space folded, references decoded, fiscal years not yet turned
// into 和暦), the sheets in their order, and block fields as their paragraphs, items and lists.
// The form is made from the layout's fields, so these values are keyed by the same paths as
// SheetData's ("signer/name", "values/initial/@year").
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "parse/form_layout.hpp"
#include "parse/xml.hpp"

namespace yoshiki::parse {

// One element of a block field: a <p>, a bare <item>, or a <list> of items.
struct FormBlock {
    enum class Kind { paragraph, item, list };
    Kind kind = Kind::paragraph;
    std::string text;                // of a paragraph or an item
    std::string numbering;           // of a list, as written ("（1）", "bullet"; empty: none written)
    std::vector<std::string> items;  // of a list

    bool operator==(const FormBlock& o) const {
        return kind == o.kind && text == o.text && numbering == o.numbering && items == o.items;
    }
    bool operator!=(const FormBlock& o) const { return !(*this == o); }
};

// The values of one scope (the fields written once per file, or one sheet's). A path that is
// absent is a field the input does not have.
struct FormValues {
    std::map<std::string, std::string> text;               // text fields and their attributes
    std::map<std::string, std::vector<FormBlock>> blocks;  // block fields
    // Text fields marked to do (todo="…", what to write). A field not named here keeps the mark
    // it has until its value changes: a clerk who writes it has done it.
    std::map<std::string, std::string> todo;
};

struct FormSheet {
    // Which <sheet> of the file these values came from (0-based); none for a sheet added in the
    // editor. The writer keeps what the form does not show (comments, unknown elements) with it.
    std::optional<int> origin;
    FormValues values;
};

struct FormDocument {
    FormValues shared;
    std::vector<FormSheet> sheets;
};

// The values of an input loaded strictly (load_xml_bytes), read against the form's fields.
// Unknown elements are left out (yoshiki check reports them); nothing is refused here, so that a
// file with errors still opens in the editor.
FormDocument read_form_values(const XmlFile& file, const DataSchema& schema);

// Folds white space as the renderer does (normalize_space) and decodes nothing: for comparing
// what a clerk typed with what a file holds.
std::string folded(const std::string& text);

}  // namespace yoshiki::parse
