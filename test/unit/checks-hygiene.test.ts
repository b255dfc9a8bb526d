// Wording hygiene: template text left in (placeholder), doubled or clashing punctuation (punctuation), a reason
// announced and not given (missing-reason). The look-alikes are in the annotated fixtures test/fixtures/shapes/wording-*.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LanguageService, analyzeText } from '../../server/src/service.js';
import { checkDocument, type CheckSettings, type Finding } from '../../server/src/checks/index.js';
import { parseTemplateText, templateText } from '../../server/src/catalogue/templateText.js';
import { readMoreDoc } from '../helpers/fixtures.js';
import { quickFixes } from '../../server/src/features/codeActions.js';

const WORDING = new Set(['placeholder', 'punctuation', 'missing-reason']);
const check = (lines: string[], settings: CheckSettings = {}): Finding[] =>
  checkDocument(analyzeText(lines.join('\n')), settings).filter((f) => WORDING.has(f.code));
const at = (f: Finding) => `${f.code}@${f.range.start.line + 1}:${f.range.start.character + 1}`;

test('the data file: every row has its kind, a pattern that compiles and where it was seen', () => {
  const file = readFileSync(join(__dirname, '..', '..', 'server', 'src', 'catalogue', 'data', 'template-text.tsv'), 'utf8');
  const rows = file
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .slice(1)
    .map((l) => l.split('\t'));
  assert.ok(rows.length >= 15);
  for (const [kind, pattern, , example, source] of rows) {
    assert.match(kind, /^(placeholder|instruction|ellipsis-after|reason|doubled)$/, pattern);
    assert.ok(pattern && example, `${kind} ${pattern}: a pattern and an example`);
    assert.ok(source && source.trim().length > 5, `${pattern}: where it was seen`);
    assert.doesNotThrow(() => new RegExp(pattern, 'u'));
  }
  const data = templateText();
  assert.ok(data.placeholders.length >= 5 && data.instructions.length >= 5 && data.doubled.length >= 2);
  assert.throws(() => parseTemplateText('kind\tpattern\nplaceholder\t(unclosed'), /template-text\.tsv:2:/);
});

test('the seeded mistakes of the TESTBAD copy that are wording, by the right rules; its original has none', () => {
  // more-docs/pdf/00_pt_czj_2024_final_TESTBAD.pdf as converted (p.7 heading, p.25 名词解释) against 01's lines
  const bad = check([
    '上海市普陀区财政局2024年度部门决算',
    '',
    '第二部分上海市普陀区XX局2024年度部门决算表',
    '',
    '一、财政拨款收入：指单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。。',
  ]);
  assert.deepEqual(bad.map(at), ['placeholder@3:11', 'punctuation@5:68']);
  assert.equal(bad[0].severity, 1);
  assert.equal(bad[1].severity, 2);
  assert.equal(bad[0].message, '应填入实际内容，此处仍是模板占位符「XX」');
  assert.equal(bad[1].message, '标点「。。」重复，应为一个「。」');
  assert.deepEqual(check(readMoreDoc('01_pt_czj_2024_final.txt').split('\n')), []);
});

test('placeholder: one finding a line, the other template text on it as related locations', () => {
  const [f, ...rest] = check(['二、机构设置', '', '本部门中，行政单位XX家，事业单位X家，具体包括（列示至基层预算单位）：', '1. XX本部']);
  assert.equal(rest.length, 1, 'the next line has its own finding');
  assert.equal(at(f), 'placeholder@3:10');
  assert.equal(f.message, '应填入实际内容，此处仍是模板占位符「XX」（本行另有 2 处模板文字）');
  assert.deepEqual(
    f.relatedInformation!.map((r) => [r.location.range.start.character, r.message]),
    [
      [17, '另一处模板文字「X」'],
      [24, '另一处模板文字「（列示至基层预算单位）」'],
    ],
  );
  assert.equal(f.data!.found, 'XX');
  const [en] = check(['二、机构设置', '', '本部门中，行政单位XX家。'], { locale: 'en' });
  assert.equal(en.message, 'expected the actual content, found the template placeholder “XX”');
});

