#include "write/pdf_writer.hpp"

#include <hpdf.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <deque>
#include <map>
#include <memory>
#include <stdexcept>
#include <type_traits>

#include "write/attachments.hpp"
#include "pdf/deflate.hpp"
#include "pdf/file_writer.hpp"
#include "write/content_stream.hpp"
#include "write/font_embedding.hpp"
#include "write/font_objects.hpp"
#include "write/images.hpp"
#include "write/hpdf_internals.hpp"
#include "pdf/xmp.hpp"
#include "write/pdf_objects.hpp"
#include "pdf/syntax.hpp"
#include "write/pdfa.hpp"
#include "write/signature_fields.hpp"
#include "write/structure_tree.hpp"

namespace yoshiki::write {

namespace {

struct Fnv {
    std::uint64_t a = 14695981039346656037ull, b = 0x84222325cbf29ce4ull;
    void add(std::string_view s) {
        for (unsigned char c : s) {
            a = (a ^ c) * 1099511628211ull;
            b = (b ^ c) * 0x100000001b3ull + 0x9E3779B97F4A7C15ull;
        }
    }
};

// One font of the document: its CIDs and the Type0 dictionary pages refer to, written out when
// the document is finished (the subset holds the glyphs of every page).
struct DocumentFont {
    explicit DocumentFont(const text::Font& font) : embedding(font) {}
    FontEmbedding embedding;
    std::string resource;  // F0, F1 …
    HPDF_Dict type0 = nullptr;
    // The same font in columns (縦書き), made when a column first uses it: V0, V1 …
    std::string resource_v;
    HPDF_Dict type0_v = nullptr;
};

// A font resource a page names: /F0 or /V0 and its Type0 dictionary.
struct FontResource {
    const std::string* name;
    HPDF_Dict type0;
    bool operator==(const FontResource& o) const { return type0 == o.type0; }
};

struct ErrorState {
    HPDF_STATUS code = HPDF_OK;
    HPDF_STATUS detail = 0;
};

void on_error(HPDF_STATUS code, HPDF_STATUS detail, void* user) {
    auto* e = static_cast<ErrorState*>(user);
    if (e->code == HPDF_OK) {
        e->code = code;
        e->detail = detail;
    }
}

// Frees libharu's document however the writer is left, a throw in its constructor included.
struct FreeDocument {
    void operator()(HPDF_Doc doc) const { HPDF_Free(doc); }
};

class Writer {
public:
    explicit Writer(const WriteOptions& options) : options_(options) {
        // Not libharu's memory pool (HPDF_NewEx): it hands out 4-byte aligned blocks for its
        // 8-byte aligned structures, which UndefinedBehaviorSanitizer rightly refuses.
        document_.reset(HPDF_New(on_error, &error_));
        doc_ = document_.get();
        if (!doc_) throw std::runtime_error("libharu: cannot create a document");
        hpdf::set_version_1_7(doc_);
        fields_ = std::make_unique<SignatureFields>(doc_);
        if (options_.tagged) structure_ = std::make_unique<StructureTree>(doc_, options_.combined);
    }

    // front: the part goes before every page added so far (a print document's table of
    // contents, set once all parts are in); its links go to those pages.
    void add_part(const paginate::PagedDocument& part, bool front = false) {
        const int before = pages_;
        // A department starts on a right-hand page in a two-sided print.
        if (!front && options_.combined && options_.duplex && pages_ % 2 == 1) {
            add_page(part.width, part.height, false);
            ++pages_;
        }
        if (lang_.empty()) lang_ = part.lang;
        if (pages_ == 0) right_to_left_ = part.right_to_left;
        PartRecord record;
        record.department = part.info.department;
        record.first_page = front ? 0 : pages_;
        number_part_glyphs(part);
        fields_->begin_part(part);
        if (structure_) structure_->begin_part(part.structure);
        for (const paginate::Page& page : part.pages) {
            HPDF_Page hp = add_page(part.width, part.height, front);
            write_page(part, page, hp);
            // A print document is for paper: its approval boxes are drawn, never fields.
            if (!options_.combined) fields_->add_page(hp, part.height, page.fields, structure_.get());
            write_links(hp, part.height, page.links);
            if (structure_) structure_->end_page(hp);
            record.pages.push_back(hp);
            ++pages_;
        }
        if (front && options_.duplex && part.pages.size() % 2 == 1 && before > 0) {
            add_page(part.width, part.height, true);  // the first department still starts on a right-hand page
            ++pages_;
        }
        if (structure_) structure_->end_part(front);
        for (const paginate::OutlineEntry& e : part.sheets) record.sheets.push_back(e);
        if (parts_.empty() && !options_.combined) {
            single_info_ = part.info;
            single_status_ = part.final ? "final" : "draft";
        }
        if (front) {
            for (PartRecord& r : parts_) r.first_page += pages_ - before;
            parts_.insert(parts_.begin(), std::move(record));
        } else {
            parts_.push_back(std::move(record));
        }
        check();
    }

