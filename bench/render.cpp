// bench/render: how fast and how small yoshiki renders, against "the limit" measured in the same
// run: HarfBuzz shaping all the text of the sheets plus deflating every stream of the output, the
// work no PDF renderer of these sheets can avoid. Prints figures and the ratio yoshiki / limit.
//   bench_render YOSHIKI_BINARY REPO_DIR [WORK_DIR]
#include <hb.h>
#include <hb-ot.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <spawn.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <yoshiki/yoshiki.hpp>

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// A file of n sheets: the seed's three, repeated, each goal name varied by its number.
std::string many_sheets(const std::string& seed, int n) {
    std::size_t first = seed.find("  <sheet>");
    std::size_t last = seed.rfind("</sheet>") + 8;
    std::string head = seed.substr(0, first), sheets = seed.substr(first, last - first), tail = seed.substr(last);
    std::vector<std::string> three;
    for (std::size_t at = 0; (at = sheets.find("<sheet>", at)) != std::string::npos;) {
        std::size_t end = sheets.find("</sheet>", at) + 8;
        three.push_back("  " + sheets.substr(at, end - at) + "\n");
        at = end;
    }
    std::string out = head;
    for (int i = 0; i < n; ++i) {
        std::string s = three[static_cast<std::size_t>(i) % three.size()];
        std::size_t g = s.find("</goal>");
        s.insert(g, "（" + std::to_string(i + 1) + "）");
        out += s;
    }
    return out + tail;
}

struct Cold {
    double seconds;
    long max_rss_kb;
};

Cold run_cold(const std::string& yoshiki, const std::string& input, const std::string& output) {
    std::vector<std::string> args{yoshiki, "render", input, "-o", output};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    auto t0 = Clock::now();
    pid_t pid;
    if (posix_spawn(&pid, yoshiki.c_str(), nullptr, nullptr, argv.data(), environ) != 0) return {0, 0};
    int status;
    struct rusage ru {};
    wait4(pid, &status, 0, &ru);
    return {std::chrono::duration<double>(Clock::now() - t0).count(), ru.ru_maxrss};
}

// The text of the sheets: what any renderer must shape.
std::vector<std::string> texts_of(const std::string& xml) {
    std::vector<std::string> out;
    std::regex text(R"(>([^<>]+)<)");
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), text); it != std::sregex_iterator(); ++it) {
        std::string t = (*it)[1];
        if (t.find_first_not_of(" \n\t") != std::string::npos) out.push_back(t);
    }
    return out;
}

// Every stream of a PDF, inflated: what any writer must deflate.
std::vector<std::string> streams_of(const std::string& pdf) {
    std::vector<std::string> out;
    for (std::size_t at = 0; (at = pdf.find("stream\r\n", at)) != std::string::npos;) {
        at += 8;
        std::size_t end = pdf.find("endstream", at);
        z_stream z{};
        inflateInit(&z);
        std::string buf(1 << 20, '\0');
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(pdf.data() + at));
        z.avail_in = static_cast<uInt>(end - at);
        z.next_out = reinterpret_cast<Bytef*>(buf.data());
        z.avail_out = static_cast<uInt>(buf.size());
        if (inflate(&z, Z_FINISH) == Z_STREAM_END) out.push_back(buf.substr(0, z.total_out));
        inflateEnd(&z);
        at = end;
    }
    return out;
}

