// cross-table-mismatch: the same quantity printed in two tables must agree. Only comparisons whose scope
// is provably the same are made (a 收支总表 covers all funds and the carry-over, a 一般公共预算支出表 only
// this year's general budget): a false alarm from comparing different things is worse than no check.
//  - 基本支出 tables against the 人员经费/公用经费 columns of the full tables, code by code and in total;
//  - a function table's total against the economic table of the same scope (and the same part: a 项目支出
//    economic table is not the whole of a function table that also holds 基本支出);
//  - summary tables (收支总表 …) against the function / economic tables, class by class, when the summary's
//    own income shows that its scope is theirs (决算: 收入支出决算总表 ↔ 支出决算表 always).
// Tables in different units are compared after conversion.
import Decimal from 'decimal.js';
import type { Cell, DisclosureDocument, Table, Unit } from '../model/types.js';
import { convert } from '../parse/amounts.js';
import type { CheckContext, Finding } from './index.js';
import { checkSum } from './compare.js';
import { message } from './messages.js';
import { buildTableView, isGrid, isTotalLabel, type RowView, type TableView, type ValueColumn } from './tableView.js';
import { isSummaryTable } from './tableArithmetic.js';
import { lexLine } from '../parse/lex.js';

type Scope = 'general' | 'fiscal' | 'all';
// basic / project: a table of 基本支出 or of 项目支出 only (广州 表6/表7), a part of the full table's scope
interface Role {
  kind: 'function' | 'economic';
  scope: Scope;
  basic: boolean;
  project: boolean;
  view: TableView;
}

const clean = (s: string) => s.replace(/[\s\u3000]/g, '');

function headerText(t: Table): string {
  return t.headerRows.map((r) => r.cells.map((c) => clean(c.text)).join('|')).join('\n');
}

function roleOf(t: Table): Role | undefined {
  if (t.kind !== 'money' || t.empty || !t.title) return undefined;
  const title = clean(t.title);
  const header = headerText(t);
  if (isSummaryTable(t.title, header) || !/支出/.test(title)) return undefined;
  const kind =
    /经济分类|经济科目/.test(title) || /经济分类|经济科目/.test(header)
      ? 'economic'
      : /功能分类|功能科目|按功能/.test(title) || /功能分类|功能科目/.test(header)
        ? 'function'
        : undefined;
  if (!kind) return undefined;
  const scope: Scope = /一般公共预算/.test(title) ? 'general' : /财政拨款/.test(title) ? 'fiscal' : 'all';
  const view = buildTableView(t);
  if (view.reading !== 'grid' && t.shape !== 'pdf') return undefined; // ragged rows: figures cannot be placed
  const basic = /基本支出/.test(title);
  return { kind, scope, basic, project: !basic && /项目支出/.test(title), view };
}

const colBy = (v: TableView, re: RegExp): ValueColumn | undefined => v.columns.find((c) => re.test(c.text));
const mainCol = (v: TableView): ValueColumn | undefined => colBy(v, /合计|总计/) ?? v.columns[0];
const totalRow = (v: TableView): RowView | undefined => v.rows.find((r) => !r.code && isTotalLabel(r.label?.text));

function rowKey(r: RowView, economic: boolean): string | undefined {
  if (!r.code) return undefined;
  if (!economic) return r.code;
  // 部门经济 code paired with a 政府经济 code: the pair identifies the row
  const codes = r.row.cells.filter((c) => c.kind === 'code').map((c) => c.code);
  return codes.join('|');
}

interface Ctx {
  ctx: CheckContext;
  out: Finding[];
}

function describe(t: Table): string {
  return `${t.number ?? ''}「${t.title ?? ''}」`;
}

