// Bundles the three entry points with esbuild. `--production` minifies (used by `npm run package`).
import { build } from 'esbuild';
import { chmodSync, cpSync, mkdirSync, rmSync } from 'node:fs';

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

// pdf.js is never bundled (see the copy into dist/pdfjs below); run from sources the importer finds it in node_modules
const pdfjsExternal = ['pdfjs-dist', 'pdfjs-dist/*'];

mkdirSync('dist', { recursive: true });
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', external: pdfjsExternal }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', external: pdfjsExternal }),
]);
chmodSync('dist/cli.js', 0o755);
// the subject-code catalogue is data, read at run time from next to the bundles
cpSync('server/src/catalogue/data', 'dist/catalogue', { recursive: true, filter: (src) => !src.endsWith('.md') });
// pdf.js is an ES module with top-level await and import.meta: it cannot live inside the CommonJS bundles, so the
// PDF importer loads it at run time with import() from dist/pdfjs/ (server/src/import/pdf/load.ts). Only what text
// extraction needs: the minified legacy build (it runs on Node 20) and its worker, the CMaps (CJK text) and the
// standard font data (PDFs that name a base-14 font without embedding it).
const pdfjs = 'node_modules/pdfjs-dist';
rmSync('dist/pdfjs', { recursive: true, force: true });
mkdirSync('dist/pdfjs', { recursive: true });
for (const file of ['pdf.min.mjs', 'pdf.worker.min.mjs']) cpSync(`${pdfjs}/legacy/build/${file}`, `dist/pdfjs/${file}`);
cpSync(`${pdfjs}/cmaps`, 'dist/pdfjs/cmaps', { recursive: true });
cpSync(`${pdfjs}/standard_fonts`, 'dist/pdfjs/standard_fonts', { recursive: true });
cpSync(`${pdfjs}/LICENSE`, 'dist/pdfjs/LICENSE');
// Chart.js draws the charts of the HTML report (inlined into the page by server/src/report/charts.ts) and of the
// editor's preview (loaded by its webview): its UMD build, read at run time from dist/chartjs/.
rmSync('dist/chartjs', { recursive: true, force: true });
mkdirSync('dist/chartjs', { recursive: true });
cpSync('node_modules/chart.js/dist/chart.umd.min.js', 'dist/chartjs/chart.umd.min.js');
cpSync('node_modules/chart.js/LICENSE.md', 'dist/chartjs/LICENSE.md');
