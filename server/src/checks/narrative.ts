// The narrative against the tables (text-table-mismatch), against itself (text-sum-mismatch), and its
// percentages against its own figures (percent-mismatch, reasoning with the intervals the printed,
// rounded figures allow).
import Decimal from 'decimal.js';
import type { Cell, DisclosureDocument, Table, Unit } from '../model/types.js';
import type { CheckContext, Finding } from './index.js';
import { readNarrative, type Figure, type Itemisation, type LevelGrowth, type Percent } from '../narrative/facts.js';
import { convert } from '../parse/amounts.js';
import { halfUnit, show } from './tolerance.js';
import { message, say } from './messages.js';
import { findingOf } from './finding.js';
import { buildTableView, isGrid, isTotalLabel, type TableView } from './tableView.js';
import { isSummaryTable } from './tableArithmetic.js';
import { isCarryName } from './summary.js';
import { lexLine } from '../parse/lex.js';
import { normalizeName } from '../catalogue/catalogue.js';
import { tableSet } from '../parse/tableSet.js';

const ZERO = new Decimal(0);
const HUNDRED = new Decimal(100);

export function narrative(doc: DisclosureDocument, ctx: CheckContext): Finding[] {
  const facts = readNarrative(doc);
  const out: Finding[] = [];
  const itemOf = new Map<Figure, Itemisation>();
  for (const it of facts.itemisations) for (const p of it.parts) if (!itemOf.has(p)) itemOf.set(p, it);
  for (const it of facts.itemisations) sumCheck(it, ctx, out);
  for (const f of facts.figures) {
    if (f.growth && f.change) growthCheck(f, itemOf.get(f)?.total, ctx, out);
    if (f.share) {
      const whole = itemOf.get(f)?.total;
      if (whole) ratioCheck(f.share, f, whole, 'share-word', ctx, out);
    }
  }
  for (const c of facts.completions) ratioCheck(c.percent, c.actual, c.budget, 'completion-word', ctx, out);
  for (const g of facts.levelGrowths) levelGrowthCheck(g, ctx, out);
  textTable(doc, facts.figures, facts.paragraphs, ctx, out);
  return out;
}

const inUnit = (f: Figure, unit: Unit) => convert(f.value, f.unit, unit);

function sumCheck(it: Itemisation, ctx: CheckContext, out: Finding[]): void {
  const unit = it.total.unit;
  const expected = it.parts.reduce((s, p) => s.plus(inUnit(p, unit)), ZERO);
  const decimals = Math.max(it.total.decimals, ...it.parts.map((p) => p.decimals));
  const tolerance = halfUnit(decimals).times(it.parts.length + 1);
  const diff = it.total.value.minus(expected);
  ctx.collect?.({
    range: it.total.range,
    rule: 'text-sum-mismatch',
    subject: it.total.label || message(ctx.locale, 'total'),
    basis: `「${it.marker}」所列各项`,
    found: show(it.total.value, decimals),
    expected: show(expected, decimals),
    parts: it.parts.map((p) => ({ label: p.label || p.text, value: show(inUnit(p, unit), decimals), range: p.range })),
    verdict: diff.abs().lte(tolerance) ? (diff.isZero() ? 'equal' : 'rounding') : 'mismatch',
    tolerance: show(tolerance, decimals + 1),
    template: 'sum',
  });
  // a single part after 其中 names a subset; 主要包括/主要用于 may leave items out: then only "more than the total" is wrong
  const partial = !it.complete || it.parts.length < 2;
  if (diff.abs().lte(tolerance) || (partial && diff.gt(0))) return;
  const label = it.total.label || message(ctx.locale, 'total');
  const args = {
    label,
    found: show(it.total.value, it.total.decimals),
    unit,
    marker: it.marker,
    expected: show(expected, decimals),
    diff: show(diff.abs(), decimals),
  };
  const said = say(ctx.locale, partial ? 'text-sum-partial' : 'text-sum', args);
  out.push(
    findingOf(
      'text-sum-mismatch',
      it.total.range,
      said,
      {
        expected: expected.toString(),
        found: it.total.value.toString(),
        difference: diff.toString(),
        unit,
      },
      it.parts.map((p) => ({
        location: { uri: ctx.uri, range: p.range },
        message: message(ctx.locale, 'part', { item: p.label || message(ctx.locale, 'unnamed'), value: p.text }),
      })),
    ),
  );
}

/**
 * What a printed percentage may stand for: rounded ([P − ½ unit, P + ½ unit]) or, as many offices do,
 * truncated ([P, P + 1 unit)). Either reading is accepted.
 */
function printedPercent(p: Percent): [Decimal, Decimal] {
  // `5.0%`, `4.00%`: zeros after the point are as often a cell format over a whole percentage as a measured
  // digit, so they are read as the whole number they print (湖州 prints 4.86% as `4.00%`, 5.11% as `5.0%`)
  const decimals = p.decimals > 0 && p.value.isInteger() ? 0 : p.decimals;
  const unit = halfUnit(decimals).times(2);
  return [p.value.minus(unit.div(2)), p.value.plus(unit)];
}

