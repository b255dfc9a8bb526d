// Tables as `pdftotext -layout` (and copy-paste from PDF viewers) print them: one row a line, cells placed by
// spaces, empty cells simply missing. Split on spaces alone, a row's figures slide left into the wrong columns;
// their positions say where they belong. Figures are right-aligned, so the figure columns are the clusters of
// figure right edges over the table's rows; text before the first figure column is the row's code and name,
// text between two figure columns a label column of its own (the right panel of a 收支总表); header words
// go to the column they overlap most. The result is a grid (every row every column, empty cells kept), which
// the rest of the engine reads like a tab table. When the figures do not line up (two figures of one row in one
// column), this reading refuses and the table is read as PDF rows instead.
import Decimal from 'decimal.js';
import { lexCell, valueOf, type LexCell, type LexLine } from './lex.js';

export interface PlacedCell extends LexCell {
  line: number;
}
export interface GridRow {
  cells: PlacedCell[];
  line: number;
  endLine: number;
  separator: boolean;
}

interface Token {
  text: string;
  start: number;
  end: number;
  cell: LexCell;
}

const CODE = /^\d{3}(?:\d{2}){0,2}$/;
/** Right edges closer than this (in characters) are one column: CJK text before a figure shifts it by one or two. */
const EDGE_SLACK = 2;

function tokens(text: string): Token[] {
  const out: Token[] = [];
  const re = /[^ \t\u3000]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const cell = lexCell(m[0], m.index, m.index + m[0].length, 0);
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length, cell });
  }
  return out;
}

const isFigure = (t: Token) => t.cell.kind === 'number' || t.cell.kind === 'dash' || t.cell.kind === 'percent';
const isCode = (t: Token, i: number) => i === 0 && t.cell.kind === 'number' && CODE.test(t.text);
/** A printed amount (`1,111.44`, `68.70`): what tells a row from a page number or a column-number row. */
const isAmount = (t: Token) => t.cell.kind === 'number' && (/,/.test(t.text) || (t.cell.decimals ?? 0) > 0);

/** A row of the table: a code first, or an amount after its first word. */
function isDataLine(ts: Token[]): boolean {
  return ts.some((t, i) => isAmount(t) && !isCode(t, i)) || (ts.length >= 2 && isCode(ts[0], 0));
}

interface Column {
  kind: 'code' | 'name' | 'figure' | 'label';
  start: number;
  end: number;
}
interface Line {
  ln: number;
  ts: Token[];
}