/** Compares `target` (in table `tt`) with `other` (in table `ot`): a cross-table finding on the target cell. */
function compare(c: Ctx, tt: TableView, target: Cell | undefined, what: string, ot: TableView, other: Cell | undefined): void {
  if (!target || !other || target.kind !== 'amount' || other.kind !== 'amount') return;
  const tu: Unit = tt.table.unit ?? '万元';
  const ou: Unit = ot.table.unit ?? tu;
  const otherValue = convert(other.value ?? new Decimal(0), ou, tu);
  const decimals = tu === ou ? Math.max(tt.decimals, ot.decimals) : tt.decimals;
  const f = checkSum(c.ctx, {
    rule: 'sum-mismatch',
    template: 'balance',
    target,
    subject: what,
    basis: message(c.ctx.locale, 'in-table', { table: describe(ot.table) }),
    parts: [{ cell: other, value: otherValue, label: `${describe(ot.table)} ${what}`, range: other.range }],
    decimals,
    grouped: tt.grouped,
  });
  if (!f) return;
  if (f.code === 'sum-mismatch') f.code = 'cross-table-mismatch';
  c.out.push(f);
}

export function crossTable(doc: DisclosureDocument, ctx: CheckContext): Finding[] {
  const c: Ctx = { ctx, out: [] };
  const roles = doc.tables.map(roleOf).filter((r): r is Role => !!r);
  for (const basic of roles.filter((r) => r.basic)) {
    // the full table of the same classification and scope
    const full = roles.find((r) => !r.basic && !r.project && r.kind === basic.kind && r.scope === basic.scope);
    if (full) basicAgainstFull(c, basic, full);
  }
  for (const fn of roles.filter((r) => r.kind === 'function')) {
    const econ = roles.find((r) => r.kind === 'economic' && r.scope === fn.scope && r.basic === fn.basic && r.project === fn.project);
    if (!econ) continue;
    const a = totalRow(fn.view);
    const b = totalRow(econ.view);
    const ac = mainCol(fn.view);
    const bc = mainCol(econ.view);
    if (a && b && ac && bc) compare(c, econ.view, b.values.get(bc.key), '合计', fn.view, a.values.get(ac.key));
  }
  summaries(c, doc, roles);
  return c.out;
}

/** 人员经费 / 公用经费 of a 基本支出 table = the same columns of the full table, row by row and in total. */
function basicAgainstFull(c: Ctx, basic: Role, full: Role): void {
  const economic = basic.kind === 'economic';
  const index = new Map<string, RowView>();
  for (const r of full.view.rows) {
    const k = rowKey(r, economic);
    if (k && !index.has(k)) index.set(k, r);
  }
  for (const word of [/人员经费/, /公用经费/]) {
    const bc = colBy(basic.view, word);
    const fc = colBy(full.view, word);
    if (!bc || !fc) continue;
    for (const r of basic.view.rows) {
      if (basic.view.ambiguous.has(r)) continue;
      const k = rowKey(r, economic);
      const other = k ? index.get(k) : r === totalRow(basic.view) ? totalRow(full.view) : undefined;
      if (!other || full.view.ambiguous.has(other)) continue;
      const name = `「${[r.code, r.label?.text].filter(Boolean).join(' ')}」「${bc.header[bc.header.length - 1]}」`;
      compare(c, basic.view, r.values.get(bc.key), name, full.view, other.values.get(fc.key));
    }
  }
}

// ---------------------------------------------------------------- summary tables

interface SummaryItem {
  name: string;
  value?: Cell;
}

/** Items of a grid summary table: every (label, first figure) pair, by column. */
function summaryItems(t: Table): { income: SummaryItem[]; spending: SummaryItem[][] } | undefined {
  const data = t.rows.filter((r) => r.kind === 'data');
  if (t.shape === 'pdf' || !isGrid(data)) return undefined;
  const width = Math.max(0, ...data.map((r) => r.cells.length));
  const labelCols: number[] = [];
  for (let col = 0; col < width; col++) {
    const texts = data.filter((r) => r.cells[col]?.kind === 'text').length;
    const figures = data.filter((r) => r.cells[col]?.kind === 'amount').length;
    if (texts > figures) labelCols.push(col);
  }
  const panels = labelCols.map((col) => {
    const items: SummaryItem[] = [];
    for (const r of data) {
      const label = r.cells[col];
      if (label?.kind === 'text') items.push({ name: nameOf(label.text), value: r.cells[col + 1] });
    }
    return items;
  });
  if (panels.length < 2) return undefined;
  return { income: panels[0], spending: panels.slice(1) };
}

