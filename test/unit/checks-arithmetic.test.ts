// Table arithmetic rules: what they must flag, and the look-alikes they must leave alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Decimal from 'decimal.js';
import { analyzeText, LanguageService } from '../../server/src/service.js';
import { checkDocument, type Finding } from '../../server/src/checks/index.js';

const check = (...lines: string[]): Finding[] => checkDocument(analyzeText(lines.join('\n')));
const codes = (fs: Finding[]) => fs.map((f) => `${f.code}@${f.range.start.line}:${f.range.start.character}`);

const FUNCTION_TABLE = (rows: string[], unit = '万元') => [
  '表5',
  '',
  '2021年部门综合预算一般公共预算支出明细表（按支出功能分类科目）',
  '',
  `单位：${unit}`,
  '',
  '功能科目编码\t功能科目名称\t合计\t人员经费支出\t公用经费支出\t专项业务经费支出',
  '**\t**\t1\t2\t3\t4',
  ...rows,
];

const GOOD_ROWS = [
  '\t合计\t2,519.99\t642.63\t8.52\t1,868.84',
  '210\t卫生健康支出\t2,519.99\t642.63\t8.52\t1,868.84',
  '21015\t医疗保障管理事务\t2,519.99\t642.63\t8.52\t1,868.84',
  '2101501\t行政运行\t651.15\t642.63\t8.52\t-',
  '2101599\t其他医疗保障管理事务支出\t1,868.84\t\t\t1,868.84',
];

test('a correct table is silent', () => {
  assert.deepEqual(check(...FUNCTION_TABLE(GOOD_ROWS)), []);
});

test('a 类 row that is not the sum of its 款 rows, per column, with the difference and the summed cells', () => {
  const rows = [...GOOD_ROWS];
  rows[3] = '2101501\t行政运行\t661.15\t652.63\t8.52\t-';
  const fs = check(...FUNCTION_TABLE(rows));
  const sum = fs.filter((f) => f.code === 'sum-mismatch');
  assert.ok(sum.length >= 2);
  const f = sum.find((x) => x.message.includes('21015'))!;
  assert.match(f.message, /2,519\.99 与下级科目之和 2,529\.99 不符，相差 10\.00/);
  assert.equal(f.severity, 1);
  assert.equal(f.source, 'budget');
  assert.equal(f.relatedInformation!.length, 2, 'points at the two 项 cells it summed');
  assert.equal(f.data!.replacement, '2,529.99');
  assert.equal(f.data!.difference, '-10');
  // the squiggle covers exactly the figure
  const line = FUNCTION_TABLE(rows)[f.range.start.line];
  assert.equal(line.slice(f.range.start.character, f.range.end.character), '2,519.99');
});

test('cross-foot: 合计 = 人员经费 + 公用经费 + 专项 on a row', () => {
  const rows = [...GOOD_ROWS];
  rows[4] = '2101599\t其他医疗保障管理事务支出\t1,868.84\t\t10.00\t1,858.84';
  rows[2] = '21015\t医疗保障管理事务\t2,519.99\t642.63\t18.52\t1,858.84';
  rows[1] = '210\t卫生健康支出\t2,519.99\t642.63\t18.52\t1,858.84';
  rows[0] = '\t合计\t2,519.99\t642.63\t18.52\t1,858.84';
  assert.deepEqual(check(...FUNCTION_TABLE(rows)), [], 'consistent after moving 10.00 between columns');
  rows[3] = '2101501\t行政运行\t651.15\t642.63\t18.52\t-';
  // 18.52 breaks its row (651.15 ≠ 642.63+18.52) and its column (21015's 18.52 ≠ 18.52+10.00) by the same 10.00:
  // one finding, on that cell, with both sums as related locations
  const fs = check(...FUNCTION_TABLE(rows));
  assert.deepEqual(codes(fs), ['sum-mismatch@11:27']);
  assert.match(
    fs[0].message,
    /「2101501 行政运行」「公用经费支出」 18\.52 使.*「2101501 行政运行」「合计」都不平（各相差 10\.00）；若为 8\.52/,
  );
  assert.equal(fs[0].data?.replacement, '8.52');
  const related = fs[0].relatedInformation!.map((r) => `${r.location.range.start.line}:${r.location.range.start.character}`);
  assert.deepEqual(related.sort(), ['10:31', '11:13'], 'the column total (21015) and the row total (行政运行 合计)');
  // with the row alone broken (the column agrees), the row's own cross-foot is reported
  rows[3] = '2101501\t行政运行\t651.15\t642.63\t8.52\t-';
  rows[2] = '21015\t医疗保障管理事务\t2,519.99\t642.63\t18.52\t1,858.84';
  rows[4] = '2101599\t其他医疗保障管理事务支出\t1,868.84\t\t10.00\t1,858.84';
  rows[3] = '2101501\t行政运行\t661.15\t642.63\t8.52\t-';
  const rowOnly = check(...FUNCTION_TABLE(rows));
  const cf = rowOnly.find((f) => f.code === 'crossfoot-mismatch');
  assert.ok(cf, JSON.stringify(codes(rowOnly)));
  assert.match(
    cf.message,
    /「2101501 行政运行」「合计」 661\.15 与「人员经费支出\+公用经费支出\+专项业务经费支出」之和 651\.15 不符，相差 10\.00/,
  );
});

