// Every finding on the real documents is in test/golden/findings.tsv with the reason it is real; nothing
// else may be reported (a new finding is a false alarm until a person has checked it against the document).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/service.js';
import { checkDocument } from '../../server/src/checks/index.js';
import { MORE_DOCS, SEEDS, moreDocFiles, seedFiles } from '../helpers/fixtures.js';

test('findings on the seeds and the more-docs are exactly the reviewed ones', () => {
  const expected = readFileSync(join(__dirname, '..', 'golden', 'findings.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t').slice(0, 2).join(' '))
    .sort();
  const actual: string[] = [];
  for (const [dir, folder, names] of [
    [SEEDS, 'seeds', seedFiles()],
    [MORE_DOCS, 'more-docs', moreDocFiles()],
  ] as const) {
    for (const name of names) {
      for (const f of checkDocument(analyzeText(readFileSync(join(dir, name), 'utf8')))) {
        actual.push(`${folder}/${name}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code}`);
      }
    }
  }
  assert.deepEqual(actual.sort(), expected);
});

test('the mistakes named in the seeds README and the issues are among them', () => {
  const found = (name: string) => checkDocument(analyzeText(readFileSync(join(SEEDS, name), 'utf8')));
  const d000 = found('000_1f6e6b9090501f01.txt');
  assert.ok(
    d000.some((f) => f.code === 'sum-mismatch' && /302 商品和服务支出/.test(f.message) && /8\.52/.test(f.message)),
    '表8 302 row',
  );
  const d004 = found('004_3a97d65098fc4738.txt');
  assert.ok(
    d004.some((f) => f.code === 'crossfoot-mismatch' && /「210 卫生健康支出」/.test(f.message)),
    '公开03表 210',
  );
  assert.ok(
    d004.some((f) => f.code === 'crossfoot-mismatch' && /「21015 医疗保障管理事务」/.test(f.message)),
    '公开03表 21015',
  );
  assert.ok(
    d004.some((f) => f.code === 'sum-mismatch' && /1\. 一般公共服务支出/.test(f.message)),
    '公开01表 column',
  );
  assert.ok(
    !d004.some((f) => f.severity <= 2 && /455\.6[78]/.test(f.message) && f.code === 'cross-table-mismatch'),
    '455.67 vs 455.68 is rounding, not an error',
  );
  assert.ok(
    d000.some((f) => f.code === 'text-sum-mismatch' && /2,567\.49/.test(f.message)),
    '000 功能科目 paragraph',
  );
  assert.ok(
    d004.some((f) => f.code === 'percent-mismatch' && /63\.56%/.test(f.message)),
    '004 减少 57%',
  );
  assert.ok(
    d004.some((f) => f.code === 'text-sum-mismatch' && /471\.55/.test(f.message)),
    '004 基本支出 parts',
  );
  assert.ok(
    d004.filter((f) => f.code === 'text-table-mismatch' && /(行政事业单位医疗|医疗救助)/.test(f.message)).length === 2,
    '004 doubled figures',
  );
  const d001 = found('001_be18d6bea231d86c.txt');
  assert.ok(
    d001.some((f) => f.code === 'text-table-mismatch' && /会议/.test(f.message)),
    '001 会议费',
  );
  assert.ok(!d001.some((f) => f.code === 'percent-mismatch'), '001 增长13.91% / 2.96% / 8.48% are right');
  for (const name of ['001_be18d6bea231d86c.txt', '002_7680eddfb91a4514.txt', '003_3501b10775860d1f.txt']) {
    assert.deepEqual(
      found(name).filter(
        (f) => f.severity <= 2 && /sum-mismatch|crossfoot|balance|cross-table/.test(f.code) && f.code !== 'text-sum-mismatch',
      ),
      [],
      `${name}: every table adds up`,
    );
  }
});
