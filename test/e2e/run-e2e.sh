#!/usr/bin/env bash
# Start code-server on loopback with a given extension, drive it with headless Chromium,
# write screenshots + evidence.json to OUT, stop code-server. Exit status = test result.
# Usage: run-e2e.sh CS_DIR EXT(.vsix or folder) WORKSPACE_DIR OUT_DIR [PW_DIR]
set -euo pipefail
HERE=$(dirname "$(realpath "$0")")   # before any cd: $0 may be relative
CS_DIR=$(realpath "$1"); EXT=$(realpath "$2"); WS=$(realpath "$3"); OUT=$(mkdir -p "$4" && realpath "$4")
PW_DIR=${5:-$HERE/../pw}; PW_DIR=$(realpath "$PW_DIR")
PORT=${PORT:-8765}
RUN=$(mktemp -d /tmp/e2e-run.XXXXXX)
export XDG_CONFIG_HOME=$RUN/xdg-config XDG_DATA_HOME=$RUN/xdg-data XDG_CACHE_HOME=$RUN/xdg-cache
# keep code-server/Chromium/VS Code from writing under the real $HOME; npm/npx keep the real cache
export npm_config_cache=${npm_config_cache:-$HOME/.npm} HOME=$RUN/home
mkdir -p "$HOME"
mkdir -p "$RUN/ud/User" "$RUN/exts"
cat > "$RUN/ud/User/settings.json" <<'JSON'
{ "workbench.startupEditor": "none", "workbench.tips.enabled": false,
  "workbench.enableExperiments": false, "telemetry.telemetryLevel": "off",
  "update.mode": "none", "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false,
  "security.workspace.trust.enabled": false, "workbench.colorTheme": "Default Light Modern",
  "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "git.openRepositoryInParentFolders": "never", "git.enabled": false }
JSON
CS="node $CS_DIR/node_modules/code-server/out/node/entry.js"
SECONDS=0
if [ -d "$EXT" ]; then
  # Unpacked extension folder: copy it in as publisher.name-version (no vsce needed).
  id=$(node -p "const p=require('$EXT/package.json'); p.publisher+'.'+p.name+'-'+p.version")
  cp -r "$EXT" "$RUN/exts/$id"
else
  $CS --user-data-dir "$RUN/ud" --extensions-dir "$RUN/exts" --install-extension "$EXT"
fi
$CS --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
    --disable-workspace-trust --disable-getting-started-override \
    --user-data-dir "$RUN/ud" --extensions-dir "$RUN/exts" "$WS" > "$OUT/code-server.log" 2>&1 &
CS_PID=$!
trap 'kill $CS_PID 2>/dev/null || true; wait $CS_PID 2>/dev/null || true; rm -rf "$RUN"' EXIT
for i in $(seq 1 60); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
if ! kill -0 $CS_PID 2>/dev/null || ! curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then
  echo "code-server did not come up on 127.0.0.1:$PORT (port taken? set PORT=...):"; tail -20 "$OUT/code-server.log"
  echo "0 passed, 1 failed"; exit 1
fi
rc=0
(cd "$PW_DIR" && NODE_PATH="$PW_DIR/node_modules" CS_URL="http://127.0.0.1:$PORT/?folder=$WS" SHOTS="$OUT" node "$HERE/e2e.js") || rc=$?
cp -r "$RUN/ud/logs" "$OUT/vscode-logs" 2>/dev/null || true
echo "e2e wall time: ${SECONDS}s (rc=$rc)"
exit $rc
