# Shared by the end-to-end tests: where things are, and small assertions that say what failed.
# Sourced, not run (it has no test of its own; CMake registers only files with a test body).
set -u
: "${YOSHIKI:?run through ctest}"
: "${YOSHIKI_SOURCE_DIR:?run through ctest}"
: "${YOSHIKI_WORK_DIR:?run through ctest}"
rm -rf "$YOSHIKI_WORK_DIR"
mkdir -p "$YOSHIKI_WORK_DIR"
cd "$YOSHIKI_WORK_DIR"
SRC="$YOSHIKI_SOURCE_DIR"
failures=0
checks=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# expect "what" command…: runs the command, counts a failure if it fails.
expect() {
    local what=$1
    shift
    checks=$((checks + 1))
    if ! "$@"; then fail "$what"; fi
}

finish() {
    echo "$checks checks, $failures failed"
    [ "$failures" -eq 0 ]
}

# in_order TEXT < items: each item (one per line) must occur in TEXT after the one before it.
# Sets ordered_items to the number of items read; counts a failure for each one missing.
in_order() {
    local rest=$1 item
    ordered_items=0
    while IFS= read -r item; do
        [ -n "$item" ] || continue
        ordered_items=$((ordered_items + 1))
        if [[ "$rest" == *"$item"* ]]; then
            rest=${rest#*"$item"}
        else
            fail "missing or out of order: ${item:0:60}"
        fi
    done
}

# at NEEDLE FILE [SKIP]: line:column (column in characters) of the first NEEDLE in FILE, plus
# SKIP characters, worked out here independently of yoshiki.
at() {
    local line text prefix skip=${3:-0}
    line=$(LC_ALL=C grep -a -n -m1 -F -- "$1" "$2" | cut -d: -f1)
    [ -n "$line" ] || { echo "?:?"; return; }
    text=$(LC_ALL=C sed -n "${line}p" "$2")
    prefix=${text%%"$1"*}
    echo "$line:$(($(printf '%s' "$prefix" | wc -m) + 1 + skip))"
}

# same_findings HUMAN JSON [HUMAN JSON …]: each JSON file, standard error of a run with
# --diagnostics=json, parses as JSON and names the same findings (file, line, column, message,
# hint) as the human form of the same run, and each offset is where its line and column are
# (tests/tools/diagnostics_json.py). Prints what differs.
same_findings() {
    python3 "$SRC/tests/tools/diagnostics_json.py" "$@" > same-findings.out 2>&1 || { grep -v '^[0-9]* findings compared' same-findings.out | head -20 >&2; return 1; }
}

# bad NAME 'EXPECTED FIRST LINE' [SECOND LINE]: NAME.xml is checked and rendered in a folder of
# its own, once over an existing PDF and once without one; check's findings are the same in the
# human form and as JSON (same_findings).
bad() {
    local name=$1 want=$2 want2=${3-}
    local dir="case-$name"
    rm -rf "$dir"
    mkdir "$dir"
    mv "$name.xml" "$dir/"
    [ ! -e "$name-layout.xml" ] || mv "$name-layout.xml" "$dir/"
    (
        cd "$dir" || exit 1
        checks=0 failures=0
        printf 'an earlier official PDF\n' > "$name.pdf"
        local before listing rc first
        before=$(sha256sum < "$name.pdf")
        listing=$(ls -A)
        "$YOSHIKI" render "$name.xml" -o "$name.pdf" 2> render.err
        rc=$?
        checks=$((checks + 1))
        [ "$rc" -eq 1 ] || fail "$name: render exit $rc, wanted 1"
        first=$(head -1 render.err)
        [ "$first" = "$want" ] || fail "$name: the first diagnostic is
    '$first', wanted
    '$want'"
        if [ -n "$want2" ]; then
            [ "$(sed -n 2p render.err)" = "$want2" ] || fail "$name: second line '$(sed -n 2p render.err)', wanted '$want2'"
        fi
        [ "$(sha256sum < "$name.pdf")" = "$before" ] || fail "$name: the existing PDF was changed"
        rm -f render.err
        [ "$(ls -A)" = "$listing" ] || fail "$name: files left behind: $(ls -A | tr '\n' ' ')"

        rm -f "$name.pdf"
        listing=$(ls -A)
        "$YOSHIKI" render "$name.xml" -o "$name.pdf" 2> /dev/null
        rc=$?
        [ "$rc" -eq 1 ] || fail "$name: render without an existing PDF: exit $rc, wanted 1"
        [ "$(ls -A)" = "$listing" ] || fail "$name: an output file was written: $(ls -A | tr '\n' ' ')"

        "$YOSHIKI" check "$name.xml" 2> check.err
        rc=$?
        [ "$rc" -eq 1 ] || fail "$name: check exit $rc, wanted 1"
        [ "$(head -1 check.err)" = "$want" ] || fail "$name: check says '$(head -1 check.err)'"

        "$YOSHIKI" check "$name.xml" --diagnostics=json 2> check.json
        rc=$?
        [ "$rc" -eq 1 ] || fail "$name: check --diagnostics=json exit $rc, wanted 1"
        same_findings check.err check.json || fail "$name: the JSON findings are not those of the human form"
        echo "$checks $failures" > ../"$name.result"
    )
    local c f
    read -r c f < "$name.result" || { c=1 f=1; }
    checks=$((checks + c))
    failures=$((failures + f))
}

# code_is FILE CODE [NEEDLE]: the first finding about FILE has this code (from
# `check --diagnostics=json`), and, given NEEDLE, its byte offset in the file is where NEEDLE
# starts.
code_is() {
    local file=$1 code=$2 needle=${3-} first got offset n
    checks=$((checks + 1))
    first=$("$YOSHIKI" check "$file" --diagnostics=json 2>&1 > /dev/null | head -1 | python3 -c '
import json, sys
d = json.loads(sys.stdin.readline())
print(d["code"], "-" if d["offset"] is None else d["offset"])' 2> /dev/null)
    got=${first%% *}
    if [ "$got" != "$code" ]; then
        fail "$file: the first finding's code is '$got', wanted '$code'"
        return
    fi
    [ -n "$needle" ] || return 0
    offset=${first#* }
    n=$(printf '%s' "$needle" | LC_ALL=C wc -c)
    [ "$(tail -c +$((offset + 1)) "$file" | head -c "$n")" = "$needle" ] ||
        fail "$file: offset $offset is not where '$needle' stands"
}
