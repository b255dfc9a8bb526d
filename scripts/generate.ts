// Files that describe the rules, generated from the one list of rules (shared/src/rules.ts) so they never drift:
//   package.json       contributes.configuration budget.rules (one property per rule id and per tag)
//   package.nls.json, package.nls.zh-cn.json   the rule descriptions shown in the Settings editor
//   schemas/budgetlintrc.schema.json           the JSON schema of .budgetlintrc.json (VS Code validates the file)
//   README.md          the rule table between <!-- rules:begin --> and <!-- rules:end -->
// SARIF output builds its rule list from the same list at run time.
//   node --import tsx scripts/generate.ts          write them
//   node --import tsx scripts/generate.ts --check  exit 1 and name the files that are not current (a test runs this)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, RULE_TAGS, SEVERITY_SETTINGS, ruleDocsUrl, type RuleSeverity } from '../shared/src/rules';

const ROOT = join(__dirname, '..');
const SEVERITY_ZH: Record<RuleSeverity, string> = { error: '错误', warning: '警告', information: '信息', hint: '提示' };
const TAG_TEXT: Record<string, { en: string; zh: string }> = {
  arithmetic: {
    en: 'every rule on table arithmetic (sums, cross-foots, balances, tables against tables, rounding)',
    zh: '所有表内/表间计算规则（合计、横向合计、平衡关系、表间一致、尾差）',
  },
  narrative: {
    en: 'every rule on the narrative against the tables (figures, totals, percentages)',
    zh: '所有说明文字与表格核对的规则（数字、合计、百分比）',
  },
  codes: { en: 'every rule on subject codes (shape, catalogue, names, mappings)', zh: '所有科目编码规则（位数、目录、名称、对应关系）' },
  completeness: { en: 'every rule on what a disclosure must contain', zh: '所有完整性规则（必备表格、空表说明）' },
  wording: {
    en: 'every rule on wording (template text, punctuation, reasons, words against figures)',
    zh: '所有文字规则（模板残留、标点、原因说明、与数字矛盾的措辞）',
  },
};
const usedTags = RULE_TAGS.filter((t) => RULES.some((r) => r.tags.includes(t)));
const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function severityProperty(key: string, byDefault?: RuleSeverity) {
  return {
    type: 'string',
    enum: [...SEVERITY_SETTINGS],
    ...(byDefault ? { default: byDefault } : {}),
    markdownDescription: `%budget.rules.${key}%`,
  };
}

function packageJson(current: string): string {
  const pkg = JSON.parse(current);
  const config = pkg.contributes.configuration;
  const section = (Array.isArray(config) ? config : [config]).find(
    (c: { properties?: Record<string, unknown> }) => c.properties?.['budget.rules'],
  );
  const properties: Record<string, unknown> = {};
  for (const r of RULES) properties[r.id] = severityProperty(r.id, r.severity);
  for (const t of usedTags) properties[t] = severityProperty(`tag.${t}`);
  section.properties['budget.rules'].properties = properties;
  return JSON.stringify(pkg, null, 2) + '\n';
}

function nls(current: string, locale: 'en' | 'zh'): string {
  const entries = JSON.parse(current) as Record<string, string>;
  for (const key of Object.keys(entries)) if (key.startsWith('budget.rules.')) delete entries[key];
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(entries)) {
    out[key] = value;
    if (key !== 'budget.rules') continue;
    for (const r of RULES) {
      out[`budget.rules.${r.id}`] =
        locale === 'en'
          ? `${sentence(r.en)} (default: ${r.severity}). [More](${ruleDocsUrl(r.id)})`
          : `${r.zh}（默认：${SEVERITY_ZH[r.severity]}）。[详细说明](${ruleDocsUrl(r.id)})`;
    }
    for (const t of usedTags) {
      out[`budget.rules.tag.${t}`] =
        locale === 'en'
          ? `Tag \`${t}\`: ${TAG_TEXT[t].en}. A rule's own entry wins over its tag's.`
          : `标签 \`${t}\`：${TAG_TEXT[t].zh}。规则自身的设置优先于标签。`;
    }
  }
  return JSON.stringify(out, null, 2) + '\n';
}

function schema(): string {
  const severity = { enum: [...SEVERITY_SETTINGS] };
  const rules: Record<string, unknown> = {};
  for (const r of RULES) rules[r.id] = { ...severity, description: `${r.zh} / ${r.en} (default: ${r.severity})` };
  for (const t of usedTags) rules[t] = { ...severity, description: `${TAG_TEXT[t].zh} / ${TAG_TEXT[t].en}` };
  return (
    JSON.stringify(
      {
        $schema: 'http://json-schema.org/draft-07/schema#',
        title: '.budgetlintrc.json / budget-lint.json',
        description: 'Settings of budget-lint and the Budget Disclosure Checker extension (generated from shared/src/rules.ts).',
        type: 'object',
        additionalProperties: false,
        properties: {
          rules: { type: 'object', description: 'Severity per rule id or tag, or "off".', properties: rules, additionalProperties: false },
          year: {
            type: 'integer',
            minimum: 1990,
            maximum: 2100,
            description: 'Budget year for the subject-code edition (default: read from the title).',
          },
          locale: { enum: ['zh', 'en'], description: 'Language of the messages.' },
          codes: { type: 'string', description: 'A local subject-code file (budget-codes.json), relative to this file.' },
          ignore: { type: 'array', items: { type: 'string' }, description: 'Glob patterns of files not to check, relative to this file.' },
        },
      },
      null,
      2,
    ) + '\n'
  );
}

function readme(current: string): string {
  const begin = '<!-- rules:begin (generated by scripts/generate.ts from shared/src/rules.ts; do not edit) -->';
  const end = '<!-- rules:end -->';
  const table = [
    '| rule | finds | default | tags |',
    '| --- | --- | --- | --- |',
    ...RULES.map((r) => `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.zh}; ${r.en} | ${r.severity} | ${r.tags.join(', ')} |`),
  ].join('\n');
  const a = current.indexOf(begin);
  const b = current.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md has no ${begin} … ${end} block`);
  return current.slice(0, a) + begin + '\n' + table + '\n' + current.slice(b);
}

const targets: [string, (current: string) => string][] = [
  ['package.json', packageJson],
  ['package.nls.json', (c) => nls(c, 'en')],
  ['package.nls.zh-cn.json', (c) => nls(c, 'zh')],
  ['schemas/budgetlintrc.schema.json', () => schema()],
  ['README.md', readme],
];

export function generated(): { file: string; current: string; wanted: string }[] {
  return targets.map(([file, make]) => {
    let current = '';
    try {
      current = readFileSync(join(ROOT, file), 'utf8');
    } catch {
      /* a new file */
    }
    return { file, current, wanted: make(current) };
  });
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  const stale = generated().filter((g) => g.current !== g.wanted);
  if (check) {
    if (stale.length) {
      console.error(`not current (run npm run generate): ${stale.map((s) => s.file).join(', ')}`);
      process.exit(1);
    }
  } else {
    for (const s of stale) writeFileSync(join(ROOT, s.file), s.wanted);
    console.log(stale.length ? `wrote ${stale.map((s) => s.file).join(', ')}` : 'all current');
  }
}
