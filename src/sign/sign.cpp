// Signing the next approval box of a final PDF: the checks (a yoshiki PDF, final, unchanged since
// it was made or last signed, the box next in order, a key that may sign now), the stamp, and the
// incremental update with the signature dictionary whose /Contents is filled last.
#include <yoshiki/sign.hpp>

#include <cstdio>
#include <ctime>

#include "base/source.hpp"
#include "base/utf8.hpp"
#include "parse/layout_reader.hpp"
#include "read/fault.hpp"
#include "read/pdf_file.hpp"
#include "sign/cms.hpp"
#include "sign/font_objects.hpp"
#include "sign/incremental_update.hpp"
#include "sign/signing_key.hpp"
#include "sign/stamp.hpp"
#include "sign/verify.hpp"
#include "sign/timestamp.hpp"
#include "text/font.hpp"
#include "pdf/deflate.hpp"
#include "pdf/syntax.hpp"

namespace yoshiki {

namespace sign {
namespace {

// The reader's facts of a PDF (src/read/), as signing and verifying name them.
using read::ObjectRef;
using read::PdfFile;
using read::SignatureBox;

namespace codes = base::codes;

// Room kept in /Contents for a timestamp token beyond the signature itself: a token with its
// authority's certificate is 2 to 3 KB; a larger one (an authority that sends its whole chain)
// is fitted by signing again.
constexpr std::size_t timestamp_room = 4096;

struct Local {
    int year, month, day, hour, minute, second;
};

Local local_time(std::int64_t t, int offset_minutes) {
    std::time_t shifted = static_cast<std::time_t>(t + offset_minutes * 60);
    std::tm tm{};
    gmtime_r(&shifted, &tm);
    return Local{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec};
}

// /M: "D:20261201093000+09'00'" (PDF 32000-1, 7.9.4), in the signer's time zone.
std::string pdf_date(std::int64_t t, int offset_minutes) {
    Local l = local_time(t, offset_minutes);
    char buf[40];
    int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    std::snprintf(buf, sizeof buf, "D:%04d%02d%02d%02d%02d%02d%c%02d'%02d'", l.year, l.month, l.day, l.hour, l.minute, l.second,
                  offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
    return buf;
}

// A name from the certificate holds no control character. One that does was written into the
// certificate as the bytes of another encoding (openssl req without -utf8 stores each byte of a
// UTF-8 name as a character of its own: 酒 becomes U+00E9 U+0085 U+0092): no font has such
// characters, and the stamp would print the name garbled if one had.
bool readable_name(std::string_view name) {
    for (std::size_t i = 0; i < name.size();) {
        const char32_t c = base::utf8::next(name, i);
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return false;
    }
    return true;
}

// The approver a box is for: 町長 for 町長, and for 町長.3, its box on the third sheet.
std::string approver_of(const std::string& box) { return box.substr(0, box.find('.')); }

// The boxes' approvers in order, each once: 課長, 副町長, 町長.
std::string list(const std::vector<SignatureBox>& boxes) {
    std::string out, last;
    for (const SignatureBox& b : boxes) {
        std::string approver = approver_of(b.name);
        if (approver == last) continue;
        out += (out.empty() ? "" : ", ") + approver;
        last = approver;
    }
    return out;
}

class Signing {
public:
    Signing(const std::string& path, const SignRequest& request, base::Diagnostics& diags)
        : path_(path), request_(request), diags_(diags) {}

    std::optional<std::string> run(const std::string& pdf) {
        base::Failure failure;
        file_ = PdfFile::read(pdf, failure);
        if (!file_) return fail(path_, failure.code, failure.message);
        const SignatureBox* box = next_box();
        if (!box || !unchanged_since_signed()) return std::nullopt;
        if (!load_key()) return std::nullopt;
        if (!load_layout()) return std::nullopt;
        std::optional<std::string> out = sign_box(*box);
        // The approver's box on the next sheet is the next to sign, if the box has one.
        const auto after = std::find_if(boxes_.begin(), boxes_.end(), [&](const SignatureBox& b) { return &b > box && !b.value; });
        more_ = out && after != boxes_.end() && approver_of(after->name) == approver_of(box->name) && box->name != approver_of(box->name);
        return out;
    }

    // Signed, and the approver has a box on a further sheet still to sign.
    bool more() const { return more_; }

private:
    std::nullopt_t fail(const std::string& file, base::Code code, const std::string& message, const std::string& hint = {}) {
        diags_.file_error(file, code, message, hint);
        return std::nullopt;
    }

    // The box `--as` names, which must be the first one not yet signed.
    const SignatureBox* next_box() {
        std::string creator = file_->creator();
        if (creator.rfind("yoshiki", 0) != 0) {
            fail(path_, codes::pdf_not_yoshiki, "this PDF was not made by yoshiki" + (creator.empty() ? std::string() : " (its creator is " + creator + ")"),
                 "yoshiki signs the approval boxes of the final PDFs it renders");
            return nullptr;
        }
        boxes_ = file_->boxes();
        if (boxes_.empty()) {
            if (file_->xmp_label() == "draft") {
                fail(path_, codes::pdf_draft, "this PDF is a draft (案): only a final document is signed",
                     "render its input with status=\"final\" once the text is settled");
            } else {
                fail(path_, codes::pdf_no_approval_boxes, "this PDF has no approval boxes to sign");
            }
            return nullptr;
        }
        const SignatureBox* next = nullptr;
        for (const SignatureBox& b : boxes_) {
            if (!b.value) {
                next = &b;
                break;
            }
        }
        // `--as 町長` names the approver's box, or all of its boxes, one on each sheet.
        const SignatureBox* named = nullptr;
        for (const SignatureBox& b : boxes_) {
            if (b.name != request_.approver && approver_of(b.name) != request_.approver) continue;
            if (!named || (named->value && !b.value)) named = &b;
        }
        if (named) {
            if (named->value) {
                fail(path_, codes::box_signed_already, "the box " + request_.approver + " is signed already");
                return nullptr;
            }
            if (named != next) {
                fail(path_, codes::box_out_of_order, approver_of(next->name) + " signs before " + request_.approver,
                     "the boxes are signed in the order " + list(boxes_));
                return nullptr;
            }
            return named;
        }
        if (!next) {
            fail(path_, codes::box_signed_already, "every box is signed already (" + list(boxes_) + ")");
        } else {
            fail(path_, codes::box_unknown, "no approval box '" + base::utf8::clip(request_.approver) + "'", "the boxes are " + list(boxes_) + "; the next is " + approver_of(next->name));
        }
        return nullptr;
    }

    // A file is signed only as yoshiki wrote it, or as its last signature left it.
    bool unchanged_since_signed() {
        bool any = false;
        for (const SignatureBox& b : boxes_) any |= b.value.has_value();
        if (!any) {
            if (file_->has_previous_xref()) {
                fail(path_, codes::pdf_changed, "this PDF was changed after yoshiki wrote it (it has an incremental update and no signature)");
                return false;
            }
            return true;
        }
        VerifyReport report = verify_file(*file_, {}, request_.time);
        // A change is named before a certificate that does not hold: it is what the approver must look into.
        const std::vector<Diagnostic> problems = report.all_problems();
        auto changed = std::find_if(problems.begin(), problems.end(), [](const Diagnostic& p) { return p.code != codes::certificate_not_valid.name; });
        if (changed != problems.end()) {
            fail(path_, codes::pdf_changed, "this PDF was changed after it was signed: " + changed->message, "sign the PDF as the last approver left it");
            return false;
        }
        for (const SignatureReport& s : report.signatures) {
            if (s.problems.empty()) continue;
            fail(path_, codes::certificate_not_valid, "the signature of " + s.box + " does not hold: " + s.problems.front().message,
                 "a later approval cannot stand on it; " + s.box + " signs again on a fresh copy");
            return false;
        }
        bool whole = !report.signatures.empty() && report.signatures.back().whole_document;
        if (!whole) {
            fail(path_, codes::pdf_changed, "this PDF was changed after it was signed: its last signature does not cover the whole file");
            return false;
        }
        return true;
    }

    bool load_key() {
        base::Failure failure;
        std::optional<SigningKey> k = is_pkcs11_uri(request_.key) ? load_pkcs11(request_.key, request_.password, failure)
                                                                   : load_pkcs12(request_.key_bytes, request_.password, failure);
        if (!k) return fail(request_.key, failure.code, failure.message), false;
        if (auto why = unusable_because(*k, request_.time)) return fail(request_.key, why->code, why->message), false;
        key_ = std::move(*k);
        return true;
    }

    // The layout draws the stamp: the one given, else the one the PDF carries. Its approval block
    // must be the PDF's.
    bool load_layout() {
        if (!request_.layout_path.empty()) {
            layout_ = parse::read_layout(request_.layout_path, request_.layout_bytes, diags_);
        } else if (auto embedded = file_->embedded_layout()) {
            // Named as a part of the PDF in messages; its relative font paths (if any) are read
            // from the PDF's folder.
            layout_ = parse::read_layout(path_ + "#" + embedded->first, std::move(embedded->second), diags_);
        } else {
            fail(path_, codes::pdf_layout_missing, "this PDF carries no layout to draw the stamp with", "give the form's layout with --layout FILE");
            return false;
        }
        if (!layout_) return false;
        std::string layout_boxes, pdf_boxes = list(boxes_);
        if (layout_->approval) {
            for (const auto& a : layout_->approval->approvers) layout_boxes += (layout_boxes.empty() ? "" : ", ") + a.title.text.text;
        }
        if (layout_boxes != pdf_boxes) {
            fail(layout_->source->path, codes::pdf_layout_mismatch, "the layout's approval boxes (" + layout_boxes + ") are not the PDF's (" + pdf_boxes + ")",
                 "give the layout the PDF was rendered with");
            return false;
        }
        const parse::Style& style = layout_->styles[static_cast<std::size_t>(layout_->approval->stamp_style)];
        fonts_.assign(layout_->fonts.size(), nullptr);
        for (int f : style.fonts) {
            const parse::FontSpec& spec = layout_->fonts[static_cast<std::size_t>(f)];
            auto font = open_font(spec);
            if (!font) return false;
            fonts_[static_cast<std::size_t>(f)] = font.get();
            held_.push_back(font);
        }
        return true;
    }

    // A font of the stamp style, read through the request's reader and opened; null with the
    // reason reported at the layout's font.
    std::shared_ptr<const text::Font> open_font(const parse::FontSpec& spec) {
        Diagnostic failure;
        failure.code = codes::font_invalid.name;
        failure.message = "no way to read fonts was given";
        std::optional<SignRequest::FontFile> file;
        if (request_.read_font) file = request_.read_font(spec.path, failure);
        if (!file) {
            failure.message = "cannot open the font file '" + spec.path + "': " + failure.message;
            diags_.error_at(spec.span, failure);
            return nullptr;
        }
        base::Failure invalid;
        auto font = text::Font::open(spec.path, file->bytes, file->owner, invalid);
        if (!font) diags_.error(spec.span, invalid.code, "cannot open the font file '" + spec.path + "': " + invalid.message);
        return font;
    }

    std::optional<std::string> sign_box(const SignatureBox& box) {
        Local day = local_time(request_.time, request_.utc_offset_minutes);
        const X509_NAME* subject = X509_get_subject_name(key_.certificate.get());
        StampText text;
        // The title above is the signer's own (the certificate's title attribute, 総務課長), else the box's.
        text.title = name_entry(subject, NID_title);
        if (text.title.empty()) text.title = box.name;
        text.date = stamp_date(day.year, day.month, day.day);
        text.name = name_entry(subject, NID_commonName);
        for (const auto& [part, what] : {std::pair{&text.title, "title"}, std::pair{&text.name, "common name (CN)"}}) {
            if (readable_name(*part)) continue;
            return fail(request_.key, codes::certificate_name_unreadable,
                        std::string("the certificate's ") + what + " is not text: it holds control characters, the bytes of a name in another encoding",
                        "the signer's name and title must be UTF8Strings in the certificate (openssl req -utf8); the stamp draws them");
        }
        double w = box.rect[2] - box.rect[0], h = box.rect[3] - box.rect[1];
        std::optional<Stamp> stamp = draw_stamp(text, w, h, *layout_, fonts_, diags_);
        if (!stamp) return std::nullopt;

        // The signature's size without its timestamp is known before signing (a dry run with a
        // signature of the key's largest size); a timestamp is given room, and the rare token
        // that does not fit is fitted by signing once more.
        base::Failure failure;
        std::optional<std::string> dry = signed_data(key_, std::string(32, '\0'), nullptr, failure, true);
        if (!dry) return fail(request_.key, failure.code, failure.message);
        std::size_t room = dry->size() + 16 + (request_.tsa_url.empty() ? 0 : timestamp_room);
        for (int attempt = 0; attempt < 2; ++attempt) {
            std::size_t needed = 0;
            std::optional<std::string> out = write_update(box, *stamp, room, needed);
            if (out || needed == 0) return out;
            room = needed + 64;
        }
        return fail(path_, codes::internal_error, "the signature does not fit the room kept for it");
    }

    // The update with the signature; `needed` set (and nullopt returned) when it needs more room.
    std::optional<std::string> write_update(const SignatureBox& box, const Stamp& stamp, std::size_t room, std::size_t& needed) {
        const bool certify = !file_->certified();
        IncrementalUpdate update(file_->bytes(), file_->object_count());
        ObjectRef sig = update.add();
        ObjectRef appearance = add_appearance(update, stamp);
        const std::string body = signature_dictionary(room, certify);
        update.put(sig, body);
        point_form_at(update, box, sig, appearance, certify);
        std::string out = update.finish(trailer(body), file_->last_xref());
        const Gap gap = place_byte_range(out, update.body_offset(sig), body, room);

        std::string content = out.substr(0, gap.start) + out.substr(gap.end);
        base::Failure failure;
        Timestamper tsa = [&](std::string_view signature, base::Failure& f) {
            return request_timestamp(request_.tsa_url, signature, request_.tsa_timeout_seconds, f);
        };
        std::optional<std::string> cms = signed_data(key_, sha256(content), request_.tsa_url.empty() ? nullptr : &tsa, failure);
        if (!cms) {
            // Said of what failed: the timestamp authority, or the key.
            return fail(failure.code == codes::timestamp_failed ? request_.tsa_url : request_.key, failure.code, failure.message);
        }
        if (cms->size() > room) {
            needed = cms->size();
            return std::nullopt;
        }
        // The CMS in hex over the start of the zeros kept for it; the closing '>' stays.
        std::string hex = pdf::hex_string(*cms);
        out.replace(gap.start, hex.size() - 1, hex.substr(0, hex.size() - 1));
        return out;
    }

    // The stamp as a form XObject with its fonts, the box's new appearance.
    ObjectRef add_appearance(IncrementalUpdate& update, const Stamp& stamp) {
        ObjectRef appearance = update.add();
        std::string fonts;
        for (std::size_t k = 0; k < stamp.fonts.size(); ++k) fonts += " /S" + std::to_string(k) + " " + add_font(update, stamp.fonts[k]).text();
        std::string bbox = "[0 0 ";
        pdf::put_number(bbox, stamp.width);
        bbox += ' ';
        pdf::put_number(bbox, stamp.height);
        update.put(appearance, stream_object("/Type /XObject /Subtype /Form /BBox " + bbox + "] /Resources << /Font <<" + fonts +
                                                 " >> >> /Filter /FlateDecode",
                                             pdf::deflate(stamp.content, pdf::best_compression)));
        return appearance;
    }

    // The signature dictionary (12.8.1; PAdES: /SubFilter /ETSI.CAdES.detached, the time in /M),
    // its byte range and contents placeholders to be filled. The first signature certifies the
    // document: DocMDP with permissions 2, so that the other approvers can still sign (12.8.2.2).
    std::string signature_dictionary(std::size_t room, bool certify) const {
        std::string body = "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M (" +
                           pdf_date(request_.time, request_.utc_offset_minutes) + ")";
        if (certify) {
            body += " /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P 2 "
                    "/V /1.2 >> >>]";
        }
        return body + " " + range_placeholder + " /Contents <" + std::string(room * 2, '0') + "> >>";
    }

    // New versions of the field (its value and appearance), the form (/SigFlags 3: signatures
    // exist, and the file is changed by appending only, 12.7.2) and, when certifying, the catalog.
    void point_form_at(IncrementalUpdate& update, const SignatureBox& box, ObjectRef sig, ObjectRef appearance, bool certify) {
        update.put(box.ref, file_->dictionary_with(box.ref, {{"/V", sig.text()}, {"/AP", "<< /N " + appearance.text() + " >>"}}));
        std::vector<std::pair<std::string, std::string>> catalog_keys;
        if (certify) catalog_keys.emplace_back("/Perms", "<< /DocMDP " + sig.text() + " >>");
        if (auto form = file_->acroform()) {
            update.put(*form, file_->dictionary_with(*form, {{"/SigFlags", "3"}}));
            if (!catalog_keys.empty()) update.put(file_->root(), file_->dictionary_with(file_->root(), catalog_keys));
        } else {
            std::string root = file_->inline_acroform_with({{"/SigFlags", "3"}});
            if (certify) root = root.substr(0, root.size() - 2) + "/Perms << /DocMDP " + sig.text() + " >> >>";
            update.put(file_->root(), root);
        }
    }

    // The trailer keeps the document's first ID and gives this version its own second one.
    std::string trailer(const std::string& body) const {
        std::string out = "/Root " + file_->root().text();
        if (auto info = file_->info()) out += " /Info " + info->text();
        return out + " /ID [" + pdf::hex_string(file_->first_id()) + " " + pdf::hex_string(sha256(std::string(file_->bytes()) + body).substr(0, 16)) + "]";
    }

    // The signed bytes are the whole file but /Contents' hex string, its '<' and '>' included.
    struct Gap {
        std::size_t start, end;
    };
    static Gap place_byte_range(std::string& out, long long body_at, const std::string& body, std::size_t room) {
        const std::size_t at = static_cast<std::size_t>(body_at);
        const std::size_t numbers_at = at + body.find(range_placeholder) + std::string("/ByteRange [").size();
        Gap gap;
        gap.start = at + body.find("/Contents <") + std::string("/Contents ").size();
        gap.end = gap.start + room * 2 + 2;
        std::string numbers = "0 " + std::to_string(gap.start) + " " + std::to_string(gap.end) + " " + std::to_string(out.size() - gap.end);
        numbers.resize(std::string(range_placeholder).size() - std::string("/ByteRange [").size(), ' ');
        numbers.back() = ']';
        out.replace(numbers_at, numbers.size(), numbers);
        return gap;
    }

    // Ten digits for each number: files of up to 10 GB.
    static constexpr const char* range_placeholder = "/ByteRange [0 0000000000 0000000000 0000000000]";

    const std::string& path_;
    const SignRequest& request_;
    base::Diagnostics& diags_;
    std::unique_ptr<PdfFile> file_;
    std::vector<SignatureBox> boxes_;
    SigningKey key_;
    std::optional<parse::FormLayout> layout_;
    std::vector<std::shared_ptr<const text::Font>> held_;
    std::vector<const text::Font*> fonts_;
    bool more_ = false;
};

}  // namespace
}  // namespace sign

std::optional<std::string> sign_pdf(const std::string& pdf_path, const std::string& pdf, const SignRequest& request,
                                    std::vector<Diagnostic>& out) {
    base::Diagnostics diags;
    std::optional<std::string> signed_pdf;
    try {
        // An approver with a box on each sheet signs them all, sheet by sheet: each signature is
        // an update over the one before (a signature is its own field's value, shown in that
        // field's box only).
        std::string current = pdf;
        for (bool more = true; more;) {
            sign::Signing signing(pdf_path, request, diags);
            signed_pdf = signing.run(current);
            more = signed_pdf && signing.more();
            if (more) current = std::move(*signed_pdf);
        }
    } catch (const std::exception& e) {
        // A damage QPDF finds only when it reads an object is the file's; anything else is ours.
        const base::Failure failure = read::failure_of(e);
        const bool ours = failure.code == base::codes::internal_error;
        diags.file_error(pdf_path, failure.code, failure.message, ours ? "please report this with the PDF" : "");
        signed_pdf.reset();
    }
    if (diags.has_errors()) signed_pdf.reset();
    for (Diagnostic& d : diags.take()) out.push_back(std::move(d));
    return signed_pdf;
}

}  // namespace yoshiki
