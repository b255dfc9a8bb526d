// Summary tables (收支总表, 财政拨款收支总表, 收入支出决算总表, 政府性基金收支表 …) print income and each
// expenditure classification side by side as panels of (label, figure…) columns. Within a panel the labels'
// numbering (一、 › 1、 › (1)) makes a tree whose parents must equal the sum of their children; the year
// total (本年收入合计/本年支出合计) sums the top-level items; the grand total (收入总计/支出总计) adds the
// carry-over lines; and the panels must balance (收入总计 = 支出总计, every classification the same total).
import Decimal from 'decimal.js';
import type { Cell, DisclosureDocument, Row, Table } from '../model/types.js';
import { lexLine } from '../parse/lex.js';
import type { CheckContext, Finding } from './index.js';
import { checkSum, type Part } from './compare.js';
import { sumTolerance } from './tolerance.js';
import { isSummaryTable } from './tableArithmetic.js';
import { isGrid } from './tableView.js';
import { message } from './messages.js';
import { normalizeName } from '../catalogue/catalogue.js';

type ItemKind = 'item' | 'subset' | 'yearTotal' | 'grandTotal' | 'carryIn' | 'carryOut';

interface Item {
  label: Cell;
  name: string;
  kind: ItemKind;
  /** 1 一、 / 2 1、 1. / 3 (1) / 9 unnumbered; style and number for sequence matching. */
  level: number;
  style?: string;
  number: number;
  /** Figures of this item, one per value column of its panel (undefined where the row has no cell). */
  values: (Cell | undefined)[];
}

interface Panel {
  items: Item[];
  valueHeaders: string[];
}

const YEAR_TOTAL = /^本年(?:收入|支出)合计$|^(?:收入|支出)?合计$/;
const GRAND_TOTAL = /^(?:收入|支出)?总计$/;
// carry lines come with qualifiers in between: 年初财政拨款结转和结余, 上年一般公共预算结转, 年末财政拨款结转和结余
const CARRY_IN =
  /^(?:(?:上年|年初)\S{0,12}(?:结转|结余)|用事业基金弥补收支差额|上年实户资金余额|使用非财政拨款结余|用事业基金弥补收支缺口)/;
// transfers between a unit and its superior or subordinate units, outside the year's own income and spending
const TRANSFER = /^(?:上级补助收入|附属单位上缴收入|对附属单位的?补助支出|上缴上级支出)/;
const CARRY_OUT = /^(?:结转下年|年末\S{0,12}(?:结转|结余)|未安排支出的实户资金|结余分配)/;

/** A carry-over line of a summary table (上年结转, 年初财政拨款结转和结余, 结转下年 …), by its name without numbering. */
export const isCarryName = (name: string): boolean => CARRY_IN.test(name) || CARRY_OUT.test(name);
const LEVEL: Record<string, number> = { cn: 1, 'paren-cn': 2, arabic: 2, 'paren-arabic': 3 };
const ZERO = new Decimal(0);

const clean = (s: string) => s.replace(/[\s\u3000]/g, '');

function classify(label: Cell, values: (Cell | undefined)[], previous?: Item): Item {
  const text = clean(label.text);
  const h = lexLine(label.text.trim()).heading;
  const name = h && h.style !== 'markdown' ? clean(h.title) : text;
  let kind: ItemKind = 'item';
  if (/^其中[：:]?/.test(text)) kind = 'subset';
  else if (YEAR_TOTAL.test(text)) kind = 'yearTotal';
  else if (GRAND_TOTAL.test(text)) kind = 'grandTotal';
  else if (CARRY_IN.test(name)) kind = 'carryIn';
  else if (CARRY_OUT.test(name)) kind = 'carryOut';
  else if (!h && previous?.kind === 'subset' && label.indent > 0) kind = 'subset'; // an indented line under 其中
  const level = h && h.style !== 'markdown' ? (LEVEL[h.style] ?? 9) : 9;
  return { label, name, kind, level, style: h?.style, number: h?.number ?? 0, values };
}

export const __test = { tabPanels, tokenPanels };

