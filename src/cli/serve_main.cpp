// yoshiki-serve, the program of yoshiki serve (the editor): yoshiki runs it in its place
// (src/cli/main.cpp), with the same arguments; it is the one program of the three that loads
// poppler, libpng and the HTTP server.
#include <string>
#include <vector>

#include "cli/command_line.hpp"
#include "cli/serve.hpp"

int main(int argc, char** argv) {
    using namespace yoshiki::cli;
    std::vector<std::string> av(argv + 1, argv + argc);
    if (av.empty() || program_of(av[0]) != "yoshiki-serve") return usage("yoshiki-serve runs serve only");
    for (const std::string& s : av) {
        if (s == "--help" || s == "-h") {
            print_help();
            return exit_ok;
        }
    }
    return run_serve(std::vector<std::string>(av.begin() + 1, av.end()));
}
