# Tagged PDF (PDF/UA-1): the structure tree of the seed in reading order, the Matterhorn checks
# (tests/tools/matterhorn.py) on the seed, the samples and the stress text, every paragraph read
# back exactly by pdftotext (tests/tools/readback.py), and roles from the layout alone.
source "$(dirname "$0")/lib.bash"
TOOLS="$SRC/tests/tools"

render() { "$YOSHIKI" render "$@" 2>> render.err; }

render "$SRC/inputs/r8/soumu.xml" -o soumu.pdf
expect "the seed renders" test -s soumu.pdf

# The tree of the first sheet, in reading order, as a screen reader meets it.
pdfinfo -struct-text soumu.pdf > tree.txt
expect "pdfinfo reads the tree" test -s tree.txt
in_order "$(tr -d '\n' < tree.txt)" <<'EOF'
Document
Sect
H1 (block)
"令和8年度 目標設定書（総務課）"
P (block)
"総務課長 酒巻 義一"
Sect
H2 (block)
"1 当課の主な業務は次のように定義されます。"
L (block):
/ListNumbering /Disc
LI (block)
Lbl (block)
"・"
LBody (block)
"毛呂山町における防災訓練の実施などの災害対策に関すること"
H2 (block)
"2 当課の業務は次の方々のために行われます。"
P (block)
H2 (block)
"3 当課の掲げる数値目標と、その根拠は次のとおりです。"
Table (block)
TR
TH:
/Scope /Row
"目標名"
TD:
/ColSpan 2
"地域コミュニティの推進"
TH <t1.
/RowSpan 4
"数値目標"
"初期値（令和5年度）"
/Headers [(t1.
"74.6%"
"設定根拠"
H2 (block)
"4 目標達成に向けた取り組みにより、次の効果が期待されます。"
P (block)
H2 (block)
"6 当課は掲げた目標達成のために、次の取り組みを行います。"
EOF
expect "three sheets, one H1 each" test "$(grep -c '^    H1 ' tree.txt)" -eq 3
# The value 74.6% is described by both 数値目標 (spanning four rows) and 初期値: its two headers.
expect "a value names both its headers" grep -Eq '/Headers \[\(t1\.[0-9]+\) \(t1\.[0-9]+\)\]' tree.txt

# Matterhorn checks and read-back, for every bundled input and the stress text.
for input in "$SRC/inputs/r8/soumu.xml" "$SRC"/inputs/samples/r8/*.xml "$SRC/tests/data/stress/stress.xml"; do
    name=$(basename "$input" .xml)
    render "$input" -o "$name.pdf"
    expect "$name: Matterhorn checks pass" python3 "$TOOLS/matterhorn.py" "$name.pdf" > "$name.matterhorn"
    expect "$name: every text reads back exactly" python3 "$TOOLS/readback.py" "$input" "$name.pdf" --skip fiscal-year > "$name.readback"
    expect "$name: qpdf --check clean" bash -c "qpdf --check '$name.pdf' 2>&1 | grep -q 'No syntax or stream encoding errors'"
done
# The notices (layouts/disclosure-notice.xml): fixed boxes and fixed rows, their text condensed
# and made smaller where it had to be, still read back exactly. Dates and choices print
# otherwise than written (令和8年5月14日, ■閲覧　□写しの交付): those are checked in notice.sh.
for input in "$SRC"/inputs/samples/notices/*.xml; do
    name=$(basename "$input" .xml)
    render "$input" -o "$name.pdf"
    expect "$name: Matterhorn checks pass" python3 "$TOOLS/matterhorn.py" "$name.pdf" > "$name.matterhorn"
    expect "$name: every text reads back exactly" python3 "$TOOLS/readback.py" "$input" "$name.pdf" \
        --skip fiscal-year date request-date disclosure-date method > "$name.readback"
done
# The program evaluations (layouts/program-evaluation.xml): rows repeated per indicator, sums.
# Choices print as ■/□ and numbers with 桁区切り: evaluation.sh reads those back.
render "$SRC/inputs/samples/evaluation/r8-soumu.xml" -o evaluation.pdf
expect "evaluation: Matterhorn checks pass" python3 "$TOOLS/matterhorn.py" evaluation.pdf > evaluation.matterhorn
expect "evaluation: every text reads back exactly" python3 "$TOOLS/readback.py" "$SRC/inputs/samples/evaluation/r8-soumu.xml" \
    evaluation.pdf --skip fiscal-year necessity effectiveness efficiency fairness direction y1 y2 y3 y4 > evaluation.readback
# The 辞令 and 表彰状, set in columns (縦書き): numbers and dates print in 漢数字, read back in
# vertical.sh.
for input in "$SRC"/inputs/samples/appointments/*.xml "$SRC"/inputs/samples/commendations/*.xml; do
    name=$(basename "$input" .xml)
    render "$input" -o "$name.pdf"
    expect "$name: Matterhorn checks pass" python3 "$TOOLS/matterhorn.py" "$name.pdf" > "$name.matterhorn"
    expect "$name: every text reads back exactly" python3 "$TOOLS/readback.py" "$input" "$name.pdf" \
        --skip fiscal-year department date grade step > "$name.readback"
done
cat soumu.readback stress.readback
expect "no warnings while rendering" test ! -s render.err

# The checks can fail: the same seed untagged breaks both.
render --no-tags "$SRC/inputs/r8/soumu.xml" -o untagged.pdf
expect "untagged: the Matterhorn checks fail" bash -c "! python3 '$TOOLS/matterhorn.py' untagged.pdf > untagged.matterhorn"
expect "untagged: it says which" grep -q '^FAIL 01-005' untagged.matterhorn
expect "untagged: distributed labels come back spaced" bash -c "! python3 '$TOOLS/readback.py' '$SRC/inputs/r8/soumu.xml' untagged.pdf --skip fiscal-year > untagged.readback"
expect "untagged: no structure tree" bash -c "! grep -q '/StructTreeRoot' untagged.pdf"

# A layout that gives no roles still gives a valid tree (a table of cells, paragraphs).
mkdir -p plain
sed -e 's/ role="[A-Za-z0-9]*"//g' "$SRC/layouts/goal-sheet.xml" > plain/goal-sheet.xml
render --layout plain/goal-sheet.xml "$SRC/inputs/r8/soumu.xml" -o plain.pdf
expect "no roles: Matterhorn checks pass" python3 "$TOOLS/matterhorn.py" plain.pdf > plain.matterhorn

# Roles are checked like the rest of a layout.
sed -e 's/role="TH" rows="4"/role="Header" rows="4"/' "$SRC/layouts/goal-sheet.xml" > plain/bad-role.xml
"$YOSHIKI" check --layout plain/bad-role.xml "$SRC/inputs/r8/soumu.xml" 2> bad-role.err
expect "an unknown role: exit 1" test $? -eq 1
expect "an unknown role is located" grep -Eq "bad-role.xml:[0-9]+:[0-9]+: error: 'Header' is not a role of <cell>" bad-role.err
sed -e '0,/role="TH">目標名/s//role="H3">目標名/' "$SRC/layouts/goal-sheet.xml" > plain/mixed-row.xml
"$YOSHIKI" check --layout plain/mixed-row.xml "$SRC/inputs/r8/soumu.xml" 2> mixed-row.err
expect "a row of a heading and a table cell: exit 1" test $? -eq 1
expect "the mixed row is located" grep -Eq "mixed-row.xml:[0-9]+:[0-9]+: error: this row mixes table cells" mixed-row.err
finish
