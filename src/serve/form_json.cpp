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
        case parse::FieldSpec::Kind::list: out["kind"] = "list"; break;
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

// The values are not of the shape the page sends: request-invalid, and why.
bool refuse(base::Failure& failure, std::string why) {
    failure = base::Failure{base::codes::request_invalid, std::move(why)};
    return false;
}

bool string_within_limit(const json& j) {
    return j.is_string() && j.get_ref<const std::string&>().size() <= base::limits::max_text_bytes;
}

bool read_block(const json& j, parse::FormBlock& b, base::Failure& failure) {
    if (!j.is_object() || !j.contains("kind") || !j["kind"].is_string()) {
        return refuse(failure, "a block is not {kind, …}");
    }
    const std::string kind = j["kind"];
    if (kind == "list") {
        b.kind = parse::FormBlock::Kind::list;
        if (j.contains("numbering")) {
            if (!string_within_limit(j["numbering"])) {
                return refuse(failure, "a list's numbering is not text");
            }
            b.numbering = j["numbering"];
        }
        if (!j.contains("items") || !j["items"].is_array()) {
            return refuse(failure, "a list has no items");
        }
        for (const json& item : j["items"]) {
            if (!string_within_limit(item)) {
                return refuse(failure, "an item is not text, or too long");
            }
            b.items.push_back(item);
        }
        return true;
    }
    if (kind != "p" && kind != "item") {
        return refuse(failure, "a block's kind is not p, item or list");
    }
    b.kind = kind == "p" ? parse::FormBlock::Kind::paragraph : parse::FormBlock::Kind::item;
    if (!j.contains("text") || !string_within_limit(j["text"])) {
        return refuse(failure, "a paragraph is not text, or too long");
    }
    b.text = j["text"];
    return true;
}

bool read_scope(const json& j, parse::FormValues& out, base::Failure& failure) {
    if (!j.is_object()) {
        return refuse(failure, "values are not an object");
    }
    for (const auto& [path, value] : j.items()) {
        if (value.is_string()) {
            if (!string_within_limit(value)) {
                return refuse(failure, "the text of " + path + " is too long");
            }
            out.text[path] = value;
        } else if (value.is_array()) {
            auto& blocks = out.blocks[path];
            for (const json& b : value) {
                blocks.emplace_back();
                if (!read_block(b, blocks.back(), failure)) return false;
            }
        } else {
            return refuse(failure, "the value of " + path + " is neither text nor blocks");
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

std::optional<parse::FormDocument> form_from_json(const json& j, base::Failure& failure) {
    parse::FormDocument form;
    if (!j.is_object() || !j.contains("shared") || !j.contains("sheets") || !j["sheets"].is_array()) {
        refuse(failure, "the values are not {shared, sheets}");
        return std::nullopt;
    }
    if (!read_scope(j["shared"], form.shared, failure)) return std::nullopt;
    if (j["sheets"].size() > base::limits::max_sheets) {
        refuse(failure, "more than " + std::to_string(base::limits::max_sheets) + " sheets");
        return std::nullopt;
    }
    for (const json& s : j["sheets"]) {
        if (!s.is_object() || !s.contains("values")) {
            refuse(failure, "a sheet is not {origin, values}");
            return std::nullopt;
        }
        parse::FormSheet sheet;
        if (s.contains("origin") && !s["origin"].is_null()) {
            if (!s["origin"].is_number_integer()) {
                refuse(failure, "a sheet's origin is not a number");
                return std::nullopt;
            }
            // An origin no file could have names no sheet: the writer makes a new one.
            long long origin = s["origin"].get<long long>();
            if (origin >= 0 && origin < static_cast<long long>(base::limits::max_sheets)) sheet.origin = static_cast<int>(origin);
        }
        if (!read_scope(s["values"], sheet.values, failure)) return std::nullopt;
        form.sheets.push_back(std::move(sheet));
    }
    return form;
}

}  // namespace yoshiki::serve
