import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/service.js';
import { outlineText } from '../../server/src/features/symbols.js';
import type { OutlineNode } from '../../server/src/model/types.js';

const tree = (nodes: OutlineNode[], depth = 0): string[] =>
  nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.name}`, ...tree(n.children, depth + 1)]);
const outline = (...lines: string[]) => tree(analyzeText(lines.join('\n')).outline);

test('parts › sections › subsections, numbered by every style', () => {
  assert.deepEqual(
    outline(
      '第一部分 部门概况',
      '',
      '一、部门主要职责及机构设置',
      '',
      '(一) 部门主要职责',
      '',
      '正文。',
      '',
      '（二）机构设置',
      '',
      '二、部门人员情况说明',
      '',
      '第二部分 收支情况',
      '',
      '三、收支说明',
      '',
      '1、一般公共预算当年拨款规模变化情况。',
      '',
      '(1) 按照部门预算支出经济分类的类级科目说明。',
      '',
      '2、支出按功能科目分类的明细情况。',
    ),
    [
      '第一部分 部门概况',
      '  一、部门主要职责及机构设置',
      '    (一)部门主要职责',
      '    （二）机构设置',
      '  二、部门人员情况说明',
      '第二部分 收支情况',
      '  三、收支说明',
      '    1、一般公共预算当年拨款规模变化情况。',
      '      (1)按照部门预算支出经济分类的类级科目说明。',
      '    2、支出按功能科目分类的明细情况。',
    ],
  );
});

test('the table of contents is one node and its entries are not sections', () => {
  assert.deepEqual(
    outline(
      '某某局 2021 年部门综合预算',
      '',
      '目 录',
      '',
      '第一部分 部门概况',
      '',
      '- 一、部门主要职责',
      '第二部分 收支情况',
      '',
      '第一部分 部门概况',
      '',
      '一、部门主要职责',
      '',
      '正文。',
    ),
    ['目录', '第一部分 部门概况', '  一、部门主要职责'],
  );
});

test('a list restarting inside a section is nested; the outer sequence closes it again', () => {
  assert.deepEqual(
    outline(
      '一、主要职能',
      '',
      '二、工作任务',
      '',
      '一、加强党的建设。',
      '',
      '正文',
      '',
      '二、实施乡村振兴战略。',
      '',
      '三、巩固医疗保障能力。',
      '',
      '四、守牢基金安全防线。',
      '',
      '三、预算单位构成',
    ),
    [
      '一、主要职能',
      '二、工作任务',
      '  一、加强党的建设。',
      '  二、实施乡村振兴战略。',
      '  三、巩固医疗保障能力。',
      '  四、守牢基金安全防线。',
      '三、预算单位构成',
    ],
  );
});

test('list items are not headings: sentences, figures, and the items after them', () => {
  assert.deepEqual(
    outline(
      '2、支出按功能科目分类的明细情况。',
      '',
      '（1）行政运行(2101501)38.15万元，较上年增加23.49万元，原因是调入2名行政人员。',
      '',
      '（2）事业运行(2101550)613万元。',
      '',
      '（3）机构运行',
      '',
      '(九)依据市政府公布的部门"权责清单",依法行使行政职权,承担行政职责。',
      '',
      '(十)完成市委市政府交办的其他任务。',
      '',
      '1.2020年度将规范医疗保险经办机构，实现经办机构合署办公。',
    ),
    ['2、支出按功能科目分类的明细情况。'],
  );
});

test('an enumeration introduced by a sentence is body text', () => {
  assert.deepEqual(outline('本部门中，行政单位1家，事业单位0家，具体包括：', '', '1.财政局本部', '', '2.某某中心'), []);
});

test('tables are children of the section they sit in, named by number, title and unit', () => {
  assert.deepEqual(
    outline(
      '第四部分 公开报表',
      '',
      '表1',
      '',
      '2021年部门综合预算收支总表',
      '',
      '单位：万元',
      '',
      '项目\t预算数',
      '一、部门预算\t2,519.99',
    ),
    ['第四部分 公开报表', '  表1 2021年部门综合预算收支总表 · 万元'],
  );
});

test('headings that drop the TOC numbering are found through the TOC', () => {
  assert.deepEqual(
    outline(
      '目→录'.replace('→', '\t'),
      '',
      '一、部门主要职能 ……………………',
      '二、部门机构设置 ……………………',
      '',
      '上海市普陀区财政局主要职能',
      '',
      '正文。',
      '',
      '上海市普陀区财政局机构设置',
      '',
      '正文。',
    ),
    ['目录', '上海市普陀区财政局主要职能', '上海市普陀区财政局机构设置'],
  );
});

test('Markdown headings: levels follow the numbering; a 第一部分 inside a section of a document without parts nests', () => {
  assert.deepEqual(
    outline(
      '# 某某局',
      '',
      '## 2021 年部门预算信息公开情况说明',
      '',
      '### 一、部门职责',
      '',
      '#### **部门职责：**',
      '',
      '## 二、预算绩效信息',
      '',
      '### 第一部分 部门整体绩效目标',
      '',
      '#### (一) 总体绩效目标',
      '',
      '## 三、名词解释',
    ),
    [
      '某某局',
      '  2021 年部门预算信息公开情况说明',
      '    一、部门职责',
      '      部门职责：',
      '    二、预算绩效信息',
      '      第一部分 部门整体绩效目标',
      '        (一)总体绩效目标',
      '    三、名词解释',
    ],
  );
});

test('section ranges end at their last content line; outline text shows line spans', () => {
  const d = analyzeText(['一、甲', '', '正文', '', '', '二、乙', '正文'].join('\n'));
  assert.deepEqual(
    d.outline.map((n) => [n.range.start.line, n.range.end.line]),
    [
      [0, 2],
      [5, 6],
    ],
  );
  assert.equal(outlineText(d.outline), '一、甲  L1-3\n二、乙  L6-7\n');
});

test('document facts: department, year, kind, default unit', () => {
  const d = analyzeText(
    ['', '渭南市医疗保障局', '2024年部门预算公开说明', '', '单位：元', '', '项目\t预算数', '合计\t12,462,702.17'].join('\n'),
  );
  assert.equal(d.facts.department, '渭南市医疗保障局');
  assert.equal(d.facts.year, 2024);
  assert.equal(d.facts.kind, '预算');
  assert.equal(d.facts.defaultUnit, '元');
  const f = analyzeText('眉县医疗保障局 2020 年部门决算\n').facts;
  assert.deepEqual([f.department, f.year, f.kind], ['眉县医疗保障局', 2020, '决算']);
});