export function summaryBalances(doc: DisclosureDocument, ctx: CheckContext): Finding[] {
  return doc.tables.flatMap((table) => summaryTable(table, ctx));
}

/** The panel sums and balances of one summary table (nothing for any other table). */
export function summaryTable(table: Table, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  if (table.kind !== 'money' || table.empty) return out;
  if (!isSummaryTable(table.title, table.headerRows.map((r) => r.cells.map((c) => c.text).join('|')).join('\n'))) return out;
  // grid: columns are reliable; PDF rows keep every figure (0.00 printed) so pairs can be routed by their
  // numbering; ragged tab rows (empty cells dropped by the converter) are trusted only where a row
  // carries a pair for every panel — enough for the totals and the balances, not for item sums.
  const grid = table.shape !== 'pdf' && isGrid(table.rows.filter((r) => r.kind === 'data'));
  const alignedOnly = !grid && table.shape !== 'pdf';
  const panels = grid ? tabPanels(table) : tokenPanels(table, alignedOnly);
  if (panels.length === 0) return out;
  const fmt = precision(table);
  if (!alignedOnly) for (const p of panels) out.push(...panelSums(p, ctx, fmt));
  out.push(...balances(panels, ctx, fmt));
  return out;
}

function precision(table: Table): { decimals: number; grouped: boolean } {
  let decimals = 0;
  let grouped = false;
  for (const r of table.rows)
    if (r.kind === 'data')
      for (const c of r.cells)
        if (c.kind === 'amount') {
          decimals = Math.max(decimals, c.decimals ?? 0);
          grouped ||= c.text.includes(',');
        }
  return { decimals, grouped };
}

/** Tab tables: label columns (mostly text) each followed by their figure columns. */
function tabPanels(table: Table): Panel[] {
  const data = table.rows.filter((r) => r.kind === 'data');
  const width = Math.max(0, ...data.map((r) => r.cells.length));
  const role: ('label' | 'value' | 'none')[] = [];
  for (let c = 0; c < width; c++) {
    let text = 0;
    let value = 0;
    for (const r of data) {
      const cell = r.cells[c];
      if (cell?.kind === 'text') text++;
      else if (cell?.kind === 'amount') value++;
    }
    role.push(text === 0 && value === 0 ? 'none' : text >= value ? 'label' : 'value');
  }
  const lastHeader = table.headerRows.filter((r) => r.kind === 'header').pop();
  const panels: { label: number; values: number[] }[] = [];
  for (let c = 0; c < width; c++) {
    if (role[c] === 'label') panels.push({ label: c, values: [] });
    else if (role[c] === 'value' && panels.length) panels[panels.length - 1].values.push(c);
  }
  return panels
    .filter((p) => p.values.length > 0)
    .map((p) => {
      const items: Item[] = [];
      for (const r of data) {
        const label = r.cells[p.label];
        if (!label || label.kind !== 'text') continue;
        items.push(
          classify(
            label,
            p.values.map((v) => r.cells[v]),
            items[items.length - 1],
          ),
        );
      }
      return { items, valueHeaders: p.values.map((v) => clean(lastHeader?.cells[v]?.text ?? '')) };
    });
}

/**
 * Rows whose empty cells were dropped (PDF extractions, pdftotext layouts) are read as (label, figure) pairs
 * and routed to panels by their numbering: `12、城乡社区支出` continues the panel whose last item was `11、`.
 */