double limit_seconds(const std::vector<std::string>& texts, const std::vector<std::string>& streams, hb_font_t* font) {
    auto t0 = Clock::now();
    hb_buffer_t* buf = hb_buffer_create();
    unsigned glyphs = 0;
    for (const auto& t : texts) {
        hb_buffer_clear_contents(buf);
        hb_buffer_add_utf8(buf, t.data(), static_cast<int>(t.size()), 0, -1);
        hb_buffer_guess_segment_properties(buf);
        hb_shape(font, buf, nullptr, 0);
        glyphs += hb_buffer_get_length(buf);
    }
    hb_buffer_destroy(buf);
    std::size_t bytes = 0;
    for (const std::string& s : streams) {
        // At yoshiki's levels: font programs and text maps (written once per font) at the best
        // level, page content at the default one; zlib's largest memory level for both.
        bool font_data = s.rfind(std::string("\0\1\0\0", 4), 0) == 0 || s.find("begincmap") != std::string::npos;
        z_stream z{};
        deflateInit2(&z, font_data ? Z_BEST_COMPRESSION : Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15, 9, Z_DEFAULT_STRATEGY);
        std::string out(deflateBound(&z, static_cast<uLong>(s.size())), '\0');
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
        z.avail_in = static_cast<uInt>(s.size());
        z.next_out = reinterpret_cast<Bytef*>(out.data());
        z.avail_out = static_cast<uInt>(out.size());
        deflate(&z, Z_FINISH);
        bytes += z.total_out;
        deflateEnd(&z);
    }
    double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    if (glyphs == 0 || bytes == 0) std::fprintf(stderr, "bench_render: the limit did no work\n");
    return seconds;
}

// n letters of appointment (辞令): the sample's twelve, repeated, each name varied by its number.
std::string many_letters(const std::string& sample, int n) {
    std::size_t first = sample.find("  <letter>");
    std::size_t last = sample.rfind("</letter>") + 9;
    std::vector<std::string> letters;
    for (std::size_t at = first; (at = sample.find("<letter>", at)) != std::string::npos && at < last;) {
        std::size_t end = sample.find("</letter>", at) + 9;
        letters.push_back("  " + sample.substr(at, end - at) + "\n");
        at = end;
    }
    std::string out = sample.substr(0, first);
    for (int i = 0; i < n; ++i) {
        std::string s = letters[static_cast<std::size_t>(i) % letters.size()];
        s.insert(s.find("</name>"), "（" + std::to_string(i + 1) + "）");
        out += s;
    }
    return out + sample.substr(last);
}

// One in-process render of an input (prepare and write), seconds, and its pages.
std::pair<double, int> render_once(yoshiki::Engine& engine, const std::string& input) {
    std::vector<yoshiki::Diagnostic> diags;
    auto t0 = Clock::now();
    auto dep = engine.prepare(input, {}, diags);
    if (!dep) {
        for (const auto& d : diags) std::fprintf(stderr, "%s\n", d.format().c_str());
        return {0, 0};
    }
    engine.write_pdf(*dep);
    return {std::chrono::duration<double>(Clock::now() - t0).count(), yoshiki::Engine::info(*dep).pages};
}

// Milliseconds per page of inputs a and b rendered in turn, round after round (medians), and
// the median of the rounds' ratios a / b: each round's pair sees the machine in the same state.
struct PerPage {
    double a_ms = 0, b_ms = 0, ratio = 0;
    int a_pages = 0, b_pages = 0;
};
PerPage per_page(yoshiki::Engine& engine, const std::string& a, const std::string& b, int rounds) {
    std::vector<double> ta, tb, ratio;
    PerPage out;
    for (int i = 0; i < rounds; ++i) {
        auto [sa, pa] = render_once(engine, a);
        auto [sb, pb] = render_once(engine, b);
        out.a_pages = pa;
        out.b_pages = pb;
        ta.push_back(sa * 1000 / std::max(pa, 1));
        tb.push_back(sb * 1000 / std::max(pb, 1));
        ratio.push_back(ta.back() / tb.back());
    }
    out.a_ms = median(ta);
    out.b_ms = median(tb);
    out.ratio = median(ratio);
    return out;
}

