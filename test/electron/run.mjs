// `npm run test:electron`: the extension in a real VS Code, run by @vscode/test-electron.
// It downloads VS Code (into .vscode-test/) unless VSCODE_EXECUTABLE_PATH names an installed one, so it needs a
// machine that can reach update.code.visualstudio.com; CI without network uses test/e2e (code-server) instead.
import { runTests } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixture = join(root, 'test', 'fixtures', 'seeds', '000_1f6e6b9090501f01.txt');
if (!existsSync(fixture)) {
  console.error(`test:electron: missing fixture ${fixture}`);
  process.exit(1);
}
// the extension runs from dist/: build it if it is not there
if (!existsSync(join(root, 'dist', 'extension.js')) || !existsSync(join(root, 'dist', 'server.js'))) {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

try {
  const status = await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'test', 'electron', 'suite', 'index.js'),
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
    launchArgs: [
      join(root, 'test', 'fixtures', 'seeds'),
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
    ],
  });
  process.exit(status);
} catch (e) {
  const msg = String(e?.message ?? e);
  if (/ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|getaddrinfo|download|socket hang up|status code/i.test(msg)) {
    console.error(
      `test:electron: could not download VS Code (${msg.split('\n')[0]}).\n` +
        '  This test needs network access to update.code.visualstudio.com, or VSCODE_EXECUTABLE_PATH=/path/to/code.\n' +
        '  Without either, use `npm run test:e2e` (code-server + headless Chromium) or `npm test` (the LSP over stdio).',
    );
  } else {
    console.error(`test:electron failed: ${msg}`);
  }
  process.exit(1);
}