function tokenPanels(table: Table, alignedOnly: boolean): Panel[] {
  const rows = table.rows.filter((r) => r.kind === 'data');
  const pairsOf = (r: Row): [Cell, Cell][] => {
    const pairs: [Cell, Cell][] = [];
    const cells = r.cells.slice(r.rowNumber !== undefined ? 1 : 0).filter((c) => c.kind !== 'empty');
    for (let i = 0; i + 1 < cells.length; i++) {
      if (cells[i].kind === 'text' && cells[i + 1].kind === 'amount') {
        pairs.push([cells[i], cells[i + 1]]);
        i++;
      }
    }
    return pairs;
  };
  const count = Math.max(0, ...rows.map((r) => pairsOf(r).length));
  if (count < 2) return [];
  const panels: Panel[] = Array.from({ length: count }, () => ({ items: [], valueHeaders: [''] }));
  let lastPanel = 0;
  for (const r of rows) {
    const pairs = pairsOf(r);
    if (pairs.length === count) {
      pairs.forEach(([l, v], i) => panels[i].items.push(classify(l, [v], panels[i].items[panels[i].items.length - 1])));
      continue;
    }
    if (alignedOnly) continue;
    let from = 0;
    for (const [l, v] of pairs) {
      let placed = -1;
      for (let q = from; q < count; q++) {
        const candidate = classify(l, [v], panels[q].items[panels[q].items.length - 1]);
        if (fits(panels[q], candidate, q, lastPanel)) {
          panels[q].items.push(candidate);
          placed = q;
          break;
        }
      }
      if (placed < 0) break; // cannot tell where the rest of this row belongs: leave it unchecked
      from = placed + 1;
      lastPanel = placed;
    }
  }
  return panels;
}

/** Does this item continue the panel's sequence? (numbering continues, or a total/carry line of the right side) */
function fits(panel: Panel, item: Item, index: number, lastPanel: number): boolean {
  const items = panel.items;
  // what a label says settles which side it is on: …支出 is spending, …收入/拨款/资金 is income
  if (index === 0 && /支出$/.test(item.name)) return false;
  if (index > 0 && /(?:收入|拨款|资金|基金|结转)$/.test(item.name) && !/支出/.test(item.name)) return false;
  if (item.kind === 'carryIn' || item.kind === 'subset') return index === 0 || (item.kind === 'subset' && index === lastPanel);
  if (item.kind === 'carryOut' || item.kind === 'yearTotal' || item.kind === 'grandTotal') return index > 0 || /收入/.test(item.name);
  if (!item.style || item.level === 9) return false;
  for (let k = items.length - 1; k >= 0; k--) {
    const prev = items[k];
    if (prev.kind !== 'item') continue;
    if (prev.style === item.style) return prev.number === item.number - 1;
    if (item.number === 1 && prev.level < item.level) return true;
  }
  return false;
}

interface Fmt {
  decimals: number;
  grouped: boolean;
}

const itemName = (i: Item) => i.label.text.trim();
const valueAt = (i: Item, col: number): Decimal => i.values[col]?.value ?? ZERO;
const asPart = (i: Item, col: number): Part => ({
  cell: i.values[col],
  value: valueAt(i, col),
  label: itemName(i),
  range: i.values[col]?.range ?? i.label.range,
});

/**
 * Can these figures, in this order, be read as a forest of subtrees (each node followed by its children, which
 * add up to it) whose roots add up to `total`? Read left to right with the open nodes on a stack, each with
 * what its children have still to cover: a figure is the next child of one of them, and every node above that
 * one is then closed, which a node may be only if its children added up to it or it has none. A classification
 * of three levels printed without codes (杭州: 类 › 款 › 项 as plain names) runs to fifty lines and more;
 * the stack stays as deep as the levels, and a child larger than what its parent has left (no figure negative)
 * is never tried, so the search stays small. It is bounded all the same: past the budget the answer is no (the
 * flat sum is then judged as before).
 */
export function nestedReadingAddsUp(values: Decimal[], total: Decimal, tolerance: Decimal): boolean {
  interface Open {
    left: Decimal;
    hasChildren: boolean;
  }
  const near = (a: Decimal) => a.abs().lte(tolerance);
  const closable = (o: Open) => !o.hasChildren || near(o.left);
  const nonNegative = values.every((v) => !v.isNegative());
  const failed = new Set<string>();
  let budget = 20_000;
  const read = (i: number, stack: Open[]): boolean => {
    if (i === values.length) return near(stack[0].left) && stack.slice(1).every(closable);
    if (--budget < 0) return false;
    const key = `${i}|${stack.map((o) => `${o.left.toString()}${o.hasChildren ? '+' : ''}`).join(',')}`;
    if (failed.has(key)) return false;
    const v = values[i];
    // the most recent open node first (a child), then the ones above it (a sibling, an uncle …)
    for (let d = stack.length - 1; d >= 0; d--) {
      if (!(nonNegative && v.gt(stack[d].left.plus(tolerance)))) {
        const next = stack.slice(0, d + 1);
        next[d] = { left: stack[d].left.minus(v), hasChildren: true };
        next.push({ left: v, hasChildren: false });
        if (read(i + 1, next)) return true;
      }
      if (d === 0 || !closable(stack[d])) break; // nodes above d - 1 are closed only if they may be
    }
    failed.add(key);
    return false;
  };
  return read(0, [{ left: total, hasChildren: true }]);
}

