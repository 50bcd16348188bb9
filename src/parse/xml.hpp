// Strict XML 1.0 loading over pugixml (the only stage that uses pugixml).
// pugixml is lenient by design: it keeps undefined entity references as text, accepts duplicate
// attributes and ignores the declared encoding. An official document must not pass such input
// silently, so this file checks what pugixml lets through, once, at the boundary.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <pugixml.hpp>

#include "base/source.hpp"
#include "base/traced_text.hpp"

namespace yoshiki::parse {

struct XmlFile {
    base::SourcePtr source;
    pugi::xml_document doc;

    // Where each attribute's name and value stand in the text: pugixml keeps no offsets for
    // attributes, so an element's start tag is read once, when one of them is first asked for.
    struct AttributePlace {
        std::size_t name = 0, value = 0;
    };
    mutable std::unordered_map<const void*, AttributePlace> attribute_places;
};

// Converts a file's bytes from a declared legacy encoding (Shift_JIS, EUC-JP, UTF-16) to UTF-8
// and parses them strictly; `path` names the file, `what` says what it is in messages ("layout
// file"). Null on any error, which is reported to diags. The bytes are kept as they are in the
// file's SourceFile.
std::unique_ptr<XmlFile> load_xml_bytes(const std::string& path, std::string bytes, base::Diagnostics& diags,
                                        const std::string& what = "file");

// Where an element starts in its file (at its '<').
base::Span element_span(const XmlFile& file, pugi::xml_node element);
// Where an attribute's name stands, and where its value starts.
base::Span attribute_span(const XmlFile& file, pugi::xml_node element, pugi::xml_attribute attribute);
base::Span attribute_value_span(const XmlFile& file, pugi::xml_node element, pugi::xml_attribute attribute);

// The text of an attribute with its character and entity references decoded.
base::TracedText attribute_text(const XmlFile& file, pugi::xml_node element, pugi::xml_attribute attribute,
                                base::Diagnostics& diags);
// The bytes of an element's text as written (before references are decoded): what limits are
// checked against before any work is spent on it.
std::size_t text_bytes(pugi::xml_node element);

// The concatenated text children of an element (references decoded). Child elements are reported
// as unknown, naming the element they appear in.
base::TracedText element_text(const XmlFile& file, pugi::xml_node element, base::Diagnostics& diags);

// Reports every attribute of element not in allowed, with a did-you-mean hint. Returns the
// names the hints suggest.
std::vector<std::string> check_attributes(const XmlFile& file, pugi::xml_node element, const std::vector<std::string>& allowed,
                      base::Diagnostics& diags);

// Reports element as not allowed in parent, with a did-you-mean hint or the list of what is.
// Returns the name the hint suggests, if any.
std::optional<std::string> unknown_element(const XmlFile& file, pugi::xml_node element, pugi::xml_node parent,
                     const std::vector<std::string>& allowed, base::Diagnostics& diags);

// The closest of candidates to word, if it is close enough to be a likely misspelling.
std::optional<std::string> closest_match(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace yoshiki::parse
