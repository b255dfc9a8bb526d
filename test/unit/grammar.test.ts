// The TextMate grammar, tokenised offline with vscode-textmate + the Oniguruma wasm shipped in its package.
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
    onigLib: Promise.resolve({ createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async () => textmate.parseRawGrammar(readFileSync(join(__dirname, '..', '..', 'syntaxes', 'budget-disclosure.tmLanguage.json'), 'utf8'), 'grammar.json'),
  });
  grammar = (await registry.loadGrammar('text.budget-disclosure'))!;
});

/** Scopes of the token covering `fragment` in `line`. */
function scopesOf(line: string, fragment: string): string[] {
  const at = line.indexOf(fragment);
  assert.ok(at >= 0, `${fragment} not in ${line}`);
  const { tokens } = grammar.tokenizeLine(line, textmate.INITIAL);
  const token = tokens.find((t) => t.startIndex <= at && at < t.endIndex)!;
  return token.scopes;
}
const has = (scopes: string[], prefix: string) => scopes.some((s) => s.startsWith(prefix));

test('headings', () => {
  assert.ok(has(scopesOf('第一部分 部门概况', '部门概况'), 'markup.heading.part'));
  assert.ok(has(scopesOf('一、部门主要职责及机构设置', '部门'), 'markup.heading'));
  assert.ok(has(scopesOf('（三）一般公共预算拨款支出明细情况。', '一般'), 'markup.heading'));
  assert.ok(has(scopesOf('## 2、支出说明', '支出'), 'markup.heading'));
  assert.ok(!has(scopesOf('（1）行政运行(2101501)38.15万元，较上年增加23.49万元', '行政运行'), 'markup.heading'), 'a sentence is not a heading');
});

test('table numbers, titles, units and totals', () => {
  assert.ok(has(scopesOf('表5', '表5'), 'entity.name.type.table-number'));
  assert.ok(has(scopesOf('公开 01 表', '01'), 'entity.name.type.table-number'));
  assert.ok(has(scopesOf('2021年部门综合预算收支总表', '收支总表'), 'entity.name.type.table-title'));
  assert.ok(has(scopesOf('金额单位：元', '元'), 'keyword.other.unit'));
  assert.ok(has(scopesOf('本年收入合计\t2,519.99\t本年支出合计\t2,519.99', '本年收入合计'), 'markup.bold.total'));
  assert.ok(has(scopesOf('本年收入合计\t2,519.99\t本年支出合计\t2,519.99', '2,519.99'), 'constant.numeric.amount'));
});

test('subject codes and amounts in a tab-separated row', () => {
  const row = '2101501\t行政运行\t2,309,714.00\t1,960,047.00\t349,667.00';
  assert.ok(has(scopesOf(row, '2101501'), 'constant.other.subject-code'));
  assert.ok(has(scopesOf(row, '2,309,714.00'), 'constant.numeric.amount'));
  assert.ok(has(scopesOf('30201\t办公费\t50201\t办公经费\t14.94', '50201'), 'constant.other.subject-code'));
});

test('prose figures, codes in parentheses and percentages', () => {
  const line = '(6) 行政运行（2101501）230.97万元，较上年减少18.43万元，下降7.39%。';
  assert.ok(has(scopesOf(line, '2101501'), 'constant.other.subject-code'));
  assert.ok(has(scopesOf(line, '230.97'), 'constant.numeric.amount'));
  assert.ok(has(scopesOf(line, '万元'), 'keyword.other.unit'));
  assert.ok(has(scopesOf(line, '7.39%'), 'constant.numeric.percent'));
});

test('look-alikes are not codes or amounts: dates, 文号, unit codes in prose', () => {
  const date = '2024年5月1日-10月31日';
  assert.ok(has(scopesOf(date, '2024'), 'constant.other.date'));
  assert.ok(!has(scopesOf(date, '2024'), 'constant.numeric.amount'));
  const wenhao = '提前下达资金冀财社【2020】147号绩效目标';
  assert.ok(has(scopesOf(wenhao, '147'), 'string.other.document-number'));
  assert.ok(!has(scopesOf(wenhao, '147'), 'constant.numeric'));
  // a 6-digit unit code in a unit table is deliberately not coloured as a subject code
  assert.ok(!has(scopesOf('611001\t渭南市医疗保障局\t4,309,998.17', '611001'), 'constant.other.subject-code'));
  assert.ok(!has(scopesOf('实有人员74人，其中行政2人', '74'), 'constant.numeric.amount'), 'counts of people are not money');
});
