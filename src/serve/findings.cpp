#include "serve/findings.hpp"

#include <map>

#include "parse/xml.hpp"

namespace yoshiki::serve {

using nlohmann::json;

namespace {

// 「X」 as yoshiki's messages quote a character (base::describe_code_point), if the message has it.
std::string quoted_character(const std::string& message) {
    std::size_t open = message.find("「"), close = message.find("」");
    if (open == std::string::npos || close == std::string::npos || close < open) return {};
    return message.substr(open, close + std::string("」").size() - open);
}

// Missing fields are reported at the element that should hold them, naming the field as
// "label (<name>)": the place is that field, not its parent.
std::string missing_element(const std::string& message) {
    std::size_t open = message.find("(<"), close = message.find(">)");
    if (open == std::string::npos || close == std::string::npos || close < open) return {};
    return message.substr(open + 2, close - open - 2);
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// The offset in the text of the character at a byte offset of the file: the same in a UTF-8 file,
// shifted by a byte order mark, and mapped through the decoding of a Shift_JIS one.
std::size_t text_offset(const base::SourceFile& source, std::size_t byte) {
    std::size_t lo = 0, hi = source.text().size();
    while (lo < hi) {
        std::size_t mid = lo + (hi - lo + 1) / 2;
        if (source.file_offset(mid) <= byte) lo = mid;
        else hi = mid - 1;
    }
    return lo;
}

}  // namespace

std::string japanese_text(const Diagnostic& d, bool in_input) {
    // A layout or a font the server may not read (reported where the input or the layout names it).
    if (d.code == "file-outside-roots") {
        return "様式（レイアウト）または書体のファイルが、このサーバーで使えるフォルダーの外にあります。管理者に連絡してください。";
    }
    // A finding about the layout or a font is not the clerk's to mend, whatever its kind.
    if (!in_input) return "様式（レイアウト）または書体のファイルに誤りがあります。管理者に連絡してください。";
    static const std::map<std::string, std::string> plain{
        {"missing-field", "入力されていません。"},
        {"empty-field", "入力されていません。"},
        {"duplicate-field", "同じ項目が二度書かれています。一つにまとめてください。"},
        {"no-sheets", "目標が一つもありません。「目標を追加」で加えてください。"},
        {"fiscal-year-invalid", "年度として読めません。「令和8年度」「R8」「2026」のように書いてください。"},
        {"date-invalid", "日付として読めません。2026-04-01 のように書いてください。"},
        {"numbering-unknown", "番号の付け方が分かりません。「・」「（1）」「(1)」「①」「1.」から選んでください。"},
        {"text-too-long", "文章が長すぎます。"},
        {"too-many-sheets", "目標の数が多すぎます。"},
        {"too-many-paragraphs", "段落の数が多すぎます。"},
        {"too-many-pages", "ページ数が多すぎます。"},
        {"text-too-wide-to-distribute", "欄に収まりません。短くしてください。"},
        {"text-cluster-too-long", "一つの文字に付く記号が多すぎます。"},
        {"unknown-element", "様式にない項目が書かれています（XMLを直接編集で直せます）。"},
        {"unknown-attribute", "様式にない属性が書かれています（XMLを直接編集で直せます）。"},
        {"misplaced-text", "段落や項目の外に文字が書かれています（XMLを直接編集で直せます）。"},
        {"wrong-root", "この様式のファイルではありません。"},
        {"layout-not-named", "様式（レイアウト）が指定されていません。"},
    };
    auto it = plain.find(d.code);
    if (it != plain.end()) return it->second;
    if (d.code == "field-todo") {
        // Written by hand but still marked: the editor takes a mark away only when the value changes.
        if (d.message.find("is written but still marked") != std::string::npos) {
            return "書き込まれていますが、「要記入」の印（todo）が残っています。確かめたら「XMLを直接編集」で todo を消してください。";
        }
        return "まだ書かれていません。書き込むと、この注意は消えます。";
    }
    const std::string c = quoted_character(d.message);
    if (d.code == "font-missing-glyph") return (c.empty() ? std::string("この字") : c) + "は、印刷に使う書体にない文字です。別の字に置き換えてください。";
    if (d.code == "font-missing-variant") return c + " の異体字は書体にないため、標準の字形で印刷されます。";
    if (starts_with(d.code, "xml-")) return "XMLの書き方に誤りがあります（" + std::to_string(d.line) + "行目）。";
    if (starts_with(d.code, "encoding-")) return "文字コードが正しくありません。UTF-8 で保存してください。";
    if (starts_with(d.code, "file-")) return "ファイルを読めません。";
    if (d.code == "internal-error") return "yoshiki の内部エラーです。管理者に連絡してください。";
    if (d.code.empty() || d.code == "too-many-diagnostics") return d.severity == Diagnostic::Severity::error ? "誤りがあります。" : "注意があります。";
    // The rest concern the layout or its fonts: not the clerk's to mend.
    return "様式（レイアウト）または書体のファイルに誤りがあります。管理者に連絡してください。";
}

json findings_json(const std::vector<Diagnostic>& diags, const std::string& name, const std::string& bytes,
                   const parse::DataSchema* schema) {
    // The checked bytes read again for the places of the findings: only when one is in them.
    std::unique_ptr<parse::XmlFile> file;
    bool loaded = false;
    json out = json::array();
    for (const Diagnostic& d : diags) {
        json place = nullptr;
        const bool in_input = d.file == name;
        if (schema && in_input && d.offset != Diagnostic::whole_file) {
            if (!loaded) {
                base::Diagnostics ignored;
                file = parse::load_xml_bytes(name, bytes, ignored);
                loaded = true;
            }
            if (file) {
                parse::FieldPlace p = parse::locate_field(*file, *schema, text_offset(*file->source, d.offset));
                if (d.code == "missing-field") {
                    std::string missing = missing_element(d.message);
                    if (!missing.empty()) p.path += (p.path.empty() ? "" : "/") + missing;
                }
                place = json{{"sheet", p.sheet}, {"path", p.path}, {"block", p.block}, {"item", p.item}};
            }
        }
        out.push_back(json{{"severity", d.severity == Diagnostic::Severity::error ? "error" : "warning"},
                           {"code", d.code},
                           {"text", japanese_text(d, in_input)},
                           {"message", d.format()},
                           {"hint", d.hint},
                           {"line", d.line},
                           {"column", d.column},
                           {"place", place}});
    }
    return out;
}

}  // namespace yoshiki::serve
