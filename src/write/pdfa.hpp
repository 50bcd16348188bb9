// PDF/A-3 (ISO 19005-3): what a document needs beyond yoshiki's usual PDF to claim it: an output
// intent that says how its colours are meant (sRGB, the profile embedded), and the pdfaid
// identification in its XMP (src/pdf/xmp.cpp). The rest of what PDF/A asks (fonts embedded, a
// document ID, XMP that agrees with the Info dictionary, no encryption, no LZW) every yoshiki
// PDF has; docs/pdfa.md lists the clauses and how the tests check them.
#pragma once

#include <hpdf.h>

#include <string_view>

namespace yoshiki::write {

// The sRGB IEC 61966-2.1 profile of icc-profiles-free (ICC v2, Zlib licence), compiled into
// yoshiki at build time (srgb_icc.cpp, made by CMake): a document's bytes then do not depend on
// which version of the package a machine has installed.
std::string_view srgb_icc_profile();

// Adds /OutputIntents with the sRGB profile to the catalog (6.2.3). Every page is drawn in
// DeviceGray, which PDF/A allows only under an output intent (6.2.4.3).
void add_output_intent(HPDF_Doc doc);

}  // namespace yoshiki::write
