// bench/damaged: how long and how much memory `yoshiki check` takes to refuse each class of
// damaged or hostile input at the size limit (16 MiB, or the largest a limit allows), against the
// check of the valid 3-sheet seed measured in the same run. The bound: every refusal in
// under a second and under 64 MB. Prints one line per class; exits 1 if any class exceeds it.
//   bench_damaged YOSHIKI_BINARY REPO_DIR [WORK_DIR]
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t limit = 16u << 20;

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write(const std::string& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

struct Run {
    double seconds = 0;
    long rss_kb = 0;
    int status = -1;
};

// One `yoshiki check FILE [args]`, its wall time and peak RSS; killed after a minute.
Run run_check(const std::string& yoshiki, const std::string& input, const std::vector<std::string>& extra) {
    std::vector<std::string> args{yoshiki, "check", input};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    Run r;
    auto t0 = Clock::now();
    pid_t pid;
    if (posix_spawn(&pid, yoshiki.c_str(), &actions, nullptr, argv.data(), environ) != 0) return r;
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    struct rusage ru {};
    for (;;) {
        pid_t done = wait4(pid, &status, WNOHANG, &ru);
        if (done == pid) break;
        if (Clock::now() - t0 > std::chrono::seconds(60)) kill(pid, SIGKILL);
        usleep(1000);
    }
    r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    r.rss_kb = ru.ru_maxrss;
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

struct Case {
    std::string name;
    std::string file;
    std::vector<std::string> extra;
    std::function<void(const std::string&)> make;  // writes the file (in a child process)
};

// Repeats piece until the text reaches `size` bytes.
std::string filled(const std::string& piece, std::size_t size) {
    std::string s;
    s.reserve(size + piece.size());
    while (s.size() + piece.size() <= size) s += piece;
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_damaged YOSHIKI_BINARY REPO_DIR [WORK_DIR]\n");
        return 2;
    }
    namespace fs = std::filesystem;
    const std::string yoshiki = fs::absolute(argv[1]).string();
    const std::string repo = fs::absolute(argv[2]).string();
    const std::string work = argc > 3 ? argv[3] : fs::temp_directory_path().string() + "/yoshiki-bench-damaged";
    fs::create_directories(work);
    const std::string layout = repo + "/layouts/goal-sheet.xml";
    const std::string seed = std::regex_replace(read(repo + "/inputs/r8/soumu.xml"), std::regex("layout=\"[^\"]*\""),
                                                "layout=\"" + layout + "\"");
    const std::string one = seed.substr(0, seed.find("</sheet>") + 8) + "\n</goal-sheets>\n";
    const std::size_t body = one.rfind("</goal-sheets>");
    auto before_end = [&](const std::string& inner) { return one.substr(0, body) + inner + one.substr(body); };
    auto path = [&](const std::string& name) { return work + "/" + name + ".xml"; };

    std::vector<Case> cases;
    auto add = [&](const std::string& name, std::function<std::string()> text) {
        cases.push_back({name, path(name), {}, [text](const std::string& p) { write(p, text()); }});
    };
    add("valid seed (baseline)", [&] { return seed; });
    add("unknown elements, 16 MiB", [&] { return before_end(filled("<x/>\n", limit - one.size())); });
    add("unknown elements, 199,000", [&] { return before_end(filled("<x/>\n", 199'000 * 5)); });
    add("unknown attributes, 16 MiB", [&] {
        std::string attrs = filled(" a=\"\"", limit - one.size());
        return std::regex_replace(one, std::regex("<goal-sheets "), "<goal-sheets" + attrs + " ", std::regex_constants::format_first_only);
    });
    add("unknown attributes, 150,000", [&] {
        std::string attrs;
        for (int i = 0; i < 150'000; ++i) attrs += " a" + std::to_string(i) + "=\"\"";
        return std::regex_replace(one, std::regex("<goal-sheets "), "<goal-sheets" + attrs + " ", std::regex_constants::format_first_only);
    });
    add("combining marks, 49,000 in one field", [&] {
        std::string marks = "a";
        for (int i = 0; i < 49'000; ++i) marks += "\xCC\x81";  // U+0301: 98 KB, the case
        std::string s = one;
        return s.replace(s.find("<goal>") + 6, 0, marks);
    });
    add("combining marks, 16 MiB (refused: fields too long)", [&] {
        std::string marks = "a";
        for (std::size_t i = 0; marks.size() < limit - one.size() - 100; ++i) marks += "\xCC\x81";
        std::string s = one;
        return s.replace(s.find("<goal>") + 6, 0, marks);
    });
    add("two roots, 16 MiB", [&] { return one + filled("<!-- padding -->\n", limit - 2 * one.size()) + one.substr(one.find("<goal-sheets")); });
    add("text after the root, 16 MiB", [&] { return one + filled("以上", limit - one.size()); });
    add("declaration after 16 MiB of spaces", [&] { return filled(" ", limit - one.size()) + one; });
    add("processing instructions, 16 MiB", [&] { return before_end(filled("<?x?>", limit - one.size())); });
    add("bare '&' in a field, 16 MiB", [&] {
        std::string s = one;
        return s.replace(s.find("<goal>") + 6, 0, filled("&", limit - one.size()));
    });
    add("invalid UTF-8 at the end, 16 MiB", [&] { return one + filled("<!--目標-->", limit - one.size() - 16) + "\xFF"; });
    add("deep nesting, 90,000", [&] {
        std::string open, close;
        for (int i = 0; i < 90'000; ++i) {
            open += "<x>";
            close += "</x>";
        }
        return before_end(open + close);
    });
    add("elements of 16 MiB names", [&] { return before_end("<" + filled("x", limit - one.size() - 8) + "/>"); });
    cases.push_back({"over the size limit, 3 GB", path("large"), {}, [](const std::string& p) {
                         write(p, "");
                         fs::resize_file(p, std::uintmax_t{3} << 30);
                     }});
    cases.push_back({"a FIFO as the input", path("fifo"), {}, [](const std::string& p) {
                         fs::remove(p);
                         mkfifo(p.c_str(), 0644);
                     }});
    cases.push_back({"/dev/zero as the input", "/dev/zero", {}, [](const std::string&) {}});
    cases.push_back({"/dev/zero as --layout", path("valid seed (baseline)"), {"--layout", "/dev/zero"}, [](const std::string&) {}});

    // The files are made by a child process: this one stays small, since a child started by
    // posix_spawn begins as a copy of it and its peak RSS would count this one's.
    pid_t maker = fork();
    if (maker == 0) {
        for (const Case& c : cases) c.make(c.file);
        _exit(0);
    }
    int status = 0;
    waitpid(maker, &status, 0);

    // The median of five runs each; the baseline first.
    auto measure = [&](const Case& c) {
        std::vector<Run> runs;
        for (int i = 0; i < 5; ++i) runs.push_back(run_check(yoshiki, c.file, c.extra));
        std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) { return a.seconds < b.seconds; });
        Run m = runs[2];
        for (const Run& r : runs) m.rss_kb = std::max(m.rss_kb, r.rss_kb);
        return m;
    };
    Run base = measure(cases[0]);
    std::printf("%-52s %6s %9s %8s %9s %8s\n", "class (yoshiki check)", "exit", "time ms", "× base", "peak MB", "× base");
    bool within = true;
    for (const Case& c : cases) {
        Run r = c.name == cases[0].name ? base : measure(c);
        double ms = r.seconds * 1000, mb = static_cast<double>(r.rss_kb) / 1024;
        bool ok = c.name == cases[0].name || (r.seconds < 1.0 && mb < 64 && r.status == 1) ||
                  (c.name.find("49,000 in one field") != std::string::npos && r.status == 0);
        within &= ok;
        std::printf("%-52s %6d %9.1f %8.2f %9.1f %8.2f%s\n", c.name.c_str(), r.status, ms, r.seconds / base.seconds, mb,
                    static_cast<double>(r.rss_kb) / static_cast<double>(base.rss_kb), ok ? "" : "  OVER THE BOUND");
    }
    for (const Case& c : cases) {
        if (c.file.rfind(work, 0) == 0) fs::remove(c.file);
    }
    return within ? 0 : 1;
}
