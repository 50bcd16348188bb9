#include "sign/incremental_update.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "pdf/file_writer.hpp"


namespace yoshiki::sign {

std::string IncrementalUpdate::finish(const std::string& trailer, long long previous_xref) {
    std::string out(original_);
    // The update starts on a line of its own, whatever ends the file before it.
    if (!out.empty() && out.back() != '\n' && out.back() != '\r') out += '\n';
    for (auto& [number, e] : objects_) {
        e.start = static_cast<long long>(out.size());
        out += std::to_string(number) + " " + std::to_string(e.generation) + " obj\n";
        e.offset = static_cast<long long>(out.size());
        out += e.body;
        out += "\nendobj\n";
    }
    // A file whose last section is a cross-reference stream is updated with one (7.5.8.4): a
    // reader of such files need not know the older table form.
    const std::size_t section = std::min(original_.size(), static_cast<std::size_t>(std::max(0LL, previous_xref)));
    if (original_.substr(section, 4) != "xref") {
        std::vector<pdf::XrefEntry> entries;
        for (const auto& [number, e] : objects_) entries.push_back({number, false, e.start, e.generation});
        const int number = next_;
        pdf::append_xref_stream(out, number, std::move(entries), number + 1, trailer + " /Prev " + std::to_string(previous_xref), false);
        return out;
    }
    // One subsection per run of consecutive numbers; each entry exactly 20 bytes (7.5.4).
    long long xref = static_cast<long long>(out.size());
    out += "xref\n";
    for (auto it = objects_.begin(); it != objects_.end();) {
        auto end = it;
        int count = 0;
        while (end != objects_.end() && end->first == it->first + count) ++end, ++count;
        out += std::to_string(it->first) + " " + std::to_string(count) + "\n";
        for (; it != end; ++it) {
            char entry[24];
            std::snprintf(entry, sizeof entry, "%010lld %05d n\r\n", it->second.start, it->second.generation);
            out += entry;
        }
    }
    out += "trailer\n<< /Size " + std::to_string(next_) + " " + trailer + " /Prev " + std::to_string(previous_xref) + " >>\n";
    out += "startxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return out;
}

std::string stream_object(const std::string& entries, std::string_view data) {
    std::string out = "<< " + entries + " /Length " + std::to_string(data.size()) + " >>\nstream\n";
    out.append(data);
    out += "\nendstream";
    return out;
}

}  // namespace yoshiki::sign
