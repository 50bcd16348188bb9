# --diagnostics=json (docs/diagnostics.md): on render, check, batch, archive, extract and verify,
# every finding as one JSON object a line on standard error and nothing else, parsed with
# Python's json module, naming the same findings as the human form of the same run
# (same_findings in lib.bash; bad_input.sh, hostile_input.sh, special_files.sh and mutations.sh
# compare every damaged input they have the same way). Here: what only JSON has to get right:
# escaping, whole-file findings, warnings, a file name that is not UTF-8, the commands' own
# findings (a batch's, an archive's, extract's, verify's), and usage errors still in words.
source "$(dirname "$0")/lib.bash"
export LC_ALL=C.UTF-8
unset YOSHIKI_LAYOUT_PATH

cp "$SRC/inputs/r8/soumu.xml" good.xml
# members FILE MEMBER…: the members of each JSON line of FILE, as Python reads them, one line each.
members() { python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    print(" ".join("null" if d[k] is None else str(d[k]) for k in sys.argv[2:]))' "$@"; }

# A sound input: check says nothing in JSON (exit 0 says it), render writes the PDF.
"$YOSHIKI" check good.xml --diagnostics=json 2> good.json
expect "check of a sound input exits 0" test $? -eq 0
expect "... and prints nothing in JSON" test ! -s good.json
"$YOSHIKI" check good.xml --diagnostics=human 2> good.err
expect "--diagnostics=human is the default form" test "$(cat good.err)" = "good.xml: ok (3 sheets, 3 pages)"
"$YOSHIKI" render good.xml -o good.pdf --diagnostics json 2> render.json
expect "render --diagnostics json (two words) of a sound input: the PDF, nothing said" test $? -eq 0 -a -s good.pdf -a ! -s render.json

# Several findings in one file, one object each; a backslash in a message.
sed 's|<goal-sheets layout="goal-sheet"|<goal-sheets layout="goal-sheet" date="令和8\\年4月"|; s|<basis>|<bassis>|; s|</basis>|</bassis>|' good.xml > escapes.xml
"$YOSHIKI" render escapes.xml -o escapes.pdf 2> escapes.err
expect "render of a bad input exits 1" test $? -eq 1
"$YOSHIKI" render escapes.xml -o escapes.pdf --diagnostics=json 2> escapes.json
expect "... with --diagnostics=json too" test $? -eq 1
expect "... and writes no PDF" test ! -e escapes.pdf
expect "the JSON findings are those of the human form" same_findings escapes.err escapes.json
expect "one object per finding" test "$(wc -l < escapes.json)" -eq "$(grep -c ': error: ' escapes.err)" -a "$(wc -l < escapes.json)" -eq 4
expect "a backslash comes back from JSON" test "$(members escapes.json message | head -1)" = "date '令和8\\年4月' is not a date"
# Quotes in a hint; a tab, a line end and a quote in a file name, escaped, never raw.
sed 's| layout="goal-sheet"||' good.xml > unnamed.xml
"$YOSHIKI" check unnamed.xml 2> unnamed.err
"$YOSHIKI" check unnamed.xml --diagnostics=json 2> unnamed.json
expect "quotes come back from JSON" test "$(members unnamed.json hint)" = 'add layout="goal-sheet" to its first element, or give --layout LAYOUT'
expect "... the same as the human form" same_findings unnamed.err unnamed.json
odd=$'odd\t"name\n.xml'
"$YOSHIKI" check "$odd" 2> odd.err
"$YOSHIKI" check "$odd" --diagnostics=json 2> odd.json
expect "a tab, a line end and a quote in a file name come back from JSON" python3 -c '
import json, sys
assert json.loads(open(sys.argv[1], encoding="utf-8").read())["file"] == sys.argv[2]' odd.json "$odd"
expect "... escaped: one line, no raw control character" test "$(wc -l < odd.json)" -eq 1 -a "$(LC_ALL=C tr -d '\n' < odd.json | LC_ALL=C tr -d '\040-\377' | wc -c)" -eq 0
expect "... the same as the human form" same_findings odd.err odd.json

# A finding about a whole file: null line, column and offset; a missing hint is null.
"$YOSHIKI" check missing.xml 2> missing.err
"$YOSHIKI" check missing.xml --diagnostics=json 2> missing.json
expect "a missing input exits 1" test $? -eq 1
expect "... line, column, offset and hint are null" test "$(members missing.json file line column offset severity code hint)" = \
    "missing.xml null null null error file-not-found null"
expect "... and it is the human form's finding" same_findings missing.err missing.json

# A warning: severity "warning", exit 0, the PDF written.
sed 's|<goal>地域|<goal>あ\xf3\xa0\x84\x85地域|' good.xml > warning.xml
"$YOSHIKI" render warning.xml -o warning.pdf 2> warning.err
"$YOSHIKI" render warning.xml -o warning-json.pdf --diagnostics=json 2> warning.json
expect "a warning: exit 0 and the PDF" test $? -eq 0 -a -s warning-json.pdf
expect "... severity warning, code font-missing-variant" test "$(members warning.json severity code)" = "warning font-missing-variant"
expect "... the same as the human form" same_findings warning.err warning.json

# A file name that is not UTF-8 (from an older system): U+FFFD in its place, still valid JSON.
name=$'sjis-\x83\x5c.xml'
cp good.xml "$name"
sed -i 's|<basis>|<bassis>|; s|</basis>|</bassis>|' "$name"
"$YOSHIKI" check "$name" 2> name.err
"$YOSHIKI" check "$name" --diagnostics=json 2> name.json
expect "a name that is not UTF-8: valid UTF-8 JSON, U+FFFD for the stray byte" test "$(members name.json file line | head -1)" = "sjis-�\\.xml 31"
expect "... the same finding as the human form" same_findings name.err name.json

# A batch: each input's findings as it is done, nothing else (no progress, no summary).
mkdir -p in/sub
cp good.xml in/a.xml
cp escapes.xml in/sub/b.xml
cp warning.xml in/c.xml
"$YOSHIKI" batch in -o out --diagnostics=json 2> batch.json > batch.out
expect "a batch with a broken input exits 1" test $? -eq 1
expect "... writes the others and all.pdf" test -s out/a.pdf -a -s out/c.pdf -a -s out/all.pdf
expect "... nothing on standard output" test ! -s batch.out
expect "... every line of standard error a finding" test "$(members batch.json code | sort | uniq -c | awk '{print $1, $2}' | tr '\n' ' ')" = \
    "1 date-invalid 1 department-repeated 1 font-missing-variant 3 unknown-element "
expect "... in the order of the inputs" test "$(members batch.json file | uniq | tr '\n' ' ')" = "in/c.xml in/sub/b.xml "
"$YOSHIKI" batch in -o out 2> batch.err
sed -n '/^1 input failed and is not in all.pdf:$/,$p' batch.err | tail -n +2 > batch-errors.err
grep -v '"severity":"warning"' batch.json > batch-errors.json
expect "... its errors those the human form lists at its end" same_findings batch-errors.err batch-errors.json

# The batch's own findings.
"$YOSHIKI" batch no-such-folder -o out2 --diagnostics=json 2> no-folder.json
expect "batch of no folder: exit 2" test $? -eq 2
expect "... code not-a-folder" test "$(members no-folder.json file code line offset)" = "no-such-folder not-a-folder null null"
mkdir empty
"$YOSHIKI" batch empty -o out2 --diagnostics=json 2> empty.json
expect "batch of a folder of no inputs: exit 1, code no-inputs" test $? -eq 1 -a "$(members empty.json code)" = no-inputs
"$YOSHIKI" batch empty -o out2 2> empty.err
expect "... as the human form says it" same_findings empty.err empty.json

# archive, extract and verify: the inputs' findings and their own, as the human form says them.
# compare WHAT EXIT CODE yoshiki-arguments…: the run in both forms exits EXIT, the JSON form's
# first finding has CODE, and both name the same findings.
compare() {
    local what=$1 exit=$2 code=$3
    shift 3
    local n=$((++compared))
    "$YOSHIKI" "$@" > "compare$n.out" 2> "compare$n.err"
    local human_exit=$?
    "$YOSHIKI" "$@" --diagnostics=json > "compare$n.json.out" 2> "compare$n.json"
    expect "$what: exit $exit" test "$human_exit" -eq "$exit" -a $? -eq "$exit"
    expect "$what: code $code" test "$(members "compare$n.json" code | head -1)" = "$code"
    expect "$what: the same findings as the human form" same_findings "compare$n.err" "compare$n.json"
}
compared=0
mkdir -p archive-in/sub
cp good.xml archive-in/a.xml
cp escapes.xml archive-in/sub/b.xml
"$YOSHIKI" archive archive-in -o broken-archive --diagnostics=json 2> broken-archive.json
expect "archive of a broken input: exit 1, no archive" test $? -eq 1 -a ! -e broken-archive
expect "... its findings alone" test "$(members broken-archive.json file code | sort -u | tr '\n' ' ')" = \
    "archive-in/sub/b.xml date-invalid archive-in/sub/b.xml unknown-element "
compare "archive of no folder" 1 not-a-folder archive no-such-folder -o archive-x
rm archive-in/sub/b.xml
"$YOSHIKI" archive archive-in -o made-archive --diagnostics=json 2> made-archive.json
expect "archive of sound inputs: exit 0, nothing said in JSON" test $? -eq 0 -a ! -s made-archive.json -a -s made-archive/manifest.json
compare "archive onto an archive" 1 output-failed archive archive-in -o made-archive
compare "extract of no PDF" 1 pdf-unreadable extract good.xml -o extracted
compare "extract of a PDF with nothing embedded" 1 no-embedded-files extract made-archive/all.pdf -o extracted
"$YOSHIKI" extract made-archive/a.pdf -o extracted --diagnostics=json 2> extracted.json
expect "extract: exit 0, nothing said in JSON" test $? -eq 0 -a ! -s extracted.json -a -s extracted/a.xml
compare "extract over files there already" 1 embedded-file-refused extract made-archive/a.pdf -o extracted
compare "extract of a missing file" 1 file-not-found extract missing.pdf -o extracted
compare "verify of a folder without manifest" 1 not-an-archive verify archive-in
compare "verify of a file that is no PDF" 1 pdf-unreadable verify good.xml
mkdir bad-manifest
printf '{"not": "a manifest"' > bad-manifest/manifest.json
compare "verify of a broken manifest" 1 manifest-invalid verify bad-manifest
"$YOSHIKI" verify made-archive --diagnostics=json > verify.out 2> verify.json
expect "verify of a sound archive: exit 0, its report on standard output, nothing on standard error" \
    test $? -eq 0 -a ! -s verify.json -a "$(tail -1 verify.out | cut -d, -f1)" = "verify: 4 ok"

# Usage errors are no findings: a sentence, exit 2.
"$YOSHIKI" check good.xml --diagnostics=xml 2> usage.err
expect "--diagnostics=xml is wrong usage" test $? -eq 2
expect "... said in words" test "$(head -1 usage.err)" = "yoshiki: --diagnostics is json or human"
"$YOSHIKI" render good.xml --diagnostics=json 2> usage.err
expect "render without -o in JSON mode is still wrong usage, in words" test $? -eq 2 -a "$(head -1 usage.err)" = "yoshiki: render needs -o OUT.pdf"
finish
