// The page template set: the draft mark's text measured and framed at its place, the approval
// block's titles set in their boxes. Places come from the layout; nothing here knows a form.
#include <algorithm>

#include "base/utf8.hpp"
#include "typeset/typeset.hpp"

namespace yoshiki::typeset {

namespace {

double height_of(const std::vector<Line>& lines) {
    double h = 0;
    for (const Line& l : lines) h += l.height;
    return h;
}

// A text set on one line as wide as it is: the mark's frame is drawn around it.
std::vector<Line> set_natural(const base::TracedText& text, int style, const SetContext& ctx) {
    // Wide enough for any mark a page could hold; the line's own width is what is kept.
    std::vector<Line> lines = set_text(text, style, ctx.layout.page.width, ctx);
    for (Line& l : lines) l.left = 0;
    return lines;
}

std::optional<DraftMarkBox> set_draft_mark(const bind::Document& doc, const SetContext& ctx) {
    if (!doc.draft_mark || !ctx.layout.draft_mark) return std::nullopt;
    const parse::DraftMarkTemplate& t = *ctx.layout.draft_mark;
    DraftMarkBox m;
    m.lines = set_natural(*doc.draft_mark, t.style, ctx);
    double text_w = 0;
    for (const Line& l : m.lines) text_w = std::max(text_w, static_cast<double>(l.width));
    double inset = t.frame + t.padding;
    m.w = text_w + 2 * inset;
    m.h = height_of(m.lines) + 2 * inset;
    m.x = ctx.layout.page.width - t.right - m.w;
    m.y = t.top;
    m.frame = t.frame;
    m.clearance = t.clearance;
    m.text_x = m.x + inset;
    m.text_y = m.y + inset;
    if (m.x < 0 || m.y + m.h > ctx.layout.page.height) ctx.diags.error(t.span, base::codes::page_template_off_page, "the draft mark reaches past the edge of the page");
    return m;
}

std::optional<ApprovalBlockBox> set_approval(const bind::Document& doc, const SetContext& ctx) {
    if (!ctx.layout.approval || doc.approval.empty()) return std::nullopt;
    const parse::ApprovalTemplate& t = *ctx.layout.approval;
    ApprovalBlockBox a;
    a.box_width = t.box_width;
    a.title_height = t.title_height;
    a.stamp_height = t.stamp_height;
    a.outer_rule = t.outer_rule;
    a.inner_rule = t.inner_rule;
    a.clearance = t.clearance;
    a.fields = doc.final;
    a.each_sheet = t.each_sheet;
    const std::size_t n = doc.approval.size();
    a.x = ctx.layout.page.width - t.right - t.box_width * static_cast<double>(n);
    a.y = t.top;
    for (std::size_t k = 0; k < n; ++k) {
        const bind::ApprovalBox& b = doc.approval[k];
        ApprovalBlockBox::Box box;
        box.name = b.name;
        box.description = b.description;
        box.node = b.node;
        std::size_t column = t.right_to_left ? n - 1 - k : k;
        box.x = a.x + t.box_width * static_cast<double>(column);
        // The title is set in the box less a rule's width on each side, centred in its row.
        box.title = set_text(b.title, t.title_style, t.box_width - 2 * t.outer_rule, ctx);
        double h = height_of(box.title);
        if (box.title.size() > 1 || h > t.title_height + 1e-6) {
            ctx.diags.error(t.approvers[k].span, base::codes::approver_title_too_wide, "the title '" + base::utf8::clip(b.name) + "' does not fit on one line of its box",
                            "widen the boxes (box-width), raise title-height, or use a smaller style");
        }
        box.title_y = a.y + std::max(0.0, (t.title_height - h) / 2);
        a.boxes.push_back(std::move(box));
    }
    return a;
}

bool overlap(double ax, double ay, double aw, double ah, double bx, double by, double bw, double bh) {
    return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
}

}  // namespace

PageTemplate set_page_template(const bind::Document& doc, const SetContext& ctx) {
    PageTemplate p;
    p.draft_mark = set_draft_mark(doc, ctx);
    p.approval = set_approval(doc, ctx);
    if (p.draft_mark && p.approval) {
        const DraftMarkBox& m = *p.draft_mark;
        const ApprovalBlockBox& a = *p.approval;
        if (overlap(m.x, m.y, m.w, m.h, a.x, a.y, a.width(), a.height())) {
            ctx.diags.error(ctx.layout.draft_mark->span, base::codes::page_template_overlap, "the draft mark meets the approval block on the first page",
                            "move one of them (right, top)");
        }
    }
    return p;
}

}  // namespace yoshiki::typeset
