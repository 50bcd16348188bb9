#include "cli/batch.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "base/codes.hpp"
#include "cli/pdf.hpp"
#include "io/files.hpp"

extern char** environ;

namespace yoshiki::cli {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Job {
    fs::path input;
    std::string relative;  // for messages and the output path
    std::shared_ptr<const Department> department;
    std::vector<Diagnostic> diagnostics;
    DepartmentInfo info;
    bool done = false;
    bool ok = false;
    bool layout = false;  // a layout kept beside the inputs, not an input (is_layout)
    bool pdf = false;     // a signed PDF taken in place of its input (BatchOptions::take_pdf)
};

// An archive takes a .pdf and an .xml of one name in one folder to the same file: the second is
// refused, naming the first, before either is read.
void refuse_same_output(std::vector<Job>& jobs) {
    std::map<std::string, const Job*> first;  // output path → the job that writes it
    for (Job& job : jobs) {
        std::string out = fs::path(job.relative).replace_extension(".pdf").generic_string();
        auto [it, fresh] = first.emplace(out, &job);
        if (fresh) continue;
        job.diagnostics.push_back(finding(job.input.string(), base::codes::department_twice,
                                          "both this and " + it->second->input.string() + " would be archived as " + out,
                                          "keep the signed PDF alone: it carries its input"));
    }
}

std::vector<Job> find_inputs(const fs::path& dir, const fs::path& out_dir, bool pdfs) {
    std::vector<Job> jobs;
    std::error_code ec;
    fs::path out_abs = fs::weakly_canonical(out_dir, ec);
    for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        if (it->is_directory() && fs::weakly_canonical(it->path(), ec) == out_abs) {
            it.disable_recursion_pending();  // never read our own output back in
            continue;
        }
        // Every .xml but a folder is an input: a FIFO or a device named so is refused by the
        // engine with a message, not skipped without a word.
        const bool pdf = pdfs && it->path().extension() == ".pdf";
        if (it->is_directory(ec) || (it->path().extension() != ".xml" && !pdf)) continue;
        Job job;
        job.input = it->path();
        job.pdf = pdf;
        // Lexical: fs::relative would resolve a symbolic link to an input elsewhere and so
        // place its PDF outside the output folder.
        job.relative = it->path().lexically_relative(dir).generic_string();
        jobs.push_back(std::move(job));
    }
    // Sorted, so that all.pdf has the same order on every machine.
    std::sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) { return a.relative < b.relative; });
    if (pdfs) refuse_same_output(jobs);
    return jobs;
}

}  // namespace

bool is_layout(const fs::path& path) {
    io::DiskFiles disk;
    io::Failure failure;
    auto file = disk.read_text(path.string(), io::Use::layout, failure);
    if (!file) return false;
    const std::string& s = file->bytes;
    for (std::size_t i = s.find('<'); i != std::string::npos; i = s.find('<', i)) {
        // The declaration, comments and a document type come before the first element.
        const char* end = s.compare(i, 4, "<!--") == 0 ? "-->" : s.compare(i, 2, "<?") == 0 || s.compare(i, 2, "<!") == 0 ? ">" : nullptr;
        if (!end) {
            const std::string name = "<layout";
            return s.compare(i, name.size(), name) == 0 && i + name.size() < s.size() &&
                   std::strchr(" \t\r\n/>", s[i + name.size()]) != nullptr;
        }
        i = s.find(end, i + 2);
        if (i == std::string::npos) return false;
    }
    return false;
}

