// The files a PDF carries (PdfFile::embedded_files), and the facts of its Info dictionary and
// catalog a re-rendering needs: what extract hands back and what archive and verify compare.
#include <qpdf/QPDFEFStreamObjectHelper.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>

#include "base/date.hpp"
#include "base/limits.hpp"
#include "base/utf8.hpp"
#include "read/bounded.hpp"
#include "read/handles.hpp"
#include "read/pdf_file.hpp"

namespace yoshiki::read {

namespace {

// D:YYYYMMDDHHmmSSZ (the UTC form yoshiki writes, PDF 32000-1, 7.9.4), as seconds since 1970;
// nullopt for any other form.
std::optional<std::int64_t> utc_date(const std::string& s) {
    if (s.size() < 17 || s.compare(0, 2, "D:") != 0 || s[16] != 'Z') return std::nullopt;
    int f[6];
    const int at[6] = {2, 6, 8, 10, 12, 14}, len[6] = {4, 2, 2, 2, 2, 2};
    for (int i = 0; i < 6; ++i) {
        f[i] = 0;
        for (int k = 0; k < len[i]; ++k) {
            char c = s[static_cast<std::size_t>(at[i] + k)];
            if (c < '0' || c > '9') return std::nullopt;
            f[i] = f[i] * 10 + (c - '0');
        }
    }
    if (f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > 31 || f[3] > 23 || f[4] > 59 || f[5] > 59) return std::nullopt;
    return base::days_from_civil(f[0], f[1], f[2]) * 86400 + f[3] * 3600 + f[4] * 60 + f[5];
}

}  // namespace

std::vector<EmbeddedFile> PdfFile::embedded_files() const {
    std::vector<EmbeddedFile> out;
    QPDFEmbeddedFileDocumentHelper helper(impl_->qpdf);
    for (const auto& [key, spec] : helper.getEmbeddedFiles()) {
        EmbeddedFile file;
        file.name = spec->getFilename();
        if (file.name.empty()) file.name = key;
        // A file specification that names no stream states a file the PDF does not hold: that is
        // the file's fault, and passing over it would hide a file from extract and verify.
        QPDFObjectHandle data = spec->getEmbeddedFileStream();
        if (!data.isStream()) throw FileFault("the embedded file " + base::utf8::clip(file.name) + " has no data stream");
        file.relationship = name_of(spec->getObjectHandle(), "/AFRelationship");
        QPDFEFStreamObjectHelper stream(data);
        file.mime_type = stream.getSubtype();
        file.bytes = decoded_data(data, base::limits::max_pdf_stream_bytes);
        file.checksum = stream.getChecksum();
        file.stated_size = stream.getSize();
        out.push_back(std::move(file));
    }
    return out;
}

std::optional<std::pair<std::string, std::string>> PdfFile::embedded_layout() const {
    for (EmbeddedFile& file : embedded_files()) {
        if (file.relationship == "Data" && file.bytes.find("<layout") != std::string::npos) {
            return std::make_pair(std::move(file.name), std::move(file.bytes));
        }
    }
    return std::nullopt;
}

std::optional<std::int64_t> PdfFile::created() const {
    QPDFObjectHandle info = impl_->qpdf.getTrailer().getKey("/Info");
    if (!info.isDictionary() || !info.getKey("/CreationDate").isString()) return std::nullopt;
    return utc_date(info.getKey("/CreationDate").getStringValue());
}

bool PdfFile::tagged() const { return impl_->qpdf.getRoot().getKey("/StructTreeRoot").isDictionary(); }

}  // namespace yoshiki::read