/** All values a printed figure may stand for: [v − ½ unit, v + ½ unit]. */
function interval(v: Decimal, decimals: number): [Decimal, Decimal] {
  const h = halfUnit(decimals);
  return [v.minus(h), v.plus(h)];
}

/**
 * 较上年增加 C，增长 P%: previous = current − C, growth = C ÷ previous. Current and C are rounded, so the
 * true growth lies in an interval; P% (itself rounded) is wrong only if its own interval misses it.
 */
function growthCheck(f: Figure, head: Figure | undefined, ctx: CheckContext, out: Finding[]): void {
  const g = f.growth!;
  const change = f.change!;
  const sign = change.direction;
  if (sign === 0 || g.direction !== sign) return;
  // `总额X，其中：A a，较上年增加C，增长P%`: the change may be the total's or the part's. The percentage
  // is wrong only if it fits neither reading.
  const cAbs = change.value.abs();
  // `其中：A 221.04万元，比上年增加221.04万元，增长100%`: a change equal to the figure itself says the item is
  // new (上年为零) — the change is the item's, not the total's, and a growth from zero cannot be computed
  if (
    sign > 0 &&
    f.value
      .minus(cAbs)
      .abs()
      .lte(halfUnit(f.decimals).plus(halfUnit(change.decimals)))
  )
    return;
  // `收入预算A万元，比2025年年初预算数Z万元减少C万元，下降P%`: the figure the change follows is the level compared
  // with, so this year's is Z ± C and P = C ÷ Z (北京's budgets word every total so)
  const self = /^(?:较|比|与)/.test(f.label) ? { ...f, value: f.value.plus(change.value) } : f;
  const readings = [self, head].filter((b): b is Figure => !!b && (sign < 0 || b.value.gt(cAbs)));
  if (readings.length === 0) return; // 上年为零或为负：不可比
  const fits = (b: Figure) => {
    const [a0, a1] = interval(b.value, b.decimals);
    const [c0, c1] = interval(cAbs, change.decimals);
    const lo = sign > 0 ? a1.minus(c0) : a1.plus(c0);
    const hi = sign > 0 ? a0.minus(c1) : a0.plus(c1);
    if (lo.lte(0) || hi.lte(0)) return true;
    const [p0, p1] = printedPercent(g);
    return !(p1.lt(c0.div(lo).times(HUNDRED)) || p0.gt(c1.div(hi).times(HUNDRED)));
  };
  const base = readings.find(fits) ?? readings[0];
  const [a0, a1] = interval(base.value, base.decimals);
  const [c0, c1] = interval(cAbs, change.decimals);
  // f(A, C) = C / (A − C) for an increase, C / (A + C) for a decrease: monotone in each variable
  const prev = (a: Decimal, c: Decimal) => (sign > 0 ? a.minus(c) : a.plus(c));
  const lowP = prev(a1, c0);
  const highP = prev(a0, c1);
  if (lowP.lte(0) || highP.lte(0)) return;
  const min = c0.div(lowP).times(HUNDRED);
  const max = c1.div(highP).times(HUNDRED);
  const [p0, p1] = printedPercent(g);
  const central = cAbs.div(prev(base.value, cAbs)).times(HUNDRED);
  ctx.collect?.({
    range: g.range,
    rule: 'percent-mismatch',
    subject: `${sign > 0 ? '增长' : '下降'} ${g.value.toFixed(g.decimals)}%`,
    basis: `${change.value.abs().toFixed(change.decimals)} ÷ 上年`,
    found: `${g.value.toFixed(g.decimals)}%`,
    expected: `${central.toFixed(Math.max(2, g.decimals))}%`,
    parts: [
      { label: '本年', value: show(base.value, base.decimals), range: base.range },
      { label: sign > 0 ? '增加' : '减少', value: show(cAbs, change.decimals), range: change.range },
      { label: '上年', value: show(prev(base.value, cAbs), base.decimals) },
    ],
    verdict: p1.lt(min) || p0.gt(max) ? 'mismatch' : 'equal',
    tolerance: `${min.toFixed(3)}%–${max.toFixed(3)}%`,
    template: 'sum',
  });
  if (p1.lt(min) || p0.gt(max)) {
    const previous = prev(base.value, cAbs);
    const said = say(ctx.locale, 'growth', {
      word: message(ctx.locale, sign > 0 ? 'growth-up' : 'growth-down'),
      percent: g.value.toFixed(g.decimals),
      current: show(base.value, base.decimals),
      unit: base.unit,
      up: String(sign > 0),
      change: show(cAbs, change.decimals),
      previous: show(previous, base.decimals),
      expected: central.toFixed(2),
    });
    out.push(
      findingOf(
        'percent-mismatch',
        g.range,
        said,
        {
          expected: central.toFixed(2),
          found: g.value.toString(),
          difference: g.value.minus(central).toFixed(2),
          replacement: central.toFixed(g.decimals),
        },
        [
          { location: { uri: ctx.uri, range: base.range }, message: message(ctx.locale, 'this-year', { value: base.text }) },
          {
            location: { uri: ctx.uri, range: change.range },
            message: message(ctx.locale, 'change-by', { value: show(cAbs, change.decimals) }),
          },
        ],
      ),
    );
  }
}

