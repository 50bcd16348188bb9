# Signed sheets archived as signed: a signed yoshiki PDF beside the inputs is taken in place of
# its input, its signatures and embedded source checked, and stored byte for byte; the manifest
# names its signers; verify checks the signatures and, with --rerender, that its first revision
# is its embedded source rendered again. Every PDF archive cannot vouch for is refused, with its
# code, and leaves no archive.
source "$(dirname "$0")/lib.bash"
source "$SRC/tests/e2e/support/pki.bash"
pki_requires pdfsig python3 sha256sum
TOOLS=$SRC/tests/tools
cleanup() {
    pki_stop_tsa
    chmod -R u+w . 2> /dev/null  # archives are read-only; the next run removes this folder
}
trap cleanup EXIT

pki_ca
pki_signer kachou "/C=JP/O=毛呂山町/title=総務課長/CN=酒巻 義一"
pki_signer fukuchou "/C=JP/O=毛呂山町/title=副町長/CN=山田 花子"
pki_signer chou "/C=JP/O=毛呂山町/title=町長/CN=井上 健一郎"
pki_tsa
pki_start_tsa
export YOSHIKI_KEY_PASSWORD=$PKI_PASSWORD

"$YOSHIKI" render "$SRC/inputs/r8/soumu.xml" -o final.pdf
"$YOSHIKI" sign final.pdf -o s1.pdf --as 課長 --key kachou.p12
"$YOSHIKI" sign s1.pdf -o s2.pdf --as 副町長 --key fukuchou.p12
"$YOSHIKI" sign s2.pdf -o s3.pdf --as 町長 --key chou.p12 --tsa "$TSA_URL"
expect "the seed is signed three times" test -s s3.pdf

# A year's folder: the signed 総務課 and two draft inputs.
mkdir -p year/r8
cp s3.pdf year/r8/soumu.pdf
cp "$SRC"/inputs/samples/r8/kenkou.xml "$SRC"/inputs/samples/r8/zeimu.xml year/r8/
"$YOSHIKI" archive year -o arch > archive.out 2> archive.err
expect "the archive is written" test $? -eq 0 -a -d arch
expect "the signed PDF is stored byte for byte" cmp -s s3.pdf arch/r8/soumu.pdf
expect "sha256sum -c passes" bash -c 'cd arch && sha256sum --quiet -c SHA256SUMS'
expect "the stored PDF is still PDF/A-3a with its input and layout" \
    python3 "$TOOLS/pdfa.py" arch/r8/soumu.pdf --level a --sources 2 > soumu.pdfa
pdfsig arch/r8/soumu.pdf > pdfsig.txt 2>&1
expect "pdfsig: the stored PDF's three signatures are valid" \
    test "$(grep -c 'Signature Validation: Signature is Valid.' pdfsig.txt)" -eq 3
python3 - "$SRC/inputs/r8/soumu.xml" > manifest.check 2>&1 <<'PY'
import hashlib, json, sys
m = json.load(open("arch/manifest.json", encoding="utf-8"))
files = {f["path"]: f for f in m["files"]}
s = files["r8/soumu.pdf"]
assert s["source"] == "r8/soumu.pdf", s["source"]
assert s["department"] == "総務課" and s["sheets"] == 3, s
assert s["source_sha256"] == hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest(), "source_sha256"
assert s["sha256"] == hashlib.sha256(open("arch/r8/soumu.pdf", "rb").read()).hexdigest(), "sha256"
assert [(g["box"], g["signer"]) for g in s["signatures"]] == [("課長", "酒巻 義一"), ("副町長", "山田 花子"), ("町長", "井上 健一郎")], s["signatures"]
assert "timestamp" not in s["signatures"][0] and "UTC" in s["signatures"][2]["timestamp"], s["signatures"]
assert "unsigned_boxes" not in s, s
assert "signatures" not in files["r8/kenkou.pdf"], files["r8/kenkou.pdf"]
assert files["all.pdf"]["parts"] == ["r8/kenkou.pdf", "r8/soumu.pdf", "r8/zeimu.pdf"], files["all.pdf"]["parts"]
pages = sum(files[p]["pages"] for p in files["all.pdf"]["parts"])
assert files["all.pdf"]["pages"] == pages
print("ok", pages)
PY
expect "the manifest names the signers in order, the timestamp, the source" grep -q '^ok' manifest.check
pages=$(sed -n 's/^ok //p' manifest.check)
expect "the print document holds the signed department's pages too" \
    test "$(pdfinfo arch/all.pdf | sed -n 's/^Pages: *//p')" = "$pages"
expect "the print document has the signed department's text" grep -q '総務課' <(pdftotext arch/all.pdf -)

"$YOSHIKI" verify arch > verify.out 2>&1
expect "verify: the archive is ok" test $? -eq 0
expect "verify: the signed PDF ok" grep -q '^ok  *r8/soumu.pdf$' verify.out
"$YOSHIKI" verify arch --rerender > rerender.out 2>&1
expect "verify --rerender: ok" test $? -eq 0
expect "verify --rerender: the signed PDF's first revision is its source rendered again" \
    grep -q '^same  *r8/soumu.pdf: its first revision, before its signatures, rendered again' rerender.out
