// Runs every test file under test/ (except the e2e and electron suites, which need a browser or a VS Code
// download) with node's own test runner; TypeScript runs through tsx. Builds dist/ first: the LSP and CLI
// tests spawn the bundled server and CLI exactly as users do.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const skip = new Set(['e2e', 'electron', 'fixtures', 'golden']);
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (!skip.has(name)) walk(p);
    } else if (name.endsWith('.test.ts')) files.push(p);
  }
};
walk('test');
const filter = process.argv.slice(2);
const chosen = filter.length ? files.filter((f) => filter.some((x) => f.includes(x))) : files;
const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...chosen], { stdio: 'inherit' });
process.exit(run.status ?? 1);
