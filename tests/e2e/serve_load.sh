#!/usr/bin/env bash
# 20 clients editing at once against one yoshiki serve on loopback (bench/serve_load.mjs): no
# request fails, and the server's memory does not grow with the number of edits once its
# previews' memory is full. Needs only Node.js (no npm package).
source "$(dirname "$0")/lib.bash"
command -v node >/dev/null || { echo "node is not installed (tools/test-packages.txt)"; exit 77; }
assert=--assert
if grep -q '^YOSHIKI_SANITIZE:BOOL=ON$' "$(dirname "$YOSHIKI")/CMakeCache.txt" 2> /dev/null; then
    # AddressSanitizer's allocator keeps freed memory (its quarantine) and never hands large
    # buffers back as glibc does with the server's settings: memory grows under it whatever the
    # server holds. A sanitized build checks that no request fails, and prints the memory.
    echo "a sanitized build: the memory is printed, not checked"
    assert=--assert-no-errors
fi
node "$SRC/bench/serve_load.mjs" "$YOSHIKI" "$SRC" "$YOSHIKI_WORK_DIR/load" --clients 20 --rounds 3 --edits 15 "$assert"
