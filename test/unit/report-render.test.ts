// The table renderer shared by the preview and the HTML report (server/src/report/): grid shape, marked cells,
// computed sums, positions, escaping; and the composition the charts are drawn from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/service.js';
import { checkDocument, type Computation } from '../../server/src/checks/index.js';
import { tableGrid, tableGridHtml } from '../../server/src/report/grid.js';
import { previewContent } from '../../server/src/report/preview.js';
import { composition } from '../../server/src/report/composition.js';
import { contextHtml } from '../../server/src/report/html.js';
import { csvField, parseCsv } from '../../server/src/report/csv.js';
import { ONE_WRONG_CELL } from '../helpers/fixtures.js';

function checked(text: string) {
  const doc = analyzeText(text);
  const computations: Computation[] = [];
  const findings = checkDocument(doc, {}, 'file:///t.txt', (c) => computations.push(c));
  return { doc, findings, computations };
}

test('a table becomes a grid: every row as wide as the widest, each cell in its column, with its line and character', () => {
  const { doc, findings, computations } = checked(ONE_WRONG_CELL);
  const grid = tableGrid(doc.tables[0], findings, computations);
  assert.equal(grid.width, 5);
  assert.ok(grid.rows.every((r) => r.cells.length === 5));
  assert.deepEqual(
    grid.rows.map((r) => r.kind),
    ['header', 'data', 'data', 'data'],
  );
  const nine = grid.rows[2].cells[3]!;
  assert.equal(nine.text, '9.00');
  // line 4 of the text (0-based), after `20101\t人大事务\t12.00\t`
  assert.equal(nine.line, 4);
  assert.equal(nine.character, '20101\t人大事务\t12.00\t'.length);
  assert.equal(nine.endCharacter, nine.character + 4);
});

test('the cell with a finding is marked with its severity and messages; the others are not', () => {
  const { doc, findings, computations } = checked(ONE_WRONG_CELL);
  const grid = tableGrid(doc.tables[0], findings, computations);
  const nine = grid.rows[2].cells[3]!;
  assert.equal(nine.severity, 1);
  assert.match(nine.messages.join(), /若为 8\.00/);
  assert.equal(grid.rows[3].cells[3]!.severity, undefined);
  const html = tableGridHtml(grid, 'zh');
  assert.match(html, /<td class="c k-amount sev-error" data-line="4" data-character="\d+" data-end-character="\d+" title="[^"]*若为 8\.00/);
  assert.equal((html.match(/sev-error/g) ?? []).length, 1);
});

test('the sums the checks computed are shown beside the figures they compared, with their verdict', () => {
  const { doc, findings, computations } = checked(ONE_WRONG_CELL);
  const grid = tableGrid(doc.tables[0], findings, computations);
  // 201's 基本支出 20.00 against its children 9.00 + 12.00 = 21.00
  const basic = grid.rows[1].cells[3]!;
  assert.equal(basic.text, '20.00');
  assert.ok(
    basic.sums.some((s) => s.expected === '21.00' && s.verdict === 'mismatch'),
    JSON.stringify(basic.sums),
  );
  // 202's 合计 18.00 = 12.00 + 6.00 holds
  const total = grid.rows[3].cells[2]!;
  assert.ok(total.sums.length > 0 && total.sums.every((s) => s.verdict === 'equal'), JSON.stringify(total.sums));
  const html = tableGridHtml(grid, 'zh');
  assert.match(html, /<span class="sum v-mismatch" title="[^"]*">Σ 21\.00<\/span>/);
});

test('a PDF row whose empty cells were dropped is placed in order, padded to the grid', () => {
  const text = [
    '表1 支出表',
    '单位：万元',
    '科目编码\t科目名称\t合计\t基本支出\t项目支出',
    '201\t一般公共服务支出\t30.00\t20.00\t10.00',
    '20101\t人大事务\t12.00',
  ].join('\n');
  const { doc, findings, computations } = checked(text);
  const grid = tableGrid(doc.tables[0], findings, computations);
  const last = grid.rows[grid.rows.length - 1];
  assert.equal(last.cells.length, grid.width);
  assert.deepEqual(
    last.cells.map((c) => c?.text),
    ['20101', '人大事务', '12.00', undefined, undefined],
  );
});

test('everything taken from the document is escaped', () => {
  const text = ['表1 <script>alert(1)</script>支出表', '单位：万元', '科目编码\t科目名称\t合计', '201\t"一般"&<img src=x>\t30.00'].join(
    '\n',
  );
  const { doc, findings, computations } = checked(text);
  const { html } = previewContent(doc, findings, computations, 'zh');
  assert.doesNotMatch(html, /<script>alert|<img /);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(contextHtml('a<b>\tc', 1, 4), /^a<mark>&lt;b&gt;<\/mark> │ c$/);
});

test('the composition is read from the function table: 类 rows, and 基本/项目 from the columns so headed', () => {
  const text = [
    '2025年某局部门预算',
    '',
    '表5 2025年部门一般公共预算支出功能分类预算表',
    '单位：万元',
    '科目编码\t科目名称\t合计\t基本支出\t项目支出',
    '201\t一般公共服务支出\t30.00\t20.00\t10.00',
    '20101\t人大事务\t30.00\t20.00\t10.00',
    '208\t社会保障和就业支出\t5.50\t5.50\t',
    '20805\t行政事业单位养老支出\t5.50\t5.50\t',
  ].join('\n');
  const doc = analyzeText(text);
  const c = composition(doc);
  assert.deepEqual(
    c.byClass?.slices.map((s) => [s.label, s.value]),
    [
      ['201 一般公共服务支出', '30'],
      ['208 社会保障和就业支出', '5.5'],
    ],
  );
  assert.deepEqual(
    c.basicProject?.slices.map((s) => s.value),
    ['25.5', '10'],
  );
  assert.equal(c.sangong, undefined);
});

test('CSV fields: quoted when they must be, a formula never left for Excel to run, parsed back as written', () => {
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "x"'), '"say ""x"""');
  assert.equal(csvField('=SUM(A1)'), "'=SUM(A1)");
  assert.equal(csvField('-47.5'), '-47.5');
  const row = ['a,b', 'say "x"', 'two\nlines', '=SUM(A1)', '-47.5', '中文'];
  assert.deepEqual(parseCsv('\uFEFF' + row.map(csvField).join(',') + '\r\n'), [row]);
});
