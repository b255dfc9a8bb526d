// The rule ids of ../CONTRACT.md with their default severity, tags and what they find. The settings schema in
// package.json, the package.nls files, SARIF's rule list and the README's rule table are generated from this list
// (scripts/generate.mjs; a test fails when they drift). Client and server share it. Pure data: no vscode / LSP imports.

/** Every rule id, in the order of the contract. A Diagnostic's `code` is one of these. */
export const RULE_IDS = [
  'sum-mismatch',
  'crossfoot-mismatch',
  'balance-mismatch',
  'cross-table-mismatch',
  'text-table-mismatch',
  'text-sum-mismatch',
  'percent-mismatch',
  'rounding',
  'unknown-code',
  'malformed-code',
  'code-name-mismatch',
  'code-mapping-mismatch',
  'missing-table',
  'empty-table-note',
  'placeholder',
  'punctuation',
  'missing-reason',
  'wording-mismatch',
  'year-mismatch',
  'unit-name-mismatch',
] as const;

export type RuleId = (typeof RULE_IDS)[number];
export type RuleSeverity = 'error' | 'warning' | 'information' | 'hint';
/** What a user may set a rule to (budget.rules, budget-lint --rule): a severity, or off. */
export type SeveritySetting = RuleSeverity | 'off';
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = Object.freeze(['error', 'warning', 'information', 'hint', 'off']);

/** Families of rules; a setting may name a tag instead of an id (`{"narrative": "off"}`). */
export const RULE_TAGS = ['arithmetic', 'narrative', 'codes', 'completeness', 'wording'] as const;
export type RuleTag = (typeof RULE_TAGS)[number];

export interface RuleInfo {
  readonly id: RuleId;
  readonly severity: RuleSeverity;
  readonly tags: readonly RuleTag[];
  readonly zh: string;
  readonly en: string;
}

/** Where every rule's page lives (docs/rules/<id>.md of this repository); diagnostics link to it. */
export const DOCS_BASE = 'https://github.com/budget-tools/budget-disclosure-checker/blob/main/docs/rules/';
export const ruleDocsUrl = (id: RuleId): string => `${DOCS_BASE}${id}.md`;

type RuleEntry = Omit<RuleInfo, 'tags'> & { tags: RuleTag[] };