/**
 * `上年执行数A，本年预算B，比上年执行数增加P%`: the growth is B ÷ A − 1, with A and B each rounded, so it lies
 * between b0 ÷ a1 − 1 and b1 ÷ a0 − 1; the printed P% (增加 +, 减少 −) is wrong only if its own interval misses
 * that one. From zero (A may be 0) nothing is comparable.
 */
function levelGrowthCheck(g: LevelGrowth, ctx: CheckContext, out: Finding[]): void {
  const { previous, current, percent } = g;
  const b = convert(current.value, current.unit, previous.unit);
  const [a0, a1] = interval(previous.value, previous.decimals);
  const [b0, b1] = interval(b, current.decimals);
  if (a0.lte(0)) return;
  const min = Decimal.max(b0, ZERO).div(a1).minus(1).times(HUNDRED);
  const max = b1.div(a0).minus(1).times(HUNDRED);
  const [p0, p1] = printedPercent(percent);
  // the printed growth, signed by its word
  const [s0, s1] = percent.direction > 0 ? [p0, p1] : [p1.neg(), p0.neg()];
  const change = b.minus(previous.value);
  const central = change.div(previous.value).times(HUNDRED);
  const decimals = Math.max(previous.decimals, current.decimals);
  const word = message(ctx.locale, percent.direction > 0 ? 'growth-up' : 'growth-down');
  const printed = `${percent.value.toFixed(percent.decimals)}%`;
  const verdict = s1.lt(min) || s0.gt(max) ? 'mismatch' : 'equal';
  ctx.collect?.({
    range: percent.range,
    rule: 'percent-mismatch',
    subject: `${word} ${printed}`,
    basis: `(${current.label || '本年'} − ${previous.label || '上年'}) ÷ ${previous.label || '上年'}`,
    found: printed,
    expected: `${central.toFixed(Math.max(2, percent.decimals))}%`,
    parts: [
      { label: previous.label || previous.text, value: show(previous.value, previous.decimals), range: previous.range },
      { label: current.label || current.text, value: show(b, current.decimals), range: current.range },
    ],
    verdict,
    tolerance: `${min.toFixed(3)}%–${max.toFixed(3)}%`,
    template: 'sum',
  });
  if (verdict === 'equal') return;
  const data: Finding['data'] = {
    expected: central.toFixed(2),
    found: percent.value.mul(percent.direction).toString(),
    difference: percent.value.mul(percent.direction).minus(central).toFixed(2),
  };
  // the figure alone is to be corrected when the word is right; a wrong word is not mended by a number
  if (central.isZero() || central.isPositive() === percent.direction > 0) data.replacement = central.abs().toFixed(percent.decimals);
  const said = say(ctx.locale, 'growth-levels', {
    word,
    percent: percent.value.toFixed(percent.decimals),
    unit: previous.unit,
    previousLabel: previous.label || message(ctx.locale, 'unnamed'),
    previous: show(previous.value, previous.decimals),
    currentLabel: current.label || message(ctx.locale, 'unnamed'),
    current: show(b, current.decimals),
    change: show(change, decimals),
    expected: central.toFixed(2),
  });
  out.push(
    findingOf('percent-mismatch', percent.range, said, data, [
      { location: { uri: ctx.uri, range: previous.range }, message: message(ctx.locale, 'base-level', { value: previous.text }) },
      { location: { uri: ctx.uri, range: current.range }, message: message(ctx.locale, 'this-year', { value: current.text }) },
    ]),
  );
}

/** 占 Z% / 完成预算的 W%: part ÷ whole with both rounded. */
function ratioCheck(
  p: Percent,
  part: Figure,
  whole: Figure,
  word: 'share-word' | 'completion-word',
  ctx: CheckContext,
  out: Finding[],
): void {
  const w = convert(whole.value, whole.unit, part.unit);
  if (w.isZero()) return;
  const [a0, a1] = interval(part.value, part.decimals);
  const [b0, b1] = interval(w, whole.decimals);
  if (b0.lte(0)) return;
  const min = Decimal.max(a0, ZERO).div(b1).times(HUNDRED);
  const max = a1.div(b0).times(HUNDRED);
  const [p0, p1] = printedPercent(p);
  if (!(p1.lt(min) || p0.gt(max))) return;
  // `预算支出1682.76元，其中基本支出1208.20万元，占71.80%` (长春): the figures as printed, without the unit,
  // give the percentage — the unit is the slip (text-sum-mismatch reports it), not the percentage
  if (whole.unit !== part.unit && fitsRaw(p, part, whole)) return;
  const central = part.value.div(w).times(HUNDRED);
  const said = say(ctx.locale, 'ratio', {
    word: message(ctx.locale, word),
    percent: p.value.toFixed(p.decimals),
    part: part.text,
    whole: whole.text,
    expected: central.toFixed(2),
  });
  out.push(
    findingOf(
      'percent-mismatch',
      p.range,
      said,
      {
        expected: central.toFixed(2),
        found: p.value.toString(),
        difference: p.value.minus(central).toFixed(2),
        replacement: central.toFixed(p.decimals),
      },
      [
        { location: { uri: ctx.uri, range: part.range }, message: part.text },
        { location: { uri: ctx.uri, range: whole.range }, message: whole.text },
      ],
    ),
  );
}

