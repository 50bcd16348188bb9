# PDF/A-3: the clause checks of tests/tools/pdfa.py on what render writes beyond the archive's
# inputs (the stress text, an untagged PDF, a single department's print document), and the checks
# themselves shown to fail: each damage made to a good file is caught by its clause.
source "$(dirname "$0")/lib.bash"
TOOLS="$SRC/tests/tools"
render() { "$YOSHIKI" render "$@" 2>> render.err; }

render "$SRC/tests/data/stress/stress.xml" -o stress.pdf
expect "the stress text: PDF/A-3a" python3 "$TOOLS/pdfa.py" stress.pdf --level a --sources 2 > stress.pdfa
render --no-tags "$SRC/inputs/r8/soumu.xml" -o untagged.pdf
expect "untagged: PDF/A-3b with its sources" python3 "$TOOLS/pdfa.py" untagged.pdf --level b --sources 2 > untagged.pdfa
expect "untagged: it does not claim level A" bash -c "! python3 '$TOOLS/pdfa.py' untagged.pdf --level a > untagged-a.pdfa"
expect "untagged: the identification and the structure clauses say why" bash -c "grep -q '^FAIL 6.6.4 ' untagged-a.pdfa && grep -q '^FAIL 6.7 ' untagged-a.pdfa"
render --footer "$SRC/inputs/r8/soumu.xml" -o footed.pdf
expect "a print document of one department: PDF/A-3b, nothing embedded" python3 "$TOOLS/pdfa.py" footed.pdf --level b --sources 0 > footed.pdfa
for input in "$SRC"/inputs/samples/notices/*.xml "$SRC"/inputs/samples/evaluation/*.xml "$SRC"/inputs/samples/appointments/*.xml \
    "$SRC"/inputs/samples/commendations/*.xml; do
    name=$(basename "$input" .xml)
    render "$input" -o "$name.pdf"
    # The 辞令 carry their layout's image (the 公印) as a third source.
    sources=2
    [[ $input == */appointments/* ]] && sources=3
    expect "$name: PDF/A-3a with its sources ($sources)" python3 "$TOOLS/pdfa.py" "$name.pdf" --level a --sources $sources > "$name.pdfa"
done
expect "no warnings while rendering" test ! -s render.err

# Damage to a good file, one clause at a time, through qpdf's QDF form (fix-qdf repairs the
# lengths and the cross-reference after an edit).
render "$SRC/inputs/samples/r8/zeimu.xml" -o good.pdf
expect "the good file passes" python3 "$TOOLS/pdfa.py" good.pdf --level a --sources 2 > good.pdfa
qpdf --qdf --object-streams=disable good.pdf good.qdf
damage() {  # damage CLAUSE WHAT PYTHON-EXPRESSION-OVER-b
    local clause=$1 what=$2 edit=$3 name
    name=$(echo "$clause" | tr -c '0-9a-z\n' '_')
    python3 -c "
import re, sys
b = open('good.qdf', 'rb').read()
b = $edit
open('$name.qdf', 'wb').write(b)"
    fix-qdf "$name.qdf" > "$name.pdf"
    python3 "$TOOLS/pdfa.py" "$name.pdf" --level a --sources 2 > "$name.out"
    checks=$((checks + 1))
    if ! grep -q "^FAIL $clause " "$name.out"; then fail "$what: clause $clause should fail"; fi
}
damage 6.2.3 "no PDF/A output intent" "b.replace(b'/GTS_PDFA1', b'/GTS_PDFX1')"
damage 6.2.11.5 "a width in /W unlike the font's" "re.sub(rb'(/W \[\s*\d+\s*\[\s*)(\d+)', lambda m: m.group(1) + str(int(m.group(2)) + 100).encode(), b, count=1)"
damage 6.2.11.3.2 "no /CIDToGIDMap" "b.replace(b'/CIDToGIDMap /Identity', b'/CIDToGIDMaq /Identity')"
damage 6.2.11.7.2 "a character without Unicode" "re.sub(rb'(beginbfrange\s*<[0-9A-F]+>\s*<[0-9A-F]+>\s*\[)<[0-9A-F]+>', rb'\1<FFFE>', b, count=1)"
damage 6.6.3 "a producer unlike the XMP's" "b.replace(b'/Producer (yoshiki', b'/Producer (Yoshiki', 1)"
damage 6.6.4 "the wrong part" "b.replace(b'<pdfaid:part>3<', b'<pdfaid:part>2<')"
damage 6.6.2.3 "a property without its schema" "b.replace(b'<pdfaProperty:name>department<', b'<pdfaProperty:name>departmenX<')"
damage 6.8 "an embedded file with no relationship" "b.replace(b'/AFRelationship /Source', b'/AFRelationshiq /Source')"
damage 6.8 "a checksum that is not the file's" "re.sub(rb'/CheckSum <[0-9a-f]{2}', b'/CheckSum <00', b, count=1)"
damage 6.5 "JavaScript" "b.replace(b'/Type /Catalog', b'/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>', 1)"
damage 6.1.7.2 "an LZW filter" "b.replace(b'/Type /Catalog', b'/Type /Catalog /Probe << /Filter /LZWDecode >>', 1)"
damage 6.3 "an annotation that does not print" "b.replace(b'/Type /Page\n', b'/Type /Page\n  /Annots [ << /Type /Annot /Subtype /Square /Rect [0 0 10 10] /F 0 >> ]\n', 1)"
finish
