#include "archive/pdf_reader.hpp"

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEFStreamObjectHelper.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>

#include "base/date.hpp"
#include "base/limits.hpp"
#include "sign/bounded_pdf.hpp"

namespace yoshiki::archive {

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

PdfContents read_embedded_files(const std::string& name, std::string_view pdf) {
    PdfContents out;
    try {
        QPDF q;
        if (std::optional<std::string> refused = sign::open_bounded(q, name, pdf)) {
            out.error = *refused;
            return out;
        }
        QPDFEmbeddedFileDocumentHelper helper(q);
        for (const auto& [key, spec] : helper.getEmbeddedFiles()) {
            EmbeddedFile file;
            file.name = spec->getFilename();
            if (file.name.empty()) file.name = key;
            QPDFObjectHandle rel = spec->getObjectHandle().getKey("/AFRelationship");
            if (rel.isName()) file.relationship = rel.getName().substr(1);
            QPDFEFStreamObjectHelper stream(spec->getEmbeddedFileStream());
            file.mime_type = stream.getSubtype();
            file.bytes = sign::decoded_data(stream.getObjectHandle(), base::limits::max_pdf_stream_bytes);
            file.checksum = stream.getChecksum();
            file.stated_size = stream.getSize();
            out.files.push_back(std::move(file));
        }
        QPDFObjectHandle info = q.getTrailer().getKey("/Info");
        if (info.isDictionary() && info.getKey("/CreationDate").isString()) {
            out.created = utc_date(info.getKey("/CreationDate").getStringValue());
        }
        out.tagged = q.getRoot().getKey("/StructTreeRoot").isDictionary();
    } catch (const std::exception& e) {
        out.files.clear();
        out.error = e.what();
    }
    return out;
}

}  // namespace yoshiki::archive
