# Signing and verifying what should not be: each case gives a clear message, exit 1, no output
# file, and leaves its input as it was. A wrong or missing password, a key that does not match
# its certificate, certificates expired or not yet valid, a token that is not there, a timestamp
# authority that refuses the connection or never answers, a PDF yoshiki did not make, a draft, a
# PDF changed after it was signed, a damaged one, boxes out of order or twice, -o onto the input.
source "$(dirname "$0")/lib.bash"
source "$SRC/tests/e2e/support/pki.bash"
pki_requires softhsm2-util pkcs11-tool python3
trap pki_stop_tsa EXIT

pki_ca
pki_signer kachou "/C=JP/O=毛呂山町/title=総務課長/CN=酒巻 義一"
pki_signer fukuchou "/C=JP/O=毛呂山町/title=副町長/CN=山田 花子"
pki_signer expired "/C=JP/O=毛呂山町/title=副町長/CN=期限 切れ" 20200401000000Z 20210331000000Z
pki_signer future "/C=JP/O=毛呂山町/title=副町長/CN=未来 有効" 20990401000000Z 21000331000000Z
# A name written into the certificate as bytes (openssl req without -utf8): 副町長 becomes six
# characters of Latin-1 and C1 controls.
OPENSSL_CONF=/usr/lib/ssl/openssl.cnf openssl req -x509 -newkey rsa:2048 -nodes -keyout garbled.key -out garbled.pem -days 30 \
    -subj "/C=JP/title=副町長/CN=山田 花子" -addext "keyUsage=digitalSignature,nonRepudiation" 2> /dev/null
openssl pkcs12 -export -inkey garbled.key -in garbled.pem -out garbled.p12 -passout file:pw.txt
pki_tsa
pki_token
pki_token_put fukuchou.key fukuchou.pem fukuchou 02
# A key with another's certificate beside it, as a wrongly issued card would hold them.
pki_token_put kachou.key fukuchou.pem mismatched 03
LAYOUT=(--layout "$SRC/layouts/goal-sheet.xml")

"$YOSHIKI" render "$SRC/inputs/r8/soumu.xml" -o final.pdf
"$YOSHIKI" sign final.pdf -o s1.pdf --as 課長 --key kachou.p12 --password-file pw.txt "${LAYOUT[@]}"
expect "the first signature, to sign after" test -s s1.pdf
sed 's|status="final"|status="draft"|; s|layout="../../layouts/|layout="'"$SRC"'/layouts/|' "$SRC/inputs/r8/soumu.xml" > draft.xml
"$YOSHIKI" render draft.xml -o draft.pdf
qpdf --empty --pages final.pdf -- foreign.pdf   # the same pages, written by another program
printf 'not a PDF at all\n' > text.pdf
{ printf 'e'; cat final.pdf; } > before-header.pdf   # offsets no longer count from the header
head -c 60000 s1.pdf > truncated.pdf
echo 0000 > wrong-pin.txt
echo wrong > wrong-pw.txt
# The signed PDF with an update appended that changes its title: changed after it was signed.
python3 - s1.pdf changed-after.pdf <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
info = int(re.findall(rb"/Info (\d+) 0 R", data)[-1])
size = int(re.findall(rb"/Size (\d+)", data)[-1])
root = re.findall(rb"/Root (\d+ \d+ R)", data)[-1]
prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
body = b"%d 0 obj\n<< /Title (A changed title) /Creator (yoshiki) >>\nendobj\n" % info
at = len(data)
xref = at + len(body)
tail = b"xref\n%d 1\n%010d 00000 n\r\ntrailer\n<< /Size %d /Root %s /Info %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
    info, at, size, root, info, prev, xref)
