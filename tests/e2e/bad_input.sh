# Bad input, one kind at a time: each gives exit 1, a diagnostic at the right file:line:column,
# and no output file (an existing one is left exactly as it was).
source "$(dirname "$0")/lib.bash"
LAYOUT="$SRC/layouts/goal-sheet.xml"

# A valid input to derive bad ones from: the seed with one sheet.
good() {
    sed -n '1,/<\/sheet>/p' "$SRC/inputs/r8/soumu.xml" | sed "s|layout=\"[^\"]*\"|layout=\"$LAYOUT\"|"
    echo '</goal-sheets>'
}
good > good.xml
expect "the derived input is valid" "$YOSHIKI" check good.xml

# bad NAME EXPECTED_PREFIX EXPECTED_TEXT: renders NAME.xml over an existing PDF and checks all.
bad() {
    local name=$1 prefix=$2 text=$3
    printf 'an earlier official PDF' > "$name.pdf"
    local before
    before=$(sha256sum < "$name.pdf")
    "$YOSHIKI" render "$name.xml" -o "$name.pdf" 2> "$name.err"
    local rc=$?
    checks=$((checks + 1))
    [ "$rc" -eq 1 ] || fail "$name: exit $rc, wanted 1"
    grep -qF -- "$prefix" "$name.err" || fail "$name: no '$prefix' in: $(head -3 "$name.err")"
    grep -qF -- "$text" "$name.err" || fail "$name: no '$text' in: $(head -3 "$name.err")"
    [ "$(sha256sum < "$name.pdf")" = "$before" ] || fail "$name: the existing PDF was changed"
    ls -a | grep -q "^\.$name\.pdf\." && fail "$name: a temporary file was left behind"
    # Without an existing file, none appears.
    rm -f "$name.pdf"
    "$YOSHIKI" render "$name.xml" -o "$name.pdf" 2> /dev/null
    [ ! -e "$name.pdf" ] || fail "$name: an output file was written"
    # check reports the same.
    "$YOSHIKI" check "$name.xml" 2> "$name.check.err"
    [ $? -eq 1 ] || fail "$name: check did not exit 1"
}

# Line numbers below are those of the derived file: line 11 is the first <item>.
line_of() { grep -n -m1 -F -- "$1" "$2" | cut -d: -f1; }

# Malformed XML: a closing tag that does not match.
good | sed 's|</goal>|</gaol>|' > malformed.xml
bad malformed "malformed.xml:$(line_of '</gaol>' malformed.xml):" "malformed XML"

# An entity XML does not define (pugixml would keep it as text).
good | sed 's|<goal>地域|<goal>\&nbsp;地域|' > entity.xml
bad entity "entity.xml:$(line_of '&nbsp;' entity.xml):" "undefined entity reference '&nbsp;'"

# A duplicate attribute.
good | sed 's|<initial year="令和5年度">|<initial year="令和5年度" year="令和6年度">|' > duplicate.xml
bad duplicate "duplicate.xml:$(line_of 'year="令和6年度"' duplicate.xml):" "attribute 'year' appears twice on <initial>"

# A misspelt element and a misspelt attribute: named, with a hint, never dropped.
good | sed 's|<basis>|<bassis>|; s|</basis>|</bassis>|' > misspelt.xml
bad misspelt "misspelt.xml:$(line_of '<bassis>' misspelt.xml):5: error: unknown element <bassis> in <sheet>" "did you mean <basis>?"
good | sed 's|<initial year=|<initial yaer=|' > attribute.xml
bad attribute "attribute.xml:$(line_of 'yaer=' attribute.xml):" "unknown attribute 'yaer' on <initial>"

# A missing required field, named as clerks know it.
good | grep -v '<indicator>' > missing.xml
bad missing "missing.xml:$(line_of '<sheet>' missing.xml):3: error:" "指標名 (<indicator>) is missing in 目標 1"

# Text that is not UTF-8 (a Shift_JIS export without a declaration): refused with its offset.
good | iconv -f UTF-8 -t CP932 > sjis-undeclared.xml
bad sjis-undeclared "sjis-undeclared.xml:" "the file is not valid UTF-8: byte 0x"
expect "invalid UTF-8 names the byte offset" grep -q "at byte offset [0-9]" sjis-undeclared.err

# The same file with its encoding declared is converted and renders correctly.
good | sed '1s|encoding="UTF-8"|encoding="Shift_JIS"|' | iconv -f UTF-8 -t CP932 > sjis.xml
expect "a declared Shift_JIS input renders" "$YOSHIKI" render sjis.xml -o sjis.pdf
expect "its kanji are read correctly" bash -c "pdftotext sjis.pdf - | tr -d ' \n' | grep -q '持続可能で地域の特徴を活かしたまちづくりを推進します。'"

# A character no font has: named, with its code point and place, never an empty box.
good | sed 's|<goal>地域|<goal>地\xF0\x9F\x98\x80域|' > nofont.xml
bad nofont "nofont.xml:$(line_of '<goal>' nofont.xml):12: error: character" "(U+1F600) is in none of the fonts"

# An impossible fiscal year.
good | sed 's|<current year="令和7年度">|<current year="平成32年度">|' > year.xml
bad year "year.xml:$(line_of '平成32年度' year.xml):" "現状値の年度: '平成32年度' does not exist"

# A layout that cannot be read.
good | sed 's|layout="[^"]*"|layout="no-such-layout.xml"|' > nolayout.xml
bad nolayout "no-such-layout.xml: error: cannot read the layout file" "No such file or directory"

# A layout naming a font file that is not there.
sed 's|/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf|/nonexistent/font.ttf|' "$LAYOUT" > badfont-layout.xml
good | sed 's|layout="[^"]*"|layout="badfont-layout.xml"|' > badfont.xml
bad badfont "badfont-layout.xml:$(line_of '/nonexistent/font.ttf' badfont-layout.xml):" "cannot open the font file '/nonexistent/font.ttf'"

# Usage errors exit 2.
"$YOSHIKI" render good.xml 2> /dev/null
expect "render without -o exits 2" test $? -eq 2
"$YOSHIKI" frobnicate 2> /dev/null
expect "an unknown command exits 2" test $? -eq 2
"$YOSHIKI" render good.xml -o x.pdf --colour 2> /dev/null
expect "an unknown option exits 2" test $? -eq 2
finish
