#include "parse/form_writer.hpp"

#include <set>
#include <sstream>

#include "base/xml_escape.hpp"

namespace yoshiki::parse {

namespace {

bool blank(const char* s) {
    for (; *s; ++s) {
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n') return false;
    }
    return true;
}

// A value folds line breaks to spaces anyway; written as spaces, the attribute reads the same.
std::string escape_attribute(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '"') out += "&quot;";
        else if (c == '\n' || c == '\r' || c == '\t') out += ' ';
        else out += c;
    }
    return out;
}

const char* block_element(FormBlock::Kind kind) {
    switch (kind) {
        case FormBlock::Kind::paragraph: return "p";
        case FormBlock::Kind::item: return "item";
        case FormBlock::Kind::list: return "list";
    }
    return "p";
}

bool is_block_element(pugi::xml_node n) {
    if (n.type() != pugi::node_element) return false;
    std::string name = n.name();
    return name == "p" || name == "item" || name == "list";
}

pugi::xml_node child_element(pugi::xml_node parent, const std::string& name) {
    for (pugi::xml_node c : parent.children()) {
        if (c.type() == pugi::node_element && name == c.name()) return c;
    }
    return {};
}

// The last of a list's items: the next field is written after all of them.
pugi::xml_node last_child_element(pugi::xml_node parent, const std::string& name) {
    pugi::xml_node last;
    for (pugi::xml_node c : parent.children()) {
        if (c.type() == pugi::node_element && name == c.name()) last = c;
    }
    return last;
}

template <typename Map>
const typename Map::mapped_type* find(const Map& map, const std::string& key) {
    auto it = map.find(key);
    return it == map.end() ? nullptr : &it->second;
}

// The document as written (pugixml without reference decoding, with white space and comments),
// changed in place and saved without escaping: what was not touched comes out as it went in.
class Writer {
public:
    explicit Writer(const std::string& text) {
        const unsigned flags = pugi::parse_declaration | pugi::parse_comments | pugi::parse_ws_pcdata | pugi::parse_cdata |
                               pugi::parse_fragment | pugi::parse_pi;
        ok_ = doc_.load_buffer(text.data(), text.size(), flags, pugi::encoding_utf8);
        if (text.find("\r\n") != std::string::npos) newline_ = "\r\n";
        detect_indent_unit();
        keep_instructions_as_written(doc_, text);
    }

    bool ok() const { return ok_; }
    bool changed() const { return changed_; }
    pugi::xml_node root() const { return doc_.document_element(); }

    std::string save(bool bom, bool declare_utf8) {
        if (declare_utf8) {
            for (pugi::xml_node n : doc_.children()) {
                if (n.type() == pugi::node_declaration) {
                    pugi::xml_attribute e = n.attribute("encoding");
                    if (e) e.set_value("UTF-8");
                }
            }
        }
        quote_attributes(doc_);
        std::ostringstream out;
        unsigned flags = pugi::format_raw | pugi::format_no_escapes | pugi::format_no_declaration;
        if (bom) flags |= pugi::format_write_bom;
        doc_.save(out, "", flags, pugi::encoding_utf8);
        return out.str();
    }

    void apply_scope(pugi::xml_node parent, const std::vector<FieldSpec>& specs, const std::string& prefix,
                     const FormValues& now, const FormValues* before, bool fresh) {
        pugi::xml_node previous;  // the element of the last field so far, where the next one goes after
        for (const FieldSpec& spec : specs) {
            const std::string path = prefix + spec.name;
            pugi::xml_node e = child_element(parent, spec.name);
            switch (spec.kind) {
                case FieldSpec::Kind::group:
                    if (!e && (fresh || holds_values(spec.children, path + "/", now))) {
                        e = place(parent, previous, spec.name);
                        apply_scope(e, spec.children, path + "/", now, nullptr, true);
                    } else if (e) {
                        apply_scope(e, spec.children, path + "/", now, before, false);
                    }
                    break;
                case FieldSpec::Kind::text: e = apply_text(parent, previous, e, spec, path, now, before, fresh); break;
                case FieldSpec::Kind::blocks: e = apply_blocks(parent, previous, e, spec, path, now, before, fresh); break;
                case FieldSpec::Kind::list: e = last_child_element(parent, spec.name); break;  // kept as written
            }
            if (e) previous = e;
        }
    }

