# The published attacks on PDF signatures that once fooled yoshiki, each built from a correctly
# signed seed by the forger's tools (tests/tools/attacks.py, signing with openssl cms, not with
# yoshiki) and each answered three times: `verify` exits 1 naming what no signature covers,
# `sign` refuses to add an approval on top, `archive` refuses to keep it. A control, signed by
# the same tools without an attack, verifies: what is refused is the attack, not the tools.
# pdfsig's answer to each is printed beside yoshiki's for the table in docs/signing.md.
source "$(dirname "$0")/lib.bash"
source "$SRC/tests/e2e/support/pki.bash"
pki_requires pdfsig certutil python3
ATTACKS=$SRC/tests/tools/attacks.py
cleanup() { chmod -R u+w . 2> /dev/null; }
trap cleanup EXIT

pki_ca
pki_signer kachou "/C=JP/O=毛呂山町/title=総務課長/CN=酒巻 義一"
pki_signer fukuchou "/C=JP/O=毛呂山町/title=副町長/CN=山田 花子"
pki_signer chou "/C=JP/O=毛呂山町/title=町長/CN=井上 健一郎"
pki_signer expired "/C=JP/O=毛呂山町/title=副町長/CN=期限 切れ" 20200401000000Z 20210331000000Z
pki_signer encipher "/C=JP/O=毛呂山町/title=副町長/CN=暗号 専用" "" "" encipher_ext
pki_signer tls "/C=JP/O=毛呂山町/title=副町長/CN=通信 専用" "" "" tls_ext
openssl req -x509 -new -newkey rsa:2048 -nodes -keyout self.key -out self.pem -days 30 \
    -subj "/C=JP/O=毛呂山町/title=副町長/CN=山田 花子" -addext "keyUsage=critical,digitalSignature" 2> /dev/null
pki_nss
export YOSHIKI_KEY_PASSWORD=$PKI_PASSWORD
LAYOUT=(--layout "$SRC/layouts/goal-sheet.xml")

"$YOSHIKI" render "$SRC/inputs/r8/soumu.xml" -o final.pdf
"$YOSHIKI" sign final.pdf -o s1.pdf --as 課長 --key kachou.p12
"$YOSHIKI" sign s1.pdf -o s2.pdf --as 副町長 --key fukuchou.p12
expect "the seed is signed twice" test -s s2.pdf

# forge NAME COMMAND IN ARGS…: `attacks.py COMMAND IN NAME.pdf ARGS…`; pdfsig's verdicts are printed.
forge() {
    local name=$1 cmd=$2 in=$3
    shift 3
    python3 "$ATTACKS" "$cmd" "$in" "$name.pdf" "$@" 2> "$name.forge-err" ||
        { fail "$name: the forger's tool failed: $(cat "$name.forge-err")"; return 1; }
    echo "pdfsig on $name: $(pdfsig -nssdir sql:nss "$name.pdf" 2>&1 |
        grep -E '^  - (Signature|Certificate) Validation' | sed 's/^  - //' | paste -sd';' -)"
}

# refuses NAME MESSAGE…: verify (with and without --trust) exits 1 and prints each MESSAGE (an
# extended regular expression); sign --as 町長 refuses the file; archive refuses it.
refuses() {
    local name=$1
    shift
    "$YOSHIKI" verify "$name.pdf" --trust ca.pem > "$name.verify" 2>&1
    expect "$name: verify --trust exits 1" test $? -eq 1
    "$YOSHIKI" verify "$name.pdf" > "$name.verify-plain" 2>&1
    expect "$name: verify exits 1" test $? -eq 1
    expect "$name: verify says NOT OK" grep -qx 'NOT OK' "$name.verify"
    local m
    for m in "$@"; do
        expect "$name: verify says: $m" grep -qE -- "$m" "$name.verify"
    done
    "$YOSHIKI" sign "$name.pdf" -o "$name-signed.pdf" --as 町長 --key chou.p12 "${LAYOUT[@]}" 2> "$name.sign-err"
    expect "$name: sign refuses to add the 町長's approval" test $? -eq 1 -a ! -e "$name-signed.pdf"
    expect "$name: ... saying why" grep -qE 'error: (this PDF was changed after it was signed|the signature of .* does not hold)' "$name.sign-err"
    mkdir -p "year-$name/r8" && cp "$name.pdf" "year-$name/r8/soumu.pdf"
    "$YOSHIKI" archive "year-$name" -o "arch-$name" 2> "$name.archive-err"
    expect "$name: archive refuses it" test $? -eq 1 -a ! -e "arch-$name"
    expect "$name: ... naming the file" grep -q 'soumu.pdf' "$name.archive-err"
    echo "yoshiki on $name: $(grep -m1 'problem:' "$name.verify")"
}

