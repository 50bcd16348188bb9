# yoshiki archive, extract and verify ARCHIVE: a fiscal year's archive of the seed and the samples
# checked from the outside (sha256sum -c, pdfinfo, pdfdetach, pdffonts, qpdf, the PDF/A clause
# checks of tests/tools/pdfa.py); the sources round-trip byte for byte and render to the same
# bytes; write-once, all or nothing, read-only; a killed run leaves nothing; verify names a
# flipped byte, a deleted file and an added one, and --rerender tells a font from a document.
source "$(dirname "$0")/lib.bash"
TOOLS="$SRC/tests/tools"
# The inputs name their layout by name (goal-sheet), found in the source tree by the build's program.
# The goal sheets only: notice.sh archives the notices.
mkdir -p in/samples && cp -r "$SRC/inputs/r8" in/ && cp -r "$SRC/inputs/samples/r8" in/samples/
DEPARTMENTS="r8/soumu samples/r8/kenkou samples/r8/kikaku samples/r8/zeimu"

"$YOSHIKI" archive in -o archive/r8 --jobs 2 > archive.out 2> archive.err
expect "archive exits 0" test $? -eq 0
expect "nothing on stdout" test ! -s archive.out
expect "it says where the archive is" grep -q '^archive: archive/r8 written, 5 PDFs, with manifest.json and SHA256SUMS (read-only)$' archive.err
expect "the print document is named at its place in the archive" grep -q '^print document: archive/r8/all.pdf (10 pages)$' archive.err
for f in $DEPARTMENTS; do expect "$f.pdf archived" test -s "archive/r8/$f.pdf"; done
expect "all.pdf, manifest.json, SHA256SUMS" test -s archive/r8/all.pdf -a -s archive/r8/manifest.json -a -s archive/r8/SHA256SUMS
expect "nothing else in the archive" test "$(find archive/r8 -type f | wc -l)" -eq 7
expect "no partial folder left beside it" test -z "$(find archive -maxdepth 1 -name '.*partial*')"
expect "sha256sum -c SHA256SUMS passes inside the archive" bash -c "cd archive/r8 && sha256sum -c --quiet SHA256SUMS"
expect "SHA256SUMS lists every file but itself" test "$(wc -l < archive/r8/SHA256SUMS)" -eq 6
expect "files are read-only (0444)" test -z "$(find archive/r8 -type f ! -perm 0444)"
expect "folders are read-only (0555)" test -z "$(find archive/r8 -type d ! -perm 0555)"

# The manifest: every file with its department, year, sheets, pages and hashes; the fonts.
python3 - archive/r8 > manifest.check <<'EOF'
import hashlib, json, os, sys
root = sys.argv[1]
m = json.load(open(os.path.join(root, "manifest.json")))
def sha(p): return hashlib.sha256(open(p, "rb").read()).hexdigest()
print("format", m["format"], m["format_version"], m["yoshiki"] != "")
print("years", m["fiscal_years"])
for f in m["files"]:
    ok = sha(os.path.join(root, f["path"])) == f["sha256"]
    src = f.get("source")
    srcok = src is None or hashlib.sha256(open(os.path.join("in", src), "rb").read()).hexdigest() == f["source_sha256"]
    print(f["path"], f["kind"], f.get("department", "-"), f["fiscal_year"], f["sheets"], f["pages"], ok, srcok, f["conformance"])
for font in m["fonts"]:
    print("font", font["name"], font["version"] != "", len(font["sha256"]))
print("layout", [l["file"] for l in m["layouts"]], [l["name"] for l in m["layouts"]])
EOF
cat > manifest.want <<'EOF'
format yoshiki-archive 1 True
years ['令和8年度']
all.pdf print - 令和8年度 10 10 True True PDF/A-3b
r8/soumu.pdf department 総務課 令和8年度 3 3 True True PDF/A-3a
samples/r8/kenkou.pdf department 健康増進課 令和8年度 3 3 True True PDF/A-3a
samples/r8/kikaku.pdf department 企画財政課 令和8年度 2 2 True True PDF/A-3a
samples/r8/zeimu.pdf department 税務課 令和8年度 2 2 True True PDF/A-3a
font IPAexGothic True 64
font IPAexMincho True 64
font IPAmjMincho True 64
layout ['goal-sheet.xml'] ['目標設定書']
EOF
expect "manifest: each file's department, year, sheets, pages and true hashes; the fonts; the layout" diff manifest.want manifest.check
expect "the font hashes are the files'" grep -q "$(sha256sum < /usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf | cut -c1-64)" archive/r8/manifest.json

