// shared/src: the disclosure detector used by client and server, and the rule table of the contract.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIGURATION_SECTION, LANGUAGE_ID, looksLikeDisclosure } from '../../shared/src/protocol.js';
import { DEFAULT_SEVERITY, RULES, RULE_IDS, RULE_TAGS, isRuleId } from '../../shared/src/rules.js';
import { moreDocFiles, readMoreDoc, readSeed, seedFiles } from '../helpers/fixtures.js';

test('constants match package.json', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
  assert.equal(pkg.contributes.languages[0].id, LANGUAGE_ID);
  assert.ok(Object.keys(pkg.contributes.configuration.properties).every((k: string) => k.startsWith(`${CONFIGURATION_SECTION}.`)));
});

test('titles alone are recognised', () => {
  for (const title of [
    '2024年部门预算公开说明',
    '2020 年部门决算',
    '部门综合预算',
    '眉县医疗保障局 2020 年部门决算',
    '## 2021 年部门预算信息公开情况说明',
    '上海市2025年市级单位预算',
    '部 门 预 算',
    '中共上海市普陀区委\n社会工作部 2024 年度\n部门决算\n',
    '\ufeff2023年部门决算公开',
    '**2022年单位预算**',
  ])
    assert.ok(looksLikeDisclosure(title), title);
});

test('every real document is recognised', () => {
  for (const f of seedFiles()) assert.ok(looksLikeDisclosure(readSeed(f)), f);
  for (const f of moreDocFiles()) assert.ok(looksLikeDisclosure(readMoreDoc(f)), f);
});

test('a disclosure without a title is recognised by its structure', () => {
  const body = '第一部分  部门概况\n\n一、部门主要职责及机构设置\n\n本局负责……\n\n三、部门预算单位构成\n\n部门预算包括局机关。\n';
  assert.ok(looksLikeDisclosure(body));
  const table = '说明\n本表反映部门预算收支。\n单位：万元\n项目\t预算数\n2101501\t行政运行\t38.15\n';
  assert.ok(looksLikeDisclosure(table));
});

test('ordinary text, notices, documentation and code are not', () => {
  for (const text of [
    '',
    '今天天气很好，我们去公园散步。部门预算是一个重要话题。',
    '财政部发布通知，要求各地做好部门预算公开工作。\n\n记者了解到，今年各部门将在批复后20日内公开部门预算。\n专家表示，这有利于提高透明度。',
    '关于做好2024年部门预算公开工作的通知\n\n各区财政局：\n为进一步做好部门预算公开工作，现就有关事项通知如下。',
    '# 预决算公开校对 · Budget Disclosure Checker\n\nChecks disclosures (部门预算公开 / 部门决算公开) while they are written.\n\n- outline: `第一部分`, `一、`\n',
    "import { x } from 'y';\n// 部门预算公开说明\nconst title = '2024年部门预算公开说明';\n",
    '《地方预决算公开操作规程》\n\n第一条 为规范预决算公开……',
    '2024年工作总结\n\n一、主要成绩\n\n全年完成收入1,234.56万元。\n',
    '第一部分 引言\n\n本文讨论机器学习。\n',
  ])
    assert.ok(!looksLikeDisclosure(text), JSON.stringify(text.slice(0, 30)));
});

test('only the first 4000 characters are read', () => {
  assert.ok(!looksLikeDisclosure(`${'这是一段普通的文字。'.repeat(500)}\n2024年部门预算公开说明`));
});

test('the rule table is the contract: twenty ids with their default severities', () => {
  assert.deepEqual(
    RULES.map((r) => r.id),
    [...RULE_IDS],
  );
  assert.equal(new Set(RULE_IDS).size, 20);
  assert.deepEqual(
    { ...DEFAULT_SEVERITY },
    {
      'sum-mismatch': 'error',
      'crossfoot-mismatch': 'error',
      'balance-mismatch': 'error',
      'cross-table-mismatch': 'error',
      'text-table-mismatch': 'error',
      'text-sum-mismatch': 'warning',
      'percent-mismatch': 'warning',
      rounding: 'hint',
      'unknown-code': 'warning',
      'malformed-code': 'error',
      'code-name-mismatch': 'warning',
      'code-mapping-mismatch': 'warning',
      'missing-table': 'warning',
      'empty-table-note': 'warning',
      placeholder: 'error',
      punctuation: 'warning',
      'missing-reason': 'warning',
      'wording-mismatch': 'error',
      'year-mismatch': 'warning',
      'unit-name-mismatch': 'warning',
    },
  );
  assert.ok(Object.isFrozen(RULES) && Object.isFrozen(DEFAULT_SEVERITY) && Object.isFrozen(RULES[0]));
  assert.ok(isRuleId('rounding') && !isRuleId('nope'));
  for (const r of RULES) assert.ok(r.zh && r.en, r.id);
});

test('settings offer every rule with its default severity, and every manifest string is translated', () => {
  const root = join(__dirname, '..', '..');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const rules = pkg.contributes.configuration.properties['budget.rules'];
  // every rule, then every tag a rule carries (a setting may name a tag: {"narrative": "off"})
  const tags = [...new Set(RULES.flatMap((r) => r.tags))];
  assert.deepEqual(Object.keys(rules.properties), [...RULE_IDS, ...RULE_TAGS.filter((t) => tags.includes(t))]);
  for (const id of RULE_IDS) {
    assert.equal(rules.properties[id].default, DEFAULT_SEVERITY[id], id);
    assert.deepEqual(rules.properties[id].enum, ['error', 'warning', 'information', 'hint', 'off'], id);
  }
  // every %key% placeholder in the manifest has an English and a Chinese text, and no text is left unused
  const keys = [...JSON.stringify(pkg).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
  assert.ok(keys.length > 20);
  for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
    const nls = JSON.parse(readFileSync(join(root, file), 'utf8'));
    assert.deepEqual(Object.keys(nls).sort(), [...new Set(keys)].sort(), file);
    for (const k of keys) assert.ok(typeof nls[k] === 'string' && nls[k].trim(), `${file}: ${k}`);
  }
});