open(sys.argv[2], "wb").write(data + body + tail)
PY
# The signed box given another appearance by an update after it (a "shadow" change: the stamp one
# sees is not the one that was signed), as a PDF editor could write it.
python3 - s1.pdf shadow.pdf "$SRC/tests/tools" <<'PY'
import sys
sys.path.insert(0, sys.argv[3])
from pdf_forge import Name, Pdf, Stream, Update
pdf = Pdf(open(sys.argv[1], "rb").read())
update = Update(pdf)
field = pdf.field("課長")
blank = update.add(Stream({"/Type": Name("/XObject"), "/Subtype": Name("/Form"), "/BBox": [0, 0, 40, 40]}, b""))
changed = dict(pdf.get(field))
changed["/AP"] = {"/N": blank}
update.put(field, changed)
open(sys.argv[2], "wb").write(update.write())
PY

# refused MESSAGE-PATTERN yoshiki-arguments…: exit 1, the message on stderr, no OUT.pdf, the
# input (the first argument after sign/verify) unchanged.
refused() {
    local what=$1 pattern=$2
    shift 2
    local input=$2 before after
    rm -f out.pdf
    before=$(sha256sum < "$input")
    "$YOSHIKI" "$@" > refused.out 2> refused.err
    local status=$?
    after=$(sha256sum < "$input")
    expect "$what: exit 1" test "$status" -eq 1
    expect "$what: says so" grep -q -- "$pattern" refused.err refused.out
    expect "$what: no file left" test ! -e out.pdf
    expect "$what: input untouched" test "$before" = "$after"
    if ! grep -q -- "$pattern" refused.err refused.out; then cat refused.err refused.out >&2; fi
    if [ -n "$(ls -A | grep '^\.out\.pdf\.')" ]; then fail "$what: a temporary file is left"; fi
}

refused "wrong password" "kachou.p12: error: wrong password for the key file" \
    sign s1.pdf -o out.pdf --as 副町長 --key kachou.p12 --password-file wrong-pw.txt "${LAYOUT[@]}"
refused "no password for a protected key" "the key file is protected by a password" \
    sign s1.pdf -o out.pdf --as 副町長 --key fukuchou.p12 "${LAYOUT[@]}"
refused "a file that is not a key" "not a PKCS#12 key file" \
    sign s1.pdf -o out.pdf --as 副町長 --key ca.pem "${LAYOUT[@]}"
refused "a key that does not match its certificate" "the private key does not match its certificate" \
    sign s1.pdf -o out.pdf --as 副町長 --key 'pkcs11:token=yoshiki-test;object=mismatched' --password-file pin.txt "${LAYOUT[@]}"
refused "an expired certificate" "expired.p12: error: the certificate expired on 2021-03-31" \
    sign s1.pdf -o out.pdf --as 副町長 --key expired.p12 --password-file pw.txt "${LAYOUT[@]}"
refused "a certificate not yet valid" "future.p12: error: the certificate is not valid before 2099-04-01" \
    sign s1.pdf -o out.pdf --as 副町長 --key future.p12 --password-file pw.txt "${LAYOUT[@]}"
refused "a certificate whose names are bytes of another encoding" "garbled.p12: error: the certificate's title is not text" \
    sign s1.pdf -o out.pdf --as 副町長 --key garbled.p12 --password-file pw.txt "${LAYOUT[@]}"
expect "... with its code and no glyph the fonts lack" bash -c "grep -q 'certificate-name-unreadable\|UTF8String' refused.err && ! grep -q 'none of the fonts' refused.err"
refused "a token that is not there" "no private key 'fukuchou' on a token 'no-such-card' (is the card in its reader?)" \
    sign s1.pdf -o out.pdf --as 副町長 --key 'pkcs11:token=no-such-card;object=fukuchou' --password-file pin.txt "${LAYOUT[@]}"
refused "a wrong PIN" "the token 'yoshiki-test' refused the PIN: PIN incorrect" \
    sign s1.pdf -o out.pdf --as 副町長 --key 'pkcs11:token=yoshiki-test;object=fukuchou' --password-file wrong-pin.txt "${LAYOUT[@]}"
refused "a wrong PIN, the module named in the URI" "the token 'yoshiki-test' refused the PIN" \
    sign s1.pdf -o out.pdf --as 副町長 --key "pkcs11:token=yoshiki-test;object=fukuchou?module-path=$SOFTHSM_MODULE" \
    --password-file wrong-pin.txt "${LAYOUT[@]}"
