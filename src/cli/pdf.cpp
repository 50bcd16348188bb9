#include "cli/pdf.hpp"

#include <exception>

#include "base/codes.hpp"

namespace yoshiki::cli {

std::optional<std::string> make_pdf(const Engine& engine, const Department& department, bool footer,
                                    const std::string& input, Diagnostic& failure) {
    try {
        if (!footer) return engine.write_pdf(department);
        // A single department set as a print document: footers, page labels, bookmarks.
        PrintDocument print(PrintOptions{true, false});
        print.add(department);
        return print.finish();
    } catch (const std::exception& e) {
        // The input was checked; what fails now is a font's tables or the machine.
        failure = Diagnostic{};
        failure.file = input;
        failure.code = base::codes::pdf_not_written.name;
        failure.message = std::string("the PDF cannot be written: ") + e.what();
        failure.hint = "a font file may be damaged; if the fonts are sound, please report this with the input file";
        return std::nullopt;
    }
}

}  // namespace yoshiki::cli
