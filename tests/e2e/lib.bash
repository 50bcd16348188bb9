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