/** Whether part ÷ whole, read as the bare numbers printed, fits the printed percentage. */
function fitsRaw(p: Percent, part: Figure, whole: Figure): boolean {
  const [a0, a1] = interval(part.value, part.decimals);
  const [b0, b1] = interval(whole.value, whole.decimals);
  if (b0.lte(0)) return false;
  const [p0, p1] = printedPercent(p);
  return !(p1.lt(Decimal.max(a0, ZERO).div(b1).times(HUNDRED)) || p0.gt(a1.div(b0).times(HUNDRED)));
}

// ---------------------------------------------------------------- prose against tables

interface Scoped {
  view: TableView;
  basic: boolean;
  kind: 'function' | 'economic';
  byName: Map<string, TableView['rows']>;
  byCode: Map<string, TableView['rows'][number]>;
  /** The column of the document's year, where the table prints several years' figures side by side. */
  yearColumn?: number;
}

function detailTables(doc: DisclosureDocument): Scoped[] {
  const out: Scoped[] = [];
  for (const t of doc.tables) {
    if (t.kind !== 'money' || t.empty || !t.title) continue;
    const title = t.title.replace(/\s/g, '');
    const header = t.headerRows.map((r) => r.cells.map((c) => c.text).join('')).join('');
    const kind = /经济分类|经济科目/.test(title + header)
      ? 'economic'
      : /功能分类|功能科目|按功能/.test(title + header)
        ? 'function'
        : undefined;
    if (!kind || !/一般公共预算/.test(title)) continue;
    const view = buildTableView(t);
    if (view.reading !== 'grid' && t.shape !== 'pdf') continue;
    // a table printing several years side by side (2025年预算数 | 2026年预算数 | 增减): the prose's figure is the
    // document's year's, in its column; a table where that column cannot be told is not read at all
    let yearColumn: number | undefined;
    if (view.columns.some((c) => namesAnotherYear(c.text, doc.facts.year))) {
      if (view.reading !== 'grid' || doc.facts.year === undefined) continue;
      yearColumn = view.columns.find((c) => c.text.replace(/\s/g, '').includes(`${doc.facts.year}年`))?.key;
      if (yearColumn === undefined) continue;
    }
    // indexed once: the prose is compared figure by figure
    const byName = new Map<string, TableView['rows']>();
    const byCode = new Map<string, TableView['rows'][number]>();
    for (const r of view.rows) {
      if (r.label && r.code) {
        const key = normalizeName(r.label.text);
        byName.set(key, [...(byName.get(key) ?? []), r]);
      }
      for (const c of r.row.cells) if (c.kind === 'code' && c.code && !byCode.has(c.code)) byCode.set(c.code, r);
    }
    out.push({ view, basic: /基本支出/.test(title), kind, byName, byCode, yearColumn });
  }
  return out;
}

function firstAmount(cells: Cell[]): Cell | undefined {
  return cells.find((c) => c.kind === 'amount');
}

/** The figure of a row the prose is compared with: its first, or in a table of several years, its year's. */
function rowAmount(t: Scoped, row: TableView['rows'][number]): Cell | undefined {
  if (t.yearColumn === undefined) return firstAmount(row.row.cells);
  const cell = row.values.get(t.yearColumn);
  return cell?.kind === 'amount' ? cell : undefined;
}

/** A header that names a year other than the document's (`2025年预算数` in a 2026 budget, `上年决算数`). */
function namesAnotherYear(header: string, year: number | undefined): boolean {
  if (/上年|上一年/.test(header)) return true;
  return [...header.matchAll(/(\d{4})\s*年/g)].some((m) => Number(m[1]) !== year);
}