# Each PDF from the outside: PDF/A in pdfinfo, both sources in pdfdetach, fonts embedded, qpdf,
# the PDF/A-3 clauses; the archive's PDF is exactly what render writes.
for f in $DEPARTMENTS; do
    pdf=archive/r8/$f.pdf
    name=$(basename "$f")
    pdfinfo -meta "$pdf" > "$name.meta"
    expect "$f: pdfinfo shows pdfaid part 3, conformance A" bash -c "grep -q '<pdfaid:part>3</pdfaid:part>' $name.meta && grep -q '<pdfaid:conformance>A</pdfaid:conformance>' $name.meta"
    expect "$f: XMP records the source's SHA-256" grep -q "<yoshiki:sourceSHA256>$(sha256sum < "in/$f.xml" | cut -c1-64)</yoshiki:sourceSHA256>" "$name.meta"
    pdfdetach -list "$pdf" > "$name.list"
    expect "$f: pdfdetach lists the input and the layout" bash -c "grep -q '^2 embedded files' $name.list && grep -q ': $name.xml$' $name.list && grep -q ': goal-sheet.xml$' $name.list"
    mkdir -p "detach/$name"
    (cd "detach/$name" && pdfdetach -saveall "../../$pdf")
    expect "$f: pdfdetach -save gives back the input byte for byte" cmp -s "detach/$name/$name.xml" "in/$f.xml"
    expect "$f: and the layout" cmp -s "detach/$name/goal-sheet.xml" "$SRC/layouts/goal-sheet.xml"
    expect "$f: every font embedded" test -z "$(pdffonts "$pdf" | tail -n +3 | awk '$(NF-4) != "yes"')"
    expect "$f: qpdf --check clean" bash -c "qpdf --check '$pdf' 2>&1 | grep -q 'No syntax or stream encoding errors' && ! qpdf --check '$pdf' 2>&1 | grep -qi warning"
    expect "$f: the PDF/A-3a clauses hold" python3 "$TOOLS/pdfa.py" "$pdf" --level a --sources 2 > "$name.pdfa"
    "$YOSHIKI" render "in/$f.xml" -o "$name.render.pdf"
    expect "$f: the archived PDF is what render writes" cmp -s "$pdf" "$name.render.pdf"
done
cat soumu.pdfa
expect "all.pdf: the PDF/A-3b clauses hold, nothing embedded" python3 "$TOOLS/pdfa.py" archive/r8/all.pdf --level b --sources 0 > all.pdfa
expect "all.pdf: qpdf --check clean" bash -c "qpdf --check archive/r8/all.pdf 2>&1 | grep -q 'No syntax or stream encoding errors'"
expect "all.pdf: pdfinfo shows PDF/A-3b" bash -c "pdfinfo -meta archive/r8/all.pdf | grep -q '<pdfaid:conformance>B</pdfaid:conformance>'"
"$YOSHIKI" batch in -o batch > /dev/null 2>&1
expect "all.pdf is batch's print document" cmp -s archive/r8/all.pdf batch/all.pdf

# A page of an archived PDF, to look at.
pdftoppm -r 80 -png -f 1 -l 1 archive/r8/r8/soumu.pdf page
expect "the first page renders" test -s page-1.png

# extract: the sources back out; rendering them gives the same bytes.
"$YOSHIKI" extract archive/r8/samples/r8/kikaku.pdf -o extracted 2> extract.err
expect "extract exits 0" test $? -eq 0
expect "extract: the input, byte for byte" cmp -s extracted/kikaku.xml in/samples/r8/kikaku.xml
expect "extract: the layout, byte for byte" cmp -s extracted/goal-sheet.xml "$SRC/layouts/goal-sheet.xml"
expect "extract says how to render them" grep -q '^to render it again: yoshiki render extracted/kikaku.xml --layout extracted/goal-sheet.xml -o OUT.pdf$' extract.err
"$YOSHIKI" render extracted/kikaku.xml --layout extracted/goal-sheet.xml -o again.pdf
expect "rendering what extract gives back gives the same bytes" cmp -s again.pdf archive/r8/samples/r8/kikaku.pdf
# The input names its layout by name: the goal-sheet.xml extracted beside it is found first.
"$YOSHIKI" render extracted/kikaku.xml -o again-by-name.pdf
expect "... and so with no --layout: the layout it names by name is found" cmp -s again-by-name.pdf archive/r8/samples/r8/kikaku.pdf
"$YOSHIKI" extract archive/r8/samples/r8/kikaku.pdf -o extracted 2> extract-again.err
expect "extract never overwrites" test $? -eq 1
expect "extract says which file exists" grep -q 'extracted/[a-z-]*.xml exists already' extract-again.err
"$YOSHIKI" extract archive/r8/all.pdf -o from-all 2> extract-all.err
expect "extract from a PDF with nothing embedded: exit 1" test $? -eq 1
expect "it says so" grep -q 'no files are embedded' extract-all.err
expect "and writes nothing" test ! -e from-all

