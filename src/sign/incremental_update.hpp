// An incremental update (PDF 32000-1, 7.5.6): new objects, and new versions of old ones, appended
// to a file with a cross-reference section of their own and a trailer that points back at the
// previous one. The bytes before it are untouched, so every earlier signature stays valid. QPDF
// rewrites whole files and cannot do this; the syntax written here is small and fixed.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "read/pdf_file.hpp"

namespace yoshiki::sign {

class IncrementalUpdate {
public:
    // next_object: the file's /Size, the first number free for new objects.
    IncrementalUpdate(std::string_view original, int next_object) : original_(original), next_(next_object) {}

    // A number for a new object.
    read::ObjectRef add() { return read::ObjectRef{next_++, 0}; }
    // The object's body: a dictionary "<< … >>", or a stream as stream_object() writes it.
    void put(const read::ObjectRef& ref, std::string body) { objects_[ref.number] = Entry{ref.generation, std::move(body), 0, 0}; }

    // The whole file: the original, the objects, their cross-reference section (a stream when the
    // file's last one is, a table when it is a table) and the trailer.
    // trailer: its entries besides /Size and /Prev ("/Root 1 0 R /Info 3 0 R /ID […]").
    std::string finish(const std::string& trailer, long long previous_xref);
    // Where an object's body starts in what finish() returned.
    long long body_offset(const read::ObjectRef& ref) const { return objects_.at(ref.number).offset; }
    int size() const { return next_; }

private:
    struct Entry {
        int generation = 0;
        std::string body;
        long long start = 0, offset = 0;  // of the object and of its body, once written
    };
    std::string_view original_;
    int next_;
    std::map<int, Entry> objects_;
};

// A stream object's body: its dictionary entries (without << >>, /Length added) and its data.
std::string stream_object(const std::string& entries, std::string_view data);

}  // namespace yoshiki::sign
