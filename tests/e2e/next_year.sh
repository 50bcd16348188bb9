# yoshiki next-year: 令和9年度's drafts of 総務課's 令和8年度 finals, as the goal sheet's layout
# says: the fiscal year moved on, 令和8年度's 目標値 year the new 現状値 year, the 現状値 and
# 目標値 left to write and marked to do (check lists exactly those six fields, in a draft; a
# final may hold none), everything else kept; filled in, the draft renders. A draft, a layout
# without rules, or a file already there is refused, with nothing written.
source "$(dirname "$0")/lib.bash"

"$YOSHIKI" next-year "$SRC/inputs/r8" -o r9 2> next.err
rc=$?
expect "makes the drafts" test $rc -eq 0
expect "says what is left to write" grep -q "r9/soumu.xml (draft, 6 fields to write)" next.err
expect "one draft per final" bash -c "[ \"\$(ls r9)\" = soumu.xml ]"

# Field by field: what moved, what is to do, and that the rest (comments too) is as it was.
expect "the values moved as the layout says" python3 - "$SRC/inputs/r8/soumu.xml" r9/soumu.xml <<'PY'
import sys
import xml.etree.ElementTree as ET
r8, r9 = (ET.parse(p).getroot() for p in sys.argv[1:3])
bad = []
def want(what, ok):
    if not ok: bad.append(what)
want("status draft", r9.get("status") == "draft" and r8.get("status") == "final")
want("fiscal year", r9.findtext("fiscal-year") == "令和9年度")
for tag in ("department", "signer/title", "signer/name"):
    want(tag, r9.findtext(tag) == r8.findtext(tag))
want("duties kept", [i.text for i in r9.iter("item")] == [i.text for i in r8.iter("item")])
s8, s9 = r8.findall("sheet"), r9.findall("sheet")
want("three sheets", len(s8) == len(s9) == 3)
for a, b in zip(s8, s9):
    v8, v9 = a.find("values"), b.find("values")
    for kept in ("initial", "final"):
        want(kept, (v9.find(kept).get("year"), v9.findtext(kept)) == (v8.find(kept).get("year"), v8.findtext(kept)))
    cur, tgt = v9.find("current"), v9.find("target")
    want("current year is last target year", cur.get("year") == v8.find("target").get("year") == "令和8年度")
    want("target year moved on", tgt.get("year") == "令和9年度")
    want("current to do", (cur.text or "") == "" and v8.findtext("target") in cur.get("todo"))
    want("target to do", (tgt.text or "") == "" and tgt.get("todo"))
    for tag in ("goal", "indicator", "basis", "summary", "effects", "review", "actions"):
        want(tag, ET.tostring(b.find(tag)) == ET.tostring(a.find(tag)))