namespace {

// Tells on_written of a department's PDF; true when it refuses the department.
bool refused_when_written(Job& job, const BatchOptions& options, const std::string& path, const std::string& pdf) {
    if (!options.on_written) return false;
    std::optional<Diagnostic> refused = options.on_written(path, pdf, &job.info);
    if (refused) job.diagnostics.push_back(std::move(*refused));
    return refused.has_value();
}

// A signed PDF, checked by take_pdf and written as it is.
std::shared_ptr<const Department> take_one(Job& job, const BatchOptions& options, const fs::path& out_dir) {
    io::DiskFiles disk;
    io::Failure failure;
    auto mapped = disk.map(job.input.string(), io::Use::pdf, failure);
    if (!mapped) {
        job.diagnostics.push_back(finding(job.input.string(), failure.code, "cannot read the PDF: " + failure.message));
        return nullptr;
    }
    auto dep = options.take_pdf(job.input.string(), mapped->bytes, job.diagnostics);
    if (!dep) return nullptr;
    const std::string bytes(mapped->bytes);
    fs::path out = out_dir / job.relative;
    std::error_code mk;
    fs::create_directories(out.parent_path(), mk);
    if (auto refused = write_output(out.string(), bytes)) {
        job.diagnostics.push_back(*refused);
        return nullptr;
    }
    job.info = Engine::info(*dep);
    job.info.input_path = job.input.string();  // the file archived, not the source inside it
    if (refused_when_written(job, options, job.relative, bytes)) return nullptr;
    return dep;
}

// Reads, checks and writes one department to its PDF. Returns it when it goes into the print
// document; null when it failed (its findings are in job.diagnostics) or is a layout.
std::shared_ptr<const Department> render_one(const Engine& engine, Job& job, const BatchOptions& options,
                                             const fs::path& out_dir) {
    if (!job.diagnostics.empty()) return nullptr;  // refused before it was read
    if (job.pdf) return take_one(job, options, out_dir);
    auto dep = engine.prepare(job.input.string(), options.render, job.diagnostics);
    bool ok = dep != nullptr;
    for (const auto& d : job.diagnostics) ok &= d.severity != Diagnostic::Severity::error;
    if (!ok) {
        if (is_layout(job.input)) {
            job.layout = true;
            job.diagnostics.clear();
        }
        return nullptr;
    }
    std::string relative_pdf = fs::path(job.relative).replace_extension(".pdf").generic_string();
    fs::path out = out_dir / relative_pdf;
    std::error_code mk;
    fs::create_directories(out.parent_path(), mk);
    Diagnostic failure;
    auto pdf = make_pdf(engine, *dep, false, job.input.string(), failure);
    std::optional<Diagnostic> refused;
    if (pdf) refused = write_output(out.string(), *pdf, dep.get());
    if (!pdf || refused) {
        job.diagnostics.push_back(pdf ? *refused : failure);
        return nullptr;
    }
    job.info = Engine::info(*dep);
    if (refused_when_written(job, options, relative_pdf, *pdf)) return nullptr;
    return dep;
}

std::string seconds(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f s", s);
    return buf;
}

class Progress {
public:
    // Silent: JSON findings alone on standard error, which a progress line would break.
    Progress(std::size_t total, bool silent)
        : total_(total), silent_(silent), tty_(isatty(STDERR_FILENO)), start_(Clock::now()) {}

    void update(const Job& job, std::size_t done, std::size_t sheets) {
        if (silent_) return;
        double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
        if (!tty_) {
            if (job.ok) {
                std::cerr << "ok      " << job.relative << "  " << job.info.name << "  " << job.info.sheets.size()
                          << " sheets, " << job.info.pages << " pages\n";
            } else {
                std::cerr << (job.layout ? "layout  " : "FAILED  ") << job.relative << "\n";
            }
            return;
        }
        double rate = elapsed > 0 ? static_cast<double>(sheets) / elapsed : 0;
        double left = done > 0 ? elapsed / static_cast<double>(done) * static_cast<double>(total_ - done) : 0;
        const int width = 30;
        int filled = total_ ? static_cast<int>(width * done / total_) : width;
        char line[160];
        std::snprintf(line, sizeof line, "\r[%s%s] %zu/%zu departments, %zu sheets, %.0f sheets/s, %.0f s left ",
                      std::string(static_cast<std::size_t>(filled), '#').c_str(),
                      std::string(static_cast<std::size_t>(width - filled), '.').c_str(), done, total_, sheets, rate, left);
        bar_ = line;
        std::cerr << bar_ << std::flush;
        if (done == total_) {
            std::cerr << "\n";
            bar_.clear();
        }
    }

