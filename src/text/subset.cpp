#include "text/subset.hpp"

#include <hb-subset.h>

#include "text/font_handles.hpp"

namespace yoshiki::text {

FontSubset subset(const Font& font, const std::vector<std::uint32_t>& gids) {
    FontSubset out;
    hb_subset_input_t* input = hb_subset_input_create_or_fail();
    if (!input) return out;
    hb_set_t* glyphs = hb_subset_input_glyph_set(input);
    for (std::uint32_t g : gids) hb_set_add(glyphs, g);
    // A PDF's CIDFontType2 reaches glyphs through CIDToGIDMap, so the font's own cmap, layout
    // tables (GSUB/GPOS: shaping is done) and vertical metrics are dead weight in the file.
    hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (const char* tag : {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "vhea", "vmtx", "VORG", "DSIG", "gasp",
                            "hdmx", "LTSH", "VDMX", "kern", "name", "cmap"}) {
        hb_set_add(drop, hb_tag_from_string(tag, 4));
    }
    hb_set_clear(hb_subset_input_set(input, HB_SUBSET_SETS_UNICODE));
    hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);

    auto& h = const_cast<Font::Handles&>(font.handles());
    hb_face_t* source = h.face;
    if (++h.subsets > 2) {
        std::call_once(h.preprocess_once, [&h] { h.preprocessed = hb_subset_preprocess(h.face); });
        if (h.preprocessed) source = h.preprocessed;
    }
    hb_subset_plan_t* plan = hb_subset_plan_create_or_fail(source, input);
    if (plan) {
        const hb_map_t* map = hb_subset_plan_old_to_new_glyph_mapping(plan);
        for (std::uint32_t g : gids) out.new_gids.push_back(hb_map_get(map, g));
        hb_face_t* face = hb_subset_plan_execute_or_fail(plan);
        if (face) {
            hb_blob_t* blob = hb_face_reference_blob(face);
            unsigned len = 0;
            const char* data = hb_blob_get_data(blob, &len);
            out.bytes.assign(data, len);
            hb_blob_destroy(blob);
            hb_face_destroy(face);
        }
        hb_subset_plan_destroy(plan);
    }
    hb_subset_input_destroy(input);
    if (out.bytes.empty()) out.new_gids.clear();
    return out;
}

}  // namespace yoshiki::text
