// Which of the standard disclosure tables a table is, read from its printed title. The corpus names the same
// table in many ways (收支总表 / 收支总体情况表 / 财务收支预算总表 / 收入支出决算总表 …), so a kind is a pattern,
// and the patterns are tried in order: the first that matches decides. Titles are compared without white space
// because PDF extraction often splits them (`2026 年度`, `“三公 ” 经费`).

/** The nine tables of the Ministry of Finance template, in the template's order (the report lists them so). */
export const STANDARD_KINDS = [
  '收支总表',
  '收入总表',
  '支出总表',
  '财政拨款收支总表',
  '一般公共预算支出表(功能分类)',
  '基本支出(经济分类)表',
  '三公经费表',
  '政府性基金预算支出表',
  '国有资本经营预算支出表',
];

/** [kind or null, pattern, why]. null: a table we know is none of the nine, stopped before a later pattern takes it. */
const TITLE_PATTERNS = [
  // before everything: its titles also carry 一般公共预算 / 财政拨款 / 机关运行经费, which later patterns claim
  ['三公经费表', /三公/, '“三公”经费（和机关运行经费）表, whatever fund it is paid from'],
  // 项目绩效目标表 and 项目支出绩效表 mention 项目支出 / 一般公共预算 but are targets, not money tables
  [null, /绩效/, 'performance targets'],
  ['政府性基金预算支出表', /政府性基金/, 'its 收支表 and 财政拨款收入支出决算表 variants are the same table'],
  ['国有资本经营预算支出表', /国有资本经营/, 'as 政府性基金'],
  // 基本支出总表 / 基本支出预算情况表 / 一般公共预算基本支出部门预算经济分类预算表: before 一般公共预算 and 支出总表
  ['基本支出(经济分类)表', /基本支出/, 'basic expenditure by economic classification'],
  // 项目支出总表 / 项目支出情况表 would otherwise count as 支出总表 or 一般公共预算支出表
  [null, /项目支出/, 'project expenditure, not in the nine'],
  [null, /政府采购/, 'procurement, not in the nine'],
  // 一般公共预算支出表（按经济分类）covers all expenditure by economic class: an extra table some provinces add
  [null, /经济分类/, 'economic classification of all expenditure, not the 基本支出 table'],
  // before 收支总表: 财政拨款收支总表 is a 收支总表 too by its words
  ['财政拨款收支总表', /财政拨款.*(收支|收入支出)/, '财政拨款收支（预算）总表 / 收支总体情况表 / 收入支出决算总表'],
  // 功能分类 is the default reading: 一般公共预算支出表 / 支出情况表 / 拨款支出预算表 / 财政拨款支出决算表
  ['一般公共预算支出表(功能分类)', /一般公共预算.*支出/, 'by function unless it says 经济分类 (stopped above)'],
  ['收支总表', /(收支|收入支出).*总/, '收支总表 / 收支总体情况表 / 财务收支预算总表 / 收入支出决算总表'],
  ['收入总表', /^(?!.*支出).*收入.*表/, '收入总表 / 收入总体情况表 / 收入预算总表 / 收入决算表'],
  // 支出决算表 is the 决算 name; the fund tables that end so too were taken above
  ['支出总表', /支出(预算|决算)?总(体情况)?表|支出决算表$/, '支出总表 / 本年支出总体情况表 / 支出预算总表 / 支出决算表'],
];

/** The standard kind of a table title, or undefined. */
export function standardKind(title) {
  if (!title) return undefined;
  // a leading 表1： / 公开01表 and the department name do not matter: patterns look anywhere
  const plain = title.replace(/\s+/g, '');
  for (const [kind, pattern] of TITLE_PATTERNS) if (pattern.test(plain)) return kind ?? undefined;
  return undefined;
}
