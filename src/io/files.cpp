#include <tuple>

#include "base/limits.hpp"
#include "io/files.hpp"

namespace yoshiki::io {

const char* file_kind(Use use) {
    switch (use) {
        case Use::input: return "input file";
        case Use::layout: return "layout file";
        case Use::font: return "font file";
        case Use::image: return "image file";
        case Use::archived: return "archived file";
        case Use::pdf: return "PDF";
        case Use::key: return "key file";
        case Use::password: return "password file";
        case Use::certificates: return "certificate file";
    }
    return "file";
}

std::size_t size_limit(Use use) {
    switch (use) {
        case Use::font: return base::limits::max_font_bytes;
        case Use::archived: return base::limits::max_archived_bytes;
        case Use::pdf: return base::limits::max_pdf_bytes;
        default: return base::limits::max_file_bytes;
    }
}

Failure too_large(Use use, std::uint64_t size) {
    return Failure{base::codes::file_too_large, "larger than " + std::to_string(size_limit(use) >> 20) + " MiB (" +
                                                    std::to_string(size) + " bytes)"};
}

bool FileIdentity::operator<(const FileIdentity& o) const {
    return std::tie(in_memory, device, inode, size, mtime_ns) < std::tie(o.in_memory, o.device, o.inode, o.size, o.mtime_ns);
}

bool FileIdentity::operator==(const FileIdentity& o) const {
    return std::tie(in_memory, device, inode, size, mtime_ns) == std::tie(o.in_memory, o.device, o.inode, o.size, o.mtime_ns);
}

}  // namespace yoshiki::io
