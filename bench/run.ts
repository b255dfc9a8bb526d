// Benchmarks (npm run bench): prints figures, asserts nothing about time.
//  - full analysis throughput on the real documents (ms per MB)
//  - a 5 MB document: full parse, and the latency of one keystroke (incremental re-lex + re-assembly)
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LanguageService, analyzeText } from '../server/src/service.js';
import { checkDocument } from '../server/src/checks/index.js';
import { scaling } from './scaling.js';
import { imports } from './imports.js';

const FIXTURES = join(__dirname, '..', 'test', 'fixtures');
const docs = ['seeds', 'more-docs'].flatMap((d) =>
  readdirSync(join(FIXTURES, d))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(FIXTURES, d, f), 'utf8')),
);
const mb = (s: string) => Buffer.byteLength(s) / (1024 * 1024);

function time(fn: () => void, runs: number): { median: number; p95: number } {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return { median: t[Math.floor(t.length / 2)], p95: t[Math.floor(t.length * 0.95)] };
}

const all = docs.join('\n\n');
for (let i = 0; i < 3; i++) checkDocument(analyzeText(all)); // warm-up
const corpus = time(() => {
  for (const d of docs) checkDocument(analyzeText(d));
}, 10);
console.log(
  `real documents: ${docs.length} files, ${mb(all).toFixed(2)} MB — analyse + check all: median ${corpus.median.toFixed(1)} ms (${(corpus.median / mb(all)).toFixed(0)} ms/MB), p95 ${corpus.p95.toFixed(1)} ms`,
);

const seedsOnly = docs.slice(0, 5);
const seeds = time(() => {
  for (const d of seedsOnly) checkDocument(analyzeText(d));
}, 20);
console.log(`five seeds together: median ${seeds.median.toFixed(1)} ms, p95 ${seeds.p95.toFixed(1)} ms`);

let big = '';
while (mb(big) < 5) big += all + '\n\n';
const full = time(() => analyzeText(big), 5);
console.log(
  `${mb(big).toFixed(1)} MB document: full analysis median ${full.median.toFixed(0)} ms (${(full.median / mb(big)).toFixed(0)} ms/MB)`,
);

const svc = new LanguageService();
svc.open('bench://big', big, 1);
svc.analysis('bench://big');
const lines = big.split('\n');
let version = 1;
const edit = time(() => {
  const line = Math.floor(Math.random() * lines.length);
  svc.update('bench://big', [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '1' }], ++version);
  svc.analysis('bench://big');
  svc.documentSymbols('bench://big');
}, 40);
console.log(
  `one keystroke in the 5 MB document (re-lex touched blocks, re-assemble, outline): median ${edit.median.toFixed(1)} ms, p95 ${edit.p95.toFixed(1)} ms`,
);
const editAndCheck = time(() => {
  const line = Math.floor(Math.random() * lines.length);
  svc.update('bench://big', [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '1' }], ++version);
  svc.diagnostics('bench://big');
}, 10);
console.log(
  `one keystroke then all diagnostics of the 5 MB document (the server waits 150 ms of quiet before this): median ${editAndCheck.median.toFixed(0)} ms`,
);
const tableLine = lines.findIndex((l) => /^\d{3,7}\t/.test(l));
const hoverAfterEdit = time(() => {
  const line = Math.floor(Math.random() * lines.length);
  svc.update('bench://big', [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '1' }], ++version);
  svc.hover('bench://big', { line: tableLine, character: 20 });
}, 10);
console.log(
  `one keystroke then a hover on a figure in the 5 MB document (answered from its table): median ${hoverAfterEdit.median.toFixed(0)} ms`,
);
const seedSvc = new LanguageService();
seedSvc.open('bench://seed', docs[0], 1);
seedSvc.diagnostics('bench://seed');
const seedEdit = time(() => {
  seedSvc.update(
    'bench://seed',
    [{ range: { start: { line: 300, character: 0 }, end: { line: 300, character: 0 } }, text: '1' }],
    ++version,
  );
  seedSvc.diagnostics('bench://seed');
}, 50);
console.log(
  `one keystroke then all diagnostics of a real document (seed 000, 30 KB): median ${seedEdit.median.toFixed(1)} ms, p95 ${seedEdit.p95.toFixed(1)} ms`,
);

console.log('\nmemory and scaling (a fresh process per size, as budget-lint runs):');
scaling();

console.log('\nimporting the published originals in test/fixtures:');
void imports();