/** The columns of one page, read from where its rows' words sit; undefined when its figures do not line up. */
function pageColumns(data: Line[]): { columns: Column[]; place: (ts: Token[]) => Token[][] } | undefined {
  const figures = data.flatMap((x) => x.ts.filter((t, i) => isFigure(t) && !isCode(t, i)));
  if (figures.length === 0) return undefined;
  const ends = [...new Set(figures.map((t) => t.end))].sort((a, b) => a - b);
  const clusters: { from: number; to: number }[] = [];
  for (const e of ends) {
    const last = clusters[clusters.length - 1];
    if (last && e - last.to <= EDGE_SLACK) last.to = e;
    else clusters.push({ from: e, to: e });
  }
  const clusterOf = (t: Token) => clusters.findIndex((c) => t.end >= c.from && t.end <= c.to);
  const figureColumns: Column[] = clusters.map((c) => {
    const members = figures.filter((t) => t.end >= c.from && t.end <= c.to);
    return { kind: 'figure', start: Math.min(...members.map((t) => t.start)), end: c.to };
  });
  // a row with two figures in one column does not line up
  for (const x of data) {
    const seen = new Set<number>();
    for (const [i, t] of x.ts.entries()) {
      if (!isFigure(t) || isCode(t, i)) continue;
      if (seen.has(clusterOf(t))) return undefined;
      seen.add(clusterOf(t));
    }
  }
  // a word that is no figure goes before the first figure column (code, name) or into the label column of the
  // gap after the figure columns left of it
  const gapOf = (t: Token) => figureColumns.filter((c) => c.end <= t.start).length;
  const isText = (t: Token, i: number) => !isCode(t, i) && !isFigure(t);
  const hasCode = data.some((x) => isCode(x.ts[0], 0));
  const gapsUsed = new Set<number>();
  for (const x of data)
    x.ts.forEach((t, i) => {
      if (isText(t, i) && gapOf(t) > 0) gapsUsed.add(gapOf(t));
    });
  const columns: Column[] = [];
  const codeEnd = hasCode ? Math.max(...data.filter((x) => isCode(x.ts[0], 0)).map((x) => x.ts[0].end)) : 0;
  if (hasCode) columns.push({ kind: 'code', start: 0, end: codeEnd });
  columns.push({ kind: 'name', start: codeEnd, end: figureColumns[0].start });
  figureColumns.forEach((c, k) => {
    columns.push(c);
    if (gapsUsed.has(k + 1)) columns.push({ kind: 'label', start: c.end, end: figureColumns[k + 1]?.start ?? Infinity });
  });
  const labelIndex = (gap: number) =>
    gap === 0 ? columns.findIndex((c) => c.kind === 'name') : columns.indexOf(figureColumns[gap - 1]) + 1;
  const place = (ts: Token[]): Token[][] => {
    const placed: Token[][] = columns.map(() => []);
    ts.forEach((t, i) => {
      if (isCode(t, i) && hasCode) placed[0].push(t);
      else if (isFigure(t) && clusterOf(t) >= 0) placed[columns.indexOf(figureColumns[clusterOf(t)])].push(t);
      else placed[labelIndex(gapOf(t))].push(t);
    });
    return placed;
  };
  return { columns, place };
}

export function layoutGrid(lines: LexLine[], lineNumbers: number[]): { header: GridRow[]; rows: GridRow[] } | undefined {
  // pages (pdftotext starts each with a form feed) are laid out each on their own
  const pages: Line[][] = [[]];
  for (const ln of lineNumbers) {
    const text = lines[ln].text;
    if (text.includes('\f') && pages[pages.length - 1].length > 0) pages.push([]);
    const ts = tokens(text.replace(/\f/g, ' '));
    if (ts.length > 0) pages[pages.length - 1].push({ ln, ts });
  }
  const first = pages[0];
  const firstData = first.findIndex((x) => isDataLine(x.ts));
  if (firstData < 0) return undefined;
  const readings = pages.map((page) => {
    const data = page.filter((x) => isDataLine(x.ts));
    return data.length === 0 ? null : pageColumns(data);
  });
  const firstReading = readings[0];
  if (!firstReading || readings.some((r) => r === undefined)) return undefined;
  // every page must have the same columns, in the same order: else which column a figure is in cannot be told
  const signature = (cs: Column[]) => cs.map((c) => c.kind).join();
  if (readings.some((r) => r && signature(r.columns) !== signature(firstReading.columns))) return undefined;
  if (pages.reduce((n, p) => n + p.filter((x) => isDataLine(x.ts)).length, 0) < 2) return undefined;

  const rowOf = (ln: number, columns: Column[], placed: Token[][]): GridRow => ({
    line: ln,
    endLine: ln,
    separator: false,
    cells: columns.map((col, k) => joined(placed[k], ln, col)),
  });
  const headerLines = first.slice(0, firstData);
  // header words over no column of figures name columns left empty in every row (上缴上级支出 …): columns too
  const columns = withEmptyColumns(
    firstReading.columns,
    headerLines.flatMap((x) => x.ts),
  );
  const header = headerLines.map(({ ln, ts }) => {
    const placed: Token[][] = columns.map(() => []);
    for (const t of ts) for (const k of headerColumns(columns, t)) placed[k].push(t);
    return rowOf(ln, columns, placed);
  });
  const rows: GridRow[] = [];
  pages.forEach((page, p) => {
    const reading = readings[p];
    if (!reading) return;
    // lines that are no row — a page number, a name's wrapped part (pdftotext puts them above and below) — are left out
    for (const { ln, ts } of p === 0 ? page.slice(firstData) : page) {
      if (!isDataLine(ts)) continue;
      const placed = reading.place(ts);
      // a later page's own columns stand where the first page's do, in the same order; empty columns are added alike
      const own = reading.columns;
      const aligned = columns.map((c) => {
        const k = firstReading.columns.indexOf(c);
        return k >= 0 ? placed[k] : [];
      });
      rows.push(
        rowOf(
          ln,
          columns.map((c) => {
            const k = firstReading.columns.indexOf(c);
            return k >= 0 ? own[k] : c;
          }),
          aligned,
        ),
      );
    }
  });
  if (cutByPage(lines, lineNumbers, rows)) return undefined;
  return consistent(rows) ? { header, rows } : undefined;
}

