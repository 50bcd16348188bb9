#include "serve/preview.hpp"

#include <png.h>
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <cmath>

#include "serve/input_folder.hpp"

namespace yoshiki::serve {

namespace {

void append_png_bytes(png_structp png, png_bytep data, png_size_t length) {
    auto* out = static_cast<std::string*>(png_get_io_ptr(png));
    out->append(reinterpret_cast<const char*>(data), length);
}

void flush_nothing(png_structp) {}

// Grey 8-bit PNG. libpng reports errors by longjmp; none of the C++ objects here live across it.
std::optional<std::string> encode_png(const poppler::image& image) {
    std::string out;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    if (!png) return std::nullopt;
    png_infop info = png_create_info_struct(png);
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return std::nullopt;
    }
    png_set_write_fn(png, &out, append_png_bytes, flush_nothing);
    // The fastest deflate level: a preview lives for seconds, and level 1 costs a third of the
    // default's time for a page 10-20% larger. The "up" filter suits text on white.
    png_set_compression_level(png, 1);
    png_set_filter(png, 0, PNG_FILTER_UP);
    png_set_IHDR(png, info, static_cast<png_uint_32>(image.width()), static_cast<png_uint_32>(image.height()), 8,
                 PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    const char* data = image.const_data();
    for (int y = 0; y < image.height(); ++y) {
        png_write_row(png, reinterpret_cast<png_const_bytep>(data + static_cast<std::ptrdiff_t>(y) * image.bytes_per_row()));
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return out;
}

}  // namespace

std::optional<std::string> rasterise_page(const std::string& pdf, int page, int width) {
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
    if (!doc || page < 0 || page >= doc->pages()) return std::nullopt;
    std::unique_ptr<poppler::page> p(doc->create_page(page));
    if (!p) return std::nullopt;
    const double width_pt = p->page_rect().width();
    if (width_pt <= 0) return std::nullopt;
    const double dpi = width * 72.0 / width_pt;
    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing);
    renderer.set_image_format(poppler::image::format_gray8);
    poppler::image image = renderer.render_page(p.get(), dpi, dpi);
    if (!image.is_valid()) return std::nullopt;
    return encode_png(image);
}

Previews::Previews(std::size_t max_bytes) : max_bytes_(max_bytes) {}

std::string Previews::keep(std::string pdf) {
    std::string key = content_version(pdf);
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(key);
    if (it != entries_.end()) {
        uses_.splice(uses_.begin(), uses_, it->second.use);
        return key;
    }
    uses_.push_front(key);
    Entry& e = entries_[key];
    e.bytes = pdf.size();
    e.pdf = std::make_shared<const std::string>(std::move(pdf));
    e.use = uses_.begin();
    bytes_ += e.bytes;
    trim();
    return key;
}

std::shared_ptr<const std::string> Previews::pdf(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    uses_.splice(uses_.begin(), uses_, it->second.use);
    return it->second.pdf;
}

std::shared_ptr<const std::string> Previews::page(const std::string& key, int page, int width) {
    std::shared_ptr<const std::string> pdf;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = entries_.find(key);
        if (it == entries_.end()) return nullptr;
        uses_.splice(uses_.begin(), uses_, it->second.use);
        auto found = it->second.pages.find({page, width});
        if (found != it->second.pages.end()) return found->second;
        pdf = it->second.pdf;
    }
    // Rendered without the lock: other clients' previews go on meanwhile.
    auto png = rasterise_page(*pdf, page, width);
    if (!png) return nullptr;
    auto shared = std::make_shared<const std::string>(std::move(*png));
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return shared;  // dropped meanwhile: served once, not kept
    auto [slot, added] = it->second.pages.emplace(std::make_pair(page, width), shared);
    std::shared_ptr<const std::string> kept = slot->second;
    if (added) {
        it->second.bytes += shared->size();
        bytes_ += shared->size();
        trim();  // may drop this very entry when others were used since: `kept` lives on
    }
    return kept;
}

std::size_t Previews::bytes() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return bytes_;
}

void Previews::trim() {
    // The newest entry stays even when it alone is over the bound: it is what a client is
    // about to ask for.
    while (bytes_ > max_bytes_ && uses_.size() > 1) {
        auto it = entries_.find(uses_.back());
        bytes_ -= it->second.bytes;
        entries_.erase(it);
        uses_.pop_back();
    }
}

}  // namespace yoshiki::serve
