# The 公文書開示決定通知書 (layouts/disclosure-notice.xml): a form of fixed boxes and fixed-height
# rows. Each sample is one page; a text too long for its box is squeezed, condensed (長体, drawn
# with Tz) and made smaller, as check --fit-report says and the content stream shows, and still
# copies back exactly; a text that fits at no floor is refused at its field's place in the input;
# dates print in 和暦 and choices as ■/□; a final notice is signed in the 町長's box.
source "$(dirname "$0")/lib.bash"
source "$SRC/tests/e2e/support/pki.bash"
pki_requires pdfsig python3
NOTICES=$SRC/inputs/samples/notices
LAYOUT=$SRC/layouts/disclosure-notice.xml

for input in "$NOTICES"/*.xml; do
    name=$(basename "$input" .xml)
    "$YOSHIKI" render "$input" -o "$name.pdf" 2> "$name.err"
    expect "$name: renders without a word" test $? -eq 0 -a ! -s "$name.err"
    expect "$name: one page" bash -c "pdfinfo '$name.pdf' | grep -q '^Pages: *1$'"
    expect "$name: qpdf --check clean" bash -c "qpdf --check '$name.pdf' 2>&1 | grep -q 'No syntax or stream encoding errors'"
    expect "$name: fonts embedded as subsets" bash -c "pdffonts '$name.pdf' | tail -n +3 | awk '{ if (\$(NF-4) != \"yes\" || \$(NF-3) != \"yes\") bad = 1 } END { exit bad }'"
done

# The fit report of the notice whose document names fill their box: squeezed, condensed to the
# floor of its style (80 %) and made smaller; the other fields as set.
"$YOSHIKI" check "$NOTICES/r8-131.xml" --fit-report > fit.txt 2> check.err
expect "check --fit-report exits 0" test $? -eq 0
want_at=$(at "<documents>" "$NOTICES/r8-131.xml" 11)
line=$(grep ": 開示請求に係る公文書の名称: " fit.txt)
expect "the report names the field at its place in the input" test "${line%%: page*}" = "$NOTICES/r8-131.xml:$want_at"
expect "the document names went through the whole cascade" bash -c "[[ '$line' =~ squeezed,\ condensed\ 80\ %,\ size\ ([0-9.]+)\ pt ]]"
size=$(sed -n 's/.*condensed 80 %, size \([0-9.]*\) pt.*/\1/p' <<< "$line")
expect "made smaller than the style's 10.5 pt, not below its 7 pt" awk -v s="$size" 'BEGIN { exit !(s >= 7 && s < 10.5) }'
expect "the number as set" grep -q ": 文書番号: as set, 1 of 1 line, " fit.txt
expect "one line per box: 7 boxes and 12 cells" test "$(wc -l < fit.txt)" -eq 19
"$YOSHIKI" check "$NOTICES/r8-131.xml" --fit-report --diagnostics=json > fit.json 2> /dev/null
expect "the JSON report says the same" python3 -c "
import json, sys
rows = [json.loads(l) for l in open('fit.json')]
d = [r for r in rows if r['field'] == '開示請求に係る公文書の名称'][0]
assert len(rows) == 19 and d['squeezed'] and d['scale'] == 0.8 and d['size'] == float('$size') and d['page'] == 1, d
"

# The page shows what the report says: the names drawn at 80 % (Tz) and at that size (Tf).
qpdf --qdf --object-streams=disable r8-131.pdf qdf.pdf
expect "the content stream scales the names' glyphs to 80 %" grep -aq '^80 Tz$' qdf.pdf
expect "at the size the report gives" grep -aq "^/F[0-9]* $size Tf$" qdf.pdf
expect "text elsewhere is not scaled" grep -aq '^100 Tz$' qdf.pdf
pdftotext r8-131.pdf text.txt
names=$(sed -n 's:.*<documents>\(.*\)</documents>.*:\1:p' "$NOTICES/r8-131.xml")
expect "the condensed names copy back exactly" bash -c "tr -d '\n\f' < text.txt | grep -qF '$names'"
expect "a date prints in 和暦 (2026-05-28 → 令和8年5月28日)" grep -q '令和8年5月28日' text.txt
expect "the methods chosen are ■, the other □, in the layout's order" grep -q '■閲覧　■写しの交付　□電磁的記録の提供' text.txt
expect "the request's date in the sentence" grep -q '令和8年5月7日付けで請求のありました' text.txt

