# Vertical writing (縦書き): the 辞令 (layouts/appointment.xml) and the typesetting stress text set
# in columns, read back with poppler. The fonts are vertical CID fonts (Identity-V); each column's
# glyphs share one centre line and advance down, the columns go from right to left in the order
# the structure tree reads them, and each reads back as its source text, with no presentation
# forms; no column starts or ends with a character JLREQ forbids there; numbers are 漢数字 where the
# layout asks, two digits stand across a column (縦中横) and Latin words are turned.
source "$(dirname "$0")/lib.bash"
source "$SRC/tests/e2e/support/pki.bash"
pki_requires pdfsig python3
COLUMNS="python3 $SRC/tests/e2e/support/columns.py"
LETTERS=$SRC/inputs/samples/appointments/r8-04-01.xml

"$YOSHIKI" render "$LETTERS" -o letters.pdf 2> render.err
expect "the 辞令 render without a word" test $? -eq 0 -a ! -s render.err
expect "one letter a page: 12 pages" bash -c "pdfinfo letters.pdf | grep -q '^Pages: *12$'"
expect "qpdf --check clean" bash -c "qpdf --check letters.pdf 2>&1 | grep -q 'No syntax or stream encoding errors'"
pdffonts letters.pdf > fonts.txt
expect "IPAex明朝 as a vertical CID font (Identity-V)" grep -qE '\+IPAexMincho +CID TrueType +Identity-V +yes +yes +yes' fonts.txt
expect "IPAmj明朝 too, for the 𠮷 of a name" grep -qE '\+IPAmjMincho +CID TrueType +Identity-V +yes +yes +yes' fonts.txt
qpdf --qdf --object-streams=disable letters.pdf letters.qdf
expect "the pages read from right to left (/Direction /R2L)" grep -aq '/Direction /R2L' letters.qdf
expect "a vertical font's metrics: /DW2 [880 -1000]" python3 -c "
import re
t = open('letters.qdf', encoding='latin-1').read()
dw2 = re.findall(r'/DW2 \[([^]]*)\]', t)
assert dw2 and all(d.split() == ['880', '-1000'] for d in dw2), dw2
"
expect "a Latin word turned 90° clockwise (0 -1 1 0 Tm)" grep -aqE '^0 -1 1 0 [0-9.]+ [0-9.]+ Tm' letters.qdf

