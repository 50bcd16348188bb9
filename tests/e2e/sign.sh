# Signing the seed's final PDF 課長 → 副町長 → 町長 (a PKCS#12 file; a key on a SoftHSM2 token
# through libp11's pkcs11 engine; a PKCS#12 file with a timestamp from a loopback timestamp
# authority), then checked from the outside: qpdf --check after every signature, poppler's
# pdfsig (NSS, with a test database trusting the test CA) and yoshiki verify both find three
# valid signatures, the last covering the whole document; the stamps' text extracts; one changed
# byte is found by both.
source "$(dirname "$0")/lib.bash"
source "$SRC/tests/e2e/support/pki.bash"
pki_requires softhsm2-util pkcs11-tool certutil pdfsig python3
trap pki_stop_tsa EXIT

pki_ca
pki_signer kachou "/C=JP/O=毛呂山町/title=総務課長/CN=酒巻 義一"
pki_signer fukuchou "/C=JP/O=毛呂山町/title=副町長/CN=山田 花子"
pki_signer chou "/C=JP/O=毛呂山町/title=町長/CN=井上 健一郎"
pki_tsa
pki_token
pki_token_put fukuchou.key fukuchou.pem fukuchou 02
pki_nss
pki_start_tsa
LAYOUT=(--layout "$SRC/layouts/goal-sheet.xml")

"$YOSHIKI" render "$SRC/inputs/r8/soumu.xml" -o final.pdf
expect "the seed renders as final" grep -q '<xmp:Label>final</xmp:Label>' <(pdfinfo -meta final.pdf)

qpdf_clean() { qpdf --check "$1" > "$1.qpdf" 2>&1 && grep -q 'No syntax or stream encoding errors' "$1.qpdf" && ! grep -qi warning "$1.qpdf"; }

# The stamp is drawn with the layout the PDF carries; 副町長's with the layout given.
"$YOSHIKI" sign final.pdf -o s1.pdf --as 課長 --key kachou.p12 --password-file pw.txt 2> s1.err
expect "課長 signs with a PKCS#12 file" test $? -eq 0 -a ! -s s1.err
expect "qpdf --check clean after 課長" qpdf_clean s1.pdf
"$YOSHIKI" sign s1.pdf -o s2.pdf --as 副町長 --key 'pkcs11:token=yoshiki-test;object=fukuchou' --password-file pin.txt \
    "${LAYOUT[@]}" 2> s2.err
expect "副町長 signs with a key on a token (SoftHSM2, libp11)" test $? -eq 0 -a ! -s s2.err
expect "qpdf --check clean after 副町長" qpdf_clean s2.pdf
YOSHIKI_KEY_PASSWORD=$PKI_PASSWORD "$YOSHIKI" sign s2.pdf -o s3.pdf --as 町長 --key chou.p12 --tsa "$TSA_URL" 2> s3.err
expect "町長 signs with a timestamp, the password from the environment" test $? -eq 0 -a ! -s s3.err
expect "qpdf --check clean after 町長" qpdf_clean s3.pdf
expect "each signature appends to the file before it" bash -c "cmp -s -n $(stat -c %s final.pdf) final.pdf s1.pdf && cmp -s -n $(stat -c %s s1.pdf) s1.pdf s2.pdf && cmp -s -n $(stat -c %s s2.pdf) s2.pdf s3.pdf"

# poppler's pdfsig, through NSS: three valid, trusted signatures by the right people, the last
# covering the whole document.
pdfsig -nssdir sql:nss s3.pdf > pdfsig.txt 2>&1
expect "pdfsig: three valid signatures" test "$(grep -c 'Signature Validation: Signature is Valid.' pdfsig.txt)" -eq 3
expect "pdfsig: three trusted certificates" test "$(grep -c 'Certificate Validation: Certificate is Trusted.' pdfsig.txt)" -eq 3
expect "pdfsig: ETSI.CAdES.detached, SHA-256" test "$(grep -c -e 'Signature Type: ETSI.CAdES.detached' -e 'Hash Algorithm: SHA-256' pdfsig.txt)" -eq 6
expect "pdfsig: the signers in order" diff <(sed -n 's/.*Signer Certificate Common Name: //p' pdfsig.txt) - <<'TXT'
酒巻 義一
山田 花子
井上 健一郎
TXT
expect "pdfsig: only the last covers the whole document" \
    diff <(grep -o -e 'Total document signed' -e 'Not total document signed' pdfsig.txt) - <<'TXT'
Not total document signed
Not total document signed
Total document signed
TXT

# yoshiki verify agrees, with the chain, and says more.
"$YOSHIKI" verify s3.pdf --trust ca.pem > verify.txt 2> verify.err
expect "yoshiki verify exits 0" test $? -eq 0
expect "yoshiki verify: three intact signatures" test "$(grep -c '^  intact: yes$' verify.txt)" -eq 3
expect "yoshiki verify: three trusted certificates" test "$(grep -c '^  certificate: trusted$' verify.txt)" -eq 3
expect "yoshiki verify: boxes and signers in order" diff <(grep -E '^[0-9] ' verify.txt) - <<'TXT'
1 課長: 酒巻 義一
2 副町長: 山田 花子
3 町長: 井上 健一郎
TXT
expect "yoshiki verify: subject and issuer in UTF-8" grep -q '^  subject: CN=酒巻 義一, title=総務課長, O=毛呂山町, C=JP$' verify.txt
expect "yoshiki verify: the issuer" test "$(grep -c '^  issuer: CN=毛呂山町 試験認証局, O=毛呂山町, C=JP$' verify.txt)" -eq 3
expect "yoshiki verify: the first certifies, allowing signatures" grep -q 'certifies the document (DocMDP 2' verify.txt
expect "yoshiki verify: the signatures after the first, by box" grep -q '^  covers: its revision ([0-9]* of [0-9]* bytes); after it, only further signatures (副町長, 町長)$' verify.txt
expect "yoshiki verify: the last covers the whole document, the others their revision" \
    diff <(sed -n 's/^  covers: //p' verify.txt | sed 's/([^)]*)/(…)/g') - <<'TXT'
