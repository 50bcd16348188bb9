# yoshiki import: the text the town published of 総務課's three sheets read back, against the
# goal sheet's layout, into the input inputs/r8/soumu.xml is (the same values, field by field),
# which renders to the same text page by page; the text as a website really gives it (spaced
# labels, full-width digits, CRLF, stray blanks) reads the same; each malformed variant is an
# error at its line and column, with nothing written.
source "$(dirname "$0")/lib.bash"
cp "$SRC/tests/data/r8-soumu-goal-sheets.txt" seed.txt  # the published text, as the town's website gives it

"$YOSHIKI" import seed.txt -o out 2> import.err
rc=$?
expect "imports without an error" test $rc -eq 0
expect "one department, three sheets" grep -q "out/総務課.xml (総務課, 3 sheets)" import.err
expect "the only file written" bash -c "[ \"\$(ls out)\" = 総務課.xml ]"

# The values, field by field, as the transcribed input holds them (comments and blank lines aside).
same_values() {
    python3 - "$1" "$2" <<'PY'
import sys
import xml.etree.ElementTree as ET
def shape(e):
    return (e.tag, sorted(e.attrib.items()), (e.text or "").strip(), [shape(c) for c in e])
a, b = (ET.parse(p).getroot() for p in sys.argv[1:3])
sys.exit(0 if shape(a) == shape(b) else 1)
PY
}
expect "the same values as inputs/r8/soumu.xml" same_values out/総務課.xml "$SRC/inputs/r8/soumu.xml"

"$YOSHIKI" render out/総務課.xml -o imported.pdf 2> render.err
expect "the imported input renders" test $? -eq 0
"$YOSHIKI" render "$SRC/inputs/r8/soumu.xml" -o transcribed.pdf
for page in 1 2 3; do
    pdftotext -f $page -l $page imported.pdf imported-$page.txt
    pdftotext -f $page -l $page transcribed.pdf transcribed-$page.txt
    expect "page $page: the same text as the transcribed sheet" cmp -s imported-$page.txt transcribed-$page.txt
done
expect "the seed's paragraphs are on the pages" grep -q "自治会活動に対する補助事業としては" imported-1.txt

# The text as a website gives it: CRLF line ends, blanks at the ends of lines and between the
# characters of labels, full-width digits in the headings' numbers and the values' years.
python3 - seed.txt > messy.txt <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
full = str.maketrans("0123456789", "０１２３４５６７８９")
out = []
for line in text.split("\n"):
    if line.startswith("1 当課"):
        line = "１ 当課" + line[len("1 当課"):]
    if line.startswith("\t現状値（令和7年度）"):
        line = "\t現状値（令和" + "7".translate(full) + "年度）" + line[len("\t現状値（令和7年度）"):]
    if line.startswith("設定根拠"):
        line = "設 定 根 拠 " + line[len("設定根拠"):]
    out.append(line + "  ")
sys.stdout.write("\r\n".join(out))
PY
"$YOSHIKI" import messy.txt -o messy 2> messy.err
rc=$?
expect "the messy text imports ($(head -c 300 messy.err))" test $rc -eq 0
expect "…to the same values" same_values messy/総務課.xml "$SRC/inputs/r8/soumu.xml"

# Malformed variants: an error at the line and column, exit 1, and no file.
refused() {  # name, the code, the expected line:column, then the python that makes the variant
    local name=$1 code=$2 at=$3
    python3 -c "$4" seed.txt > "$name.txt"
    "$YOSHIKI" import "$name.txt" -o "out-$name" 2> "$name.err"
    local rc=$?
    expect "$name: refused (exit $rc)" test $rc -eq 1
    expect "$name: $code at $at ($(head -c 400 "$name.err"))" grep -q "^$name.txt:$at: error: .*" "$name.err"
    expect "$name: the code is $code" bash -c "'$YOSHIKI' import '$name.txt' -o 'out-$name' --diagnostics=json 2>&1 | grep -q '\"code\":\"$code\"'"
    expect "$name: nothing written" test ! -e "out-$name"
}
refused missing-tab text-mismatch 12:1 '
import sys; t = open(sys.argv[1], encoding="utf-8").read().split("\n")
t[11] = t[11].replace("\t", "", 1); print("\n".join(t), end="")'
refused misspelt text-mismatch 37:1 '
import sys; t = open(sys.argv[1], encoding="utf-8").read().split("\n")
t[36] = t[36].replace("指 標 名", "指 標 明"); print("\n".join(t), end="")'
refused cut-short text-cut-short 41:1 '
import sys; t = open(sys.argv[1], encoding="utf-8").read().split("\n")
print("\n".join(t[:41]), end="")'
refused duties-differ text-differs 32:1 '
import sys; t = open(sys.argv[1], encoding="utf-8").read().split("\n")
t[31] = t[31].replace("条例・規則", "条例"); print("\n".join(t), end="")'
expect "duties-differ: the finding names the first sheet's line" grep -q "at line 8" duties-differ.err
refused no-sheet text-cut-short 1:1 'print("")'

# A file that is there is never written over.
"$YOSHIKI" import seed.txt -o out 2> again.err
expect "an existing input is not replaced" test $? -eq 1
expect "…and the finding says so" grep -q "never writes over an input" again.err
expect "…its bytes unchanged" same_values out/総務課.xml "$SRC/inputs/r8/soumu.xml"

# A layout the import cannot read back (repeated rows) is refused at the layout's place.
"$YOSHIKI" import seed.txt -o out-evaluation --layout "$SRC/layouts/program-evaluation.xml" 2> evaluation.err
expect "a layout of repeated rows is refused" test $? -eq 1
expect "…at the row in the layout" grep -Eq "program-evaluation.xml:[0-9]+:[0-9]+: error: .*import cannot read it back" evaluation.err

finish
