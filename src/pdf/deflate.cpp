#include "pdf/deflate.hpp"

#include <zlib.h>

#include <stdexcept>

namespace yoshiki::pdf {

static_assert(default_compression == Z_DEFAULT_COMPRESSION && best_compression == Z_BEST_COMPRESSION);

// zlib's largest memory level (a bigger hash table, 256 KB more while compressing) finds more
// matches at every level.
std::string deflate(std::string_view in, int level) {
    z_stream z{};
    if (deflateInit2(&z, level, Z_DEFLATED, 15, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("zlib: cannot start compressing");
    }
    std::string out(deflateBound(&z, static_cast<uLong>(in.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    int status = ::deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (status != Z_STREAM_END) throw std::runtime_error("zlib: cannot compress a stream");
    return out;
}

}  // namespace yoshiki::pdf
