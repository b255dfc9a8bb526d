// An edit re-lexes only the blocks it touches, and the result must equal a full re-parse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LexedText, splitLines } from '../../server/src/parse/blocks.js';
import { assemble } from '../../server/src/parse/assemble.js';
import { LanguageService, analyzeText } from '../../server/src/service.js';
import { readSeed, seedFiles } from '../helpers/fixtures.js';
import { checkDocument } from '../../server/src/checks/index.js';

/** Applies an LSP-style edit to a plain string (the reference implementation). */
function applyToString(text: string, sl: number, sc: number, el: number, ec: number, insert: string): string {
  const lines = splitLines(text);
  const offset = (l: number, c: number) => lines.slice(0, l).reduce((n, s) => n + s.length + 1, 0) + Math.min(c, lines[l].length);
  return text.slice(0, offset(sl, sc)) + insert + text.slice(offset(el, ec));
}

const snapshot = (text: string) => JSON.stringify(analyzeText(text));

const FRAGMENTS = [
  '',
  '\n',
  '\n\n',
  '表4',
  '单位：万元',
  '一、',
  '（二）机构设置',
  '\t',
  '2,519.99',
  '合计\t1.00\t2.00',
  '第三部分 其他',
  '目录\n',
  '\t\t0.00\n',
  '   ',
  '1 合计 2549.26 232.77',
  '# 标题\n',
];

test('random edits applied incrementally give the same model as a full parse (seed 000)', () => {
  const base = readSeed('000_1f6e6b9090501f01.txt');
  const lineCount = splitLines(base).length;
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          line: fc.nat(lineCount + 5),
          col: fc.nat(40),
          span: fc.nat(3),
          cols: fc.nat(30),
          text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 })),
        }),
        { minLength: 1, maxLength: 6 },
      ),
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
        assert.equal(
          lexed
            .lines()
            .map((l) => l.text)
            .join('\n'),
          text,
        );
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

test('diagnostics after random edits equal a fresh check of the final text (per-table results are reused safely)', () => {
  const uri = 'file:///doc.txt';
  for (const name of ['000_1f6e6b9090501f01.txt', '004_3a97d65098fc4738.txt']) {
    const base = readSeed(name);
    const baseLines = splitLines(base);
    // most edits land on table rows with figures, where a stale reused result would show
    const figureRows = baseLines.map((l, i) => (/\d\.\d\d/.test(l) ? i : -1)).filter((i) => i >= 0);
    const line = fc.oneof(fc.nat(baseLines.length), fc.constantFrom(...figureRows), fc.constantFrom(...figureRows));
    const text = fc.oneof(fc.constantFrom(...FRAGMENTS, '9', '0.01', '\t', '1,000.00\t'), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(fc.record({ line, col: fc.nat(40), span: fc.nat(2), text }), { minLength: 1, maxLength: 4 }), (edits) => {
        const svc = new LanguageService();
        svc.open(uri, base, 1);
        svc.diagnostics(uri);
        let text = base;
        let version = 1;
        for (const e of edits) {
          const lines = splitLines(text);
          const sl = Math.min(e.line, lines.length - 1);
          const el = Math.min(sl + e.span, lines.length - 1);
          const sc = Math.min(e.col, lines[sl].length);
          const ec = el === sl ? Math.max(sc, Math.min(sc + 3, lines[el].length)) : Math.min(e.col, lines[el].length);
          svc.update(uri, [{ range: { start: { line: sl, character: sc }, end: { line: el, character: ec } }, text: e.text }], ++version);
          text = applyToString(text, sl, sc, el, ec, e.text);
          assert.equal(JSON.stringify(svc.diagnostics(uri)), JSON.stringify(checkDocument(analyzeText(text), {}, uri)));
        }
      }),
      { numRuns: 40 },
    );
  }
});

test('a keystroke in prose reuses the arithmetic findings of every table it did not touch', () => {
  const uri = 'file:///doc.txt';
  const base = readSeed('000_1f6e6b9090501f01.txt');
  const svc = new LanguageService();
  svc.open(uri, base, 1);
  const before = svc.diagnostics(uri).filter((f) => f.code === 'sum-mismatch');
  const beforeLines = before.map((f) => f.range.start.line);
  assert.ok(before.length > 0);
  svc.update(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'X' }], 2);
  const after = svc.diagnostics(uri).filter((f) => f.code === 'sum-mismatch');
  assert.equal(after.length, before.length);
  after.forEach((f, i) => assert.equal(f, before[i], 'the same Finding object, not a recomputed one'));
  // a new line above the tables moves them: their findings are recomputed at the new lines
  svc.update(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }], 3);
  const moved = svc.diagnostics(uri).filter((f) => f.code === 'sum-mismatch');
  assert.deepEqual(
    moved.map((f) => f.range.start.line),
    beforeLines.map((l) => l + 1),
  );
});

test('a figure changed inside a table re-checks that table', () => {
  const uri = 'file:///doc.txt';
  const table = [
    '表1 支出表',
    '单位：万元',
    '科目编码\t科目名称\t金额',
    '201\t一般公共服务支出\t30.00',
    '20101\t人大事务\t10.00',
    '20102\t政协事务\t20.00',
    '合计\t\t30.00',
  ];
  const svc = new LanguageService();
  svc.open(uri, table.join('\n'), 1);
  assert.deepEqual(
    svc.diagnostics(uri).map((f) => f.code),
    [],
  );
  const line = 5;
  svc.update(uri, [{ range: { start: { line, character: 11 }, end: { line, character: 13 } }, text: '25' }], 2);
  assert.equal(svc.text(uri)!.split('\n')[line], '20102\t政协事务\t25.00');
  assert.ok(
    svc.diagnostics(uri).some((f) => f.code === 'sum-mismatch'),
    'the edited table is checked again',
  );
  svc.update(uri, [{ range: { start: { line, character: 11 }, end: { line, character: 13 } }, text: '20' }], 3);
  assert.deepEqual(
    svc.diagnostics(uri).map((f) => f.code),
    [],
  );
});
