// bench/serve_preview: what one keystroke in the editor costs the server, step by step, for the
// seed's first sheet: the values written into the XML, the checks and typesetting, the PDF, its
// key, and the page rendered to PNG as wide as the editor shows it. CPU time of the thread (the
// machine's other work does not count), median of 30 keystrokes after 10 to warm up. The ratio:
// everything / the PDF alone (what `yoshiki render` does for the same input, in-process).
//   bench_serve_preview REPO_DIR
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <yoshiki/yoshiki.hpp>

#include "io/files.hpp"
#include "io/sha256.hpp"
#include "parse/form_values.hpp"
#include "parse/form_writer.hpp"
#include "parse/layout_reader.hpp"
#include "serve/preview.hpp"

namespace {

double cpu_ms() {
    timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

std::string bytes_of(yoshiki::io::Files& files, const std::string& path, yoshiki::io::Use use) {
    yoshiki::io::Failure failure;
    auto f = files.read_text(path, use, failure);
    if (!f) {
        std::fprintf(stderr, "bench_serve_preview: %s: %s\n", path.c_str(), failure.message.c_str());
        std::exit(1);
    }
    return f->bytes;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench_serve_preview REPO_DIR\n");
        return 2;
    }
    const std::string repo = argv[1];
    const std::string input = repo + "/inputs/r8/soumu.xml", layout_path = repo + "/layouts/goal-sheet.xml";
    yoshiki::io::DiskFiles disk;
    const std::string bytes = bytes_of(disk, input, yoshiki::io::Use::input);
    yoshiki::base::Diagnostics diags;
    auto layout = yoshiki::parse::read_layout(layout_path, bytes_of(disk, layout_path, yoshiki::io::Use::layout), diags);
    auto file = yoshiki::parse::load_xml_bytes(input, bytes, diags);
    if (!layout || !file) {
        std::fprintf(stderr, "bench_serve_preview: the seed or its layout cannot be read\n");
        return 1;
    }
    yoshiki::parse::FormDocument form = yoshiki::parse::read_form_values(*file, layout->schema);
    const std::string indicator = form.sheets[0].values.text["indicator"];
    yoshiki::Engine engine;

    enum { write_xml, check, pdf, key, page, steps };
    const char* names[steps] = {"values written into the XML", "read, checked, typeset, paginated", "PDF written",
                                "its key (SHA-256)", "page 1 rendered, 600 px PNG"};
    std::vector<double> times[steps];
    for (int i = 0; i < 40; ++i) {
        form.sheets[0].values.text["indicator"] = indicator + std::to_string(i);  // a keystroke
        double t[steps + 1];
        t[0] = cpu_ms();
        yoshiki::base::Diagnostics d;
        auto xml = yoshiki::parse::write_form_values(input, bytes, layout->schema, form, d);
        t[1] = cpu_ms();
        std::vector<yoshiki::Diagnostic> found;
        auto dep = xml ? engine.prepare_from_memory(input, *xml, {}, found) : nullptr;
        t[2] = cpu_ms();
        if (!dep) {
            std::fprintf(stderr, "bench_serve_preview: the edited seed does not render\n");
            return 1;
        }
        std::string bytes_pdf = engine.write_pdf(*dep);
        t[3] = cpu_ms();
        std::string k = yoshiki::io::sha256_hex(bytes_pdf);
        t[4] = cpu_ms();
        auto png = yoshiki::serve::rasterise_page(bytes_pdf, 0, 600);
        t[5] = cpu_ms();
        if (!png) return 1;
        if (i < 10) continue;
        for (int s = 0; s < steps; ++s) times[s].push_back(t[s + 1] - t[s]);
    }
    double total = 0, render = 0;
    std::printf("bench_serve_preview: one keystroke on the seed's first sheet, CPU time (median of 30)\n");
    for (int s = 0; s < steps; ++s) {
        double m = median(times[s]);
        total += m;
        if (s == check || s == pdf) render += m;
        std::printf("  %-36s %7.2f ms\n", names[s], m);
    }
    std::printf("  %-36s %7.2f ms\n", "total", total);
    std::printf("  total / the PDF alone (%.2f ms): %.2f\n", render, total / render);
    return 0;
}
