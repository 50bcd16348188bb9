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
