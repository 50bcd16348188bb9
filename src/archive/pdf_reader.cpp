#include "archive/pdf_reader.hpp"

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEFStreamObjectHelper.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>

namespace yoshiki::archive {

PdfContents read_embedded_files(const std::string& name, std::string_view pdf) {
    PdfContents out;
    try {
        QPDF q;
        q.setSuppressWarnings(true);
        q.setAttemptRecovery(false);
        q.processMemoryFile(name.c_str(), pdf.data(), pdf.size());
        QPDFEmbeddedFileDocumentHelper helper(q);
        for (const auto& [key, spec] : helper.getEmbeddedFiles()) {
            EmbeddedFile file;
            file.name = spec->getFilename();
            if (file.name.empty()) file.name = key;
            QPDFObjectHandle rel = spec->getObjectHandle().getKey("/AFRelationship");
            if (rel.isName()) file.relationship = rel.getName().substr(1);
            QPDFEFStreamObjectHelper stream(spec->getEmbeddedFileStream());
            file.mime_type = stream.getSubtype();
            auto data = stream.getObjectHandle().getStreamData(qpdf_dl_all);
            file.bytes.assign(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
            file.checksum = stream.getChecksum();
            file.stated_size = stream.getSize();
            out.files.push_back(std::move(file));
        }
    } catch (const std::exception& e) {
        out.files.clear();
        out.error = e.what();
    }
    return out;
}

}  // namespace yoshiki::archive
