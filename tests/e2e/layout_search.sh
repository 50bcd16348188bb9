# Layouts by name (docs/input-format.md): layout="goal-sheet" is looked for as goal-sheet.xml in
# the input's folder, then in each folder of YOSHIKI_LAYOUT_PATH, then in the layouts installed
# beside the program, then, for a program run from its build folder as here, in the source
# tree's layouts/; the first found is used. A goal-sheet.xml found that cannot be read is
# reported, never passed over; a name found nowhere lists every folder looked in; a path
# (a slash, or .xml at the end) works as before. install.sh and package.sh check the installed
# layouts of a prefix and of the .deb.
source "$(dirname "$0")/lib.bash"
export LC_ALL=C.UTF-8
unset YOSHIKI_LAYOUT_PATH
LAYOUT=$SRC/layouts/goal-sheet.xml

title_of() { pdfinfo "$1" | sed -n 's/^Title: *//p'; }
# marked MARK: the goal-sheet layout, its PDF's title saying MARK, to tell which copy was used.
marked() { sed "s|<metadata title=\"{fiscal-year} 目標設定書|<metadata title=\"{fiscal-year} 目標設定書$1|" "$LAYOUT"; }
# used WHAT MARK yoshiki-arguments…: renders to used.pdf and the title says which layout it was.
used() {
    local what=$1 mark=$2
    shift 2
    rm -f used.pdf
    "$YOSHIKI" render "$@" -o used.pdf 2> used.err
    expect "$what: renders ($(head -c 300 used.err))" test $? -eq 0 -a -s used.pdf
    expect "$what: with the layout $mark" test "$(title_of used.pdf)" = "令和8年度 目標設定書$mark（総務課）"
}
with_layout() { sed "s|layout=\"[^\"]*\"|layout=\"$2\"|" "$1"; }

# An input moved anywhere renders with no path to its layout.
mkdir -p far/away
cp "$SRC/inputs/r8/soumu.xml" far/away/
expect "the seed names its layout by name" grep -qE '<goal-sheets layout="goal-sheet"[ >]' far/away/soumu.xml
used "a moved input, the source tree's layout" "" far/away/soumu.xml
"$YOSHIKI" render "$SRC/inputs/r8/soumu.xml" -o in-place.pdf
expect "... the same bytes as the input where it was" cmp used.pdf in-place.pdf

# YOSHIKI_LAYOUT_PATH comes before the source tree, its folders in order; an empty entry and a
# folder that does not exist are passed over.
mkdir -p first second
marked SECOND > second/goal-sheet.xml
YOSHIKI_LAYOUT_PATH="first::$PWD/no-such-folder:$PWD/second:" used "YOSHIKI_LAYOUT_PATH" SECOND far/away/soumu.xml
marked FIRST > first/goal-sheet.xml
YOSHIKI_LAYOUT_PATH="first:$PWD/second" used "YOSHIKI_LAYOUT_PATH, the first folder that has it" FIRST far/away/soumu.xml
# The input's folder comes first of all.
marked LOCAL > far/away/goal-sheet.xml
YOSHIKI_LAYOUT_PATH=first used "the input's folder" LOCAL far/away/soumu.xml
rm far/away/goal-sheet.xml

# --layout takes a name too, looked up the same way.
marked OTHER > second/other-form.xml
YOSHIKI_LAYOUT_PATH=second used "--layout NAME" OTHER far/away/soumu.xml --layout other-form
used "--layout FILE" OTHER far/away/soumu.xml --layout second/other-form.xml

# A path still works: relative to the input, absolute; a name ending in .xml is a path.
with_layout far/away/soumu.xml ../../first/goal-sheet.xml > far/away/relative.xml
used "a relative path" FIRST far/away/relative.xml
with_layout far/away/soumu.xml "$PWD/second/goal-sheet.xml" > far/away/absolute.xml
used "an absolute path" SECOND far/away/absolute.xml
with_layout far/away/soumu.xml goal-sheet.xml > far/away/dot-xml.xml
"$YOSHIKI" check far/away/dot-xml.xml 2> dot-xml.err
expect "goal-sheet.xml is a path, relative to the input: not found beside it" \
    test "$(head -1 dot-xml.err)" = "far/away/dot-xml.xml:3:22: error: cannot read the layout file 'far/away/goal-sheet.xml': No such file or directory"