const PAGE_NUMBER = /^[\s\f]*(?:[-—–]\s*)?\d{1,3}(?:\s*[-—–])?\s*$/;

/**
 * A table whose last row is followed by the end of a page (a page number, a form feed) and is no total may go on
 * on the next page, where pdftotext can put it after the next table's heading: its totals cannot be confirmed.
 */
function cutByPage(lines: LexLine[], lineNumbers: number[], rows: GridRow[]): boolean {
  const last = rows[rows.length - 1];
  if (/^(?:合计|总计)/.test(last.cells.find((c) => c.kind === 'text')?.text ?? '') || totalsComplete(rows)) return false;
  for (let ln = last.line + 1; ln < lines.length && ln <= (lineNumbers[lineNumbers.length - 1] ?? last.line) + 3; ln++) {
    const text = lines[ln].text;
    if (text.includes('\f') || (PAGE_NUMBER.test(text) && text.trim().length > 0)) return true;
  }
  return false;
}

/**
 * Positions are a reading, not a fact: the grid is kept only where the table confirms it. Rows with subject
 * codes must add up — each 类/款 equal to its children, column by column — in at least nine comparisons of ten
 * (a real table has a mistake or two, a misread one fails everywhere); a table without codes is not confirmed.
 */
function consistent(rows: GridRow[]): boolean {
  const coded = rows.filter((r) => r.cells[0] && /^\d{3}(?:\d{2}){0,2}$/.test(r.cells[0].text));
  if (coded.length < 3) return false;
  const width = Math.max(...rows.map((r) => r.cells.length));
  let compared = 0;
  let agreeing = 0;
  for (let i = 0; i < coded.length; i++) {
    const code = coded[i].cells[0].text;
    if (code.length === 7) continue;
    const children: GridRow[] = [];
    for (let j = i + 1; j < coded.length && coded[j].cells[0].text.length > code.length; j++) {
      if (coded[j].cells[0].text.length === code.length + 2 && coded[j].cells[0].text.startsWith(code)) children.push(coded[j]);
    }
    if (children.length === 0) continue;
    for (let c = 1; c < width; c++) {
      const parent = amount(coded[i].cells[c]);
      const parts = children.map((ch) => amount(ch.cells[c]));
      if (parent === undefined && parts.every((p) => p === undefined)) continue;
      const sum = parts.reduce<Decimal>((a, p) => a.plus(p ?? 0), new Decimal(0));
      const decimals = Math.max(0, ...[coded[i], ...children].map((r) => r.cells[c]?.decimals ?? 0));
      const tolerance = new Decimal(children.length + 1).times(new Decimal(10).pow(-decimals)).div(2);
      compared++;
      if (
        sum
          .minus(parent ?? 0)
          .abs()
          .lte(tolerance)
      )
        agreeing++;
    }
  }
  return compared >= 3 && agreeing * 10 >= compared * 9;
}

