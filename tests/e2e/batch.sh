# yoshiki batch: every department to its own PDF and to all.pdf, the print document with its
# bookmarks, page labels, footers and duplex padding; progress on a terminal and off it; a broken
# file does not stop the rest.
source "$(dirname "$0")/lib.bash"
# The inputs name their layout by name (goal-sheet), which yoshiki run from its build folder
# finds in the source tree wherever the inputs are. The goal sheets only: the notices of
# inputs/samples/notices have a batch of their own in tests/e2e/notice.sh.
mkdir -p in/samples && cp -r "$SRC/inputs/r8" in/ && cp -r "$SRC/inputs/samples/r8" in/samples/

# The departments in print order (the inputs' paths, sorted), with their pages.
#   総務課 3 (r8/soumu), 健康増進課 3, 企画財政課 2, 税務課 2 (samples/r8/kenkou, kikaku, zeimu)
"$YOSHIKI" batch in -o out --jobs 2 > batch.out 2> batch.err
expect "batch exits 0" test $? -eq 0
expect "one PDF per department, mirroring the folders" test -s out/r8/soumu.pdf -a -s out/samples/r8/kikaku.pdf -a -s out/samples/r8/zeimu.pdf -a -s out/samples/r8/kenkou.pdf
expect "no other PDF" test "$(find out -name '*.pdf' | wc -l)" -eq 5
expect "nothing on stdout" test ! -s batch.out
# Not a terminal: one line per department, the summary and where all.pdf is; no progress bar.
expect "not a terminal: one line per department" test "$(grep -c '^ok ' batch.err)" -eq 4
expect "not a terminal: a line names its file, department and counts" grep -q '^ok  *samples/r8/kenkou.xml  健康増進課  3 sheets, 3 pages$' batch.err
expect "not a terminal: no progress bar" bash -c "! grep -q $'\r' batch.err"
expect "not a terminal: six lines in all" test "$(wc -l < batch.err)" -eq 6
expect "a closing summary" grep -q '^batch: 4 of 4 departments rendered, 10 sheets, 10 pages, 0 failed, [0-9.]* s$' batch.err
expect "where the print document is" grep -q '^print document: out/all.pdf (10 pages)$' batch.err
expect "the subject names the departments" bash -c "pdfinfo out/all.pdf | grep -q '^Subject: *総務課、健康増進課、企画財政課、税務課$'"
expect "qpdf --check all.pdf" bash -c "qpdf --check out/all.pdf 2>&1 | grep -q 'No syntax or stream encoding errors'"
expect "10 pages" bash -c "pdfinfo out/all.pdf | grep -q '^Pages: *10$'"
pdffonts out/all.pdf > fonts.txt
expect "each font embedded once" test "$(tail -n +3 fonts.txt | awk '{print $1}' | sed 's/^[A-Z]*+//' | sort | uniq -d | wc -l)" -eq 0
expect "three faces, all embedded as subsets" test "$(tail -n +3 fonts.txt | awk '$(NF-4) == "yes" && $(NF-3) == "yes"' | wc -l)" -eq 3
expect "the faces of the form are in" grep -q 'IPAexMincho' fonts.txt

# Bookmarks: department → its sheets' goal names, each at its page. qpdf writes its JSON with
# two spaces an indent, so an item's level is its indentation; its page (destpageposfrom1)
# comes before its kids and its title after them.
outline() {  # prints "level page title", in document order
    qpdf --json --json-key=outlines "$1" | awk '
        /"destpageposfrom1"/ { match($0, /^ */); k = ++n; item[RLENGTH] = k
                               level[k] = (RLENGTH - 6) / 4; p = $0; sub(/.*: /, "", p); gsub(/[^0-9]/, "", p); page[k] = p }
        /"title"/ { match($0, /^ */); t = $0; sub(/^ *"title": "/, "", t); sub(/",?$/, "", t); title[item[RLENGTH]] = t }
        END { for (k = 1; k <= n; k++) print level[k], page[k], title[k] }'
}
outline out/all.pdf > outline.txt
cat > outline.want <<'WANT'
0 1 総務課
1 1 地域コミュニティの推進
1 2 災害に強いまちづくり
1 3 住民満足度の向上
0 4 健康増進課
1 4 がん検診の受診促進
1 5 子育て世代への切れ目ない支援
1 6 食を通じた健康づくり
0 7 企画財政課
1 7 健全な財政運営
1 8 ふるさと納税による自主財源の確保
0 9 税務課
1 9 納税しやすい環境づくり
1 10 町税の収納率の向上
WANT
expect "bookmarks: department → goal names, each at its page" diff outline.want outline.txt
# Each bookmark opens on the page that shows it.
while read -r level page title; do
    expect "page $page shows $title" bash -c "pdftotext -f $page -l $page out/all.pdf - | tr -d ' \n' | grep -qF '$title'"
