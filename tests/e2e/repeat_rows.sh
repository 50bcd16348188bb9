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
finish
