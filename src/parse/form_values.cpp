#include "parse/form_values.hpp"

#include "parse/sheet_reader.hpp"

namespace yoshiki::parse {

namespace {

// The first child element of that name: the one read_sheet reads (a second is an error there).
pugi::xml_node child_element(pugi::xml_node parent, const std::string& name) {
    for (pugi::xml_node c : parent.children()) {
        if (c.type() == pugi::node_element && name == c.name()) return c;
    }
    return {};
}

struct ValueReader {
    const XmlFile& file;
    base::Diagnostics ignored;  // yoshiki check reports what is wrong; the form shows what is there

    std::string text_of(pugi::xml_node element) {
        return normalize_space(element_text(file, element, ignored)).text;
    }

    // Every <p>, <item> and <list> in order, blank ones too: the writer finds each element of
    // the file again by its place among them.
    std::vector<FormBlock> blocks_of(pugi::xml_node element) {
        std::vector<FormBlock> out;
        bool has_elements = false;
        for (pugi::xml_node c : element.children()) has_elements |= c.type() == pugi::node_element;
        if (!has_elements) {
            std::string t = text_of(element);
            if (!t.empty()) out.push_back(FormBlock{FormBlock::Kind::paragraph, t, {}, {}});
            return out;
        }
        for (pugi::xml_node c : element.children()) {
            if (c.type() != pugi::node_element) continue;
            std::string name = c.name();
            if (name == "p") out.push_back(FormBlock{FormBlock::Kind::paragraph, text_of(c), {}, {}});
            else if (name == "item") out.push_back(FormBlock{FormBlock::Kind::item, text_of(c), {}, {}});
            else if (name == "list") {
                FormBlock list{FormBlock::Kind::list, {}, c.attribute("numbering").value(), {}};
                for (pugi::xml_node item : c.children()) {
                    if (item.type() == pugi::node_element && std::string(item.name()) == "item") list.items.push_back(text_of(item));
                }
                out.push_back(std::move(list));
            }
        }
        return out;
    }

    void read(pugi::xml_node parent, const std::vector<FieldSpec>& specs, const std::string& prefix, FormValues& out) {
        for (const FieldSpec& spec : specs) {
            pugi::xml_node e = child_element(parent, spec.name);
            if (!e) continue;
            const std::string path = prefix + spec.name;
            switch (spec.kind) {
                case FieldSpec::Kind::group: read(e, spec.children, path + "/", out); break;
                case FieldSpec::Kind::blocks: out.blocks[path] = blocks_of(e); break;
                case FieldSpec::Kind::list: break;  // the editor leaves a list's items as the file has them
                case FieldSpec::Kind::text:
                    out.text[path] = text_of(e);
                    if (pugi::xml_attribute t = e.attribute(todo_attribute)) {
                        out.todo[path] = normalize_space(attribute_text(file, e, t, ignored)).text;
                    }
                    for (const auto& a : spec.attributes) {
                        pugi::xml_attribute xa = e.attribute(a.name.c_str());
                        if (xa) out.text[path + "/@" + a.name] = normalize_space(attribute_text(file, e, xa, ignored)).text;
                    }
                    break;
            }
        }
    }
};

}  // namespace

FormDocument read_form_values(const XmlFile& file, const DataSchema& schema) {
    FormDocument form;
    ValueReader reader{file, {}};
    pugi::xml_node root = file.doc.document_element();
    if (!root) return form;
    reader.read(root, schema.shared, "", form.shared);
    int index = 0;
    for (pugi::xml_node c : root.children()) {
        if (c.type() != pugi::node_element || schema.sheet != c.name()) continue;
        FormSheet sheet;
        sheet.origin = index++;
        reader.read(c, schema.per_sheet, "", sheet.values);
        form.sheets.push_back(std::move(sheet));
    }
    return form;
}

std::string folded(const std::string& text) {
    base::TracedText t;
    t.append(text, base::Span{});
    return normalize_space(t).text;
}

}  // namespace yoshiki::parse