done < outline.txt

# Page labels: 総務課 1 … at each department's first page (0-based page index).
qpdf --json --json-key=pagelabels out/all.pdf | awk '
    /"index"/ { i = $0; gsub(/[^0-9]/, "", i) }
    /"\/P"/ { p = $0; sub(/^ *"\/P": "u:/, "", p); sub(/",?$/, "", p); print i, p }' > labels.txt
printf '%s\n' '0 総務課 ' '3 健康増進課 ' '6 企画財政課 ' '8 税務課 ' > labels.want
expect "page labels: department and page number" diff labels.want labels.txt
expect "page labels count from 1" test "$(qpdf --json --json-key=pagelabels out/all.pdf | grep -c '"/St": 1')" -eq 4

# Footers: the department and its page count on every page of all.pdf, on none of the
# departments' own PDFs. The footer is the last text of its page (white space is layout to
# pdftotext, so it is taken out).
page_text() { pdftotext -f "$2" -l "$2" "$1" - | tr -d ' \n\f' | sed 's/　//g'; }
footers="総務課1/3 総務課2/3 総務課3/3 健康増進課1/3 健康増進課2/3 健康増進課3/3 企画財政課1/2 企画財政課2/2 税務課1/2 税務課2/2"
p=0
for want in $footers; do
    p=$((p + 1))
    expect "footer $want on page $p of all.pdf" bash -c "[[ '$(page_text out/all.pdf $p)' == *$want ]]"
done
for f in r8/soumu samples/r8/kenkou samples/r8/kikaku samples/r8/zeimu; do
    n=$(pdfinfo "out/$f.pdf" | awk '/^Pages:/ { print $2 }')
    for p in $(seq "$n"); do
        expect "no footer on page $p of $f.pdf" bash -c "! [[ '$(page_text "out/$f.pdf" $p)' =~ [0-9]+/$n$ ]]"
    done
done
"$YOSHIKI" render in/r8/soumu.xml -o footed.pdf --footer
expect "render --footer adds it when asked" bash -c "[[ '$(page_text footed.pdf 3)' == *総務課3/3 ]]"

# Deterministic: a department of a batch is the same file that render makes (fonts subset in a
# batch are prepared for repeated subsetting, with the same result), and all.pdf does not depend
# on the number of jobs.
for f in r8/soumu samples/r8/zeimu; do
    "$YOSHIKI" render "in/$f.xml" -o single.pdf
    expect "batch and render agree on $f" cmp -s single.pdf "out/$f.pdf"
done
"$YOSHIKI" batch in -o one-job --jobs 1 > /dev/null 2>&1
expect "all.pdf is the same with --jobs 1 and 2" cmp -s one-job/all.pdf out/all.pdf
"$YOSHIKI" batch in -o no-footer --no-footer > /dev/null 2>&1
expect "--no-footer: no footer in all.pdf" bash -c "! [[ '$(page_text no-footer/all.pdf 1)' == *総務課1/3 ]]"

# --duplex: each department starts on an odd page. 総務課 and 健康増進課 have 3 pages each, so a
# blank page follows each of them: 12 pages, departments at 1, 5, 9 and 11.
"$YOSHIKI" batch in -o duplex --duplex > /dev/null 2>&1
expect "duplex batch exits 0" test $? -eq 0
expect "duplex: 12 pages (two blanks inserted)" bash -c "pdfinfo duplex/all.pdf | grep -q '^Pages: *12$'"
expect "duplex: qpdf --check" bash -c "qpdf --check duplex/all.pdf 2>&1 | grep -q 'No syntax or stream encoding errors'"
outline duplex/all.pdf > duplex.txt
expect "duplex: departments start at pages 1, 5, 9, 11" test "$(awk '$1 == 0 { printf "%s ", $2 }' duplex.txt)" = "1 5 9 11 "
expect "duplex: every department on an odd page" test -z "$(awk '$1 == 0 && $2 % 2 == 0' duplex.txt)"
expect "duplex: 食を通じた健康づくり at page 7" grep -q '^1 7 食を通じた健康づくり$' duplex.txt
for p in 4 8; do
    expect "duplex: the inserted page $p is blank" test -z "$(page_text duplex/all.pdf $p)"