    void apply_sheets(const DataSchema& schema, const FormDocument& form, const FormDocument& before) {
        pugi::xml_node r = root();
        std::vector<pugi::xml_node> slots;
        for (pugi::xml_node c : r.children()) {
            if (c.type() == pugi::node_element && schema.sheet == c.name()) slots.push_back(c);
        }
        // A sheet of the file may be taken once; an origin out of range or taken already makes a
        // new sheet (the values are all there; only what the form does not show is not copied).
        std::set<int> taken;
        std::vector<std::optional<int>> origins;
        for (const FormSheet& s : form.sheets) {
            std::optional<int> o = s.origin;
            if (o && (*o < 0 || *o >= static_cast<int>(slots.size()) || !taken.insert(*o).second)) o.reset();
            origins.push_back(o);
        }
        // The sheets fill the places of the file's sheets in the new order; comments and white
        // space between them stay where they are.
        std::string separator = slots.empty() ? std::string() : whitespace_before(slots.back());
        if (separator.empty()) separator = indent(1);
        std::vector<pugi::xml_node> removed;
        pugi::xml_node last = slots.empty() ? last_element(r) : slots.back();
        for (std::size_t i = 0; i < form.sheets.size(); ++i) {
            const FormValues& values = form.sheets[i].values;
            const std::optional<int>& o = origins[i];
            if (i < slots.size() && o && *o == static_cast<int>(i)) {
                apply_scope(slots[i], schema.per_sheet, "", values, &before.sheets[i].values, false);
                last = slots[i];
                continue;
            }
            pugi::xml_node sheet;
            if (i < slots.size()) {
                sheet = o ? r.insert_copy_after(slots[*o], slots[i]) : r.insert_child_after(schema.sheet.c_str(), slots[i]);
                removed.push_back(slots[i]);
            } else if (last) {
                pugi::xml_node gap = r.insert_child_after(pugi::node_pcdata, last);
                gap.set_value(separator.c_str());
                sheet = o ? r.insert_copy_after(slots[*o], gap) : r.insert_child_after(schema.sheet.c_str(), gap);
            } else {
                sheet = place(r, {}, schema.sheet);  // a root without elements: no sheet to copy either
            }
            changed_ = true;
            apply_scope(sheet, schema.per_sheet, "", values, o ? &before.sheets[*o].values : nullptr, !o);
            last = sheet;
        }
        for (std::size_t i = form.sheets.size(); i < slots.size(); ++i) remove(slots[i]);
        for (pugi::xml_node n : removed) {
            r.remove_child(n);
            changed_ = true;
        }
    }

private:
    void detect_indent_unit() {
        pugi::xml_node r = root();
        if (!r) return;
        for (pugi::xml_node c : r.children()) {
            if (c.type() != pugi::node_pcdata || !blank(c.value())) continue;
            std::string ws = c.value();
            std::size_t nl = ws.rfind('\n');
            if (nl != std::string::npos && nl + 1 < ws.size()) unit_ = ws.substr(nl + 1);
            return;
        }
    }

    // pugixml writes a processing instruction as its target, one space and its text: two spaces,
    // a tab or a line end after the target would change in a file the editor saves. Taken whole
    // as its target, with no text, each is written as it was read (the writer reads no target).
    static void keep_instructions_as_written(pugi::xml_node n, const std::string& text) {
        for (pugi::xml_node c : n.children()) {
            if (c.type() == pugi::node_element) keep_instructions_as_written(c, text);
            if (c.type() != pugi::node_pi || c.offset_debug() < 0) continue;
            const auto at = static_cast<std::size_t>(c.offset_debug());
            const std::size_t end = text.find("?>", at);
            if (end == std::string::npos) continue;
            c.set_name(text.substr(at, end - at).c_str());
            c.set_value("");
        }
    }

    static int depth(pugi::xml_node n) {
        int d = -1;
        for (; n && n.type() == pugi::node_element; n = n.parent()) ++d;
        return d;
    }

    std::string indent(int level) const {
        std::string s = newline_;
        for (int i = 0; i < level; ++i) s += unit_;
        return s;
    }

    static std::string whitespace_before(pugi::xml_node n) {
        pugi::xml_node p = n.previous_sibling();
        return p && p.type() == pugi::node_pcdata && blank(p.value()) ? p.value() : std::string();
    }

    static pugi::xml_node last_element(pugi::xml_node parent) {
        pugi::xml_node last;
        for (pugi::xml_node c : parent.children()) {
            if (c.type() == pugi::node_element) last = c;
        }
        return last;
    }

    static bool has_element_children(pugi::xml_node n) { return n.find_child([](pugi::xml_node c) { return c.type() == pugi::node_element; }); }