test('rounding: within half a unit per summed item is a hint, just beyond is an error', () => {
  const table = (a: string) =>
    FUNCTION_TABLE([
      `210\t卫生健康支出\t${a}\t\t\t`,
      '21011\t行政事业单位医疗\t1.68\t\t\t',
      '21013\t医疗救助\t172.67\t\t\t',
      '21015\t医疗保障管理事务\t281.32\t\t\t',
    ]);
  // three items and the total, printed to 0.01: tolerance (3 + 1) × 0.005 = 0.02
  const atEdge = check(...table('455.69'));
  assert.deepEqual(
    atEdge.map((f) => [f.code, f.severity]),
    [['rounding', 4]],
  );
  assert.match(atEdge[0].message, /尾差/);
  assert.deepEqual(check(...table('455.67')), [], 'exact');
  const beyond = check(...table('455.70'));
  assert.deepEqual(
    beyond.map((f) => [f.code, f.severity]),
    [['sum-mismatch', 1]],
  );
});

test('其中 rows are never added in; dashes and empty cells count as zero', () => {
  const fs = check(
    '单位：万元',
    '',
    '项目\t预算数\t项目\t预算数',
    '一、部门预算\t100.00\t一、部门预算\t100.00',
    '1、财政拨款\t100.00\t1、卫生健康支出\t100.00',
    '其中：专项资金列入部门预算的项目\t30.00\t2、住房保障支出\t-',
    '2、事业收入\t-\t\t',
    '本年收入合计\t100.00\t本年支出合计\t100.00',
    '上年结转\t0.00\t结转下年\t0.00',
    '收入总计\t100.00\t支出总计\t100.00',
  );
  assert.deepEqual(fs, []);
});

test('summary tables: parent items, year totals, grand totals and the balance', () => {
  const base = [
    '表1',
    '',
    '2021年部门综合预算收支总表',
    '',
    '单位：万元',
    '',
    '收 入\t\t支 出\t',
    '项目\t预算数\t支出功能分类科目\t预算数',
    '一、部门预算\t120.00\t一、部门预算\t120.00',
    '1、财政拨款\t120.00\t1、卫生健康支出\t100.00',
    '2、上级补助收入\t0.00\t2、住房保障支出\t20.00',
    '本年收入合计\t120.00\t本年支出合计\t120.00',
    '上年结转\t5.00\t结转下年\t5.00',
    '收入总计\t125.00\t支出总计\t125.00',
  ];
  assert.deepEqual(check(...base), []);
  const wrongItem = [...base];
  wrongItem[9] = '1、财政拨款\t120.00\t1、卫生健康支出\t120.00';
  const f1 = check(...wrongItem);
  assert.deepEqual(
    f1.map((f) => f.code),
    ['sum-mismatch'],
    'the parent item; 本年支出合计 still equals 一、部门预算',
  );
  assert.match(f1[0].message, /「一、部门预算」 120\.00 与各项之和 140\.00 不符，相差 20\.00/);
  const unbalanced = [...base];
  unbalanced[13] = '收入总计\t125.00\t支出总计\t126.00';
  const f2 = check(...unbalanced);
  assert.ok(
    f2.some((f) => f.code === 'balance-mismatch' && /「支出总计」 126\.00 与「本年支出合计\+结转下年」之和 125\.00/.test(f.message)),
  );
  assert.ok(f2.some((f) => f.code === 'balance-mismatch' && /与「收入总计」 125\.00 不符/.test(f.message)));
});