function textTable(doc: DisclosureDocument, figures: Figure[], paragraphs: { section: string }[], ctx: CheckContext, out: Finding[]): void {
  const tables = detailTables(doc);
  for (const f of tables.length ? figures : []) {
    if (f.auxiliary) continue;
    const section = paragraphs[f.paragraph]?.section ?? '';
    if (!/一般公共预算/.test(section)) continue;
    const basic = /基本支出/.test(section);
    const candidates = tables.filter((t) => t.basic === basic);
    let target: { cell: Cell; table: TableView; what: string } | undefined;
    if (f.code) {
      const kind = f.code.startsWith('2') ? 'function' : 'economic';
      for (const t of candidates.filter((x) => x.kind === kind)) {
        const row = t.byCode.get(f.code);
        const cell = row && rowAmount(t, row);
        if (cell) {
          target = { cell, table: t.view, what: `${f.code}` };
          break;
        }
      }
    } else if (f.label && f.label.length >= 2) {
      // `社会保障和就业（类）支出`: the level marker written inside the name is no part of it
      const name = normalizeName(f.label.replace(/^(?:其中|主要是|主要包括|包括)/, '').replace(/[（(](?:类|款|项)[）)]/g, ''));
      for (const t of candidates) {
        const rows = t.byName.get(name) ?? [];
        if (rows.length === 1) {
          const cell = rowAmount(t, rows[0]);
          if (cell) {
            target = { cell, table: t.view, what: rows[0].code! };
            break;
          }
        }
        // 人员经费 / 公用经费 / 基本支出 totals of the table
        const total = t.view.rows.find((r) => !r.code && isTotalLabel(r.label?.text));
        const col = /^人员经费/.test(name)
          ? t.view.columns.find((c) => /人员经费/.test(c.text))
          : /^公用经费/.test(name)
            ? t.view.columns.find((c) => /公用经费/.test(c.text))
            : basic && /基本支出$/.test(name)
              ? t.view.columns[0]
              : undefined;
        if (total && col) {
          const cell = total.values.get(col.key);
          if (cell && cell.kind === 'amount') {
            target = { cell, table: t.view, what: '合计' };
            break;
          }
        }
      }
    }
    if (target) compareToCell(f, target.cell, target.table.table, ctx, out);
  }
  meetingDetail(doc, figures, ctx, out);
  summaryLabels(doc, figures, paragraphs, ctx, out);
  figuresInTheirTable(doc, figures, paragraphs, ctx, out);
  budgetAndActual(doc, figures, paragraphs, ctx, out);
  grandTotals(doc, figures, ctx, out);
}

/**
 * `某某局2024年度收入支出总计2995.39万元` / `…财政拨款收入支出总计…`: the grand total of the 收支总表 (or of the
 * 财政拨款收支总表), which prints it twice, as 收入总计 and as 支出总计 (or 总计 in each panel). Read only
 * where the table's totals agree (where they do not, the table is already wrong and the prose cannot be placed); the words before the total may name the department and the year, never a part of the budget
 * (一般公共预算…, 上年结转…: those are other figures).
 */
const GRAND_TOTAL = /(财政拨款)?(?:(?:收入支出|收支|收入|支出)(?:决算|预算)?总计|收支总(?:预算|决算))$/;
const NOT_THE_WHOLE = /一般公共预算|政府性基金|国有资本|上年|结转|结余|本年|其中|基本支出|项目支出|增加|减少|增长|下降/;

function grandTotals(doc: DisclosureDocument, figures: Figure[], ctx: CheckContext, out: Finding[]): void {
  const wanted = figures.filter((f) => !f.auxiliary && !f.code && GRAND_TOTAL.test(f.label));
  if (!wanted.length) return;
  // the standard tables as the completeness check found them (read once per document, parse/tableSet.ts)
  const totals = new Map<string, { cells: Cell[]; table: Table }>();
  for (const [standard, tables] of tableSet(doc).present) {
    if (standard.kind !== '收支总表' && standard.kind !== '财政拨款收支总表') continue;
    for (const t of tables) {
      if (t.kind !== 'money' || t.empty) continue;
      const cells = grandTotalCells(t);
      // both panels' totals (收入总计 and 支出总计, or 总计 twice) and all the same figure
      if (cells.length >= 2 && cells.every((c) => c.value && c.value.eq(cells[0].value!))) {
        totals.set(standard.kind, { cells, table: t });
        break;
      }
    }
  }
  for (const f of wanted) {
    const m = GRAND_TOTAL.exec(f.label)!;
    if (NOT_THE_WHOLE.test(f.label.slice(0, m.index))) continue;
    const total = totals.get(m[1] ? '财政拨款收支总表' : '收支总表');
    if (total) compareToCell(f, total.cells[0], total.table, ctx, out, m[0], total.cells.slice(1));
  }
}

/** The first amount after each grand-total name (总计, 收入总计, 支出总计, 收支总计) in a summary table's rows. */
function grandTotalCells(t: Table): Cell[] {
  const out: Cell[] = [];
  for (const r of t.rows) {
    if (r.kind !== 'data') continue;
    r.cells.forEach((c, i) => {
      if (c.kind !== 'text' || !/^(?:收入|支出|收支|收入支出)?总计$/.test(normalizeName(c.text))) return;
      const next = r.cells[i + 1];
      if (next?.kind === 'amount') out.push(next);
    });
  }
  return out;
}

