// Inside the reader (src/read/ only): the QPDF document behind a PdfFile, and the small questions
// every part of the reader asks of QPDF's handles.
#pragma once

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <string>

#include "read/pdf_file.hpp"

namespace yoshiki::read {

struct PdfFile::Impl {
    QPDF qpdf;
};

inline ObjectRef ref_of(QPDFObjectHandle h) { return ObjectRef{h.getObjectID(), h.getGeneration()}; }

// A dictionary's name value without its slash, or nothing.
inline std::string name_of(QPDFObjectHandle dict, const char* key) {
    QPDFObjectHandle v = dict.isDictionary() ? dict.getKey(key) : QPDFObjectHandle::newNull();
    return v.isName() ? v.getName().substr(1) : std::string();
}

// A dictionary's text string value, as UTF-8, or nothing.
inline std::string text_of(QPDFObjectHandle dict, const char* key) {
    QPDFObjectHandle v = dict.isDictionary() ? dict.getKey(key) : QPDFObjectHandle::newNull();
    return v.isString() ? v.getUTF8Value() : std::string();
}

}  // namespace yoshiki::read
