// Diagnostic messages: Chinese first, English on request (setting budget.locale / CLI --locale en).
import { CLASSIFICATION_NAME } from '../catalogue/catalogue.js';

export type Locale = 'zh' | 'en';

type Template = (a: Record<string, string>) => string;

const zh: Record<string, Template> = {
  sum: (a) => `${a.subject} ${a.found} 与${a.basis}之和 ${a.expected} 不符，相差 ${a.diff}`,
  crossfoot: (a) => `${a.subject} ${a.found} 与${a.basis}之和 ${a.expected} 不符，相差 ${a.diff}`,
  balance: (a) => `${a.subject} ${a.found} 与${a.basis} ${a.expected} 不符，相差 ${a.diff}`,
  'cross-table': (a) => `${a.subject} ${a.found}${a.unit} 与${a.other} ${a.expected}${a.unit} 不符，相差 ${a.diff}${a.unit}`,
  rounding: (a) => `${a.subject} ${a.found} 与${a.basis} ${a.expected} 相差 ${a.diff}，在四舍五入尾差范围内（不超过 ${a.tolerance}）`,
  'exactly-one-item': (a) => `差额恰为「${a.item}」的金额，该项可能被重复计入或漏计`,
  'same-cause': (a) => `同一处错误也使此处不平：${a.other}`,
  'check-crashed': (a) => `检查（${a.check}）未能完成：${a.reason}。这些规则的结果可能不全，请报告此问题`,
  'one-cell-many-sums': (a) => `${a.cell} ${a.found} 使${a.sums}都不平（各相差 ${a.diff}）；若为 ${a.expected}，各处都相符`,
  part: (a) => `${a.item}：${a.value}`,
  'sum-of-children': () => '下级科目',
  'sum-of-items': () => '各项',
  'sum-of-parts': () => '各分项',
  'sum-of-columns': (a) => `${a.columns}`,
  column: (a) => `「${a.column}」列`,
  'replace-with': (a) => `改为 ${a.value}`,
  'malformed-code': (a) => `科目编码 ${a.code} 的位数不对（类 3 位、款 5 位、项 7 位）${a.hint}`,
  'malformed-hint': (a) => `，可能应为 ${a.code}「${a.name}」`,
  'bad-class': (a) => `科目编码 ${a.code} 的类级 ${a.prefix} 不存在`,
  'wrong-column': (a) => `${a.code} 是${a.is}编码，不应出现在${a.column}列`,
  'unknown-code': (a) => `${a.year}年的${a.classification}中没有编码 ${a.code}${a.hint}`,
  'unknown-hint-parent': (a) => `；其上级为 ${a.code}「${a.name}」，下设：${a.children}`,
  'unknown-hint-edition': (a) => `；该编码${a.valid}有效（${a.name}）`,
  'code-name': (a) => `编码 ${a.code} 的规范名称为「${a.official}」，此处写作「${a.found}」${a.hint ?? ''}`,
  mapping: (a) => `部门经济分类 ${a.dept}「${a.deptName}」应对应政府经济分类 ${a.expected}，此处为 ${a.gov}「${a.govName}」`,
  'replace-name': (a) => `改为规范名称「${a.name}」`,
  'replace-code': (a) => `改为 ${a.code}（${a.name}）`,
  separator: () => '；',
  'list-separator': () => '、',
  'code-name-sibling': (a) => `；「${a.name}」的编码为 ${a.code}`,
  'years-from-to': (a) => `${a.from}—${a.to}年`,
  'class-function': () => CLASSIFICATION_NAME.function,
  'class-economic-department': () => CLASSIFICATION_NAME['economic-department'],
  'class-economic-government': () => CLASSIFICATION_NAME['economic-government'],
  'in-table': (a) => `${a.table}中的`,
  unnamed: () => '（未命名）',
  total: () => '总额',
  'hover-balance': (a) => `${a.subject} 应等于${a.basis} ${a.value}：表中数 ${a.found} ${a.verdict}`,
  'hover-sum-of': (a) => `${a.subject} = ${a.basis}之和：`,
  'hover-table-head': () => '| 项 | 金额 |',
  'hover-sum': () => '合计',
  'hover-tolerance': (a) => `（容差 ${a.tolerance}）`,
  'hover-printed': (a) => `表中数 ${a.found} ${a.verdict}${a.tolerance}`,
  'hover-summed-into': () => '计入：',
  'prose-against': (a) => `**${a.subject}** ${a.found} 对照 ${a.label}：${a.expected} ${a.verdict}`,
  'prose-formula': (a) => `**${a.subject}** = ${a.basis}：`,
  'prose-computed': (a) => `计算值 ${a.expected}（可能范围 ${a.tolerance}）${a.verdict}`,
  'prose-sum-of': (a) => `**${a.subject}** ${a.found} = ${a.basis}之和：`,
  'prose-sum': (a) => `合计 ${a.expected} ${a.verdict}`,
  'verdict-equal': () => '✓ 相符',
  'verdict-rounding': () => '≈ 在尾差范围内',
  'verdict-mismatch': () => '✗ 不符',
  'left-panel': (a) => `左侧「${a.item}」`,
  'cannot-read': (a) => `无法读取「${a.name}」：${a.reason}`,
  'not-a-local-file': () => '不是本地文件',
  'text-sum': (a) => `「${a.label}」${a.found}${a.unit} 与「${a.marker}」所列各项之和 ${a.expected}${a.unit} 不符，相差 ${a.diff}${a.unit}`,
  'text-sum-partial': (a) =>
    `「${a.label}」${a.found}${a.unit} 小于「${a.marker}」所列各项之和 ${a.expected}${a.unit}，多出 ${a.diff}${a.unit}`,
  'growth-up': () => '增长',
  'growth-down': () => '下降',
  growth: (a) =>
    `${a.word} ${a.percent}% 与所述数字不符：${a.current}${a.unit}较上年${a.up === 'true' ? '增加' : '减少'} ${a.change}${a.unit}（上年 ${a.previous}${a.unit}），应为 ${a.expected}%`,
  'growth-levels': (a) =>
    `${a.word} ${a.percent}% 与所述数字不符：「${a.currentLabel}」${a.current}${a.unit} 比「${a.previousLabel}」${a.previous}${a.unit} 变动 ${a.change}${a.unit}，应为 ${a.expected}%`,
  'this-year': (a) => `本年 ${a.value}`,
  'base-level': (a) => `比较基数 ${a.value}`,
  'change-by': (a) => `变动 ${a.value}`,
  'share-word': () => '占',
  'completion-word': () => '完成预算的',
  ratio: (a) => `${a.word} ${a.percent}% 与所述数字不符：${a.part} ÷ ${a.whole} = ${a.expected}%`,
  'not-in-table': (a) => `「${a.label}」${a.found} 在「${a.table}」中找不到（表中数字：${a.shown}${a.unit}）`,
  'meeting-sum': (a) =>
    `「${a.label}」${a.found} 与「${a.table}」所列会议金额合计 ${a.sum}${a.tableUnit}（合 ${a.expected}${a.unit}）不符，相差 ${a.diff}${a.unit}`,
  'text-table': (a) =>
    `「${a.label}」${a.found} 与${a.table}中的 ${a.cell}${a.tableUnit}（合 ${a.expected}${a.unit}）不符，相差 ${a.diff}${a.unit}`,
  'table-cell': (a) => `${a.table}：${a.cell}${a.unit}`,
};

