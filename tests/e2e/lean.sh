# Each command loads only what it uses: render, check and batch load none of the libraries of
# signing (QPDF, OpenSSL, cpp-httplib) or of the editor's previews (poppler and what it brings:
# NSS, GnuTLS, libtiff, OpenJPEG, lcms2), as the dynamic linker itself reports (LD_DEBUG=libs,
# every process of the command). The same report for verify and serve --help shows those
# libraries loaded by the programs yoshiki runs for them: the check sees through the exec.
source "$(dirname "$0")/lib.bash"

forbidden='/lib(poppler|poppler-cpp|qpdf|crypto|ssl|nss3|smime3|nspr4|gnutls|cpp-httplib|tiff|openjp2|lcms2)\.so'

# loaded NAME yoshiki-arguments…: the libraries every process of the command initialised, one per
# line, in NAME.libs.
loaded() {
    local name=$1
    shift
    rm -f "$name".ld.*
    LD_DEBUG=libs LD_DEBUG_OUTPUT="$PWD/$name.ld" "$YOSHIKI" "$@" > "$name.out" 2> "$name.err"
    cat "$name".ld.* | grep -o 'calling init: .*' | sed 's/calling init: //' | sort -u > "$name.libs"
}

mkdir -p in/r8 && cp "$SRC/inputs/r8/soumu.xml" in/r8/ && cp "$SRC/inputs/samples/r8/"*.xml in/r8/
loaded render render "$SRC/inputs/r8/soumu.xml" -o soumu.pdf
expect "render: it rendered" test -s soumu.pdf
expect "render: it loaded libharu, HarfBuzz and ICU (the report is read)" \
    bash -c "grep -q libhpdf render.libs && grep -q libharfbuzz render.libs && grep -q libicuuc render.libs"
expect "render: none of signing's or the editor's libraries ($(grep -E "$forbidden" render.libs | tr '\n' ' '))" \
    bash -c "! grep -Eq '$forbidden' render.libs"
loaded check check "$SRC/inputs/r8/soumu.xml"
expect "check: none of them either ($(grep -E "$forbidden" check.libs | tr '\n' ' '))" bash -c "! grep -Eq '$forbidden' check.libs"
loaded batch batch in -o out --jobs 2
expect "batch: it rendered the folder" test -s out/all.pdf
expect "batch: none of them either ($(grep -E "$forbidden" batch.libs | tr '\n' ' '))" bash -c "! grep -Eq '$forbidden' batch.libs"

# The controls: what loads them, found by the same report.
loaded verify verify soumu.pdf
expect "verify: reports the PDF unsigned (it ran)" grep -q 'the document has no signature' verify.out
expect "verify: yoshiki-sign loads QPDF and OpenSSL" bash -c "grep -q '/libqpdf\.so' verify.libs && grep -q '/libcrypto\.so' verify.libs"
loaded serve serve --help
expect "serve --help: yoshiki-serve loads poppler" grep -q '/libpoppler' serve.libs
finish