test('a figure that carries the grand total is named as the likely culprit', () => {
  const fs = check(
    '收入支出决算总表',
    '',
    '公开 01 表',
    '',
    '金额单位：万元',
    '',
    '收 入\t\t支 出\t',
    '项 目\t决算数\t项目\t决算数',
    '1. 一般公共预算财政拨款\t606.81\t1. 一般公共服务支出\t606.81',
    '\t\t2. 卫生健康支出\t600.00',
    '\t\t3. 住房保障支出\t6.81',
    '本年收入合计\t606.81\t本年支出合计\t606.81',
    '收入总计\t606.81\t支出总计\t606.81',
  );
  const f = fs.find((x) => x.code === 'sum-mismatch')!;
  assert.match(f.message, /本年支出合计」 606\.81 与各项之和 1,213\.62 不符，相差 606\.81；差额恰为「1\. 一般公共服务支出」的金额/);
});

test('continued tables and repeated header rows are summed as one table', () => {
  const header = ['功能科目编码\t功能科目名称\t合计'];
  const fs = check(
    '表5',
    '',
    '一般公共预算支出表（按功能分类）',
    '',
    '单位：元',
    '',
    ...header,
    '\t合计\t300.00',
    '210\t卫生健康支出\t300.00',
    '21015\t医疗保障管理事务\t300.00',
    '2101501\t行政运行\t100.00',
    '',
    '表5',
    '',
    '一般公共预算支出表（按功能分类）',
    '',
    '单位：元',
    '',
    ...header,
    '2101550\t事业运行\t200.00',
  );
  assert.deepEqual(fs, []);
});

test('元 tables: exact figures, no spurious rounding', () => {
  const fs = check(
    ...FUNCTION_TABLE(
      [
        '210\t卫生健康支出\t9,639,199.00\t\t\t',
        '21011\t行政事业单位医疗\t286,091.00\t\t\t',
        '21014\t优抚对象医疗\t100,000.00\t\t\t',
        '21015\t医疗保障管理事务\t9,253,108.00\t\t\t',
      ],
      '元',
    ),
  );
  assert.deepEqual(fs, []);
});

test('绩效目标 tables, empty tables and tables of people or dates are never summed as money', () => {
  assert.deepEqual(
    check(
      '表14',
      '',
      '部门预算专项业务经费绩效目标表',
      '',
      '单位：万元',
      '',
      '项目名称\t\t对个人和家庭的补助',
      '资金金额\t\t实施期资金总额：\t1829.87万元',
      '年度绩效指标\t一级指标\t二级指标\t指标内容\t指标值',
      '\t产出指标\t数量指标\t城乡居民医疗保险区级配套\t600万元',
      '\t\t\t成本指标\t1829.87万元',
      '',
      '序号\t单位编码\t单位名称\t时间\t人数\t天数\t金额',
      '1\t611001\t渭南市医疗保障局\t2024年5月1日-10月31日\t50\t2\t10000',
      '2\t611001\t渭南市医疗保障局\t2024年7月1日-12月31日\t100\t2\t18000',
    ),
    [],
  );
});

