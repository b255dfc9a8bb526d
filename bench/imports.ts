// Import throughput (part of npm run bench): the PDF fixtures imported in this process (pdf.js loaded once, as
// in the server), pages/s and MB/s, next to what analysing and checking the imported text costs.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadDocument } from '../server/src/import/load.js';
import { analyzeText } from '../server/src/service.js';
import { checkDocument } from '../server/src/checks/index.js';

const FIXTURES = join(__dirname, '..', 'test', 'fixtures');
const DIRS = ['more-docs/pdf', 'originals/pdf', 'originals/html', 'originals/xlsx'];

export async function imports(): Promise<void> {
  const files = DIRS.flatMap((d) =>
    readdirSync(join(FIXTURES, d))
      .filter((n) => !n.endsWith('.md'))
      .map((n) => join(FIXTURES, d, n)),
  );
  await loadDocument(readFileSync(files[0]), files[0]); // loads pdf.js once, as a long-running server does
  console.log('file\tformat\tpages\tMB\timport ms\tpages/s\tanalyse+check ms');
  const totals = { pages: 0, bytes: 0, importMs: 0, checkMs: 0 };
  for (const file of files) {
    const bytes = readFileSync(file);
    const t0 = performance.now();
    const loaded = await loadDocument(bytes, file);
    const t1 = performance.now();
    checkDocument(analyzeText(loaded.text));
    const t2 = performance.now();
    const pages = loaded.format === 'pdf' ? (loaded.pages ?? 0) : 0;
    if (loaded.format === 'pdf') {
      totals.pages += pages;
      totals.bytes += bytes.length;
      totals.importMs += t1 - t0;
      totals.checkMs += t2 - t1;
    }
    const name = file.split('/').slice(-1)[0].slice(0, 28);
    console.log(
      `${name}\t${loaded.format}\t${pages || ''}\t${(bytes.length / 1048576).toFixed(2)}\t${(t1 - t0).toFixed(0)}\t${pages ? (pages / ((t1 - t0) / 1000)).toFixed(0) : ''}\t${(t2 - t1).toFixed(0)}`,
    );
  }
  const s = totals.importMs / 1000;
  console.log(
    `PDF: ${totals.pages} pages, ${(totals.bytes / 1048576).toFixed(1)} MB in ${s.toFixed(1)} s — ${(totals.pages / s).toFixed(0)} pages/s, ${(totals.bytes / 1048576 / s).toFixed(1)} MB/s; the checks on the imported texts took ${(totals.checkMs / 1000).toFixed(1)} s`,
  );
}

if (require.main === module) void imports();