refused "a PKCS#11 module that is not there" "cannot load the PKCS#11 module /nonexistent/module.so" \
    sign s1.pdf -o out.pdf --as 副町長 --key 'pkcs11:token=yoshiki-test;object=fukuchou?module-path=/nonexistent/module.so' \
    --password-file pin.txt "${LAYOUT[@]}"

# A timestamp authority that refuses the connection, then one that accepts it and never answers:
# the wait is bounded by --tsa-timeout.
closed_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
refused "a timestamp authority that is not there" "http://127.0.0.1:$closed_port/tsa: error: the timestamp authority http://127.0.0.1:$closed_port/tsa does not answer" \
    sign s1.pdf -o out.pdf --as 副町長 --key fukuchou.p12 --password-file pw.txt --tsa "http://127.0.0.1:$closed_port/tsa" "${LAYOUT[@]}"
pki_start_tsa --silent
started=$(date +%s)
refused "a timestamp authority that never answers" "does not answer (.*waited up to 2 s)" \
    sign s1.pdf -o out.pdf --as 副町長 --key fukuchou.p12 --password-file pw.txt --tsa "$TSA_URL" --tsa-timeout 2 "${LAYOUT[@]}"
expect "the wait for a silent authority is bounded" test $(($(date +%s) - started)) -le 10
pki_stop_tsa
refused "a TSA URL that is not one" "'ftp://example/tsa' is not an http:// or https:// URL" \
    sign s1.pdf -o out.pdf --as 副町長 --key fukuchou.p12 --password-file pw.txt --tsa ftp://example/tsa "${LAYOUT[@]}"

refused "a PDF yoshiki did not make" "foreign.pdf: error: this PDF was not made by yoshiki" \
    sign foreign.pdf -o out.pdf --as 課長 --key kachou.p12 --password-file pw.txt "${LAYOUT[@]}"
refused "a file that is not a PDF" "text.pdf: error: not a readable PDF" \
    sign text.pdf -o out.pdf --as 課長 --key kachou.p12 --password-file pw.txt "${LAYOUT[@]}"
refused "bytes before the header" "before-header.pdf: error: not a PDF yoshiki reads: 1 bytes come before the PDF header" \
    sign before-header.pdf -o out.pdf --as 課長 --key kachou.p12 --password-file pw.txt "${LAYOUT[@]}"
refused "verify: bytes before the header" "before-header.pdf: error: not a PDF yoshiki reads: 1 bytes come before the PDF header" \
    verify before-header.pdf
refused "a truncated PDF" "truncated.pdf: error: not a readable PDF" \
    sign truncated.pdf -o out.pdf --as 副町長 --key fukuchou.p12 --password-file pw.txt "${LAYOUT[@]}"
refused "a draft" "draft.pdf: error: this PDF is a draft (案): only a final document is signed" \
    sign draft.pdf -o out.pdf --as 課長 --key kachou.p12 --password-file pw.txt "${LAYOUT[@]}"
refused "a PDF changed after it was signed" "changed-after.pdf: error: this PDF was changed after it was signed" \
    sign changed-after.pdf -o out.pdf --as 副町長 --key fukuchou.p12 --password-file pw.txt "${LAYOUT[@]}"
refused "a box out of order" "s1.pdf: error: 副町長 signs before 町長" \
    sign s1.pdf -o out.pdf --as 町長 --key fukuchou.p12 --password-file pw.txt "${LAYOUT[@]}"
refused "a box signed twice" "s1.pdf: error: the box 課長 is signed already" \
    sign s1.pdf -o out.pdf --as 課長 --key kachou.p12 --password-file pw.txt "${LAYOUT[@]}"
refused "a box the form does not have" "no approval box '係長'" \
    sign s1.pdf -o out.pdf --as 係長 --key kachou.p12 --password-file pw.txt "${LAYOUT[@]}"