function nameOf(label: string): string {
  const h = lexLine(label.trim()).heading;
  return clean(h && h.style !== 'markdown' ? h.title : label);
}

const ZERO = new Decimal(0);

function summaries(c: Ctx, doc: DisclosureDocument, roles: Role[]): void {
  for (const t of doc.tables) {
    if (t.kind !== 'money' || t.empty || !isSummaryTable(t.title, headerText(t))) continue;
    const items = summaryItems(t);
    if (!items) continue;
    const title = clean(t.title ?? '');
    const isFinal = /决算/.test(title);
    // Which detail tables share this summary's scope?
    let scope: Scope[] = [];
    if (isFinal) scope = /财政拨款/.test(title) ? [] : ['all'];
    else {
      const income = new Map(items.income.map((i) => [i.name, i.value?.value ?? ZERO]));
      const carry = [...income.entries()].filter(([n]) => /上年结转|结转和结余|实户资金余额|弥补收支/.test(n)).some(([, v]) => !v.isZero());
      const general = [...income.entries()].find(([n]) => /一般公共预算拨款/.test(n))?.[1];
      const yearTotal = [...income.entries()].find(([n]) => /本年收入合计/.test(n))?.[1];
      if (!carry && general && yearTotal && general.eq(yearTotal)) scope = ['general', 'fiscal', 'all'];
    }
    if (scope.length === 0) continue;
    const summaryView = buildTableView(t);
    const fn = roles.find((r) => r.kind === 'function' && !r.basic && !r.project && scope.includes(r.scope));
    if (fn) {
      const col = mainCol(fn.view);
      const classes = new Map(fn.view.rows.filter((r) => r.code?.length === 3 && r.label).map((r) => [clean(r.label!.text), r]));
      const functionPanel = items.spending.find((p) => p.some((i) => classes.has(i.name)));
      for (const item of functionPanel ?? []) {
        const row = classes.get(item.name);
        if (row && col) compare(c, fn.view, row.values.get(col.key), `「${row.code} ${item.name}」`, summaryView, item.value);
      }
    }
    if (!isFinal) {
      const basicEcon = roles.find((r) => r.kind === 'economic' && r.basic && scope.includes(r.scope));
      const econPanel = items.spending.find((p) => p.some((i) => /人员经费和公用经费/.test(i.name)));
      if (basicEcon && econPanel) {
        const col = mainCol(basicEcon.view);
        const start = econPanel.findIndex((i) => /人员经费和公用经费/.test(i.name));
        const total = totalRow(basicEcon.view);
        if (col && total) compare(c, basicEcon.view, total.values.get(col.key), '「合计」', summaryView, econPanel[start].value);
        const classes = new Map(
          basicEcon.view.rows
            .filter((r) => r.code?.length === 3 && r.label)
            .map((r) => [clean(r.label!.text).replace(/^对个人和家庭的?补助$/, '对个人和家庭的补助'), r]),
        );
        for (let k = start + 1; k < econPanel.length && !/^专项|^项目/.test(econPanel[k].name); k++) {
          const item = econPanel[k];
          const row = classes.get(item.name.replace(/^对个人和家庭的?补助$/, '对个人和家庭的补助'));
          if (row && col) compare(c, basicEcon.view, row.values.get(col.key), `「${row.code} ${item.name}」`, summaryView, item.value);
        }
      }
    }
  }
}