const RULE_LIST: RuleEntry[] = [
  {
    id: 'sum-mismatch',
    tags: ['arithmetic'],
    severity: 'error',
    zh: '合计/小计与其各项之和不符（列合计；类 = Σ款 = Σ项）',
    en: 'a total or subtotal is not the sum of its parts',
  },
  {
    id: 'crossfoot-mismatch',
    tags: ['arithmetic'],
    severity: 'error',
    zh: '行合计与各分栏之和不符（合计 = 基本 + 项目 …）',
    en: "a row's total column is not the sum of its part columns",
  },
  {
    id: 'balance-mismatch',
    tags: ['arithmetic'],
    severity: 'error',
    zh: '总表的平衡关系不成立（收入总计 ≠ 支出总计 …）',
    en: "a summary table's identities do not hold",
  },
  {
    id: 'cross-table-mismatch',
    tags: ['arithmetic'],
    severity: 'error',
    zh: '同一数字在两张表中不一致',
    en: 'the same quantity differs between two tables',
  },
  {
    id: 'text-table-mismatch',
    tags: ['narrative'],
    severity: 'error',
    zh: '说明中的数字与其对应的表中数字不符',
    en: 'a figure in the narrative differs from the table figure it refers to',
  },
  {
    id: 'text-sum-mismatch',
    tags: ['narrative'],
    severity: 'warning',
    zh: '说明中的总额与其列出的各项之和不符',
    en: 'a narrative total differs from the sum of the parts it lists',
  },
  {
    id: 'percent-mismatch',
    tags: ['narrative'],
    severity: 'warning',
    zh: '说明中的百分比与所述数字算出的不符',
    en: 'a stated percentage differs from the one computed from the stated figures',
  },
  { id: 'rounding', tags: ['arithmetic'], severity: 'hint', zh: '差额在四舍五入尾差范围内', en: 'a difference within rounding tolerance' },
  {
    id: 'unknown-code',
    tags: ['codes'],
    severity: 'warning',
    zh: '该年度的科目中没有此编码',
    en: "a subject code not in the catalogue for the document's year",
  },
  {
    id: 'malformed-code',
    tags: ['codes'],
    severity: 'error',
    zh: '科目编码位数或类级不可能',
    en: 'a code of impossible shape in a code column',
  },
  {
    id: 'code-name-mismatch',
    tags: ['codes'],
    severity: 'warning',
    zh: '编码旁的名称不是其规范名称',
    en: 'a code written with a name other than its official one',
  },
  {
    id: 'code-mapping-mismatch',
    tags: ['codes'],
    severity: 'warning',
    zh: '部门经济分类与政府经济分类编码不对应',
    en: 'a 部门经济分类 code paired with a 政府经济分类 code it does not map to',
  },
  {
    id: 'missing-table',
    tags: ['completeness'],
    severity: 'warning',
    zh: '缺少该类文档必须公开的表，或目录与正文所列的表不一致',
    en: "a table the disclosure's kind requires is absent, or the 目录 and the body disagree",
  },
  {
    id: 'empty-table-note',
    tags: ['completeness'],
    severity: 'warning',
    zh: '空表下没有说明为何为空，或说明写的是另一张表',
    en: 'an empty table without a note saying so and why, or whose note names another table',
  },
  {
    id: 'placeholder',
    tags: ['wording'],
    severity: 'error',
    zh: '模板文字未替换（XX、x,xxx万元、【单位名称】、代替内容的省略号、写给编制人员的说明）',
    en: "template text left in: XX, x,xxx万元, 【单位名称】, an ellipsis standing for content, the template's notes to the author",
  },
  {
    id: 'punctuation',
    tags: ['wording'],
    severity: 'warning',
    zh: '标点重复或连用（。。、，。、；。），虚词重复（的的）',
    en: 'doubled or clashing punctuation (。。, ，。, ；。), a doubled function word (的的)',
  },
  {
    id: 'missing-reason',
    tags: ['wording'],
    severity: 'warning',
    zh: '说了“主要原因是”却没有写出原因',
    en: 'a reason announced and not given (主要原因是。)',
  },
  {
    id: 'wording-mismatch',
    tags: ['wording'],
    severity: 'error',
    zh: '措辞与数字矛盾（下降写成增加、有增减写成持平、小于写成大于、空表却描述支出）',
    en: 'words that contradict the figures (增加 for a fall, 持平 with a change, 大于 when smaller, spending described under an empty table)',
  },
  {
    id: 'year-mismatch',
    tags: ['wording'],
    severity: 'warning',
    zh: '年份与文档年度矛盾（其他年度的表名或标题、决算中其他年度的年末日期）',
    en: "a year that contradicts the document's year (a table or heading of another year, another year-end in a 决算)",
  },
  {
    id: 'unit-name-mismatch',
    tags: ['wording'],
    severity: 'warning',
    zh: '表头或正文中的部门/单位名称与标题不同',
    en: "a 部门/单位 name in a table header or the text that differs from the title's",
  },
];

export const RULES: readonly RuleInfo[] = Object.freeze(RULE_LIST.map((r) => Object.freeze(r)));

/** Default severity of each rule, as a lookup table. */
export const DEFAULT_SEVERITY: Readonly<Record<RuleId, RuleSeverity>> = Object.freeze(
  Object.fromEntries(RULES.map((r) => [r.id, r.severity])) as Record<RuleId, RuleSeverity>,
);

/** LSP DiagnosticSeverity numbers (1 error … 4 hint), without depending on the LSP libraries. */
export const SEVERITY_NUMBER: Readonly<Record<RuleSeverity, 1 | 2 | 3 | 4>> = Object.freeze({
  error: 1,
  warning: 2,
  information: 3,
  hint: 4,
});

/** A rule's default severity as an LSP DiagnosticSeverity number. */
export const defaultSeverityNumber = (id: RuleId): 1 | 2 | 3 | 4 => SEVERITY_NUMBER[DEFAULT_SEVERITY[id]];

export const isRuleTag = (name: string): name is RuleTag => (RULE_TAGS as readonly string[]).includes(name);

/**
 * The severity a rule runs at under the user's settings: its own entry first, then the first of its tags that has
 * one, then its default. 'off' turns it off. Unknown names in the settings are ignored.
 */
export function effectiveSeverity(id: RuleId, settings: Readonly<Record<string, string | undefined>> = {}): RuleSeverity | 'off' {
  const own = settings[id];
  if (isSeveritySetting(own)) return own;
  const rule = RULES.find((r) => r.id === id);
  for (const tag of rule?.tags ?? []) {
    const byTag = settings[tag];
    if (isSeveritySetting(byTag)) return byTag;
  }
  return DEFAULT_SEVERITY[id];
}

export function isRuleId(id: string): id is RuleId {
  return (RULE_IDS as readonly string[]).includes(id);
}

export function isSeveritySetting(value: unknown): value is SeveritySetting {
  return typeof value === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(value);
}