function panelSums(panel: Panel, ctx: CheckContext, fmt: Fmt): Finding[] {
  const out: Finding[] = [];
  const items = panel.items;
  const columns = panel.items[0]?.values.length ?? 0;
  const colLabel = (c: number) => (columns > 1 && panel.valueHeaders[c] ? `「${panel.valueHeaders[c]}」` : '');
  // parents = Σ children (numbered tree; subsets never added in)
  for (let i = 0; i < items.length; i++) {
    const parent = items[i];
    if (parent.kind !== 'item') continue;
    const children: Item[] = [];
    let childLevel = Infinity;
    for (let j = i + 1; j < items.length; j++) {
      const it = items[j];
      if (it.kind !== 'item' && it.kind !== 'subset') break;
      if (it.kind === 'subset') continue;
      if (it.level <= parent.level) break;
      if (it.level < childLevel) childLevel = it.level;
      if (it.level === childLevel) children.push(it);
    }
    if (children.length === 0) continue;
    for (let c = 0; c < columns; c++) {
      const target = parent.values[c];
      if (!target) continue;
      // Unnumbered lines under a numbered item may be of several levels (深圳: 一、一般公共服务支出 › 信访事务 ›
      // 行政运行, all unnumbered below the 类): their levels cannot be read, so the item is judged wrong only if
      // no nesting of them adds up — a flat sum that fails while a nested reading agrees is not an error.
      if (children.length >= 2 && children.every((ch) => ch.level === 9)) {
        const values = children.map((ch) => valueAt(ch, c));
        const flat = values.reduce((a, v) => a.plus(v), ZERO);
        const tolerance = sumTolerance(values.length, fmt.decimals);
        if (
          flat
            .minus(target.value ?? ZERO)
            .abs()
            .gt(tolerance) &&
          nestedReadingAddsUp(values, target.value ?? ZERO, tolerance)
        )
          continue;
      }
      const f = checkSum(ctx, {
        rule: 'sum-mismatch',
        target,
        subject: `「${itemName(parent)}」${colLabel(c)}`,
        basis: message(ctx.locale, 'sum-of-items'),
        parts: children.map((ch) => asPart(ch, c)),
        ...fmt,
      });
      if (f) out.push(f);
    }
  }
  // year total = Σ top-level items above it; grand total = year total + carry lines
  // the year total; 决算 tables without 本年收入合计 print the year's sum as the first 收入总计 instead
  let yearAt = items.findIndex((i) => i.kind === 'yearTotal');
  if (yearAt < 0) yearAt = items.findIndex((i, k) => i.kind === 'grandTotal' && k > 0 && items[k - 1].kind === 'item');
  if (yearAt === 0) out.push(...totalOnTop(items, columns, colLabel, ctx, fmt));
  if (yearAt > 0) {
    const above = items.slice(0, yearAt).filter((i) => i.kind === 'item');
    const top = Math.min(...above.map((i) => i.level));
    // carry lines above the total (一、本年收入 · 二、上年结转 · 收入合计): that total includes them
    const carriesAbove = items.slice(0, yearAt).filter((i) => i.kind === 'carryIn' || i.kind === 'carryOut');
    const tops = [...above.filter((i) => i.level === top), ...carriesAbove];
    for (let c = 0; c < columns && tops.length; c++) {
      const target = items[yearAt].values[c];
      if (!target) continue;
      let parts = tops;
      // No item above the total is numbered (杭州 prints 类 › 款 › 项 as plain names, one under another): their
      // levels cannot be read, so as for a parent above, the total is wrong only if no nesting adds up to it
      if (top === 9 && above.length >= 2) {
        const values = above.map((i) => valueAt(i, c));
        const carried = carriesAbove.reduce((a, i) => a.plus(valueAt(i, c)), ZERO);
        const goal = (target.value ?? ZERO).minus(carried);
        const tolerance = sumTolerance(values.length + carriesAbove.length, fmt.decimals);
        const flat = values.reduce((a, v) => a.plus(v), ZERO);
        if (flat.minus(goal).abs().gt(tolerance) && nestedReadingAddsUp(values, goal, tolerance)) continue;
        // no nesting adds up. Where the names say which lines are 类 (the first line one of them, two or more) and
        // the 类 do not add up to the total either, the total is what is wrong, and the sum it should be is that of
        // the 类 (summed flat, 类 › 款 › 项 would count each amount up to three times). Where the 类 do add up, the
        // slip is below them (a 款 against its 项): the flat sum keeps it from passing unseen
        const classes = above.filter((i) => isFunctionClassName(i.name, ctx));
        const classSum = classes.reduce((a, i) => a.plus(valueAt(i, c)), ZERO);
        if (
          classes.length >= 2 &&
          classes[0] === above[0] &&
          classSum
            .minus(goal)
            .abs()
            .gt(sumTolerance(classes.length + carriesAbove.length, fmt.decimals))
        )
          parts = [...classes, ...carriesAbove];
      }
      const f = checkSum(ctx, {
        rule: 'sum-mismatch',
        target,
        subject: `「${itemName(items[yearAt])}」${colLabel(c)}`,
        basis: message(ctx.locale, 'sum-of-items'),
        parts: parts.map((t) => asPart(t, c)),
        ...fmt,
      });
      if (f) out.push(f);
    }
    const grandAt = items.findIndex((i, k) => k > yearAt && i.kind === 'grandTotal');
    if (grandAt > 0) {
      // transfers printed below the year total (烟台: 本年收入合计 · 上级补助收入 · 使用非财政拨款结余 · 上年结转 ·
      // 收入总计) are added to the grand total like the carry lines; only these named lines, so that the
      // breakdown of a carry line (上年结转 › 一般公共预算 …) is never counted twice
      const carries = items
        .slice(yearAt + 1, grandAt)
        .filter((i) => i.kind === 'carryIn' || i.kind === 'carryOut' || (i.kind === 'item' && TRANSFER.test(i.name)));
      for (let c = 0; c < columns; c++) {
        const target = items[grandAt].values[c];
        if (!target) continue;
        const f = checkSum(ctx, {
          rule: 'balance-mismatch',
          target,
          subject: `「${itemName(items[grandAt])}」${colLabel(c)}`,
          basis: `「${[items[yearAt], ...carries].map(itemName).join('+')}」`,
          parts: [items[yearAt], ...carries].map((t) => asPart(t, c)),
          ...fmt,
        });
        if (f) out.push(f);
      }
    }
  }
  // a panel with several figure columns (合计 | 一般公共预算 | 政府性基金 …): the first is the sum of the others
  if (columns > 2 && /合计/.test(panel.valueHeaders[0] ?? '')) {
    for (const it of items) {
      const target = it.values[0];
      if (!target || it.kind === 'subset') continue;
      const parts = it.values
        .slice(1)
        .map((cell, k) => ({ cell, value: cell?.value ?? ZERO, label: panel.valueHeaders[k + 1], range: cell?.range }));
      const f = checkSum(ctx, {
        rule: 'crossfoot-mismatch',
        template: 'crossfoot',
        target,
        subject: `「${itemName(it)}」「${panel.valueHeaders[0]}」`,
        basis: `「${panel.valueHeaders.slice(1).join('+')}」`,
        parts,
        ...fmt,
      });
      if (f) out.push(f);
    }
  }
  return out;
}