    // A new element named name in parent: after `after`, or before the first element when after
    // is null, on a line of its own at its depth.
    pugi::xml_node place(pugi::xml_node parent, pugi::xml_node after, const std::string& name) {
        changed_ = true;
        const int level = depth(parent) + 1;
        if (!has_element_children(parent)) {
            // White space alone (an empty element written on two lines) is replaced.
            while (pugi::xml_node c = parent.find_child([](pugi::xml_node x) { return x.type() == pugi::node_pcdata && blank(x.value()); })) {
                parent.remove_child(c);
            }
            parent.append_child(pugi::node_pcdata).set_value(indent(level).c_str());
            pugi::xml_node e = parent.append_child(name.c_str());
            parent.append_child(pugi::node_pcdata).set_value(indent(level - 1).c_str());
            return e;
        }
        // Between its neighbours as they are spaced: on a line of its own, or inline among
        // elements written inline (<list><item>…</item><item>…</item></list>).
        if (after) {
            std::string gap = whitespace_before(after);
            if (gap.empty()) return parent.insert_child_after(name.c_str(), after);
            pugi::xml_node space = parent.insert_child_after(pugi::node_pcdata, after);
            space.set_value(gap.c_str());
            return parent.insert_child_after(name.c_str(), space);
        }
        pugi::xml_node first = parent.find_child([](pugi::xml_node c) { return c.type() == pugi::node_element; });
        pugi::xml_node e = parent.insert_child_before(name.c_str(), first);
        std::string gap = whitespace_before(e);
        if (!gap.empty()) parent.insert_child_before(pugi::node_pcdata, first).set_value(gap.c_str());
        return e;
    }

    // Removes an element with the white space that leads to it.
    void remove(pugi::xml_node n) {
        pugi::xml_node parent = n.parent();
        pugi::xml_node p = n.previous_sibling();
        if (p && p.type() == pugi::node_pcdata && blank(p.value())) parent.remove_child(p);
        parent.remove_child(n);
        changed_ = true;
    }

