// A page's content stream (PDF 32000-1, 8–9 and 14.6): fills, rules and glyph runs as operators,
// with the marked content that ties text to the structure tree and marks everything else as an
// artifact. Pure: it writes bytes, no PDF objects, so a signature's appearance can use it too.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "paginate/paged_document.hpp"

namespace yoshiki::write {

class ContentStream {
public:
    // page_height: coordinates of items are from the top, PDF's from the bottom. tagged: write
    // marked content (structure and artifacts, ActualText); untagged content is today's stream
    // without them, kept to measure what tagging costs.
    ContentStream(double page_height, bool tagged) : height_(page_height), tagged_(tagged) {}

    // The start of the content of a structure node, under its marked-content id (MCID).
    void begin_node(const std::string& type, int mcid);
    // The start of an artifact of the given kind, text or drawing; consecutive artifacts of one
    // kind share a sequence.
    void begin_artifact(paginate::Artifact kind, bool text);
    // Ends the open marked-content sequence, if any.
    void end_marked();

    // The colour of the text that follows, RGB 0 to 1 (a signature's red stamp); text is black
    // unless this is called. Fills keep their own grey.
    void text_color(double r, double g, double b);

    void fill(const paginate::Fill& f);
    // An image XObject (/Im0) drawn into its rectangle.
    void image(const paginate::Image& im, const std::string& resource);
    // Rules drawn together: grouped by width, the pieces of one ruled line joined.
    void rules(std::vector<paginate::Rule> rules);

    // A line of text: its runs, each glyph where the typesetter put it. cids and advances (pt)
    // give each glyph of the runs in order; resource(font) names a run's font (/F0). With an
    // actual text, the line is a span that reads as that text (14.9.4). A column's runs name the
    // font's vertical form (Identity-V), and their advances are down.
    template <typename ResourceOf>
    void text(const paginate::TextLine& line, const std::uint16_t* cids, const double* advances, ResourceOf resource) {
        bool span = tagged_ && line.actual_text;
        if (span) begin_span(*line.actual_text);
        for (const paginate::GlyphRun& run : line.runs) {
            if (run.glyphs.empty()) continue;
            set_font(resource(run), run.size);
            if (run.mode == paginate::RunMode::line) run_glyphs(run, cids, advances);
            else column_glyphs(run, cids, advances);
            cids += run.glyphs.size();
            advances += run.glyphs.size();
        }
        if (span) ops_ += "EMC\n";
    }

    // The finished operators; the stream is empty afterwards.
    std::string finish();

private:
    void begin_text();
    void end_text();
    void begin_span(const std::string& actual_text);
    void set_font(const std::string& resource, float size);
    void run_glyphs(const paginate::GlyphRun& run, const std::uint16_t* cids, const double* advances);
    void column_glyphs(const paginate::GlyphRun& run, const std::uint16_t* cids, const double* advances);
    void set_spacing(double tc, double scale);
    void move_to(long x, long y);
    void set_matrix(const char* rotation, long x, long y);

    std::string ops_;
    double height_;
    bool tagged_;
    bool in_text_ = false;
    enum class Marked { none, node, artifact } marked_ = Marked::none;
    bool marked_in_text_ = false;  // the open sequence began inside a text object
    paginate::Artifact artifact_ = paginate::Artifact::none;
    std::string font_;
    float size_ = 0;
    double char_spacing_ = 0;     // Tc in force
    double scale_ = 1;            // Tz in force, as a fraction
    std::string fill_ = "0 g";       // the fill colour in force, as its operator (PDF's default: black)
    std::string text_fill_ = "0 g";  // the colour of text
    long line_x_ = 0, line_y_ = 0;  // start of the current text line, in hundredths of a point
    bool turned_ = false;           // the text line matrix is turned (a sideways run): the next move sets it whole
};

}  // namespace yoshiki::write
