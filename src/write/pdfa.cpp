#include "write/pdfa.hpp"

#include "write/hpdf_internals.hpp"
#include "write/pdf_objects.hpp"
#include "pdf/deflate.hpp"

namespace yoshiki::write {

void add_output_intent(HPDF_Doc doc) {
    HPDF_MMgr mm = hpdf::mmgr(doc);
    HPDF_Dict profile = hpdf::new_deflated_stream(doc, pdf::deflate(srgb_icc_profile(), pdf::best_compression));
    HPDF_Dict_AddNumber(profile, "N", 3);
    HPDF_Dict intent = HPDF_Dict_New(mm);
    HPDF_Dict_AddName(intent, "Type", "OutputIntent");
    HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");  // the subtype PDF/A-1, -2 and -3 all use
    // The registered name of the condition (ICC's characterization registry) and its words.
    HPDF_Dict_Add(intent, "OutputConditionIdentifier", HPDF_String_New(mm, "sRGB IEC61966-2.1", nullptr));
    HPDF_Dict_Add(intent, "RegistryName", HPDF_String_New(mm, "http://www.color.org", nullptr));
    HPDF_Dict_Add(intent, "Info", HPDF_String_New(mm, "sRGB IEC61966-2.1", nullptr));
    HPDF_Dict_Add(intent, "DestOutputProfile", profile);
    HPDF_Array intents = HPDF_Array_New(mm);
    HPDF_Array_Add(intents, intent);
    HPDF_Dict_Add(hpdf::catalog(doc), "OutputIntents", intents);
}

}  // namespace yoshiki::write
