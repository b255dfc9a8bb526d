// Hovers over figures in tables: where the figure sits (table, row, column, unit) and how every total it
// takes part in was computed — the rows and columns summed, the sum, and the verdict.
import type { Computation } from '../checks/index.js';
import type { DisclosureDocument, Position, Range, Table, Cell } from '../model/types.js';
import type { Locale } from '../checks/messages.js';
import { contains } from '../model/ranges.js';
import { message } from '../checks/messages.js';
import { escapeMarkdown } from '../util/markdown.js';
import { formatLike } from '../checks/tolerance.js';
import Decimal from 'decimal.js';

export interface HoverShape {
  contents: { kind: 'markdown'; value: string };
  range: Range;
}

/** A hover on the converted text of an original ends with where the thing hovered is in the original (`原文第 12 页`). */
export function withOriginLine(hover: HoverShape, originLine: string | undefined): HoverShape {
  if (!originLine) return hover;
  return { ...hover, contents: { kind: 'markdown', value: `${hover.contents.value}\n\n---\n\n${originLine}` } };
}

export function cellAt(
  doc: DisclosureDocument,
  pos: Position,
): { table: Table; cell: Cell; rowLabel?: string; column?: string } | undefined {
  for (const table of doc.tables) {
    if (pos.line < table.range.start.line || pos.line > table.range.end.line) continue;
    for (const row of table.rows) {
      if (pos.line < row.line || pos.line > row.endLine) continue;
      const cell = row.cells.find((c) => c.kind !== 'empty' && contains(c.range, pos));
      if (!cell) continue;
      const { code, label } = rowNameOf(table, row.cells, cell);
      // header cells keep the spaces of a PDF page's layout (「本年收 入合计」): squeezed between CJK characters
      const header = table.headerRows
        .filter((h) => h.kind === 'header')
        .map((h) => squeezeCjk(h.cells[cell.column]?.text ?? ''))
        .filter(Boolean)
        .join(' / ');
      return {
        table,
        cell,
        rowLabel: [code?.code, label?.text].filter(Boolean).join(' ') || undefined,
        column: table.shape === 'pdf' ? undefined : header || undefined,
      };
    }
  }
  return undefined;
}

/**
 * The code and name that label a figure's row. A summary printed in panels side by side (收入 | 金额 | 支出 | 金额)
 * has a label per panel on one line: a figure is named by the label cells of its own panel — the run of label
 * cells left of its run of figure columns — not by the row's first text cell (which titled the 本年支出合计 figure
 * 「本年收入合计」). Whether a cell is a label or a figure is read from its column over the whole table, so that an
 * empty cell (an empty 金额 of the left panel, an empty name) is placed by what its column holds.
 */
function rowNameOf(table: Table, cells: Cell[], cell: Cell): { code?: Cell; label?: Cell } {
  const first = { code: cells.find((c) => c.kind === 'code'), label: cells.find((c) => c.kind === 'text') };
  if (cell.kind === 'code') return first;
  const roles = columnRoles(table);
  const role = (c: Cell): Role =>
    table.shape !== 'pdf' && roles[c.column] && roles[c.column] !== 'none' ? roles[c.column] : roleOfKind(c);
  let i = cells.indexOf(cell) - 1;
  while (i >= 0 && role(cells[i]) !== 'label') i--; // the other figure columns of the same panel (上年数, 本年数)
  const block: Cell[] = [];
  for (; i >= 0 && role(cells[i]) !== 'value'; i--) block.unshift(cells[i]);
  const code = block.find((c) => c.kind === 'code');
  const label = block.find((c) => c.kind === 'text');
  // a figure with no label left of it (a name printed after the figures) keeps the row's first label
  return code || label ? { code, label } : first;
}

type Role = 'label' | 'value' | 'none';

const roleOfKind = (c: Cell): Role => (c.kind === 'empty' ? 'none' : c.kind === 'text' || c.kind === 'code' ? 'label' : 'value');

// a hover asks once per table and analysis: the tables of an analysis are not changed after parsing
const rolesOfTable = new WeakMap<Table, Role[]>();

/** Each column's role by what most of its data cells hold: names and codes, or figures. */
function columnRoles(table: Table): Role[] {
  const known = rolesOfTable.get(table);
  if (known) return known;
  const votes: { label: number; value: number }[] = [];
  for (const r of table.rows) {
    if (r.kind !== 'data') continue;
    for (const c of r.cells) {
      const v = (votes[c.column] ??= { label: 0, value: 0 });
      const role = roleOfKind(c);
      if (role !== 'none') v[role]++;
    }
  }
  const roles = Array.from(votes, (v): Role => (!v || v.label + v.value === 0 ? 'none' : v.label >= v.value ? 'label' : 'value'));
  rolesOfTable.set(table, roles);
  return roles;
}

const verdict = (locale: Locale, v: Computation['verdict']) => message(locale, `verdict-${v}`);

