# Rows that repeat: a table row set once per item of a list field (<indicator> × N), a header
# cell spanning the items' rows (rows="items"), numbers printed with 桁区切り, an empty one as
# 「－」 counting 0, and their sum; too many items, and a number that is none, refused at their place.
source "$(dirname "$0")/lib.bash"
DATA=$SRC/tests/data/repeat

"$YOSHIKI" render "$DATA/programs.xml" -o programs.pdf 2> render.err
expect "renders without a word" test $? -eq 0 -a ! -s render.err
expect "A3 landscape" bash -c "pdfinfo programs.pdf | grep -q '^Page size: *1190.55 x 841.89 pts (A3)'"
pdftotext -layout -f 1 -l 1 programs.pdf one.txt
expect "the first program has its three indicators, in order" \
    test "$(grep -o '加入促進チラシの配布\|未加入世帯への訪問\|説明会の開催' one.txt | paste -sd ' ')" = "加入促進チラシの配布 未加入世帯への訪問 説明会の開催"
expect "a number with 桁区切り" grep -q '4,200' one.txt
expect "full-width digits read as a number" grep -Eq '世帯 +315$' one.txt
expect "an empty number prints －" grep -Eq '回 +－$' one.txt
expect "the sum of the parts, the empty one counting 0 (4,200 + 315)" grep -Eq '^合計 +4,515$' one.txt
pdftotext -layout -f 2 -l 2 programs.pdf two.txt
expect "the second program has its one indicator" grep -q '訓練の実施' two.txt
expect "and its own sum" grep -Eq '^合計 +2$' two.txt
# For a reader: 活動指標 is one header cell spanning the first program's three rows.
qpdf --qdf --object-streams=disable programs.pdf qdf.pdf
expect "the spanning header is tagged with RowSpan 3" grep -aq '/RowSpan 3' qdf.pdf
expect "Matterhorn checks pass" python3 "$SRC/tests/tools/matterhorn.py" programs.pdf > matterhorn.txt

# Six indicators where the form has room for five; a number that is none.
cp "$DATA/programs-layout.xml" .
# The second program gets five more before its own: that one, the sixth, is refused.
more='<indicator><title>a</title><unit>b</unit></indicator>'
sed "s|<indicator><title>訓練の実施|$more$more$more$more<indicator><title>fifth</title><unit>b</unit></indicator><indicator><title>訓練の実施|" "$DATA/programs.xml" > many.xml
"$YOSHIKI" render many.xml -o many.pdf 2> many.err
expect "too many items: refused, no file" test $? -ne 0 -a ! -e many.pdf
want=$(at '<indicator><title>訓練の実施' many.xml)
expect "the sixth is named at its place" grep -q "^many.xml:$want: error: 活動指標 (<indicator>) is written more than 5 times in 事業 2$" many.err
expect "and only it" test "$(grep -c ': error: ' many.err)" -eq 1
sed 's|<result>4,200</result>|<result>4,2OO</result>|' "$DATA/programs.xml" > nan.xml
"$YOSHIKI" render nan.xml -o nan.pdf 2> nan.err
expect "not a number: refused, no file" test $? -ne 0 -a ! -e nan.pdf
want=$(at '4,2OO' nan.xml)
expect "not a number: at its place, with the field's label" grep -q "^nan.xml:$want: error: 実績: '4,2OO' is not a number; write it as 4200, 4,200 or 12.5$" nan.err

# A table that goes on over pages repeats its header rows (header="yes") at the top of each, as
# drawing only: a reader reads them once.
sed 's|max="5"|max="200"|; s|<row><cell style="l" role="TH" scope="column">区分|<row header="yes"><cell style="l" role="TH" scope="column">区分|' "$DATA/programs-layout.xml" > long-layout.xml
rows=$(for i in $(seq 1 90); do printf '<indicator><title>指標%d</title><unit>件</unit><result>%d</result></indicator>' "$i" "$i"; done)
sed "s|<indicator><title>訓練の実施|$rows<indicator><title>訓練の実施|; s|layout=\"programs-layout.xml\"|layout=\"long-layout.xml\"|" "$DATA/programs.xml" > long.xml
"$YOSHIKI" render long.xml -o long.pdf 2> long.err
expect "a long table renders" test $? -eq 0 -a ! -s long.err
pages=$(pdfinfo long.pdf | sed -n 's/^Pages: *//p')
expect "the second program's 91 rows go over several pages" test "$pages" -ge 4
for p in $(seq 2 "$pages"); do
    pdftotext -layout -f "$p" -l "$p" long.pdf page.txt
    expect "page $p starts with the header row (below the title on a program's first page)" \
        bash -c "grep -v '^ *$' page.txt | head -2 | grep -q '^区分 *指標名 *単位 *実績'"
done
pdfinfo -struct-text long.pdf > tree.txt 2>&1
expect "a reader reads the header row once per program" test "$(grep -c '"区分"' tree.txt)" -eq 2
expect "and every one of the 91 indicators of the second" test "$(grep -c '"指標[0-9]*"' tree.txt)" -eq 90
expect "qpdf --check clean" bash -c "qpdf --check long.pdf 2>&1 | grep -q 'No syntax or stream encoding errors'"
finish
