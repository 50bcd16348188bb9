// A PDF as QPDF reads it, within bounds (read/bounded.hpp): the one reader of PDFs, for sign,
// verify, archive and extract alike. It answers what they ask of a file from anyone: its approval
// boxes (signature fields) in the order of the form and their values, its trailer, the files
// embedded in it, and what the document shows that differs from an earlier revision of it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/failure.hpp"

namespace yoshiki::read {

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

// A difference between two revisions, in what a reader of the document sees: the indirect object
// of the newer revision that holds it (number 0: the trailer), the path to it from there
// ("/Rotate", "/Annots[2]", "its stream data"), and the path by which that object was first reached
// from the trailer ("/Root/Pages/Kids[0]").
struct ShownChange {
    ObjectRef holder;
    std::string path;
    std::string reached_as;
};

// A subtree the comparison passes over: `path` (a key, "/V") of the object `holder`.
struct ChangeAllowance {
    ObjectRef holder;
    std::string path;
};

// An approval box: a signature field merged with its widget.
struct SignatureBox {
    std::string name;         // /T: the approver's title; on each sheet, title.N (町長.3)
    std::string description;  // /TU
    ObjectRef ref;
    int page = 0;             // 0-based
    std::array<double, 4> rect{};
    std::optional<SignatureValue> value;  // signed
};

// A file embedded in the PDF (PDF 32000-1, 7.11.4), decoded.
struct EmbeddedFile {
    std::string name;          // as the file specification names it (/UF, else /F)
    std::string relationship;  // /AFRelationship without its slash: Source, Data …
    std::string mime_type;
    std::string bytes;
    std::string checksum;         // /Params /CheckSum as stored: the MD5 of the bytes, if intact
    std::size_t stated_size = 0;  // /Params /Size
};

class PdfFile {
public:
    ~PdfFile();
    PdfFile(const PdfFile&) = delete;
    PdfFile& operator=(const PdfFile&) = delete;

    // Reads a PDF from memory. Null with the reason in failure (code pdf-unreadable) when QPDF
    // cannot read it, or reads it only by repairing it (a damaged or truncated file is not signed,
    // trusted nor archived), or when it is past a bound of base/limits.hpp.
    static std::unique_ptr<PdfFile> read(std::string bytes, base::Failure& failure);
    // The file's earlier revision that ends at `end` (a signature's), read as read() reads a file:
    // it shares this file's bytes rather than copying them.
    std::unique_ptr<PdfFile> revision(std::size_t end, base::Failure& failure) const;

    std::string_view bytes() const { return bytes_; }
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
    // The embedded files, in the order of the /EmbeddedFiles name tree.
    std::vector<EmbeddedFile> embedded_files() const;
    // An embedded file that is a layout (an associated file with /AFRelationship /Data, as
    // yoshiki embeds the layout a PDF was made with): its name and bytes.
    std::optional<std::pair<std::string, std::string>> embedded_layout() const;
    // What a re-rendering needs to make the same bytes: the Info dictionary's /CreationDate as
    // yoshiki writes it (D:YYYYMMDDHHmmSSZ), in seconds since 1970, and whether it is tagged.
    std::optional<std::int64_t> created() const;
    bool tagged() const;

    // An object's dictionary, as PDF syntax, with keys set to raw values (for an update).
    std::string dictionary_with(const ObjectRef& ref, const std::vector<std::pair<std::string, std::string>>& keys) const;
    // The catalog's /AcroForm written inline, with keys set: for a catalog that holds it directly.
    std::string inline_acroform_with(const std::vector<std::pair<std::string, std::string>>& keys) const;
    // What the document shows that differs from `older` (an earlier revision of the same file):
    // everything reachable from the trailer's /Root and /Info is compared by value, following
    // references in both files side by side, so that a change is found whatever object numbers
    // it is written under (a new catalog, a copied page). Objects nothing refers to are not
    // shown and not compared. `skip` names subtrees not to compare (an approval box that the
    // newer revision signs: its value and appearance are that signature's).
    std::vector<ShownChange> changes_from(const PdfFile& older, const std::vector<ChangeAllowance>& skip) const;
    // The object number of the signature field named `title` in this revision, if it has one.
    std::optional<ObjectRef> field(const std::string& title) const;
    // What kind of object it is, in words: "page 1 (object 5)", "the catalog (object 1)" …
    std::string describe(const ObjectRef& ref) const;

private:
    PdfFile();
    struct Impl;
    static std::unique_ptr<PdfFile> open(std::shared_ptr<const std::string> buffer, std::size_t size, base::Failure& failure);
    std::unique_ptr<Impl> impl_;
    std::shared_ptr<const std::string> buffer_;  // the whole file as given; revisions share it
    std::string_view bytes_;                     // this revision's part of it
};

}  // namespace yoshiki::read
