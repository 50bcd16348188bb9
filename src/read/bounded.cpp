#include "read/bounded.hpp"

#include <qpdf/Pipeline.hh>
#include <qpdf/QPDFExc.hh>

#include <stdexcept>

#include "base/limits.hpp"

namespace yoshiki::read {

namespace {

// The revisions a file can have at most: each ends in a "startxref" line (PDF 32000-1, 7.5.5),
// so counting the keyword counts them, or more when a stream happens to hold the word.
std::size_t startxref_count(std::string_view bytes) {
    std::size_t n = 0;
    for (std::size_t at = bytes.find("startxref"); at != std::string_view::npos; at = bytes.find("startxref", at + 9)) ++n;
    return n;
}

// Collects what QPDF decodes and stops it past the limit.
class BoundedSink : public Pipeline {
  public:
    explicit BoundedSink(std::size_t limit) : Pipeline("bounded", nullptr), limit_(limit) {}
    // QPDF catches what a pipeline throws and answers false; `exceeded` says why.
    void write(unsigned char const* data, size_t len) override {
        if (len > limit_ - out.size()) {
            exceeded = true;
            throw std::length_error("over the limit");
        }
        out.append(reinterpret_cast<const char*>(data), len);
    }
    void finish() override {}
    std::string out;
    bool exceeded = false;

  private:
    std::size_t limit_;
};

}  // namespace

std::optional<std::string> open_bounded(QPDF& q, const std::string& name, std::string_view bytes) {
    // QPDF counts offsets from the header wherever it is, a signature's byte range and an
    // incremental update count from the file's first byte: bytes before the header would make
    // the two disagree on what the offsets point at.
    // (A file without any header is QPDF's to call unreadable.)
    const std::size_t header = bytes.substr(0, 1024).find("%PDF-");
    if (header != 0 && header != std::string_view::npos) {
        return std::to_string(header) + " bytes come before the PDF header (%PDF-)";
    }
    if (startxref_count(bytes) > base::limits::max_pdf_revisions) {
        return "the file has more than " + std::to_string(base::limits::max_pdf_revisions) + " revisions";
    }
    q.setSuppressWarnings(true);
    // A file QPDF can read only by rebuilding its cross-reference table was damaged or truncated:
    // what it says is not what was signed.
    q.setAttemptRecovery(false);
    q.processMemoryFile(name.c_str(), bytes.data(), bytes.size());
    if (q.getObjectCount() > base::limits::max_pdf_objects) {
        return "the file has more than " + std::to_string(base::limits::max_pdf_objects) + " objects";
    }
    return std::nullopt;
}

base::Failure failure_of(const std::exception& e) {
    if (dynamic_cast<const QPDFExc*>(&e)) return {base::codes::pdf_unreadable, std::string("the file is damaged: ") + e.what()};
    if (dynamic_cast<const FileFault*>(&e)) return {base::codes::pdf_unreadable, std::string("not a PDF yoshiki reads: ") + e.what()};
    return {base::codes::internal_error, std::string("internal error: ") + e.what()};
}

std::string decoded_data(QPDFObjectHandle stream, std::size_t limit) {
    BoundedSink sink(limit);
    if (!stream.pipeStreamData(&sink, 0, qpdf_dl_all, true) || sink.exceeded) {
        if (sink.exceeded) throw FileFault("a stream decodes to more than " + std::to_string(limit >> 20) + " MiB");
        // Data its filters cannot decode (a broken deflate stream, a filter QPDF does not know) is
        // the file's, as a bound is.
        throw FileFault("a stream cannot be decoded");
    }
    return std::move(sink.out);
}

}  // namespace yoshiki::read
