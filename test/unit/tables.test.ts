import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/service.js';
import type { Table } from '../../server/src/model/types.js';
import { checkDocument } from '../../server/src/checks/index.js';

const doc = (...lines: string[]) => analyzeText(lines.join('\n'));
const dataRows = (t: Table) => t.rows.filter((r) => r.kind === 'data');
const kinds = (t: Table, i: number) => dataRows(t)[i].cells.map((c) => c.kind);

const TAB_TABLE = [
  '表6',
  '',
  '2021年部门综合预算一般公共预算支出明细表（按支出经济分类科目）',
  '',
  '单位：万元',
  '',
  '部门经济科目编码\t部门经济科目名称\t政府经济科目编码\t政府经济科目名称\t合计\t人员经费支出\t公用经费支出',
  '**\t**\t**\t**\t1\t2\t3',
  '\t合计\t\t\t651.15\t642.63\t8.52',
  '301\t工资福利支出\t501\t机关工资福利支出\t625.74\t625.74\t-',
  '30101\t基本工资\t50101\t工资奖金津补贴\t214.72\t214.72\t',
];

test('a tab-separated table: number, title, unit, header rows, typed cells with exact ranges', () => {
  const d = doc(...TAB_TABLE);
  assert.equal(d.tables.length, 1);
  const t = d.tables[0];
  assert.equal(t.number, '表6');
  assert.equal(t.title, '2021年部门综合预算一般公共预算支出明细表（按支出经济分类科目）');
  assert.equal(t.unit, '万元');
  assert.equal(t.shape, 'tab');
  assert.equal(t.kind, 'money');
  assert.deepEqual(
    t.rows.map((r) => r.kind),
    ['header', 'columnNumbers', 'data', 'data', 'data'],
  );
  assert.deepEqual(kinds(t, 1), ['code', 'text', 'code', 'text', 'amount', 'amount', 'amount']);
  const dash = dataRows(t)[1].cells[6];
  assert.equal(dash.value?.toString(), '0', 'a dash in a numeric column is zero');
  assert.equal(dataRows(t)[2].cells[6].kind, 'empty');
  const cell = dataRows(t)[2].cells[4];
  const at = TAB_TABLE[10].indexOf('214.72');
  assert.equal(at, 25);
  assert.deepEqual(cell.range, { start: { line: 10, character: at }, end: { line: 10, character: at + 6 } });
  assert.equal(cell.decimals, 2);
  assert.deepEqual(t.range.start, { line: 0, character: 0 });
  assert.equal(t.range.end.line, 10);
});

test('a table continued after a page break with its title and header repeated is one table', () => {
  const header = ['收 入\t\t支 出\t', '项目\t预算数\t项目\t预算数'];
  const d = doc(
    '表4',
    '',
    '2021年部门综合预算财政拨款收支总表',
    '',
    '单位：万元',
    '',
    ...header,
    '一、财政拨款\t2,519.99\t一、财政拨款\t2,519.99',
    '1、一般公共预算拨款\t2,519.99\t1、一般公共服务支出\t0.00',
    '',
    '表4',
    '',
    '2021年部门综合预算财政拨款收支总表',
    '',
    '单位：万元',
    '',
    ...header,
    '\t\t18、援助其他地区支出\t0.00',
    '本年收入合计\t2,519.99\t本年支出合计\t2,519.99',
  );
  assert.equal(d.tables.length, 1);
  const t = d.tables[0];
  assert.equal(t.segments.length, 2);
  assert.equal(dataRows(t).length, 4);
  assert.equal(t.rows.filter((r) => r.kind === 'repeatedHeader').length, 2);
  assert.equal(t.headerRows.length, 2);
});

test('a header row repeated inside a table (page break without a title) is marked, not data', () => {
  const d = doc(
    '单位：元',
    '',
    '部门经济科目编码\t部门经济科目名称\t合计',
    '30227\t委托业务费\t42,000.00',
    '',
    '部门经济科目编码\t部门经济科目名称\t合计',
    '30228\t工会经费\t53,000.00',
  );
  const t = d.tables[0];
  assert.deepEqual(
    t.rows.map((r) => r.kind),
    ['header', 'data', 'repeatedHeader', 'data'],
  );
});

test('one-page 绩效目标表 sharing a number are separate tables, and never money', () => {
  const perf = (name: string) => [
    '表13',
    '',
    '部门专项业务经费绩效目标表',
    '',
    `项目名称\t\t${name}`,
    '年度绩效指标\t一级指标\t二级指标\t指标内容\t指标值',
    '\t产出指标\t数量指标\t年度培训\t≥2次',
    '',
  ];
  const d = doc(...perf('医保服务能力大提升'), ...perf('医保基金日常管理经费'));
  assert.equal(d.tables.length, 2);
  for (const t of d.tables) assert.equal(t.kind, 'performance');
});

test('Markdown pipe tables and HTML-ish cells', () => {
  const d = doc(
    '单位：万元',
    '',
    '| 科目编码 | 科目名称 | 合计 |',
    '|---|---|---|',
    '| 210 | 卫生健康支出 | 2,519.99 |',
    '| 21015 | <b>医疗保障管理事务</b> | 2,519.99 |',
  );
  const t = d.tables[0];
  assert.equal(t.shape, 'pipe');
  assert.deepEqual(
    t.rows.map((r) => r.kind),
    ['header', 'separator', 'data', 'data'],
  );
  assert.deepEqual(kinds(t, 1), ['code', 'text', 'amount']);
  assert.equal(dataRows(t)[1].cells[1].text, '医疗保障管理事务');
});

