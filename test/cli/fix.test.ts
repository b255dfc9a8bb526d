// The pieces of `budget-lint --fix` and of the progress line, called directly: which fixes are certain, how several
// go into one text, the diff --fix-dry-run prints, the bytes written back, and when a progress line is drawn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, certainEdits, encodeLike, isCertain, isSlipOf, unifiedDiff } from '../../server/src/cli/fix.js';
import { progressLine, fitLine } from '../../server/src/cli/progress.js';
import { analyzeText } from '../../server/src/service.js';
import { checkDocument, type Finding } from '../../server/src/checks/index.js';
import { ONE_WRONG_CELL } from '../helpers/fixtures.js';

const at = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });
const finding = (code: Finding['code'], range: Finding['range'], replacement: string, extra: Partial<Finding> = {}): Finding => ({
  range,
  severity: 2,
  code,
  source: 'budget',
  message: '',
  data: { replacement },
  ...extra,
});

test('certain fixes: the root cause of several sums, a doubled mark; not a lone sum, a percentage, rounding, or a name that is another word', () => {
  const text = `${ONE_WRONG_CELL}\n\n本部门主要职责是组织实施预算。。\n\n表2 一般公共预算支出表\n单位：万元\n科目编码\t科目名称\t合计\n205\t教育支出\t10.00\n20501\t教育管理事务\t4.00\n20502\t普通教育\t5.00`;
  const findings = checkDocument(analyzeText(text), {}, 'file:///x.txt');
  const certain = certainEdits(findings).map((e) => [e.finding.code, e.edit.newText, e.edit.range.start.line]);
  assert.deepEqual(certain, [
    ['sum-mismatch', '8.00', 4],
    ['punctuation', '。', 7],
  ]);
  // the 205 row's sum is broken too, but its total or either item may be the slip
  const lone = findings.find((f) => f.range.start.line === 12);
  assert.equal(lone?.code, 'sum-mismatch');
  assert.equal(lone?.data?.replacement, '9.00');
  assert.equal(isCertain(lone!), false);
  assert.equal(isCertain(finding('rounding', at(0, 0, 1), '1')), false);
  assert.equal(isCertain(finding('percent-mismatch', at(0, 0, 1), '5%')), false);
  const named = (found: string, official: string) =>
    finding('code-name-mismatch', at(0, 0, 1), official, {
      data: { replacement: official, message: { id: 'code-name', args: { found } } },
    });
  assert.equal(isCertain(named('其他医疗保障管理事物', '其他医疗保障管理事务支出')), true);
  assert.equal(isCertain(named('办公设备购置费', '电费')), false, 'another edition’s or a local name: not a slip');
  assert.equal(isSlipOf('对个人家庭的补助', '对个人和家庭的补助'), true);
  assert.equal(isSlipOf('社会福利和救助', '离休费'), false);
});

test('applyEdits works from the end backwards, keeps CRLF, makes a repeated change once and leaves overlapping ones out', () => {
  const text = 'a 1.00 b 2.00\r\nc 3.00\r\n';
  const e = (range: Finding['range'], newText: string) => ({ finding: finding('sum-mismatch', range, newText), edit: { range, newText } });
  const { text: out, applied } = applyEdits(text, [
    e(at(0, 2, 6), '1.50'),
    e(at(0, 9, 13), '2.50'),
    e(at(1, 2, 6), '3.50'),
    e(at(1, 2, 6), '3.50'),
  ]);
  assert.equal(out, 'a 1.50 b 2.50\r\nc 3.50\r\n');
  assert.deepEqual(
    applied.map((a) => [a.line, a.old, a.new]),
    [
      [0, '1.00', '1.50'],
      [0, '2.00', '2.50'],
      [1, '3.00', '3.50'],
    ],
  );
  const clash = applyEdits(text, [e(at(0, 2, 6), '1.50'), e(at(0, 4, 8), 'x'), e(at(1, 2, 6), '3.50')]);
  assert.equal(clash.text, 'a 1.00 b 2.00\r\nc 3.50\r\n', 'two changes of overlapping text: neither is made');
  // a replacement with a line break is written with the file's own line ending
  assert.equal(applyEdits(text, [e(at(1, 0, 1), 'x\ny')]).text, 'a 1.00 b 2.00\r\nx\r\ny 3.00\r\n');
  // a position outside the text is never applied
  assert.equal(applyEdits(text, [e(at(9, 0, 1), 'z')]).applied.length, 0);
});

