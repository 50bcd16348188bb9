#include "import/next_year.hpp"

#include "base/failure.hpp"
#include "parse/fiscal_year.hpp"
#include "parse/layout_reader.hpp"

namespace yoshiki::import {

namespace {

using parse::FieldSpec;
using parse::FormValues;
using parse::NextYearRule;

struct Roller {
    const FormValues& shared;  // this year's values written once per file
    const FormValues* sheet;   // and of the sheet being made, looked up first (as templates do)
    base::Diagnostics& diags;

    const std::string* value(const std::string& path) const {
        for (const FormValues* scope : {sheet, &shared}) {
            if (!scope) continue;
            auto it = scope->text.find(path);
            if (it != scope->text.end()) return &it->second;
        }
        return nullptr;
    }

    // A template filled with this year's values; nullopt after saying which field is missing.
    std::optional<std::string> fill(const parse::TextTemplate& t) const {
        std::string out;
        bool ok = true;
        parse::split_template(
            t.text.text, [&](std::size_t, const std::string& text) { out += text; },
            [&](std::size_t off, const std::string& ref) {
                const std::string* v = value(ref);
                if (!v) {
                    diags.error(t.text.span_at(off), base::codes::missing_field,
                                "next year's value names {" + ref + "}, which this input does not have");
                    ok = false;
                    return;
                }
                out += *v;
            });
        if (!ok) return std::nullopt;
        return out;
    }

    // This year's fiscal year as the next: 令和8年度 (or R8, 2026) gives 令和9年度.
    std::optional<std::string> advanced(const std::string& year, const std::string& label, const base::Span& rule) const {
        base::Failure failure;
        std::optional<int> y = parse::read_fiscal_year(year, failure);
        if (!y) {
            diags.error(rule, failure.code, label + ": '" + year + "' cannot be moved on to next year: " + failure.message);
            return std::nullopt;
        }
        return parse::format_fiscal_year(*y + 1);
    }

    // One value (a field's text or an attribute) under its rule, into next.
    void apply(const NextYearRule& rule, const std::string& path, const std::string& label, const base::Span& rule_at,
               FormValues& next) const {
        const FormValues& own = sheet ? *sheet : shared;
        auto found = own.text.find(path);
        const std::string* was = found == own.text.end() ? nullptr : &found->second;
        if (!was || rule.kind == NextYearRule::Kind::keep) return;  // a field the input leaves out stays out
        std::optional<std::string> v;
        switch (rule.kind) {
            case NextYearRule::Kind::keep: return;
            case NextYearRule::Kind::advance: v = advanced(*was, label, rule_at); break;
            case NextYearRule::Kind::from: v = fill(*rule.from); break;
            case NextYearRule::Kind::todo:
                v = std::string();
                if (auto hint = rule.hint ? fill(*rule.hint) : std::optional<std::string>(label)) next.todo[path] = *hint;
                break;
        }
        if (v) next.text[path] = *v;
    }

    void roll(const std::vector<FieldSpec>& specs, const std::string& prefix, FormValues& next) const {
        for (const FieldSpec& spec : specs) {
            const std::string path = prefix + spec.name;
            if (spec.kind == FieldSpec::Kind::group) roll(spec.children, path + "/", next);
            if (spec.kind != FieldSpec::Kind::text) continue;
            apply(spec.next_year, path, spec.label, rule_span(spec.next_year), next);
            for (const FieldSpec::Attribute& a : spec.attributes) {
                apply(a.next_year, path + "/@" + a.name, a.label, rule_span(a.next_year), next);
            }
        }
    }

    static base::Span rule_span(const NextYearRule& rule) {
        if (rule.from) return rule.from->span;
        if (rule.hint) return rule.hint->span;
        return {};
    }
};

}  // namespace

parse::FormDocument next_year_values(const parse::FormDocument& now, const parse::DataSchema& schema,
                                     base::Diagnostics& diags) {
    parse::FormDocument next = now;
    Roller shared{now.shared, nullptr, diags};
    shared.roll(schema.shared, "", next.shared);
    for (std::size_t i = 0; i < now.sheets.size(); ++i) {
        Roller sheet{now.shared, &now.sheets[i].values, diags};
        sheet.roll(schema.per_sheet, "", next.sheets[i].values);
    }
    return next;
}

}  // namespace yoshiki::import