// Vertical writing (縦書き): 300 辞令 against the same letters set horizontally (the layout with
// its page and boxes turned), and against the goal sheets' rate per page.
void vertical_cases(yoshiki::Engine& engine, const std::string& repo, const std::string& work, const std::string& goal_sheets) {
    std::string sample = read(repo + "/inputs/samples/appointments/r8-04-01.xml");
    std::string vertical_layout = repo + "/layouts/appointment.xml";
    std::string horizontal_layout = work + "/bench-appointment-horizontal.xml";
    // The same letter across the page: lines instead of columns, the two boxes as lines at the foot.
    std::string h = std::regex_replace(read(vertical_layout), std::regex("writing-mode=\"vertical\""), "writing-mode=\"horizontal\"");
    h = std::regex_replace(h, std::regex("<box x=\"60mm\" y=\"32mm\" width=\"11mm\" height=\"235mm\""),
                           "<box x=\"30mm\" y=\"230mm\" width=\"150mm\" height=\"11mm\"");
    h = std::regex_replace(h, std::regex("<box x=\"44mm\" y=\"32mm\" width=\"11mm\" height=\"235mm\""),
                           "<box x=\"30mm\" y=\"245mm\" width=\"150mm\" height=\"11mm\"");
    h = std::regex_replace(h, std::regex("file=\"images/"), "file=\"" + repo + "/layouts/images/");
    std::ofstream(horizontal_layout) << h;
    std::string letters = many_letters(sample, 300);
    auto with = [&](const std::string& layout) {
        return std::regex_replace(letters, std::regex("layout=\"[^\"]*\""), "layout=\"" + layout + "\"");
    };
    std::string v_in = work + "/bench-300-letters.xml", h_in = work + "/bench-300-letters-h.xml";
    std::ofstream(v_in) << with(vertical_layout);
    std::ofstream(h_in) << with(horizontal_layout);
    PerPage turned = per_page(engine, v_in, h_in, 9);
    std::printf("300 辞令: %d pages set in columns, %.3f ms per page; across, %d pages, %.3f ms per page;"
                " vertical / horizontal = %.2f (median of 9 rounds; target: at most 1.2)\n",
                turned.a_pages, turned.a_ms, turned.b_pages, turned.b_ms, turned.ratio);
    PerPage goal = per_page(engine, v_in, goal_sheets, 5);
    std::printf("300 辞令: goal sheets %.3f ms per page (%d pages); 辞令 / goal sheet per page = %.2f (target: at most 1)\n",
                goal.b_ms, goal.b_pages, goal.ratio);
}

// n copies of the elements <tag> of a file, each one's <name> (or first text) varied by its number.
std::string many_of(const std::string& sample, const std::string& tag, int n) {
    const std::string open = "<" + tag + ">", close = "</" + tag + ">";
    std::size_t first = sample.find("  " + open);
    std::size_t last = sample.rfind(close) + close.size();
    std::vector<std::string> items;
    for (std::size_t at = first; (at = sample.find(open, at)) != std::string::npos && at < last;) {
        std::size_t end = sample.find(close, at) + close.size();
        items.push_back("  " + sample.substr(at, end - at) + "\n");
        at = end;
    }
    std::string out = sample.substr(0, first);
    for (int i = 0; i < n; ++i) {
        std::string s = items[static_cast<std::size_t>(i) % items.size()];
        if (std::size_t at = s.find("</name>"); at != std::string::npos) s.insert(at, "（" + std::to_string(i + 1) + "）");
        out += s;
    }
    return out + sample.substr(last);
}