    int page_count() const { return pages_; }
    void set_info(const bind::DocumentInfo& info) { options_.combined_info = info; }

    std::string finish() {
        for (DocumentFont& f : fonts_) finish_font(f);
        write_outline();
        if (options_.combined) write_page_labels();
        write_document_keys();
        fields_->finish(hpdf::catalog(doc_));
        const bind::DocumentInfo& info = options_.combined ? options_.combined_info : single_info_;
        write_info(info);
        if (options_.pdfa) add_output_intent(doc_);
        embed_files(doc_, options_.associated_files, info.creation_time);
        check();
        // libharu writes each object; the file around them (object streams, a cross-reference
        // stream) is yoshiki's, since libharu can write neither.
        hpdf::SavedDocument saved;
        if (!hpdf::save_objects(doc_, saved, structure_ ? structure_->objects() : std::vector<pdf::WrittenObject>{})) check();
        check();
        return pdf::write_file("1.7", saved.objects, saved.trailer);
    }

private:
    void check() {
        if (error_.code != HPDF_OK) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "libharu error 0x%04X (detail %u)", static_cast<unsigned>(error_.code),
                          static_cast<unsigned>(error_.detail));
            throw std::runtime_error(buf);
        }
    }

    // Appended, or (front) inserted before the pages of the parts added before.
    HPDF_Page add_page(double width, double height, bool front) {
        HPDF_Page page = front && first_page_ ? HPDF_InsertPage(doc_, first_page_) : HPDF_AddPage(doc_);
        if (!page) check();
        if (!first_page_) first_page_ = page;
        if (!front) added_pages_.push_back(page);
        HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(width));
        HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(height));
        return page;
    }

    // Links to pages (a table of contents' entries): annotations that go to the page, whole, as
    // a bookmark does, printed with the page as PDF/A asks, tagged by their Link element.
    void write_links(HPDF_Page page, double page_height, const std::vector<paginate::Link>& links) {
        if (links.empty()) return;
        HPDF_MMgr mm = hpdf::mmgr(doc_);
        HPDF_Array annots = HPDF_Array_New(mm);
        for (const paginate::Link& l : links) {
            if (l.target < 0 || l.target >= static_cast<int>(added_pages_.size())) continue;  // set by the engine from pages it added
            HPDF_Dict link = hpdf::new_indirect_dict(doc_);
            HPDF_Dict_AddName(link, "Type", "Annot");
            HPDF_Dict_AddName(link, "Subtype", "Link");
            HPDF_Array rect = HPDF_Array_New(mm);
            for (double v : {l.x, page_height - l.y - l.h, l.x + l.w, page_height - l.y}) HPDF_Array_AddReal(rect, static_cast<HPDF_REAL>(v));
            HPDF_Dict_Add(link, "Rect", rect);
            HPDF_Array border = HPDF_Array_New(mm);
            for (int k = 0; k < 3; ++k) HPDF_Array_AddNumber(border, 0);
            HPDF_Dict_Add(link, "Border", border);
            HPDF_Dict_AddNumber(link, "F", 4);  // Print
            HPDF_Dict_Add(link, "Contents", text_string(doc_, l.description));
            HPDF_Array dest = HPDF_Array_New(mm);
            HPDF_Array_Add(dest, added_pages_[static_cast<std::size_t>(l.target)]);
            HPDF_Array_AddName(dest, "Fit");
            HPDF_Dict_Add(link, "Dest", dest);
            if (structure_ && l.node >= 0) HPDF_Dict_AddNumber(link, "StructParent", structure_->annotation(l.node, link, page));
            HPDF_Array_Add(annots, link);
        }
        HPDF_Dict_Add(page, "Annots", annots);
        HPDF_Dict_AddName(page, "Tabs", "S");  // PDF/UA: tab order by structure on a page with annotations
    }

    DocumentFont& font_for(const text::Font* font) {
        for (DocumentFont& f : fonts_) {
            if (&f.embedding.font() == font) return f;
        }
        fonts_.emplace_back(*font);
        DocumentFont& f = fonts_.back();
        f.resource = "F" + std::to_string(fonts_.size() - 1);
        f.type0 = hpdf::new_indirect_dict(doc_);
        return f;
    }

    // The CIDs of every glyph of the part, in the order write_page meets them, handed out before
    // its pages are written (font_embedding.hpp, number_glyphs).
    void number_part_glyphs(const paginate::PagedDocument& part) {
        std::vector<const paginate::GlyphRun*> runs;
        for (const paginate::Page& page : part.pages) {
            for (const paginate::Item& item : page.items) {
                if (const auto* t = std::get_if<paginate::TextLine>(&item.content)) {
                    for (const paginate::GlyphRun& r : t->runs) runs.push_back(&r);
                }
            }
        }
        // Only the fonts the part draws with are embedded (the fallback often draws nothing).
        std::vector<FontEmbedding*> by_font(part.fonts.size(), nullptr);
        for (const paginate::GlyphRun* r : runs) {
            if (!by_font[r->font] && !r->glyphs.empty()) by_font[r->font] = &font_for(part.fonts[r->font].get()).embedding;
        }
        part_cids_ = number_glyphs(runs, by_font);
        next_cid_ = 0;
    }

    void write_page(const paginate::PagedDocument& part, const paginate::Page& page, HPDF_Page hp) {
        ContentStream cs(part.height, structure_ != nullptr);
        std::vector<FontResource> used;
        std::vector<paginate::Rule> rules;  // consecutive rules, drawn together
        auto flush_rules = [&] {
            if (rules.empty()) return;
            cs.rules(std::move(rules));
            rules.clear();
        };
        for (const paginate::Item& item : page.items) {
            if (const auto* r = std::get_if<paginate::Rule>(&item.content)) {
                if (rules.empty()) cs.begin_artifact(item.artifact, false);
                rules.push_back(*r);
                continue;
            }
            flush_rules();
            if (const auto* f = std::get_if<paginate::Fill>(&item.content)) {
                cs.begin_artifact(item.artifact, false);
                cs.fill(*f);
                continue;
            }
            if (const auto* im = std::get_if<paginate::Image>(&item.content)) {
                cs.begin_artifact(item.artifact, false);
                cs.image(*im, image_resource(part.images.at(static_cast<std::size_t>(im->image))));
                continue;
            }
            // Each line of a node is a marked-content sequence of its own: poppler's structure
            // reader (pdfinfo -struct-text) gives only the first line of a sequence that holds
            // several.
            if (item.node >= 0 && structure_) {
                const std::string& type = part.structure.nodes[static_cast<std::size_t>(item.node)].type;
                cs.begin_node(type, structure_->mark(item.node, hp));
            } else if (item.node < 0) {
                cs.begin_artifact(item.artifact, true);
            }
            write_line(part, std::get<paginate::TextLine>(item.content), cs, used);
        }
        flush_rules();
        std::string ops = cs.finish();
        hpdf::set_deflated_content(hp, pdf::deflate(ops));
        id_hash_.add(ops);
        add_resources(hp, used);
    }

    void write_line(const paginate::PagedDocument& part, const paginate::TextLine& line, ContentStream& cs,
                    std::vector<FontResource>& used) {
        std::vector<std::uint16_t> cids;
        std::vector<double> advances;  // pt: along the line, or down the column
        std::vector<const std::string*> resources;  // of each run
        for (const paginate::GlyphRun& run : line.runs) {
            DocumentFont& f = font_for(part.fonts[run.font].get());
            const bool column = run.mode == paginate::RunMode::column;
            if (column && !f.type0_v) {
                f.type0_v = hpdf::new_indirect_dict(doc_);
                f.resource_v = "V" + f.resource.substr(1);
            }
            FontResource r{column ? &f.resource_v : &f.resource, column ? f.type0_v : f.type0};
            if (std::find(used.begin(), used.end(), r) == used.end()) used.push_back(r);
            resources.push_back(r.name);
            for (const paginate::Glyph& g : run.glyphs) {
                cids.push_back(part_cids_[next_cid_++]);
                const double units = column ? FontEmbedding::vertical_advance(f.embedding.font(), g.gid)
                                            : FontEmbedding::width(f.embedding.font(), g.gid);
                advances.push_back(units * run.size / 1000.0);
            }
        }
        cs.text(line, cids.data(), advances.data(), [&](const paginate::GlyphRun& run) {
            return *resources[static_cast<std::size_t>(&run - line.runs.data())];
        });
    }

    // The resource name of an image, embedded the first time a page draws it: once per document,
    // however many pages and parts draw it. Known by its bytes, since each part of a print document
    // maps its layout's file anew (and may be gone when the next is added).
    const std::string& image_resource(const paginate::PagedDocument::ImageFile& file) {
        auto it = images_.find(file.bytes);
        if (it != images_.end()) return it->second;
        // Deflated when written (libharu keeps the pixels as they are unless told), the soft mask
        // of its transparency too.
        HPDF_SetCompressionMode(doc_, HPDF_COMP_IMAGE);
        const auto* bytes = reinterpret_cast<const HPDF_BYTE*>(file.bytes.data());
        const auto size = static_cast<HPDF_UINT>(file.bytes.size());
        // A JPEG is embedded as it is (DCTDecode); a PNG's pixels are deflated.
        HPDF_Image image = image_kind(file.bytes) == ImageKind::jpeg ? HPDF_LoadJpegImageFromMem(doc_, bytes, size)
                                                                     : HPDF_LoadPngImageFromMem(doc_, bytes, size);
        if (!image) check();
        if (!image) throw std::runtime_error("libharu cannot read an image");
        auto smask = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(image, "SMask", HPDF_OCLASS_DICT));
        if (smask) hpdf::deflate_when_saved(smask);
        if (!resources_) make_resources();
        if (!resource_images_) {
            resource_images_ = HPDF_Dict_New(hpdf::mmgr(doc_));
            HPDF_Dict_Add(resources_, "XObject", resource_images_);
        }
        std::string name = "Im" + std::to_string(images_.size());
        HPDF_Dict_Add(resource_images_, name.c_str(), image);
        return images_.emplace(std::string(file.bytes), std::move(name)).first->second;
    }

    void make_resources() {
        resources_ = hpdf::new_indirect_dict(doc_);
        resource_fonts_ = HPDF_Dict_New(hpdf::mmgr(doc_));
        HPDF_Dict_Add(resources_, "Font", resource_fonts_);
    }

    // One /Resources for every page, naming every font of the document: a print document of ten
    // thousand pages would otherwise hold ten thousand copies of the same few names.
    void add_resources(HPDF_Page hp, const std::vector<FontResource>& used) {
        if (!resources_) make_resources();
        for (const FontResource& f : used) {
            if (!HPDF_Dict_GetItem(resource_fonts_, f.name->c_str(), HPDF_OCLASS_DICT)) {
                HPDF_Dict_Add(resource_fonts_, f.name->c_str(), f.type0);
            }
        }
        HPDF_Dict_Add(hp, "Resources", resources_);
    }

    void finish_font(DocumentFont& f) {
        const pdf::ObjectList objects = font_objects(f.embedding, f.type0_v != nullptr);
        std::vector<std::pair<std::size_t, HPDF_Dict>> made{{0, f.type0}};
        if (f.type0_v) made.emplace_back(objects.size() - 1, f.type0_v);
        add_objects(doc_, objects, made);
        check();
    }

    // What a tagged document says of itself (PDF/UA-1, 7.1 and 7.2): its language, that it is
    // tagged, and that a viewer shows its title rather than its file name.
    // A form set in columns reads from right to left (/Direction /R2L): a viewer shows its pages
    // side by side in that order.
    void write_document_keys() {
        HPDF_Dict catalog = hpdf::catalog(doc_);
        if (!lang_.empty()) HPDF_Dict_Add(catalog, "Lang", text_string(doc_, lang_));
        if (structure_) structure_->finish(catalog);
        if (!structure_ && !right_to_left_) return;
        HPDF_Dict prefs = HPDF_Dict_New(hpdf::mmgr(doc_));
        if (structure_) HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
        if (right_to_left_) HPDF_Dict_AddName(prefs, "Direction", "R2L");
        HPDF_Dict_Add(catalog, "ViewerPreferences", prefs);
    }

    void set_title(HPDF_Outline o, const std::string& title) { HPDF_Dict_Add(o, "Title", text_string(doc_, title)); }

    // An outline entry's destination, the whole page, written inside the entry: libharu's own
    // destinations are objects of their own, two lines of cross-reference each.
    void set_destination(HPDF_Outline o, HPDF_Page page) {
        HPDF_Array dest = HPDF_Array_New(hpdf::mmgr(doc_));
        HPDF_Array_Add(dest, page);
        HPDF_Array_AddName(dest, "Fit");
        HPDF_Dict_Add(o, "Dest", dest);
    }

    void write_outline() {
        for (const PartRecord& part : parts_) {
            HPDF_Outline parent = nullptr;
            if (options_.combined) {
                parent = HPDF_CreateOutline(doc_, nullptr, "", nullptr);
                set_title(parent, part.department);
                if (!part.pages.empty()) set_destination(parent, part.pages.front());
                HPDF_Outline_SetOpened(parent, HPDF_TRUE);
            }
            for (const paginate::OutlineEntry& e : part.sheets) {
                HPDF_Outline o = HPDF_CreateOutline(doc_, parent, "", nullptr);
                set_title(o, e.title);
                if (e.page >= 0 && e.page < static_cast<int>(part.pages.size())) {
                    set_destination(o, part.pages[e.page]);
                }
            }
        }
        if (!parts_.empty()) HPDF_SetPageMode(doc_, HPDF_PAGE_MODE_USE_OUTLINE);
    }

    // Page labels: "総務課 1", "総務課 2" … so that a viewer's page box speaks of departments.
    void write_page_labels() {
        HPDF_MMgr mm = hpdf::mmgr(doc_);
        HPDF_Dict labels = HPDF_Dict_New(mm);
        HPDF_Array nums = HPDF_Array_New(mm);
        int next = 0;
        for (const PartRecord& part : parts_) {
            if (part.first_page > next) {
                // The blank back side before a department: a plain label of its own.
                HPDF_Array_AddNumber(nums, next);
                HPDF_Dict blank = HPDF_Dict_New(mm);
                HPDF_Dict_AddName(blank, "S", "D");
                HPDF_Dict_AddNumber(blank, "St", next + 1);
                HPDF_Array_Add(nums, blank);
            }
            HPDF_Array_AddNumber(nums, part.first_page);
            HPDF_Dict label = HPDF_Dict_New(mm);
            HPDF_Dict_AddName(label, "S", "D");
            HPDF_Dict_Add(label, "P", text_string(doc_, part.department + " "));
            HPDF_Array_Add(nums, label);
            next = part.first_page + static_cast<int>(part.pages.size());
        }
        HPDF_Dict_Add(labels, "Nums", nums);
        HPDF_Dict_Add(hpdf::catalog(doc_), "PageLabels", labels);
    }

    void write_info(const bind::DocumentInfo& info) {
        std::time_t t = static_cast<std::time_t>(info.creation_time);
        std::tm tm{};
        gmtime_r(&t, &tm);
        HPDF_Date date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, 'Z', 0, 0};
        HPDF_SetInfoDateAttr(doc_, HPDF_INFO_CREATION_DATE, date);
        HPDF_Dict d = hpdf::info(doc_);
        std::string producer = options_.creator + " (libharu " + HPDF_GetVersion() + ")";
        HPDF_Dict_Add(d, "Producer", text_string(doc_, producer));
        HPDF_Dict_Add(d, "Creator", text_string(doc_, options_.creator));
        if (!info.title.empty()) HPDF_Dict_Add(d, "Title", text_string(doc_, info.title));
        if (!info.author.empty()) HPDF_Dict_Add(d, "Author", text_string(doc_, info.author));
        if (!info.subject.empty()) HPDF_Dict_Add(d, "Subject", text_string(doc_, info.subject));
        if (!info.keywords.empty()) HPDF_Dict_Add(d, "Keywords", text_string(doc_, info.keywords));

        char iso[32];
        std::strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
        pdf::XmpFields xf;
        xf.title = info.title;
        xf.author = info.author;
        xf.subject = info.subject;
        xf.keywords = info.keywords;
        xf.producer = producer;
        xf.creator_tool = options_.creator;
        xf.create_date = iso;
        xf.lang = lang_;
        xf.pdfua = structure_ != nullptr;
        if (options_.pdfa) {
            xf.pdfa = structure_ ? 'A' : 'B';
            xf.fiscal_year = info.fiscal_year;
            xf.department = info.department;
            xf.source_sha256 = options_.source_sha256;
        }
        if (!options_.combined) xf.label = single_status_;
        std::string xmp = pdf::xmp_packet(xf);
        HPDF_Dict meta = hpdf::new_stream(doc_, xmp);  // XMP stays readable to tools that scan files
        HPDF_Dict_AddName(meta, "Type", "Metadata");
        HPDF_Dict_AddName(meta, "Subtype", "XML");
        HPDF_Dict_Add(hpdf::catalog(doc_), "Metadata", meta);

        // The document ID is derived from the content, so the same input gives the same file.
        id_hash_.add(info.title);
        id_hash_.add(xmp);
        std::string id(16, '\0');
        for (int k = 0; k < 8; ++k) {
            id[k] = static_cast<char>((id_hash_.a >> (8 * k)) & 0xFF);
            id[8 + k] = static_cast<char>((id_hash_.b >> (8 * k)) & 0xFF);
        }
        HPDF_Array ids = HPDF_Array_New(hpdf::mmgr(doc_));
        for (int k = 0; k < 2; ++k) {
            HPDF_Array_Add(ids, HPDF_Binary_New(hpdf::mmgr(doc_), reinterpret_cast<HPDF_BYTE*>(id.data()), 16));
        }
        HPDF_Dict_Add(hpdf::trailer(doc_), "ID", ids);
    }


    struct PartRecord {
        std::string department;
        int first_page = 0;
        std::vector<HPDF_Page> pages;
        std::vector<paginate::OutlineEntry> sheets;
    };

    WriteOptions options_;
    ErrorState error_;  // libharu reports into it until the document is freed: declared before
    std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, FreeDocument> document_;
    HPDF_Doc doc_ = nullptr;  // document_'s, borrowed; what holds it below is destroyed first
    std::deque<DocumentFont> fonts_;  // a deque: pages keep pointers to its elements
    std::unique_ptr<StructureTree> structure_;  // null when the document is not tagged
    std::string lang_;
    Fnv id_hash_;
    std::vector<std::uint16_t> part_cids_;  // the CID of each glyph of the part being written
    std::size_t next_cid_ = 0;
    bool right_to_left_ = false;      // the first part's pages read from right to left
    HPDF_Dict resources_ = nullptr;  // shared by all pages
    HPDF_Dict resource_fonts_ = nullptr;
    HPDF_Dict resource_images_ = nullptr;
    std::map<std::string, std::string, std::less<>> images_;  // an image file's bytes → its resource name
    int pages_ = 0;
    HPDF_Page first_page_ = nullptr;        // the document's first page, before which a front part goes
    std::vector<HPDF_Page> added_pages_;    // every page but a front part's, in the order added: links' targets
    std::vector<PartRecord> parts_;
    bind::DocumentInfo single_info_;
    std::string single_status_;  // draft or final, of a single department
    std::unique_ptr<SignatureFields> fields_;
};

}  // namespace

class PdfBuilder::Impl : public Writer {
public:
    using Writer::Writer;
};

PdfBuilder::PdfBuilder(const WriteOptions& options) : impl_(std::make_unique<Impl>(options)) {}
PdfBuilder::~PdfBuilder() = default;
void PdfBuilder::add_part(const paginate::PagedDocument& part) { impl_->add_part(part); }
void PdfBuilder::add_front_part(const paginate::PagedDocument& part) { impl_->add_part(part, true); }
int PdfBuilder::page_count() const { return impl_->page_count(); }
void PdfBuilder::set_info(const bind::DocumentInfo& info) { impl_->set_info(info); }
std::string PdfBuilder::finish() { return impl_->finish(); }

std::string write_pdf(const paginate::PagedDocument& doc, const WriteOptions& base) {
    WriteOptions options = base;
    options.combined = false;
    PdfBuilder builder(options);
    builder.add_part(doc);
    return builder.finish();
}

}  // namespace yoshiki::write