# A name found nowhere: every folder looked in, in order, each with why; --diagnostics=json says
# the same, with the code layout-not-found.
with_layout far/away/soumu.xml goal-sheat > far/away/typo.xml
YOSHIKI_LAYOUT_PATH="first:/nonexistent" "$YOSHIKI" check far/away/typo.xml 2> typo.err
expect "a name not found exits 1" test $? -eq 1
expect "... at the layout attribute, listing every folder looked in" test "$(head -1 typo.err)" = \
    "far/away/typo.xml:3:22: error: cannot find the layout 'goal-sheat': looked for goal-sheat.xml in far/away (the input's folder), first (YOSHIKI_LAYOUT_PATH), /nonexistent (YOSHIKI_LAYOUT_PATH), $SRC/layouts (the source tree of this build)"
expect "... and what to do" test "$(sed -n 2p typo.err)" = \
    "  hint: put goal-sheat.xml in one of these folders, add its folder to YOSHIKI_LAYOUT_PATH, or give the layout's path"
YOSHIKI_LAYOUT_PATH="first:/nonexistent" "$YOSHIKI" check far/away/typo.xml --diagnostics=json 2> typo.json
expect "... the same as JSON" same_findings typo.err typo.json
expect "... whose code is layout-not-found" grep -q '"code":"layout-not-found"' typo.json
"$YOSHIKI" check far/away/soumu.xml --layout goal-sheat 2> option.err
expect "--layout NAME found nowhere names it" test "$(head -1 option.err)" = \
    "goal-sheat: error: cannot find the layout 'goal-sheat': looked for goal-sheat.xml in far/away (the input's folder), $SRC/layouts (the source tree of this build)"
# A folder the input's folder is, or one on the path twice, is looked in once.
(cd far/away && YOSHIKI_LAYOUT_PATH=".:$PWD:." "$YOSHIKI" check typo.xml 2> ../../once.err)
expect "each folder once" test "$(head -1 once.err)" = \
    "typo.xml:3:22: error: cannot find the layout 'goal-sheat': looked for goal-sheat.xml in . (the input's folder), $SRC/layouts (the source tree of this build)"

# A goal-sheet.xml found that cannot be read ends the search with its reason: a FIFO, a folder,
# a file over the size limit would otherwise be passed over for another folder's layout.
for broken in fifo folder large; do
    mkdir -p "$broken"
    cp far/away/soumu.xml "$broken/"
    case $broken in
        fifo) mkfifo fifo/goal-sheet.xml; why="it is a FIFO (named pipe), not a regular file" ;;
        folder) mkdir folder/goal-sheet.xml; why="it is a folder, not a file" ;;
        large) truncate -s 20000000 large/goal-sheet.xml ;;
    esac
    timeout 20 "$YOSHIKI" check "$broken/soumu.xml" 2> "$broken.err"
    expect "a $broken named goal-sheet.xml exits 1 (124: it blocked)" test $? -eq 1
    if [ "$broken" = large ]; then
        want="large/goal-sheet.xml:1:1: error: the layout file is larger than 16 MiB (20000000 bytes)"
    else
        want="$broken/soumu.xml:3:22: error: cannot read the layout file '$broken/goal-sheet.xml': $why"
    fi
    expect "... and is named" test "$(head -1 "$broken.err")" = "$want"
done

# A batch of inputs in two folders, each naming goal-sheet: one folder's own goal-sheet.xml
# serves the input beside it only, and is passed over as a layout, not reported as an input.
mkdir -p batch/a batch/b
cp "$SRC/inputs/r8/soumu.xml" batch/a/
cp "$SRC/inputs/r8/soumu.xml" batch/b/
marked B > batch/b/goal-sheet.xml
"$YOSHIKI" batch batch -o batch-out 2> batch.err
expect "a batch with a layout beside its inputs exits 0 ($(tail -3 batch.err | tr '\n' ' '))" test $? -eq 0
expect "... renders a with the source tree's layout" test "$(title_of batch-out/a/soumu.pdf)" = "令和8年度 目標設定書（総務課）"
expect "... and b with its own" test "$(title_of batch-out/b/soumu.pdf)" = "令和8年度 目標設定書B（総務課）"
expect "... writes no PDF of the layout" test ! -e batch-out/b/goal-sheet.pdf
expect "... says it passed over the layout" grep -qx 'layout  b/goal-sheet.xml' batch.err
expect "... counts departments only" grep -q '^batch: 2 of 2 departments rendered, 6 sheets, 6 pages, 0 failed, ' batch.err
expect "... and names the layout" grep -qx '1 layout beside the inputs, not rendered: b/goal-sheet.xml' batch.err
# A file of another kind that fails is still a failed input.
printf '<?xml version="1.0"?>\n<!-- <layout> -->\n<layouts/>\n' > batch/b/not-a-layout.xml
"$YOSHIKI" batch batch -o batch-out 2> batch2.err
expect "a broken input beside them fails the batch" test $? -eq 1
expect "... and is listed" grep -qx 'batch/b/not-a-layout.xml:1:1: error: the input names no layout' batch2.err
finish
