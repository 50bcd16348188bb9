# Bad input, one kind at a time. Each must give exit 1, a first line of diagnostics that is
# exactly `file:line:column: error: message` at the place of the mistake, the same from `check`,
# and no output file: a new one is not created, an existing one keeps every byte, and no
# temporary file stays beside it (see `bad` in lib.bash). Usage errors give exit 2.
# The bad files are derived here from the seed (Shift_JIS ones with iconv), so the repository
# holds no file that cannot be read as UTF-8, and the cases follow the seed if it changes.
source "$(dirname "$0")/lib.bash"
export LC_ALL=C.UTF-8
unset YOSHIKI_LAYOUT_PATH
LAYOUT="$SRC/layouts/goal-sheet.xml"

# A valid input to derive bad ones from: the seed with its first sheet only. It names its layout
# by name, found in the source tree, as yoshiki run from its build folder finds it.
good() {
    sed -n '1,/<\/sheet>/p' "$SRC/inputs/r8/soumu.xml"
    echo '</goal-sheets>'
}
good > good.xml
expect "the derived input is valid" "$YOSHIKI" check good.xml

hint_utf8='  hint: save it as UTF-8, or name its encoding in the first line, e.g. <?xml version="1.0" encoding="Shift_JIS"?>'

# Malformed XML: a closing tag that does not match the open one (reported at its '<').
good | sed 's|</goal>|</gaol>|' > malformed.xml
bad malformed "malformed.xml:$(at '</gaol>' malformed.xml): error: malformed XML: the end tag </gaol> does not match its start tag"

# An entity XML does not define: pugixml would keep it as text, and the sheet would print it.
good | sed 's|<goal>地域|<goal>\&nbsp;地域|' > entity.xml
bad entity "entity.xml:$(at '&nbsp;' entity.xml): error: undefined entity reference '&nbsp;'" \
    "  hint: XML knows only &lt; &gt; &amp; &apos; &quot; and numeric references such as &#x9AD9;"

# A duplicate attribute: pointed at the second one.
good | sed 's|<initial year="令和5年度">|<initial year="令和5年度" year="令和6年度">|' > duplicate.xml
bad duplicate "duplicate.xml:$(at 'year="令和6年度"' duplicate.xml): error: attribute 'year' appears twice on <initial>"

# Text after the end of the root element would vanish silently: it is an error.
good > after.xml
echo '<sheet><goal>追加の目標</goal></sheet>' >> after.xml
bad after "after.xml:$(at '<sheet><goal>追加' after.xml): error: <sheet> stands after the end of <goal-sheets>"

# A misspelt element and a misspelt attribute: named, with a hint, never dropped, and reported
# once (not again as a missing field).
good | sed 's|<basis>|<bassis>|; s|</basis>|</bassis>|' > misspelt.xml
bad misspelt "misspelt.xml:$(at '<bassis>' misspelt.xml): error: unknown element <bassis> in <sheet>" "  hint: did you mean <basis>?"
expect "a misspelt field is not also reported missing" test "$("$YOSHIKI" check case-misspelt/misspelt.xml 2>&1 | grep -c error:)" -eq 1
good | sed 's|<initial year=|<initial yaer=|' > attribute.xml
bad attribute "attribute.xml:$(at 'yaer=' attribute.xml): error: unknown attribute 'yaer' on <initial>" "  hint: did you mean 'year'?"

# A missing required field, named as clerks know it, at the sheet that lacks it.
good | grep -v '<indicator>' > missing.xml
bad missing "missing.xml:$(at '<sheet>' missing.xml): error: 指標名 (<indicator>) is missing in 目標 1" \
    "  hint: add <indicator>…</indicator> to <sheet>"
# An empty one, and one that holds only an ideographic space, are empty.
good | sed 's|<indicator>[^<]*</indicator>|<indicator>　</indicator>|' > blank.xml
bad blank "blank.xml:$(at '<indicator>' blank.xml): error: 指標名 (<indicator>) is empty in 目標 1"

# Invalid UTF-8: one byte of a kanji lost. The place is the bad byte; the message names its offset.
good | sed 's|<goal>地域|<goal>地\xE5\x9F域|' > utf8.xml
offset=$(($(LC_ALL=C grep -a -b -o -m1 '<goal>地' utf8.xml | cut -d: -f1) + 6 + 3))
bad utf8 "utf8.xml:$(at '<goal>地' utf8.xml 7): error: the file is not valid UTF-8: byte 0xE5 at byte offset $offset" "$hint_utf8"

