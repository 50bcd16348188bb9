# Damaged and hostile input, class by class (docs/input-format.md: every byte of an input takes
# part in the output or is named in an error). Each class is generated here in several variants
# from the seed and the samples; each variant must give exit 1, a first line that is exactly
# `file:line:column: error: message` at the place worked out here independently of yoshiki, the
# same from `check`, no file written and an existing PDF untouched (`bad` in lib.bash), and the
# finding's code and byte offset (from `check --diagnostics=json`, code_is in lib.bash).
source "$(dirname "$0")/lib.bash"
export LC_ALL=C.UTF-8
LAYOUT="$SRC/layouts/goal-sheet.xml"

# The inputs to damage: the seed and the samples, naming the layout by its absolute path.
bases=()
for src in "$SRC/inputs/r8/soumu.xml" "$SRC"/inputs/samples/r8/*.xml; do
    n=$((${#bases[@]} + 1))
    sed "s|layout=\"[^\"]*\"|layout=\"$LAYOUT\"|" "$src" > "base$n.xml"
    expect "base$n.xml is valid" "$YOSHIKI" check "base$n.xml"
    bases+=("base$n.xml")
done
lines_of() { wc -l < "$1"; }
root_line() { grep -n -m1 '<goal-sheets' "$1" | cut -d: -f1; }
decl_hint='  hint: nothing may stand before it, not even a space, a line end or a comment'

# 1. Two roots: two departments' files concatenated by hand. The second one's declaration, its
#    root, or a sheet pasted after the end: each named where it stands, never dropped.
for i in "${!bases[@]}"; do
    a=${bases[$i]} b=${bases[$(((i + 1) % ${#bases[@]}))]} k=$((i + 1))
    cat "$a" "$b" > "roots-decl$k.xml"
    bad "roots-decl$k" "roots-decl$k.xml:$(($(lines_of "$a") + 1)):1: error: the XML declaration <?xml …?> must stand at the very start of the file" "$decl_hint"
    code_is "case-roots-decl$k/roots-decl$k.xml" xml-declaration-not-first '<?xml'

    { cat "$a"; sed 1d "$b"; } > "roots$k.xml"
    bad "roots$k" "roots$k.xml:$(($(lines_of "$a") + $(root_line "$b") - 1)):1: error: <goal-sheets> stands after the end of <goal-sheets>" \
        "  hint: everything belongs inside <goal-sheets>…</goal-sheets>"
    code_is "case-roots$k/roots$k.xml" xml-outside-root '<goal-sheets'

    { cat "$a"; sed -n '/<sheet>/,/<\/sheet>/p' "$b" | sed -n '1,/<\/sheet>/p'; } > "sheet-after$k.xml"
    bad "sheet-after$k" "sheet-after$k.xml:$(($(lines_of "$a") + 1)):3: error: <sheet> stands after the end of <goal-sheets>" \
        "  hint: everything belongs inside <goal-sheets>…</goal-sheets>"
    code_is "case-sheet-after$k/sheet-after$k.xml" xml-outside-root '<sheet>'
done

# 2. Text after the root: 「以上」 typed at the end, after spaces, line ends, a comment; an
#    entity; a CDATA section. Named at its first character.
k=0
while IFS='|' read -r lead content; do
    k=$((k + 1))
    printf -v lead '%b' "$lead"
    { cat base1.xml; printf '%s%s\n' "$lead" "$content"; } > "after$k.xml"
    newlines=$(printf '%s' "$lead" | tr -cd '\n' | wc -c)
    last=${lead##*$'\n'}
    bad "after$k" "after$k.xml:$(($(lines_of base1.xml) + 1 + newlines)):$((${#last} + 1)): error: text after the end of <goal-sheets>"
    code_is "case-after$k/after$k.xml" xml-outside-root "${content:0:1}"
done << 'EOF'
|以上
  |以上
\n\n|以上
\t|&amp;
\r\n|x
<!-- 署名 -->|以上
|<![CDATA[以上]]>
EOF

# 3. The XML declaration not first: after spaces, line ends, a byte order mark and a space, a
#    comment. The encoding it names would otherwise be silently ignored.
k=0
while IFS='|' read -r lead hint line column; do
    k=$((k + 1))
    { printf '%b' "$lead"; cat base2.xml; } > "decl$k.xml"
    want2='  hint: remove the spaces and line ends before it'
    [ "$hint" = comment ] && want2=$decl_hint
    bad "decl$k" "decl$k.xml:$line:$column: error: the XML declaration <?xml …?> must stand at the very start of the file" "$want2"
    code_is "case-decl$k/decl$k.xml" xml-declaration-not-first '<?xml'
done << 'EOF'
 |space|1|2
\n|space|2|1
\r\n\r\n|space|3|1
\t\t|space|1|3
\xEF\xBB\xBF |space|1|2
<!-- 総務課 -->|comment|1|13
<!-- x -->\n|comment|2|1
EOF

# 4. Processing instructions. One for another program (a style sheet, an editor's own) is
#    passed over, as XML asks of a program that does not know its target: before the root, in it,
#    in the middle of a field's text, after it; the PDF reads as the file's without it. One
#    addressed to yoshiki, which reads none, is refused wherever it stands, and so is the target
#    xml in another letter case, which XML reserves (a second <?xml …?> is case 1's).
"$YOSHIKI" render base3.xml -o pi-base.pdf
pdftotext pi-base.pdf pi-base.txt
k=0
for where in '1a <?xml-stylesheet type="text/xsl" href="sheet.xsl"?>' '/<goal-sheets/i <?oxygen RNGSchema="goal.rng"?>' \
    '/<goal-sheets/a <?editor fold?>' 's|<goal>健全な|<goal>健全な<?editor mark id="1"?>|' \
    's|<name>山田 花子|<name>山田<?a?> <?b?>花子|' '$a <?editor end?>'; do
    k=$((k + 1))
    sed "$where" base3.xml > "pi-other$k.xml"
    expect "pi-other$k: the instruction is in the file" grep -q '<?[a-z]' <(sed 1d "pi-other$k.xml")
    "$YOSHIKI" check "pi-other$k.xml" 2> "pi-other$k.err"
    expect "pi-other$k: check passes it over (exit $?)" test $? -eq 0 -a "$(cat "pi-other$k.err")" = "pi-other$k.xml: ok (2 sheets, 2 pages)"
    "$YOSHIKI" render "pi-other$k.xml" -o "pi-other$k.pdf" 2> "pi-other$k.err"
    expect "pi-other$k: render exits 0, saying nothing" test $? -eq 0 -a ! -s "pi-other$k.err"
    pdftotext "pi-other$k.pdf" "pi-other$k.txt"
    expect "pi-other$k: the PDF's text is that of the file without it" cmp -s pi-base.txt "pi-other$k.txt"
done
expect "the text on both sides of one is in the PDF" grep -q ' 健全な財政運営$' pi-other4.txt
expect "... and the space between two" grep -q ' 山田 花子$' pi-other5.txt
yoshiki_hint="  hint: write what it says in the file's elements and attributes, or remove it"
k=0
for where in '1a <?yoshiki status="final"?>' '/<goal-sheets/a <?yoshiki page-break?>' 's|<goal>|<goal>健全<?yoshiki page-break?>|' \
    '$a <?yoshiki?>'; do
    k=$((k + 1))
    sed "$where" base3.xml > "pi$k.xml"
    bad "pi$k" "pi$k.xml:$(at '<?yoshiki' "pi$k.xml"): error: yoshiki reads no processing instructions: <?yoshiki …?> would change nothing" \
        "$yoshiki_hint"
    code_is "case-pi$k/pi$k.xml" xml-processing-instruction '<?yoshiki'
done
sed '1s|^<?xml|<?XML|' base1.xml > pi-upper.xml
reserved_hint="  hint: the XML declaration is written <?xml …?>, in lower case, at the very start of the file"
bad pi-upper "pi-upper.xml:1:1: error: the target 'XML' of <?XML …?> is reserved by XML" "$reserved_hint"
code_is case-pi-upper/pi-upper.xml xml-processing-instruction '<?XML'
sed 's|<goal>|<goal><?Xml version="1.0"?>|' base1.xml > pi-mixed.xml
bad pi-mixed "pi-mixed.xml:$(at '<?Xml' pi-mixed.xml): error: the target 'Xml' of <?Xml …?> is reserved by XML" "$reserved_hint"
code_is case-pi-mixed/pi-mixed.xml xml-processing-instruction '<?Xml'
sed '$a <?xmL stylesheet?>' base1.xml > pi-after.xml
bad pi-after "pi-after.xml:$(at '<?xmL' pi-after.xml): error: the target 'xmL' of <?xmL …?> is reserved by XML" "$reserved_hint"
code_is case-pi-after/pi-after.xml xml-processing-instruction '<?xmL'

# 5. Encodings. Not supported, located at the name; declared but contradicted by UTF-8 text;
#    UTF-16 (with and without a byte order mark) declaring something else; bytes that begin no
#    character of Shift_JIS or EUC-JP, located at the character before and by their offset.
ascii() { LC_ALL=C sed 's/[\x80-\xff]//g' "$1"; }
for name in KOI8-R ISO-8859-1 windows-1252 GB2312 Big5; do
    ascii base1.xml | sed "1s|encoding=\"UTF-8\"|encoding=\"$name\"|" > "enc-$name.xml"
    bad "enc-$name" "enc-$name.xml:1:31: error: the encoding '$name' is not supported" \
        "  hint: use UTF-8, Shift_JIS, EUC-JP, ISO-2022-JP or UTF-16"
    code_is "case-enc-$name/enc-$name.xml" encoding-unsupported "$name"
done
for name in Shift_JIS EUC-JP ISO-2022-JP windows-31j CP932; do
    sed "1s|encoding=\"UTF-8\"|encoding=\"$name\"|" base1.xml > "mislabelled-$name.xml"
    bad "mislabelled-$name" "mislabelled-$name.xml:1:31: error: the file declares the encoding '$name' but its text is UTF-8" \
        '  hint: write encoding="UTF-8" in the first line if the file is UTF-8, or save it again in the encoding it declares'
    code_is "case-mislabelled-$name/mislabelled-$name.xml" encoding-contradicted "$name"
done
for form in UTF-16LE UTF-16BE UTF-16; do  # iconv's UTF-16 writes a byte order mark
    sed '1s|encoding="UTF-8"|encoding="Shift_JIS"|' base1.xml | iconv -f UTF-8 -t "$form" > "u16-$form.xml"
    bad "u16-$form" "u16-$form.xml:1:31: error: the file is UTF-16 but declares the encoding 'Shift_JIS'" \
        '  hint: write encoding="UTF-16", or save the file again in the encoding it declares'
    code_is "case-u16-$form/u16-$form.xml" encoding-contradicted
done
for enc in Shift_JIS:CP932:$'\x81\x7f' EUC-JP:EUC-JP:$'\xa4\x21'; do
    IFS=: read -r name conv broken <<< "$enc"
    sed "1s|encoding=\"UTF-8\"|encoding=\"$name\"|" base1.xml | iconv -f UTF-8 -t "$conv" |
        LC_ALL=C sed "s|<goal>|<goal>$broken|" > "invalid-$name.xml"
    offset=$(($(LC_ALL=C grep -a -b -o -m1 '<goal>' "invalid-$name.xml" | head -1 | cut -d: -f1) + 6))
    byte=$(od -An -tx1 -j "$offset" -N1 "invalid-$name.xml" | tr -d ' ' | tr a-f A-F)
    bad "invalid-$name" "invalid-$name.xml:$(at '<goal>' base1.xml 6): error: the file is not valid $name: byte 0x$byte at byte offset $offset begins no character of $name" \
        "  hint: check the encoding the file was saved in, and the declaration in its first line"
    code_is "case-invalid-$name/invalid-$name.xml" encoding-invalid "$broken"
done

# 6. Over the size limit: refused from the file's size before a byte is read, at 1:1.
for size in 16777217 67108864 3221225472; do
    truncate -s "$size" "large-$size.xml"
    bad "large-$size" "large-$size.xml:1:1: error: the input file is larger than 16 MiB ($size bytes)" \
        "  hint: is it the file you meant? A department file is a few kilobytes"
    code_is "case-large-$size/large-$size.xml" file-too-large
done
truncate -s 20000000 big-layout.xml
"$YOSHIKI" check base1.xml --layout big-layout.xml 2> big-layout.err
expect "a layout over the limit exits 1" test $? -eq 1
expect "a layout over the limit is named at its 1:1" test "$(head -1 big-layout.err)" = "big-layout.xml:1:1: error: the layout file is larger than 16 MiB (20000000 bytes)"

# 7. Empty, or white space only.
k=0
for content in '' '   \n' '\xEF\xBB\xBF' '\n\t\r\n'; do
    k=$((k + 1))
    printf "$content" > "empty$k.xml"
    bad "empty$k" "empty$k.xml:1:1: error: the input file is empty"
    code_is "case-empty$k/empty$k.xml" file-empty
done

# 8. Characters XML forbids, even as valid UTF-8.
for c in 01 08 0B 0C 1F; do
    sed "s|<goal>地域|<goal>地域\\x$c|" base1.xml > "control-$c.xml"
    bad "control-$c" "control-$c.xml:$(at '<goal>地域' base1.xml 8): error: character (U+00$c) is not allowed in XML"
    code_is "case-control-$c/control-$c.xml" xml-forbidden-character "$(printf "\\x$c")"
done

# 9. Many findings: past 100 in a file only a count. Unknown elements and unknown attributes,
#    from just over the limit to tens of thousands, each listed then counted in one line.
many() {  # many NAME COUNT FIRST-LINE SECOND-LINE
    local name=$1 count=$2
    bad "$name" "$3" "$4"
    "$YOSHIKI" check "case-$name/$name.xml" 2> "$name.err"
    expect "$name: 100 findings and the closing count" test "$(grep -c ': error: ' "$name.err")" -eq 101
    local more="$((count - 100)) more errors in this file are"
    [ "$count" -ne 101 ] || more="1 more error in this file is"
    expect "$name: the closing count" test "$(grep ': error: ' "$name.err" | tail -1)" = \
        "case-$name/$name.xml: error: $more not listed (only the first 100 are)"
}
allowed_root='  hint: allowed here: <fiscal-year> <department> <signer> <duties> <served> <sheet>'
for count in 101 1000 50000; do
    { sed '$d' base1.xml; for _ in $(seq "$count"); do echo '<x/>'; done; echo '</goal-sheets>'; } > "elements$count.xml"
    many "elements$count" "$count" "elements$count.xml:$(lines_of base1.xml):1: error: unknown element <x> in <goal-sheets>" "$allowed_root"
    code_is "case-elements$count/elements$count.xml" unknown-element '<x/>'

    awk -v n="$count" '!done && sub(/^<goal-sheets /, "") {
        printf "<goal-sheets"; for (i = 1; i <= n; i++) printf " a%d=\"\"", i; print " " $0; done = 1; next
    } { print }' base1.xml > "attributes$count.xml"
    many "attributes$count" "$count" "attributes$count.xml:$(at '<goal-sheets' base1.xml 13): error: unknown attribute 'a1' on <goal-sheets>" \
        "  hint: allowed here: layout date status"
    code_is "case-attributes$count/attributes$count.xml" unknown-attribute 'a1=""'
done

# 10. Nesting too deep, however deep.
for depth in 40 1000 90000; do
    { sed '$d' base1.xml; printf '<x>%.0s' $(seq "$depth"); printf '</x>%.0s' $(seq "$depth"); echo; echo '</goal-sheets>'; } > "deep$depth.xml"
    bad "deep$depth" "deep$depth.xml:$(lines_of base1.xml):97: error: elements are nested too deeply" \
        "  hint: a yoshiki file nests at most 32 elements deep"
    code_is "case-deep$depth/deep$depth.xml" xml-too-deep '<x>'
done

# 11. More markup than any department file has: 16 MB of elements, refused where the count of
#     '<' and '=' passes 200,000, before the file is parsed.
head_lines=$(root_line base1.xml)
head_markup=$(sed -n "1,${head_lines}p" base1.xml | tr -cd '<=' | wc -c)
{ sed -n "1,${head_lines}p" base1.xml; yes '<x/>' | head -n 3300000; echo '</goal-sheets>'; } > markup.xml
bad markup "markup.xml:$((head_lines + 200001 - head_markup)):1: error: the file has more than 200000 elements and attributes; yoshiki reads no further" \
    "  hint: a department file of 1,000 sheets has some 30,000: split the file"
code_is case-markup/markup.xml xml-too-much-markup '<x/>'
finish