# The control: the 副町長 signed by the forger's own tools, no attack. It verifies, and is signed on.
forge control sign s1.pdf 副町長 fukuchou.key fukuchou.pem
"$YOSHIKI" verify control.pdf --trust ca.pem > control.verify 2>&1
expect "control: a signature made by openssl cms verifies" test $? -eq 0
expect "control: ... as intact and trusted" grep -qx 'ok: every signature is intact and trusted' control.verify
"$YOSHIKI" sign control.pdf -o control-signed.pdf --as 町長 --key chou.p12 "${LAYOUT[@]}"
expect "control: and is signed on" test -s control-signed.pdf

# 1. Incremental saving between two signatures: new objects only (a catalog, a page tree, page 1
# with other content), the trailer's /Root moved to them, and then the 副町長's signature over it.
forge between sign s1.pdf 副町長 fukuchou.key fukuchou.pem --after new-root
expect "between: every reader shows the forged page" bash -c '! pdftotext -l 1 between.pdf - | grep -q 目標設定書'
refuses between "problem: after it, the content of page 1 \(object [0-9]+\), reached from /Root/Pages/Kids\[0\]/Contents, was changed \(its stream data\) \[pdf-changed\]$"
expect "between: the change is the 課長's problem" \
    bash -c "sed -n '/^1 課長/,/^2 /p' between.verify | grep -q 'problem: after it, the content of page 1'"
expect "between: the 副町長's own signature is not blamed for what came before it" \
    bash -c "! sed -n '/^2 副町長/,\$p' between.verify | grep -q 'problem: after it, the content of page 1'"
# The same new root after the last signature, signed by no one.
forge after new-root s2.pdf
refuses after "problem: after it, the content of page 1 \(object [0-9]+\), reached from /Root/Pages/Kids\[0\]/Contents, was changed \(its stream data\), in bytes no signature covers"

# 2. An appearance drawn into the 町長's unsigned box: a stamp every viewer shows, no signature.
forge drawn appearance s2.pdf 町長 副町長
refuses drawn "problem: after it, the appearance of the signature fields 副町長 and 町長 \(object [0-9]+\), reached from /Root/AcroForm/Fields\[2\]/AP/N, was changed \(/BBox"

# What the papers add after a certification (DocMDP 2 allows filling in and signing only), each
# after the last signature: an annotation, a new visible signature field, an optional-content
# group that hides the page, a new page.
forge annotation annotation s2.pdf
refuses annotation "problem: after it, page 1 \(object [0-9]+\), reached from /Root/Pages/Kids\[0\], was changed \(/Annots \(its length\)\), in bytes no signature covers"
forge new-field new-field s2.pdf
refuses new-field "problem: after it, the form \(object [0-9]+\), reached from /Root/AcroForm, was changed \(/Fields \(its length\)\)" \
    "problem: after it, page 1 \(object [0-9]+\), reached from /Root/Pages/Kids\[0\], was changed \(/Annots \(its length\)\)"
forge hidden-layer hidden-layer s2.pdf
refuses hidden-layer "problem: after it, the catalog \(object [0-9]+\), reached from /Root, was changed \(/OCProperties\)" \
    "problem: after it, page 1 \(object [0-9]+\), reached from /Root/Pages/Kids\[0\], was changed \(/Contents, /Resources/Properties\)"
forge new-page new-page s2.pdf
refuses new-page "problem: after it, the page tree \(object [0-9]+\), reached from /Root/Pages, was changed \(/Count, /Kids \(its length\)\)"