test('PDF-extracted rows: row numbers, wrapped cells, indentation', () => {
  const d = doc(
    '表5',
    '',
    '2020年部门综合预算一般公共预算支出明细表（按功能科目分）',
    '金额单位：单位：万元',
    '',
    '序',
    '号',
    '',
    '功能科目编码 功能科目名称 合计 人员经费支出 公用经费支出 专项业务经费支出 备注',
    '',
    '1 合计 2549.26 232.77 7.00 2309.49',
    '',
    '2 208 社会保障和就业支出 12.50 0.00 0.00 12.50',
    '',
    '3 　　20899',
    '　　其他社会保障和就业',
    '支出',
    '',
    '12.50 0.00 0.00 12.50',
    '',
    '4 　　　　2089901 　　　　其他社会保障和就业支出 12.50 0.00 0.00 12.50',
  );
  const t = d.tables[0];
  assert.equal(t.shape, 'pdf');
  assert.equal(t.unit, '万元');
  const rows = dataRows(t);
  assert.deepEqual(
    rows.map((r) => r.rowNumber),
    [1, 2, 3, 4],
  );
  assert.deepEqual(
    rows[2].cells.map((c) => c.text),
    ['3', '20899', '其他社会保障和就业支出', '12.50', '0.00', '0.00', '12.50'],
  );
  assert.deepEqual(
    rows[2].cells.map((c) => c.kind),
    ['number', 'code', 'text', 'amount', 'amount', 'amount', 'amount'],
  );
  assert.equal(rows[2].line, 14);
  assert.equal(rows[2].endLine, 18);
  assert.equal(rows[3].cells[1].indent, 4);
});

test('split 类/款/项 code columns carry the full code', () => {
  const d = doc(
    '单位：元',
    '',
    '功能分类科目编码\t功能分类科目名称\t合计',
    '201\t一般公共服务支出\t100.00',
    '201\t06\t财政事务\t100.00',
    '201\t06\t01\t行政运行\t100.00',
  );
  const last = dataRows(d.tables[0])[2];
  assert.deepEqual(
    last.cells.slice(0, 3).map((c) => c.code),
    ['201', '20106', '2010601'],
  );
});

test('bare label lines inside a table stay rows, not headings', () => {
  const d = doc(
    '单位：元',
    '',
    '项目\t预算数',
    '一、财政拨款收入\t100.00',
    '',
    '二、事业收入',
    '',
    '三、其他收入',
    '',
    '收入总计\t100.00',
    '',
    '一、正文标题',
  );
  assert.equal(d.tables[0].rows.filter((r) => r.kind === 'data').length, 4);
  assert.deepEqual(
    d.headings.map((h) => h.title),
    ['正文标题'],
  );
});

test('lists of units and catalogues are tables, but not money', () => {
  const d = doc(
    '序号\t单位名称',
    '1\t某某局（本级机关）',
    '2\t某某中心',
    '',
    '目录',
    '',
    '报表\t报表名称\t是否空表',
    '表1\t部门收支总表\t否',
  );
  assert.equal(d.tables.length, 2);
  assert.equal(d.tables[0].kind, 'list');
  assert.equal(d.tables[1].kind, 'catalogue');
  assert.equal(d.tables[1].title, '目录');
  assert.equal(d.toc.length, 0, '目录 above a table is the report catalogue, not a table of contents');
});

test('one tab-separated line without figures is not a table', () => {
  const d = doc('第一部分\t某某局概况', '', '一、主要职能');
  assert.equal(d.tables.length, 0);
  assert.deepEqual(
    d.outline.map((n) => n.name),
    ['第一部分 某某局概况'],
  );
});

test('an empty table (空表) is recognised', () => {
  const d = doc('单位：万元', '', '项目\t预算数', '本年收入合计\t0.00', '本年支出合计\t-');
  assert.ok(d.tables[0].empty);
});

// 广州 and 珠海 budget systems print the code in brackets before the name, in one cell.
test('a code in brackets before its name ([2014001]行政运行) is a code cell and a name cell in the same column', () => {
  const doc = analyzeText(
    [
      '表5',
      '',
      '一般公共预算支出情况表（按功能分类科目）',
      '',
      '单位：万元',
      '',
      '功能科目名称\t小计\t基本支出\t项目支出',
      '合计\t100.00\t60.00\t40.00',
      '[201]一般公共服务支出\t100.00\t60.00\t40.00',
      '[20140]信访事务\t100.00\t60.00\t40.00',
      '[2014001]行政运行\t60.00\t60.00\t0.00',
      '[2014004]信访业务\t40.00\t0.00\t40.00',
    ].join('\n'),
  );
  const row = doc.tables[0].rows.find((r) => r.cells.some((c) => c.text === '行政运行'))!;
  assert.deepEqual(
    row.cells.map((c) => [c.kind, c.text, c.column]),
    [
      ['code', '2014001', 0],
      ['text', '行政运行', 0],
      ['amount', '60.00', 1],
      ['amount', '60.00', 2],
      ['amount', '0.00', 3],
    ],
  );
  assert.deepEqual(
    checkDocument(doc).map((f) => f.code),
    [],
  );
  // and the hierarchy is checked now: a wrong 项 is found
  const wrong = checkDocument(
    analyzeText(
      [
        '表5',
        '',
        '一般公共预算支出情况表（按功能分类科目）',
        '',
        '单位：万元',
        '',
        '功能科目名称\t小计',
        '合计\t100.00',
        '[201]一般公共服务支出\t100.00',
        '[20140]信访事务\t100.00',
        '[2014001]行政运行\t70.00',
        '[2014004]信访业务\t40.00',
      ].join('\n'),
    ),
  );
  assert.ok(
    wrong.some((f) => f.code === 'sum-mismatch' && /20140/.test(f.message)),
    wrong.map((f) => f.message).join('\n'),
  );
});
