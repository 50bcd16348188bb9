# The print document's table of contents (<contents> in layouts/program-evaluation.xml): a book
# of 30 departments' programs opens with pages listing each department and each program with the
# page its sheet starts on, as the footer counts pages; each entry links to that page, which
# shows the program's name and that page number; page labels and bookmarks name the contents.
source "$(dirname "$0")/lib.bash"
IN=$SRC/inputs/samples/evaluation/r8-soumu.xml
TOOLS="$SRC/tests/tools"

mkdir -p book
for i in $(seq -w 1 30); do
    # Departments 課01 … 課30, each with the sample's six programs, named apart by the department.
    sed -e "s#<department>総務課</department>#<department>課${i}</department>#" \
        -e "s#<name>\([^<]*\)</name>#<name>\1（課${i}）</name>#" \
        -e "s#layout=\"program-evaluation\"#layout=\"$SRC/layouts/program-evaluation.xml\"#" "$IN" > "book/d$i.xml"
done
"$YOSHIKI" batch book -o out > batch.out 2> batch.err
expect "the book is printed" test $? -eq 0
expect "qpdf --check clean" bash -c "qpdf --check out/all.pdf 2>&1 | grep -q 'No syntax or stream encoding errors'"
expect "PDF/A-3b with its links" python3 "$TOOLS/pdfa.py" out/all.pdf --level b --sources 0 > all.pdfa
pages=$(pdfinfo out/all.pdf | sed -n 's/^Pages: *//p')
expect "180 sheets and two pages of contents (${pages:-none})" test "${pages:-0}" -eq 182

# Every entry of the contents: its link's page is the sheet of that program, whose footer prints
# the entry's number; every program is listed once, in print order.
python3 - out/all.pdf > links.txt <<'PY'
import json, re, subprocess, sys
pdf = sys.argv[1]
doc = json.loads(subprocess.run(["qpdf", "--json", "--json-key=pages", "--json-key=qpdf", pdf],
                                capture_output=True, text=True, check=True).stdout)
objects = doc["qpdf"][1]
pages = [p["object"] for p in doc["pages"]]
def obj(ref):
    return objects["obj:" + ref]["value"]
def text(n):
    return subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), pdf, "-"],
                          capture_output=True, text=True, check=True).stdout
bad = entries = 0
listed = []
for n in (1, 2):
    page = obj(pages[n - 1])
    for ref in page.get("/Annots", []):
        a = obj(ref)
        if a.get("/Subtype") != "/Link":
            continue
        target = pages.index(a["/Dest"][0]) + 1
        contents = a["/Contents"][2:]  # u: and the text
        m = re.match(r"(.*) (\d+)$", contents)
        if not m:
            continue  # a department's heading: checked below by its first sheet
        title, number = m.group(1), m.group(2)
        entries += 1
        listed.append(title)
        shown = text(target)
        name = title.split(" ", 1)[1]
        if name not in shown.replace(" ", ""):
            print(f"{title}: links to page {target}, which does not show it"); bad += 1
        if not re.search(rf"課\d+ +{number} ?/ ?6\s*$", shown.strip()):
            print(f"{title}: the entry says {number}, page {target}'s footer does not"); bad += 1
        if a.get("/F") != 4:
            print(f"{title}: the link is not printed with the page (PDF/A)"); bad += 1
if entries != 180:
    print(f"{entries} entries, not 180"); bad += 1
order = [int(re.search(r"課(\d+)", t).group(1)) for t in listed]
if order != sorted(order):
    print("the entries are not in print order"); bad += 1
print(f"{entries} entries, {bad} bad")
PY
expect "each entry links to its sheet, which prints its number ($(tail -1 links.txt))" grep -q "^180 entries, 0 bad$" links.txt
head -5 links.txt | grep -v "^180 entries" >&2