# The classic attacks on the last signature's own dictionary and the file's structure (Mladenov
# et al.: universal signature forgery, signature wrapping), on the 副町長's: its /Contents zeroed
# or emptied, its /ByteRange removed, shortened, overlapping or past the end; one update holding
# page 1 twice; a cross-reference entry into the signature's gap; a /Prev loop.
forge contents-zeroed contents-zeroed s2.pdf
refuses contents-zeroed "problem: not intact: the signature is not a CMS SignedData of one signer \[signature-invalid\]$"
forge contents-emptied contents-emptied s2.pdf
refuses contents-emptied "problem: its /ByteRange leaves out something else than its /Contents"
forge range-removed range-removed s2.pdf
refuses range-removed "problem: its /ByteRange is not the four numbers of one gap \[signature-invalid\]$"
forge range-shortened range-shortened s2.pdf
refuses range-shortened "problem: not intact: the signed bytes were changed"
forge range-overlapping range-overlapping s2.pdf
refuses range-overlapping "problem: its /ByteRange is not the four numbers of one gap"
forge range-enlarged range-enlarged s2.pdf
refuses range-enlarged "problem: its /ByteRange reaches past the end of the file.* \[signature-invalid\]$"
forge duplicate duplicate s2.pdf
refuses duplicate "problem: after it, the content of page 1 \(object [0-9]+\), reached from /Root/Pages/Kids\[0\]/Contents, was changed"
# A file no reader can take as it stands: verify's finding, sign's and archive's refusal.
for name in into-gap prev-loop; do
    forge "$name" "$name" s2.pdf
    "$YOSHIKI" verify "$name.pdf" > "$name.verify" 2>&1
    expect "$name: verify exits 1" test $? -eq 1
    "$YOSHIKI" sign "$name.pdf" -o "$name-signed.pdf" --as 町長 --key chou.p12 "${LAYOUT[@]}" 2> "$name.sign-err"
    expect "$name: sign refuses it" test $? -eq 1 -a ! -e "$name-signed.pdf"
    mkdir -p "year-$name/r8" && cp "$name.pdf" "year-$name/r8/soumu.pdf"
    "$YOSHIKI" archive "year-$name" -o "arch-$name" 2> /dev/null
    expect "$name: archive refuses it" test $? -eq 1 -a ! -e "arch-$name"
done
expect "into-gap: verify says the file is damaged" grep -q "into-gap.pdf: error: the file is damaged: expected n n obj" into-gap.verify
expect "prev-loop: verify names the loop" grep -q "prev-loop.pdf: error: not a readable PDF: loop detected following xref tables" prev-loop.verify

# 3. A backdated signing time: a certificate that expired in 2021 signs with /M in 2021.
forge backdated sign s1.pdf 副町長 expired.key expired.pem --time "D:20210101093000+09'00'"
refuses backdated "problem: the certificate expired on 2021-03-31 .* \(judged now: no timestamp proves an earlier signing time\)" \
    "signing time: 2021-01-01 09:30:00 \+09:00 \(the signer's claim, unproven"
"$YOSHIKI" sign s1.pdf -o expired-signed.pdf --as 副町長 --key expired.p12 "${LAYOUT[@]}" 2> expired.err
expect "backdated: yoshiki sign refuses the expired key" test $? -eq 1 -a ! -e expired-signed.pdf
expect "... saying it expired" grep -q 'error: the certificate expired on 2021-03-31' expired.err

# 4. A certificate not for signing: key usage keyEncipherment only; an extended key usage for TLS.
forge encipher sign s1.pdf 副町長 encipher.key encipher.pem
refuses encipher "problem: the certificate's key usage \(keyEncipherment, dataEncipherment\) allows neither digitalSignature nor nonRepudiation \[certificate-not-valid\]$"
forge tls sign s1.pdf 副町長 tls.key tls.pem
refuses tls "problem: the certificate's extended key usage \(TLS Web Server Authentication, TLS Web Client Authentication\) does not allow signing documents"
for k in encipher tls; do
    "$YOSHIKI" sign s1.pdf -o "$k-signed.pdf" --as 副町長 --key "$k.p12" "${LAYOUT[@]}" --diagnostics=json 2> "$k.json"
    expect "$k: yoshiki sign refuses the key" test $? -eq 1 -a ! -e "$k-signed.pdf"
    expect "$k: ... with the code certificate-usage" grep -q '"code": *"certificate-usage"' "$k.json"
done

# A self-signed certificate in the 副町長's name: intact, but never read as who it says it is.
forge self sign s1.pdf 副町長 self.key self.pem
"$YOSHIKI" verify self.pdf > self.verify 2>&1
expect "self: without --trust, verify says who signed is unproven" \
    grep -q 'certificate: chain not checked: who signed is unproven (give --trust CA.pem); self-signed: anyone can make such a certificate in any name' self.verify
expect "self: ... and its verdict says so" grep -qx 'ok: every signature is intact; who signed is unchecked without --trust CA.pem' self.verify
"$YOSHIKI" verify self.pdf --trust ca.pem > self-trust.verify 2>&1
expect "self: with --trust, it is not trusted" test $? -eq 1
expect "self: ... NOT TRUSTED" grep -q 'certificate: NOT TRUSTED; self-signed' self-trust.verify
expect "self: ... a problem of its own kind" grep -qE '^  problem: .* \[certificate-untrusted\]$' self-trust.verify
finish