test('PDF rows: a wrong 类 is found from figures read in order', () => {
  const pdf = (first: string, special = '263.24') =>
    check(
      '表5',
      '',
      '2020年部门综合预算一般公共预算支出明细表（按功能科目分）',
      '金额单位：单位：万元',
      '',
      '功能科目编码 功能科目名称 合计 人员经费支出 公用经费支出 专项业务经费支出 备注',
      '',
      `1 210 卫生健康支出 ${first} 232.77 7.00 2296.99`,
      '',
      `2 　　21011 　　行政事业单位医疗 263.24 0.00 0.00 ${special}`,
      '',
      '3 　　21015 　　医疗保障管理事务 2273.52 232.77 7.00 2033.75',
      '',
    );
  assert.deepEqual(pdf('2536.76'), []);
  const wrongClass = pdf('2546.76');
  assert.deepEqual(
    wrongClass.map((f) => f.code),
    ['sum-mismatch'],
    'by rows and by columns the same figure is wrong: reported once',
  );
  assert.match(wrongClass[0].message, /2,546\.76 与下级科目之和 2,536\.76|2546\.76 与下级科目之和 2536\.76/);
  // 253.24 breaks its row's 合计 and the 类's 专项 column by the same 10.00: one finding on it, 263.24 mends both
  const wrongPart = pdf('2536.76', '253.24');
  assert.deepEqual(
    wrongPart.map((f) => `${f.code}@${f.range.start.line}`),
    ['sum-mismatch@9'],
    JSON.stringify(wrongPart.map((f) => f.message)),
  );
  assert.match(wrongPart[0].message, /253\.24 使.*都不平（各相差 10\.00）；若为 263\.24/);
});

test('cross-table: a 基本支出 table disagreeing with the full table, code by code', () => {
  const full = [
    '部门综合预算一般公共预算支出明细表（按支出功能分类科目）',
    '',
    '单位：元',
    '',
    '功能科目编码\t功能科目名称\t合计\t人员经费支出\t公用经费支出\t专项业务经费支出',
    '2101501\t行政运行\t2,309,714.00\t1,960,047.00\t349,667.00\t',
    '',
  ];
  const basic = (people: string) => [
    '部门综合预算一般公共预算基本支出明细表（按支出功能分类科目）',
    '',
    '单位：元',
    '',
    '功能科目编码\t功能科目名称\t合计\t人员经费支出\t公用经费支出',
    `2101501\t行政运行\t2,309,714.00\t${people}\t349,667.00`,
  ];
  assert.deepEqual(check(...full, ...basic('1,960,047.00')), []);
  const fs = check(...full, ...basic('1,960,000.00'));
  const x = fs.find((f) => f.code === 'cross-table-mismatch');
  assert.ok(x, JSON.stringify(fs.map((f) => f.message)));
  assert.match(
    x.message,
    /1,960,000\.00 与「部门综合预算一般公共预算支出明细表（按支出功能分类科目）」中的 1,960,047\.00 不符，相差 47\.00/,
  );
});

test('severity overrides and turning a rule off', () => {
  const rows = [...GOOD_ROWS];
  rows[3] = '2101501\t行政运行\t661.15\t652.63\t8.52\t-';
  const doc = analyzeText(FUNCTION_TABLE(rows).join('\n'));
  assert.ok(
    checkDocument(doc, { rules: { 'sum-mismatch': 'warning' } })
      .filter((f) => f.code === 'sum-mismatch')
      .every((f) => f.severity === 2),
  );
  assert.equal(checkDocument(doc, { rules: { 'sum-mismatch': 'off' } }).filter((f) => f.code === 'sum-mismatch').length, 0);
  assert.match(checkDocument(doc, { locale: 'en' }).find((f) => f.code === 'sum-mismatch')!.message, /does not equal the sum of/);
});

test('a hover right after an edit answers from its own table, without running every rule over the document', () => {
  const svc = new LanguageService();
  const text = [...FUNCTION_TABLE(GOOD_ROWS), '', '一、收支预算总体情况', '本部门2021年收入预算2,519.99万元。'].join('\n');
  svc.open('u', text);
  svc.diagnostics('u');
  svc.update('u', [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }], 2);
  const line = text.split('\n').findIndex((l) => l.startsWith('210\t'));
  const hover = svc.hover('u', { line, character: 12 });
  assert.match(hover?.contents.value ?? '', /2,519\.99/);
  assert.equal(svc.analysis('u')?.checked, undefined, 'the hover must not have run the full check');
  // once the document has been checked, the hover uses that check
  svc.diagnostics('u');
  assert.match(svc.hover('u', { line, character: 12 })?.contents.value ?? '', /2,519\.99/);
});

