# The 事務事業評価シート (layouts/program-evaluation.xml): one A3 landscape page per program, its
# indicators' rows repeated from the data, and the 事業費 合計 and 総コスト the form adds up, read
# back from the PDF and checked against the parts; the evaluations' one-line reasons fitted.
source "$(dirname "$0")/lib.bash"
IN=$SRC/inputs/samples/evaluation/r8-soumu.xml

"$YOSHIKI" render "$IN" -o ev.pdf 2> render.err
expect "renders without a word" test $? -eq 0 -a ! -s render.err
expect "six programs, six pages" bash -c "pdfinfo ev.pdf | grep -q '^Pages: *6$'"
expect "A3 landscape" bash -c "pdfinfo ev.pdf | grep -q '^Page size: *1190.55 x 841.89 pts (A3)'"
expect "qpdf --check clean" bash -c "qpdf --check ev.pdf 2>&1 | grep -q 'No syntax or stream encoding errors'"

# Program by program: as many indicator rows as the input has, and each total the sum of its
# parts as the page prints them (a part printed － counting 0).
python3 - "$IN" ev.pdf > sums.txt <<'PY'
import re, subprocess, sys
import xml.etree.ElementTree as ET
programs = ET.parse(sys.argv[1]).getroot().findall("program")
def number(s):
    s = s.strip()
    try:
        return 0 if s in ("", "－") else float(s.replace(",", ""))
    except ValueError:
        return None
bad = 0
tree = subprocess.run(["pdfinfo", "-struct-text", sys.argv[2]], capture_output=True, text=True, check=True).stdout
tree = re.sub(r'"\s*\n\s*"', "", tree)  # an element's lines, one quoted string each, joined
for page, p in enumerate(programs, 1):
    # The left half of the page alone (the table; the right half is the evaluation's boxes).
    text = subprocess.run(["pdftotext", "-layout", "-r", "72", "-x", "0", "-y", "0", "-W", "590", "-H", "842",
                           "-f", str(page), "-l", str(page), sys.argv[2], "-"], capture_output=True, text=True, check=True).stdout
    lines = text.splitlines()
    # Each indicator is a header cell of its row for a reader, whatever pdftotext makes of a
    # title wrapped beside the 活動指標 label.
    for kind in ("activity", "outcome"):
        for ind in p.findall(kind):
            title = ind.find("title").text + "（" + ind.find("unit").text + "）"
            if '"' + title + '"' not in tree:
                print(f"page {page}: the indicator {title} is missing"); bad += 1
    first = p.find("activity")
    values = [number(first.find(f"y{y}").text or "") for y in range(1, 5)]
    if not any(re.split(r" {2,}", l.strip())[-4:] and [number(c) for c in re.split(r" {2,}", l.strip())[-4:]] == values
               for l in lines if len(re.split(r" {2,}", l.strip())) >= 4):
        print(f"page {page}: the first activity's values {values} are not on one row"); bad += 1
    funding = p.findall("funding")
    # The row of a funding source: its name, then four amounts (numbers or －).
    def amounts(label):
        for l in lines:
            cells = re.split(r" {2,}", l.strip())
            if len(cells) >= 5 and cells[-5].replace(" ", "").endswith(label):
                return [number(c) for c in cells[-4:]]
        return None
    parts = [amounts(f.find("source").text) for f in funding]
    total, labor, cost = amounts("事業費合計"), amounts("人件費"), amounts("総コスト")
    if None in parts or total is None or labor is None or cost is None:
        print(f"page {page}: a row of the cost table is missing"); bad += 1; continue
    for y in range(4):
        s = sum(part[y] for part in parts)
        if abs(s - total[y]) > 1e-9 or abs(s + labor[y] - cost[y]) > 1e-9:
            print(f"page {page}, column {y + 1}: parts {s} + labor {labor[y]}, printed {total[y]} and {cost[y]}"); bad += 1
    print(f"page {page}: {len(funding)} funding rows, totals {total}, costs {cost}")
sys.exit(1 if bad else 0)
PY
expect "every total is the sum of its parts, every indicator is there" test $? -eq 0
cat sums.txt
expect "all six programs checked" test "$(grep -c ' funding rows, totals ' sums.txt)" -eq 6
expect "the counted 総コスト of 01-06 (24,870 + 7,900)" grep -q '^page 6: 5 funding rows, totals \[24870.0' sums.txt

"$YOSHIKI" check "$IN" --fit-report > fit.txt
expect "the reasons fit their one line" bash -c "! grep -E '理由: .* of 1 line' fit.txt | grep -v ', 1 of 1 line, '"
finish
