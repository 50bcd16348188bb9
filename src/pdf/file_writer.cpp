#include "pdf/file_writer.hpp"

#include <algorithm>
#include <stdexcept>

#include "pdf/deflate.hpp"

namespace yoshiki::pdf {

namespace {

// The bytes a field of `width` bytes holds, most significant first.
void put_field(std::string& row, unsigned long long v, int width) {
    for (int shift = (width - 1) * 8; shift >= 0; shift -= 8) row += static_cast<char>((v >> shift) & 0xFF);
}

int width_of(unsigned long long v) {
    int w = 1;
    while (w < 8 && (v >> (8 * w)) != 0) ++w;
    return w;
}

// The rows under the PNG "Up" predictor (7.4.4.4, /Predictor 12): each byte less the one above
// it. Offsets that grow row by row become runs of small numbers, which deflate shrinks to a third.
std::string predicted(const std::string& rows, std::size_t columns) {
    std::string out;
    out.reserve(rows.size() + rows.size() / columns);
    for (std::size_t at = 0; at < rows.size(); at += columns) {
        out += '\x02';
        for (std::size_t i = 0; i < columns; ++i) {
            const unsigned char above = at == 0 ? 0 : static_cast<unsigned char>(rows[at - columns + i]);
            out += static_cast<char>(static_cast<unsigned char>(rows[at + i]) - above);
        }
    }
    return out;
}

// "/Index [0 12 40 3]": the runs of consecutive numbers the sorted entries cover.
std::string index_of(const std::vector<XrefEntry>& entries) {
    std::string out = "/Index [";
    for (std::size_t i = 0; i < entries.size();) {
        std::size_t j = i + 1;
        while (j < entries.size() && entries[j].number == entries[j - 1].number + 1) ++j;
        out += (i == 0 ? "" : " ") + std::to_string(entries[i].number) + " " + std::to_string(j - i);
        i = j;
    }
    return out + "]";
}

void append_object(std::string& out, int number, std::string_view body) {
    out += std::to_string(number);
    out += " 0 obj\n";
    out += body;
    out += "\nendobj\n";
}

// An object stream (7.5.7) of the objects [from, to): the pairs of number and offset, then the
// objects, one per line.
// Deflated at zlib's default level: the structure elements of a tagged department are most of
// what it packs, and the best level costs a third more time for 1 % less (100 sheets: 71 ms and
// 489 KB written at the default, 80 ms and 485 KB at the best, 63 ms and 510 KB at level 1).
std::string object_stream(const std::vector<const WrittenObject*>& packed, std::size_t from, std::size_t to) {
    std::string pairs, bodies;
    for (std::size_t i = from; i < to; ++i) {
        pairs += std::to_string(packed[i]->number) + " " + std::to_string(bodies.size()) + (i + 1 < to ? " " : "\n");
        bodies += packed[i]->body;
        bodies += '\n';
    }
    const std::string data = deflate(pairs + bodies);
    return "<< /Type /ObjStm /N " + std::to_string(to - from) + " /First " + std::to_string(pairs.size()) +
           " /Filter /FlateDecode /Length " + std::to_string(data.size()) + " >>\nstream\n" + data + "\nendstream";
}

}  // namespace

void append_xref_stream(std::string& out, int number, std::vector<XrefEntry> entries, int size,
                        std::string_view trailer, bool first_section) {
    const long long at = static_cast<long long>(out.size());
    entries.push_back({number, false, at, 0});
    if (first_section) entries.push_back({0, false, 0, 0});
    std::sort(entries.begin(), entries.end(), [](const XrefEntry& a, const XrefEntry& b) { return a.number < b.number; });
    unsigned long long largest = 0;
    for (const XrefEntry& e : entries) largest = std::max(largest, static_cast<unsigned long long>(e.offset));
    const int w2 = width_of(largest);
    std::string rows;
    for (const XrefEntry& e : entries) {
        const bool free_head = first_section && e.number == 0;
        rows += free_head ? '\0' : e.packed ? '\x02' : '\x01';
        put_field(rows, free_head ? 0 : static_cast<unsigned long long>(e.offset), w2);
        put_field(rows, free_head ? 65535 : static_cast<unsigned>(e.index), 2);
    }
    const std::size_t columns = static_cast<std::size_t>(1 + w2 + 2);
    const std::string data = deflate(predicted(rows, columns), best_compression);
    std::string dict = "<< /Type /XRef /Size " + std::to_string(size) + " " + index_of(entries) + " /W [1 " +
                       std::to_string(w2) + " 2] ";
    dict += trailer;
    dict += " /Filter /FlateDecode /DecodeParms << /Columns " + std::to_string(columns) + " /Predictor 12 >> /Length " +
            std::to_string(data.size()) + " >>\nstream\n" + data + "\nendstream";
    append_object(out, number, dict);
    out += "startxref\n" + std::to_string(at) + "\n%%EOF\n";
}

std::string write_file(std::string_view version, const std::vector<WrittenObject>& objects, std::string_view trailer) {
    std::string out = "%PDF-";
    out += version;
    out += "\n%\xB7\xBE\xAD\xAA\n";  // bytes above 127: a transfer program sees binary data (7.5.2)
    std::vector<XrefEntry> entries;
    std::vector<const WrittenObject*> packed;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        const WrittenObject& o = objects[i];
        if (o.number != static_cast<int>(i) + 1) throw std::logic_error("the objects of a file are numbered from 1 without a gap");
        if (!o.stream) {
            packed.push_back(&o);
            continue;
        }
        entries.push_back({o.number, false, static_cast<long long>(out.size()), 0});
        append_object(out, o.number, o.body);
    }
    int next = static_cast<int>(objects.size()) + 1;
    for (std::size_t from = 0; from < packed.size(); from += objects_per_stream) {
        const std::size_t to = std::min(packed.size(), from + objects_per_stream);
        const int stream = next++;
        for (std::size_t i = from; i < to; ++i) entries.push_back({packed[i]->number, true, stream, static_cast<int>(i - from)});
        entries.push_back({stream, false, static_cast<long long>(out.size()), 0});
        append_object(out, stream, object_stream(packed, from, to));
    }
    const int xref = next++;
    append_xref_stream(out, xref, std::move(entries), next, trailer, true);
    return out;
}

}  // namespace yoshiki::pdf