# Refused: names that fit at no floor; an option that is not one; a day that does not exist.
# Each is an error at its place in the input, and render leaves no file.
long=$(printf '令和7年度毛呂山町自治会加入促進事業補助金交付申請書%.0s' {1..12})
sed "s|<documents>.*</documents>|<documents>$long</documents>|; s|layout=\"disclosure-notice\"|layout=\"$LAYOUT\"|" "$NOTICES/r8-131.xml" > long.xml
"$YOSHIKI" render long.xml -o long.pdf 2> long.err
expect "too long: refused" test $? -ne 0 -a ! -e long.pdf
want=$(at "<documents>" long.xml 11)
expect "too long: the field, its box and how many characters too many" \
    grep -Eq "^long.xml:$want: error: 開示請求に係る公文書の名称 does not fit its box \([0-9] lines of 116 mm\) even squeezed and at 80 % width and 7 pt: [0-9]+ characters too many$" long.err
expect "too long: nothing else is reported" test "$(grep -c ': error: ' long.err)" -eq 1
sed 's|<method>.*</method>|<method>閲覧、郵送</method>|; s|<date>2026-05-20</date>|<date>令和8年2月30日</date>|; s|<date>令和8年5月20日</date>|<date>令和8年2月30日</date>|' "$NOTICES/r8-131.xml" |
    sed "s|layout=\"disclosure-notice\"|layout=\"$LAYOUT\"|" > wrong.xml
"$YOSHIKI" render wrong.xml -o wrong.pdf 2> wrong.err
expect "wrong values: refused" test $? -ne 0 -a ! -e wrong.pdf
want=$(at "郵送" wrong.xml)
expect "an option that is not one, at its place" grep -q "^wrong.xml:$want: error: 開示の方法: '郵送' is not one of the choices$" wrong.err
expect "the options it may be" grep -q "hint: one or more of 閲覧, 写しの交付, 電磁的記録の提供, separated by 、" wrong.err
want=$(at "<date>" wrong.xml 6)
expect "a day that does not exist, at its place" grep -q "^wrong.xml:$want: error: 通知日: '令和8年2月30日' is not a day of the calendar$" wrong.err

# Final and signed: the 町長's box is the notice's one signature field.
pki_ca
pki_signer chou "/C=JP/O=毛呂山町/title=町長/CN=川島 健一"
export YOSHIKI_KEY_PASSWORD=$PKI_PASSWORD
sed 's|status="draft"|status="final"|' "$NOTICES/r8-123.xml" | sed "s|layout=\"disclosure-notice\"|layout=\"$LAYOUT\"|" > final.xml
"$YOSHIKI" render final.xml -o final.pdf
"$YOSHIKI" sign final.pdf -o signed.pdf --as 町長 --key chou.p12 2> sign.err
expect "the final notice is signed in the 町長's box" test $? -eq 0 -a -s signed.pdf
"$YOSHIKI" verify signed.pdf > verify.out 2>&1
expect "yoshiki verify: intact" test $? -eq 0
pdfsig signed.pdf > pdfsig.txt 2>&1
expect "pdfsig: the signature is valid" grep -q 'Signature Validation: Signature is Valid.' pdfsig.txt
expect "no 案 on the final notice" bash -c "! pdftotext final.pdf - | grep -q '^案$'"

# A batch of the notices: one PDF each, and all.pdf of three pages.
mkdir -p batch && cp "$NOTICES"/*.xml batch/
"$YOSHIKI" batch batch -o out > /dev/null 2> batch.err
expect "the batch renders every notice" test $? -eq 0 -a "$(find out -name 'r8-*.pdf' | wc -l)" -eq 3
expect "all.pdf has the three notices" bash -c "pdfinfo out/all.pdf | grep -q '^Pages: *3$'"

# And an archive of them with the signed one in place of its input: the drafts rendered, the
# signed one kept as it is.
cp signed.pdf batch/r8-123.pdf && rm batch/r8-123.xml
"$YOSHIKI" archive batch -o arch > /dev/null 2> archive.err
expect "the notices archive" test $? -eq 0 -a -s arch/manifest.json
expect "the signed notice is kept byte for byte" cmp -s signed.pdf arch/r8-123.pdf
expect "sha256sum -c passes" bash -c 'cd arch && sha256sum --quiet -c SHA256SUMS'
chmod -R u+w arch
finish
