// bench/haru_pages: the baselines of bench_startup, a program that links libharu alone and writes
// the text of an input file (its XML markup dropped) as pages of 10.5 pt text: in IPAex明朝
// embedded by libharu's own TrueType path (FONT.ttf), or, with "-" for the font, in libharu's
// built-in MS明朝, not embedded (the text converted to Shift_JIS; a character CP932 lacks is left
// out). What starting a process, loading libharu and writing a few pages costs on this machine,
// without any of yoshiki's work (shaping, line breaking, tables, tags, PDF/A), so that yoshiki's
// figures carry across machines.
//   bench_haru_pages INPUT.xml FONT.ttf|- OUT.pdf
#include <hpdf.h>
#include <iconv.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

// The text between the tags, each run of text a line of its own, with no blank line.
std::vector<std::string> text_of(const std::string& xml) {
    std::vector<std::string> lines;
    std::string run;
    bool in_tag = false;
    for (char c : xml) {
        if (c == '<' || c == '>') {
            in_tag = c == '<';
            if (run.find_first_not_of(" \t\r\n") != std::string::npos) lines.push_back(run.substr(run.find_first_not_of(" \t\r\n")));
            run.clear();
        } else if (!in_tag && c != '\n' && c != '\r') {
            run += c;
        }
    }
    return lines;
}

// A line cut after 40 characters (UTF-8: a character starts at a byte that is no continuation).
std::vector<std::string> cut(const std::string& line) {
    std::vector<std::string> out(1);
    int characters = 0;
    for (char c : line) {
        const bool starts = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        if (starts && characters == 40) {
            out.emplace_back();
            characters = 0;
        }
        characters += starts;
        out.back() += c;
    }
    return out;
}

// UTF-8 → CP932 for libharu's Japanese encodings, character by character.
std::string shift_jis(iconv_t cd, const std::string& utf8) {
    std::string out;
    for (std::size_t i = 0; i < utf8.size();) {
        std::size_t n = 1;
        while (i + n < utf8.size() && (static_cast<unsigned char>(utf8[i + n]) & 0xC0) == 0x80) ++n;
        std::string one = utf8.substr(i, n);
        char buf[8];
        char* in = one.data();
        char* to = buf;
        std::size_t in_left = n, out_left = sizeof buf;
        if (iconv(cd, &in, &in_left, &to, &out_left) != static_cast<std::size_t>(-1)) out.append(buf, sizeof buf - out_left);
        i += n;
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) return 2;
    std::ifstream in(argv[1], std::ios::binary);
    const std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    HPDF_Doc doc = HPDF_New(nullptr, nullptr);
    if (!doc) return 1;
    const bool builtin = std::string(argv[2]) == "-";
    HPDF_Font font = nullptr;
    iconv_t cd = builtin ? iconv_open("CP932", "UTF-8") : nullptr;
    if (builtin) {
        HPDF_UseJPFonts(doc);
        HPDF_UseJPEncodings(doc);
        font = HPDF_GetFont(doc, "MS-Mincho", "90ms-RKSJ-H");
    } else {
        HPDF_UseUTFEncodings(doc);
        const char* name = HPDF_LoadTTFontFromFile(doc, argv[2], HPDF_TRUE);
        font = name ? HPDF_GetFont(doc, name, "UTF-8") : nullptr;
    }
    if (!font || cd == reinterpret_cast<iconv_t>(-1)) return 1;
    HPDF_Page page = nullptr;
    float y = 0;
    for (const std::string& line : text_of(xml)) {
        for (const std::string& part : cut(line)) {
            if (!page || y < 60) {
                if (page) HPDF_Page_EndText(page);
                page = HPDF_AddPage(doc);
                HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
                HPDF_Page_BeginText(page);
                HPDF_Page_SetFontAndSize(page, font, 10.5f);
                y = 780;
            }
            HPDF_Page_TextOut(page, 50, y, builtin ? shift_jis(cd, part).c_str() : part.c_str());
            y -= 16;
        }
    }
    if (page) HPDF_Page_EndText(page);
    const bool saved = HPDF_SaveToFile(doc, argv[3]) == HPDF_OK;
    HPDF_Free(doc);
    if (builtin) iconv_close(cd);
    return saved ? 0 : 1;
}
