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
};

export function message(locale: Locale, id: string, args: Record<string, string> = {}): string {
  const table = locale === 'en' ? en : zh;
  return (table[id] ?? zh[id])(args);
}
