#include "pdf/syntax.hpp"

namespace yoshiki::pdf {

namespace {

struct Writer {
    const RefText& ref;
    std::string out;

    void entries(const Dict& dict) {
        for (const Entry& e : dict) {
            out += " /" + e.key + " ";
            value(e.value);
        }
    }
    void value(const Value& v) {
        if (const auto* n = std::get_if<long long>(&v.v)) {
            out += std::to_string(*n);
        } else if (const auto* name = std::get_if<Name>(&v.v)) {
            out += "/" + name->text;
        } else if (const auto* s = std::get_if<String>(&v.v)) {
            out += "(" + s->bytes + ")";
        } else if (const auto* a = std::get_if<Array>(&v.v)) {
            out += "[";
            for (const Value& item : *a) {
                out += " ";
                value(item);
            }
            out += " ]";
        } else if (const auto* d = std::get_if<Dict>(&v.v)) {
            out += "<<";
            entries(*d);
            out += " >>";
        } else {
            out += ref(std::get<Ref>(v.v).index);
        }
    }
};

}  // namespace

std::string syntax(const Value& value, const RefText& ref) {
    Writer w{ref, {}};
    w.value(value);
    return std::move(w.out);
}

std::string body(const Object& object, const RefText& ref) {
    Writer w{ref, {}};
    if (!object.stream) {
        w.value(object.dict);
        return std::move(w.out);
    }
    w.out = "<< /Filter /FlateDecode /Length " + std::to_string(object.deflated.size());
    w.entries(object.dict);
    w.out += " >>\nstream\n";
    w.out += object.deflated;
    w.out += "\nendstream";
    return std::move(w.out);
}

}  // namespace yoshiki::pdf
