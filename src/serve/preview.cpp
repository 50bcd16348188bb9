#include "serve/preview.hpp"

#include <png.h>
#include <zlib.h>  // the strategies libpng's compression takes (Z_RLE): its interface, not zlib used here
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <condition_variable>
#include <future>
#include <list>
#include <map>
#include <mutex>
#include <thread>

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
    // A preview lives for seconds: the fastest deflate (level 1, runs only), and no filter. On a page of text on white that is 2.3 ms and 78 KB
    // at 600 pixels, where the default level with the "up" filter takes 9 ms for 84 KB.
    png_set_compression_level(png, 1);
    png_set_compression_strategy(png, Z_RLE);
    png_set_filter(png, 0, PNG_FILTER_NONE);
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

// A page being rendered or rendered: its PNG (null when it cannot be rendered) once ready.
using PageFuture = std::shared_future<std::shared_ptr<const std::string>>;

struct Previews::State {
    struct Page {
        PageFuture png;
        bool counted = false;  // its bytes are in `bytes`
    };
    struct Entry {
        std::shared_ptr<const std::string> pdf;
        std::map<std::pair<int, int>, Page> pages;
        std::size_t bytes = 0;
        std::list<std::string>::iterator use;
    };

    explicit State(std::size_t max) : max_bytes(max) {}

    const std::size_t max_bytes;
    std::mutex mutex;
    std::condition_variable idle;
    int rendering_ahead = 0;
    std::map<std::string, Entry> entries;
    std::list<std::string> uses;  // most recent first
    std::size_t bytes = 0;

    // With the mutex held: the entry of a key, now the most recently used, or null.
    Entry* use(const std::string& key) {
        auto it = entries.find(key);
        if (it == entries.end()) return nullptr;
        uses.splice(uses.begin(), uses, it->second.use);
        return &it->second;
    }

    // With the mutex held: the page's future, and whether it is new (then the caller renders it).
    std::pair<PageFuture, std::shared_ptr<std::promise<std::shared_ptr<const std::string>>>> slot(Entry& e, int page, int width) {
        auto it = e.pages.find({page, width});
        if (it != e.pages.end()) return {it->second.png, nullptr};
        auto promise = std::make_shared<std::promise<std::shared_ptr<const std::string>>>();
        PageFuture png = promise->get_future().share();
        e.pages.emplace(std::make_pair(page, width), Page{png, false});
        return {png, promise};
    }

    // Renders a page into its promise, and counts its bytes if its PDF is still kept.
    static void render(const std::shared_ptr<State>& state, const std::string& key, std::shared_ptr<const std::string> pdf,
                       int page, int width, std::promise<std::shared_ptr<const std::string>>& promise) {
        std::shared_ptr<const std::string> png;
        try {
            if (auto bytes = rasterise_page(*pdf, page, width)) png = std::make_shared<const std::string>(std::move(*bytes));
        } catch (...) {
            png = nullptr;  // poppler threw: no page, as for a page that cannot be rendered
        }
        promise.set_value(png);
        std::lock_guard<std::mutex> lock(state->mutex);
        auto it = state->entries.find(key);
        if (it == state->entries.end()) return;
        auto p = it->second.pages.find({page, width});
        if (p == it->second.pages.end() || p->second.counted || !png) return;
        p->second.counted = true;
        it->second.bytes += png->size();
        state->bytes += png->size();
        state->trim();
    }

    // With the mutex held. The newest entry stays even when it alone is over the bound: it is
    // what a client is about to ask for.
    void trim() {
        while (bytes > max_bytes && uses.size() > 1) {
            auto it = entries.find(uses.back());
            bytes -= it->second.bytes;
            entries.erase(it);
            uses.pop_back();
        }
    }
};

Previews::Previews(std::size_t max_bytes) : state_(std::make_shared<State>(max_bytes)) {}

Previews::~Previews() {
    std::unique_lock<std::mutex> lock(state_->mutex);
    state_->idle.wait(lock, [&] { return state_->rendering_ahead == 0; });
}

std::string Previews::keep(std::string pdf) {
    std::string key = content_version(pdf);
    State& s = *state_;
    std::lock_guard<std::mutex> lock(s.mutex);
    if (s.use(key)) return key;
    s.uses.push_front(key);
    State::Entry& e = s.entries[key];
    e.bytes = pdf.size();
    e.pdf = std::make_shared<const std::string>(std::move(pdf));
    e.use = s.uses.begin();
    s.bytes += e.bytes;
    s.trim();
    return key;
}

void Previews::render_ahead(const std::string& key, int page, int width) {
    std::shared_ptr<const std::string> pdf;
    std::shared_ptr<std::promise<std::shared_ptr<const std::string>>> promise;
    {
        std::lock_guard<std::mutex> lock(state_->mutex);
        State::Entry* e = state_->use(key);
        if (!e) return;
        promise = state_->slot(*e, page, width).second;
        if (!promise) return;  // rendered or under way already
        pdf = e->pdf;
        ++state_->rendering_ahead;
    }
    std::thread([state = state_, key, pdf, page, width, promise] {
        State::render(state, key, pdf, page, width, *promise);
        std::lock_guard<std::mutex> lock(state->mutex);
        if (--state->rendering_ahead == 0) state->idle.notify_all();
    }).detach();
}

std::shared_ptr<const std::string> Previews::pdf(const std::string& key) {
    std::lock_guard<std::mutex> lock(state_->mutex);
    State::Entry* e = state_->use(key);
    return e ? e->pdf : nullptr;
}

std::shared_ptr<const std::string> Previews::page(const std::string& key, int page, int width) {
    PageFuture png;
    std::shared_ptr<std::promise<std::shared_ptr<const std::string>>> promise;
    std::shared_ptr<const std::string> pdf;
    {
        std::lock_guard<std::mutex> lock(state_->mutex);
        State::Entry* e = state_->use(key);
        if (!e) return nullptr;
        std::tie(png, promise) = state_->slot(*e, page, width);
        pdf = e->pdf;
    }
    // Rendered here, without the lock, when nobody renders it yet; else waited for.
    if (promise) State::render(state_, key, pdf, page, width, *promise);
    return png.get();
}

std::size_t Previews::bytes() const {
    std::lock_guard<std::mutex> lock(state_->mutex);
    return state_->bytes;
}

}  // namespace yoshiki::serve
