#include "parse/field_locator.hpp"

#include <algorithm>
#include <vector>

namespace yoshiki::parse {

namespace {

std::size_t start_of(const XmlFile& file, pugi::xml_node n) {
    if (n.type() == pugi::node_element) return element_span(file, n).offset;
    return static_cast<std::size_t>(std::max<std::ptrdiff_t>(n.offset_debug(), 0));
}

// The node that holds offset: the last one, in document order, that starts at or before it.
// Text after a child element is a node of its own, so a place there belongs to the parent.
pugi::xml_node node_at(const XmlFile& file, pugi::xml_node n, std::size_t offset, pugi::xml_node best) {
    for (pugi::xml_node c : n.children()) {
        if (c.type() != pugi::node_element && c.type() != pugi::node_pcdata && c.type() != pugi::node_cdata) continue;
        if (start_of(file, c) > offset) break;
        best = c;
        if (c.type() == pugi::node_element) best = node_at(file, c, offset, best);
    }
    return best;
}

const FieldSpec* spec_named(const std::vector<FieldSpec>& specs, const std::string& name) {
    for (const FieldSpec& s : specs) {
        if (s.name == name) return &s;
    }
    return nullptr;
}

bool is_block_element(pugi::xml_node n) {
    if (n.type() != pugi::node_element) return false;
    std::string name = n.name();
    return name == "p" || name == "item" || name == "list";
}

int index_among(pugi::xml_node n, bool (*counts)(pugi::xml_node)) {
    int i = 0;
    for (pugi::xml_node s = n.previous_sibling(); s; s = s.previous_sibling()) i += counts(s) ? 1 : 0;
    return i;
}

bool is_item(pugi::xml_node n) { return n.type() == pugi::node_element && std::string(n.name()) == "item"; }

}  // namespace

FieldPlace locate_field(const XmlFile& file, const DataSchema& schema, std::size_t offset) {
    FieldPlace place;
    pugi::xml_node root = file.doc.document_element();
    if (!root || offset < start_of(file, root)) return place;
    pugi::xml_node at = node_at(file, root, offset, root);

    // The chain of elements from the root's child down to where the offset is.
    std::vector<pugi::xml_node> chain;
    for (pugi::xml_node n = at; n && n != root; n = n.parent()) {
        if (n.type() == pugi::node_element) chain.push_back(n);
    }
    std::reverse(chain.begin(), chain.end());

    const std::vector<FieldSpec>* specs = &schema.shared;
    std::size_t k = 0;
    if (!chain.empty() && schema.sheet == chain[0].name()) {
        place.sheet = 0;
        for (pugi::xml_node s = chain[0].previous_sibling(); s; s = s.previous_sibling()) {
            if (s.type() == pugi::node_element && schema.sheet == s.name()) ++place.sheet;
        }
        specs = &schema.per_sheet;
        k = 1;
    }
    for (; k < chain.size(); ++k) {
        const FieldSpec* spec = spec_named(*specs, chain[k].name());
        if (!spec) return place;
        place.path += (place.path.empty() ? "" : "/") + spec->name;
        if (spec->kind == FieldSpec::Kind::group) {
            specs = &spec->children;
            continue;
        }
        if (spec->kind == FieldSpec::Kind::blocks && k + 1 < chain.size() && is_block_element(chain[k + 1])) {
            place.block = index_among(chain[k + 1], is_block_element);
            if (k + 2 < chain.size() && is_item(chain[k + 2]) && std::string(chain[k + 1].name()) == "list") {
                place.item = index_among(chain[k + 2], is_item);
            }
        }
        // In a text field's start tag: which attribute, if any.
        if (spec->kind == FieldSpec::Kind::text && at == chain[k]) {
            std::string attribute;
            for (pugi::xml_attribute a : chain[k].attributes()) {
                if (attribute_span(file, chain[k], a).offset <= offset) attribute = a.name();
            }
            for (const auto& a : spec->attributes) {
                if (a.name == attribute) place.path += "/@" + attribute;
            }
        }
        return place;
    }
    return place;
}

}  // namespace yoshiki::parse