print("\n".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
PY
expect "the file's comment is kept" bash -c "sed -n 2p '$SRC/inputs/r8/soumu.xml' | cmp -s - <(sed -n 2p r9/soumu.xml)"

# check lists exactly the six fields still to write, each at its element, as warnings of a draft.
"$YOSHIKI" check r9/soumu.xml --diagnostics=json 2> check.json
rc=$?
expect "a draft with things to do checks" test $rc -eq 0
lines_of() { grep -n "<$1 " r9/soumu.xml | cut -d: -f1 | tr '\n' ' '; }
expected="$(for l in $(lines_of current) $(lines_of target); do echo "$l"; done | sort -n | tr '\n' ' ')"
found="$(python3 -c '
import json, sys
ds = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
assert all(d["code"] == "field-todo" and d["severity"] == "warning" for d in ds), ds
print(" ".join(str(l) for l in sorted(d["line"] for d in ds)))' check.json) "
expect "the six to-do fields, at their lines ($found; expected $expected)" test "$found" = "$expected"
"$YOSHIKI" check r9/soumu.xml 2> check.err
expect "said in the layout's words" grep -q "hint: 令和8年度の実績（目標値は72.4%）" check.err
expect "the count in check's line" grep -q "ok, a draft with 6 fields still to write" check.err

# The draft renders as it is (a 案 with empty boxes), and once filled in.
"$YOSHIKI" render r9/soumu.xml -o draft.pdf 2> /dev/null
expect "the unfilled draft renders" test $? -eq 0
pdftotext -f 1 -l 1 draft.pdf draft.txt
expect "next year's title" grep -q "令和9年度 目標設定書（総務課）" draft.txt
expect "the 現状値 row of 令和8年度" grep -q "現状値（令和8年度）" draft.txt
python3 - r9/soumu.xml filled.xml <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
n = iter(range(1, 100))
s = re.sub(r'<(current|target) year="([^"]*)" todo="[^"]*"/>', lambda m: '<%s year="%s">%d.5%%</%s>' % (m[1], m[2], next(n), m[1]), s)
open(sys.argv[2], "w", encoding="utf-8").write(s)
PY
"$YOSHIKI" check filled.xml --diagnostics=json 2> filled.json
rc=$?
expect "filled in, nothing left to do" bash -c "[ $rc -eq 0 ] && [ ! -s filled.json ]"
"$YOSHIKI" render filled.xml -o filled.pdf && pdftotext filled.pdf filled.txt
expect "the written values are printed" grep -q "6.5%" filled.txt

# Written but still marked: reported; a final may hold nothing to do.
python3 - r9/soumu.xml marked.xml final.xml <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
i = s.index('<current year="令和8年度" todo="')
j = s.index("/>", i)
open(sys.argv[2], "w", encoding="utf-8").write(s[:j] + ">73.0%</current>" + s[j + 2:])
open(sys.argv[3], "w", encoding="utf-8").write(s.replace('status="draft"', 'status="final"'))
PY
"$YOSHIKI" check marked.xml 2> marked.err
expect "written but still marked is said" grep -q "is written but still marked to do" marked.err
"$YOSHIKI" check final.xml 2> final.err
rc=$?
expect "a final with things to do is refused" test $rc -eq 1
expect "as field-todo errors" grep -q "error: 現状値 (<current>) in 目標 1 is still to be written: a final sheet holds nothing to do" final.err

# Refused, nothing written: a draft (next year's drafts come from finals), a folder with one.
"$YOSHIKI" next-year r9 -o r10 2> draft.err
rc=$?
expect "a draft is refused" test $rc -eq 1
expect "at the status, line and column" grep -q "r9/soumu.xml:3:.*next-year-not-final\|r9/soumu.xml:3:[0-9]*: error: this input is a draft" draft.err
expect "nothing written" test ! -e r10
mkdir mixed && cp "$SRC/inputs/r8/soumu.xml" mixed/a.xml && cp r9/soumu.xml mixed/b.xml
"$YOSHIKI" next-year mixed -o mixed-next 2> /dev/null
rc=$?
expect "one draft among finals: all or nothing" bash -c "[ $rc -eq 1 ] && [ ! -e mixed-next ]"
# Never over a file: the draft of last time stays as it is.
cp r9/soumu.xml before.xml
"$YOSHIKI" next-year "$SRC/inputs/r8" -o r9 2> again.err
rc=$?
expect "a file there is refused" bash -c "[ $rc -eq 1 ] && grep -q 'never writes over an input' again.err"
expect "and kept" cmp -s before.xml r9/soumu.xml
# A layout without rules: nothing to make a draft of.
# The layout lies beside the input (it is found there first) and is passed over as an input.
mkdir plain && cp "$SRC/inputs/r8/soumu.xml" plain/
sed 's/ next-year="[^"]*"//g; s/ todo="[^"]*"//g' "$SRC/layouts/goal-sheet.xml" > plain/goal-sheet.xml
"$YOSHIKI" next-year plain -o plain-next 2> plain.err
rc=$?
expect "a layout without rules is refused" bash -c "[ $rc -eq 1 ] && grep -q 'plain/goal-sheet.xml:1:1: error: the layout says of no field what next year' plain.err && [ ! -e plain-next ]"
expect "the layout beside it is not read as an input" bash -c "[ \$(grep -c error plain.err) -eq 1 ]"
finish
