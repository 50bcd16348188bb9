// The PDF vocabulary as plain values (PDF 32000-1, 7.3): what an object is, apart from who writes
// it. A part of a document described once here (a font's dictionaries) is written by libharu in a
// new document (src/write) and as text in an incremental update (src/sign), the same either way.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace yoshiki::pdf {

struct Value;
struct Entry;
using Array = std::vector<Value>;
using Dict = std::vector<Entry>;  // in the order written: a file reads the same each time

struct Name {
    std::string text;  // without the slash
};
// A literal string of printable ASCII ("Adobe"); text strings are not values yet.
struct String {
    std::string bytes;
};
// A reference to another object of the same ObjectList, by its index there.
struct Ref {
    std::size_t index = 0;
};

struct Value {
    std::variant<long long, Name, String, Array, Dict, Ref> v;
    Value(long long n) : v(n) {}  // NOLINT: a number reads as a number
    Value(int n) : v(static_cast<long long>(n)) {}
    Value(Name n) : v(std::move(n)) {}
    Value(String s) : v(std::move(s)) {}
    Value(Array a) : v(std::move(a)) {}
    Value(Dict d) : v(std::move(d)) {}
    Value(Ref r) : v(r) {}
};

struct Entry {
    std::string key;  // without the slash
    Value value;
};

// An indirect object: a dictionary, or a stream of deflated data (whose /Filter /FlateDecode and
// /Length the writer adds, before the dictionary's own entries).
struct Object {
    Dict dict;
    bool stream = false;
    std::string deflated;
};
using ObjectList = std::vector<Object>;

}  // namespace yoshiki::pdf