test('placeholder: a note to the author wrapped over two lines is found whole; a long one is quoted short', () => {
  const [f] = check([
    '七、项目支出',
    '',
    '备注：涉密项目按要求不予公开。（请核实单位是否有涉密项目，',
    '若无涉密项目，则备注写“备注：无”）',
  ]);
  assert.equal(f.code, 'placeholder');
  assert.deepEqual(f.range, { start: { line: 2, character: 15 }, end: { line: 3, character: 18 } });
  assert.equal(f.message, '应删去写给编制人员的模板说明，此处仍有「（请核实单位是否有涉密项目，若无涉密项目，则备注…」');
});

test('placeholder: an ellipsis standing for content, not one that shortens a list or leads a TOC entry', () => {
  const fs = check([
    '部门预算',
    '',
    '目录',
    '一、部门主要职能……………………3',
    '二、XX机构设置……………………4',
    '',
    '一、部门主要职能',
    '',
    '财政拨款支出主要用于……',
    '公用经费主要包括办公费、印刷费……。',
    '主要用于会议、培训……等方面的支出。',
    '2. ……',
  ]);
  assert.deepEqual(fs.map(at), ['placeholder@5:3', 'placeholder@9:11', 'placeholder@12:4']);
  assert.equal(fs[1].message, '应写出具体内容，此处只有省略号「……」');
});

test('punctuation: the quick fix removes one doubled mark; none for a clash or across a line break', () => {
  const uri = 'file:///wording.txt';
  const svc = new LanguageService();
  svc.open(
    uri,
    ['一、职能', '', '贡献商务力量。。围绕上述任务，重点抓好工作，。', '补费50万元。', '', '。', '安排的的专项资金。'].join('\n'),
    1,
  );
  const fs = svc.diagnostics(uri).filter((f) => f.code === 'punctuation');
  assert.deepEqual(fs.map(at), ['punctuation@3:7', 'punctuation@3:22', 'punctuation@6:1', 'punctuation@7:3']);
  const [doubled, clash, acrossLines, word] = fs;
  const [fix] = svc.codeActions(uri, doubled.range);
  assert.equal(fix.title, '删去重复的「。」');
  assert.deepEqual(Object.values(fix.edit.changes)[0], [
    { range: { start: { line: 2, character: 6 }, end: { line: 2, character: 8 } }, newText: '。' },
  ]);
  assert.equal(clash.message, '标点「，。」连用，应只用其中一个');
  // no fix for these: only the two ways to silence the finding
  const silencingOnly = ['忽略此处的该规则（punctuation）', '在本文件中关闭该规则（punctuation）'];
  assert.deepEqual(
    svc.codeActions(uri, clash.range).map((a) => a.title),
    silencingOnly,
  );
  assert.deepEqual(
    svc.codeActions(uri, acrossLines.range).map((a) => a.title),
    silencingOnly,
  );
  assert.equal(word.message, '「的的」重复，应为一个「的」');
  assert.equal(Object.values(svc.codeActions(uri, word.range)[0].edit.changes)[0][0].newText, '的');
  assert.equal(svc.codeActions(uri, doubled.range, { locale: 'en' })[0].title, 'Remove the doubled “。”');
});