its revision (…); after it, only further signatures (…)
its revision (…); after it, only further signatures (…)
the whole document
TXT
expect "yoshiki verify: the timestamp of 町長, valid" grep -q '^  timestamp: .* UTC by CN=毛呂山町 試験時刻認証局, O=毛呂山町, C=JP, valid$' verify.txt
expect "yoshiki verify: no timestamp on the others" test "$(grep -c '^  timestamp: none$' verify.txt)" -eq 2
"$YOSHIKI" verify s3.pdf > verify-untrusted.txt
expect "without --trust the chain is not checked, and all is still well" grep -q 'chain not checked' verify-untrusted.txt

# Signing keeps the document accessible: the fields stay tagged Form elements, the stamps' text
# has its ToUnicode map (the Matterhorn conditions of tests/tools/matterhorn.py).
expect "the signed PDF still passes the PDF/UA checks" python3 "$SRC/tests/tools/matterhorn.py" s3.pdf > s3.matterhorn
# And it is still PDF/A-3a with its two sources: the stamps' fonts embedded with their widths,
# every annotation printed with an appearance, a document ID in each trailer, the sources intact.
expect "the signed PDF is still PDF/A-3a" python3 "$SRC/tests/tools/pdfa.py" --level a --sources 2 s3.pdf > s3.pdfa
expect "the sources still come back byte for byte" bash -c "pdfdetach -save 2 -o src.xml s3.pdf && cmp -s src.xml '$SRC/inputs/r8/soumu.xml'"

# The stamps: vector text in the boxes, extractable, on page 1.
pdftotext -f 1 -l 1 s3.pdf page1.txt
for word in 総務課長 酒巻 義一 副町長 山田 花子 町長 井上 健一郎; do
    expect "the stamp's text extracts: $word" grep -q "$word" page1.txt
done
expect "the date of the stamps, in 和暦" test "$(grep -c '^令和[0-9元]*\.[0-9]*\.[0-9]*$' page1.txt)" -eq 3
pdffonts s3.pdf > fonts.txt
expect "the stamps' font is embedded as a subset" test "$(grep -c 'IPAexGothic.*CID TrueType.*yes yes yes' fonts.txt)" -ge 2
pdftoppm -r 80 -png -f 1 -l 1 s3.pdf signed-page

# One byte changed inside the first revision: both find every signature broken.
python3 - s3.pdf changed.pdf <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
at = data.index(b"stream\n", 20000) + 200   # inside a stream's data, away from any structure
data[at] ^= 0x01
open(sys.argv[2], "wb").write(data)
PY
pdfsig -nssdir sql:nss changed.pdf > changed-pdfsig.txt 2>&1
expect "pdfsig: no valid signature after one byte changed" bash -c "! grep -q 'Signature is Valid' changed-pdfsig.txt && test \$(grep -c -e 'Signature is Invalid' -e 'Digest Mismatch' changed-pdfsig.txt) -eq 3"
"$YOSHIKI" verify changed.pdf --trust ca.pem > changed-verify.txt 2>&1
expect "yoshiki verify exits 1 after one byte changed" test $? -eq 1
expect "yoshiki verify: every signature not intact" test "$(grep -c '^  intact: NO$' changed-verify.txt)" -eq 3
expect "yoshiki verify: it says the signed bytes changed" grep -q 'problem: not intact: the signed bytes were changed' changed-verify.txt

# A timestamp authority whose tokens carry many certificates: a token larger than the room kept
# for it is fitted by signing once more.
pki_stop_tsa
cat tsa.pem ca.pem kachou.pem fukuchou.pem chou.pem > many-certs.pem
TSA_CONFIG=big-tsa.cnf pki_tsa many-certs.pem
TSA_CONFIG=big-tsa.cnf pki_start_tsa
"$YOSHIKI" sign s2.pdf -o big.pdf --as 町長 --key chou.p12 --password-file pw.txt --tsa "$TSA_URL" "${LAYOUT[@]}" 2> big.err
expect "a large timestamp token is fitted" test $? -eq 0 -a ! -s big.err
"$YOSHIKI" verify big.pdf --trust ca.pem > big-verify.txt
expect "... and verifies, with its timestamp" bash -c "grep -q '^ok: every signature is intact and trusted$' big-verify.txt && grep -q 'C=JP, valid$' big-verify.txt"
big_token=$(python3 -c 'import re,sys; c=re.findall(rb"/Contents <([0-9A-F]*)>", open("big.pdf","rb").read())[-1]; print(len(c.rstrip(b"0"))//2)')
expect "... a signature larger than the first room ($big_token bytes)" test "$big_token" -gt 5800
expect "pdfsig finds it valid too" bash -c "pdfsig -nssdir sql:nss big.pdf 2>&1 | grep -c 'Signature is Valid' | grep -qx 3"
finish