# A Shift_JIS export without an encoding declaration: refused at its first non-ASCII byte.
good | sed '1s| encoding="UTF-8"||' | iconv -f UTF-8 -t CP932 > sjis-undeclared.xml
offset=$(LC_ALL=C grep -a -b -o -m1 -P '[\x80-\xFF]' sjis-undeclared.xml | head -1 | cut -d: -f1)
byte=$(od -An -tx1 -j "$offset" -N1 sjis-undeclared.xml | tr -d ' ' | tr a-f A-F)
prefix=$(head -c "$offset" sjis-undeclared.xml; printf x)  # ASCII up to the offset
prefix=${prefix%x}
line=$(printf '%s' "$prefix" | wc -l)
last=${prefix##*$'\n'}
bad sjis-undeclared "sjis-undeclared.xml:$((line + 1)):$((${#last} + 1)): error: the file is not valid UTF-8: byte 0x$byte at byte offset $offset" "$hint_utf8"

# The same with its encoding declared is converted, and renders exactly as the UTF-8 file does,
# with 髙 and ① (in Windows-31J only, as spreadsheets write Shift_JIS).
good | sed 's|<goal>地域|<goal>髙①地域|' > kanji.xml
sed '1s|encoding="UTF-8"|encoding="Shift_JIS"|' kanji.xml | iconv -f UTF-8 -t CP932 > sjis.xml
expect "the Shift_JIS file holds 髙 as Windows-31J FB FC" bash -c "LC_ALL=C grep -q -a $'\xFB\xFC\x87\x40' sjis.xml"
expect "a declared Shift_JIS input renders" "$YOSHIKI" render sjis.xml -o sjis.pdf
expect "the UTF-8 twin renders" "$YOSHIKI" render kanji.xml -o kanji.pdf
pdftotext sjis.pdf sjis.txt
pdftotext kanji.pdf kanji.txt
expect "its kanji come back: 髙①地域コミュニティの推進" grep -q '髙①地域コミュニティの推進' sjis.txt
expect "its signer comes back: 酒巻 義一" grep -q '酒巻 義一' sjis.txt
expect "its text is that of the UTF-8 file" cmp -s sjis.txt kanji.txt
# A file that declares Shift_JIS but is UTF-8 would be read as mojibake: refused.
sed '1s|encoding="UTF-8"|encoding="Shift_JIS"|' kanji.xml > mislabelled.xml
bad mislabelled "mislabelled.xml:$(at 'Shift_JIS' mislabelled.xml): error: the file declares the encoding 'Shift_JIS' but its text is UTF-8"

# A character no font has: named, with its code point and place, never an empty box.
good | sed 's|<goal>地域|<goal>地\xF0\x9F\x98\x80域|' > emoji.xml
bad emoji "emoji.xml:$(at '😀' emoji.xml): error: character 「😀」 (U+1F600) is in none of the fonts (IPAexMincho, IPAmjMincho)"
pua=$'\xEE\x80\x80'  # U+E000, the first private-use character
good | sed "s|自治会加入割合|自治会${pua}加入割合|" > private.xml
bad private "private.xml:$(at "$pua" private.xml): error: character 「$pua」 (U+E000) is in none of the fonts (IPAexMincho, IPAmjMincho)"

# An impossible fiscal year, at the attribute value that holds it.
good | sed 's|<current year="令和7年度">|<current year="平成32年度">|' > year.xml
bad year "year.xml:$(at '平成32年度' year.xml): error: 現状値の年度: '平成32年度' does not exist: 平成 runs from 平成元年度 to 平成31年度"
good | sed 's|<fiscal-year>令和8年度|<fiscal-year>令和0年度|' > year0.xml
bad year0 "year0.xml:$(at '令和0年度' year0.xml): error: 年度: '令和0年度' does not exist: 令和 begins with 令和元年度"

# A layout that does not exist: reported where the input names it.
good | sed 's|layout="[^"]*"|layout="no-such-layout.xml"|' > nolayout.xml
bad nolayout "nolayout.xml:$(at 'no-such-layout.xml' nolayout.xml): error: cannot read the layout file 'no-such-layout.xml': No such file or directory"
# A layout named by name that no folder of the search path has: every folder looked in, in order.
good | sed 's|layout="[^"]*"|layout="goal-sheat"|' > noname.xml
bad noname "noname.xml:$(at 'goal-sheat' noname.xml): error: cannot find the layout 'goal-sheat': looked for goal-sheat.xml in . (the input's folder), $SRC/layouts (the source tree of this build)" \
    "  hint: put goal-sheat.xml in one of these folders, add its folder to YOSHIKI_LAYOUT_PATH, or give the layout's path"
code_is case-noname/noname.xml layout-not-found goal-sheat
# Given with --layout, the layout file itself is named.
"$YOSHIKI" check good.xml --layout missing-layout.xml 2> option.err
expect "--layout with a missing file exits 1" test $? -eq 1
expect "--layout with a missing file names it" test "$(head -1 option.err)" = "missing-layout.xml: error: cannot read the layout file: No such file or directory"

# A layout naming a font file that is not there, at the layout's file attribute.
sed 's|/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf|/nonexistent/font.ttf|' "$LAYOUT" > badfont-layout.xml
good | sed 's|layout="[^"]*"|layout="badfont-layout.xml"|' > badfont.xml
bad badfont "badfont-layout.xml:$(at '/nonexistent/font.ttf' badfont-layout.xml): error: cannot open the font file '/nonexistent/font.ttf': No such file or directory"

# Usage errors exit 2, say so on stderr, and write nothing.
usage() {
    local what=$1
    shift
    rm -rf usage && mkdir usage
    (cd usage && "$YOSHIKI" "$@" > out.txt 2> err.txt; echo $? > rc)
    checks=$((checks + 1))
    [ "$(cat usage/rc)" -eq 2 ] || fail "$what: exit $(cat usage/rc), wanted 2"
    grep -q '^yoshiki: ' usage/err.txt || fail "$what: no 'yoshiki: ' message on stderr"
    [ "$(ls usage)" = "$(printf 'err.txt\nout.txt\nrc')" ] || fail "$what: wrote $(ls usage | tr '\n' ' ')"
}
usage "no command"
usage "render without -o" render ../good.xml
usage "an unknown command" frobnicate ../good.xml
usage "an unknown option" render ../good.xml -o x.pdf --colour
usage "two inputs" render ../good.xml ../good.xml -o x.pdf
usage "-o without a path" render ../good.xml -o
usage "check with -o" check ../good.xml -o x.pdf
expect "usage names the mistake" grep -q "^yoshiki: check writes nothing; -o is not for it$" usage/err.txt
finish
