// Shapes of real disclosures, one annotated fixture each (test/fixtures/shapes/, cut from corpus documents, the
// source named in each file): every finding marked must be raised where it is marked, and nothing else.
import { test } from 'node:test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { assertAnnotated, readAnnotated } from '../helpers/annotated.js';

const DIR = join(__dirname, '..', 'fixtures', 'shapes');

for (const file of readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()) {
  test(`shape: ${file}`, () => {
    assertAnnotated(readAnnotated(join(DIR, file)));
  });
}
