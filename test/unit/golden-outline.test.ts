// Golden outlines of the five seed documents. Each golden file was reviewed line by line against the
// document (see test/golden/README.md). To accept an intended change: UPDATE_GOLDEN=1 npm test, then
// review `git diff test/golden` before committing — never regenerate blindly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/service.js';
import { outlineText } from '../../server/src/features/symbols.js';
import { moreDocFiles, readMoreDoc, readSeed, seedFiles } from '../helpers/fixtures.js';

const GOLDEN = join(__dirname, '..', 'golden', 'outline');

for (const name of seedFiles()) {
  test(`outline of ${name} matches its reviewed golden file`, () => {
    const actual = outlineText(analyzeText(readSeed(name)).outline);
    const file = join(GOLDEN, name.replace(/\.txt$/, '.outline.txt'));
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, actual);
    assert.equal(actual, readFileSync(file, 'utf8'));
  });
}

const STANDARD_NINE = [
  /财务收支预算总表|收入支出决算总表/,
  /收入(?:预算总表|决算表)/,
  /支出(?:预算总表|决算表)/,
  /财政拨款收(?:支预算总表|入支出决算总表)/,
  /一般公共预算(?:支出功能分类预算表|财政拨款支出决算表)/,
];

for (const name of moreDocFiles().filter((n) => !n.startsWith('14_'))) {
  test(`${name}: the standard tables are found with their units`, () => {
    const doc = analyzeText(readMoreDoc(name));
    const titled = doc.tables.filter((t) => t.title && t.kind === 'money');
    assert.ok(titled.length >= 9, `${titled.length} titled money tables`);
    for (const re of STANDARD_NINE)
      assert.ok(
        titled.some((t) => re.test(t.title!) && t.unit),
        `missing ${re}`,
      );
    assert.ok(doc.facts.year && doc.facts.year >= 2023 && doc.facts.year <= 2025, `year ${doc.facts.year}`);
    assert.ok(doc.toc.length === 1, 'one table of contents');
  });
}

test('14_cq_jtw (narrative only, tables are images): sections, no tables', () => {
  const doc = analyzeText(readMoreDoc('14_cq_jtw_2018_dept_budget_explain.txt'));
  assert.equal(doc.tables.filter((t) => t.kind === 'money').length, 0);
  assert.deepEqual(
    doc.outline.map((n) => n.name.slice(0, 2)),
    ['一、', '二、', '三、', '四、', '五、'],
  );
});
