// Column identities every disclosure of a kind must satisfy, whatever its layout: domain knowledge, as data.
// A header relation whose columns are exactly one of these is trusted on its own — even a table with a single row
// (the “三公”经费 table has one) is checked — where any other header reading must first be confirmed by the
// table's own rows (tableArithmetic.ts: crossFoot).
//
// Source: 财政部 部门预算/决算公开 templates (收入总计 = 本年收入 + 上年结转; “三公”经费 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费;
// 公务用车购置及运行费 = 公务用车购置费 + 公务用车运行费), as printed in every corpus document that has the table.

export interface ColumnIdentity {
  /** What the identity is, for people. */
  name: string;
  /** The total column's header path (all its header words, joined by `/`). */
  total: RegExp;
  /** One pattern per part column, each matching exactly one part's header path. */
  parts?: RegExp[];
  /** Or: every part matches one of these, and each of these matches some part (parts of open-ended kinds). */
  each?: RegExp[];
}

export const COLUMN_IDENTITIES: ColumnIdentity[] = [
  {
    name: '“三公”经费合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费',
    total: /三公.*(?:合计|小计|总计)$|^合计$/,
    parts: [/因公出国/, /公务接待/, /公务用车购置及运行/],
  },
  {
    // 收入总表: 收入总计 = the year's income, however many kinds of it the table has, + what was carried over
    name: '收入总计 = 本年收入（各项） + 上年结转（结余）',
    total: /^收入总计$/,
    each: [/^本年收入(?:\/|合计$|$)/, /^(?:上年|年初)\S*结/],
  },
  {
    name: '公务用车购置及运行费 = 购置费 + 运行费',
    total: /公务用车购置及运行费(?:\/(?:小计|合计))?$/,
    parts: [/购置费?$/, /运行(?:维护)?费?$/],
  },
];

/** Whether a total and its parts, by their header paths, are one of the known identities. */
export function isKnownIdentity(total: string, parts: string[]): boolean {
  return COLUMN_IDENTITIES.some((id) => {
    if (!id.total.test(total)) return false;
    if (id.parts) return parts.length === id.parts.length && id.parts.every((re) => parts.filter((p) => re.test(p)).length === 1);
    const each = id.each ?? [];
    return parts.length > 0 && parts.every((p) => each.some((re) => re.test(p))) && each.every((re) => parts.some((p) => re.test(p)));
  });
}