// The other forms against the goal sheets, per page: 100 notices whose every box fits as set, 100
// whose document names take the whole fit cascade, and a book of 300 事務事業評価シート.
void form_cases(yoshiki::Engine& engine, const std::string& repo, const std::string& work, const std::string& goal_sheets) {
    auto with_layout = [&](std::string s, const std::string& layout) {
        return std::regex_replace(s, std::regex("layout=\"[^\"]*\""), "layout=\"" + repo + "/layouts/" + layout + ".xml\"");
    };
    std::string plain = work + "/bench-notice-123.xml", fitted = work + "/bench-notice-131.xml", book = work + "/bench-300-programs.xml";
    // A hundred of each, as the goal sheets are a hundred: the document's own costs (fonts, the
    // file) shared alike.
    std::ofstream(plain) << with_layout(many_of(read(repo + "/inputs/samples/notices/r8-123.xml"), "notice", 100), "disclosure-notice");
    std::ofstream(fitted) << with_layout(many_of(read(repo + "/inputs/samples/notices/r8-131.xml"), "notice", 100), "disclosure-notice");
    std::ofstream(book) << with_layout(many_of(read(repo + "/inputs/samples/evaluation/r8-soumu.xml"), "program", 300),
                                       "program-evaluation");
    PerPage notice = per_page(engine, plain, goal_sheets, 9);
    std::printf("100 notices: %.3f ms per page, goal sheets %.3f; notice / goal sheet per page = %.2f (target: at most 1)\n",
                notice.a_ms, notice.b_ms, notice.ratio);
    // The same notices in a layout whose document-name row is tall enough for them as set: what
    // the cascade itself costs, the text alike.
    std::string roomy_layout = work + "/bench-notice-roomy.xml", roomy = work + "/bench-notice-131-roomy.xml";
    std::ofstream(roomy_layout) << std::regex_replace(read(repo + "/layouts/disclosure-notice.xml"), std::regex("<row height=\"22mm\">"),
                                                      "<row height=\"40mm\">");
    std::ofstream(roomy) << std::regex_replace(read(fitted), std::regex("layout=\"[^\"]*\""), "layout=\"" + roomy_layout + "\"");
    PerPage cascade = per_page(engine, fitted, roomy, 15);
    std::printf("100 notices: the whole fit cascade %.3f ms per page against %.3f for the same text as set: %.2f"
                " (target: at most 1.2)\n",
                cascade.a_ms, cascade.b_ms, cascade.ratio);
    PerPage programs = per_page(engine, book, goal_sheets, 5);
    std::printf("300 事務事業評価シート: %d pages, %.3f ms per page, goal sheets %.3f; per page = %.2f\n", programs.a_pages,
                programs.a_ms, programs.b_ms, programs.ratio);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_render YOSHIKI_BINARY REPO_DIR [WORK_DIR]\n");
        return 2;
    }
    std::string yoshiki = std::filesystem::absolute(argv[1]).string();
    std::string repo = std::filesystem::absolute(argv[2]).string();
    std::string work = argc > 3 ? argv[3] : "/tmp";
    std::string seed_path = repo + "/inputs/r8/soumu.xml";
    std::string seed = read(seed_path);
    // Inputs name their layout relatively: write the generated one beside the seed's layout path.
    std::string layout = repo + "/layouts/goal-sheet.xml";
    auto with_layout = [&](std::string s) {
        return std::regex_replace(s, std::regex("layout=\"[^\"]*\""), "layout=\"" + layout + "\"");
    };
    std::string in3 = work + "/bench-3.xml", in100 = work + "/bench-100.xml";
    std::ofstream(in3) << with_layout(seed);
    std::ofstream(in100) << with_layout(many_sheets(seed, 100));

    struct Case {
        const char* name;
        std::string input;
        int sheets;
    };
    std::vector<Case> cases{{"3-sheet seed", in3, 3}, {"100-sheet file", in100, 100}};

    yoshiki::Engine engine;
    hb_blob_t* blob = hb_blob_create_from_file("/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf");
    hb_face_t* face = hb_face_create(blob, 0);
    hb_font_t* font = hb_font_create(face);
    hb_ot_font_set_funcs(font);

    std::size_t bytes3 = 0, bytes100 = 0;
    // Cold processes first: posix_spawn's child starts as a copy of this process, so its peak RSS
    // would include whatever the in-process rounds below had loaded.
    std::vector<double> cold_ms(cases.size());
    std::vector<long> rss_kb(cases.size());
    std::vector<std::string> pdfs(cases.size());
    for (std::size_t k = 0; k < cases.size(); ++k) {
        std::string out = work + "/bench-out.pdf";
        std::vector<double> cold;
        for (int i = 0; i < 15; ++i) {
            Cold r = run_cold(yoshiki, cases[k].input, out);
            cold.push_back(r.seconds);
            rss_kb[k] = std::max(rss_kb[k], r.max_rss_kb);
        }
        cold_ms[k] = median(cold) * 1000;
        pdfs[k] = read(out);
        (cases[k].sheets == 3 ? bytes3 : bytes100) = pdfs[k].size();
    }
    for (std::size_t k = 0; k < cases.size(); ++k) {
        const Case& c = cases[k];
        const std::string& pdf = pdfs[k];
        // In-process, warm: the fonts are loaded once per process, as in a batch.
        std::vector<yoshiki::Diagnostic> diags;
        if (!engine.prepare(c.input, {}, diags)) {
            for (const auto& d : diags) std::fprintf(stderr, "%s\n", d.format().c_str());
            return 1;
        }
        int rounds = c.sheets == 3 ? 60 : 6;
        std::vector<double> warm, write, limit, untagged, not_pdfa;
        yoshiki::RenderOptions plain;
        plain.tagged = false;
        yoshiki::RenderOptions no_pdfa;
        no_pdfa.pdfa = false;
        std::size_t untagged_bytes = 0, not_pdfa_bytes = 0;
        auto texts = texts_of(read(c.input));
        auto streams = streams_of(pdf);
        for (int i = 0; i < rounds; ++i) {
            auto t0 = Clock::now();
            auto dep = engine.prepare(c.input, {}, diags);
            auto t1 = Clock::now();
            std::string bytes = engine.write_pdf(*dep);
            warm.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
            write.push_back(std::chrono::duration<double>(Clock::now() - t1).count());
            limit.push_back(limit_seconds(texts, streams, font));
            // The same document untagged, in the same round: what tagging costs.
            auto t2 = Clock::now();
            auto bare = engine.prepare(c.input, plain, diags);
            untagged_bytes = engine.write_pdf(*bare).size();
            untagged.push_back(std::chrono::duration<double>(Clock::now() - t2).count());
            // And without PDF/A (output intent, identification, the sources embedded): what the
            // archive asks of every PDF.
            auto t3 = Clock::now();
            auto plain_pdf = engine.prepare(c.input, no_pdfa, diags);
            not_pdfa_bytes = engine.write_pdf(*plain_pdf).size();
            not_pdfa.push_back(std::chrono::duration<double>(Clock::now() - t3).count());
        }
        double w = median(warm), l = median(limit), u = median(untagged);
        std::printf("%s: cold process %.1f ms (median of 15), in-process %.3f ms per sheet, %zu bytes, peak RSS %.1f MB\n",
                    c.name, cold_ms[k], w * 1000 / c.sheets, pdf.size(), static_cast<double>(rss_kb[k]) / 1024.0);
        std::printf("%s: of which reading, typesetting and paginating %.3f ms, writing the PDF %.3f ms per document\n",
                    c.name, (w - median(write)) * 1000, median(write) * 1000);
        std::printf("%s: limit (HarfBuzz shaping %zu texts + deflating %zu streams) %.3f ms; yoshiki / limit = %.2f\n",
                    c.name, texts.size(), streams.size(), l * 1000, w / l);
        std::printf("%s: tagging costs %.3f ms per document (tagged / untagged = %.3f) and %zu bytes (%zu untagged)\n",
                    c.name, (w - u) * 1000, w / u, pdf.size() - untagged_bytes, untagged_bytes);
        double n = median(not_pdfa);
        std::printf("%s: PDF/A-3 with its sources costs %.3f ms per document (PDF/A / not = %.3f) and %zu bytes"
                    " (%zu without; target: at most 12 KB)\n",
                    c.name, (w - n) * 1000, w / n, pdf.size() - not_pdfa_bytes, not_pdfa_bytes);
    }
    std::printf("bytes per additional sheet: %.0f\n", static_cast<double>(bytes100 - bytes3) / 97.0);
    vertical_cases(engine, repo, work, in100);
    form_cases(engine, repo, work, in100);
    hb_font_destroy(font);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return 0;
}
