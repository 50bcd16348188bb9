#include "write/pdf_objects.hpp"

#include <algorithm>
#include <stdexcept>

#include "base/date.hpp"
#include "write/hpdf_internals.hpp"
#include "pdf/syntax.hpp"

namespace yoshiki::write {

namespace {

// A value in libharu's objects; a reference is the indirect object made for its index.
void* hpdf_value(HPDF_MMgr mm, const pdf::Value& v, const std::vector<HPDF_Dict>& made) {
    if (const auto* n = std::get_if<long long>(&v.v)) return HPDF_Number_New(mm, static_cast<HPDF_INT32>(*n));
    if (const auto* name = std::get_if<pdf::Name>(&v.v)) return HPDF_Name_New(mm, name->text.c_str());
    if (const auto* s = std::get_if<pdf::String>(&v.v)) return HPDF_String_New(mm, s->bytes.c_str(), nullptr);
    if (const auto* a = std::get_if<pdf::Array>(&v.v)) {
        HPDF_Array array = HPDF_Array_New(mm);
        for (const pdf::Value& item : *a) HPDF_Array_Add(array, hpdf_value(mm, item, made));
        return array;
    }
    if (const auto* d = std::get_if<pdf::Dict>(&v.v)) {
        HPDF_Dict dict = HPDF_Dict_New(mm);
        for (const pdf::Entry& e : *d) HPDF_Dict_Add(dict, e.key.c_str(), hpdf_value(mm, e.value, made));
        return dict;
    }
    return made.at(std::get<pdf::Ref>(v.v).index);
}

}  // namespace

void add_objects(HPDF_Doc doc, const pdf::ObjectList& objects, const std::vector<std::pair<std::size_t, HPDF_Dict>>& premade) {
    // Every object is made before any is filled: a reference may point forward, and libharu
    // numbers the objects in the order they are made, the list's.
    std::vector<HPDF_Dict> made;
    for (const pdf::Object& o : objects) {
        auto it = std::find_if(premade.begin(), premade.end(), [&](const auto& m) { return m.first == made.size(); });
        if (it != premade.end()) made.push_back(it->second);
        else made.push_back(o.stream ? hpdf::new_deflated_stream(doc, o.deflated) : hpdf::new_indirect_dict(doc));
    }
    HPDF_MMgr mm = hpdf::mmgr(doc);
    for (std::size_t i = 0; i < objects.size(); ++i) {
        for (const pdf::Entry& e : objects[i].dict) HPDF_Dict_Add(made[i], e.key.c_str(), hpdf_value(mm, e.value, made));
    }
}

void* text_string(HPDF_Doc doc, const std::string& utf8) {
    bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
    if (ascii) return HPDF_String_New(hpdf::mmgr(doc), utf8.c_str(), nullptr);
    std::string bytes = pdf::text_bytes(utf8);
    return HPDF_Binary_New(hpdf::mmgr(doc), reinterpret_cast<HPDF_BYTE*>(bytes.data()), static_cast<HPDF_UINT>(bytes.size()));
}

std::string pdf_date(std::int64_t seconds) { return base::utc_text(seconds, "D:%Y%m%d%H%M%SZ00'00'"); }
std::string iso_date(std::int64_t seconds) { return base::utc_text(seconds, "%Y-%m-%dT%H:%M:%SZ"); }

}  // namespace yoshiki::write
