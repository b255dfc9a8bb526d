// The published originals of the reviewed texts, checked straight from the PDF: every finding is one a person
// reviewed (test/golden/originals-findings.tsv), and every finding of the text twin is found in the PDF too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadDocument } from '../../server/src/import/load.js';
import { analyzeText } from '../../server/src/service.js';
import { checkDocument, type Finding } from '../../server/src/checks/index.js';
import { FIXTURES, MORE_DOCS } from '../helpers/fixtures.js';

const PDF_DIR = join(MORE_DOCS, 'pdf');
const pdfs = readdirSync(PDF_DIR)
  .filter((n) => n.endsWith('.pdf'))
  .sort();

async function findingsOf(name: string): Promise<Finding[]> {
  const loaded = await loadDocument(readFileSync(join(PDF_DIR, name)), name);
  assert.equal(loaded.format, 'pdf');
  return checkDocument(analyzeText(loaded.text), { spacesArePrinted: true });
}

/** A finding's identity across the two readings of one document: its rule and the figures it names. */
const identity = (f: Finding): string =>
  `${f.code} ${(f.message.match(/\d[\d,]*(?:\.\d+)?%?/g) ?? []).map((n) => n.replace(/,/g, '')).join(' ')}`;

test('findings on the published originals (PDF, HTML, Excel) are exactly the reviewed ones', async () => {
  const expected = readFileSync(join(__dirname, '..', 'golden', 'originals-findings.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t').slice(0, 2).join(' '))
    .sort();
  const actual: string[] = [];
  for (const folder of ['more-docs/pdf', 'originals/pdf', 'originals/html', 'originals/xlsx']) {
    const dir = join(FIXTURES, folder);
    for (const name of readdirSync(dir)
      .filter((n) => !n.endsWith('.md'))
      .sort()) {
      const loaded = await loadDocument(readFileSync(join(dir, name)), name);
      for (const f of checkDocument(analyzeText(loaded.text), { spacesArePrinted: true }))
        actual.push(`${folder}/${name}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code}`);
    }
  }
  assert.deepEqual(actual.sort(), expected);
});

test('every finding of a text twin is found in its PDF (same rule, same figures)', async () => {
  for (const name of pdfs.filter((n) => !/TESTBAD/.test(n))) {
    const twin = readFileSync(join(MORE_DOCS, name.replace(/\.pdf$/, '.txt')), 'utf8');
    const fromText = checkDocument(analyzeText(twin)).map(identity);
    const fromPdf = (await findingsOf(name)).map(identity);
    const missing = fromText.filter((x) => {
      const i = fromPdf.indexOf(x);
      if (i < 0) return true;
      fromPdf.splice(i, 1);
      return false;
    });
    assert.deepEqual(missing, [], `${name}: found in the text, not in the PDF`);
  }
});