test('punctuation: a space after a full-width mark, in text converted from an original; never in plain text', () => {
  // the TESTBAD copy's p.18 line (01's PDF prints no gap there; its pdftotext twin has spaces at every justified gap)
  const line = '本年收入合计2946.25万元，其中： 财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%。';
  const printed = { spacesArePrinted: true };
  const found = check(['一、收入决算情况', '', line], printed);
  assert.deepEqual(found.map(at), ['punctuation@3:20']);
  assert.equal(found[0].message, '全角标点「：」后多了空格（全角标点自带间距，不再加空格）');
  assert.deepEqual(found[0].data?.found, ' ');
  // plain text: its spacing may be another converter's, so it is evidence of nothing
  assert.deepEqual(check(['一、收入决算情况', '', line]), []);
  // look-alikes: a web page's field lines, a contact line, a figure after the mark, a mark ending the line
  const alike = [
    '发布日期：2026-03-19 来源：财政局 浏览次数： 字号：〖默认 大 超大〗',
    '',
    '版权所有： 某某市审计局 地址：某某路1号',
    '',
    '办公室电话： 0431-88777380。',
    '',
    '办公时间：9:00-12:00， 13:00-17:00（工作日）。',
    '',
    '主要原因：',
    ' 人员增加。',
  ];
  assert.deepEqual(check(alike, printed), []);
  // the converted text is read-only in the editor (the fix belongs in the original); the fix the finding carries
  // (for SARIF, and for a copy saved as text) removes the space and keeps the mark
  const uri = 'file:///converted.txt';
  const svc = new LanguageService();
  svc.setOriginal(uri, { origins: [], notes: [] });
  svc.open(uri, ['一、收入决算情况', '', line].join('\n'), 1);
  const [f] = svc.diagnostics(uri).filter((d) => d.code === 'punctuation');
  assert.deepEqual(f.range, found[0].range);
  assert.deepEqual(svc.codeActions(uri, f.range), []);
  const [fix] = quickFixes(uri, [f], f.range);
  assert.equal(fix.title, '删去多余的空格');
  assert.deepEqual(Object.values(fix.edit.changes)[0], [{ range: f.range, newText: '' }]);
  assert.equal(quickFixes(uri, [f], f.range, 'en')[0].title, 'Remove the space');
});

test('punctuation: ASCII marks count outside figures, and `原因：。` is reported once, as the missing reason', () => {
  assert.deepEqual(check(['一、说明', '', '基本支出43,908.7万元,;项目支出10:30。']).map(at), ['punctuation@3:15']);
  assert.deepEqual(check(['一、说明', '', '支出增加的主要原因：。']).map(at), ['missing-reason@3:6']);
});

test('missing-reason: a stop, 其中 or the end of its section right after the announcement', () => {
  const fs = check([
    '一、“三公”经费',
    '',
    '公务用车运行费6.40万元，与上年持平，主要原因是。其中：购置费0.00万元。',
    '公务接待费9.54万元，比上年减少1万元。主要原因是',
    '',
    '其中：',
    '机关运行经费102.18万元，比上年增加7.59万元。主要原因为：',
    '',
    '二、政府采购情况',
    '',
    '委托业务费349万元。主要原因：',
    '（一）人员增加；',
  ]);
  assert.deepEqual(fs.map(at), ['missing-reason@3:21', 'missing-reason@4:22', 'missing-reason@7:28']);
  assert.deepEqual(
    fs.map((f) => f.message),
    [
      '「主要原因是」之后应写明原因，此处却是「。」',
      '「主要原因是」之后应写明原因，此处却直接接「其中：」',
      '「主要原因为：」之后应写明原因，此处却没有下文',
    ],
  );
  const [en] = check(['一、说明', '', '持平，主要原因是。'], { locale: 'en' });
  assert.equal(en.message, 'expected a reason after “主要原因是”, found “。”');
});

test('table rows are never read: placeholders, marks and 原因： in cells are left alone', () => {
  const fs = check([
    '某单位2024年预算',
    '',
    '表1 项目支出表',
    '单位：万元',
    '项目名称\t金额\t原因：',
    'XX-2000型设备购置\t10.00\t更新。。',
    'XX项目\t5.00\t',
  ]);
  assert.deepEqual(fs, []);
});

test('severities come from the rule table; the wording tag or a rule id changes them', () => {
  const lines = ['一、说明', '', '上海市普陀区XX局。。主要原因是。'];
  assert.deepEqual(
    check(lines).map((f) => `${f.code}:${f.severity}`),
    ['placeholder:1', 'punctuation:2', 'missing-reason:2'],
  );
  assert.deepEqual(check(lines, { rules: { wording: 'off' } }), []);
  assert.deepEqual(
    check(lines, { rules: { wording: 'hint', placeholder: 'warning' } }).map((f) => `${f.code}:${f.severity}`),
    ['placeholder:2', 'punctuation:4', 'missing-reason:4'],
  );
});
