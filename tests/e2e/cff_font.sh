# A font with CFF outlines (an .otf) is embedded as what it is: /CIDFontType0 with /FontFile3
# /OpenType, never as a TrueType program (poppler would warn of the mismatch); its text copies
# back exactly. The Latin of the stress text is set in URW's Nimbus Sans, the rest falls back to
# IPAex明朝.
source "$(dirname "$0")/lib.bash"
OTF=/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf
[ -f "$OTF" ] || { echo "fonts-urw-base35 is not installed"; exit 77; }

sed -e "s|<font id=\"mincho\" file=\"\\([^\"]*\\)\"/>|<font id=\"mincho\" file=\"\\1\"/><font id=\"latin\" file=\"$OTF\"/>|" \
    -e 's|<fallback fonts="mj"/>|<fallback fonts="mincho mj"/>|' \
    -e 's|<style id="body" font="mincho"|<style id="body" font="latin"|' "$SRC/layouts/goal-sheet.xml" > cff-layout.xml
expect "the layout names the CFF font" grep -q 'id="latin"' cff-layout.xml

"$YOSHIKI" render --layout cff-layout.xml "$SRC/tests/data/stress/stress.xml" -o cff.pdf 2> render.err
expect "render exits 0" test $? -eq 0
pdffonts cff.pdf > fonts.txt 2> fonts.err
expect "Nimbus Sans embedded as a CFF CIDFont" grep -Eq '^[A-Z]{6}\+NimbusSans-Regular +CID Type 0C \(OT\) +Identity-H +yes +yes +yes' fonts.txt
expect "IPAex stays TrueType" grep -Eq '^[A-Z]{6}\+IPAexMincho +CID TrueType ' fonts.txt
qpdf --qdf --object-streams=disable cff.pdf cff-qdf.pdf
expect "FontFile3 of subtype OpenType" grep -aq '/Subtype /OpenType' cff-qdf.pdf
expect "CIDFontType0 with no CIDToGIDMap" bash -c "grep -aq '/Subtype /CIDFontType0' cff-qdf.pdf && [ \$(grep -ac '/CIDToGIDMap' cff-qdf.pdf) -eq 2 ]"
pdftotext cff.pdf text.txt 2> text.err
expect "poppler reads it silently (no font type mismatch)" test ! -s fonts.err -a ! -s text.err -a ! -s render.err
expect "the Latin words come back" grep -q 'Donaudampfschifffahrtsgesellschaftskapitän' text.txt
expect "every text reads back exactly" python3 "$SRC/tests/tools/readback.py" "$SRC/tests/data/stress/stress.xml" cff.pdf --skip fiscal-year
expect "qpdf --check clean" bash -c "qpdf --check cff.pdf 2>&1 | grep -q 'No syntax or stream encoding errors'"
finish
