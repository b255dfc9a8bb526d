// One measurement for bench/scaling.ts: read, analyse and check a file as budget-lint does; print time and peak RSS.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { analyzeText } from '../server/src/service.js';
import { checkDocument } from '../server/src/checks/index.js';

const text = readFileSync(process.argv[2], 'utf8');
const start = performance.now();
checkDocument(analyzeText(text), {}, 'file:///bench');
const ms = performance.now() - start;
process.stdout.write(JSON.stringify({ ms, rssMB: process.resourceUsage().maxRSS / 1024 }));
