#include "harness.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <yoshiki/yoshiki.hpp>

namespace yoshiki::fuzz {

namespace {

EngineOptions confined() {
    EngineOptions options;
    options.input_folders = std::vector<std::string>{};
    options.layout_folders = std::vector<std::string>{};
    options.font_folders = std::vector<std::string>{"/usr/share/fonts"};
    return options;
}

bool kebab(const std::string& code) {
    if (code.empty()) return false;
    for (char c : code) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    }
    return true;
}

}  // namespace

void promise(bool kept) {
    if (!kept) std::abort();
}

bool check_findings(const std::vector<Diagnostic>& diags) {
    bool errors = false;
    for (const Diagnostic& d : diags) {
        promise(!d.file.empty() && !d.message.empty() && kebab(d.code));
        promise((d.line > 0) == (d.offset != Diagnostic::whole_file));
        promise(d.code != "internal-error");
        errors |= d.severity == Diagnostic::Severity::error;
    }
    return errors;
}

const Engine& engine() {
    static const Engine engine(confined());
    return engine;
}

std::string repository_file(const std::string& relative) {
    std::ifstream in(std::string(YOSHIKI_SOURCE_DIR) + "/" + relative, std::ios::binary);
    if (!in) throw std::runtime_error("fuzz: cannot read " + relative);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void run(std::string input, std::string layout) {
    RenderOptions options;
    options.creation_time = 0;
    std::vector<Diagnostic> diags;
    auto dep = engine().prepare_from_memory("fuzz/input.xml", std::move(input), options, diags,
                                            {{"fuzz/layout.xml", std::move(layout)}});
    // A department comes back exactly when there was no error.
    promise(check_findings(diags) == !dep);
    if (!dep) return;
    try {
        std::string pdf = engine().write_pdf(*dep);
        promise(pdf.compare(0, 5, "%PDF-") == 0);
        PrintDocument print(PrintOptions{true, true});
        print.add(*dep);
        promise(print.finish().compare(0, 5, "%PDF-") == 0);
    } catch (const std::exception&) {
        // The command line reports these as pdf-not-written; they are no crash.
    }
}

}  // namespace yoshiki::fuzz
