#include "serve/form_json.hpp"

#include "base/limits.hpp"

namespace yoshiki::serve {

using nlohmann::json;

namespace {

json field_json(const parse::FieldSpec& f, const std::string& prefix) {
    const std::string path = prefix + f.name;
    json out{{"name", f.name}, {"path", path}, {"label", f.label}, {"required", f.required}, {"fiscal_year", f.fiscal_year}};
    switch (f.kind) {
        case parse::FieldSpec::Kind::text: out["kind"] = "text"; break;
        case parse::FieldSpec::Kind::blocks: out["kind"] = "blocks"; break;
        case parse::FieldSpec::Kind::group: out["kind"] = "group"; break;
    }
    json attributes = json::array();
    for (const auto& a : f.attributes) {
        attributes.push_back({{"name", a.name}, {"path", path + "/@" + a.name}, {"label", a.label},
                              {"required", a.required}, {"fiscal_year", a.fiscal_year}});
    }
    out["attributes"] = std::move(attributes);
    json children = json::array();
    for (const auto& c : f.children) children.push_back(field_json(c, path + "/"));
    out["children"] = std::move(children);
    return out;
}

json fields_json(const std::vector<parse::FieldSpec>& fields) {
    json out = json::array();
    for (const auto& f : fields) out.push_back(field_json(f, ""));
    return out;
}

const char* kind_name(parse::FormBlock::Kind k) {
    switch (k) {
        case parse::FormBlock::Kind::paragraph: return "p";
        case parse::FormBlock::Kind::item: return "item";
        case parse::FormBlock::Kind::list: return "list";
    }
    return "p";
}

json scope_json(const parse::FormValues& v) {
    json out = json::object();
    for (const auto& [path, text] : v.text) out[path] = text;
    for (const auto& [path, blocks] : v.blocks) {
        json list = json::array();
        for (const auto& b : blocks) {
            json block{{"kind", kind_name(b.kind)}};
            if (b.kind == parse::FormBlock::Kind::list) {
                block["numbering"] = b.numbering;
                block["items"] = b.items;
            } else {
                block["text"] = b.text;
            }
            list.push_back(std::move(block));
        }
        out[path] = std::move(list);
    }
    return out;
}

bool string_within_limit(const json& j) {
    return j.is_string() && j.get_ref<const std::string&>().size() <= base::limits::max_text_bytes;
}

bool read_block(const json& j, parse::FormBlock& b, std::string& error) {
    if (!j.is_object() || !j.contains("kind") || !j["kind"].is_string()) {
        error = "a block is not {kind, …}";
        return false;
    }
    const std::string kind = j["kind"];
    if (kind == "list") {
        b.kind = parse::FormBlock::Kind::list;
        if (j.contains("numbering")) {
            if (!string_within_limit(j["numbering"])) {
                error = "a list's numbering is not text";
                return false;
            }
            b.numbering = j["numbering"];
        }
        if (!j.contains("items") || !j["items"].is_array()) {
            error = "a list has no items";
            return false;
        }
        for (const json& item : j["items"]) {
            if (!string_within_limit(item)) {
                error = "an item is not text, or too long";
                return false;
            }
            b.items.push_back(item);
        }
        return true;
    }
    if (kind != "p" && kind != "item") {
        error = "a block's kind is not p, item or list";
        return false;
    }
    b.kind = kind == "p" ? parse::FormBlock::Kind::paragraph : parse::FormBlock::Kind::item;
    if (!j.contains("text") || !string_within_limit(j["text"])) {
        error = "a paragraph is not text, or too long";
        return false;
    }
    b.text = j["text"];
    return true;
}

bool read_scope(const json& j, parse::FormValues& out, std::string& error) {
    if (!j.is_object()) {
        error = "values are not an object";
        return false;
    }
    for (const auto& [path, value] : j.items()) {
        if (value.is_string()) {
            if (!string_within_limit(value)) {
                error = "the text of " + path + " is too long";
                return false;
            }
            out.text[path] = value;
        } else if (value.is_array()) {
            auto& blocks = out.blocks[path];
            for (const json& b : value) {
                blocks.emplace_back();
                if (!read_block(b, blocks.back(), error)) return false;
            }
        } else {
            error = "the value of " + path + " is neither text nor blocks";
            return false;
        }
    }
    return true;
}

}  // namespace

json schema_json(const parse::DataSchema& schema) {
    return json{{"root", schema.root},
                {"sheet", {{"name", schema.sheet}, {"label", schema.sheet_label.empty() ? schema.sheet : schema.sheet_label}}},
                {"shared", fields_json(schema.shared)},
                {"per_sheet", fields_json(schema.per_sheet)}};
}

json values_json(const parse::FormDocument& form) {
    json sheets = json::array();
    for (const auto& s : form.sheets) {
        sheets.push_back({{"origin", s.origin ? json(*s.origin) : json(nullptr)}, {"values", scope_json(s.values)}});
    }
    return json{{"shared", scope_json(form.shared)}, {"sheets", std::move(sheets)}};
}

std::optional<parse::FormDocument> form_from_json(const json& j, std::string& error) {
    parse::FormDocument form;
    if (!j.is_object() || !j.contains("shared") || !j.contains("sheets") || !j["sheets"].is_array()) {
        error = "the values are not {shared, sheets}";
        return std::nullopt;
    }
    if (!read_scope(j["shared"], form.shared, error)) return std::nullopt;
    if (j["sheets"].size() > base::limits::max_sheets) {
        error = "more than " + std::to_string(base::limits::max_sheets) + " sheets";
        return std::nullopt;
    }
    for (const json& s : j["sheets"]) {
        if (!s.is_object() || !s.contains("values")) {
            error = "a sheet is not {origin, values}";
            return std::nullopt;
        }
        parse::FormSheet sheet;
        if (s.contains("origin") && !s["origin"].is_null()) {
            if (!s["origin"].is_number_integer()) {
                error = "a sheet's origin is not a number";
                return std::nullopt;
            }
            // An origin no file could have names no sheet: the writer makes a new one.
            long long origin = s["origin"].get<long long>();
            if (origin >= 0 && origin < static_cast<long long>(base::limits::max_sheets)) sheet.origin = static_cast<int>(origin);
        }
        if (!read_scope(s["values"], sheet.values, error)) return std::nullopt;
        form.sheets.push_back(std::move(sheet));
    }
    return form;
}

}  // namespace yoshiki::serve
