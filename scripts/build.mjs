// Bundles the three entry points with esbuild. `--production` minifies (used by `npm run package`).
import { build } from 'esbuild';
import { chmodSync, cpSync, mkdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

mkdirSync('dist', { recursive: true });
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
]);
chmodSync('dist/cli.js', 0o755);
// the subject-code catalogue is data, read at run time from next to the bundles
cpSync('server/src/catalogue/data', 'dist/catalogue', { recursive: true, filter: (src) => !src.endsWith('.md') });
