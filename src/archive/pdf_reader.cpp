#include "archive/pdf_reader.hpp"

#include <exception>
#include <memory>

#include "read/fault.hpp"

namespace yoshiki::archive {

PdfContents read_embedded_files(std::string_view pdf) {
    PdfContents out;
    base::Failure failure;
    std::unique_ptr<read::PdfFile> file = read::PdfFile::read(std::string(pdf), failure);
    if (!file) {
        out.failure = std::move(failure);
        return out;
    }
    // QPDF reads an object when it is first asked for: damage found now is the file's as much as
    // damage found on opening it.
    try {
        out.files = file->embedded_files();
        out.created = file->created();
        out.tagged = file->tagged();
    } catch (const std::exception& e) {
        out.files.clear();
        out.failure = read::failure_of(e);
    }
    return out;
}

}  // namespace yoshiki::archive
