// Readability of what the editor shows (#13): the name beside a completed code, the related locations of a broken
// sum without zero rows that cannot be wrong, the computation at the top of a hover, and a two-panel summary's
// figure titled by its own panel's row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, LanguageService } from '../../server/src/service.js';
import { checkDocument, type Finding } from '../../server/src/checks/index.js';
import { readSeed } from '../helpers/fixtures.js';

/** A 类 over four 款, two of them 0.00; the 类 prints `total` against their sum of 25.00. */
const classOfFour = (total: string) =>
  [
    '表1 部门支出总表',
    '单位：万元',
    '科目编码\t科目名称\t合计',
    `201\t一般公共服务支出\t${total}`,
    '20101\t人大事务\t15.00',
    '20102\t政协事务\t0.00',
    '20103\t政府办公厅（室）及相关机构事务\t10.00',
    '20104\t发展与改革事务\t0.00',
  ].join('\n');

const sumFinding = (text: string): Finding => {
  const found = checkDocument(analyzeText(text)).filter((f) => f.code === 'sum-mismatch');
  assert.equal(found.length, 1, 'exactly one broken sum');
  return found[0];
};
const relatedRows = (f: Finding) => (f.relatedInformation ?? []).map((r) => r.location.range.start.line);

test('completion shows the name beside the code and the level at the right (label details), and keeps detail', () => {
  const svc = new LanguageService();
  svc.open(
    'u',
    ['某某局 2024 年部门预算', '', '单位：元', '', '功能科目编码\t功能科目名称\t合计', '2101501\t行政运行\t100.00', '21015'].join('\n'),
  );
  const item = svc.completions('u', { line: 6, character: 5 }).find((i) => i.label === '2101501');
  assert.ok(item, '2101501 is proposed under 21015');
  assert.deepEqual(item.labelDetails, { detail: ' 行政运行', description: '项' });
  assert.equal(item.detail, '行政运行', 'clients without label details still see the name');
  const klass = svc.completions('u', { line: 6, character: 3 }).find((i) => i.label === '210');
  assert.equal(klass?.labelDetails?.description, '类');
});

test('related locations: parts adding up to more than the total leave out the zero rows (a zero cannot be too large)', () => {
  const f = sumFinding(classOfFour('20.00'));
  assert.deepEqual(relatedRows(f), [4, 6], 'only 人大事务 and 政府办公厅');
});

test('related locations: parts adding up to less keep the zero rows, where the missing amount may have been left out', () => {
  const f = sumFinding(classOfFour('30.00'));
  assert.deepEqual(relatedRows(f), [4, 5, 6, 7]);
});

test('related locations: a nonzero row whose amount is the difference explains it, and the zero rows go', () => {
  const f = sumFinding(classOfFour('35.00'));
  assert.match(f.message, /差额恰为「20103/);
  assert.deepEqual(relatedRows(f), [4, 6]);
});

test('related locations within rounding keep every printed figure, 0.00 included (each carries its own rounding)', () => {
  const f = checkDocument(analyzeText(classOfFour('25.01'))).find((x) => x.code === 'rounding');
  assert.ok(f, 'a rounding hint');
  assert.deepEqual(relatedRows(f), [4, 5, 6, 7]);
});

test('the hover on a total shows the computation first, then the cells it adds up', () => {
  const svc = new LanguageService();
  svc.open('u', classOfFour('20.00'));
  const value = svc.hover('u', { line: 3, character: 14 })!.contents.value;
  const lines = value.split('\n');
  const computation = lines.findIndex((l) => l.startsWith('**「201 一般公共服务支出」 = '));
  assert.equal(
    lines[computation],
    '**「201 一般公共服务支出」 = 15.00 + 10.00 = 25.00**（表中 20.00，相差 5.00，容差 0.025；另有 2 项为 0）✗ 不符',
  );
  const cells = lines.indexOf('| 项 | 金额 |');
  assert.ok(computation > 0 && cells > computation, 'the computation comes before the list of cells');
  assert.ok(lines.includes('| 20102 政协事务 | 0.00 |'), 'the list still shows every cell, zeros too');
  const agreeing = new LanguageService();
  agreeing.open('u', classOfFour('25.00'));
  assert.match(
    agreeing.hover('u', { line: 3, character: 14 })!.contents.value,
    /\n\*\*「201 一般公共服务支出」 = 15\.00 \+ 10\.00 = 25\.00\*\*（表中 25\.00；另有 2 项为 0）✓ 相符\n/,
  );
  const en = svc.hover('u', { line: 3, character: 14 }, { locale: 'en' })!.contents.value;
  assert.match(
    en,
    /= 15\.00 \+ 10\.00 = 25\.00\*\* \(printed 20\.00, off by 5\.00, tolerance 0\.025; 2 more items are 0\) ✗ does not agree/,
  );
});

test('a hover on a two-panel summary names the row of the panel the figure is in', () => {
  // 公开01表 收入支出决算总表 of seed 004: 收入 | 决算数 | 支出 | 决算数
  const text = readSeed('004_3a97d65098fc4738.txt');
  const svc = new LanguageService();
  svc.open('u', text);
  const lines = text.split('\n');
  const titleOf = (line: number, nth: number, figure: string) => {
    let at = -1;
    for (let i = 0; i <= nth; i++) at = lines[line].indexOf(figure, at + 1);
    assert.ok(at >= 0, `${figure} on line ${line + 1}`);
    return svc.hover('u', { line, character: at + 1 })!.contents.value.split('\n')[0];
  };
  const totals = lines.findIndex((l) => l.startsWith('本年收入合计\t606.81\t本年支出合计'));
  assert.match(titleOf(totals, 0, '606.81'), /「本年收入合计」/);
  assert.match(titleOf(totals, 1, '606.81'), /「本年支出合计」/);
  assert.doesNotMatch(titleOf(totals, 1, '606.81'), /本年收入合计/);
  // the left panel's 金额 is empty on this row: the empty cell is placed by its column, not read as a label gap
  const social = lines.findIndex((l) => /^8\. 其他收入\t\t8\. 社会保障和就业支出\t46\.33$/.test(l));
  assert.ok(social > 0);
  assert.match(titleOf(social, 0, '46.33'), /「8\. 社会保障和就业支出」/);
  // a row with only the right panel filled
  const health = lines.findIndex((l) => l.startsWith('\t\t9. 卫生健康支出\t'));
  assert.match(titleOf(health, 0, '455.68'), /「9\. 卫生健康支出」/);
});

test('a table with two code–name pairs per row (部门 and 政府 economic codes) is still named by its first pair', () => {
  const svc = new LanguageService();
  svc.open(
    'u',
    [
      '表6 一般公共预算支出明细表（按支出经济分类科目）',
      '单位：万元',
      '部门经济科目编码\t部门经济科目名称\t政府经济科目编码\t政府经济科目名称\t合计',
      '302\t商品和服务支出\t502\t机关商品和服务支出\t20.00',
      '30201\t办公费\t50201\t办公经费\t20.00',
    ].join('\n'),
  );
  const title = svc.hover('u', { line: 4, character: '30201\t办公费\t50201\t办公经费\t'.length + 1 })!.contents.value.split('\n')[0];
  assert.match(title, /「30201 办公费」/);
});
