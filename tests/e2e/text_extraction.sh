# Text that copies back exactly: rare kanji of names (𠮷 from IPAmj明朝 by fallback), variation
# sequences (葛󠄀), half-width katakana, full- and half-width digits, Latin, 〜 beside ～.
source "$(dirname "$0")/lib.bash"
IN="$SRC/tests/data/extraction/names.xml"

"$YOSHIKI" render "$IN" -o names.pdf 2> render.err
expect "renders" test $? -eq 0
expect "no warnings" test ! -s render.err

pdffonts names.pdf > fonts.txt 2> fonts.err
expect "IPAmj明朝 is pulled in by fallback, embedded and subset" grep -Eq '^[A-Z]{6}\+IPAmjMincho +CID TrueType +Identity-H +yes +yes +yes' fonts.txt
expect "every font embedded and subset" bash -c "tail -n +3 fonts.txt | awk '{ if (\$(NF-4) != \"yes\" || \$(NF-3) != \"yes\" || \$(NF-2) != \"yes\") bad = 1 } END { exit bad }'"
pdftotext names.pdf text.txt 2> text.err
pdfinfo names.pdf > info.txt 2> info.err
# Drawing the pages reads every glyph of the embedded font programs (one glyph serving two
# characters is a composite of the other in the subset).
pdftoppm -r 40 -gray names.pdf page 2> draw.err
expect "poppler is silent" test ! -s fonts.err -a ! -s text.err -a ! -s info.err -a ! -s draw.err
expect "pages drawn" test -s page-1.pgm
expect "qpdf --check clean" bash -c "qpdf --check names.pdf 2>&1 | grep -q 'No syntax or stream encoding errors'"
expect "Author with a variation sequence and a non-BMP kanji" grep -q "^Author: *葛󠄀城 𠮷男$" info.txt

# Field by field, in order, white space ignored (line breaks are layout).
in_order "$(tr -d ' \n\f' < text.txt)" < <(sed -n 's/.*<\(department\|name\|item\|p\|goal\|indicator\|basis\|summary\)>\(.*\)<\/\1>.*/\2/p' "$IN" | sed 's/&quot;/"/g' | tr -d ' ')
expect "all fields compared" test "$ordered_items" -ge 12

# A hyphen inside a Latin word never ends a line: poppler joins lines and drops a hyphen at a
# line's end, so that Moroyama-|machi would copy as Moroyamamachi.
expect "Moroyama-machi copies with its hyphen, all 24 times" test "$(tr -d '\n\f' < text.txt | grep -o 'Moroyama-machi' | wc -l)" -eq 24

# The variation selector survives: 葛 followed by U+E0100 (UTF-8 F3 A0 84 80).
expect "葛󠄀 keeps its selector" grep -q $'葛\xf3\xa0\x84\x80城' text.txt
# 〜 (U+301C) and ～ (U+FF5E) share a glyph in IPAex, yet each copies back as itself.
expect "〜 and ～ stay apart" grep -q '〜と～は別の文字です。' text.txt

# The same input twice gives the same SHA-256.
"$YOSHIKI" render "$IN" -o again.pdf
expect "reproducible" test "$(sha256sum < names.pdf)" = "$(sha256sum < again.pdf)"

# A variation sequence that no font has: a warning naming it, drawn with the base glyph.
sed 's|<goal>髙﨑|<goal>あ\xf3\xa0\x84\x85髙﨑|; s|layout="[^"]*"|layout="'"$SRC"'/layouts/goal-sheet.xml"|' "$IN" > ivs.xml
"$YOSHIKI" render ivs.xml -o ivs.pdf 2> ivs.err
expect "an unknown variant still renders" test $? -eq 0 -a -s ivs.pdf
expect "the unknown variant is named" grep -q "ivs.xml:[0-9]*:[0-9]*: warning: variant 「.*」 (U+E0105) of 「あ」 (U+3042) is in none of the fonts" ivs.err
finish