    // A line of its own (a warning): on a terminal it takes the bar's place, which is drawn again
    // below it.
    void note(const std::string& text) {
        if (tty_ && !bar_.empty()) std::cerr << "\r\033[K" << text << "\n" << bar_ << std::flush;
        else std::cerr << text << "\n";
    }

    double elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

private:
    std::size_t total_;
    bool silent_;
    bool tty_;
    std::string bar_;  // the bar as last drawn, while it is on screen
    Clock::time_point start_;
};

// Hands the document to CUPS with its command-line client, lp.
std::string print_file(const std::string& queue, int copies, const std::string& title, const std::string& path) {
    std::string n = std::to_string(copies);
    // A PostScript printer gets the document through CUPS's PDF-to-PostScript filter. Its default
    // renderer (Ghostscript's ps2write) drops the ToUnicode maps of CID-keyed fonts, so a print
    // server that re-distills the job would publish text nobody can search or copy; pdftocairo
    // reads the maps and names each glyph by its character. A PDF printer ignores the option.
    std::vector<std::string> args{"lp", "-d", queue, "-n", n, "-t", title, "-o", "pdftops-renderer=pdftocairo", "--", path};
    std::vector<char*> argv;
    for (auto& s : args) argv.push_back(s.data());
    argv.push_back(nullptr);
    pid_t pid;
    int rc = posix_spawnp(&pid, "lp", nullptr, nullptr, argv.data(), environ);
    if (rc != 0) return "cannot start lp (install cups-client): " + std::string(std::strerror(rc));
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return "lp could not submit the job to queue '" + queue + "'";
    return {};
}

// An input of a department and fiscal year that an earlier input of the batch holds already: a
// file copied under another name, most often, which would be printed twice without a word. Both
// are still rendered and printed (a department may keep its sheets in two files), and the later
// one is warned of, naming the earlier. `first` maps each department and year to its first input.
void warn_if_repeated(Job& job, std::map<std::pair<std::string, std::string>, std::string>& first,
                      const BatchOptions& options) {
    auto [it, fresh] = first.emplace(std::pair(job.info.name, job.info.fiscal_year), job.input.string());
    if (fresh) return;
    Diagnostic d = finding(job.input.string(), base::codes::department_repeated,
                           "the same department and fiscal year as " + it->second + " (" + job.info.name + ", " +
                               job.info.fiscal_year + "): both are in " + options.combined_name,
                           "if one is a copy of the other, remove it");
    d.severity = Diagnostic::Severity::warning;
    job.diagnostics.push_back(std::move(d));
}

// The errors of every input that failed, again at the end, where people look after a long batch.
void list_failed(const std::vector<Job>& jobs, std::size_t failed, const BatchOptions& options, const std::string& shown_dir) {
    if (options.all_or_nothing) {
        auto inputs = std::count_if(jobs.begin(), jobs.end(), [](const Job& job) { return !job.layout; });
        std::cerr << "\n" << shown_dir << ": error: no archive was written: " << failed << " of " << inputs
                  << (inputs == 1 ? " input" : " inputs") << " failed, and an archive holds all or nothing:\n";
    } else {
        std::cerr << "\n" << failed << (failed == 1 ? " input" : " inputs") << " failed and " << (failed == 1 ? "is" : "are")
                  << " not in " << options.combined_name << ":\n";
    }
    for (const Job& job : jobs) {
        if (job.ok) continue;
        for (const auto& d : job.diagnostics) {
            if (d.severity == Diagnostic::Severity::error) std::cerr << d.format() << "\n";
        }
    }
}

// What a stage returns when the batch is to go on to the next one.
constexpr int proceed = -1;

int check_folders(const BatchOptions& options, const fs::path& in_dir, const fs::path& out_dir, std::vector<Job>& jobs) {
    const DiagnosticFormat format = options.diagnostics;
    std::error_code ec;
    if (!fs::is_directory(in_dir, ec)) {
        std::cerr << formatted(finding(options.input_dir, base::codes::not_a_folder, "not a folder"), format);
        return 2;
    }
    jobs = find_inputs(in_dir, out_dir, static_cast<bool>(options.take_pdf));
    if (jobs.empty()) {
        std::cerr << formatted(finding(options.input_dir, base::codes::no_inputs, "no .xml inputs in this folder"), format);
        return 1;
    }
    fs::create_directories(out_dir, ec);
    if (ec) {
        std::cerr << formatted(finding(options.output_dir, base::codes::output_failed, "cannot create the folder: " + ec.message()),
                               format);
        return 1;
    }
    return proceed;
}

// Workers render ahead of the print document by at most `window` departments, so memory
// stays bounded however many departments there are.
struct RenderQueue {
    std::mutex mutex;
    std::condition_variable cv;
    std::size_t next = 0, consumed = 0;
    std::size_t window = 0;
};

void render_jobs(RenderQueue& q, std::vector<Job>& jobs, const Engine& engine, const BatchOptions& options,
                 const fs::path& out_dir) {
    for (;;) {
        std::size_t i;
        {
            std::unique_lock<std::mutex> lock(q.mutex);
            q.cv.wait(lock, [&] { return q.next >= jobs.size() || q.next < q.consumed + q.window; });
            if (q.next >= jobs.size()) return;
            i = q.next++;
        }
        Job& job = jobs[i];
        auto dep = render_one(engine, job, options, out_dir);
        {
            std::lock_guard<std::mutex> lock(q.mutex);
            job.department = dep;
            job.ok = dep != nullptr;
            job.done = true;
        }
        q.cv.notify_all();
    }
}

struct Totals {
    std::size_t sheets = 0, pages = 0, failed = 0, printed = 0, layouts = 0;
    std::string fiscal_year;
    bool print_failed = false;
};

void count_job(Job& job, const std::shared_ptr<const Department>& dep, Totals& t, PrintDocument& print,
               std::map<std::pair<std::string, std::string>, std::string>& first_input, const BatchOptions& options) {
    if (job.ok) {
        t.sheets += job.info.sheets.size();
        t.pages += static_cast<std::size_t>(job.info.pages);
        if (t.fiscal_year.empty()) t.fiscal_year = job.info.fiscal_year;
        warn_if_repeated(job, first_input, options);
        try {
            print.add(*dep);
            ++t.printed;
        } catch (const std::exception& e) {
            std::cerr << formatted(finding(job.input.string(), base::codes::internal_error,
                                           std::string("internal error while adding it to the print document: ") + e.what()),
                                   options.diagnostics);
            t.print_failed = true;
        }
    } else if (job.layout) {
        ++t.layouts;
    } else {
        ++t.failed;
    }
}

// Takes the departments in order as the workers finish them, into the print document.
Totals collect_jobs(RenderQueue& q, std::vector<Job>& jobs, PrintDocument& print, Progress& progress,
                    const BatchOptions& options) {
    Totals t;
    std::map<std::pair<std::string, std::string>, std::string> first_input;  // for warn_if_repeated
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        std::shared_ptr<const Department> dep;
        {
            std::unique_lock<std::mutex> lock(q.mutex);
            q.cv.wait(lock, [&] { return jobs[i].done; });
            dep = std::move(jobs[i].department);
        }
        Job& job = jobs[i];
        count_job(job, dep, t, print, first_input, options);
        dep.reset();  // the department's pages live on only in the print document, compressed
        {
            std::lock_guard<std::mutex> lock(q.mutex);
            q.consumed = i + 1;
        }
        q.cv.notify_all();
        progress.update(job, i + 1, t.sheets);
        if (options.diagnostics != DiagnosticFormat::human) {
            print_diagnostics(job.diagnostics, options.diagnostics, std::cerr);
            continue;
        }
        // Warnings are shown as they come; errors are listed again at the end.
        for (const auto& d : job.diagnostics) {
            if (d.severity == Diagnostic::Severity::warning) progress.note(d.format());
        }
    }
    return t;
}

