// Verifying the signatures of a PDF already read (src/read): what verify_pdf does after reading
// the file, for sign, which has read it already to find its boxes.
#pragma once

#include <yoshiki/sign.hpp>

#include <cstdint>
#include <string>

#include "read/pdf_file.hpp"

namespace yoshiki::sign {

// Every signature of the file. A damage QPDF finds only late (an object it reads on demand)
// throws, as any read of a PdfFile may: verify_pdf and sign_pdf catch it and say which it is.
VerifyReport verify_file(const read::PdfFile& file, const std::string& trust_pem, std::int64_t now);

}  // namespace yoshiki::sign
