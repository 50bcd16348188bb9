// bench/startup: what the commands a town runs most cost as whole cold processes, against
// baselines measured in the same run: /bin/true (starting any process) and bench_haru_pages (a
// program of libharu alone writing the seed's text, with libharu's own Japanese font not
// embedded, and with IPAex明朝 embedded by libharu). Each command
// runs N times, the commands taking turns so that a noisy moment is shared; the medians of wall
// time and of peak RSS are printed, and the ratios to the baselines, which carry across machines.
//   bench_startup YOSHIKI_BINARY REPO_DIR [N]     (default N: 30)
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

extern char** environ;

namespace {

struct Command {
    std::string label;
    std::vector<std::string> argv;
    std::vector<double> ms, rss_mb;
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// One cold run: its wall time and peak RSS; false when it does not exit 0.
bool run(Command& c) {
    std::vector<char*> args;
    for (std::string& a : c.argv) args.push_back(a.data());
    args.push_back(nullptr);
    posix_spawn_file_actions_t quiet;
    posix_spawn_file_actions_init(&quiet);
    posix_spawn_file_actions_addopen(&quiet, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&quiet, 2, "/dev/null", O_WRONLY, 0);
    const auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, args[0], &quiet, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&quiet);
    if (spawned != 0) return false;
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) != pid) return false;
    c.ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    c.rss_mb.push_back(static_cast<double>(usage.ru_maxrss) / 1024.0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_startup YOSHIKI_BINARY REPO_DIR [N]\n");
        return 2;
    }
    namespace fs = std::filesystem;
    const std::string yoshiki = fs::absolute(argv[1]).string();
    const std::string repo = fs::absolute(argv[2]).string();
    const int n = argc > 3 ? std::max(3, std::atoi(argv[3])) : 30;
    const std::string baseline = (fs::absolute(argv[0]).parent_path() / "bench_haru_pages").string();
    const std::string seed = repo + "/inputs/r8/soumu.xml";
    const std::string font = "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf";
    const std::string out = (fs::temp_directory_path() / "yoshiki-bench-startup.pdf").string();
    std::vector<Command> commands = {
        {"/bin/true", {"/bin/true"}, {}, {}},
        {"libharu alone: the seed's text, no font embedded", {baseline, seed, "-", out}, {}, {}},
        {"libharu alone: the same, IPAex Mincho embedded", {baseline, seed, font, out}, {}, {}},
        {"yoshiki --version", {yoshiki, "--version"}, {}, {}},
        {"yoshiki check (the seed)", {yoshiki, "check", seed}, {}, {}},
        {"yoshiki render (the seed)", {yoshiki, "render", seed, "-o", out}, {}, {}},
    };
    for (int i = 0; i < n; ++i) {
        for (Command& c : commands) {
            if (!run(c)) {
                std::fprintf(stderr, "failed: %s\n", c.label.c_str());
                return 1;
            }
        }
    }
    fs::remove(out);
    const std::string heading = "cold process, medians of " + std::to_string(n);
    std::printf("%-48s %9s %9s\n", heading.c_str(), "ms", "RSS MB");
    for (const Command& c : commands) std::printf("%-48s %9.1f %9.1f\n", c.label.c_str(), median(c.ms), median(c.rss_mb));
    const double truth = median(commands[0].ms);
    std::printf("yoshiki --version / /bin/true = %.2f\n", median(commands[3].ms) / truth);
    for (int k : {1, 2}) {
        std::printf("yoshiki render / %s = %.2f (RSS %.2f)\n", commands[static_cast<std::size_t>(k)].label.c_str(),
                    median(commands[5].ms) / median(commands[static_cast<std::size_t>(k)].ms),
                    median(commands[5].rss_mb) / median(commands[static_cast<std::size_t>(k)].rss_mb));
    }
    return 0;
}
