// Any input parses without throwing: random unicode, binary junk, huge and half-finished tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeText } from '../../server/src/service.js';
import { documentSymbols } from '../../server/src/features/symbols.js';
import { foldingRanges } from '../../server/src/features/folding.js';
import { decode, NotTextError } from '../../server/src/cli/decode.js';
import { readSeed } from '../helpers/fixtures.js';
import { tableArithmetic } from '../../server/src/checks/tableArithmetic.js';
import { summaryBalances } from '../../server/src/checks/summary.js';
import { crossTable } from '../../server/src/checks/crossTable.js';
import { subjectCodes } from '../../server/src/checks/codes.js';
import { narrative } from '../../server/src/checks/narrative.js';
import { LanguageService } from '../../server/src/service.js';

const RULES = [tableArithmetic, summaryBalances, crossTable, subjectCodes, narrative];

const LINE_PIECES = ['表1', '单位：万元', '合计', '\t', '  ', '　', '一、', '（一）', '(1)', '1.', '第一部分', '目录', '2,519.99', '-', '—', '**', '|', '<b>', '#', '\n', '\r\n', '301', '2101501', '其中：', '%', '万元', '……'];

function exercise(text: string): void {
  const doc = analyzeText(text);
  // every rule on its own (checkDocument would swallow a rule's exception: here it must not happen)
  for (const rule of RULES) rule(doc, { uri: 'u', settings: {}, locale: 'zh', collect: () => undefined });
  const svc = new LanguageService();
  svc.open('u', text);
  for (let line = 0; line < Math.min(doc.lineCount, 30); line += 3) {
    const position = { line, character: line % 7 };
    svc.hover('u', position);
    svc.completions('u', position);
    svc.definition('u', position);
    svc.references('u', position);
    svc.codeActions('u', { start: position, end: position });
  }
  const symbols = documentSymbols(doc.outline);
  const folds = foldingRanges(doc.outline);
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const f of folds) assert.ok(f.startLine >= 0 && f.endLine < lines && f.startLine < f.endLine);
  const walk = (s: typeof symbols): void => s.forEach((x) => { assert.ok(x.range.start.line <= x.selectionRange.start.line); walk(x.children); });
  walk(symbols);
}

test('random unicode text never throws', () => {
  fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (s) => exercise(s)), { numRuns: 300 });
});

test('random sequences of disclosure-like pieces never throw', () => {
  fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom(...LINE_PIECES), fc.string({ maxLength: 6 })), { maxLength: 200 }), (parts) => exercise(parts.join(''))), { numRuns: 300 });
});

test('truncations of a real document (half a table) never throw', () => {
  const text = readSeed('003_3501b10775860d1f.txt');
  fc.assert(fc.property(fc.nat(text.length), fc.nat(text.length), (a, b) => exercise(text.slice(Math.min(a, b), Math.max(a, b)))), { numRuns: 60 });
});

test('binary junk decoded leniently never throws', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => exercise(new TextDecoder('utf-8').decode(bytes))), { numRuns: 200 });
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
  assert.deepEqual(decode(gb), { text: '医疗保障', encoding: 'gb18030' });
  const le = new Uint8Array([0xff, 0xfe, 0x3b, 0x53]);
  assert.equal(decode(le).text, '医');
  assert.throws(() => decode(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])), NotTextError);
  assert.equal(decode(new Uint8Array()).text, '');
});
