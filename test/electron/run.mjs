// `npm run test:electron`: the extension in a real VS Code downloaded by @vscode/test-electron.
// Needs a machine that can reach the VS Code download servers; CI here uses test/e2e (code-server) instead.
import { runTests } from '@vscode/test-electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'test', 'electron', 'suite', 'index.js'),
    launchArgs: [join(root, 'test', 'fixtures', 'seeds'), '--disable-extensions'],
  });
} catch (e) {
  const msg = String(e?.message ?? e);
  if (/ENOTFOUND|ECONNREFUSED|getaddrinfo|download/i.test(msg)) {
    console.error(`test:electron: could not download VS Code (${msg.split('\n')[0]}). Use npm run test:e2e on machines without network.`);
  } else {
    console.error(`test:electron failed: ${msg}`);
  }
  process.exit(1);
}