# What the page shows: the title, departments and numbers, the entries' dots not read as text
# of their own (they are drawn as an artifact but extract; the entry's words come whole).
pdftotext -layout -f 1 -l 1 out/all.pdf toc1.txt
expect "the contents open with their title" bash -c "head -3 toc1.txt | grep -q '目 *次'"
expect "the first entry with its number" grep -Eq "01-01 自治会加入促進事業（課01） …+ +1( |$)" toc1.txt
expect "two columns: 課01 beside a later department" grep -Eq "（課01）.*（課(0[2-9]|[1-3][0-9])）" toc1.txt
pdftotext -layout -f 2 -l 2 out/all.pdf toc2.txt
expect "the last department on the second page" grep -q "01-06 庁舎維持管理事業（課30）" toc2.txt

# Bookmarks and page labels: 目　次 comes first, then the departments.
python3 - out/all.pdf > outline.txt <<'PY'
import json, subprocess, sys
doc = json.loads(subprocess.run(["qpdf", "--json", "--json-key=outlines", "--json-key=pagelabels", sys.argv[1]],
                                capture_output=True, text=True, check=True).stdout)
print(doc["outlines"][0]["title"], doc["outlines"][0]["destpageposfrom1"])
print(doc["outlines"][1]["title"], doc["outlines"][1]["destpageposfrom1"])
for label in doc["pagelabels"][:2]:
    print(label["index"], label["label"].get("/P", ""))
PY
expect "the contents' bookmark comes first, at page 1" bash -c "sed -n 1p outline.txt | grep -qx '目　次 1'"
expect "the first department's bookmark at page 3" bash -c "sed -n 2p outline.txt | grep -qx '課01 3'"
expect "page labels: 目　次 from page 1, 課01 from page 3" bash -c "sed -n 3,4p outline.txt | tr '\n' '|' | grep -qx '0 u:目　次 |2 u:課01 |'"

# Two-sided: two pages of contents and an even number of pages each, so no blank is needed; with
# one department (one page of contents) a blank back side follows it.
mkdir -p one && cp book/d01.xml one/
"$YOSHIKI" batch one -o out1 --duplex > /dev/null 2> one.err
expect "one department, duplex: contents, a blank, six sheets" bash -c "pdfinfo out1/all.pdf | grep -q '^Pages: *8$'"
expect "its first sheet on page 3, a right-hand page" bash -c "pdftotext -f 3 -l 3 out1/all.pdf - | grep -q '自治会加入促進事業（課01）'"
expect "the blank page is blank" bash -c "test -z \"\$(pdftotext -f 2 -l 2 out1/all.pdf - | tr -d '[:space:]\f')\""

# A layout without <contents> (the goal sheet) gets none: the book starts with its first sheet.
"$YOSHIKI" batch "$SRC/inputs/r8" -o goal > /dev/null 2>&1
expect "no contents for a layout that does not ask" bash -c "! pdftotext -f 1 -l 1 goal/all.pdf - | grep -q '目 *次'"

# Bad <contents> attributes are errors at their place in the layout.
sed 's#columns="2"#columns="1.5"#' "$SRC/layouts/program-evaluation.xml" > bad-layout.xml
sed "s#layout=\"[^\"]*\"#layout=\"$PWD/bad-layout.xml\"#" book/d01.xml > bad.xml
"$YOSHIKI" check bad.xml > /dev/null 2> bad.err
expect "columns=1.5 refused" test $? -ne 0
expect "…at its line in the layout" grep -Eq "bad-layout.xml:[0-9]+:[0-9]+: error.*columns" bad.err

sed 's#sheet-outline="[^"]*"##' "$SRC/layouts/program-evaluation.xml" > no-outline.xml
sed "s#layout=\"[^\"]*\"#layout=\"$PWD/no-outline.xml\"#" book/d01.xml > no-outline-input.xml
"$YOSHIKI" check no-outline-input.xml > /dev/null 2> no-outline.err
expect "contents without a sheet-outline refused, at the element" grep -Eq "no-outline.xml:[0-9]+:[0-9]+: error.*bookmarks" no-outline.err

pdftoppm -r 40 -png -f 1 -l 1 out/all.pdf toc
finish