    // Replaces an element's text, keeping the comments inside it.
    void set_text(pugi::xml_node e, const std::string& text) {
        for (pugi::xml_node c = e.first_child(); c;) {
            pugi::xml_node next = c.next_sibling();
            if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) e.remove_child(c);
            c = next;
        }
        if (!text.empty()) e.append_child(pugi::node_pcdata).set_value(base::xml_escape(text).c_str());
        changed_ = true;
    }

    static bool holds_values(const std::vector<FieldSpec>& specs, const std::string& prefix, const FormValues& now) {
        for (const FieldSpec& spec : specs) {
            const std::string path = prefix + spec.name;
            if (spec.kind == FieldSpec::Kind::group) {
                if (holds_values(spec.children, path + "/", now)) return true;
                continue;
            }
            if (const auto* t = find(now.text, path); t && !folded(*t).empty()) return true;
            if (const auto* b = find(now.blocks, path); b && !b->empty()) return true;
            for (const auto& a : spec.attributes) {
                if (const auto* t = find(now.text, path + "/@" + a.name); t && !folded(*t).empty()) return true;
            }
        }
        return false;
    }

    // A value the form has for path and the file had differently (or did not have).
    static bool differs(const std::string& now, const FormValues* before, const std::string& path) {
        const std::string* was = before ? find(before->text, path) : nullptr;
        return !was || folded(now) != *was;
    }

    pugi::xml_node apply_text(pugi::xml_node parent, pugi::xml_node previous, pugi::xml_node e, const FieldSpec& spec,
                              const std::string& path, const FormValues& now, const FormValues* before, bool fresh) {
        const std::string* text = find(now.text, path);
        bool any_value = text && !folded(*text).empty();
        for (const auto& a : spec.attributes) {
            if (const auto* t = find(now.text, path + "/@" + a.name); t && !folded(*t).empty()) any_value = true;
        }
        if (!e) {
            // An optional field left empty is not written; a required one is, in a new sheet, so
            // that the file shows what is still to be filled in.
            if (!any_value && !(fresh && spec.required)) return e;
            e = place(parent, previous, spec.name);
        } else if (!any_value && !spec.required && text && differs(*text, before, path)) {
            remove(e);
            return {};
        }
        const bool text_changed = text && differs(*text, before, path);
        if (text_changed) set_text(e, *text);
        apply_todo(e, path, now, text_changed);
        static const std::string nothing;
        for (const auto& a : spec.attributes) {
            const std::string* value = find(now.text, path + "/@" + a.name);
            if (!value && !fresh) continue;
            if (!value) value = &nothing;
            pugi::xml_attribute xa = e.attribute(a.name.c_str());
            if (xa && !differs(*value, before, path + "/@" + a.name)) continue;
            // An optional attribute left empty goes; a required one stays (or, in a new sheet, is
            // written) empty, to be reported at its place.
            if (folded(*value).empty() && (!a.required || !(xa || fresh))) {
                if (xa) {
                    e.remove_attribute(xa);
                    changed_ = true;
                }
                continue;
            }
            if (!xa) xa = e.append_attribute(a.name.c_str());
            xa.set_value(escape_attribute(*value).c_str());
            changed_ = true;
        }
        return e;
    }

    // The todo mark: written where the form asks for it; taken away when the value it asked for
    // was written (a clerk who changes a value marked to do has done it).
    void apply_todo(pugi::xml_node e, const std::string& path, const FormValues& now, bool text_changed) {
        pugi::xml_attribute xa = e.attribute(todo_attribute);
        if (const std::string* hint = find(now.todo, path)) {
            if (xa && folded(xa.value()) == folded(*hint)) return;
            if (!xa) xa = e.append_attribute(todo_attribute);
            xa.set_value(escape_attribute(*hint).c_str());
            changed_ = true;
        } else if (xa && text_changed) {
            e.remove_attribute(xa);
            changed_ = true;
        }
    }

    pugi::xml_node apply_blocks(pugi::xml_node parent, pugi::xml_node previous, pugi::xml_node e, const FieldSpec& spec,
                                const std::string& path, const FormValues& now, const FormValues* before, bool fresh) {
        static const std::vector<FormBlock> none;
        const std::vector<FormBlock>* blocks = find(now.blocks, path);
        if (!blocks && !fresh) return e;  // not sent: left as it is
        if (!blocks) blocks = &none;
        const std::vector<FormBlock>* was = before ? find(before->blocks, path) : nullptr;
        if (!e) {
            if (blocks->empty() && !(fresh && spec.required)) return e;
            e = place(parent, previous, spec.name);
            was = &none;
        } else if (blocks->empty() && !spec.required) {
            remove(e);
            return {};
        }
        if (!was || *was != *blocks) rewrite_blocks(e, *blocks, was ? *was : none);
        return e;
    }

    pugi::xml_node add_block(pugi::xml_node parent, pugi::xml_node after, const FormBlock& b) {
        pugi::xml_node e = place(parent, after, block_element(b.kind));
        if (b.kind != FormBlock::Kind::list) {
            set_text(e, b.text);
            return e;
        }
        if (!b.numbering.empty()) e.append_attribute("numbering").set_value(escape_attribute(b.numbering).c_str());
        pugi::xml_node last;
        for (const std::string& item : b.items) {
            last = place(e, last, "item");
            set_text(last, item);
        }
        return e;
    }

    void update_list(pugi::xml_node list, const FormBlock& now, const FormBlock& was) {
        if (now.numbering != was.numbering) {
            pugi::xml_attribute a = list.attribute("numbering");
            if (now.numbering.empty()) {
                if (a) list.remove_attribute(a);
            } else {
                if (!a) a = list.append_attribute("numbering");
                a.set_value(escape_attribute(now.numbering).c_str());
            }
            changed_ = true;
        }
        std::vector<pugi::xml_node> items;
        for (pugi::xml_node c : list.children()) {
            if (c.type() == pugi::node_element && std::string(c.name()) == "item") items.push_back(c);
        }
        pugi::xml_node last = items.empty() ? pugi::xml_node() : items.back();
        for (std::size_t i = 0; i < now.items.size(); ++i) {
            if (i < items.size()) {
                if (i >= was.items.size() || folded(now.items[i]) != was.items[i]) set_text(items[i], now.items[i]);
            } else {
                last = place(list, last, "item");
                set_text(last, now.items[i]);
            }
        }
        for (std::size_t i = now.items.size(); i < items.size(); ++i) remove(items[i]);
    }

    // The elements of a block field, changed place by place: a paragraph that stays a paragraph
    // keeps its element (and the comments around it); one that became a list is replaced.
    void rewrite_blocks(pugi::xml_node e, const std::vector<FormBlock>& now, const std::vector<FormBlock>& was) {
        std::vector<pugi::xml_node> elements;
        for (pugi::xml_node c : e.children()) {
            if (is_block_element(c)) elements.push_back(c);
        }
        if (!has_element_children(e)) {
            // Written as plain text: one paragraph stays plain text.
            if (!was.empty() && now.size() == 1 && now[0].kind == FormBlock::Kind::paragraph) {
                set_text(e, now[0].text);
                return;
            }
            set_text(e, "");
        }
        pugi::xml_node last = elements.empty() ? pugi::xml_node() : elements.back();
        for (std::size_t i = 0; i < now.size(); ++i) {
            if (i >= elements.size()) {
                last = add_block(e, last, now[i]);
                continue;
            }
            const FormBlock* before = i < was.size() ? &was[i] : nullptr;
            if (before && before->kind == now[i].kind) {
                if (now[i].kind == FormBlock::Kind::list) update_list(elements[i], now[i], *before);
                else if (folded(now[i].text) != before->text) set_text(elements[i], now[i].text);
                continue;
            }
            pugi::xml_node added = add_block(e, elements[i], now[i]);
            if (last == elements[i]) last = added;
            remove(elements[i]);
        }
        for (std::size_t i = now.size(); i < elements.size(); ++i) remove(elements[i]);
    }

    // pugixml writes every attribute in double quotes: a quote kept raw from a single-quoted
    // value is written as a reference.
    static void quote_attributes(pugi::xml_node n) {
        for (pugi::xml_attribute a : n.attributes()) {
            std::string v = a.value();
            if (v.find('"') == std::string::npos) continue;
            std::string out;
            for (char c : v) out += c == '"' ? std::string("&quot;") : std::string(1, c);
            a.set_value(out.c_str());
        }
        for (pugi::xml_node c : n.children()) quote_attributes(c);
    }

    pugi::xml_document doc_;
    bool ok_ = false;
    bool changed_ = false;
    std::string newline_ = "\n";
    std::string unit_ = "  ";
};

}  // namespace

