// The TextMate grammar, tokenised offline with vscode-textmate + the Oniguruma wasm shipped in its package.
// Sample lines are taken from the real documents (test/fixtures/seeds) but written out here.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

let grammar: textmate.IGrammar;

before(async () => {
  const wasm = readFileSync(join(require.resolve('vscode-oniguruma'), '..', 'onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () =>
      textmate.parseRawGrammar(
        readFileSync(join(__dirname, '..', '..', 'syntaxes', 'budget-disclosure.tmLanguage.json'), 'utf8'),
        'grammar.json',
      ),
  });
  grammar = (await registry.loadGrammar('text.budget-disclosure'))!;
});

/** Scopes of the token covering the `nth` occurrence of `fragment` in `line`. */
function scopesOf(line: string, fragment: string, nth = 0): string[] {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = line.indexOf(fragment, at + 1);
  assert.ok(at >= 0, `${fragment} not in ${line}`);
  const { tokens } = grammar.tokenizeLine(line, textmate.INITIAL);
  const token = tokens.find((t) => t.startIndex <= at && at < t.endIndex)!;
  return token.scopes;
}
/** The exact text of the token covering `fragment`. */
function tokenText(line: string, fragment: string): string {
  const at = line.indexOf(fragment);
  const { tokens } = grammar.tokenizeLine(line, textmate.INITIAL);
  const token = tokens.find((t) => t.startIndex <= at && at < t.endIndex)!;
  return line.slice(token.startIndex, token.endIndex);
}
const has = (scopes: string[], prefix: string) => scopes.some((s) => s.startsWith(prefix));
const CODE = 'constant.other.subject-code';
const AMOUNT = 'constant.numeric.amount';

test('the grammar file is valid JSON with the contributed scope name', () => {
  const raw = JSON.parse(readFileSync(join(__dirname, '..', '..', 'syntaxes', 'budget-disclosure.tmLanguage.json'), 'utf8'));
  assert.equal(raw.scopeName, 'text.budget-disclosure');
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
  assert.equal(pkg.contributes.grammars[0].scopeName, raw.scopeName);
});

test('headings: parts, 一、, （一）/(一), 1./1、, （1）, Markdown #', () => {
  assert.ok(has(scopesOf('第一部分 部门概况', '部门概况'), 'markup.heading.part'));
  assert.ok(has(scopesOf('第一部分 部门概况', '第一部分'), 'entity.name.section'));
  assert.ok(has(scopesOf('第二部分：部门预算收支情况说明', '收支'), 'markup.heading.part'));
  assert.ok(has(scopesOf('一、部门主要职责及机构设置', '部门'), 'markup.heading'));
  assert.ok(has(scopesOf('一、部门主要职责及机构设置', '一、'), 'punctuation.definition.heading'));
  assert.ok(has(scopesOf('五、2021 年部门预算收支说明', '收支说明'), 'markup.heading'), 'a heading may start with a year');
  assert.ok(has(scopesOf('（三）一般公共预算拨款支出明细情况。', '一般'), 'markup.heading'));
  assert.ok(has(scopesOf('(一) 部门主要职责', '职责'), 'markup.heading'));
  assert.ok(has(scopesOf('1、一般公共预算当年拨款规模变化情况。', '一般'), 'markup.heading'));
  assert.ok(has(scopesOf('3. 支出按经济科目分类的明细情况', '支出'), 'markup.heading'));
  assert.ok(has(scopesOf('## 2、支出说明', '支出'), 'markup.heading.markdown'));
  assert.ok(has(scopesOf('# 高邑县医疗保障局', '高邑县'), 'markup.heading.markdown'));
});

test('not headings: sentences, list items, definitions, table cells', () => {
  assert.ok(!has(scopesOf('（1）行政运行(2101501)38.15万元，较上年增加23.49万元', '行政运行'), 'markup.heading'), 'a sentence');
  assert.ok(!has(scopesOf('7. 负责管理全区的药品采购、结算和配送。', '负责'), 'markup.heading'), 'an enumeration under 1.');
  assert.ok(
    !has(scopesOf('八、上级补助收入：是指事业单位从主管部门和上级单位取得的非财政拨款收入。', '上级'), 'markup.heading'),
    'a 名词解释 definition',
  );
  assert.ok(!has(scopesOf('\t\t23、灾害防治及应急管理支出\t\t\t\t\t', '灾害'), 'markup.heading'), 'a numbered row label inside a table');
  assert.ok(!has(scopesOf('\t\t10. 节能环保支出\t', '节能'), 'markup.heading'));
});

test('document titles', () => {
  assert.ok(has(scopesOf('2024年部门预算公开说明', '公开说明'), 'markup.heading.title'));
  assert.ok(has(scopesOf('眉县医疗保障局 2020 年部门决算', '眉县'), 'markup.heading.title'));
  assert.ok(has(scopesOf('眉县医疗保障局 2020 年部门决算', '2020'), 'constant.other.date'));
  assert.ok(!has(scopesOf('- 三、部门预算单位构成', '部门'), 'markup.heading.title'), 'a table-of-contents entry');
});

