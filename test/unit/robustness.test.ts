// Any input parses without throwing: random unicode, binary junk, huge and half-finished tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeText } from '../../server/src/service.js';
import { decode, NotTextError } from '../../server/src/import/text.js';
import { readSeed, readMoreDoc } from '../helpers/fixtures.js';
import { exercise, lineMutations, LINE_PIECES } from '../helpers/exercise.js';

test('random unicode text never throws', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (s) => exercise(s)),
    { numRuns: 300 },
  );
});

test('random sequences of disclosure-like pieces never throw', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.constantFrom(...LINE_PIECES), fc.string({ maxLength: 6 })), { maxLength: 200 }), (parts) =>
      exercise(parts.join('')),
    ),
    { numRuns: 300 },
  );
});

test('truncations of a real document (half a table) never throw', () => {
  const text = readSeed('003_3501b10775860d1f.txt');
  fc.assert(
    fc.property(fc.nat(text.length), fc.nat(text.length), (a, b) => exercise(text.slice(Math.min(a, b), Math.max(a, b)))),
    { numRuns: 60 },
  );
});

test('a title and unit line pasted twice in a row parse (was: a table segment with no rows read at [0])', () => {
  const text = '2020年部门综合预算收入总表\n单位：元\n2020年部门综合预算收入总表\n单位：元\n计\n';
  exercise(text);
  const doc = analyzeText(text);
  assert.ok(doc.tables.length >= 1);
});

test('line-level edits of real documents (lines duplicated, deleted, moved, cut, joined) never throw', () => {
  for (const text of [readSeed('000_1f6e6b9090501f01.txt'), readMoreDoc('04_pt_czj_2025_dept_budget.txt')]) {
    fc.assert(
      fc.property(lineMutations(text), (t) => exercise(t)),
      { numRuns: 40, seed: 8 },
    );
  }
});

test('binary junk decoded leniently never throws', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => exercise(new TextDecoder('utf-8').decode(bytes))),
    { numRuns: 200 },
  );
});

test('5 MB of repeated tables parses', () => {
  const seed = readSeed('001_be18d6bea231d86c.txt');
  const big = seed.repeat(Math.ceil((5 * 1024 * 1024) / (seed.length * 3)));
  assert.ok(big.length * 3 >= 5 * 1024 * 1024 * 0.9);
  const doc = analyzeText(big);
  assert.ok(doc.tables.length > 100);
});

test('decoding: UTF-8 with and without BOM, GB18030, UTF-16, binary', () => {
  const text = '渭南市医疗保障局 2024年部门预算';
  const utf8 = new TextEncoder().encode(text);
  assert.equal(decode(utf8).text, text);
  assert.equal(decode(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])).text, text);
  // 医疗保障 in GB18030
  const gb = new Uint8Array([0xd2, 0xbd, 0xc1, 0xc6, 0xb1, 0xa3, 0xd5, 0xcf]);
  assert.deepEqual(decode(gb), { text: '医疗保障', encoding: 'gb18030', replacedLines: [] });
  const le = new Uint8Array([0xff, 0xfe, 0x3b, 0x53]);
  assert.equal(decode(le).text, '医');
  assert.throws(() => decode(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])), NotTextError);
  assert.equal(decode(new Uint8Array()).text, '');
});

test('one stray byte in a UTF-8 file: still UTF-8, the byte replaced and its line reported (was: the whole file read as GB18030)', () => {
  const text = readSeed('001_be18d6bea231d86c.txt');
  const bytes = Buffer.from(text, 'utf8');
  const at = bytes.indexOf(Buffer.from('\n')) + 1; // the start of line 1
  const broken = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]);
  const d = decode(broken);
  assert.equal(d.encoding, 'utf-8');
  assert.deepEqual(d.replacedLines, [1]);
  assert.equal(d.text.replace('\ufffd', ''), text);
  // real GBK text is still read as GB18030
  const gbk = new Uint8Array([0xd2, 0xbd, 0xc1, 0xc6, 0xb1, 0xa3, 0xd5, 0xcf, 0x0a, 0xb2, 0xbf, 0xc3, 0xc5, 0xd4, 0xa4, 0xcb, 0xe3]);
  assert.deepEqual(decode(gbk), { text: '医疗保障\n部门预算', encoding: 'gb18030', replacedLines: [] });
});

test('a NUL byte after the first 8 KB becomes U+FFFD, never a raw control character in the text', () => {
  const bytes = Buffer.concat([Buffer.from('表1\n'.repeat(3000), 'utf8'), Buffer.from([0x00]), Buffer.from('合计', 'utf8')]);
  const d = decode(bytes);
  assert.ok(!d.text.includes('\u0000'));
  assert.ok(d.text.endsWith('\ufffd合计'));
  assert.deepEqual(d.replacedLines, [3000]);
});
