#include "write/attachments.hpp"

#include <algorithm>
#include <stdexcept>

#include "write/hpdf_internals.hpp"
#include "write/pdf_objects.hpp"
#include "pdf/deflate.hpp"
#include "pdf/syntax.hpp"

namespace yoshiki::write {

namespace {

// A MIME type as a PDF name: "application/xml" → /application#2Fxml (7.3.5: '/' is a delimiter).
// libharu escapes the bytes of a name it writes, so the name is given as the type itself.
HPDF_Dict embedded_file_stream(HPDF_Doc doc, const AssociatedFile& file, const std::string& date) {
    HPDF_MMgr mm = hpdf::mmgr(doc);
    HPDF_Dict stream = hpdf::new_deflated_stream(doc, pdf::deflate(file.bytes, pdf::best_compression));
    HPDF_Dict_AddName(stream, "Type", "EmbeddedFile");
    HPDF_Dict_AddName(stream, "Subtype", file.mime_type.c_str());
    HPDF_Dict params = HPDF_Dict_New(mm);
    HPDF_Dict_AddNumber(params, "Size", static_cast<HPDF_INT32>(file.bytes.size()));
    HPDF_Dict_Add(params, "ModDate", HPDF_String_New(mm, date.c_str(), nullptr));
    if (file.md5.size() != 16) throw std::runtime_error("an embedded file without its MD5 checksum");
    HPDF_Dict_Add(params, "CheckSum", HPDF_Binary_New(mm, reinterpret_cast<HPDF_BYTE*>(const_cast<char*>(file.md5.data())), 16));
    HPDF_Dict_Add(stream, "Params", params);
    return stream;
}

// The key of a name tree entry: the bytes of the text string, which is what the tree is sorted by.
std::string key_bytes(const std::string& utf8) {
    bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
    return ascii ? utf8 : "\xFE\xFF" + pdf::utf16be(utf8);
}

}  // namespace

void embed_files(HPDF_Doc doc, const std::vector<AssociatedFile>& files, std::int64_t mod_date) {
    if (files.empty()) return;
    HPDF_MMgr mm = hpdf::mmgr(doc);
    std::string date = pdf_date(mod_date);
    HPDF_Array af = HPDF_Array_New(mm);
    std::vector<std::pair<std::string, HPDF_Dict>> tree;
    for (const AssociatedFile& file : files) {
        HPDF_Dict spec = hpdf::new_indirect_dict(doc);
        HPDF_Dict_AddName(spec, "Type", "Filespec");
        HPDF_Dict_Add(spec, "F", text_string(doc, file.name));
        HPDF_Dict_Add(spec, "UF", text_string(doc, file.name));
        if (!file.description.empty()) HPDF_Dict_Add(spec, "Desc", text_string(doc, file.description));
        HPDF_Dict_AddName(spec, "AFRelationship", file.relationship.c_str());
        HPDF_Dict ef = HPDF_Dict_New(mm);
        HPDF_Dict stream = embedded_file_stream(doc, file, date);
        HPDF_Dict_Add(ef, "F", stream);
        HPDF_Dict_Add(ef, "UF", stream);
        HPDF_Dict_Add(spec, "EF", ef);
        HPDF_Array_Add(af, spec);
        tree.emplace_back(key_bytes(file.name), spec);
    }
    // A name tree's keys are in the order of their bytes (PDF 32000-1, 7.9.6); two files of one
    // name would make one of them unreachable, which the caller prevents.
    std::sort(tree.begin(), tree.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t k = 1; k < tree.size(); ++k) {
        if (tree[k].first == tree[k - 1].first) throw std::runtime_error("two embedded files of one name");
    }
    HPDF_Array names = HPDF_Array_New(mm);
    for (const auto& [key, spec] : tree) {
        HPDF_Array_Add(names, HPDF_Binary_New(mm, reinterpret_cast<HPDF_BYTE*>(const_cast<char*>(key.data())),
                                              static_cast<HPDF_UINT>(key.size())));
        HPDF_Array_Add(names, spec);
    }
    HPDF_Dict embedded = HPDF_Dict_New(mm);
    HPDF_Dict_Add(embedded, "Names", names);
    HPDF_Dict name_dict = HPDF_Dict_New(mm);
    HPDF_Dict_Add(name_dict, "EmbeddedFiles", embedded);
    HPDF_Dict catalog = hpdf::catalog(doc);
    HPDF_Dict_Add(catalog, "Names", name_dict);
    HPDF_Dict_Add(catalog, "AF", af);
}

}  // namespace yoshiki::write