# An input in Shift_JIS is embedded as it was read, not as the UTF-8 yoshiki decoded it to.
mkdir sjis
iconv -f UTF-8 -t CP932 in/samples/r8/zeimu.xml | sed '1s/encoding="UTF-8"/encoding="Shift_JIS"/' > sjis/zeimu.xml
"$YOSHIKI" render sjis/zeimu.xml -o sjis.pdf
expect "a Shift_JIS input renders" test -s sjis.pdf
(cd sjis && mkdir out && cd out && pdfdetach -saveall ../../sjis.pdf)
expect "pdfdetach gives back the Shift_JIS bytes" cmp -s sjis/out/zeimu.xml sjis/zeimu.xml
"$YOSHIKI" extract sjis.pdf -o sjis-extracted 2> /dev/null
"$YOSHIKI" render sjis-extracted/zeimu.xml --layout sjis-extracted/goal-sheet.xml -o sjis-again.pdf
expect "and renders again to the same bytes" cmp -s sjis.pdf sjis-again.pdf

# Write-once: an existing archive is refused, nothing touched.
before=$(find archive -printf '%p %s %T@\n' | sort | sha256sum)
"$YOSHIKI" archive in -o archive/r8 2> exists.err
expect "archiving into an existing folder: exit 1" test $? -eq 1
expect "it says why" grep -q '^archive/r8: error: already exists; an archive is written once' exists.err
expect "nothing touched" test "$before" = "$(find archive -printf '%p %s %T@\n' | sort | sha256sum)"
mkdir empty-target
"$YOSHIKI" archive in -o empty-target 2> /dev/null
expect "an existing empty folder is refused too" test $? -eq 1
touch a-file
"$YOSHIKI" archive in -o a-file/r8 2> not-dir.err
expect "a target whose folder cannot be made: exit 1" test $? -eq 1
expect "it names the target" grep -q '^a-file/r8: error: cannot create the folder a-file' not-dir.err
# A folder this user may not write in (the suite runs as root, who may write anywhere: the run
# is repeated as nobody).
mkdir -p locked && chmod 0555 locked && chmod -R a+rX in && chmod o+x . ..
if command -v setpriv > /dev/null && setpriv --reuid=nobody --regid=nogroup --clear-groups true 2> /dev/null; then
    setpriv --reuid=nobody --regid=nogroup --clear-groups "$YOSHIKI" archive in -o locked/r8 2> locked.err
    expect "a folder that cannot be written: exit 1" test $? -eq 1
    expect "it says so" grep -q '^locked/r8: error: cannot write in locked: Permission denied' locked.err
    expect "nothing in it" test -z "$(ls -A locked)"
fi

# All or nothing: one broken input, every error listed, no archive, no partial folder.
cp -r in broken-in
sed -i 's|<goal>健全な財政運営</goal>|<goal>健全な財政運営</gaol>|' broken-in/samples/r8/kikaku.xml
sed -i 's|<department>税務課</department>|<department>税務課</departmen>|' broken-in/samples/r8/zeimu.xml
"$YOSHIKI" archive broken-in -o broken-archive 2> broken.err
expect "a broken input: exit 1" test $? -eq 1
expect "no archive folder" test ! -e broken-archive
expect "no partial folder" test -z "$(find . -maxdepth 1 -name '.broken-archive*')"
expect "the errors of both broken files are listed with file:line:column" bash -c "grep -q '^broken-in/samples/r8/kikaku.xml:[0-9]*:[0-9]*: error' broken.err && grep -q '^broken-in/samples/r8/zeimu.xml:[0-9]*:[0-9]*: error' broken.err"
expect "it says no archive was written" grep -q '^broken-archive: error: no archive was written: 2 of 4 inputs failed, and an archive holds all or nothing:$' broken.err

