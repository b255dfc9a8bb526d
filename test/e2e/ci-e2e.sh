#!/usr/bin/env bash
# The end-to-end test on a fresh Debian machine (root; only the npm registry and Debian reachable):
# installs Chromium, code-server and playwright-core OUTSIDE the project's package.json (cached in
# $E2E_CACHE), builds the extension if needed, and runs run-e2e.sh on a folder of the bundled seed documents
# plus one published original (E2E_ORIGINAL, default: a PDF of test/fixtures/originals/pdf, else the Excel one).
# Usage: bash test/e2e/ci-e2e.sh [OUT_DIR]        (default OUT_DIR: .e2e-out)
set -euo pipefail
HERE=$(dirname "$(realpath "$0")")
ROOT=$(realpath "$HERE/../..")
OUT=${1:-$ROOT/.e2e-out}
CACHE=${E2E_CACHE:-$HOME/.cache/budget-e2e}
mkdir -p "$CACHE"
SECONDS=0
# chromium: the browser; libkrb5-dev, g++, make, python3: native modules of code-server built from source;
# ripgrep: replaces the @vscode/ripgrep binary fetched from GitHub; fonts-wqy-microhei: CJK glyphs in
# the screenshots; curl: the health check in run-e2e.sh.
if ! command -v chromium >/dev/null || ! command -v rg >/dev/null || [ ! -e /usr/include/gssapi/gssapi.h ] \
   || ! command -v curl >/dev/null || ! command -v g++ >/dev/null || ! command -v make >/dev/null || ! command -v python3 >/dev/null \
   || ! fc-list 2>/dev/null | grep -qi wqy; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium libkrb5-dev ripgrep fonts-wqy-microhei curl g++ make python3 > "$CACHE/apt.log" 2>&1 || { tail -20 "$CACHE/apt.log"; exit 1; }
fi
echo "[e2e] system packages ready at ${SECONDS}s"
if [ ! -f "$CACHE/cs/node_modules/code-server/out/node/entry.js" ]; then
  bash "$HERE/install-code-server.sh" "$CACHE/cs" > "$CACHE/cs-install.log" 2>&1 || { tail -50 "$CACHE/cs-install.log"; exit 1; }
fi
echo "[e2e] code-server ready at ${SECONDS}s"
if [ ! -d "$CACHE/pw/node_modules/playwright-core" ]; then
  mkdir -p "$CACHE/pw"
  (cd "$CACHE/pw" && { [ -f package.json ] || echo '{"private":true}' > package.json; } \
    && npm install --no-save --no-audit --no-fund playwright-core@1.65.1 > "$CACHE/pw-install.log" 2>&1) || { tail -20 "$CACHE/pw-install.log"; exit 1; }
fi
echo "[e2e] playwright-core ready at ${SECONDS}s"
[ -f "$ROOT/dist/extension.js" ] && [ -f "$ROOT/dist/server.js" ] || (cd "$ROOT" && npm run build)
# The unpacked extension: exactly what the .vsix ships.
EXT=$(mktemp -d /tmp/budget-ext.XXXXXX)
WS_PARENT=$(mktemp -d /tmp/budget-ws.XXXXXX)
trap 'rm -rf "$EXT" "$WS_PARENT"' EXIT
mkdir -p "$EXT/dist"
cp "$ROOT"/package.nls*.json "$ROOT/package.json" "$ROOT/CHANGELOG.md" "$ROOT/LICENSE" "$ROOT/language-configuration.json" "$EXT/"
# the Marketplace README is the extension's README (vsce package --readme-path README.marketplace.md)
cp "$ROOT/README.marketplace.md" "$EXT/README.md"
# the icon, the walkthrough's sample and step pages
mkdir -p "$EXT/images" "$EXT/samples"
cp "$ROOT/images/icon.png" "$EXT/images/"
cp "$ROOT"/samples/*.txt "$EXT/samples/"
cp -r "$ROOT/media" "$ROOT/schemas" "$EXT/"
cp "$ROOT/dist/extension.js" "$ROOT/dist/server.js" "$EXT/dist/"
cp -r "$ROOT/dist/catalogue" "$EXT/dist/"
# pdf.js is loaded by the PDF importer from next to the server bundle
[ ! -d "$ROOT/dist/pdfjs" ] || cp -r "$ROOT/dist/pdfjs" "$EXT/dist/"
# Chart.js is loaded by the preview's webview from next to the extension's bundle
[ ! -d "$ROOT/dist/chartjs" ] || cp -r "$ROOT/dist/chartjs" "$EXT/dist/"
cp -r "$ROOT/syntaxes" "$EXT/"
# The workspace: the seed texts, and an original that the test opens through the extension's command. A PDF with a
# real finding when there is one (c021: a note to the author left in the published text), else any PDF, else the Excel template.
ORIGINAL=${E2E_ORIGINAL:-}
if [ -z "$ORIGINAL" ]; then
  for f in "$ROOT"/test/fixtures/originals/pdf/c021_*.pdf "$ROOT"/test/fixtures/originals/pdf/*.pdf "$ROOT"/test/fixtures/originals/xlsx/*.xlsx; do
    if [ -f "$f" ]; then ORIGINAL=$f; break; fi
  done
fi
WS="$WS_PARENT/seeds"   # named like the fixture folder: e2e.js finds the Explorer's folder section by it
mkdir -p "$WS"
cp "$ROOT"/test/fixtures/seeds/*.txt "$WS/"
if [ -n "$ORIGINAL" ]; then cp "$ORIGINAL" "$WS/"; export E2E_ORIGINAL_NAME=$(basename "$ORIGINAL"); fi
echo "[e2e] original: ${E2E_ORIGINAL_NAME:-none}"
bash "$HERE/run-e2e.sh" "$CACHE/cs" "$EXT" "$WS" "$OUT" "$CACHE/pw"
# The HTML report of the fixtures, opened offline in headless Chromium: a screenshot, and a failure on a script error,
# a network request or a chart that was not drawn (report-shot.js)
mkdir -p "$OUT"
node "$ROOT/dist/cli.js" --format html "$ROOT/test/fixtures/" > "$OUT/report.html" || [ $? -eq 1 ]
NODE_PATH="$CACHE/pw/node_modules" node "$HERE/report-shot.js" "$OUT/report.html" "$OUT/report.png"
echo "[e2e] total ${SECONDS}s"
