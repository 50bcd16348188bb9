#include "sign/pdf_file.hpp"

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include <cstdlib>
#include <set>
#include <stdexcept>

namespace yoshiki::sign {

struct PdfFile::Impl {
    QPDF qpdf;
};

PdfFile::PdfFile() : impl_(std::make_unique<Impl>()) {}
PdfFile::~PdfFile() = default;

namespace {

ObjectRef ref_of(QPDFObjectHandle h) { return ObjectRef{h.getObjectID(), h.getGeneration()}; }

std::string name_of(QPDFObjectHandle dict, const char* key) {
    QPDFObjectHandle v = dict.isDictionary() ? dict.getKey(key) : QPDFObjectHandle::newNull();
    return v.isName() ? v.getName().substr(1) : std::string();
}

std::string text_of(QPDFObjectHandle dict, const char* key) {
    QPDFObjectHandle v = dict.isDictionary() ? dict.getKey(key) : QPDFObjectHandle::newNull();
    return v.isString() ? v.getUTF8Value() : std::string();
}

// A dictionary's entries, unchanged ones as QPDF reads them, the given ones replaced or added.
std::string dictionary_text(QPDFObjectHandle dict, const std::vector<std::pair<std::string, std::string>>& keys) {
    std::string out = "<<";
    for (const std::string& key : dict.getKeys()) {
        bool replaced = false;
        for (const auto& [k, v] : keys) replaced |= k == key;
        if (replaced) continue;
        out += " " + QPDFObjectHandle::newName(key).unparse() + " " + dict.getKey(key).unparse();
    }
    for (const auto& [k, v] : keys) out += " " + k + " " + v;
    return out + " >>";
}

std::optional<SignatureValue> signature_value(QPDFObjectHandle v) {
    if (!v.isDictionary()) return std::nullopt;
    SignatureValue s;
    s.ref = ref_of(v);
    QPDFObjectHandle range = v.getKey("/ByteRange");
    if (range.isArray()) {
        for (QPDFObjectHandle n : range.getArrayAsVector()) s.byte_range.push_back(n.isInteger() ? n.getIntValue() : -1);
    }
    QPDFObjectHandle contents = v.getKey("/Contents");
    if (contents.isString()) s.contents = contents.getStringValue();
    s.sub_filter = name_of(v, "/SubFilter");
    QPDFObjectHandle m = v.getKey("/M");
    if (m.isString()) s.signing_time = m.getStringValue();
    QPDFObjectHandle refs = v.getKey("/Reference");
    if (refs.isArray()) {
        for (QPDFObjectHandle r : refs.getArrayAsVector()) {
            if (name_of(r, "/TransformMethod") != "DocMDP") continue;
            QPDFObjectHandle p = r.getKey("/TransformParams").isDictionary() ? r.getKey("/TransformParams").getKey("/P")
                                                                              : QPDFObjectHandle::newNull();
            s.docmdp = p.isInteger() ? static_cast<int>(p.getIntValue()) : 2;  // /P defaults to 2
        }
    }
    return s;
}

}  // namespace

std::unique_ptr<PdfFile> PdfFile::read(std::string bytes, std::string& error) {
    std::unique_ptr<PdfFile> f(new PdfFile());
    f->bytes_ = std::move(bytes);
    QPDF& q = f->impl_->qpdf;
    q.setSuppressWarnings(true);
    // A file QPDF can read only by rebuilding its cross-reference table was damaged or truncated:
    // what it says is not what was signed.
    q.setAttemptRecovery(false);
    try {
        q.processMemoryFile("PDF", f->bytes_.data(), f->bytes_.size());
        q.getRoot();
        if (q.anyWarnings()) {
            error = "the file is damaged: " + q.getWarnings().front().getMessageDetail();
            return nullptr;
        }
    } catch (const std::exception& e) {
        // QPDF's message starts with the file's description, "PDF", which says nothing here.
        std::string why = e.what();
        if (why.rfind("PDF", 0) == 0) why = why.substr(why.find(':') == std::string::npos ? 0 : why.find(':') + 2);
        error = "not a readable PDF: " + why;
        return nullptr;
    }
    return f;
}

std::vector<SignatureBox> PdfFile::boxes() const {
    QPDF& q = impl_->qpdf;
    std::vector<SignatureBox> out;
    QPDFObjectHandle form = q.getRoot().getKey("/AcroForm");
    if (!form.isDictionary() || !form.getKey("/Fields").isArray()) return out;
    std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(q).getAllPages();
    for (QPDFObjectHandle field : form.getKey("/Fields").getArrayAsVector()) {
        if (!field.isDictionary() || name_of(field, "/FT") != "Sig") continue;
        SignatureBox b;
        b.name = text_of(field, "/T");
        b.description = text_of(field, "/TU");
        b.ref = ref_of(field);
        QPDFObjectHandle rect = field.getKey("/Rect");
        if (rect.isArray() && rect.getArrayNItems() == 4) {
            for (int k = 0; k < 4; ++k) {
                QPDFObjectHandle n = rect.getArrayItem(k);
                b.rect[static_cast<std::size_t>(k)] = n.isNumber() ? n.getNumericValue() : 0;
            }
        }
        QPDFObjectHandle page = field.getKey("/P");
        for (std::size_t i = 0; i < pages.size(); ++i) {
            if (pages[i].getObjectHandle().getObjGen() == page.getObjGen()) b.page = static_cast<int>(i);
        }
        b.value = signature_value(field.getKey("/V"));
        out.push_back(std::move(b));
    }
    return out;
}

std::string PdfFile::creator() const {
    QPDFObjectHandle info = impl_->qpdf.getTrailer().getKey("/Info");
    return text_of(info, "/Creator");
}

std::string PdfFile::xmp_label() const {
    QPDFObjectHandle meta = impl_->qpdf.getRoot().getKey("/Metadata");
    if (!meta.isStream()) return {};
    std::shared_ptr<Buffer> data = meta.getStreamData();
    std::string xmp(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
    std::size_t a = xmp.find("<xmp:Label>");
    std::size_t b = a == std::string::npos ? a : xmp.find("</xmp:Label>", a);
    return b == std::string::npos ? std::string() : xmp.substr(a + 11, b - a - 11);
}

ObjectRef PdfFile::root() const { return ref_of(impl_->qpdf.getRoot()); }

std::optional<ObjectRef> PdfFile::info() const {
    QPDFObjectHandle info = impl_->qpdf.getTrailer().getKey("/Info");
    if (!info.isIndirect()) return std::nullopt;
    return ref_of(info);
}

std::optional<ObjectRef> PdfFile::acroform() const {
    QPDFObjectHandle form = impl_->qpdf.getRoot().getKey("/AcroForm");
    if (!form.isIndirect()) return std::nullopt;
    return ref_of(form);
}

bool PdfFile::certified() const {
    QPDFObjectHandle perms = impl_->qpdf.getRoot().getKey("/Perms");
    return perms.isDictionary() && perms.hasKey("/DocMDP");
}

int PdfFile::object_count() const {
    QPDFObjectHandle size = impl_->qpdf.getTrailer().getKey("/Size");
    return size.isInteger() ? static_cast<int>(size.getIntValue()) : 0;
}

std::string PdfFile::first_id() const {
    QPDFObjectHandle id = impl_->qpdf.getTrailer().getKey("/ID");
    if (!id.isArray() || id.getArrayNItems() < 1 || !id.getArrayItem(0).isString()) return {};
    return id.getArrayItem(0).getStringValue();
}

long long PdfFile::last_xref() const {
    // The file's last "startxref" line, as every reader starts from it (PDF 32000-1, 7.5.5).
    std::size_t at = bytes_.rfind("startxref");
    if (at == std::string::npos) return -1;
    return std::strtoll(bytes_.c_str() + at + 9, nullptr, 10);
}

bool PdfFile::has_previous_xref() const { return impl_->qpdf.getTrailer().hasKey("/Prev"); }

std::optional<std::pair<std::string, std::string>> PdfFile::embedded_layout() const {
    QPDFEmbeddedFileDocumentHelper files(impl_->qpdf);
    for (const auto& [name, spec] : files.getEmbeddedFiles()) {
        if (name_of(spec->getObjectHandle(), "/AFRelationship") != "Data") continue;
        QPDFObjectHandle stream = spec->getEmbeddedFileStream();
        if (!stream.isStream()) continue;
        std::shared_ptr<Buffer> data = stream.getStreamData();
        std::string bytes(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
        if (bytes.find("<layout") == std::string::npos) continue;
        return std::make_pair(spec->getFilename(), std::move(bytes));
    }
    return std::nullopt;
}

std::string PdfFile::dictionary_with(const ObjectRef& ref, const std::vector<std::pair<std::string, std::string>>& keys) const {
    QPDFObjectHandle h = impl_->qpdf.getObject(ref.number, ref.generation);
    if (!h.isDictionary()) throw std::runtime_error("object " + ref.text() + " is not a dictionary");
    return dictionary_text(h, keys);
}

std::string PdfFile::inline_acroform_with(const std::vector<std::pair<std::string, std::string>>& keys) const {
    QPDFObjectHandle root = impl_->qpdf.getRoot();
    std::string form = dictionary_text(root.getKey("/AcroForm"), keys);
    return dictionary_text(root, {{"/AcroForm", form}});
}

std::vector<ObjectRef> PdfFile::objects_written_from(long long offset) const {
    std::vector<ObjectRef> out;
    for (const auto& [og, entry] : impl_->qpdf.getXRefTable()) {
        // Type 1: an object at an offset of its own; type 2 (in an object stream): at the stream's.
        long long at = entry.getType() == 1 ? entry.getOffset() : -1;
        if (entry.getType() == 2) {
            auto stream = impl_->qpdf.getXRefTable().find(QPDFObjGen(entry.getObjStreamNumber(), 0));
            if (stream != impl_->qpdf.getXRefTable().end()) at = stream->second.getOffset();
        }
        if (at >= offset) out.push_back(ObjectRef{og.getObj(), og.getGen()});
    }
    return out;
}

std::string PdfFile::object_text(const ObjectRef& ref) const {
    QPDFObjectHandle h = impl_->qpdf.getObject(ref.number, ref.generation);
    if (h.isNull()) return {};
    if (!h.isStream()) return h.unparseResolved();
    std::shared_ptr<Buffer> raw = h.getRawStreamData();
    return h.getDict().unparse() + "\nstream\n" + std::string(reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize());
}

std::string PdfFile::describe(const ObjectRef& ref) const {
    QPDF& q = impl_->qpdf;
    QPDFObjectHandle h = q.getObject(ref.number, ref.generation);
    std::string what = "object " + std::to_string(ref.number);
    if (h.getObjGen() == q.getRoot().getObjGen()) return "the catalog (" + what + ")";
    if (h.getObjGen() == q.getTrailer().getKey("/Info").getObjGen()) return "the document information (" + what + ")";
    QPDFObjectHandle d = h.isStream() ? h.getDict() : h;
    std::string type = name_of(d, "/Type");
    if (type == "Page") {
        std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(q).getAllPages();
        for (std::size_t i = 0; i < pages.size(); ++i) {
            if (pages[i].getObjectHandle().getObjGen() == h.getObjGen()) return "page " + std::to_string(i + 1) + " (" + what + ")";
        }
    }
    if (name_of(d, "/FT") == "Sig") return "the signature field " + text_of(d, "/T") + " (" + what + ")";
    if (type == "Sig") return "a signature (" + what + ")";
    if (h.isStream()) {
        // Page content is a stream that some page names as its /Contents.
        for (QPDFPageObjectHelper page : QPDFPageDocumentHelper(q).getAllPages()) {
            for (QPDFObjectHandle c : page.getPageContents()) {
                if (c.getObjGen() == h.getObjGen()) return "the content of a page (" + what + ")";
            }
        }
        return "a stream (" + what + ")";
    }
    return what;
}

std::vector<std::string> PdfFile::changed_keys(const ObjectRef& ref, const PdfFile& older) const {
    QPDFObjectHandle a = impl_->qpdf.getObject(ref.number, ref.generation);
    QPDFObjectHandle b = older.impl_->qpdf.getObject(ref.number, ref.generation);
    if (a.isStream() != b.isStream()) return {"(its kind)"};
    std::vector<std::string> out;
    if (a.isStream()) {
        if (object_text(ref) != older.object_text(ref)) {
            std::shared_ptr<Buffer> x = a.getRawStreamData(), y = b.getRawStreamData();
            if (x->getSize() != y->getSize() || std::string(reinterpret_cast<const char*>(x->getBuffer()), x->getSize()) !=
                                                     std::string(reinterpret_cast<const char*>(y->getBuffer()), y->getSize())) {
                out.push_back("(its data)");
            }
        }
        a = a.getDict();
        b = b.getDict();
    }
    if (!a.isDictionary() || !b.isDictionary()) {
        if (a.unparseResolved() != b.unparseResolved()) out.push_back("(its value)");
        return out;
    }
    std::set<std::string> keys = a.getKeys();
    for (const std::string& k : b.getKeys()) keys.insert(k);
    for (const std::string& k : keys) {
        if (a.getKey(k).unparse() != b.getKey(k).unparse()) out.push_back(k);
    }
    return out;
}

}  // namespace yoshiki::sign