# The final PDF without the layout it carries (written again by qpdf, which keeps its creator).
qpdf final.pdf --remove-attachment=goal-sheet.xml -- no-layout.pdf
refused "a PDF that carries no layout" "no-layout.pdf: error: this PDF carries no layout to draw the stamp with" \
    sign no-layout.pdf -o out.pdf --as 課長 --key kachou.p12 --password-file pw.txt
sed 's|<approver title="町長"/>|<approver title="教育長"/>|' "$SRC/layouts/goal-sheet.xml" > other-layout.xml
refused "a layout whose boxes are not the PDF's" "other-layout.xml: error: the layout's approval boxes (課長, 副町長, 教育長) are not the PDF's (課長, 副町長, 町長)" \
    sign s1.pdf -o out.pdf --as 副町長 --key fukuchou.p12 --password-file pw.txt --layout other-layout.xml
# The stamp's font missing: said at the layout's font, with the code of a file not found.
sed 's|/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf|/nonexistent/ipaexg.ttf|' "$SRC/layouts/goal-sheet.xml" > no-font-layout.xml
refused "a layout whose stamp font is missing" "no-font-layout.xml:12:[0-9]*: error: cannot open the font file '/nonexistent/ipaexg.ttf'" \
    sign s1.pdf -o out.pdf --as 副町長 --key fukuchou.p12 --password-file pw.txt --layout no-font-layout.xml
refused "the missing stamp font's code" '"code":"file-not-found"' \
    sign s1.pdf -o out.pdf --as 副町長 --key fukuchou.p12 --password-file pw.txt --layout no-font-layout.xml --diagnostics json
mkdir -p sub
refused "-o onto the input" "s1.pdf: error: the output is the PDF being signed" \
    sign s1.pdf -o ./sub/../s1.pdf --as 副町長 --key fukuchou.p12 --password-file pw.txt "${LAYOUT[@]}"
refused "-o onto the key" "fukuchou.p12: error: the output is the key file" \
    sign s1.pdf -o fukuchou.p12 --as 副町長 --key fukuchou.p12 --password-file pw.txt "${LAYOUT[@]}"
refused "-o onto a folder" "sub: error: cannot write the signed PDF here: it is a folder" \
    sign s1.pdf -o sub --as 副町長 --key fukuchou.p12 --password-file pw.txt "${LAYOUT[@]}"

refused "verify: a PDF changed after it was signed" "problem: after it, the document information (object [0-9]*), reached from /Info, was changed (/Author, /CreationDate, /Creator, /Keywords, …), in bytes no signature covers" verify changed-after.pdf
{ cat s1.pdf; printf '%% a line added after the signature\n'; } > appended.pdf
refused "verify: bytes after the last signature" "problem: 35 bytes follow the last signature, signed by no one \[pdf-changed\]" verify appended.pdf
refused "sign: bytes after the last signature" "appended.pdf: error: this PDF was changed after it was signed: 35 bytes follow" \
    sign appended.pdf -o out.pdf --as 副町長 --key fukuchou.p12 --password-file pw.txt "${LAYOUT[@]}"
refused "verify: a signed box's stamp replaced after signing" "after it, the appearance of the signature field 課長 (object [0-9]*), reached from /Root/AcroForm/Fields\[0\]/AP/N, was changed (/BBox\[2\], /BBox\[3\], /Filter, /Resources, …), in bytes no signature covers" verify shadow.pdf
refused "verify: a PDF with no signature" "problem: the document has no signature \[pdf-not-signed\]" verify final.pdf
refused "verify: a truncated PDF" "truncated.pdf: error: not a readable PDF" verify truncated.pdf
refused "verify: not a PDF" "text.pdf: error: not a readable PDF" verify text.pdf

"$YOSHIKI" sign s1.pdf -o out.pdf --as 副町長 --key fukuchou.p12 --password secret > usage.out 2>&1
expect "a password on the command line is a usage error" test $? -eq 2
expect "it says where a password goes" grep -q 'a password is never given on the command line' usage.out
finish
