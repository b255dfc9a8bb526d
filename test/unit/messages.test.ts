// Messages are Chinese first, English on request: every template exists in both, and an English finding
// carries no Chinese wording of ours (only the document's own words: quoted labels, titles, units, codes' names).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LanguageService, analyzeText } from '../../server/src/service.js';
import { checkDocument } from '../../server/src/checks/index.js';
import { message } from '../../server/src/checks/messages.js';
import { moreDocFiles, readMoreDoc, readSeed, seedFiles } from '../helpers/fixtures.js';

const documents = () => [...seedFiles().map(readSeed), ...moreDocFiles().map(readMoreDoc)];

/** Chinese words that only our templates write (none of them is part of a quoted label in the fixtures). */
const OUR_CHINESE =
  /不符|相差|中的|找不到|应为|所列|小于|多出|（合|本年 |变动 |表中数字|；|未命名|尾差|四舍五入|下级科目|各项|各分项|列(?=\s|$)|规范名称|位数|没有编码|有效（|改为|上级|下设|差额恰为/;

/** The document's own words, which an English message quotes: 「…」 and “…” spans, 万元/元, 类/款/项. */
const withoutQuotes = (s: string) => s.replace(/「[^」]*」/g, '').replace(/“[^”]*”/g, '');

test('English findings on every real document use no Chinese template wording', () => {
  let count = 0;
  for (const text of documents()) {
    const doc = analyzeText(text);
    for (const f of checkDocument(doc, { locale: 'en' })) {
      count++;
      assert.doesNotMatch(withoutQuotes(f.message), OUR_CHINESE, f.message);
      for (const r of f.relatedInformation ?? []) assert.doesNotMatch(withoutQuotes(r.message), OUR_CHINESE, r.message);
    }
  }
  assert.ok(count > 50, `${count} findings checked`);
});

test('the same findings in both languages: same places, rules and data', () => {
  for (const text of documents()) {
    const doc = analyzeText(text);
    const zh = checkDocument(doc, { locale: 'zh' });
    const en = checkDocument(doc, { locale: 'en' });
    // the message's id is the same in both languages; its arguments are worded in each
    const key = (f: (typeof zh)[number]) =>
      `${f.range.start.line}:${f.range.start.character}:${f.code}:${JSON.stringify({ ...f.data, message: f.data?.message?.id })}`;
    assert.deepEqual(en.map(key).sort(), zh.map(key).sort());
  }
});

test('Chinese messages read as before: a narrative mismatch and a growth rate', () => {
  assert.equal(
    message('zh', 'text-table', {
      label: '行政运行',
      found: '230.97万元',
      table: '表5「一般公共预算支出表」',
      cell: '231.97',
      tableUnit: '万元',
      expected: '231.97',
      unit: '万元',
      diff: '1.00',
    }),
    '「行政运行」230.97万元 与表5「一般公共预算支出表」中的 231.97万元（合 231.97万元）不符，相差 1.00万元',
  );
  assert.equal(
    message('en', 'growth', {
      word: 'growth',
      percent: '8.00',
      current: '107.76',
      unit: '万元',
      up: 'true',
      change: '7.76',
      previous: '100.00',
      expected: '7.76',
    }),
    'growth of 8.00% does not follow from the figures stated: 107.76 万元, up 7.76 万元 on last year (last year 100.00 万元), gives 7.76%',
  );
});

test('hovers follow the locale too, and PDF header spaces are squeezed out of column names', () => {
  const uri = 'file:///004.txt';
  const svc = new LanguageService();
  svc.open(uri, readSeed('004_3a97d65098fc4738.txt'), 1);
  const rounding = svc.diagnostics(uri, { locale: 'en' }).find((f) => f.code === 'rounding' && /本年收入合计/.test(f.message))!;
  assert.ok(rounding, 'a rounding hint on the 本年收入合计 column');
  const en = svc.hover(uri, rounding.range.start, { locale: 'en' })!.contents.value;
  assert.match(en, /= the items:\n/);
  assert.match(
    en,
    /= 46\.33 \+ 455\.67 \+ 95\.12 \+ 9\.68 = 606\.80\*\* \(printed 606\.81, off by 0\.01, tolerance 0\.025\) ≈ within rounding/,
  );
  assert.match(en, /「本年收入合计」/);
  assert.doesNotMatch(en, /[：（）；]|之和|容差|表中|相差/);
  const zh = svc.hover(uri, rounding.range.start, { locale: 'zh' })!.contents.value;
  assert.match(zh, /之和：/);
  assert.match(zh, /= 606\.80\*\*（表中 606\.81，相差 0\.01，容差 0\.025）≈ 在尾差范围内/);
});
