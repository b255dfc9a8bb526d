// One measurement for bench/scaling.ts: read, analyse and check a file as budget-lint does; print the time,
// the peak RSS and the heap the analysis retains (measured after a full GC, with the document still alive).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { analyzeText } from '../server/src/service.js';
import { checkDocument } from '../server/src/checks/index.js';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const heapMB = (): number => {
  gc();
  return process.memoryUsage().heapUsed / (1024 * 1024);
};

const before = heapMB();
const text = readFileSync(process.argv[2], 'utf8');
const start = performance.now();
const doc = analyzeText(text);
const findings = checkDocument(doc, {}, 'file:///bench');
const ms = performance.now() - start;
const retainedMB = heapMB() - before;
process.stdout.write(
  JSON.stringify({ ms, rssMB: process.resourceUsage().maxRSS / 1024, retainedMB, findings: findings.length, lines: doc.lineCount }),
);
