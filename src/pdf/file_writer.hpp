// A PDF file's frame around its objects (PDF 32000-1, 7.5): the header, the objects, object
// streams (7.5.7) and the cross-reference stream (7.5.8) that carries the trailer. Who makes the
// objects does not matter here: the document writer hands over libharu's (src/write), a
// signature's incremental update its own (src/sign). Object streams and a compressed cross-
// reference are what libharu cannot write; they make a tagged file of many small structure
// elements a fraction of its size.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace yoshiki::pdf {

// An indirect object as bytes: its body is what lies between "N 0 obj" and "endobj".
struct WrittenObject {
    int number = 0;
    std::string body;
    bool stream = false;  // a stream stays an object of the file's own; any other may be packed
};

// Where a reader finds an object (7.5.8.3): at an offset of the file, or as the index-th object
// of an object stream.
struct XrefEntry {
    int number = 0;
    bool packed = false;
    long long offset = 0;  // packed: the number of the object stream that holds it
    int index = 0;         // packed: its place in that stream; else its generation
};

// Appends to `out` the cross-reference stream numbered `number`: the entries (its own is
// added), the file's /Size, and the trailer's entries ("/Root 1 0 R /Info 2 0 R /ID […]", with
// /Prev when it updates an earlier section); then startxref and %%EOF. first_section: the
// entries describe a whole file, and object 0 heads the free list.
void append_xref_stream(std::string& out, int number, std::vector<XrefEntry> entries, int size,
                        std::string_view trailer, bool first_section);

// How many objects an object stream holds at most: a reader inflates a whole stream to reach one
// of them, and deflate finds little more to share past a few hundred.
constexpr std::size_t objects_per_stream = 200;

// A whole file: the header of `version` ("1.7") with its binary comment, the streams as objects
// of their own, every other object packed into object streams, and a cross-reference stream with
// the trailer's entries. The objects' numbers run from 1 without a gap; the object streams and
// the cross-reference stream take the numbers after them. Deterministic: the same objects give
// the same bytes.
std::string write_file(std::string_view version, const std::vector<WrittenObject>& objects, std::string_view trailer);

}  // namespace yoshiki::pdf