const EXPENSE = ['会议费', '培训费', '公务接待费', '因公出国（境）', '公务用车运行维护费', '公务用车购置费'];

/**
 * 决算 documents: `会议费预算为0万元，支出决算为8万元` against the 三公 table's 预算数 / 决算数 rows, in the
 * column the header names for that expense (only where exactly one column carries the name).
 */
function budgetAndActual(
  doc: DisclosureDocument,
  figures: Figure[],
  paragraphs: { section: string }[],
  ctx: CheckContext,
  out: Finding[],
): void {
  const table = doc.tables.find((t) => t.kind === 'money' && /三公/.test(t.title ?? '') && t.shape !== 'pdf');
  if (!table) return;
  const view = buildTableView(table);
  if (view.reading !== 'grid') return;
  const row = (word: RegExp) => view.rows.find((r) => r.label && word.test(r.label.text.replace(/\s/g, '')));
  const budgetRow = row(/^预算数$/);
  const actualRow = row(/^决算数$/);
  if (!budgetRow || !actualRow) return;
  const columnOf = (expense: string) => {
    const key = expense.replace(/[（）()]/g, '');
    const cols = view.columns.filter(
      (c) =>
        c.header.some((h) => h.replace(/[（）()\s]/g, '').includes(key)) && !c.header.some((h) => /小计|合计/.test(h) && !h.includes(key)),
    );
    const own = cols.filter((c) => c.header[c.header.length - 1].replace(/[（）()\s]/g, '').includes(key));
    const pick = own.length ? own : cols;
    return pick.length === 1 ? pick[0] : undefined;
  };
  for (let i = 0; i + 1 < figures.length; i++) {
    const a = figures[i];
    const b = figures[i + 1];
    if (a.paragraph !== b.paragraph || a.auxiliary || b.auxiliary) continue;
    // the expense is named in the sentence, or else by the heading the sentence sits under
    const named = (text: string) =>
      EXPENSE.find((e) => text.replace(/\s/g, '').includes(e) || text.replace(/[\s（）()]/g, '').includes(e.replace(/[（）()]/g, '')));
    const heading = (paragraphs[a.paragraph]?.section ?? '').split(' › ').pop() ?? '';
    const expense = named(a.label) ?? named(heading.replace(/费用/g, '费'));
    if (!expense || !/预算$/.test(a.label.replace(/\s/g, '')) || !/决算$/.test(b.label.replace(/\s/g, ''))) continue;
    const col = columnOf(expense);
    if (!col) continue;
    for (const [f, r] of [
      [a, budgetRow],
      [b, actualRow],
    ] as const) {
      const cell = r.values.get(col.key);
      if (cell && cell.kind === 'amount') compareToCell(f, cell, table, ctx, out, `${expense}${r === budgetRow ? '预算数' : '决算数'}`);
    }
  }
}

/**
 * “三公”经费 and its items, 会议费, 培训费, 机关运行经费 and 政府采购 figures against the table that reports
 * them. Those tables' headers are often mangled by conversion (上年/当年/增减 groups, split cells), so the
 * check asks only whether the table shows the stated figure anywhere: a figure it does not contain at all
 * is reported, with the figures it does contain.
 */
function figuresInTheirTable(
  doc: DisclosureDocument,
  figures: Figure[],
  paragraphs: { section: string }[],
  ctx: CheckContext,
  out: Finding[],
): void {
  const families: { label: RegExp; table: RegExp }[] = [
    { label: /三公|因公出国|公务接待|公务用车|会议费|培训费/, table: /三公/ },
    { label: /机关运行经费/, table: /机关运行经费/ },
    { label: /政府采购/, table: /政府采购/ },
  ];
  for (const fam of families) {
    const table = doc.tables.find((t) => t.kind === 'money' && !t.empty && fam.table.test(t.title ?? ''));
    if (!table) continue;
    const unit: Unit = table.unit ?? '万元';
    const cells = table.rows
      .filter((r) => r.kind === 'data')
      .flatMap((r) => r.cells)
      .filter((c) => c.kind === 'amount' && c.value);
    if (!cells.length) continue;
    // each cell in 万元 and 元 once, with its own rounding: the prose is compared against these
    const inUnits = (['万元', '元'] as Unit[]).map((u) =>
      cells.map((c) => ({ cell: c, value: convert(c.value!, unit, u), half: convert(halfUnit(c.decimals ?? 0), unit, u) })),
    );
    for (const f of figures) {
      if (f.auxiliary || f.value.isZero() || !fam.label.test(f.label)) continue;
      const section = paragraphs[f.paragraph]?.section ?? '';
      if (!fam.label.test(section) && !fam.table.test(section)) continue;
      const tol = halfUnit(f.decimals);
      const found = inUnits[f.unit === '万元' ? 0 : 1].find((x) => x.value.minus(f.value).abs().lte(tol.plus(x.half)))?.cell;
      if (found) {
        ctx.collect?.({
          range: f.range,
          rule: 'text-table-mismatch',
          subject: f.label,
          basis: `「${table.title}」中的`,
          found: f.text,
          expected: `${found.text}${unit}`,
          parts: [{ label: `「${table.title}」 ${found.text}${unit}`, value: found.text, range: found.range }],
          verdict: 'equal',
          tolerance: show(tol, f.decimals + 1),
          template: 'balance',
        });
        continue;
      }
      const shown = [...new Set(cells.map((c) => c.text))].slice(0, 8).join(message(ctx.locale, 'list-separator'));
      const said = say(ctx.locale, 'not-in-table', { label: f.label, found: f.text, table: table.title ?? '', shown, unit });
      out.push(
        findingOf('text-table-mismatch', f.range, said, { expected: '', found: f.value.toString(), difference: '', unit: f.unit }, [
          { location: { uri: ctx.uri, range: table.titleRange ?? table.range }, message: table.title ?? '' },
        ]),
      );
    }
  }
}

