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
  /** Or: at least two parts, each matching one of these (a table prints the kinds it has, in any number). */
  anyOf?: RegExp[];
}

// The template's kinds of income (部门收入总表), each printed as a column or as a group whose first column is its
// amount (`事业收入/金额`, then `其中：教育收费`, which is never a part).
const INCOME_KINDS = [
  /^(?:上年|年初)\S*结[转余]/,
  /^(?:一般公共预算|财政)拨款(?:收入)?/,
  /^政府性基金预算拨款(?:收入)?/,
  /^国有资本经营预算拨款(?:收入)?/,
  /^财政专户管理资金(?:收入)?/,
  /^事业收入/,
  /^事业单位经营收入/,
  /^上级补助收入/,
  /^附属单位上缴收入/,
  /^其他收入/,
  /^使用非财政拨款结余/,
  /^用事业基金弥补收支差额/,
].map((re) => new RegExp(`${re.source}(?:\\/(?:金额|小计|合计))?$`));

export const COLUMN_IDENTITIES: ColumnIdentity[] = [
  {
    name: '“三公”经费合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费',
    total: /三公.*(?:合计|小计|总计)$|^(?:合计|总计)$/,
    parts: [/因公出国/, /公务接待/, /公务用车购置及运行/],
  },
  {
    // 收入总表: 收入总计 = the year's income, however many kinds of it the table has, + what was carried over
    name: '收入总计 = 本年收入（各项） + 上年结转（结余）',
    total: /^收入总计$/,
    each: [/^本年收入(?:\/|合计$|$)/, /^(?:上年|年初)\S*结/],
  },
  {
    // 收入总表 printed as one row of income kinds (福州, 昆明, 哈尔滨 …): its 合计 is all of them
    name: '收入合计 = 各项收入（上年结转、财政拨款、事业收入、其他收入 …）',
    total: /^(?:收入)?合计$/,
    anyOf: INCOME_KINDS,
  },
  {
    name: '公务用车购置及运行费 = 购置费 + 运行费',
    total: /公务用车购置及运行(?:维护)?费(?:\/(?:小计|合计))?$/,
    parts: [/购置费?$/, /运行(?:维护)?费?$/],
  },
];

/**
 * Whether a total and its parts, by their header paths, are one of the known identities — as printed, or without
 * the heading words they all share at the front or at the end (`2026年预算数/合计` under a year's group is `合计`;
 * `总计/一般公共预算` beside `公务接待费/一般公共预算` is `总计`).
 */
export function isKnownIdentity(total: string, parts: string[]): boolean {
  const paths = [total, ...parts].map((p) => p.split('/'));
  const shortest = Math.min(...paths.map((p) => p.length));
  const sharedAt = (i: (p: string[]) => string) => paths.every((p) => i(p) === i(paths[0]));
  let front = 0;
  while (front < shortest - 1 && sharedAt((p) => p[front])) front++;
  let back = 0;
  while (front + back < shortest - 1 && sharedAt((p) => p[p.length - 1 - back])) back++;
  for (let k = 0; k <= front; k++) {
    for (let j = 0; j <= back; j++) {
      const [t, ...ps] = paths.map((p) => p.slice(k, p.length - j).join('/'));
      if (matchesIdentity(t, ps)) return true;
    }
  }
  return false;
}

/**
 * The identities a table printed the other way round satisfies: one row per item (福州: `合计`, `1、因公出国（境）费用`,
 * `2、公务接待费`, `3、公务用车购置及运行费`, `其中：（1）公务用车购置费`, `（2）公务用车运行费`). Given the rows'
 * names, numbering and 其中 removed, the total row and the part rows of each identity with fixed parts whose every
 * part names exactly one row (never the total's own row).
 */
export function rowIdentities(names: string[]): { name: string; total: number; parts: number[] }[] {
  const out: { name: string; total: number; parts: number[] }[] = [];
  for (const id of COLUMN_IDENTITIES) {
    if (!id.parts) continue;
    const totals = names.flatMap((n, i) => (id.total.test(n) ? [i] : []));
    if (totals.length !== 1) continue;
    const parts = id.parts.map((re) => names.flatMap((n, i) => (i !== totals[0] && re.test(n) ? [i] : [])));
    if (parts.every((p) => p.length === 1)) out.push({ name: id.name, total: totals[0], parts: parts.map((p) => p[0]) });
  }
  return out;
}

/** Whether a column's header path is the total of a known identity (its parts are still to be matched). */
export const isIdentityTotal = (path: string): boolean => COLUMN_IDENTITIES.some((id) => id.total.test(path));

function matchesIdentity(total: string, parts: string[]): boolean {
  return COLUMN_IDENTITIES.some((id) => {
    if (!id.total.test(total)) return false;
    if (id.parts) return parts.length === id.parts.length && id.parts.every((re) => parts.filter((p) => re.test(p)).length === 1);
    if (id.anyOf) return parts.length >= 2 && parts.every((p) => id.anyOf!.some((re) => re.test(p)));
    const each = id.each ?? [];
    return parts.length > 0 && parts.every((p) => each.some((re) => re.test(p))) && each.every((re) => parts.some((p) => re.test(p)));
  });
}