# Wrong usage: exit 2, nothing written.
usage_exit() { "$YOSHIKI" "$@" > /dev/null 2> usage.err; echo $?; }
expect "archive without -o: usage" test "$(usage_exit archive in)" -eq 2
expect "archive with a rendering option: usage" test "$(usage_exit archive in -o usage-a --layout x.xml)" -eq 2
expect "extract without -o: usage" test "$(usage_exit extract archive/r8/r8/soumu.pdf)" -eq 2
expect "verify with -o: usage" test "$(usage_exit verify archive/r8 -o x)" -eq 2
expect "--rerender is verify's: usage" test "$(usage_exit archive in -o usage-b --rerender)" -eq 2
expect "nothing written by wrong usage" test ! -e usage-a -a ! -e usage-b -a ! -e x
"$YOSHIKI" verify archive/r8/r8/soumu.pdf > /dev/null 2> verify-file.err
expect "verify of a file is not an archive's: exit 1" test $? -eq 1

# verify: a copy of the archive, changed in three ways; each change is found and named.
"$YOSHIKI" verify archive/r8 > verify.out
expect "verify of the archive: exit 0" test $? -eq 0
expect "verify: every file ok" test "$(grep -c '^ok ' verify.out)" -eq 7
expect "verify: the summary" grep -q '^verify: 7 ok, 0 changed, 0 missing, 0 unexpected$' verify.out
copy() { rm -rf "$1"; cp -r archive/r8 "$1"; chmod -R u+w "$1"; }
copy flipped
python3 -c "
import sys; p = sys.argv[1]; b = bytearray(open(p, 'rb').read()); b[len(b) // 2] ^= 1; open(p, 'wb').write(b)" flipped/samples/r8/kikaku.pdf
"$YOSHIKI" verify flipped > flipped.out
expect "a flipped byte: exit 1" test $? -eq 1
expect "a flipped byte: the file is named changed" grep -q '^changed     samples/r8/kikaku.pdf: ' flipped.out
expect "a flipped byte: the others are ok" test "$(grep -c '^ok ' flipped.out)" -eq 6
expect "sha256sum -c finds it too" bash -c "cd flipped && ! sha256sum -c --quiet SHA256SUMS 2> /dev/null"
copy deleted
rm deleted/r8/soumu.pdf
"$YOSHIKI" verify deleted > deleted.out
expect "a deleted file: exit 1" test $? -eq 1
expect "a deleted file: named missing" grep -q '^missing     r8/soumu.pdf$' deleted.out
copy added
echo note > added/samples/note.txt
"$YOSHIKI" verify added > added.out
expect "an added file: exit 1" test $? -eq 1
expect "an added file: named unexpected" grep -q '^unexpected  samples/note.txt$' added.out
copy truncated
head -c 5000 archive/r8/r8/soumu.pdf > truncated/r8/soumu.pdf
"$YOSHIKI" verify truncated > truncated.out 2> truncated.err
expect "a truncated PDF: exit 1, named changed" bash -c "test $? -eq 1 && grep -q '^changed     r8/soumu.pdf' truncated.out"

# A manifest rewritten to match a changed PDF: the hashes agree, but the PDF is not the one the
# sums name, or its embedded source is not the manifest's.
copy edited
python3 - edited <<'EOF'
import hashlib, json, os, sys
root = sys.argv[1]
m = json.load(open(os.path.join(root, "manifest.json")))
m["files"][1]["source_sha256"] = "0" * 64   # r8/soumu.pdf
open(os.path.join(root, "manifest.json"), "w").write(json.dumps(m, ensure_ascii=False, indent=2) + "\n")
EOF
"$YOSHIKI" verify edited > edited.out
expect "an edited manifest: exit 1" test $? -eq 1
expect "an edited manifest: named changed" grep -q '^changed     manifest.json: not the one SHA256SUMS names' edited.out
(cd edited && sha256sum manifest.json all.pdf r8/soumu.pdf samples/r8/*.pdf > SHA256SUMS)
"$YOSHIKI" verify edited > edited2.out
expect "sums rewritten too: the embedded source no longer matches" grep -q '^changed     r8/soumu.pdf: the source embedded in it is not the one the manifest names' edited2.out
copy bad-json
echo '{"format": "yoshiki-archive", "format_version": 1, "files": [' > bad-json/manifest.json
"$YOSHIKI" verify bad-json > /dev/null 2> bad-json.err
expect "a manifest that is not JSON: exit 1" test $? -eq 1
expect "a manifest that is not JSON: named, with where" grep -q '^bad-json/manifest.json: error: not valid JSON (byte [0-9]*)$' bad-json.err
"$YOSHIKI" verify in > /dev/null 2> not-archive.err
expect "a folder that is not an archive: exit 1" test $? -eq 1
expect "a folder that is not an archive: said so" grep -q '^in: error: not a yoshiki archive: it has no manifest.json$' not-archive.err

# --rerender: every embedded source renders to the same bytes; a changed font is told apart
# from a changed document.
"$YOSHIKI" verify archive/r8 --rerender > rerender.out
expect "--rerender: exit 0" test $? -eq 0
expect "--rerender: every department the same" test "$(grep -c '^same  *.*byte for byte$' rerender.out)" -eq 5
mkdir -p fonts && cp /usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf /usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf fonts/
mkdir font-in && cp in/samples/r8/zeimu.xml font-in/
sed -e "s|/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf|$PWD/fonts/ipaexm.ttf|" \
    -e "s|/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf|$PWD/fonts/ipaexg.ttf|" "$SRC/layouts/goal-sheet.xml" > font-layout.xml
sed -i "s|layout=\"[^\"]*\"|layout=\"$PWD/font-layout.xml\"|" font-in/zeimu.xml
"$YOSHIKI" archive font-in -o font-archive 2> /dev/null
cp fonts/ipaexg.ttf fonts/ipaexm.ttf  # the "mincho" of this machine is now another face
"$YOSHIKI" verify font-archive --rerender > font.out
expect "a changed font: exit 1" test $? -eq 1
expect "a changed font: the file is intact" grep -q '^ok          zeimu.pdf$' font.out
expect "a changed font: named as the font" grep -q '^differs     zeimu.pdf: font changed: ipaexm.ttf (IPAexGothic Version [0-9.]*, SHA-256 [0-9a-f]*…) is not the archived IPAexMincho' font.out
copy doc-changed
chmod u+w doc-changed/r8/soumu.pdf
qpdf --qdf --object-streams=disable archive/r8/r8/soumu.pdf qdf.pdf
# One rule of the form drawn 0.1 pt wider: the bytes a reader sees change, the sources do not.
python3 - qdf.pdf <<'EOF'
import sys
p = sys.argv[1]; b = open(p, "rb").read()
i = b.index(b" w\n")
j = b.rindex(b"\n", 0, i) + 1
open(p, "wb").write(b[:j] + b"1.7" + b[i:])
EOF
fix-qdf qdf.pdf > doc-changed/r8/soumu.pdf
(cd doc-changed && python3 - <<'EOF'
import hashlib, json
m = json.load(open("manifest.json"))
for f in m["files"]:
    f["sha256"] = hashlib.sha256(open(f["path"], "rb").read()).hexdigest()
open("manifest.json", "w").write(json.dumps(m, ensure_ascii=False, indent=2) + "\n")
EOF
sha256sum manifest.json all.pdf r8/soumu.pdf samples/r8/*.pdf > SHA256SUMS)
"$YOSHIKI" verify doc-changed > doc.out
expect "a changed document with a manifest to match: the hashes pass" test $? -eq 0
"$YOSHIKI" verify doc-changed --rerender > doc-rerender.out
expect "--rerender finds it: exit 1" test $? -eq 1
expect "--rerender names it a changed document" grep -q '^differs     r8/soumu.pdf: document changed' doc-rerender.out

# Killed while it writes: no archive, no partial file; the next run succeeds and removes what the
# killed run left. 300 departments take long enough to be caught half way.
mkdir many
for i in $(seq 300); do cp in/samples/r8/kikaku.xml "many/d$i.xml"; done
"$YOSHIKI" archive many -o killed --jobs 1 2> /dev/null &
pid=$!
while kill -0 "$pid" 2> /dev/null && [ -z "$(find . -maxdepth 2 -path './.killed.partial-*/*.pdf' -print -quit)" ]; do sleep 0.05; done
kill -KILL "$pid" 2> /dev/null
wait "$pid" 2> /dev/null
expect "killed: no archive" test ! -e killed
expect "killed: what it left is hidden beside it" test -n "$(find . -maxdepth 1 -name '.killed.partial-*')"
"$YOSHIKI" archive many -o killed 2> killed-again.err
expect "the next run succeeds" test $? -eq 0
expect "and removes the killed run's folder" test -z "$(find . -maxdepth 1 -name '.killed.partial-*')"
expect "the archive is whole" bash -c "cd killed && sha256sum -c --quiet SHA256SUMS"
"$YOSHIKI" archive many -o termed --jobs 1 2> /dev/null &
pid=$!
while kill -0 "$pid" 2> /dev/null && [ -z "$(find . -maxdepth 2 -path './.termed.partial-*/*.pdf' -print -quit)" ]; do sleep 0.05; done
kill -TERM "$pid"
wait "$pid"
expect "SIGTERM: exit 143" test $? -eq 143
expect "SIGTERM: no archive and nothing left" test ! -e termed -a -z "$(find . -maxdepth 1 -name '.termed.partial-*')"
finish