test('table numbers, titles, units', () => {
  assert.ok(has(scopesOf('表5', '表5'), 'entity.name.type.table-number'));
  assert.ok(has(scopesOf(' 表1', '表1'), 'entity.name.type.table-number'));
  assert.ok(has(scopesOf('公开 01 表', '01'), 'entity.name.type.table-number'));
  assert.ok(has(scopesOf('公开01表', '公开'), 'entity.name.type.table-number'));
  assert.ok(has(scopesOf('2021年部门综合预算收支总表', '收支总表'), 'entity.name.type.table-title'));
  assert.ok(has(scopesOf('一般公共预算财政拨款基本支出决算表（按经济分类科目）', '按经济'), 'entity.name.type.table-title'));
  assert.ok(!has(scopesOf('本部门无政府性基金预算收支，并已公开空表。', '空表'), 'entity.name.type'), 'a sentence ending in 表');
  assert.ok(has(scopesOf('单位：万元', '万元'), 'keyword.other.unit'));
  assert.ok(has(scopesOf('金额单位：元', '元'), 'keyword.other.unit'));
  assert.ok(has(scopesOf('金额单位：单位：万元', '万元'), 'keyword.other.unit'));
  assert.ok(has(scopesOf('编制单位：上海市财政局\t单位：元', '元'), 'keyword.other.unit'));
  assert.ok(!has(scopesOf('编制单位：上海市财政局\t单位：元', '上海'), 'keyword.other.unit'));
  assert.ok(has(scopesOf('资金金额 （万元）\t实施期资金总额：\t47.5', '万元'), 'keyword.other.unit'));
});

test('total rows: every total label is bold, amounts stay amounts', () => {
  const row = '本年收入合计\t2,519.99\t本年支出合计\t2,519.99';
  assert.ok(has(scopesOf(row, '本年收入合计'), 'markup.bold.total'));
  assert.ok(has(scopesOf(row, '本年支出合计'), 'markup.bold.total'));
  assert.ok(has(scopesOf(row, '2,519.99'), AMOUNT));
  assert.ok(has(scopesOf('\t合计\t\t\t2,519.99\t642.63', '合计'), 'markup.bold.total'));
  assert.ok(has(scopesOf('小 计\t12.00', '小 计'), 'markup.bold.total'));
  assert.ok(
    has(scopesOf('33 本年收入合计 2549.26 本年支出合计 2549.26', '本年支出合计'), 'markup.bold.total'),
    'PDF row with a row number',
  );
  assert.ok(!has(scopesOf('功能分类科目名称\t合计\t基本支出', '合计'), 'markup.bold.total'), 'a header row is not a total row');
});

test('subject codes and amounts in a tab-separated row', () => {
  const row = '2101501\t行政运行\t2,309,714.00\t1,960,047.00\t349,667.00';
  assert.ok(has(scopesOf(row, '2101501'), CODE));
  assert.equal(tokenText(row, '2101501'), '2101501');
  assert.ok(has(scopesOf(row, '2,309,714.00'), AMOUNT));
  assert.equal(tokenText(row, '2,309,714.00'), '2,309,714.00');
  assert.ok(has(scopesOf('21015\t医疗保障管理事务\t239.77', '21015'), CODE));
  assert.ok(has(scopesOf('210\t卫生健康支出\t9,639,199.00', '210'), CODE));
  const econ = '30201\t办公费\t50201\t办公经费\t14.94';
  assert.ok(has(scopesOf(econ, '30201'), CODE));
  assert.ok(has(scopesOf(econ, '50201'), CODE));
  assert.ok(has(scopesOf(econ, '14.94'), AMOUNT));
  assert.ok(has(scopesOf('收入总计\t171,915,169\t支出总计\t171,915,169', '171,915,169'), AMOUNT), 'grouped integers (元 tables)');
});

test('subject codes split over 类/款/项 cells, and indented with full-width spaces', () => {
  const split = '201\t06\t01\t行政运行\t1,511.90';
  assert.ok(has(scopesOf(split, '201'), CODE));
  assert.ok(has(scopesOf(split, '06'), CODE));
  assert.ok(has(scopesOf(split, '01', 1), CODE), 'the 项 cell, not the 01 inside 201');
  assert.equal(tokenText(split, '\t06'), '\t', 'the tabs between the parts are not coloured');
  assert.ok(has(scopesOf('208\t05\t01 行政单位离退休\t4,109,920', '05'), CODE));
  const pdf = '15 \u3000\u3000\u3000\u30002101501 \u3000\u3000\u3000\u3000行政运行 42.04 40.44 1.60 0.00';
  assert.ok(has(scopesOf(pdf, '2101501'), CODE));
  assert.ok(!has(scopesOf(pdf, '15 '), CODE), 'the row number');
  assert.ok(has(scopesOf(pdf, '42.04'), AMOUNT));
});