const en: Record<string, Template> = {
  sum: (a) => `${a.subject} ${a.found} does not equal the sum of ${a.basis}, ${a.expected}: off by ${a.diff}`,
  crossfoot: (a) => `${a.subject} ${a.found} does not equal the sum of ${a.basis}, ${a.expected}: off by ${a.diff}`,
  balance: (a) => `${a.subject} ${a.found} does not equal ${a.basis} ${a.expected}: off by ${a.diff}`,
  'cross-table': (a) => `${a.subject} ${a.found} ${a.unit} does not equal ${a.other} ${a.expected} ${a.unit}: off by ${a.diff} ${a.unit}`,
  rounding: (a) => `${a.subject} ${a.found} differs from ${a.basis} ${a.expected} by ${a.diff}, within rounding (at most ${a.tolerance})`,
  'exactly-one-item': (a) => `the difference is exactly the amount of “${a.item}”, which may be counted twice or left out`,
  'same-cause': (a) => `the same wrong figure puts this out of balance too: ${a.other}`,
  'check-crashed': (a) => `the check for ${a.check} could not finish: ${a.reason}. Its findings may be incomplete; please report this`,
  'one-cell-many-sums': (a) => `${a.cell} ${a.found} puts ${a.sums} out of balance (each by ${a.diff}); as ${a.expected} every one adds up`,
  part: (a) => `${a.item}: ${a.value}`,
  'sum-of-children': () => 'its sub-items',
  'sum-of-items': () => 'the items',
  'sum-of-parts': () => 'the parts',
  'sum-of-columns': (a) => `${a.columns}`,
  column: (a) => ` (column “${a.column}”)`,
  'replace-with': (a) => `Replace with ${a.value}`,
  'malformed-code': (a) => `subject code ${a.code} has the wrong number of digits (类 3, 款 5, 项 7)${a.hint}`,
  'malformed-hint': (a) => `; probably ${a.code} “${a.name}”`,
  'bad-class': (a) => `subject code ${a.code}: class ${a.prefix} does not exist`,
  'wrong-column': (a) => `${a.code} is a ${a.is} code and does not belong in the ${a.column} column`,
  'unknown-code': (a) => `${a.code} is not a code of the ${a.year} ${a.classification}${a.hint}`,
  'unknown-hint-parent': (a) => `; its parent ${a.code} “${a.name}” has: ${a.children}`,
  'unknown-hint-edition': (a) => `; the code was valid ${a.valid} (${a.name})`,
  'code-name': (a) => `the official name of ${a.code} is “${a.official}”, written here as “${a.found}”${a.hint ?? ''}`,
  mapping: (a) =>
    `department economic code ${a.dept} “${a.deptName}” corresponds to government code ${a.expected}, not ${a.gov} “${a.govName}”`,
  'replace-name': (a) => `Use the official name “${a.name}”`,
  'replace-code': (a) => `Replace with ${a.code} (${a.name})`,
  separator: () => '; ',
  'list-separator': () => ', ',
  'code-name-sibling': (a) => `; “${a.name}” is code ${a.code}`,
  'years-from-to': (a) => (a.to ? `${a.from}–${a.to}` : `from ${a.from}`),
  'class-function': () => 'function classification (支出功能分类)',
  'class-economic-department': () => 'department economic classification (部门预算支出经济分类)',
  'class-economic-government': () => 'government economic classification (政府预算支出经济分类)',
  'in-table': (a) => `${a.table}`,
  unnamed: () => '(unnamed)',
  total: () => 'total',
  'text-sum': (a) =>
    `“${a.label}” ${a.found} ${a.unit} does not equal the sum of the items listed after “${a.marker}”, ${a.expected} ${a.unit}: off by ${a.diff} ${a.unit}`,
  'text-sum-partial': (a) =>
    `“${a.label}” ${a.found} ${a.unit} is less than the sum of the items listed after “${a.marker}”, ${a.expected} ${a.unit}: ${a.diff} ${a.unit} too much`,
  'growth-up': () => 'growth',
  'growth-down': () => 'decrease',
  growth: (a) =>
    `${a.word} of ${a.percent}% does not follow from the figures stated: ${a.current} ${a.unit}, ${a.up === 'true' ? 'up' : 'down'} ${a.change} ${a.unit} on last year (last year ${a.previous} ${a.unit}), gives ${a.expected}%`,
  'growth-levels': (a) =>
    `${a.word} of ${a.percent}% does not follow from the figures stated: “${a.currentLabel}” ${a.current} ${a.unit} against “${a.previousLabel}” ${a.previous} ${a.unit}, a change of ${a.change} ${a.unit}, gives ${a.expected}%`,
  'this-year': (a) => `this year ${a.value}`,
  'base-level': (a) => `compared with ${a.value}`,
  'change-by': (a) => `change ${a.value}`,
  'share-word': () => 'share',
  'completion-word': () => 'completion rate',
  ratio: (a) => `${a.word} of ${a.percent}% does not follow from the figures stated: ${a.part} ÷ ${a.whole} = ${a.expected}%`,
  'not-in-table': (a) => `“${a.label}” ${a.found} is not found in “${a.table}” (its figures: ${a.shown} ${a.unit})`,
  'meeting-sum': (a) =>
    `“${a.label}” ${a.found} does not equal the meetings listed in “${a.table}”, ${a.sum} ${a.tableUnit} (= ${a.expected} ${a.unit}): off by ${a.diff} ${a.unit}`,
  'text-table': (a) =>
    `“${a.label}” ${a.found} does not equal ${a.table}: ${a.cell} ${a.tableUnit} (= ${a.expected} ${a.unit}): off by ${a.diff} ${a.unit}`,
  'table-cell': (a) => `${a.table}: ${a.cell} ${a.unit}`,
  'hover-balance': (a) => `${a.subject} should equal ${a.basis} ${a.value}: printed ${a.found} ${a.verdict}`,
  'hover-sum-of': (a) => `${a.subject} = ${a.basis}:`,
  'hover-table-head': () => '| item | amount |',
  'hover-sum': () => 'sum',
  'hover-tolerance': (a) => ` (tolerance ${a.tolerance})`,
  'hover-printed': (a) => `printed ${a.found} ${a.verdict}${a.tolerance}`,
  'hover-summed-into': () => 'Summed into:',
  'prose-against': (a) => `**${a.subject}** ${a.found} against ${a.label}: ${a.expected} ${a.verdict}`,
  'prose-formula': (a) => `**${a.subject}** = ${a.basis}:`,
  'prose-computed': (a) => `computed ${a.expected} (possible range ${a.tolerance}) ${a.verdict}`,
  'prose-sum-of': (a) => `**${a.subject}** ${a.found} = ${a.basis}:`,
  'prose-sum': (a) => `sum ${a.expected} ${a.verdict}`,
  'verdict-equal': () => '✓ agrees',
  'verdict-rounding': () => '≈ within rounding',
  'verdict-mismatch': () => '✗ does not agree',
  'left-panel': (a) => `the left panel's “${a.item}”`,
  'cannot-read': (a) => `Cannot read ${a.name}: ${a.reason}`,
  'not-a-local-file': () => 'not a local file',
};

/** A message with its id and arguments kept: what a finding carries (`data.message`) besides the text. */
export interface Said {
  text: string;
  id: string;
  args: Record<string, string>;
}

export function say(locale: Locale, id: string, args: Record<string, string> = {}): Said {
  return { text: message(locale, id, args), id, args };
}

export function message(locale: Locale, id: string, args: Record<string, string> = {}): string {
  const table = locale === 'en' ? en : zh;
  return (table[id] ?? zh[id])(args);
}
