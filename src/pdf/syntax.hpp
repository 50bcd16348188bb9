// Values written as PDF syntax (PDF 32000-1, 7.3), for the objects yoshiki appends itself.
#pragma once

#include <functional>
#include <string>

#include "pdf/object.hpp"

namespace yoshiki::pdf {

// How a reference is written: "12 0 R" for the object a Ref's index names.
using RefText = std::function<std::string(std::size_t index)>;

// A value as PDF syntax: "<< /Type /Font /W [ 1 [ 500 ] ] >>".
std::string syntax(const Value& value, const RefText& ref);
// An indirect object's body: the dictionary, or a stream with its dictionary, /Length and data.
std::string body(const Object& object, const RefText& ref);

}  // namespace yoshiki::pdf
