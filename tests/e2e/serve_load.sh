#!/usr/bin/env bash
# 20 clients editing at once against one yoshiki serve on loopback (bench/serve_load.mjs): no
# request fails, and the server's memory does not grow with the number of edits once its
# previews' memory is full. Needs only Node.js (no npm package).
source "$(dirname "$0")/lib.bash"
command -v node >/dev/null || { echo "node is not installed (tools/test-packages.txt)"; exit 77; }
node "$SRC/bench/serve_load.mjs" "$YOSHIKI" "$SRC" "$YOSHIKI_WORK_DIR/load" --clients 20 --rounds 3 --edits 15 --assert