/** A 合计 row whose first figure is the sum of the 类 rows' (3-digit codes): nothing of the table is missing. */
function totalsComplete(rows: GridRow[]): boolean {
  const total = rows.find((r) => /^(?:合计|总计)/.test(r.cells.find((c) => c.kind === 'text')?.text.replace(/\s/g, '') ?? ''));
  const classes = rows.filter((r) => /^\d{3}$/.test(r.cells[0]?.text ?? ''));
  if (!total || classes.length === 0) return false;
  const at = total.cells.findIndex((c) => c.kind === 'number');
  if (at < 0) return false;
  const sum = classes.reduce<Decimal>((a, r) => a.plus(amount(r.cells[at]) ?? 0), new Decimal(0));
  const decimals = total.cells[at].decimals ?? 0;
  return sum
    .minus(amount(total.cells[at]) ?? 0)
    .abs()
    .lte(new Decimal(classes.length + 1).times(new Decimal(10).pow(-decimals)).div(2));
}

const amount = (c: PlacedCell | undefined): Decimal | undefined =>
  c && (c.kind === 'number' || c.kind === 'dash') ? (valueOf(c) ?? new Decimal(0)) : undefined;

const overlap = (c: Column, t: { start: number; end: number }) => Math.min(c.end, t.end) - Math.max(c.start, t.start);

/** Columns for header words that overlap no column of the rows, one per group of such words that overlap each other. */
function withEmptyColumns(columns: Column[], words: Token[]): Column[] {
  const loose = words.filter((t) => columns.every((c) => overlap(c, t) <= 0)).sort((a, b) => a.start - b.start);
  const extra: Column[] = [];
  for (const t of loose) {
    const last = extra[extra.length - 1];
    if (last && t.start < last.end) last.end = Math.max(last.end, t.end);
    else extra.push({ kind: 'figure', start: t.start, end: t.end });
  }
  return [...columns, ...extra].sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * The columns a header word heads: every column it spans (a group heading such as `2025年预算数` over several),
 * else the one it overlaps most, else the nearest. Layout text shows a heading's extent, so nothing is carried.
 */
function headerColumns(columns: Column[], t: Token): number[] {
  const width = (c: Column) => Math.min(c.end, c.start + 40) - c.start;
  const spanned = columns.flatMap((c, k) => (overlap(c, t) > 0 && overlap(c, t) * 2 >= Math.min(width(c), t.end - t.start) ? [k] : []));
  if (spanned.length > 0) return spanned;
  const most = columns.reduce((best, c, k) => (overlap(c, t) > overlap(columns[best], t) ? k : best), 0);
  if (overlap(columns[most], t) > 0) return [most];
  return [headerColumn(columns, t)];
}

/** The nearest column to a header word that overlaps none. */
function headerColumn(columns: Column[], t: Token): number {
  const centre = (t.start + t.end) / 2;
  let best = 0;
  columns.forEach((c, k) => {
    const d = Math.abs(centre - (c.start + Math.min(c.end, c.start + 40)) / 2);
    const b = Math.abs(centre - (columns[best].start + Math.min(columns[best].end, columns[best].start + 40)) / 2);
    if (d < b) best = k;
  });
  return best;
}

/** One cell of a column: its tokens joined (CJK pieces without a space), or an empty cell where the column sits. */
function joined(ts: Token[], line: number, col: Column): PlacedCell {
  if (ts.length === 0) {
    const at = col.kind === 'figure' ? col.end : col.start;
    return { ...lexCell('', at, at, 0), line };
  }
  let text = ts[0].text;
  for (let i = 1; i < ts.length; i++) text += (/[\x21-\x7e]$/.test(text) && /^[\x21-\x7e]/.test(ts[i].text) ? ' ' : '') + ts[i].text;
  return { ...lexCell(text, ts[0].start, ts[ts.length - 1].end, 0), line };
}