export function tableHover(
  doc: DisclosureDocument,
  pos: Position,
  computations: Computation[],
  locale: Locale = 'zh',
): HoverShape | undefined {
  const hit = cellAt(doc, pos);
  if (!hit || (hit.cell.kind !== 'amount' && hit.cell.kind !== 'code' && hit.cell.kind !== 'number')) return undefined;
  const { table, cell } = hit;
  const md = escapeMarkdown;
  const lines: string[] = [];
  const name = `${table.number ? table.number + ' ' : ''}${table.title ?? ''}`.trim();
  const where = [name && `**${md(name)}**`, hit.rowLabel && `「${md(hit.rowLabel)}」`, hit.column && `「${md(hit.column)}」`]
    .filter(Boolean)
    .join(' · ');
  lines.push(`${where}${cell.kind === 'amount' ? ` · ${md(cell.text)}${table.unit ? ' ' + table.unit : ''}` : ''}`);
  const own = computations.filter(
    (c) =>
      contains(c.range, pos) || (c.range.start.line === cell.range.start.line && c.range.start.character === cell.range.start.character),
  );
  for (const c of own) {
    if (c.template === 'balance' && c.parts.length === 1) {
      const p = c.parts[0];
      lines.push(
        '',
        message(locale, 'hover-balance', {
          subject: md(c.subject),
          basis: md(c.basis),
          value: p.value,
          found: c.found,
          verdict: verdict(locale, c.verdict),
        }),
      );
      continue;
    }
    // the computation first, in one line a reader can check by eye; the cells it adds up after it
    lines.push('', computationLine(c, locale));
    lines.push('', message(locale, 'hover-sum-of', { subject: md(c.subject), basis: md(c.basis) }), '');
    lines.push(message(locale, 'hover-table-head'), '|---|---:|');
    for (const p of c.parts.slice(0, 40)) lines.push(`| ${md(p.label)} | ${p.value} |`);
    if (c.parts.length > 40) lines.push(`| … ${c.parts.length - 40} | |`);
    lines.push(`| **${message(locale, 'hover-sum')}** | **${c.expected}** |`);
  }
  const usedIn = computations.filter((c) => !own.includes(c) && c.parts.some((p) => p.range && contains(p.range, pos)));
  if (usedIn.length) {
    lines.push('', message(locale, 'hover-summed-into'));
    for (const c of usedIn.slice(0, 8)) lines.push(`- ${md(c.subject)} ${c.found} ${verdict(locale, c.verdict)}`);
  }
  return { contents: { kind: 'markdown', value: lines.join('\n') }, range: cell.range };
}

/** Terms written out in the computation line; the table below lists every cell. */
const MAX_TERMS = 12;

/**
 * `「本年支出合计」 = 606.81 + 46.33 + 9.68 = 662.82（表中 606.81，相差 56.01）✗ 不符`. Zero parts are left out of
 * the sum written out (they change nothing; a 类 of 25 rows is mostly zeros) and counted after it.
 */
function computationLine(c: Computation, locale: Locale): string {
  const nonzero = c.parts.filter((p) => !isZeroText(p.value));
  const shown = nonzero.slice(0, MAX_TERMS);
  let written = shown.map((p, i) => (i === 0 ? p.value : p.value.startsWith('-') ? `− ${p.value.slice(1)}` : `+ ${p.value}`)).join(' ');
  if (nonzero.length > shown.length)
    written += ` + ${message(locale, 'hover-more-terms', { count: String(nonzero.length - shown.length) })}`;
  // one term (or none) is the sum itself: `= 48.00`, not `= 48.00 = 48.00`, and no zeros were left out of a sum
  const terms = nonzero.length > 1 ? `${written} = ` : '';
  const zeros = c.parts.length - nonzero.length;
  const difference =
    c.verdict === 'equal'
      ? ''
      : message(locale, 'hover-difference', {
          diff: differenceOf(c),
          tolerance: message(locale, 'hover-tolerance', { tolerance: c.tolerance }),
        });
  return message(locale, 'hover-computation', {
    subject: escapeMarkdown(c.subject),
    terms,
    expected: c.expected,
    zeros: zeros > 0 && terms ? message(locale, 'hover-zero-terms', { count: String(zeros) }) : '',
    found: c.found,
    difference,
    verdict: verdict(locale, c.verdict),
  });
}

/** A printed figure that is zero (`0.00`, `0`, `-0.00`): digits all zero. */
const isZeroText = (value: string): boolean => /^-?[0,.]*$/.test(value.trim()) && value.trim() !== '';

/** |printed − computed|, with the decimals and digit grouping the computation printed its figures with. */
function differenceOf(c: Computation): string {
  const read = (s: string) => new Decimal(s.replace(/,/g, ''));
  const decimals = Math.max(...[c.found, c.expected].map((s) => s.split('.')[1]?.length ?? 0));
  return formatLike(read(c.found).minus(read(c.expected)).abs(), decimals, /,/.test(c.found + c.expected));
}

const squeezeCjk = (text: string): string => text.replace(/(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/g, '');