/**
 * A panel that prints its total first (重庆: `合计` over `一、一般公共预算资金 … 九、其他收入资金`): the total is
 * the sum of the top-level lines below it, carry lines included, as the template's 合计 of all sources. Only
 * when it is the panel's one total: with a second total below, which one sums what cannot be told.
 */
function totalOnTop(items: Item[], columns: number, colLabel: (c: number) => string, ctx: CheckContext, fmt: Fmt): Finding[] {
  const below = items.slice(1);
  if (below.some((i) => i.kind === 'yearTotal' || i.kind === 'grandTotal')) return [];
  const lines = below.filter((i) => i.kind === 'item');
  if (lines.length < 2) return [];
  const top = Math.min(...lines.map((i) => i.level));
  // unnumbered lines may be of several levels: their sum is not the total's to judge
  if (top === 9) return [];
  const parts = [...lines.filter((i) => i.level === top), ...below.filter((i) => i.kind === 'carryIn' || i.kind === 'carryOut')];
  const out: Finding[] = [];
  for (let c = 0; c < columns; c++) {
    const target = items[0].values[c];
    if (!target) continue;
    const f = checkSum(ctx, {
      rule: 'sum-mismatch',
      target,
      subject: `「${itemName(items[0])}」${colLabel(c)}`,
      basis: message(ctx.locale, 'sum-of-items'),
      parts: parts.map((t) => asPart(t, c)),
      ...fmt,
    });
    if (f) out.push(f);
  }
  return out;
}

