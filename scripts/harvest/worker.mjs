// One harvest worker: imports a document (an original, or a text file), analyses it and answers with the code/name
// pairs it holds, its code occurrences, its year and its place. Never throws for a file.
import { parentPort } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createRequire } from 'node:module';

// as in scripts/corpus/worker.mjs: Node 20 does not carry `--import tsx` into worker threads
(await import('tsx/esm/api')).register();
(await import('tsx/cjs/api')).register();
const require = createRequire(import.meta.url);
const { analyzeText } = require('../../server/src/service.ts');
const { importOriginal, sniffFormat } = require('../../server/src/import/index.ts');
const { decode } = require('../../server/src/import/text.ts');
const { codePairs, codeOccurrences, cityOf } = require('../../server/src/catalogue/harvest.ts');

// pdf.js warns on stdout; the harvest's report must stay readable
for (const name of ['log', 'info', 'warn', 'error', 'debug']) console[name] = () => {};

parentPort.postMessage({ type: 'ready' });
parentPort.on('message', async ({ path, rel }) => {
  const out = { file: rel, status: 'ok' };
  try {
    const bytes = readFileSync(path);
    const format = sniffFormat(bytes, path);
    const text = format ? (await importOriginal(bytes, format)).text : decode(bytes).text;
    const doc = analyzeText(text);
    out.year = doc.facts.year;
    out.city = cityOf(basename(path), doc);
    out.pairs = codePairs(doc);
    out.occurrences = codeOccurrences(doc);
  } catch (e) {
    out.status = 'failed';
    out.reason = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  }
  parentPort.postMessage({ type: 'result', result: out });
});
