#include "read/pdf_file.hpp"

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <set>
#include <stdexcept>

#include "base/limits.hpp"
#include "base/utf8.hpp"
#include "read/bounded.hpp"
#include "read/handles.hpp"

namespace yoshiki::read {

PdfFile::PdfFile() : impl_(std::make_unique<Impl>()) {}
PdfFile::~PdfFile() = default;

namespace {

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

std::unique_ptr<PdfFile> PdfFile::read(std::string bytes, base::Failure& failure) {
    const std::size_t size = bytes.size();
    return open(std::make_shared<const std::string>(std::move(bytes)), size, failure);
}

std::unique_ptr<PdfFile> PdfFile::revision(std::size_t end, base::Failure& failure) const {
    return open(buffer_, std::min(end, bytes_.size()), failure);
}

std::unique_ptr<PdfFile> PdfFile::open(std::shared_ptr<const std::string> buffer, std::size_t size, base::Failure& failure) {
    std::unique_ptr<PdfFile> f(new PdfFile());
    f->buffer_ = std::move(buffer);
    f->bytes_ = std::string_view(*f->buffer_).substr(0, size);
    QPDF& q = f->impl_->qpdf;
    try {
        if (std::optional<std::string> refused = open_bounded(q, "PDF", f->bytes_)) {
            failure = {base::codes::pdf_unreadable, "not a PDF yoshiki reads: " + *refused};
            return nullptr;
        }
        q.getRoot();
        if (q.anyWarnings()) {
            failure = {base::codes::pdf_unreadable, "the file is damaged: " + q.getWarnings().front().getMessageDetail()};
            return nullptr;
        }
    } catch (const std::exception& e) {
        // QPDF's message starts with the file's description, "PDF", which says nothing here.
        std::string why = e.what();
        if (why.rfind("PDF", 0) == 0) why = why.substr(why.find(':') == std::string::npos ? 0 : why.find(':') + 2);
        failure = {base::codes::pdf_unreadable, "not a readable PDF: " + why};
        return nullptr;
    }
    return f;
}

namespace {

// A signature field merged with its widget, as a box named `name`.
SignatureBox box_of(QPDFObjectHandle field, std::string name, const std::vector<QPDFPageObjectHelper>& pages) {
    SignatureBox b;
    b.name = std::move(name);
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
    return b;
}

}  // namespace

std::vector<SignatureBox> PdfFile::boxes() const {
    QPDF& q = impl_->qpdf;
    std::vector<SignatureBox> out;
    QPDFObjectHandle form = q.getRoot().getKey("/AcroForm");
    if (!form.isDictionary() || !form.getKey("/Fields").isArray()) return out;
    std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(q).getAllPages();
    for (QPDFObjectHandle field : form.getKey("/Fields").getArrayAsVector()) {
        if (!field.isDictionary() || name_of(field, "/FT") != "Sig") continue;
        QPDFObjectHandle kids = field.getKey("/Kids");
        if (!kids.isArray()) {
            out.push_back(box_of(field, text_of(field, "/T"), pages));
            continue;
        }
        // An approver's box on each sheet: its kids, 町長.1, 町長.2 …, one level deep as yoshiki
        // writes them. A kid past the bound, or of another kind, is no box: a change to it is a
        // change of the document (the reading fails safe).
        const std::string parent = text_of(field, "/T");
        const int n = std::min(kids.getArrayNItems(), static_cast<int>(base::limits::max_pages));
        for (int k = 0; k < n; ++k) {
            QPDFObjectHandle kid = kids.getArrayItem(k);
            if (!kid.isDictionary() || !kid.hasKey("/T") || kid.hasKey("/Kids")) continue;
            out.push_back(box_of(kid, parent + "." + text_of(kid, "/T"), pages));
        }
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
    std::string xmp = decoded_data(meta, base::limits::max_pdf_stream_bytes);
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
    // The number ends before the file does: strtoll must not read past this revision's end.
    return std::strtoll(std::string(bytes_.substr(at + 9, 24)).c_str(), nullptr, 10);
}

bool PdfFile::has_previous_xref() const { return impl_->qpdf.getTrailer().hasKey("/Prev"); }

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

std::string PdfFile::describe(const ObjectRef& ref) const {
    QPDF& q = impl_->qpdf;
    if (ref.number == 0) return "the trailer";
    QPDFObjectHandle h = q.getObject(ref.number, ref.generation);
    std::string what = "object " + std::to_string(ref.number);
    if (h.getObjGen() == q.getRoot().getObjGen()) return "the catalog (" + what + ")";
    if (h.getObjGen() == q.getTrailer().getKey("/Info").getObjGen()) return "the document information (" + what + ")";
    if (h.getObjGen() == q.getRoot().getKey("/AcroForm").getObjGen()) return "the form (" + what + ")";
    if (h.getObjGen() == q.getRoot().getKey("/Pages").getObjGen()) return "the page tree (" + what + ")";
    QPDFObjectHandle d = h.isStream() ? h.getDict() : h;
    std::string type = name_of(d, "/Type");
    if (type == "Page") {
        std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(q).getAllPages();
        for (std::size_t i = 0; i < pages.size(); ++i) {
            if (pages[i].getObjectHandle().getObjGen() == h.getObjGen()) return "page " + std::to_string(i + 1) + " (" + what + ")";
        }
    }
    if (name_of(d, "/FT") == "Sig") {
        std::string name = text_of(d, "/T");
        for (const SignatureBox& b : boxes()) {
            if (b.ref == ref) name = b.name;
        }
        return "the signature field " + name + " (" + what + ")";
    }
    if (type == "Sig") return "a signature (" + what + ")";
    if (h.isStream()) {
        // Page content is a stream that some page names as its /Contents.
        std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(q).getAllPages();
        for (std::size_t i = 0; i < pages.size(); ++i) {
            for (QPDFObjectHandle c : pages[i].getPageContents()) {
                if (c.getObjGen() == h.getObjGen()) return "the content of page " + std::to_string(i + 1) + " (" + what + ")";
            }
        }
    }
    // A box's stamp is the appearance its field names: a change of it is what a viewer shows
    // there (in every box that names it: a forger may show one stamp in two).
    std::string shown_in;
    for (const SignatureBox& b : boxes()) {
        QPDFObjectHandle ap = q.getObject(b.ref.number, b.ref.generation).getKey("/AP");
        if (ap.isDictionary() && ap.getKey("/N").getObjGen() == h.getObjGen()) shown_in += (shown_in.empty() ? "" : " and ") + b.name;
    }
    if (!shown_in.empty()) {
        return "the appearance of the signature field" + std::string(shown_in.find(" and ") == std::string::npos ? " " : "s ") +
               shown_in + " (" + what + ")";
    }
    // "a stream", "an XObject Form", "an Annot Stamp": the object's own words for what it is.
    std::string kind = type.empty() ? (h.isStream() ? "stream" : "") : type;
    std::string subtype = name_of(d, "/Subtype");
    if (!subtype.empty()) kind += (kind.empty() ? "" : " ") + subtype;
    if (kind.empty()) return what;
    return (std::string("AEIOU").find(kind[0]) != std::string::npos ? "an " : "a ") + kind + " (" + what + ")";
}

std::optional<ObjectRef> PdfFile::field(const std::string& title) const {
    for (const SignatureBox& b : boxes()) {
        if (b.name == title) return b.ref;
    }
    return std::nullopt;
}

}  // namespace yoshiki::read
