# Files that are not what they claim, and outputs that must not be replaced. A FIFO or /dev/zero
# named as an input, with --layout, as a layout= or as a font is refused at once (a FIFO would
# block for ever, /dev/zero never ends); a batch holding one renders the others and writes
# all.pdf; -o onto the input (by any name), a folder, a FIFO or a device is refused and leaves it
# as it was; -o onto a symbolic link writes through it; -o - writes to standard output; and a
# damaged font fails check exactly as it fails render.
source "$(dirname "$0")/lib.bash"
export LC_ALL=C.UTF-8
LAYOUT="$SRC/layouts/goal-sheet.xml"
GOTHIC=/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf

sed "s|layout=\"[^\"]*\"|layout=\"$LAYOUT\"|" "$SRC/inputs/r8/soumu.xml" > good.xml
expect "the input is valid" "$YOSHIKI" check good.xml
mkfifo fifo.xml
with_layout() { sed "s|layout=\"[^\"]*\"|layout=\"$2\"|" "$1"; }
with_font() { sed "s|$GOTHIC|$1|" "$LAYOUT"; }

# refused WHAT 'FIRST LINE' yoshiki-arguments…: exit 1 within seconds (timeout: a FIFO that
# blocks is a failure, not a hang), with exactly this first line; the same with
# --diagnostics=json, whose findings are those of the human form (same_findings in lib.bash).
refused() {
    local what=$1 want=$2 rc first
    shift 2
    timeout 20 "$YOSHIKI" "$@" 2> refused.err
    rc=$?
    first=$(head -1 refused.err)
    checks=$((checks + 1))
    [ "$rc" -eq 1 ] || fail "$what: exit $rc, wanted 1 (124: it blocked)"
    [ "$first" = "$want" ] || fail "$what: the first line is
    '$first', wanted
    '$want'"
    timeout 20 "$YOSHIKI" "$@" --diagnostics=json 2> refused.json
    rc=$?
    [ "$rc" -eq 1 ] || fail "$what, --diagnostics=json: exit $rc, wanted 1"
    same_findings refused.err refused.json || fail "$what: the JSON findings are not those of the human form"
}

for special in "$PWD/fifo.xml" /dev/zero /dev/urandom; do
    case $special in
        */fifo.xml) kind="a FIFO (named pipe)" ;;
        *) kind="a character device" ;;
    esac
    refused "$special as the input" "$special: error: cannot read the input file: it is $kind, not a regular file" check "$special"
    refused "$special as --layout" "$special: error: cannot read the layout file: it is $kind, not a regular file" \
        render good.xml -o out.pdf --layout "$special"
    with_layout good.xml "$special" > named.xml
    refused "$special as layout=" "named.xml:$(at "$special" named.xml): error: cannot read the layout file '$special': it is $kind, not a regular file" \
        check named.xml
    with_font "$special" > font-layout.xml
    with_layout good.xml font-layout.xml > font.xml
    refused "$special as a font" "font-layout.xml:$(at "$special" font-layout.xml): error: cannot open the font file '$special': it is $kind, not a regular file" \
        render font.xml -o out.pdf
done
expect "no output was written" test ! -e out.pdf
expect "the FIFO is still a FIFO" test -p fifo.xml

# A batch with a FIFO among its inputs, and an input naming a FIFO as its layout: the others are
# rendered, all.pdf is written, the two are listed, exit 1.
mkdir -p batch/in/sub
cp good.xml batch/in/a.xml
with_layout "$SRC/inputs/samples/r8/kenkou.xml" "$LAYOUT" > batch/in/sub/b.xml
mkfifo batch/in/c.xml
with_layout good.xml "$PWD/fifo.xml" > batch/in/d.xml
timeout 60 "$YOSHIKI" batch batch/in -o batch/out --jobs 2 2> batch.err
rc=$?
expect "the batch exits 1 (after rendering the rest)" test "$rc" -eq 1
expect "a.pdf is written" test -s batch/out/a.pdf
expect "sub/b.pdf is written" test -s batch/out/sub/b.pdf
expect "all.pdf is written" test -s batch/out/all.pdf
expect "no PDF for the FIFO input" test ! -e batch/out/c.pdf
expect "no PDF for the input naming a FIFO" test ! -e batch/out/d.pdf
expect "the FIFO input is listed" grep -qF "batch/in/c.xml: error: cannot read the input file: it is a FIFO (named pipe), not a regular file" batch.err
expect "the FIFO layout is listed" grep -qF "batch/in/d.xml:3:22: error: cannot read the layout file '$PWD/fifo.xml': it is a FIFO (named pipe), not a regular file" batch.err
expect "all.pdf holds the two departments" test "$(pdfinfo batch/out/all.pdf | awk '/^Pages:/ { print $2 }')" -eq \
    "$(($(pdfinfo batch/out/a.pdf | awk '/^Pages:/ { print $2 }') + $(pdfinfo batch/out/sub/b.pdf | awk '/^Pages:/ { print $2 }')))"
