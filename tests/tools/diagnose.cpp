// diagnose INPUT [--layout FILE]: the findings about an input as the library reports them, one a
// line: code, byte offset in the file (- for the whole file), and the first line of the message
// as `yoshiki check` prints it. The end-to-end tests read the codes and offsets from here, since
// the command line prints neither.
#include <cstdio>
#include <string>

#include <yoshiki/yoshiki.hpp>

int main(int argc, char** argv) {
    if (argc != 2 && !(argc == 4 && std::string(argv[2]) == "--layout")) {
        std::fprintf(stderr, "usage: diagnose INPUT [--layout FILE]\n");
        return 2;
    }
    yoshiki::Engine engine;
    yoshiki::RenderOptions options;
    if (argc == 4) options.layout_path = argv[3];
    std::vector<yoshiki::Diagnostic> diags;
    auto dep = engine.prepare(argv[1], options, diags);
    for (const auto& d : diags) {
        std::string line = d.format();
        line = line.substr(0, line.find('\n'));
        std::string offset = d.offset == yoshiki::Diagnostic::whole_file ? "-" : std::to_string(d.offset);
        std::printf("%s %s %s\n", d.code.c_str(), offset.c_str(), line.c_str());
    }
    return dep ? 0 : 1;
}