done
expect "duplex: the page after a blank is the next department's first" bash -c "[[ '$(page_text duplex/all.pdf 9)' == *企画財政課1/2 ]]"
expect "duplex: the last page is the last department's" bash -c "[[ '$(page_text duplex/all.pdf 12)' == *税務課2/2 ]]"

# On a terminal: a progress bar (departments, sheets, rate, time left) instead of one line per
# department. script(1) gives the batch a terminal.
if command -v script > /dev/null; then
    script -qec "'$YOSHIKI' batch in -o tty --jobs 2" /dev/null > tty.txt 2>&1
    expect "terminal: batch exits 0" test $? -eq 0
    expect "terminal: a progress bar" grep -q $'\r\\[#*\\.*\\] [0-9]*/4 departments' tty.txt
    expect "terminal: it ends full, with sheets, rate and time left" grep -q '\[#*\] 4/4 departments, 10 sheets, [0-9]* sheets/s, [0-9]* s left' tty.txt
    expect "terminal: no line per department" bash -c "! grep -q '^ok ' tty.txt"
    expect "terminal: the summary" grep -q 'batch: 4 of 4 departments rendered, 10 sheets' tty.txt
    # A warning (a variation selector no font has) takes a line of its own, not the bar's end.
    mkdir warn
    for f in a b; do sed 's|<goal>健全な財政運営</goal>|<goal>健全な財政運営︀</goal>|' in/samples/r8/kikaku.xml > warn/$f.xml; done
    script -qec "'$YOSHIKI' batch warn -o warn-out --jobs 1" /dev/null > warn.txt 2>&1
    expect "terminal: a batch with warnings exits 0" test $? -eq 0
    expect "terminal: both warnings shown" test "$(grep -c 'warning: variant' warn.txt)" -eq 2
    expect "terminal: a warning clears the bar first" grep -q $'\r\033\\[Kwarn/a.xml:20:[0-9]*: warning' warn.txt
    expect "terminal: no warning at the end of the bar" bash -c "! grep -q 'left *warn/' warn.txt"
fi

# An input that is a symbolic link to a file elsewhere: its PDF is in OUTDIR like the others,
# never beside the file it points to.
mkdir linked && ln -s ../in/samples/r8/zeimu.xml linked/zeimu.xml
"$YOSHIKI" batch linked -o linked-out > /dev/null 2>&1
expect "a linked input renders into OUTDIR" test -s linked-out/zeimu.pdf
expect "nothing written beside the linked file" test -z "$(find in -name '*.pdf')"

# One department's file copied under other names, beside another department: every copy is
# rendered and printed, each after the first warned of as it comes, naming the first, in both
# forms; the exit status stays 0, and all.pdf's subject names each department once, in the order
# they first come.
mkdir -p copies/sub
cp in/r8/soumu.xml copies/a.xml
cp in/samples/r8/zeimu.xml copies/b.xml
cp in/r8/soumu.xml copies/c.xml
cp in/r8/soumu.xml copies/sub/d.xml
"$YOSHIKI" batch copies -o copies-out > copies.out 2> copies.err
expect "copies: batch exits 0" test $? -eq 0
expect "copies: every PDF written" test -s copies-out/a.pdf -a -s copies-out/b.pdf -a -s copies-out/c.pdf -a -s copies-out/sub/d.pdf
cat > copies.want <<'WANT'
ok      a.xml  総務課  3 sheets, 3 pages
ok      b.xml  税務課  2 sheets, 2 pages
ok      c.xml  総務課  3 sheets, 3 pages
copies/c.xml: warning: the same department and fiscal year as copies/a.xml (総務課, 令和8年度): both are in all.pdf
  hint: if one is a copy of the other, remove it
ok      sub/d.xml  総務課  3 sheets, 3 pages
copies/sub/d.xml: warning: the same department and fiscal year as copies/a.xml (総務課, 令和8年度): both are in all.pdf
  hint: if one is a copy of the other, remove it