function balances(panels: Panel[], ctx: CheckContext, fmt: Fmt): Finding[] {
  const out: Finding[] = [];
  const find = (p: Panel, kind: ItemKind) => p.items.find((i) => i.kind === kind && i.values[0]);
  const [income, ...spending] = panels;
  const incomeGrand = find(income, 'grandTotal');
  for (const p of spending) {
    const grand = find(p, 'grandTotal');
    if (incomeGrand && grand) {
      const f = checkSum(ctx, {
        rule: 'balance-mismatch',
        template: 'balance',
        target: grand.values[0]!,
        subject: `「${itemName(grand)}」`,
        basis: `「${itemName(incomeGrand)}」`,
        parts: [asPart(incomeGrand, 0)],
        ...fmt,
      });
      if (f) out.push(f);
    }
  }
  // every classification of spending totals the same 本年支出合计
  const years = spending.map((p) => find(p, 'yearTotal')).filter((i): i is Item => !!i);
  for (let k = 1; k < years.length; k++) {
    const f = checkSum(ctx, {
      rule: 'balance-mismatch',
      template: 'balance',
      target: years[k].values[0]!,
      subject: `「${itemName(years[k])}」`,
      basis: message(ctx.locale, 'left-panel', { item: itemName(years[0]) }),
      parts: [asPart(years[0], 0)],
      ...fmt,
    });
    if (f) out.push(f);
  }
  // without carry-over lines, income and spending of the year must balance too
  const incomeYear = find(income, 'yearTotal');
  const anyCarry = panels.some((p) =>
    p.items.some((i) => (i.kind === 'carryIn' || i.kind === 'carryOut') && !(i.values[0]?.value ?? ZERO).isZero()),
  );
  if (incomeYear && years[0] && !incomeGrand && !anyCarry) {
    const f = checkSum(ctx, {
      rule: 'balance-mismatch',
      template: 'balance',
      target: years[0].values[0]!,
      subject: `「${itemName(years[0])}」`,
      basis: `「${itemName(incomeYear)}」`,
      parts: [asPart(incomeYear, 0)],
      ...fmt,
    });
    if (f) out.push(f);
  }
  return out;
}

/** A 支出功能分类 类's name (一般公共服务支出, 住房保障支出 …), as the catalogue knows it in any year. */
function isFunctionClassName(name: string, ctx: CheckContext): boolean {
  let names = classNames.get(ctx.catalogue);
  if (!names) {
    names = new Set(
      ctx.catalogue
        .all()
        .filter((e) => e.classification === 'function' && e.level === '类')
        .map((e) => normalizeName(e.name)),
    );
    classNames.set(ctx.catalogue, names);
  }
  return names.has(normalizeName(name.replace(/^[一二三四五六七八九十]+、/, '')));
}
const classNames = new WeakMap<object, Set<string>>();
