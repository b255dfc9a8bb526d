// A table seen as numbers: which columns hold figures, what their headers say, and for every data row its
// code, label and values. Tab and pipe tables are read by column index; PDF-extracted rows (whose cells do
// not line up with the header) by the order of their figures.
import Decimal from 'decimal.js';
import type { Cell, Row, Table } from '../model/types.js';

export interface ValueColumn {
  /** Key used by valueOf: a column index (tab/pipe) or the ordinal of the figure in the row (pdf). */
  key: number;
  /** Header words of this column, top row first (merged group cells filled to the right). */
  header: string[];
  /** The header as one string, for matching. */
  text: string;
}

export interface RowView {
  row: Row;
  /** The row's subject or unit code (first code cell; split 类/款/项 columns joined). */
  code?: string;
  codeCell?: Cell;
  /** The first text cell: the row's name/label (合计, 一、部门预算, 行政运行 …). */
  label?: Cell;
  /** Cells holding figures, by column key. */
  values: Map<number, Cell>;
}

export interface TableView {
  table: Table;
  /**
   * 'grid': every row has its cells in place (empty cells kept), figures are read by column index.
   * 'ordinal': converters dropped empty cells (PDF extractions, pdftotext layouts), so a row's figures are
   * read in order; a row with fewer figures than the table's columns cannot be placed and is ambiguous.
   */
  reading: 'grid' | 'ordinal';
  /** Rows whose figures cannot be placed in columns: no check may rely on them. */
  ambiguous: Set<RowView>;
  columns: ValueColumn[];
  rows: RowView[];
  /** Digits after the point the table prints (the most precise figure). */
  decimals: number;
  /** Whether the table prints thousands separators. */
  grouped: boolean;
}

const clean = (s: string) => s.replace(/[\s\u3000]/g, '');

export function valueOf(r: RowView, key: number): Decimal {
  return r.values.get(key)?.value ?? ZERO;
}
const ZERO = new Decimal(0);

// Several rules look at the same tables, and an edit leaves most Table objects as they were (the parser hands the
// same object back; it only moves its ranges in place, which a view refers to, never copies). So each table's
// view is built once. Views are read-only for every caller.
const views = new WeakMap<Table, TableView>();

export function buildTableView(table: Table): TableView {
  let view = views.get(table);
  if (!view) views.set(table, (view = readTableView(table)));
  return view;
}

function readTableView(table: Table): TableView {
  const data = table.rows.filter((r) => r.kind === 'data');
  let decimals = 0;
  let grouped = false;
  for (const r of data)
    for (const c of r.cells)
      if (c.kind === 'amount') {
        decimals = Math.max(decimals, c.decimals ?? 0);
        if (c.text.includes(',')) grouped = true;
      }
  const reading = table.shape !== 'pdf' && isGrid(data) ? 'grid' : 'ordinal';
  const width = modeOf(data.map((r) => r.cells.length));
  const rows: RowView[] = data.map((row) => {
    const codeCell = [...row.cells].reverse().find((c) => c.kind === 'code' && c.code && row.cells.indexOf(c) <= firstTextIndex(row));
    const label = row.cells.find((c) => c.kind === 'text');
    const values = new Map<number, Cell>();
    if (reading === 'ordinal') {
      let ordinal = 0;
      for (const c of row.cells) if (c.kind === 'amount') values.set(ordinal++, c);
    } else {
      row.cells.forEach((c) => {
        if (c.kind === 'amount' || c.kind === 'empty') values.set(c.column, c);
      });
    }
    return { row, code: codeCell?.code, codeCell, label, values };
  });
  const columns = reading === 'grid' ? tabColumns(table, rows) : ordinalColumns(table, rows);
  const ambiguous = new Set<RowView>();
  for (const r of rows) {
    if (
      reading === 'grid'
        ? Math.abs(r.row.cells.length - width) > 0 && r.row.cells.length < width
        : r.values.size !== columns.length && r.values.size > 0
    )
      ambiguous.add(r);
  }
  return { table, reading, ambiguous, columns, rows, decimals, grouped };
}