WANT
expect "copies: each copy after the first warned of as it comes, naming the first ($(tr '\n' '|' < copies.err))" \
    diff copies.want <(head -n 8 copies.err)
expect "copies: the summary counts them all" grep -q '^batch: 4 of 4 departments rendered, 11 sheets, 11 pages, 0 failed, ' copies.err
expect "copies: all.pdf holds them all" bash -c "pdfinfo copies-out/all.pdf | grep -q '^Pages: *11$'"
expect "copies: the subject names each department once, in order ($(pdfinfo copies-out/all.pdf | grep Subject))" \
    bash -c "pdfinfo copies-out/all.pdf | grep -qx 'Subject: *総務課、税務課'"
"$YOSHIKI" batch copies -o copies-json --diagnostics=json > /dev/null 2> copies.json
expect "copies, JSON: batch exits 0" test $? -eq 0 -a -s copies-json/all.pdf
expect "copies, JSON: two findings, warnings of department-repeated" test "$(python3 -c '
import json, sys
print(" ".join(d["file"] + ":" + d["severity"] + ":" + d["code"] for d in map(json.loads, open(sys.argv[1]))))' copies.json)" = \
    "copies/c.xml:warning:department-repeated copies/sub/d.xml:warning:department-repeated"
grep -e '^copies/.*: warning: ' -e '^  hint: ' copies.err > copies-warnings.err
expect "copies, JSON: the same findings as the human form" same_findings copies-warnings.err copies.json
# Two files of one department in different fiscal years are two documents: no warning.
mkdir years
cp in/r8/soumu.xml years/r8.xml
sed 's|<fiscal-year>[^<]*</fiscal-year>|<fiscal-year>R9</fiscal-year>|' in/r8/soumu.xml > years/r9.xml
"$YOSHIKI" batch years -o years-out > /dev/null 2> years.err
expect "two fiscal years: exit 0 and no warning" test $? -eq 0 -a -z "$(grep warning years.err)"
expect "two fiscal years: the subject names the department once" bash -c "pdfinfo years-out/all.pdf | grep -qx 'Subject: *総務課'"

# A broken department: the others are rendered, it is listed at the end with file:line:col.
sed 's|<goal>健全な財政運営</goal>|<goal>健全な財政運営</gaol>|' in/samples/r8/kikaku.xml > in/samples/r8/broken.xml
"$YOSHIKI" batch in -o out > broken.out 2> broken.err
expect "a batch with a broken file exits 1" test $? -eq 1
expect "the others are rendered" test -s out/r8/soumu.pdf -a -s out/samples/r8/kikaku.pdf -a -s out/samples/r8/kenkou.pdf -a -s out/samples/r8/zeimu.pdf -a -s out/all.pdf
expect "no PDF for the broken file" test ! -e out/samples/r8/broken.pdf
expect "its line says it failed" grep -q '^FAILED  samples/r8/broken.xml$' broken.err
expect "the broken file is listed at the end with file:line:col" bash -c "tail -n 1 broken.err | grep -q '^in/samples/r8/broken.xml:20:[0-9]*: error: malformed XML'"
expect "stderr says it is not in all.pdf" bash -c "tail -n 2 broken.err | head -n 1 | grep -q '^1 input failed and is not in all.pdf:$'"
expect "the summary counts it" grep -q '^batch: 4 of 5 departments rendered, 10 sheets, 10 pages, 1 failed' broken.err
expect "all.pdf holds the other four" bash -c "pdfinfo out/all.pdf | grep -q '^Pages: *10$'"
outline out/all.pdf > broken-outline.txt
expect "all.pdf's bookmarks are the four departments'" diff outline.want broken-outline.txt
expect "all.pdf is the one of the four alone" cmp -s out/all.pdf one-job/all.pdf

# Nothing renders: no all.pdf (an earlier one would mislead), exit 1.
mkdir only-broken && cp in/samples/r8/broken.xml only-broken/
mkdir -p none && echo stale > none/all.pdf
"$YOSHIKI" batch only-broken -o none > /dev/null 2> none.err
expect "all inputs broken: exit 1" test $? -eq 1
expect "all inputs broken: no all.pdf" test ! -e none/all.pdf
finish