# Page 1: the columns in the order the structure tree reads them, each its source text with the
# figures of the input (1, 25, 2026-04-01) in 漢数字.
first=(
    "辞　令" "毛呂山　太郎" "総務課主事補に任命する" "行政職給料表一級二十五号給を給する" "総務課勤務を命ずる"
    "令和八年四月一日" "毛呂山町長　川島　健一"
)
pdfinfo -struct-text letters.pdf | sed -n 's/^ *"\(.*\)"$/\1/p' | head -n ${#first[@]} > struct-1.txt
expect "the structure tree reads page 1's columns as written" diff <(printf '%s\n' "${first[@]}") struct-1.txt
pdftotext -bbox-layout letters.pdf bbox.html
$COLUMNS bbox.html 1 > columns-1.txt
expect "page 1: each column of glyphs on one centre line, 16 pt wide, as a column of the source" python3 -c "
import sys
want = sys.argv[1:]
cols = [l.rstrip('\n').split(' ', 2) for l in open('columns-1.txt', encoding='utf-8')]
texts = [c[2] for c in cols]
# Right to left as the page shows them: the order of the structure tree.
got = [t for t in texts if t in want]
assert got == want, (got, want)
for centre, width, text in cols:
    if text in want[1:]:
        assert abs(float(width) - 16) < 0.5, (text, width)
" "${first[@]}"
expect "every page reads right to left: the title's column is the rightmost of the letter" python3 -c "
import subprocess, sys
sys.path.insert(0, '$SRC/tests/e2e/support')
import columns
for page in range(1, 13):
    cols = list(columns.columns('bbox.html', page))
    title = [i for i, c in enumerate(cols) if c[2] == '辞　令']
    assert title == [0], (page, [c[2] for c in cols])
"
pdftotext letters.pdf letters.txt
expect "no presentation forms in the text (U+FE10–FE19, U+FE30–FE4F)" python3 -c "
t = open('letters.txt', encoding='utf-8').read()
bad = [hex(ord(c)) for c in t if 0xFE10 <= ord(c) <= 0xFE19 or 0xFE30 <= ord(c) <= 0xFE4F]
assert not bad and '（三）' in t and 'ー' in t, bad
"
expect "a rare kanji from IPAmj明朝 reads back (𠮷田　修)" grep -q '^.\?𠮷田　修$' letters.txt
expect "a turned Latin word reads back in its column (DX推進室長を兼ねる)" grep -q '^DX推進室長を兼ねる$' letters.txt
expect "縦中横 reads back in its column (保健センター第2分室勤務を命ずる)" grep -q '^保健センター第2分室勤務を命ずる$' letters.txt
expect "three postings, the date and the appointer fit: 渡辺's letter" bash -c "pdftotext -f 8 -l 8 letters.pdf - | grep -q '^毛呂山町指定金融機関検査員を命ずる$'"

# The 公印 (an image of the layout) over the end of the appointer's name on every letter: one image
# object, with its transparency as a soft mask, drawn twelve times; an artifact, so that the name
# under it is what is read (the structure tree above).
pdfimages -list letters.pdf | tail -n +3 > images.txt
expect "the seal on each of the 12 letters, with its soft mask" test "$(awk '$3 == "image"' images.txt | wc -l)" -eq 12 -a "$(awk '$3 == "smask"' images.txt | wc -l)" -eq 12
expect "embedded once" test "$(awk '{ print $11 }' images.txt | sort -u | wc -l)" -eq 1
expect "deflated (a few KB, not the pixels as they are)" bash -c "test \$(stat -c %s letters.pdf) -lt 100000"
# An image that is not a PNG, and one that is not there: errors at the layout's file attribute.
mkdir -p bad/images && cp "$SRC/layouts/appointment.xml" bad/ && printf 'GIF89a' > bad/images/chou-seal.png
sed "s|layout=\"appointment\"|layout=\"$PWD/bad/appointment.xml\"|" "$LETTERS" > bad-image.xml
want=$(at 'file="images/chou-seal.png"' bad/appointment.xml 6)
"$YOSHIKI" render bad-image.xml -o bad-image.pdf 2> bad-image.err
expect "not a PNG: refused at the file attribute, no file" test $? -ne 0 -a ! -e bad-image.pdf
expect "image-invalid, naming the file" grep -qF "bad/appointment.xml:$want: error: the image file '$PWD/bad/images/chou-seal.png' is neither a PNG nor a JPEG" bad-image.err
rm bad/images/chou-seal.png
"$YOSHIKI" render bad-image.xml -o bad-image.pdf 2> missing-image.err
expect "a missing image: refused" test $? -ne 0 -a ! -e bad-image.pdf
expect "saying it cannot be opened" grep -qF "bad/appointment.xml:$want: error: cannot open the image file" missing-image.err
# A JPEG is embedded as it is (DCTDecode).
pdftoppm -r 100 -jpeg -singlefile -f 1 -l 1 letters.pdf bad/images/seal
sed -i 's|images/chou-seal.png|images/seal.jpg|' bad/appointment.xml
"$YOSHIKI" render bad-image.xml -o jpeg.pdf 2> jpeg.err
expect "a JPEG seal: rendered" test $? -eq 0 -a ! -s jpeg.err
expect "embedded as a JPEG" bash -c "pdfimages -list jpeg.pdf | awk '\$3 == \"image\" && \$9 == \"jpeg\"' | grep -q ."

# The letters in one print document, one a page; a final letter signed in the 町長's box.
mkdir -p batch-in && cp "$LETTERS" batch-in/
"$YOSHIKI" batch batch-in -o batch-out > batch.log 2>&1
expect "batch prints them" test $? -eq 0 -a -s batch-out/all.pdf
expect "the print document holds the 12 letters" bash -c "pdfinfo batch-out/all.pdf | grep -q '^Pages: *12$'"
# Two departments' letters in one print document: the seal, mapped once for each, embedded once.
mkdir -p batch-two && cp "$LETTERS" batch-two/a.xml && sed 's|<department>総務課</department>|<department>税務課</department>|' "$LETTERS" > batch-two/b.xml
"$YOSHIKI" batch batch-two -o batch-two-out > batch-two.log 2>&1
expect "two departments' letters print together" bash -c "pdfinfo batch-two-out/all.pdf | grep -q '^Pages: *24$'"
expect "the seal embedded once in the print document" test "$(pdfimages -list batch-two-out/all.pdf | tail -n +3 | awk '{ print $11 }' | sort -u | wc -l)" -eq 1
pki_ca
pki_signer chou "/C=JP/O=毛呂山町/title=町長/CN=川島 健一"
export YOSHIKI_KEY_PASSWORD=$PKI_PASSWORD
"$YOSHIKI" sign letters.pdf -o signed.pdf --as 町長 --key chou.p12 2> sign.err
expect "the 町長 signs the letters" test $? -eq 0
expect "the signature verifies" "$YOSHIKI" verify signed.pdf
# Each letter carries the 町長's box (on="each-sheet"): a field on each of the 12 pages, 町長.1 to
# 町長.12, all signed by the one `sign --as 町長`; pdfsig finds the 12 signatures valid.
qpdf --json=2 --json-key=acroform signed.pdf > form.json
expect "a signed field on each letter, 町長.1 on page 1 to 町長.12 on page 12" python3 -c "
import json
fields = json.load(open('form.json'))['acroform']['fields']
got = sorted((f['pageposfrom1'], f['fullname'], f['value'] is not None) for f in fields)
assert got == [(k, '町長.%d' % k, True) for k in range(1, 13)], got
"
pdfsig signed.pdf > pdfsig.txt 2>&1
expect "pdfsig: 12 signatures, each valid" test "$(grep -c '^Signature #' pdfsig.txt)" -eq 12 -a "$(grep -c 'Signature Validation: Signature is Valid' pdfsig.txt)" -eq 12
"$YOSHIKI" sign signed.pdf -o twice.pdf --as 町長 --key chou.p12 2> again-sign.err
expect "signing the letters again is refused" test $? -ne 0 -a ! -e twice.pdf
expect "... as signed already" grep -q "the box 町長 is signed already" again-sign.err
pdftoppm -r 40 signed.pdf stamped
expect "the stamp drawn in the box of every letter (red in the box, 18-36 mm from the left, 248.5-266.5 mm down)" python3 -c "
import glob
def red_share(path):
    data = open(path, 'rb').read()
    parts = data.split(b'\n', 3)
    w, h = map(int, parts[1].split())
    px = parts[3]
    mm = 40 / 25.4
    red = total = 0
    for y in range(int(250 * mm), int(265 * mm)):
        for x in range(int(19 * mm), int(35 * mm)):
            r, g, b = px[3 * (y * w + x):3 * (y * w + x) + 3]
            total += 1
            red += r > 150 and g < 110 and b < 110
    return red / total
shares = [red_share(p) for p in sorted(glob.glob('stamped-*.ppm'))]
assert len(shares) == 12 and min(shares) > 0.03, shares
"
pdftoppm -r 40 letters.pdf unsigned
expect "... and none before it is signed" python3 -c "
import glob
for path in glob.glob('unsigned-*.ppm'):
    data = open(path, 'rb').read()
    parts = data.split(b'\n', 3)
    w = int(parts[1].split()[0])
    px = parts[3]
    mm = 40 / 25.4
    reds = sum(1 for y in range(int(250 * mm), int(265 * mm)) for x in range(int(19 * mm), int(35 * mm))
               if px[3 * (y * w + x)] > 150 and px[3 * (y * w + x) + 1] < 110)
    assert reds == 0, (path, reds)
"

# The 表彰状 (layouts/commendation.xml): the same elements on a framed page, the reason centred.
AWARDS=$SRC/inputs/samples/commendations/r8-11-03.xml
"$YOSHIKI" render "$AWARDS" -o awards.pdf 2> awards.err
expect "the 表彰状 render without a word, one a page" bash -c "test ! -s awards.err && pdfinfo awards.pdf | grep -q '^Pages: *3$'"
reason=$(sed -n 's:.*<reason>\(.*\)</reason>.*:\1:p' "$AWARDS" | head -1)
in_order "$(pdfinfo -struct-text awards.pdf | sed -n 's/^ *"\(.*\)"$/\1/p' | head -n 6 | tr -d '\n')" \
    < <(printf '%s\n' 表彰状 "大野　和子　殿" "$reason" 令和八年十一月三日 "毛呂山町長　川島　健一")
expect "read as title, person, reason (two columns), date, presenter" test "$ordered_items" -eq 5
qpdf --qdf --object-streams=disable awards.pdf awards.qdf
expect "the border: a heavy rule inside a light one, on every page" test "$(grep -ac '^2.4 w$' awards.qdf)" -eq 3
pdftotext -bbox-layout awards.pdf awards.html
expect "the reason's columns centred in their box (72 mm to 130 mm)" python3 -c "
import sys
sys.path.insert(0, '$SRC/tests/e2e/support')
import columns
cols = [c for c in columns.columns('awards.html', 1) if c[2] and c[2][0] in 'あそ']
centre = sum(c[0] for c in cols) / len(cols)
mm = 72 / 25.4
assert len(cols) == 2 and abs(centre - 101 * mm) < 1, (centre / mm, [c[2][:8] for c in cols])
"

# The signed letters archive: the layout's image is embedded with the input and layout (under the
# path the layout names it by), so that the archive renders the sources again and finds the
# same letters; extract gives back all three.
pdfdetach -list signed.pdf > detach.txt
expect "the seal embedded as a source beside the input and layout" grep -q '^[0-9]*: images/chou-seal.png$' detach.txt
mkdir -p to-archive && cp signed.pdf to-archive/letters.pdf
"$YOSHIKI" archive to-archive -o archived > archive.log 2>&1
expect "a signed 辞令 archives (its sources render again)" test $? -eq 0 -a -s archived/letters.pdf
"$YOSHIKI" extract letters.pdf -o extracted 2> extract.err
expect "extract writes the image where the layout names it" cmp extracted/images/chou-seal.png "$SRC/layouts/images/chou-seal.png"
"$YOSHIKI" render extracted/r8-04-01.xml --layout extracted/appointment.xml -o again.pdf 2> again.err
expect "the extracted sources render the same letters" test "$(pdftotext again.pdf - | md5sum)" = "$(pdftotext letters.pdf - | md5sum)"

# The stress text in columns: 禁則 as in lines, every character in reading order.
STRESS=$SRC/tests/data/vertical/stress-columns.xml
"$YOSHIKI" render "$STRESS" -o stress.pdf 2> stress.err
expect "the stress text renders in columns" test $? -eq 0 -a ! -s stress.err
pdftotext -bbox-layout stress.pdf stress.html
pages=$(pdfinfo stress.pdf | sed -n 's/^Pages: *//p')
: > stress-columns.txt
for ((p = 1; p <= pages; p++)); do $COLUMNS stress.html "$p" >> stress-columns.txt; done
expect "columns found" test "$(wc -l < stress-columns.txt)" -ge 20
expect "no column starts or ends with a character JLREQ forbids there" python3 -c "
start = set('、。，．）」』】〕］｝〉》・：；？！ゝゞヽヾ々ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ')
end = set('（「『【〔［｛〈《')
bad = []
for line in open('stress-columns.txt', encoding='utf-8'):
    text = line.rstrip('\n').split(' ', 2)[2]
    if text[0] in start or text[-1] in end:
        bad.append(text[:12] + '…' + text[-4:])
assert not bad, bad
"
in_order "$(pdftotext -raw stress.pdf - | tr -d ' \n\f')" < <(sed -n 's/.*<\(p[0-9]\|boxed\)>\(.*\)<\/\1>.*/\2/p' "$STRESS" | sed 's/&amp;/\&/g' | tr -d ' ')
expect "all four texts compared" test "$ordered_items" -eq 4

# A table has no place on a vertical page: refused at its place in the layout.
sed 's|<box x="20mm"|<table columns="40mm"><row><cell style="box">x</cell></row></table>\n    &|' "$SRC/tests/data/vertical/columns.xml" > table.xml
sed "s|layout=\"columns.xml\"|layout=\"$PWD/table.xml\"|" "$STRESS" > table-input.xml
"$YOSHIKI" render table-input.xml -o table.pdf 2> table.err
expect "a table on a vertical page: refused, no file" test $? -ne 0 -a ! -e table.pdf
expect "refused as table-in-columns at the table" grep -qE "table.xml:[0-9]+:[0-9]+: error: a table cannot be set on a page written vertically" table.err
finish