void write_print_document(PrintDocument& print, Totals& t, const BatchOptions& options, const std::string& combined,
                          const std::string& shown_combined) {
    if (options.all_or_nothing && t.failed > 0) t.print_failed = true;  // no print document of a part
    if (t.printed > 0 && !t.print_failed) {
        std::optional<Diagnostic> failure;
        try {
            std::string pdf = print.finish();
            failure = write_output(combined, pdf);
            if (!failure && options.on_written) options.on_written(options.combined_name, pdf, nullptr);
        } catch (const std::exception& e) {
            failure = Diagnostic{};
            failure->file = combined;
            failure->code = base::codes::pdf_not_written.name;
            failure->message = std::string("the print document cannot be written: ") + e.what();
        }
        if (failure) {
            if (failure->file == combined) failure->file = shown_combined;
            std::cerr << formatted(*failure, options.diagnostics);
            t.print_failed = true;
        }
    } else if (!options.all_or_nothing) {
        std::remove(combined.c_str());  // a print document from an earlier run would mislead
    }
}

void report_summary(const std::vector<Job>& jobs, const Totals& t, const BatchOptions& options, Progress& progress,
                    PrintDocument& print, const std::string& shown_dir, const std::string& shown_combined) {
    std::size_t departments = jobs.size() - t.layouts;
    std::cerr << options.command << ": " << (departments - t.failed) << " of " << departments << " departments rendered, "
              << t.sheets << " sheets, " << t.pages << " pages, " << t.failed << " failed, " << seconds(progress.elapsed()) << "\n";
    if (t.layouts > 0) {
        std::cerr << t.layouts << (t.layouts == 1 ? " layout" : " layouts") << " beside the inputs, not rendered:";
        for (const Job& job : jobs) {
            if (job.layout) std::cerr << " " << job.relative;
        }
        std::cerr << "\n";
    }
    if (t.printed > 0 && !t.print_failed) std::cerr << "print document: " << shown_combined << " (" << print.pages() << " pages)\n";
    if (t.failed > 0) list_failed(jobs, t.failed, options, shown_dir);
}

