// An edit re-lexes only the blocks it touches, and the result must equal a full re-parse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LexedText, splitLines } from '../../server/src/parse/blocks.js';
import { assemble } from '../../server/src/parse/assemble.js';
import { LanguageService, analyzeText } from '../../server/src/service.js';
import { readSeed, seedFiles } from '../helpers/fixtures.js';

/** Applies an LSP-style edit to a plain string (the reference implementation). */
function applyToString(text: string, sl: number, sc: number, el: number, ec: number, insert: string): string {
  const lines = splitLines(text);
  const offset = (l: number, c: number) => lines.slice(0, l).reduce((n, s) => n + s.length + 1, 0) + Math.min(c, lines[l].length);
  return text.slice(0, offset(sl, sc)) + insert + text.slice(offset(el, ec));
}

const snapshot = (text: string) => JSON.stringify(analyzeText(text));

const FRAGMENTS = ['', '\n', '\n\n', '表4', '单位：万元', '一、', '（二）机构设置', '\t', '2,519.99', '合计\t1.00\t2.00', '第三部分 其他', '目录\n', '\t\t0.00\n', '   ', '1 合计 2549.26 232.77', '# 标题\n'];

test('random edits applied incrementally give the same model as a full parse (seed 000)', () => {
  const base = readSeed('000_1f6e6b9090501f01.txt');
  const lineCount = splitLines(base).length;
  fc.assert(
    fc.property(
      fc.array(fc.record({ line: fc.nat(lineCount + 5), col: fc.nat(40), span: fc.nat(3), cols: fc.nat(30), text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 })) }), { minLength: 1, maxLength: 6 }),
      (edits) => {
        const lexed = LexedText.parse(base);
        let text = base;
        for (const e of edits) {
          const lines = splitLines(text);
          const sl = Math.min(e.line, lines.length - 1);
          const el = Math.min(sl + e.span, lines.length - 1);
          const sc = Math.min(e.col, lines[sl].length);
          const ec = el === sl ? Math.min(Math.max(sc, e.cols), lines[el].length) : Math.min(e.cols, lines[el].length);
          lexed.applyEdit({ range: { start: { line: sl, character: sc }, end: { line: el, character: ec } }, text: e.text });
          text = applyToString(text, sl, sc, el, ec, e.text);
        }
        assert.equal(lexed.lines().map((l) => l.text).join('\n'), text);
        assert.equal(JSON.stringify(assemble(lexed.lines())), snapshot(text));
      },
    ),
    { numRuns: 150 },
  );
});

test('an edit inside one table re-lexes a few blocks, not the document', () => {
  const base = readSeed('001_be18d6bea231d86c.txt');
  const lexed = LexedText.parse(base);
  const total = lexed.blocks.length;
  const line = splitLines(base).findIndex((l) => l.startsWith('2101501\t行政运行'));
  const relexed = lexed.applyEdit({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'X' });
  assert.ok(total > 100);
  assert.ok(relexed <= 3, `re-lexed ${relexed} of ${total} blocks`);
});

test('the language service applies a sequence of LSP changes (ranged and full) like a full parse', () => {
  for (const name of seedFiles()) {
    const base = readSeed(name);
    const svc = new LanguageService();
    svc.open('file:///doc.txt', base, 1);
    const lines = splitLines(base);
    const mid = Math.floor(lines.length / 2);
    const changes = [
      { range: { start: { line: mid, character: 0 }, end: { line: mid + 2, character: 0 } }, text: '' },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '新增标题\n\n' },
    ];
    svc.update('file:///doc.txt', changes, 2);
    let expected = applyToString(base, mid, 0, mid + 2, 0, '');
    expected = applyToString(expected, 0, 0, 0, 0, '新增标题\n\n');
    assert.equal(svc.text('file:///doc.txt'), expected, name);
    assert.equal(JSON.stringify(svc.analysis('file:///doc.txt')!.document), snapshot(expected), name);
    svc.update('file:///doc.txt', [{ text: base }], 3);
    assert.equal(JSON.stringify(svc.analysis('file:///doc.txt')!.document), snapshot(base), name);
  }
});
