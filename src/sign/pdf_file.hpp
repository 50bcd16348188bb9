// A PDF as QPDF reads it (any PDF, robustly; src/sign only), and the facts signing and verifying
// need from it: its approval boxes (signature fields) in the order of the form, their values,
// the trailer, and what was written after a given byte of the file.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace yoshiki::sign {

struct ObjectRef {
    int number = 0, generation = 0;
    std::string text() const { return std::to_string(number) + " " + std::to_string(generation) + " R"; }
    bool operator==(const ObjectRef& o) const { return number == o.number && generation == o.generation; }
};

// A signature dictionary (PDF 32000-1, 12.8.1): the signed field's /V.
struct SignatureValue {
    ObjectRef ref;
    std::vector<long long> byte_range;
    std::string contents;      // the CMS, with the placeholder's padding
    std::string sub_filter;    // ETSI.CAdES.detached
    std::string signing_time;  // /M as written, "D:20261201093000+09'00'"
    std::optional<int> docmdp; // the /P of a certification signature (DocMDP), if it is one
};

// An approval box: a signature field merged with its widget.
struct SignatureBox {
    std::string name;         // /T: the approver's title
    std::string description;  // /TU
    ObjectRef ref;
    int page = 0;             // 0-based
    std::array<double, 4> rect{};
    std::optional<SignatureValue> value;  // signed
};

class PdfFile {
public:
    ~PdfFile();
    PdfFile(const PdfFile&) = delete;
    PdfFile& operator=(const PdfFile&) = delete;

    // Reads a PDF from memory. Null with the reason in error when QPDF cannot read it, or reads
    // it only by repairing it (a damaged or truncated file is not signed nor trusted).
    static std::unique_ptr<PdfFile> read(std::string bytes, std::string& error);

    const std::string& bytes() const { return bytes_; }
    // The signature fields of the interactive form, in the order of /Fields.
    std::vector<SignatureBox> boxes() const;
    std::string creator() const;       // Info /Creator
    std::string xmp_label() const;     // xmp:Label of the catalog's metadata: draft or final
    ObjectRef root() const;
    std::optional<ObjectRef> info() const;
    std::optional<ObjectRef> acroform() const;  // when the form is an object of its own
    bool certified() const;            // the catalog has /Perms /DocMDP
    int object_count() const;          // the trailer's /Size
    std::string first_id() const;      // the first element of the trailer's /ID, bytes
    long long last_xref() const;       // the offset startxref gives
    bool has_previous_xref() const;    // the last section's trailer has /Prev: the file was updated
    // An embedded file that is a layout (an associated file with /AFRelationship /Data, as
    // yoshiki embeds the layout a PDF was made with): its name and bytes.
    std::optional<std::pair<std::string, std::string>> embedded_layout() const;

    // An object's dictionary, as PDF syntax, with keys set to raw values (for an update).
    std::string dictionary_with(const ObjectRef& ref, const std::vector<std::pair<std::string, std::string>>& keys) const;
    // The catalog's /AcroForm written inline, with keys set: for a catalog that holds it directly.
    std::string inline_acroform_with(const std::vector<std::pair<std::string, std::string>>& keys) const;
    // Objects whose definition in force starts at or after byte `offset`: what later updates wrote
    // (new objects and new versions of old ones).
    std::vector<ObjectRef> objects_written_from(long long offset) const;
    // An object as PDF syntax (a stream: its dictionary and its raw data), to compare two versions.
    std::string object_text(const ObjectRef& ref) const;
    // What kind of object it is, in words: "the page 1", "the catalog", "a signature field" …
    std::string describe(const ObjectRef& ref) const;
    // Keys of a dictionary object (or a stream's dictionary) whose values differ from `older`'s.
    std::vector<std::string> changed_keys(const ObjectRef& ref, const PdfFile& older) const;

private:
    PdfFile();
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string bytes_;
};

}  // namespace yoshiki::sign