expect "all.pdf passes qpdf --check" qpdf --check batch/out/all.pdf > /dev/null
# The same batch with --diagnostics=json: the findings alone, as those listed at the end of the
# human form (no warnings here, so the errors are all of them).
timeout 60 "$YOSHIKI" batch batch/in -o batch/out-json --jobs 2 --diagnostics=json 2> batch.json
expect "the JSON batch exits 1 too" test $? -eq 1
expect "the JSON batch writes all.pdf too" test -s batch/out-json/all.pdf
sed -n '/^2 inputs failed and are not in all.pdf:$/,$p' batch.err | tail -n +2 > batch-errors.err
expect "the human batch lists the two failures at its end" test "$(wc -l < batch-errors.err)" -eq 2
expect "the JSON batch names the same findings" same_findings batch-errors.err batch.json

# -o onto the input, by its name, a symbolic link to it and a hard link: refused, the input intact.
cp good.xml in.xml
ln -s in.xml in-link.pdf
ln in.xml in-hard.pdf
mkdir -p sub
before=$(sha256sum < in.xml)
for target in in.xml in-link.pdf in-hard.pdf "$PWD/sub/../in.xml"; do
    refused "-o $target" "$target: error: cannot write the PDF here: it is the input file of this document: the PDF would replace it" \
        render in.xml -o "$target"
done
expect "the input is intact" test "$(sha256sum < in.xml)" = "$before"
expect "the link is still a link" test -L in-link.pdf
# The layout and the fonts it names are no outputs either.
cp "$LAYOUT" own-layout.xml
with_layout good.xml own-layout.xml > own.xml
refused "-o onto the layout" "own-layout.xml: error: cannot write the PDF here: it is the layout file of this document: the PDF would replace it" \
    render own.xml -o own-layout.xml
expect "the layout is intact" cmp -s own-layout.xml "$LAYOUT"
refused "-o onto a font" "$GOTHIC: error: cannot write the PDF here: it is the font file $GOTHIC of this document: the PDF would replace it" \
    render own.xml -o "$GOTHIC"

# -o onto a folder, a FIFO, a device: refused, left as they were.
refused "-o a folder" "sub: error: cannot write the PDF here: it is a folder, not a file a PDF can replace" render in.xml -o sub
refused "-o a FIFO" "fifo.xml: error: cannot write the PDF here: it is a FIFO (named pipe), not a file a PDF can replace" render in.xml -o fifo.xml
refused "-o /dev/null" "/dev/null: error: cannot write the PDF here: it is a character device, not a file a PDF can replace" render in.xml -o /dev/null
expect "the FIFO is still a FIFO" test -p fifo.xml
expect "/dev/null is still a device" test -c /dev/null
expect "no temporary file was left" test -z "$(find . -maxdepth 2 -name '.*.XXXXXX' -o -maxdepth 2 -name '.*.pdf.*')"

# -o onto a symbolic link: written through, the link stays a link; a dangling one creates its target.
printf 'an earlier PDF\n' > target.pdf
ln -s target.pdf link.pdf
expect "render through a link" "$YOSHIKI" render in.xml -o link.pdf
expect "the link is still a link" test -L link.pdf
expect "its target is the new PDF" qpdf --check target.pdf > /dev/null
ln -s sub/made.pdf dangling.pdf
expect "render through a dangling link" "$YOSHIKI" render in.xml -o dangling.pdf
expect "the dangling link is still a link" test -L dangling.pdf
expect "its target was created" test -s sub/made.pdf

# -o -: the PDF on standard output, the same bytes as in a file.
"$YOSHIKI" render in.xml -o plain.pdf
"$YOSHIKI" render in.xml -o - > stdout.pdf
expect "-o - writes the PDF to standard output" cmp -s plain.pdf stdout.pdf
expect "-o - creates no file named -" test ! -e ./-

# A font whose head table HarfBuzz's subsetter refuses: check fails exactly as render does (both
# make the PDF), and render leaves nothing.
cp "$GOTHIC" damaged.ttf
u32() { od -An -tu4 --endian=big -j "$1" -N4 damaged.ttf | tr -d ' '; }
tables=$(od -An -tu2 --endian=big -j 4 -N2 damaged.ttf | tr -d ' ')
for i in $(seq 0 $((tables - 1))); do
    entry=$((12 + 16 * i))
    if [ "$(dd if=damaged.ttf bs=1 skip="$entry" count=4 status=none)" = head ]; then
        printf '\x91' | dd of=damaged.ttf bs=1 seek=$(($(u32 $((entry + 8))) + 1)) conv=notrunc status=none  # head version 0x9100
    fi
done
expect "the font was damaged" test "$(cmp damaged.ttf "$GOTHIC" | wc -l)" -eq 1
with_font "$PWD/damaged.ttf" > damaged-layout.xml
with_layout good.xml damaged-layout.xml > damaged.xml
"$YOSHIKI" check damaged.xml 2> damaged-check.err
expect "check of a damaged font exits 1" test $? -eq 1
"$YOSHIKI" render damaged.xml -o damaged.pdf 2> damaged-render.err
expect "render of a damaged font exits 1" test $? -eq 1
expect "check and render say the same" test "$(head -2 damaged-check.err)" = "$(head -2 damaged-render.err)"
expect "they name the font" grep -qF "damaged.xml: error: the PDF cannot be written: cannot subset the font $PWD/damaged.ttf" damaged-check.err
expect "render wrote nothing" test ! -e damaged.pdf
finish
