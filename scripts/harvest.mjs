// node --import tsx scripts/harvest.mjs [--out FILE] [--jobs N] [DIR…]
// Reads every published document under DIRs (default ../shared/corpus ../shared/more-docs ../shared/seeds) through
// the engine — originals where there are originals, a .txt only when no original of the same name exists — and
// collects every subject code a table or the prose pairs with a name, with the document's year and place.
// Writes the merged evidence (default test/golden/catalogue-evidence.tsv; review its diff like a golden file)
// and prints, per folder, the share of code occurrences the catalogue explains (the target: ≥ 97 %).
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

// the sources through require (tsx's CommonJS hook), as the workers load them: the catalogue finds its data beside
// its module only where __dirname is the real folder
const require = createRequire(import.meta.url);
const { Evidence, addCoverage } = require('../server/src/catalogue/harvest.ts');
const { catalogue, levelOf } = require('../server/src/catalogue/catalogue.ts');

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ORIGINAL = /\.(pdf|html?|xlsx|docx)$/i;

const args = process.argv.slice(2);
let out = join(ROOT, 'test', 'golden', 'catalogue-evidence.tsv');
let jobs = Math.min(2, availableParallelism());
const dirs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out') out = resolve(args[++i]);
  else if (args[i] === '--jobs') jobs = Math.max(1, Number(args[++i]) || 1);
  else dirs.push(resolve(args[i]));
}
if (!dirs.length) for (const d of ['corpus', 'more-docs', 'seeds']) dirs.push(join(ROOT, '..', 'shared', d));

const files = [];
for (const dir of dirs) {
  if (!existsSync(dir)) {
    console.log(`not found, skipped: ${dir}`);
    continue;
  }
  const found = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (ORIGINAL.test(name) || /\.txt$/i.test(name)) found.push(p);
    }
  };
  walk(dir);
  // a .txt twin of an original (more-docs: pdftotext of the PDF beside it) would count the document twice
  const originals = new Set(found.filter((p) => ORIGINAL.test(p)).map((p) => basename(p).replace(/\.[^.]+$/, '')));
  for (const p of found) {
    if (/\.txt$/i.test(p) && originals.has(basename(p).replace(/\.txt$/i, ''))) continue;
    files.push({ path: p, rel: relative(dirname(dir), p).split(sep).join('/'), dir: basename(dir) });
  }
}

const results = await runPool(files, jobs);
results.sort((a, b) => a.file.localeCompare(b.file));
const evidence = new Evidence();
const cat = catalogue();
const coverage = new Map(); // folder → classification → coverage
for (const r of results) {
  if (r.status !== 'ok') {
    console.log(`unreadable: ${r.file} (${r.reason})`);
    continue;
  }
  evidence.add(r.file, r.city, r.year, r.pairs);
  const folder = r.file.split('/')[0];
  if (!coverage.has(folder)) coverage.set(folder, new Map());
  addCoverage(coverage.get(folder), cat, r.year, r.occurrences);
}
writeFileSync(out, evidence.tsv());
console.log(`${results.length} documents read, ${evidence.rows().length} evidence rows → ${relative(process.cwd(), out)}`);

console.log("\ncode occurrences the catalogue explains (an entry for the document's year with an explanation):");
for (const [folder, byClass] of coverage) {
  let n = 0;
  let ok = 0;
  for (const [cls, c] of [...byClass].sort()) {
    console.log(`  ${folder}\t${cls}\t${c.explained}/${c.occurrences}\t${pct(c.explained, c.occurrences)}`);
    n += c.occurrences;
    ok += c.explained;
  }
  console.log(`  ${folder}\tall\t${ok}/${n}\t${pct(ok, n)}`);
}

// what is left to review: codes two places print that the catalogue does not have for that year
const missing = new Map();
for (const r of evidence.rows()) {
  if (r.year === 'unknown' || !levelOf(r.code)) continue;
  if (cat.lookup(r.code, r.year)) continue;
  const m = missing.get(r.code) ?? { names: new Set(), cities: new Set(), years: new Set(), local: r.local };
  m.names.add(r.name);
  for (const c of r.cities) if (c !== 'unknown') m.cities.add(c);
  m.years.add(r.year);
  missing.set(r.code, m);
}
const wanted = [...missing].filter(([, m]) => m.cities.size >= 2);
console.log(`\ncodes printed by documents of two places or more that the catalogue lacks for those years: ${wanted.length}`);
for (const [code, m] of wanted)
  console.log(
    `  ${code}${m.local ? ' (local)' : ''}\t${[...m.names].join(' | ')}\t${m.cities.size} places\t${[...m.years].sort().join(',')}`,
  );

function pct(a, b) {
  return b ? `${((100 * a) / b).toFixed(1)} %` : '–';
}

function runPool(list, size) {
  const queue = [...list];
  const done = [];
  return new Promise((resolveAll) => {
    let live = 0;
    const start = () => {
      live++;
      const worker = new Worker(new URL('./harvest/worker.mjs', import.meta.url), { execArgv: [] });
      let job;
      const next = () => {
        job = queue.shift();
        if (!job) {
          worker.terminate();
          if (--live === 0) resolveAll(done);
          return;
        }
        worker.postMessage(job);
      };
      worker.on('message', (m) => {
        if (m.type === 'ready') next();
        else {
          done.push(m.result);
          next();
        }
      });
      worker.on('error', (e) => {
        if (job) done.push({ file: job.rel, status: 'failed', reason: String(e?.message ?? e) });
        job = undefined;
        if (--live === 0 && !queue.length) resolveAll(done);
        else start();
      });
    };
    for (let i = 0; i < Math.min(size, list.length); i++) start();
  });
}