std::optional<std::string> write_form_values(const std::string& path, const std::string& bytes, const DataSchema& schema,
                                             const FormDocument& form, base::Diagnostics& diags) {
    auto file = load_xml_bytes(path, bytes, diags, "input file");
    if (!file) return std::nullopt;
    const std::string text(file->source->text());
    const FormDocument before = read_form_values(*file, schema);
    Writer writer(text);
    if (!writer.ok() || !writer.root()) {
        diags.file_error(path, base::codes::internal_error, "internal error: the file could not be read again for writing");
        return std::nullopt;
    }
    writer.apply_scope(writer.root(), schema.shared, "", form.shared, &before.shared, false);
    writer.apply_sheets(schema, form, before);
    if (!writer.changed()) return bytes;
    const bool bom = bytes.compare(0, 3, "\xEF\xBB\xBF") == 0;
    // Text that was decoded from another encoding is written in UTF-8, and declared so.
    const bool decoded = std::string_view(bytes).substr(bom ? 3 : 0) != text;
    return writer.save(bom, decoded);
}

std::string declared_as_utf8(std::string text) {
    if (text.compare(0, 5, "<?xml") != 0) return text;
    std::size_t end = text.find("?>");
    std::size_t at = text.find("encoding", 0);
    if (end == std::string::npos || at == std::string::npos || at > end) return text;
    std::size_t open = text.find_first_of("\"'", at);
    if (open == std::string::npos || open > end) return text;
    std::size_t close = text.find(text[open], open + 1);
    if (close == std::string::npos || close > end) return text;
    return text.replace(open + 1, close - open - 1, "UTF-8");
}

std::optional<std::string> with_root_status(const std::string& path, const std::string& bytes, const std::string& status,
                                            bool drop_date, base::Diagnostics& diags) {
    auto file = load_xml_bytes(path, bytes, diags, "input file");
    if (!file) return std::nullopt;
    Writer writer(std::string(file->source->text()));
    if (!writer.ok() || !writer.root()) {
        diags.file_error(path, base::codes::internal_error, "internal error: the file could not be read again for writing");
        return std::nullopt;
    }
    pugi::xml_node root = writer.root();
    pugi::xml_attribute st = root.attribute("status");
    if (!st) st = root.append_attribute("status");
    st.set_value(escape_attribute(status).c_str());
    if (drop_date) root.remove_attribute("date");
    const bool bom = bytes.compare(0, 3, "\xEF\xBB\xBF") == 0;
    return writer.save(bom, std::string_view(bytes).substr(bom ? 3 : 0) != file->source->text());
}

std::string new_form_file(const DataSchema& schema, const std::string& layout_reference, const FormDocument& form,
                          const std::string& status) {
    std::string skeleton = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + schema.root + " layout=\"" +
                           escape_attribute(layout_reference) + "\"" +
                           (status.empty() ? std::string() : " status=\"" + escape_attribute(status) + "\"") + ">\n</" +
                           schema.root + ">\n";
    base::Diagnostics ignored;
    FormDocument fresh = form;
    for (FormSheet& s : fresh.sheets) s.origin.reset();
    auto written = write_form_values("new.xml", skeleton, schema, fresh, ignored);
    return written ? *written : skeleton;
}

}  // namespace yoshiki::parse
