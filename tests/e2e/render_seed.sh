# Renders the published sheets (inputs/r8/soumu.xml) and reads the PDF back from the outside:
# pages, fonts, text in reading order against the seed, metadata, qpdf, reproducibility.
source "$(dirname "$0")/lib.bash"
SEED="$SRC/../shared/seed/r8-soumu-goal-sheets.txt"
[ -f "$SEED" ] || SEED="$SRC/tests/data/r8-soumu-goal-sheets.txt"

"$YOSHIKI" render "$SRC/inputs/r8/soumu.xml" -o soumu.pdf 2> render.err
expect "render exits 0" test $? -eq 0
expect "render prints nothing" test ! -s render.err

pdfinfo soumu.pdf > info.txt 2> info.err
expect "3 pages" grep -q '^Pages: *3$' info.txt
expect "A4 pages" grep -q '^Page size: *595.276 x 841.89 pts (A4)' info.txt
expect "Title" grep -q '^Title: *令和8年度 目標設定書（総務課）$' info.txt
expect "Author is the signer" grep -q '^Author: *酒巻 義一$' info.txt
expect "Subject filled" grep -q '^Subject: *令和8年度 総務課 目標設定書$' info.txt
expect "Creator names yoshiki" grep -q '^Creator: *yoshiki ' info.txt
expect "XMP metadata stream" grep -q '^Metadata Stream: *yes' info.txt

pdffonts soumu.pdf > fonts.txt 2> fonts.err
expect "two fonts" test "$(tail -n +3 fonts.txt | wc -l)" -eq 2
expect "IPAex明朝 subset" grep -Eq '^[A-Z]{6}\+IPAexMincho +CID TrueType +Identity-H +yes +yes +yes' fonts.txt
expect "IPAexゴシック subset" grep -Eq '^[A-Z]{6}\+IPAexGothic +CID TrueType +Identity-H +yes +yes +yes' fonts.txt

pdftotext soumu.pdf text.txt 2> text.err
expect "no poppler warnings" test ! -s info.err -a ! -s fonts.err -a ! -s text.err
expect "qpdf --check clean" bash -c "qpdf --check soumu.pdf > qpdf.txt 2>&1 && grep -q 'No syntax or stream encoding errors' qpdf.txt && ! grep -qi warning qpdf.txt"

# Every datum of the seed, in order: list items, paragraphs, table values. Line breaks and the
# spaces of distributed labels are layout, so white space is ignored on both sides.
in_order "$(tr -d ' \n\f' < text.txt)" < <(awk -F'\t' '
    /^<ul/ { s0 = $1; gsub(/<[^>]*>/, "", s0); n = split(s0, items, " ・"); for (i = 1; i <= n; i++) { s = items[i]; gsub(/^[ ・]+| +$/, "", s); if (s != "") print s } next }
    /^<p>/ { s = $1; gsub(/<\/?p>/, "", s); print s; next }
    /^(目 ?標 ?名|指 ?標 ?名|設定根拠|事業概要)\t/ { print $2; next }
    /^(数値目標)?\t/ { print $2; print $3; next }
' "$SEED" | tr -d ' ')
expect "seed items found (at least 40)" test "$ordered_items" -ge 40

# And no space where the seed has none: the paragraphs and list items with their own spaces, only
# the line breaks removed. A justified line's gaps, a squeezed 、 and a label spread across its
# cell (目標名) must read back as written: ActualText where the glyphs' places would mislead.
in_order "$(tr -d '\n\f' < text.txt)" < <(awk -F'\t' '
    /^<ul/ { s0 = $1; gsub(/<[^>]*>/, "", s0); n = split(s0, items, " ・"); for (i = 1; i <= n; i++) { s = items[i]; gsub(/^[ ・]+| +$/, "", s); if (s != "") print s } next }
    /^<p>/ { s = $1; gsub(/<\/?p>/, "", s); print s; next }
' "$SEED")
expect "paragraphs and items read back with their spaces (at least 20)" test "$ordered_items" -ge 20
expect "distributed labels read as words" bash -c "grep -q '^目標名' text.txt && grep -q '^指標名' text.txt && ! grep -q '目 標 名' text.txt"

# The same input twice gives the same bytes.
"$YOSHIKI" render "$SRC/inputs/r8/soumu.xml" -o again.pdf
expect "reproducible" test "$(sha256sum < soumu.pdf)" = "$(sha256sum < again.pdf)"
SOURCE_DATE_EPOCH=1700000000 "$YOSHIKI" render "$SRC/inputs/r8/soumu.xml" -o dated.pdf
expect "SOURCE_DATE_EPOCH dates an input that has no date of its own" test "$(sha256sum < soumu.pdf)" != "$(sha256sum < dated.pdf)"
finish
