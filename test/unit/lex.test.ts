import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chineseNumber, lexLine, plausibleHeadingTitle, splitSpaced } from '../../server/src/parse/lex.js';

test('chinese numerals', () => {
  assert.deepEqual(['一', '十', '十一', '二十', '二十六', '一百零二'].map(chineseNumber), [1, 10, 11, 20, 26, 102]);
});

test('heading candidates of every numbering style', () => {
  const cases: [string, string, number, string][] = [
    ['第一部分 部门概况', 'part', 1, '部门概况'],
    ['第二部分：部门预算收支情况说明', 'part', 2, '部门预算收支情况说明'],
    ['十一、专业名词解释', 'cn', 11, '专业名词解释'],
    ['（三）一般公共预算拨款支出明细情况。', 'paren-cn', 3, '一般公共预算拨款支出明细情况。'],
    ['(一) 收支预算总体情况。', 'paren-cn', 1, '收支预算总体情况。'],
    ['1、一般公共预算当年拨款规模变化情况。', 'arabic', 1, '一般公共预算当年拨款规模变化情况。'],
    ['4．2025年部门财政拨款收支预算总表', 'arabic', 4, '2025年部门财政拨款收支预算总表'],
    ['(2) 按照政府预算支出经济分类的类级科目说明', 'paren-arabic', 2, '按照政府预算支出经济分类的类级科目说明'],
    ['### 一、部门职责及机构设置情况', 'cn', 1, '部门职责及机构设置情况'],
    ['- 五、2021 年部门预算收支说明', 'cn', 5, '2021 年部门预算收支说明'],
  ];
  for (const [text, style, number, title] of cases) {
    const h = lexLine(text).heading;
    assert.ok(h, text);
    assert.equal(h.style, style, text);
    assert.equal(h.number, number, text);
    assert.equal(h.title, title, text);
    assert.ok(h.plausible, text);
  }
});

test('a figure starting a sentence is not item 1', () => {
  assert.equal(lexLine('1.2020年度将规范医疗保险经办机构，实现经办机构合署办公。').heading, undefined);
});

test('sentences, definitions and figures are not plausible headings', () => {
  for (const t of [
    '行政运行(2101501)38.15万元，较上年增加23.49万元，原因是调入2名行政人员。',
    '一般公共预算：是指对以税收为主体的财政收入',
    '党政办公室。负责局机关日常运转。',
    '公务接待费1.90万元',
    '依据市政府公布的部门"权责清单",依法行使行政职权,承担行政职责。',
  ])
    assert.equal(plausibleHeadingTitle(t), false, t);
  for (const t of ['部门概况', '收支预算总体情况。', '机构设置：', '“三公”经费及会议费、培训费情况说明'])
    assert.ok(plausibleHeadingTitle(t), t);
});

test('table numbers, titles and units', () => {
  assert.equal(lexLine('表5').tableNumber?.text, '表5');
  assert.equal(lexLine(' 表1').tableNumber?.text, '表1');
  assert.equal(lexLine('公开 01 表').tableNumber?.text, '公开01表');
  assert.equal(lexLine('详见表5说明').tableNumber, undefined);
  assert.ok(lexLine('2021年部门综合预算收支总表').titleLike);
  assert.ok(lexLine('2021年部门综合预算一般公共预算支出明细表（按支出功能分类科目-不含上年结转）').titleLike);
  assert.ok(!lexLine('本表反映部门本年度的总收支和年末结转结余情况，详见收支总表。').titleLike);
  assert.equal(lexLine('单位：万元').unit?.unit, '万元');
  assert.equal(lexLine('金额单位：单位：万元').unit?.unit, '万元');
  assert.equal(lexLine('金额单位：元').unit?.unit, '元');
  assert.equal(lexLine('编制部门：上海市普陀区财政局\t单位：元').unit?.unit, '元');
  assert.equal(lexLine('2021年本部门预算收入2519.99万元').unit, undefined);
});

test('tab cells keep exact ranges and lexical kinds', () => {
  const l = lexLine('30101\t基本工资\t50101\t工资奖金津补贴\t214.72\t\t-\t**');
  assert.ok(l.cells);
  assert.deepEqual(
    l.cells.map((c) => c.kind),
    ['number', 'text', 'number', 'text', 'number', 'empty', 'dash', 'mark'],
  );
  const c = l.cells[4];
  assert.equal(l.text.slice(c.start, c.end), '214.72');
  assert.equal(c.decimals, 2);
});

test('HTML tags and Markdown pipes', () => {
  const html = lexLine('<b>预算数</b>\t6.60\t<b>其中：财政资金</b>');
  assert.equal(html.cells![0].text, '预算数');
  assert.equal(html.cells![2].text, '其中：财政资金');
  const pipe = lexLine('| 301 | 工资福利支出 | 625.74 |');
  assert.ok(pipe.pipe);
  assert.deepEqual(
    pipe.cells!.map((c) => c.text),
    ['301', '工资福利支出', '625.74'],
  );
  assert.equal(pipe.text.slice(pipe.cells![2].start, pipe.cells![2].end), '625.74');
  assert.ok(lexLine('|---|:---:|---|').separator);
});

test('an amount glued to the next label by one space is two cells', () => {
  const l = lexLine('一、财政拨款收入\t31,214,205.80 一、一般公共服务支出\t22,186,440.80');
  assert.deepEqual(
    l.cells!.map((c) => c.text),
    ['一、财政拨款收入', '31,214,205.80', '一、一般公共服务支出', '22,186,440.80'],
  );
  assert.equal(l.text.slice(l.cells![2].start, l.cells![2].end), '一、一般公共服务支出');
});

test('PDF rows split on spaces; full-width spaces are indentation', () => {
  const cells = splitSpaced('3 　　164001 　　杨陵区医疗保障局 92.04 0.00');
  assert.deepEqual(
    cells.map((c) => c.text),
    ['3', '164001', '杨陵区医疗保障局', '92.04', '0.00'],
  );
  assert.equal(cells[1].indent, 2);
});

test('a heading split by a tab is still a heading', () => {
  const h = lexLine('第一部分\t上海市普陀区财政局概况').heading;
  assert.equal(h?.style, 'part');
  assert.equal(h?.title, '上海市普陀区财政局概况');
});