expect "verify --rerender: the print document made again" grep -q '^same  *all.pdf' rerender.out

# A manifest that names other signers (its hash in SHA256SUMS made to agree) is found.
cp -r arch forged && chmod -R u+w forged
sed -i 's/"signer": "山田 花子"/"signer": "山田 太郎"/' forged/manifest.json
( cd forged && python3 - <<'PY'
import hashlib
lines = open("SHA256SUMS", encoding="utf-8").read().splitlines()
sha = hashlib.sha256(open("manifest.json", "rb").read()).hexdigest()
open("SHA256SUMS", "w", encoding="utf-8").write("\n".join(sha + "  manifest.json" if l.endswith("  manifest.json") else l for l in lines) + "\n")
PY
)
"$YOSHIKI" verify forged > forged.out 2>&1
expect "verify: a manifest naming other signers fails" test $? -eq 1
expect "verify: ... and says so for the file" \
    grep -q '^changed  *r8/soumu.pdf: its signatures are not the ones the manifest names$' forged.out

# With --trust, the signers' chains: the test CA passes, another CA is refused.
"$YOSHIKI" archive year -o trusted --trust ca.pem 2> trusted.err
expect "archive --trust CA: the chains lead to it" test $? -eq 0 -a -d trusted
openssl req -x509 -new -newkey rsa:2048 -nodes -keyout other.key -out other.pem -days 30 -subj "/CN=other CA" 2> /dev/null

# refused NAME CODE WHAT: archiving folder NAME fails with CODE, naming the PDF, and leaves no archive.
refused() {
    local dir=$1 code=$2 what=$3
    shift 3
    "$YOSHIKI" archive "$dir" -o "out-$dir" "$@" --diagnostics=json 2> "$dir.json"
    local status=$?
    expect "$what: exit 1" test "$status" -eq 1
    expect "$what: no archive left" test ! -e "out-$dir"
    expect "$what: code $code" python3 -c '
import json, sys
codes = [json.loads(l)["code"] for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
sys.exit(0 if sys.argv[2] in codes else "codes: %s" % codes)' "$dir.json" "$code"
}
refused year certificate-untrusted "a signer whose chain does not lead to --trust" --trust other.pem
expect "... named as not trusted" grep -q 'the signature of 課長: the certificate is not trusted' year.json
mkdir unsigned && cp final.pdf unsigned/soumu.pdf
refused unsigned pdf-not-signed "a final PDF not signed"
mkdir appended && cp s3.pdf appended/soumu.pdf && printf '%% a line no one signed\n' >> appended/soumu.pdf
refused appended pdf-changed "bytes after the last signature"
mkdir twice && cp s3.pdf twice/soumu.pdf && cp "$SRC/inputs/r8/soumu.xml" twice/soumu.xml
refused twice department-twice "an input and its signed PDF under one name"
mkdir twice2 && cp s3.pdf twice2/soumu-signed.pdf && cp "$SRC/inputs/r8/soumu.xml" twice2/soumu.xml
refused twice2 department-twice "an input and its signed PDF under two names"
mkdir printdoc && "$YOSHIKI" batch year/r8 -o batch-out 2> /dev/null; cp batch-out/all.pdf printdoc/all.pdf
refused printdoc pdf-not-yoshiki "a PDF that carries no input (a print document)"
mkdir junk && printf 'not a PDF' > junk/x.pdf
refused junk pdf-unreadable "a file named .pdf that is no PDF"
# A font file replaced since the PDF was signed: its first revision is no longer what its source
# renders to here, so the manifest's fonts would not be the ones it was set in.
mkdir -p changed-font/lay fonts
cp /usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf fonts/mincho.ttf
sed "s#/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf#$PWD/fonts/mincho.ttf#" "$SRC/layouts/goal-sheet.xml" > changed-font/lay/goal-sheet.xml
cp "$SRC/inputs/r8/soumu.xml" changed-font/lay/soumu.xml
"$YOSHIKI" render changed-font/lay/soumu.xml -o font.pdf && rm -r changed-font/lay
"$YOSHIKI" sign font.pdf -o changed-font/soumu.pdf --as 課長 --key kachou.p12
expect "a PDF set in a font of the test's own is signed" test -s changed-font/soumu.pdf
cp /usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf fonts/mincho.ttf
refused changed-font pdf-render-differs "a signed PDF whose font file has changed since"

# Signed in part: archived with a warning, the boxes not yet signed in the manifest.
mkdir -p part && cp s1.pdf part/soumu.pdf
"$YOSHIKI" archive part -o out-part 2> part.err
expect "a PDF signed in part is archived" test $? -eq 0
expect "... with a warning per box not signed" test "$(grep -c 'warning: the approval box .* is not signed' part.err)" -eq 2
expect "... and the manifest lists them" python3 -c '
import json
f = [f for f in json.load(open("out-part/manifest.json", encoding="utf-8"))["files"] if f["path"] == "soumu.pdf"][0]
assert f["unsigned_boxes"] == ["副町長", "町長"] and [s["box"] for s in f["signatures"]] == ["課長"], f'
finish