/** 预算收入 / 一般公共预算拨款 / 上年结转 … stated in the prose against the summary tables' items. */
function summaryLabels(
  doc: DisclosureDocument,
  figures: Figure[],
  paragraphs: { section: string }[],
  ctx: CheckContext,
  out: Finding[],
): void {
  const index = new Map<string, { cell: Cell; table: Table }[]>();
  const put = (key: string, cell: Cell, table: Table) => index.set(key, [...(index.get(key) ?? []), { cell, table }]);
  for (const t of doc.tables) {
    if (t.kind !== 'money' || t.empty || !isSummaryTable(t.title, t.headerRows.map((r) => r.cells.map((c) => c.text).join('|')).join('\n')))
      continue;
    if (/政府性基金|国有资本/.test(t.title ?? '')) continue;
    const data = t.rows.filter((r) => r.kind === 'data');
    if (t.shape === 'pdf' || !isGrid(data)) continue;
    // the items under a carry line (二、上年结转 › (一)一般公共预算拨款) break the carry down: their names are
    // not the year's figures of the same name, so they are not indexed
    const underCarry = new Set<number>();
    for (const r of data)
      r.cells.forEach((c, i) => {
        const v = r.cells[i + 1];
        if (c.kind !== 'text') return;
        const h = lexLine(c.text.trim()).heading;
        const name = normalizeName(h && h.style !== 'markdown' ? h.title : c.text);
        if (isCarryName(name)) {
          underCarry.add(i);
          return;
        }
        if (!h || h.style === 'cn' || /合计|总计/.test(name)) underCarry.delete(i);
        if (underCarry.has(i) || !v || v.kind !== 'amount') return;
        put(name, v, t);
        if (i === 0 && /^收入总计$/.test(name)) for (const alias of ['预算收入', '收入预算', '部门预算收入', '收入']) put(alias, v, t);
      });
  }
  let elsewhere: Map<string, { cell: Cell; table: Table }[]> | undefined;
  for (const f of figures) {
    if (f.auxiliary || f.code) continue;
    const section = paragraphs[f.paragraph]?.section ?? '';
    if (/三公|政府采购|绩效|机关运行|国有资产|名词/.test(section)) continue;
    const name = normalizeName(f.label);
    const hits = index.get(name);
    if (!hits?.length) continue;
    const values = new Set(hits.map((h) => convert(h.cell.value ?? ZERO, h.table.unit ?? '万元', f.unit).toFixed(2)));
    if (values.size !== 1) continue; // the same name with different figures in different tables: no safe reading
    // a summary table's 款/项 name is often also the name of a project (`统计管理` the 项 and `统计管理` the project
    // in the 项目支出 table, 深圳): a figure that another table prints in a row of that name is read from there
    elsewhere ??= labelledAmounts(doc);
    const tol = halfUnit(f.decimals);
    const shown = (elsewhere.get(name) ?? []).some(({ cell, table }) =>
      convert(cell.value ?? ZERO, table.unit ?? '万元', f.unit)
        .minus(f.value)
        .abs()
        .lte(tol.plus(convert(halfUnit(cell.decimals ?? 0), table.unit ?? '万元', f.unit))),
    );
    if (shown) continue;
    compareToCell(f, hits[0].cell, hits[0].table, ctx, out);
  }
}

/** Every money table's rows by the names in them: each name with the amounts that follow it in its row, up to the next name. */
function labelledAmounts(doc: DisclosureDocument): Map<string, { cell: Cell; table: Table }[]> {
  const out = new Map<string, { cell: Cell; table: Table }[]>();
  for (const t of doc.tables) {
    if (t.kind !== 'money' || t.empty) continue;
    for (const r of t.rows) {
      if (r.kind !== 'data') continue;
      r.cells.forEach((c, i) => {
        if (c.kind !== 'text') return;
        const key = normalizeName(c.text);
        if (!key) return;
        // up to the next name: a two-panel row's right half belongs to the right half's name
        const next = r.cells.findIndex((x, j) => j > i && x.kind === 'text' && x.text.trim() !== '');
        const amounts = r.cells.slice(i + 1, next < 0 ? undefined : next).filter((x) => x.kind === 'amount' && x.value);
        if (amounts.length) out.set(key, [...(out.get(key) ?? []), ...amounts.map((cell) => ({ cell, table: t }))]);
      });
    }
  }
  return out;
}

