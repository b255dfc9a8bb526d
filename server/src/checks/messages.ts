// Diagnostic messages: Chinese first, English on request (setting budget.locale / CLI --locale en).
export type Locale = 'zh' | 'en';

type Template = (a: Record<string, string>) => string;

const zh: Record<string, Template> = {
  'sum': (a) => `${a.subject} ${a.found} 与${a.basis}之和 ${a.expected} 不符，相差 ${a.diff}`,
  'crossfoot': (a) => `${a.subject} ${a.found} 与${a.basis}之和 ${a.expected} 不符，相差 ${a.diff}`,
  'balance': (a) => `${a.subject} ${a.found} 与${a.basis} ${a.expected} 不符，相差 ${a.diff}`,
  'cross-table': (a) => `${a.subject} ${a.found}${a.unit} 与${a.other} ${a.expected}${a.unit} 不符，相差 ${a.diff}${a.unit}`,
  'rounding': (a) => `${a.subject} ${a.found} 与${a.basis} ${a.expected} 相差 ${a.diff}，在四舍五入尾差范围内（不超过 ${a.tolerance}）`,
  'exactly-one-item': (a) => `差额恰为「${a.item}」的金额，该项可能被重复计入或漏计`,
  'part': (a) => `${a.item}：${a.value}`,
  'sum-of-children': () => '下级科目',
  'sum-of-items': () => '各项',
  'sum-of-parts': () => '各分项',
  'sum-of-columns': (a) => `${a.columns}`,
  'column': (a) => `「${a.column}」列`,
  'replace-with': (a) => `改为 ${a.value}`,
  'malformed-code': (a) => `科目编码 ${a.code} 的位数不对（类 3 位、款 5 位、项 7 位）${a.hint}`,
  'malformed-hint': (a) => `，可能应为 ${a.code}「${a.name}」`,
  'bad-class': (a) => `科目编码 ${a.code} 的类级 ${a.prefix} 不存在`,
  'wrong-column': (a) => `${a.code} 是${a.is}编码，不应出现在${a.column}列`,
  'unknown-code': (a) => `${a.year}年的${a.classification}中没有编码 ${a.code}${a.hint}`,
  'unknown-hint-parent': (a) => `；其上级为 ${a.code}「${a.name}」，下设：${a.children}`,
  'unknown-hint-edition': (a) => `；该编码${a.valid}有效（${a.name}）`,
  'code-name': (a) => `编码 ${a.code} 的规范名称为「${a.official}」，此处写作「${a.found}」`,
  'mapping': (a) => `部门经济分类 ${a.dept}「${a.deptName}」应对应政府经济分类 ${a.expected}，此处为 ${a.gov}「${a.govName}」`,
  'replace-name': (a) => `改为规范名称「${a.name}」`,
  'replace-code': (a) => `改为 ${a.code}（${a.name}）`,
};

const en: Record<string, Template> = {
  'sum': (a) => `${a.subject} ${a.found} does not equal the sum of ${a.basis}, ${a.expected}: off by ${a.diff}`,
  'crossfoot': (a) => `${a.subject} ${a.found} does not equal the sum of ${a.basis}, ${a.expected}: off by ${a.diff}`,
  'balance': (a) => `${a.subject} ${a.found} does not equal ${a.basis} ${a.expected}: off by ${a.diff}`,
  'cross-table': (a) => `${a.subject} ${a.found} ${a.unit} does not equal ${a.other} ${a.expected} ${a.unit}: off by ${a.diff} ${a.unit}`,
  'rounding': (a) => `${a.subject} ${a.found} differs from ${a.basis} ${a.expected} by ${a.diff}, within rounding (at most ${a.tolerance})`,
  'exactly-one-item': (a) => `the difference is exactly the amount of “${a.item}”, which may be counted twice or left out`,
  'part': (a) => `${a.item}: ${a.value}`,
  'sum-of-children': () => 'its sub-items',
  'sum-of-items': () => 'the items',
  'sum-of-parts': () => 'the parts',
  'sum-of-columns': (a) => `${a.columns}`,
  'column': (a) => `column “${a.column}”`,
  'replace-with': (a) => `Replace with ${a.value}`,
  'malformed-code': (a) => `subject code ${a.code} has the wrong number of digits (类 3, 款 5, 项 7)${a.hint}`,
  'malformed-hint': (a) => `; probably ${a.code} “${a.name}”`,
  'bad-class': (a) => `subject code ${a.code}: class ${a.prefix} does not exist`,
  'wrong-column': (a) => `${a.code} is a ${a.is} code and does not belong in the ${a.column} column`,
  'unknown-code': (a) => `${a.code} is not a code of the ${a.year} ${a.classification}${a.hint}`,
  'unknown-hint-parent': (a) => `; its parent ${a.code} “${a.name}” has: ${a.children}`,
  'unknown-hint-edition': (a) => `; the code was valid ${a.valid} (${a.name})`,
  'code-name': (a) => `the official name of ${a.code} is “${a.official}”, written here as “${a.found}”`,
  'mapping': (a) => `department economic code ${a.dept} “${a.deptName}” corresponds to government code ${a.expected}, not ${a.gov} “${a.govName}”`,
  'replace-name': (a) => `Use the official name “${a.name}”`,
  'replace-code': (a) => `Replace with ${a.code} (${a.name})`,
};

export function message(locale: Locale, id: string, args: Record<string, string> = {}): string {
  const table = locale === 'en' ? en : zh;
  return (table[id] ?? zh[id])(args);
}