// Cut from 表1 收支总表 of a 2026 Shenzhen department budget: under each numbered 类 the 款 and 项 lines are
// unnumbered, so their levels cannot be read from the labels.
const SHENZHEN_SUMMARY = (信访业务 = '1,592.29') => [
  '表1',
  '',
  '收支总表',
  '',
  '单位：万元',
  '',
  '收入\t\t支出\t',
  '项目\t2026年预算数\t项目\t2026年预算数',
  '一、财政拨款\t4,676.96\t一、一般公共服务支出\t3,459.13',
  '1.一般公共预算拨款\t4,676.96\t信访事务\t3,459.13',
  '2.政府性基金预算拨款\t0.00\t行政运行\t1,866.84',
  `3.国有资本经营预算拨款\t0.00\t信访业务\t${信访业务}`,
  '二、财政专户管理资金\t0.00\t二、教育支出\t20.00',
  '三、单位资金\t0.00\t进修及培训\t20.00',
  '\t\t培训支出\t20.00',
  '本年收入合计\t4,676.96\t本年支出合计\t3,479.13',
];

test('unnumbered lines of several levels under a numbered item: silent when a nesting adds up, flagged when none does', () => {
  const sums = (fs: Finding[]) => fs.filter((f) => f.code === 'sum-mismatch').map((f) => f.message);
  assert.deepEqual(sums(check(...SHENZHEN_SUMMARY())), []);
  // 信访业务 off by 100: no reading of 信访事务 › 行政运行 + 信访业务 adds up any more
  const wrong = sums(check(...SHENZHEN_SUMMARY('1,692.29')));
  assert.equal(wrong.length, 1, wrong.join('\n'));
  assert.match(wrong[0], /「一、一般公共服务支出」 3,459\.13/);
});

// Cut from 表四 of the same Chongqing budget: the carry line stands above 收入合计, which therefore includes it.
test('a 收入合计 below 一、本年收入 and 二、上年结转 adds both', () => {
  const table = (total: string) => [
    '表四',
    '',
    '2026年财政拨款收支总体情况表',
    '',
    '单位：万元',
    '',
    '收入\t\t支出\t',
    '项目\t预算数\t项目\t合计',
    '一、本年收入\t181,184.15\t一、本年支出\t192,446.79',
    '（一）一般公共预算资金\t181,184.15\t（一）一般公共服务支出\t192,446.79',
    '二、上年结转\t11,262.64\t二、结转下年\t',
    '（一）一般公共预算拨款\t11,262.64\t\t',
    `收入合计\t${total}\t支出合计\t192,446.79`,
  ];
  assert.deepEqual(
    check(...table('192,446.79'))
      .filter((f) => f.severity <= 2)
      .map((f) => f.message),
    [],
  );
  assert.ok(check(...table('192,446.97')).some((f) => f.code === 'sum-mismatch' || f.code === 'balance-mismatch'));
});

// Cut from 表1 of the 杭州市气象局 budget: the spending side lists 类 › 款 › 项 as plain names, one under another,
// so adding every line counts each figure three times; read as a nesting, the 类 add up to 本年支出合计.
const HANGZHOU_SUMMARY = (行政运行 = '2,617.19', 类 = '5,371.48') => [
  '表1：2026年市级部门收支预算总表',
  '',
  '单位：万元',
  '',
  '收入\t\t支出\t',
  '项目\t预算数\t项目\t预算数',
  '一、财政拨款\t5,753.07\t科学技术支出\t28.00',
  '一般公共预算\t5,753.07\t技术研究与开发\t28.00',
  '政府性基金预算\t\t科技成果转化与扩散\t28.00',
  '二、财政专户管理资金\t\t社会保障和就业支出\t396.67',
  '三、事业收入\t\t行政事业单位养老支出\t396.67',
  '七、其他收入\t123.61\t行政单位离退休\t193.24',
  '\t\t机关事业单位基本养老保险缴费支出\t135.62',
  '\t\t机关事业单位职业年金缴费支出\t67.81',
  '\t\t卫生健康支出\t80.52',
  '\t\t行政事业单位医疗\t80.52',
  '\t\t行政单位医疗\t61.17',
  '\t\t事业单位医疗\t19.35',
  `\t\t自然资源海洋气象等支出\t${类}`,
  '\t\t气象事务\t5,371.48',
  `\t\t行政运行\t${行政运行}`,
  '\t\t气象事业机构\t650.68',
  '\t\t气象服务\t2,103.61',
  '本年收入合计\t5,876.67\t本年支出合计\t5,876.67',
  '上年结转结余\t\t年终结转结余\t',
  '收入总计\t5,876.67\t支出总计\t5,876.67',
];

