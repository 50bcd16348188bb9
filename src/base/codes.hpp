// The stable code of every kind of finding: short kebab-case names that tools and the editor
// match on, whatever happens to the wording of the messages. docs/diagnostics.md says what each
// means, and tests/unit/base/codes_test.cpp checks that the two lists agree and that every code
// is used.
#pragma once

#include <string_view>

namespace yoshiki::base {

// A code is a distinct type, so that a message can never be passed where a code belongs.
struct Code {
    const char* name;
    constexpr explicit Code(const char* n) : name(n) {}
    bool operator==(Code other) const { return std::string_view(name) == other.name; }
    bool operator!=(Code other) const { return !(*this == other); }
};

namespace codes {

// Files: reading them at all.
inline constexpr Code file_not_found{"file-not-found"};
inline constexpr Code file_unreadable{"file-unreadable"};
inline constexpr Code file_not_regular{"file-not-regular"};
inline constexpr Code file_outside_roots{"file-outside-roots"};
inline constexpr Code file_too_large{"file-too-large"};
inline constexpr Code file_empty{"file-empty"};

// Encodings.
inline constexpr Code encoding_invalid{"encoding-invalid"};
inline constexpr Code encoding_contradicted{"encoding-contradicted"};
inline constexpr Code encoding_unsupported{"encoding-unsupported"};
inline constexpr Code encoding_unavailable{"encoding-unavailable"};

// XML itself.
inline constexpr Code xml_malformed{"xml-malformed"};
inline constexpr Code xml_forbidden_character{"xml-forbidden-character"};
inline constexpr Code xml_declaration_not_first{"xml-declaration-not-first"};
inline constexpr Code xml_processing_instruction{"xml-processing-instruction"};
inline constexpr Code xml_doctype{"xml-doctype"};
inline constexpr Code xml_outside_root{"xml-outside-root"};
inline constexpr Code xml_bare_ampersand{"xml-bare-ampersand"};
inline constexpr Code xml_undefined_entity{"xml-undefined-entity"};
inline constexpr Code xml_invalid_character_reference{"xml-invalid-character-reference"};
inline constexpr Code xml_lt_in_attribute{"xml-lt-in-attribute"};
inline constexpr Code xml_duplicate_attribute{"xml-duplicate-attribute"};
inline constexpr Code xml_too_deep{"xml-too-deep"};
inline constexpr Code xml_too_much_markup{"xml-too-much-markup"};
inline constexpr Code xml_name_too_long{"xml-name-too-long"};

// Structure shared by inputs and layouts.
inline constexpr Code unknown_element{"unknown-element"};
inline constexpr Code unknown_attribute{"unknown-attribute"};
inline constexpr Code misplaced_text{"misplaced-text"};
inline constexpr Code wrong_root{"wrong-root"};

// Inputs.
inline constexpr Code layout_not_named{"layout-not-named"};
inline constexpr Code layout_not_found{"layout-not-found"};
inline constexpr Code missing_field{"missing-field"};
inline constexpr Code empty_field{"empty-field"};
inline constexpr Code duplicate_field{"duplicate-field"};
inline constexpr Code no_sheets{"no-sheets"};
inline constexpr Code fiscal_year_invalid{"fiscal-year-invalid"};
inline constexpr Code choice_unknown{"choice-unknown"};
inline constexpr Code too_many_items{"too-many-items"};
inline constexpr Code number_invalid{"number-invalid"};
inline constexpr Code date_invalid{"date-invalid"};
inline constexpr Code numbering_unknown{"numbering-unknown"};
inline constexpr Code text_too_long{"text-too-long"};
inline constexpr Code too_many_sheets{"too-many-sheets"};
inline constexpr Code too_many_paragraphs{"too-many-paragraphs"};
inline constexpr Code too_many_pages{"too-many-pages"};
inline constexpr Code status_unknown{"status-unknown"};
inline constexpr Code field_todo{"field-todo"};

// Layouts.
inline constexpr Code layout_version_unknown{"layout-version-unknown"};
inline constexpr Code layout_incomplete{"layout-incomplete"};
inline constexpr Code missing_attribute{"missing-attribute"};
inline constexpr Code invalid_length{"invalid-length"};
inline constexpr Code invalid_number{"invalid-number"};
inline constexpr Code invalid_choice{"invalid-choice"};
inline constexpr Code table_in_columns{"table-in-columns"};
inline constexpr Code image_invalid{"image-invalid"};
inline constexpr Code out_of_range{"out-of-range"};
inline constexpr Code duplicate_id{"duplicate-id"};
inline constexpr Code duplicate_element{"duplicate-element"};
inline constexpr Code unknown_font{"unknown-font"};
inline constexpr Code unknown_style{"unknown-style"};
inline constexpr Code too_many_fonts{"too-many-fonts"};
inline constexpr Code template_unknown_field{"template-unknown-field"};
inline constexpr Code template_unclosed_brace{"template-unclosed-brace"};
inline constexpr Code page_no_room{"page-no-room"};
inline constexpr Code fixed_row_cell{"fixed-row-cell"};
inline constexpr Code table_too_wide{"table-too-wide"};
inline constexpr Code cell_text_and_content{"cell-text-and-content"};
inline constexpr Code cell_content_not_blocks{"cell-content-not-blocks"};
inline constexpr Code cell_past_last_column{"cell-past-last-column"};
inline constexpr Code row_incomplete{"row-incomplete"};
inline constexpr Code row_span_past_table{"row-span-past-table"};
inline constexpr Code fields_without_sheet{"fields-without-sheet"};
inline constexpr Code role_conflict{"role-conflict"};
inline constexpr Code invalid_color{"invalid-color"};
inline constexpr Code page_template_off_page{"page-template-off-page"};
inline constexpr Code page_template_overlap{"page-template-overlap"};
inline constexpr Code approver_title_invalid{"approver-title-invalid"};
inline constexpr Code approver_title_too_wide{"approver-title-too-wide"};

// Fonts and setting text.
inline constexpr Code font_invalid{"font-invalid"};
inline constexpr Code font_missing_glyph{"font-missing-glyph"};
inline constexpr Code font_missing_variant{"font-missing-variant"};
inline constexpr Code text_too_wide_to_distribute{"text-too-wide-to-distribute"};
inline constexpr Code text_does_not_fit{"text-does-not-fit"};
inline constexpr Code text_cluster_too_long{"text-cluster-too-long"};

// Output.
inline constexpr Code pdf_not_written{"pdf-not-written"};
inline constexpr Code output_is_input{"output-is-input"};
inline constexpr Code output_not_regular{"output-not-regular"};
inline constexpr Code output_failed{"output-failed"};

// Signing and verifying (yoshiki sign, verify).
inline constexpr Code pdf_unreadable{"pdf-unreadable"};
inline constexpr Code pdf_not_yoshiki{"pdf-not-yoshiki"};
inline constexpr Code pdf_draft{"pdf-draft"};
inline constexpr Code pdf_no_approval_boxes{"pdf-no-approval-boxes"};
inline constexpr Code pdf_changed{"pdf-changed"};
inline constexpr Code pdf_layout_missing{"pdf-layout-missing"};
inline constexpr Code pdf_layout_mismatch{"pdf-layout-mismatch"};
inline constexpr Code box_unknown{"box-unknown"};
inline constexpr Code box_out_of_order{"box-out-of-order"};
inline constexpr Code box_signed_already{"box-signed-already"};
inline constexpr Code key_unreadable{"key-unreadable"};
inline constexpr Code key_password{"key-password"};
inline constexpr Code key_not_found{"key-not-found"};
inline constexpr Code key_mismatch{"key-mismatch"};
inline constexpr Code certificate_not_valid{"certificate-not-valid"};
inline constexpr Code certificate_usage{"certificate-usage"};
inline constexpr Code certificate_name_unreadable{"certificate-name-unreadable"};
inline constexpr Code timestamp_failed{"timestamp-failed"};
inline constexpr Code signature_failed{"signature-failed"};
inline constexpr Code signature_unsupported{"signature-unsupported"};
inline constexpr Code signature_invalid{"signature-invalid"};
inline constexpr Code timestamp_invalid{"timestamp-invalid"};
inline constexpr Code certificate_untrusted{"certificate-untrusted"};

// A batch.
inline constexpr Code not_a_folder{"not-a-folder"};
inline constexpr Code no_inputs{"no-inputs"};
inline constexpr Code print_failed{"print-failed"};
inline constexpr Code department_repeated{"department-repeated"};

// Archives (archive, extract, verify).
inline constexpr Code name_not_archivable{"name-not-archivable"};
inline constexpr Code no_embedded_files{"no-embedded-files"};
inline constexpr Code embedded_file_refused{"embedded-file-refused"};
inline constexpr Code not_an_archive{"not-an-archive"};
inline constexpr Code manifest_invalid{"manifest-invalid"};
inline constexpr Code pdf_not_signed{"pdf-not-signed"};
inline constexpr Code pdf_render_differs{"pdf-render-differs"};
inline constexpr Code box_unsigned{"box-unsigned"};
inline constexpr Code department_twice{"department-twice"};

// Importing published text (import).
inline constexpr Code text_mismatch{"text-mismatch"};
inline constexpr Code text_cut_short{"text-cut-short"};
inline constexpr Code text_differs{"text-differs"};
inline constexpr Code layout_not_importable{"layout-not-importable"};

// Next year's drafts (next-year).
inline constexpr Code next_year_not_final{"next-year-not-final"};
inline constexpr Code next_year_not_declared{"next-year-not-declared"};

// The editor (yoshiki serve).
inline constexpr Code request_invalid{"request-invalid"};

// The program.
inline constexpr Code too_many_diagnostics{"too-many-diagnostics"};
inline constexpr Code internal_error{"internal-error"};

}  // namespace codes

}  // namespace yoshiki::base
