import { test } from 'node:test';
import assert from 'node:assert/strict';
import Decimal from 'decimal.js';
import { convert, isDash, parseNumber, parsePercent } from '../../server/src/parse/amounts.js';

test('parses amounts with thousands separators and records the printed precision', () => {
  const n = parseNumber('12,462,702.17')!;
  assert.equal(n.value.toString(), '12462702.17');
  assert.equal(n.decimals, 2);
  assert.equal(parseNumber('47.5')!.decimals, 1);
  assert.equal(parseNumber('600')!.decimals, 0);
  assert.equal(parseNumber('−0.34')!.value.toString(), '-0.34');
});

test('rejects text that is not a plain figure', () => {
  for (const s of ['2024年', '1,23', '12.3.4', '1829.87万元', '', '2101501）', 'C23029900', '1.2020']) {
    if (s === '1.2020') continue; // a valid decimal on its own; sentences are excluded by the heading rules
    assert.equal(parseNumber(s), undefined, s);
  }
});

test('decimal arithmetic is exact where floats are not', () => {
  const sum = ['38.15', '613', '47.5', '898.84', '970'].map((s) => parseNumber(s)!.value).reduce((a, b) => a.plus(b), new Decimal(0));
  assert.equal(sum.toString(), '2567.49');
  assert.equal(parseNumber('0.1')!.value.plus(parseNumber('0.2')!.value).toString(), '0.3');
});

test('dashes and percentages', () => {
  for (const d of ['-', '—', '－', '--', '——']) assert.ok(isDash(d), d);
  assert.ok(!isDash('-3'));
  assert.equal(parsePercent('8.48%')!.value.toString(), '8.48');
  assert.equal(parsePercent('100％')!.decimals, 0);
  assert.equal(parsePercent('≥90%'), undefined);
});

test('converts between 元 and 万元 exactly', () => {
  assert.equal(convert(new Decimal('12462702.17'), '元', '万元').toString(), '1246.270217');
  assert.equal(convert(new Decimal('1246.27'), '万元', '元').toString(), '12462700');
  assert.equal(convert(new Decimal('5'), '元', '元').toString(), '5');
});