test('a year total over unnumbered lines of several levels: silent when a nesting adds up, flagged when none does', () => {
  const sums = (fs: Finding[]) => fs.filter((f) => f.code === 'sum-mismatch').map((f) => f.message);
  assert.deepEqual(sums(check(...HANGZHOU_SUMMARY())), []);
  // a 项 off by 50.60: 气象事务 no longer adds up, nor does any other reading
  assert.equal(sums(check(...HANGZHOU_SUMMARY('2,566.59'))).length, 1);
  // a 类 off by 50.60 (杭州市交通运输局 printed 一般公共服务支出 6651.38 over 1.98 + 6,700.00): flagged too
  assert.equal(sums(check(...HANGZHOU_SUMMARY(undefined, '5,320.88'))).length, 1);
});

test('the nested reading of fifty unnumbered lines is found quickly, and a wrong one is refused within bounds', async () => {
  const { nestedReadingAddsUp } = await import('../../server/src/checks/summary.js');
  // 表4 of the 杭州市交通运输局 budget (45 lines under 一、本年支出合计 654,235.22)
  const figures =
    '6701.98 1.98 1.98 6700 6700 18 18 18 22262.08 22232.08 22232.08 30 30 9527.14 58.84 58.84 9456.17 2553.79 888.51 3991.22 2022.66 12.13 12.13 2401.9 2401.9 1400.95 1000.96 437000 211000 211000 226000 226000 165831.11 97453.2 43003.71 927.2 53522.29 177.92 177.92 68200 68000 200 10493 10493 10493'
      .split(' ')
      .map((x) => new Decimal(x));
  const tolerance = new Decimal('0.23');
  const t0 = Date.now();
  assert.equal(nestedReadingAddsUp(figures, new Decimal('654235.22'), tolerance), true);
  const wrong = [...figures];
  wrong[0] = new Decimal('6651.38');
  assert.equal(nestedReadingAddsUp(wrong, new Decimal('654235.22'), tolerance), false);
  assert.ok(Date.now() - t0 < 2000, `${Date.now() - t0} ms`);
});

// Cut from the 2026 上海市海洋监测预报中心 budget: the “三公” table has a single row, so no header reading could be
// confirmed by the rows; its identity (合计 = 因公出国 + 公务接待 + 公务用车购置及运行费) is known and is checked.
const SANGONG = (total: string) => [
  '2026年单位“三公”经费和机关运行经费预算表',
  '',
  '单位:万元',
  '',
  '“三公”经费预算数\t\t\t\t\t\t机关运行经费预算数',
  '合计\t因公出国(境)费\t公务接待费\t公务用车购置及运行费\t\t\t',
  '\t\t\t小计\t购置费\t运行费\t',
  `${total}\t10.00\t0.50\t6.30\t\t6.30\t`,
];

test('the one-row “三公” table is checked by its known identity: silent when it adds up, flagged when not', () => {
  assert.deepEqual(
    check(...SANGONG('16.80')).filter((f) => f.severity <= 2),
    [],
  );
  const wrong = check(...SANGONG('17.80')).filter((f) => f.code === 'crossfoot-mismatch');
  assert.equal(wrong.length, 1, wrong.map((f) => f.message).join('\n'));
  assert.match(wrong[0].message, /17\.80/);
  // a single-row table with an arbitrary header is still not trusted
  assert.deepEqual(
    check('表9', '', '某某表', '', '单位：万元', '', '合计\t甲\t乙', '17.80\t10.00\t0.50').filter((f) => f.severity <= 2),
    [],
  );
});

