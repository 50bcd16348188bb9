# yoshiki batch: every department to its own PDF and to all.pdf, the print document with its
# bookmarks, page labels, footers and duplex padding; a broken file does not stop the rest.
source "$(dirname "$0")/lib.bash"
cp -r "$SRC/inputs" in
# The inputs name their layout relatively; point them at the repository's.
find in -name '*.xml' -exec sed -i "s|layout=\"[^\"]*\"|layout=\"$SRC/layouts/goal-sheet.xml\"|" {} +

"$YOSHIKI" batch in -o out --jobs 2 > batch.out 2> batch.err
expect "batch exits 0" test $? -eq 0
expect "one PDF per department, mirroring the folders" test -s out/r8/soumu.pdf -a -s out/samples/r8/kikaku.pdf -a -s out/samples/r8/zeimu.pdf -a -s out/samples/r8/kenkou.pdf
expect "not a terminal: one line per department" test "$(grep -c '^ok ' batch.err)" -eq 4
expect "a closing summary" grep -q '^batch: 4 of 4 departments rendered, 9 sheets, 9 pages, 0 failed' batch.err
expect "qpdf --check all.pdf" bash -c "qpdf --check out/all.pdf 2>&1 | grep -q 'No syntax or stream encoding errors'"
expect "9 pages" bash -c "pdfinfo out/all.pdf | grep -q '^Pages: *9$'"
pdffonts out/all.pdf > fonts.txt
expect "each font embedded once" test "$(tail -n +3 fonts.txt | awk '{print $1}' | sed 's/^[A-Z]*+//' | sort | uniq -d | wc -l)" -eq 0
expect "the faces of the form are in" grep -q 'IPAexMincho' fonts.txt

# Bookmarks: department → its sheets' goal names, each at its page.
qpdf --json --json-key=outlines out/all.pdf > outline.json
outline() {  # prints "page title" lines; an item's page comes before its kids, its title after
    awk '
        /"destpageposfrom1"/ { sub(/.*"destpageposfrom1": /, ""); gsub(/[^0-9]/, ""); stack[++n] = $0 }
        /"title"/ { sub(/.*"title": "/, ""); sub(/",?$/, ""); print stack[n--], $0 }
    ' "$1"
}
outline outline.json > outline.txt
expect "bookmark: 総務課 at page 1" grep -q '^1 総務課$' outline.txt
expect "bookmark: 地域コミュニティの推進 at page 1" grep -q '^1 地域コミュニティの推進$' outline.txt
expect "bookmark: 住民満足度の向上 at page 3" grep -q '^3 住民満足度の向上$' outline.txt
expect "bookmark: 健康増進課 at page 4" grep -q '^4 健康増進課$' outline.txt
expect "bookmark: ふるさと納税による自主財源の確保 at page 7" grep -q '^7 ふるさと納税による自主財源の確保$' outline.txt
expect "13 bookmarks (4 departments, 9 sheets)" test "$(wc -l < outline.txt)" -eq 13

# Page labels and footers speak of departments; single PDFs carry no footer.
expect "page labels" bash -c "qpdf --json --json-key=pagelabels out/all.pdf | grep -q '\"/P\": \"u:健康増進課 \"'"
# The footer is the last text of each page (white space is layout to pdftotext).
footer() { pdftotext -f "$1" -l "$1" out/all.pdf - | tr -d ' \n\f' | sed 's/　//g'; }
expect "footer on the print document" bash -c "[[ '$(footer 1)' == *総務課1/3 ]]"
expect "footer counts within the department" bash -c "[[ '$(footer 9)' == *税務課2/2 ]]"
pdftotext out/r8/soumu.pdf soumu.txt
expect "no footer on a department's own PDF" bash -c "! grep -q ' / 3' soumu.txt"
"$YOSHIKI" render in/r8/soumu.xml -o footed.pdf --footer
expect "render --footer adds it when asked" bash -c "pdftotext -f 3 -l 3 footed.pdf - | tr -d ' \n\f' | sed 's/　//g' | grep -q '総務課3/3$'"

# Deterministic: a department of a batch is the same file that render makes (fonts subset in a
# batch are prepared for repeated subsetting, with the same result), and all.pdf does not depend
# on the number of jobs.
for f in r8/soumu samples/r8/zeimu; do
    "$YOSHIKI" render "in/$f.xml" -o single.pdf
    expect "batch and render agree on $f" cmp -s single.pdf "out/$f.pdf"
done
"$YOSHIKI" batch in -o one-job --jobs 1 > /dev/null 2>&1
expect "all.pdf is the same with --jobs 1 and 2" cmp -s one-job/all.pdf out/all.pdf

# --duplex: each department starts on an odd page; soumu has 3 pages, so one blank follows.
"$YOSHIKI" batch in -o duplex --duplex > /dev/null 2>&1
expect "duplex batch exits 0" test $? -eq 0
expect "duplex: 10 pages (one blank inserted)" bash -c "pdfinfo duplex/all.pdf | grep -q '^Pages: *10$'"
qpdf --json --json-key=outlines duplex/all.pdf > duplex.json
outline duplex.json > duplex.txt
expect "duplex: 健康増進課 starts on page 5" grep -q '^5 健康増進課$' duplex.txt
expect "duplex: 企画財政課 starts on page 7" grep -q '^7 企画財政課$' duplex.txt
expect "duplex: 税務課 starts on page 9" grep -q '^9 税務課$' duplex.txt
expect "duplex: the inserted page is blank" test -z "$(pdftotext -f 4 -l 4 duplex/all.pdf - | tr -d ' \n\f')"

# A broken department: the others are rendered, it is listed at the end with file:line:col.
sed 's|<goal>健全な財政運営</goal>|<goal>健全な財政運営</gaol>|' in/samples/r8/kikaku.xml > in/samples/r8/broken.xml
rm -rf out
"$YOSHIKI" batch in -o out > broken.out 2> broken.err
expect "a batch with a broken file exits 1" test $? -eq 1
expect "the others are rendered" test -s out/r8/soumu.pdf -a -s out/samples/r8/kikaku.pdf -a -s out/all.pdf
expect "no PDF for the broken file" test ! -e out/samples/r8/broken.pdf
expect "the broken file is listed at the end with file:line:col" bash -c "tail -n 3 broken.err | grep -q 'in/samples/r8/broken.xml:[0-9]*:[0-9]*: error: malformed XML'"
expect "stderr says it is not in all.pdf" grep -q 'not in all.pdf' broken.err
expect "the summary counts it" grep -q '^batch: 4 of 5 departments rendered, 9 sheets, 9 pages, 1 failed' broken.err
expect "all.pdf holds the other four" bash -c "pdfinfo out/all.pdf | grep -q '^Pages: *9$'"
finish