// Whether all.pdf went to the printer queue (or none was asked for).
bool send_to_printer(const Totals& t, const BatchOptions& options, const std::string& combined) {
    if (options.queue.empty() || t.printed == 0 || t.print_failed) return true;
    std::string title = (t.fiscal_year.empty() ? std::string() : t.fiscal_year + " ") + "yoshiki batch " +
                        fs::path(options.input_dir).filename().string();
    std::string error = print_file(options.queue, options.copies, title, combined);
    if (!error.empty()) {
        std::cerr << formatted(finding(combined, base::codes::print_failed, error), options.diagnostics);
        return false;
    }
    if (options.diagnostics == DiagnosticFormat::human) {
        std::cerr << "print: sent " << combined << " to queue " << options.queue << " (" << options.copies
                  << (options.copies == 1 ? " copy" : " copies") << ")\n";
    }
    return true;
}

}  // namespace

int run_batch(const Engine& engine, const BatchOptions& options) {
    const bool human = options.diagnostics == DiagnosticFormat::human;
    fs::path in_dir(options.input_dir), out_dir(options.output_dir);
    std::vector<Job> jobs;
    if (int code = check_folders(options, in_dir, out_dir, jobs); code != proceed) return code;

    unsigned jobs_n = options.jobs > 0 ? static_cast<unsigned>(options.jobs) : std::max(1u, std::thread::hardware_concurrency());
    jobs_n = std::min<unsigned>(jobs_n, static_cast<unsigned>(jobs.size()));
    RenderQueue q;
    q.window = 2 * jobs_n + 2;

    Progress progress(jobs.size(), !human);
    PrintDocument print(options.print);
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < jobs_n; ++t) {
        threads.emplace_back([&] { render_jobs(q, jobs, engine, options, out_dir); });
    }
    Totals totals = collect_jobs(q, jobs, print, progress, options);
    for (auto& t : threads) t.join();

    std::string combined = (out_dir / options.combined_name).string();
    const std::string shown_dir = options.shown_output_dir.empty() ? options.output_dir : options.shown_output_dir;
    const std::string shown_combined = (fs::path(shown_dir) / options.combined_name).string();
    write_print_document(print, totals, options, combined, shown_combined);
    if (human) report_summary(jobs, totals, options, progress, print, shown_dir, shown_combined);
    if (!send_to_printer(totals, options, combined)) return 1;
    return totals.failed > 0 || totals.print_failed ? 1 : 0;
}

}  // namespace yoshiki::cli