// 广州 calls its 收支总表 「收支总体情况表」, with 预算 (not 预算数) in its header: it is read as a summary table.
test('a 收支总体情况表 is checked as a summary table', () => {
  const table = (total: string) => [
    '表1',
    '',
    '收支总体情况表',
    '',
    '单位：万元',
    '',
    '收入\t\t支出\t',
    '项目\t预算\t项目\t预算',
    '一、预算拨款\t3,944.08\t一、一般公共服务支出\t2,570.71',
    '二、事业收入\t0.00\t二、社会保障和就业支出\t1,373.37',
    `本年收入合计\t${total}\t本年支出合计\t3,944.08`,
    '上年结转结余\t0.00\t结转结余下年\t0.00',
    `收入总计\t${total}\t支出总计\t3,944.08`,
  ];
  assert.deepEqual(
    check(...table('3,944.08')).filter((f) => f.severity <= 2),
    [],
  );
  assert.ok(
    check(...table('3,954.08')).some((f) => f.severity === 1),
    'a wrong 本年收入合计 is found',
  );
});

// Cut from 表2 收入总表 of the 深圳市信访局 2026 budget: one row, under a three-level header.
const SHENZHEN_INCOME = (total: string) => [
  '表2',
  '',
  '收入总表',
  '',
  '单位：万元',
  '',
  '预算单位\t收入总计\t本年收入\t\t\t\t\t\t\t\t\t上年结余、结转',
  '\t\t财政拨款\t\t\t财政专户管理资金\t单位资金\t\t\t\t\t',
  '\t\t一般公共预算拨款\t政府性基金预算拨款\t国有资本经营预算拨款\t\t事业收入\t事业单位经营收入\t上级补助收入\t附属单位上缴收入\t其他收入\t',
  `深圳市信访局\t${total}\t4,676.96\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t7.34`,
];

test("收入总计 = the year's income + what was carried over is checked even on a one-row 收入总表", () => {
  assert.deepEqual(
    check(...SHENZHEN_INCOME('4,684.30')).filter((f) => f.severity <= 2),
    [],
  );
  const wrong = check(...SHENZHEN_INCOME('4,694.30')).filter((f) => f.code === 'crossfoot-mismatch');
  assert.equal(wrong.length, 1, wrong.map((f) => f.message).join('\n'));
});

// Cut from 长春市信访局 预算表5: 当年预算 小计 printed 0.00 on a row whose 项目支出 is 16.56. One wrong cell is the total
// of one cross-foot (小计 = 基本 + 项目) and a part of the other (合计 = 小计 + 上年结转 小计): one finding, on it.
test('one wrong cell that is the total of one cross-foot and a part of another is reported once, on that cell', () => {
  const table = (subtotal: string) => [
    '预算表5',
    '',
    '本年支出预算表',
    '',
    '单位：万元',
    '',
    '科目编码\t科目名称\t合计\t当年预算\t\t\t上年结转\t\t',
    '\t\t\t小计\t基本支出\t项目支出\t小计\t基本支出\t项目支出',
    '2014001\t行政运行\t903.85\t903.85\t903.85\t0.00\t0.00\t0.00\t0.00',
    '2014004\t信访业务\t30.00\t30.00\t0.00\t30.00\t0.00\t0.00\t0.00',
    `2014099\t其他信访事务支出\t16.56\t${subtotal}\t0.00\t16.56\t0.00\t0.00\t0.00`,
  ];
  assert.deepEqual(
    check(...table('16.56')).filter((f) => f.severity <= 2),
    [],
  );
  const wrong = check(...table('0.00')).filter((f) => f.code === 'crossfoot-mismatch');
  assert.equal(wrong.length, 1, wrong.map((f) => f.message).join('\n'));
  assert.match(wrong[0].message, /「小计」 0\.00/);
});