/** 会议费 stated in the prose against the meetings its 会议费（培训费）明细表 lists. */
function meetingDetail(doc: DisclosureDocument, figures: Figure[], ctx: CheckContext, out: Finding[]): void {
  const table = doc.tables.find((t) => /会议/.test(t.title ?? '') && /明细/.test(t.title ?? ''));
  if (!table) return;
  const amountCol = table.headerRows.flatMap((r) => r.cells).find((c) => /^金额/.test(c.text.replace(/\s/g, '')))?.column;
  if (amountCol === undefined) return;
  const rows = table.rows.filter((r) => r.kind === 'data' && !r.cells.some((c) => /培训/.test(c.text)));
  const cells = rows
    .map((r) => r.cells[amountCol])
    .filter((c): c is Cell => !!c && (c.kind === 'amount' || c.kind === 'number') && !!c.value);
  if (!cells.length) return;
  const unit: Unit = table.unit ?? '元';
  const sum = cells.reduce((s, c) => s.plus(c.value!), ZERO);
  for (const f of figures) {
    if (f.auxiliary || !/会议费/.test(f.label) || /培训/.test(f.label)) continue;
    const inProse = convert(sum, unit, f.unit);
    const diff = f.value.minus(inProse);
    if (diff.abs().lte(halfUnit(f.decimals))) continue;
    const said = say(ctx.locale, 'meeting-sum', {
      label: f.label,
      found: f.text,
      table: table.title ?? '',
      sum: show(sum, 2),
      tableUnit: unit,
      expected: show(inProse, f.decimals),
      unit: f.unit,
      diff: show(diff.abs(), f.decimals),
    });
    out.push(
      findingOf(
        'text-table-mismatch',
        f.range,
        said,
        {
          expected: inProse.toString(),
          found: f.value.toString(),
          difference: diff.toString(),
          unit: f.unit,
        },
        cells.map((c) => ({ location: { uri: ctx.uri, range: c.range }, message: `${c.text}${unit}` })),
      ),
    );
  }
}

function compareToCell(
  f: Figure,
  cell: Cell,
  table: Table,
  ctx: CheckContext,
  out: Finding[],
  what?: string,
  /** The same figure printed elsewhere in the table (the other panel's 总计): shown too, as the cells compared. */
  samePrinted: readonly Cell[] = [],
): void {
  const tableUnit: Unit = table.unit ?? '万元';
  const inProseUnit = convert(cell.value ?? ZERO, tableUnit, f.unit);
  // the prose rounds the table's figure to its own precision: half a unit of its last digit, plus the
  // table's own rounding when the table printed fewer digits than the conversion needs
  const tol = halfUnit(f.decimals).plus(convert(halfUnit(cell.decimals ?? 0), tableUnit, f.unit));
  const diff = f.value.minus(inProseUnit);
  const name = `${table.number ? table.number + ' ' : ''}「${table.title ?? ''}」`;
  const verdict = diff.abs().lte(tol) ? 'equal' : 'mismatch';
  ctx.collect?.({
    range: f.range,
    rule: 'text-table-mismatch',
    subject: f.label || f.text,
    basis: `${name}中的`,
    found: f.text,
    expected: `${show(inProseUnit, Math.max(f.decimals, 2))}${f.unit}`,
    parts: [{ label: `${name} ${cell.text}${tableUnit}`, value: show(inProseUnit, Math.max(f.decimals, 2)), range: cell.range }],
    verdict,
    tolerance: show(tol, f.decimals + 1),
    template: 'balance',
  });
  if (verdict === 'equal') return;
  const said = say(ctx.locale, 'text-table', {
    label: what ?? (f.label || f.code || ''),
    found: f.text,
    table: name,
    cell: cell.text,
    tableUnit,
    expected: show(inProseUnit, f.decimals),
    unit: f.unit,
    diff: show(diff.abs(), f.decimals),
  });
  out.push(
    findingOf(
      'text-table-mismatch',
      f.range,
      said,
      {
        expected: inProseUnit.toString(),
        found: f.value.toString(),
        difference: diff.toString(),
        unit: f.unit,
        replacement: show(inProseUnit, f.decimals),
      },
      [cell, ...samePrinted].map((c) => ({
        location: { uri: ctx.uri, range: c.range },
        message: message(ctx.locale, 'table-cell', { table: name, cell: c.text, unit: tableUnit }),
      })),
    ),
  );
}