test('prose figures, codes in parentheses and percentages', () => {
  const line = '(6) 行政运行（2101501）230.97万元，较上年减少18.43万元，下降7.39%。';
  assert.ok(has(scopesOf(line, '2101501'), CODE));
  assert.ok(has(scopesOf(line, '230.97'), AMOUNT));
  assert.equal(tokenText(line, '230.97'), '230.97');
  assert.ok(has(scopesOf(line, '万元'), 'keyword.other.unit'));
  assert.ok(has(scopesOf(line, '7.39%'), 'constant.numeric.percent'));
  assert.ok(has(scopesOf('工资福利支出(301)625.74 万元', '301'), CODE));
  assert.ok(has(scopesOf('2021 年本部门预算收入 2519.99 万元', '2519.99'), AMOUNT));
  assert.ok(has(scopesOf('事业运行(2101550)613万元', '613'), AMOUNT), 'an integer with 万元 is money');
  assert.ok(has(scopesOf('2025年，收入预算17,192万元', '17,192'), AMOUNT));
  const cell = '\t质量指标\t经费足额拨付率\t100%';
  assert.equal(tokenText(cell, '100%'), '100%', 'the tab before a percentage is not part of it');
  assert.equal(tokenText('<b>12月底</b>\t100.00%', '100.00%'), '100.00%', 'the > of a tag is not a comparison');
  assert.ok(has(scopesOf('满意度\t≥90%', '≥90%'), 'constant.numeric.percent'));
});

test('HTML tags left by conversion', () => {
  const line = '<b>预算数</b>\t6.60';
  assert.ok(has(scopesOf(line, 'b>'), 'entity.name.tag'));
  assert.ok(has(scopesOf(line, '6.60'), AMOUNT));
});

test('look-alikes are not codes or amounts: dates, 文号, unit codes, malformed codes, counts', () => {
  const date = '2024年5月1日-10月31日';
  assert.ok(has(scopesOf(date, '2024'), 'constant.other.date'));
  assert.ok(!has(scopesOf(date, '2024'), AMOUNT));
  assert.ok(has(scopesOf(date, '10月31日'), 'constant.other.date'));
  assert.ok(has(scopesOf('更新时间：2018-03-06', '2018'), 'constant.other.date'));
  assert.ok(has(scopesOf('自2020.1.1起执行', '2020.1.1'), 'constant.other.date'), 'not the amount 2020.1');
  const meeting = '1\t611001\t渭南市医疗保障局\t2024年飞行检查工作会议\t2024年5月1日-10月31日\t50\t2\t10000\t';
  assert.ok(!has(scopesOf(meeting, '2024年5月1日'), CODE));
  assert.ok(!has(scopesOf(meeting, '2024年5月1日'), AMOUNT));
  const wenhao = '提前下达资金冀财社【2020】147号绩效目标';
  assert.ok(has(scopesOf(wenhao, '147'), 'string.other.document-number'));
  assert.ok(!has(scopesOf(wenhao, '147'), 'constant.numeric'));
  assert.ok(!has(scopesOf(wenhao, '2020'), 'constant'));
  assert.ok(has(scopesOf('按照冀政办字[2016]131 号文件', '131'), 'string.other.document-number'));
  assert.ok(has(scopesOf('依据财预〔2024〕3号', '3号'), 'string.other.document-number'));
  // Decision: a 6-digit 单位编码 (611001, 164001) is not a subject code and gets no scope of its own, so it is
  // never coloured like one; nor is a malformed 6-digit code such as 302201 (the language server reports it).
  assert.ok(!has(scopesOf('611001\t渭南市医疗保障局\t4,309,998.17', '611001'), CODE));
  assert.ok(!has(scopesOf('611001\t渭南市医疗保障局\t4,309,998.17', '611001'), AMOUNT));
  assert.ok(!has(scopesOf('4 \u3000\u3000164001 \u3000\u3000杨陵区医疗保障局 92.04', '164001'), CODE));
  assert.ok(!has(scopesOf('302201\t办公费\t24.76\t0.00', '302201'), CODE));
  assert.ok(!has(scopesOf('实有人员74人，其中行政2人', '74'), AMOUNT), 'counts of people are not money');
  assert.ok(!has(scopesOf('**\t**\t1\t2\t3\t4', '1'), AMOUNT), 'column numbers are not money');
  assert.ok(!has(scopesOf('2,519.99\t2101501', '2,519.99'), CODE));
  assert.ok(!has(scopesOf('300 万元用于', '300'), CODE), 'an amount at the start of a cell is not a code');
  assert.ok(!has(scopesOf('序号\t单位名称\n', '序号'), 'constant'));
});

test('a disable directive is a comment, its keyword marked; prose that mentions the word is not', () => {
  for (const line of ['<!-- budget-lint-disable-next-line sum-mismatch -->', '  // budget-lint-disable arithmetic -- 已核对 12.50']) {
    assert.ok(has(scopesOf(line, 'budget-lint-disable'), 'keyword.other.directive'), line);
    assert.ok(has(scopesOf(line, line.trim().slice(-5)), 'comment.line.directive'), line);
    assert.ok(!has(scopesOf(line, line.trim().slice(-5)), AMOUNT), `${line}: nothing in it is money`);
  }
  assert.ok(!has(scopesOf('说明中提到 budget-lint-disable 一词', 'budget'), 'comment.line.directive'));
});
