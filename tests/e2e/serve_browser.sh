#!/usr/bin/env bash
# The editor of yoshiki serve in headless Chromium, driven by puppeteer-core
# (tests/browser/editor.test.mjs): installed with npm ci from tests/browser/package-lock.json into
# the build folder (once per version of the lock file), never into the source tree.
source "$(dirname "$0")/lib.bash"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
for tool in node npm pdftotext; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed (tools/test-packages.txt)"; exit 77; }
done
[ -x "$CHROMIUM" ] || { echo "chromium is not installed (tools/test-packages.txt)"; exit 77; }

node_dir="$YOSHIKI_BINARY_DIR/browser-node"
lock="$SRC/tests/browser/package-lock.json"
stamp=$(sha256sum "$lock" | cut -d' ' -f1)
if [ "$(cat "$node_dir/.installed" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$node_dir"
    mkdir -p "$node_dir"
    cp "$SRC/tests/browser/package.json" "$lock" "$node_dir/"
    (cd "$node_dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) || { echo "FAIL: npm ci"; exit 1; }
    echo "$stamp" > "$node_dir/.installed"
fi
# The script runs from beside its node_modules, where Node finds puppeteer-core.
cp "$SRC"/tests/browser/*.mjs "$node_dir/"
CHROMIUM="$CHROMIUM" node "$node_dir/editor.test.mjs"