test('unifiedDiff prints hunks with three lines of context, like diff -u', () => {
  const old = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'].join('\n') + '\n';
  const changed = old.replace('2\n', 'two\n').replace('11\n', 'eleven\n');
  assert.equal(
    unifiedDiff(old, changed, 'f.txt', 'f.txt'),
    [
      '--- f.txt',
      '+++ f.txt',
      '@@ -1,5 +1,5 @@',
      ' 1',
      '-2',
      '+two',
      ' 3',
      ' 4',
      ' 5',
      '@@ -8,5 +8,5 @@',
      ' 8',
      ' 9',
      ' 10',
      '-11',
      '+eleven',
      ' 12',
      '',
    ].join('\n'),
  );
  assert.equal(unifiedDiff(old, old, 'a', 'b'), '');
  // changes six lines apart share a hunk; a missing final newline is marked
  assert.match(unifiedDiff('a\nb\nc', 'a\nb\nC', 'x', 'x'), /-c\n\\ No newline at end of file\n\+C\n\\ No newline at end of file\n$/);
  assert.equal((unifiedDiff(old, old.replace('3\n', 'three\n').replace('8\n', 'eight\n'), 'x', 'x').match(/^@@/gm) ?? []).length, 1);
});

test('encodeLike writes the text back as it was read: BOM kept, UTF-16 in its byte order', () => {
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  assert.deepEqual(encodeLike('合计', 'utf-8', Buffer.concat([bom, Buffer.from('x')])), Buffer.concat([bom, Buffer.from('合计')]));
  assert.deepEqual(encodeLike('合计', 'utf-8', Buffer.from('x')), Buffer.from('合计'));
  assert.deepEqual(encodeLike('A', 'utf-16le', Buffer.from([0xff, 0xfe])), Buffer.from([0xff, 0xfe, 0x41, 0x00]));
  assert.deepEqual(encodeLike('A', 'utf-16be', Buffer.from([0xfe, 0xff])), Buffer.from([0xfe, 0xff, 0x00, 0x41]));
});

test('the progress line: only on a terminal, only for a long run, erased at the end', () => {
  const sink = (isTTY: boolean) => {
    const written: string[] = [];
    return { isTTY, columns: 40, written, write: (s: string) => written.push(s) > 0 };
  };
  let clock = 0;
  const now = () => clock;
  const pipe = sink(false);
  const p0 = progressLine(pipe, 100, now);
  p0.update(1, 'a.txt');
  p0.clear();
  assert.deepEqual(pipe.written, [], 'never in a pipe or a log');
  const tty = sink(true);
  const short = progressLine(tty, 3, now);
  short.update(1, 'a.txt');
  short.clear();
  assert.deepEqual(tty.written, [], 'three quick files: nothing drawn');
  const many = progressLine(tty, 40, now);
  clock = 100;
  many.update(12, 'docs/a.txt');
  assert.deepEqual(tty.written, ['\r[12/40] docs/a.txt\x1b[K']);
  clock = 110;
  many.update(13, 'docs/b.txt');
  assert.equal(tty.written.length, 1, 'redrawn at most every 80 ms');
  many.clear();
  assert.equal(tty.written.at(-1), '\r\x1b[K');
  const slow = sink(true);
  clock = 0;
  const few = progressLine(slow, 3, now);
  clock = 1500;
  few.update(1, 'big.pdf');
  assert.equal(slow.written.length, 1, 'a run over a second shows progress even for few files');
  const unsized = { isTTY: true, columns: 0, written: [] as string[], write: (x: string) => unsized.written.push(x) > 0 };
  progressLine(unsized, 40, now).update(1, 'docs/a.txt');
  assert.deepEqual(unsized.written, ['\r[1/40] docs/a.txt\x1b[K'], 'a terminal of unknown width is taken as 80 columns');
  assert.equal(fitLine('[1/2] 一二三四五六七八九十.txt', 16), '[1/2] …九十.txt', 'the end kept, CJK counted two columns wide');
});
