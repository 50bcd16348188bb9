# Drafts and finals (the layout's page template): a draft carries the framed 案 on every page and
# says "draft" in its metadata; a final carries no mark, and its approval block's boxes are empty
# signature fields in approval order (課長, 副町長, 町長), printed, with appearances, tagged (Form
# elements holding the widgets, /StructParent, /Tabs /S). Nothing of the template meets the
# title, the signer or the table.
source "$(dirname "$0")/lib.bash"
SEED="$SRC/inputs/r8/soumu.xml"
sed 's|status="final"|status="draft"|; s|layout="../../layouts/|layout="'"$SRC"'/layouts/|' "$SEED" > draft.xml
expect "the draft input says draft" grep -q 'status="draft"' draft.xml
"$YOSHIKI" render draft.xml -o draft.pdf 2> draft.err
expect "a draft renders" test $? -eq 0 -a ! -s draft.err
"$YOSHIKI" render "$SEED" -o final.pdf 2> final.err
expect "the seed, final, renders" test $? -eq 0 -a ! -s final.err
# An input without a status is a draft.
grep -v 'status=' draft.xml > /dev/null
sed 's| status="draft"||' draft.xml > none.xml
"$YOSHIKI" render none.xml -o none.pdf
# (Not the same bytes: each PDF carries its own input.)
expect "no status is a draft: the same pages as status=\"draft\"" cmp -s <(pdftotext none.pdf -) <(pdftotext draft.pdf -)
expect "no status is a draft: it says draft" grep -q '<xmp:Label>draft</xmp:Label>' <(pdfinfo -meta none.pdf)

pages=$(pdfinfo draft.pdf | sed -n 's/^Pages: *//p')
expect "3 pages each" test "$pages" -eq 3 -a "$(pdfinfo final.pdf | sed -n 's/^Pages: *//p')" -eq 3
for p in $(seq 1 "$pages"); do
    expect "案 on page $p of the draft" grep -q '^案$' <(pdftotext -f "$p" -l "$p" -layout draft.pdf - | tr -s ' ' '\n')
    expect "no 案 on page $p of the final" bash -c "! pdftotext -f $p -l $p final.pdf - | grep -q '案'"
done
expect "the draft says draft in its XMP" grep -q '<xmp:Label>draft</xmp:Label>' <(pdfinfo -meta draft.pdf)
expect "the final says final in its XMP" grep -q '<xmp:Label>final</xmp:Label>' <(pdfinfo -meta final.pdf)

# The fields: none in a draft; three in the final, in approval order, on page 1.
qpdf --json --json-key=acroform --json-key=pages --json-key=qpdf draft.pdf > draft.json
qpdf --json --json-key=acroform --json-key=pages --json-key=qpdf final.pdf > final.json
python3 - draft.json final.json > fields.txt <<'PY'
import json, sys
draft, final = (json.load(open(f)) for f in sys.argv[1:3])
print("draft fields:", len(draft["acroform"]["fields"]))
objects = final["qpdf"][1]
def obj(ref):
    return objects.get("obj:" + ref, {}).get("value") or objects.get("obj:" + ref, {}).get("stream", {}).get("dict")
for f in final["acroform"]["fields"]:
    w = obj(f["object"])
    ap = w.get("/AP", {}).get("/N")
    print("field", f["fullname"], f["fieldtype"], "page", f["pageposfrom1"], "F", w.get("/F"),
          "AP", "yes" if ap and obj(ap) is not None else "no", "StructParent", "/StructParent" in w,
          "TU", f["alternativename"])
page1 = obj(final["pages"][0]["object"])
print("tabs", page1.get("/Tabs"), "annots", len(page1.get("/Annots", [])))
PY
expect "a draft has no fields" grep -q '^draft fields: 0$' fields.txt
expect "three fields in approval order, each printed, with an appearance, tagged" diff - fields.txt <<'TXT'
draft fields: 0
field 課長 /Sig page 1 F 4 AP yes StructParent True TU 決裁欄 課長
field 副町長 /Sig page 1 F 4 AP yes StructParent True TU 決裁欄 副町長
field 町長 /Sig page 1 F 4 AP yes StructParent True TU 決裁欄 町長
tabs /S annots 3
TXT
pdfinfo -struct final.pdf > struct.txt
expect "each field is a Form element holding its widget, first in reading order" \
    test "$(head -7 struct.txt | grep -c -e '^  Form$' -e '^    Object [0-9]* 0$')" -eq 6
expect "qpdf --check clean (draft)" bash -c "qpdf --check draft.pdf 2>&1 | grep -q 'No syntax or stream encoding errors' && ! qpdf --check draft.pdf 2>&1 | grep -qi warning"
expect "qpdf --check clean (final)" bash -c "qpdf --check final.pdf 2>&1 | grep -q 'No syntax or stream encoding errors' && ! qpdf --check final.pdf 2>&1 | grep -qi warning"

# Nothing meets: on page 1, the words of the title, the signer and the 案 keep clear of the block,
# whose place is the union of the widgets' rectangles and its title row above them.
pdftotext -f 1 -l 1 -bbox draft.pdf draft-bbox.html
pdftotext -f 1 -l 1 -bbox final.pdf final-bbox.html
python3 - final.json draft-bbox.html final-bbox.html > overlaps.txt <<'PY'
import json, re, sys
final = json.load(open(sys.argv[1]))
objects = final["qpdf"][1]
H = 841.89
rects = [objects["obj:" + f["object"]]["value"]["/Rect"] for f in final["acroform"]["fields"]]
x0 = min(r[0] for r in rects); x1 = max(r[2] for r in rects)
top = H - max(r[3] for r in rects) - 4.5 * 72 / 25.4   # the title row above the stamps
bottom = H - min(r[1] for r in rects)
titles = {"課長", "副町長", "町長"}
for name in sys.argv[2:]:
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', open(name).read()):
        a, b, c, d = map(float, m.groups()[:4]); word = m.group(5)
        inside = a >= x0 - 0.5 and c <= x1 + 0.5 and b >= top - 0.5 and d <= bottom + 0.5
        meets = a < x1 and x0 < c and b < bottom and top < d
        if meets and not (inside and word in titles):
            print(name, "meets the block:", word)
        if inside and word in titles:
            print(name, "title in the block:", word)
PY
expect "the block's titles are in it, twice (draft and final)" test "$(grep -c 'title in the block' overlaps.txt)" -eq 6
expect "no word meets the approval block" bash -c "! grep -q 'meets the block' overlaps.txt"
finish