const modeOf = (xs: number[]): number => {
  const counts = new Map<number, number>();
  let best = 0;
  for (const x of xs) {
    counts.set(x, (counts.get(x) ?? 0) + 1);
    if ((counts.get(x) ?? 0) > (counts.get(best) ?? 0)) best = x;
  }
  return best;
};

/** Rows of equal length (empty cells kept in place) make a grid; ragged rows mean dropped empty cells. */
export function isGrid(data: Row[]): boolean {
  if (data.length === 0) return true;
  // a row's width is that of the grid it was read from: a cell split in two (`[201]一般公共服务支出` → code and
  // name) stays in its column
  const widthOf = (r: Row) => (r.cells.length ? r.cells[r.cells.length - 1].column + 1 : 0);
  const width = modeOf(data.map(widthOf));
  const same = data.filter((r) => widthOf(r) === width).length;
  return same >= data.length * 0.85;
}

/** The deepest code cell before the name: `201|06|01|行政运行` → 2010601; `30101|基本工资|50101|…` → 30101. */
function firstTextIndex(row: Row): number {
  const i = row.cells.findIndex((c) => c.kind === 'text');
  return i < 0 ? row.cells.length : i;
}

function tabColumns(table: Table, rows: RowView[]): ValueColumn[] {
  const headers = table.headerRows.filter((r) => r.kind === 'header');
  const width = Math.max(0, ...table.rows.map((r) => r.cells.length));
  // Header words per column; a group cell of an upper row (merged over the columns to its right) is
  // carried right until the next filled cell.
  const words: string[][] = Array.from({ length: width }, () => []);
  // a group never reaches past a column where a row above starts a group of its own (`科目编码` under 项目
  // spans the code columns, not the 合计 column that has its own header above)
  const groupStarts = new Set<number>();
  // layout tables place a heading over every column it spans (layout.ts): nothing is carried
  const carries = table.shape !== 'layout';
  headers.forEach((h, level) => {
    let carry = '';
    for (let c = 0; c < width; c++) {
      const text = clean(h.cells[c]?.text ?? '');
      if (text) carry = text;
      else if (groupStarts.has(c)) carry = '';
      const upper = carries && level < headers.length - 1;
      const w = text || (upper ? carry : '');
      if (w && words[c][words[c].length - 1] !== w) words[c].push(w);
    }
    for (let c = 0; c < width; c++) if (clean(h.cells[c]?.text ?? '')) groupStarts.add(c);
  });
  const out: ValueColumn[] = [];
  for (let c = 0; c < width; c++) {
    const figures = rows.filter((r) => r.values.get(c)?.kind === 'amount').length;
    // a headed column left empty throughout (no 因公出国 this year) is a column of zeros: it still tells which
    // columns a total adds up, as the template prints it
    if (
      figures === 0 &&
      (words[c].length === 0 ||
        !rows.some((r) => r.row.cells.some((x) => x.column === c)) ||
        rows.some((r) => r.row.cells.some((x) => x.column === c && x.kind !== 'empty')))
    )
      continue;
    out.push({ key: c, header: words[c], text: words[c].join('/') });
  }
  return out;
}

/**
 * Ordinal reading: as many columns as the fullest rows have figures. Header words are matched to them only
 * when the header names exactly that many money columns, in order.
 */
function ordinalColumns(table: Table, rows: RowView[]): ValueColumn[] {
  const count = Math.max(0, ...rows.map((r) => r.values.size));
  const words = table.headerRows
    .flatMap((r) => r.cells.map((c) => clean(c.text)))
    .filter((w) => /合计|小计|总计|人员经费|公用经费|专项|项目支出|基本支出/.test(w) && !/编码|名称/.test(w));
  const named = words.length === count;
  return Array.from({ length: count }, (_, i) => ({ key: i, header: named ? [words[i]] : [], text: named ? words[i] : '' }));
}

export const isTotalLabel = (text: string | undefined): boolean => !!text && /^(?:合\s*计|总\s*计)$/.test(clean(text));
export const isSubsetLabel = (text: string | undefined): boolean => !!text && /^其中[：:]?/.test(clean(text));
