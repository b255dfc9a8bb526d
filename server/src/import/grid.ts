// Shared by the table-bearing importers (HTML, Word, and open to Excel): a table read from an original is
// a list of rows of cells that may span several rows or columns; the canonical text wants a rectangular
// grid, one row a line, TAB between fields, every column in its place.
import type { ImportProblem, ImportResult, LineOrigin } from './types.js';

/** One cell as the original states it: its text and how many grid rows and columns it covers. */
export interface SpanCell {
  text: string;
  rowSpan?: number;
  colSpan?: number;
  /** The 0-based grid column the cell starts at, when the original says (Word's `w:gridBefore`, an Excel
   *  address); otherwise the cell takes the next free column. */
  col?: number;
}

/** One line of canonical table text and where it came from. */
export interface GridLine {
  /** The fields joined by TAB. */
  text: string;
  /** 0-based index of the source row in the rows handed in. */
  row: number;
  /** 0-based grid column of each field, in field order. */
  columns: number[];
}

// Browsers cap spans at these values (HTML standard, "processing model" of tables); the same caps keep a
// damaged or hostile `colspan="99999999"` from allocating a grid the size of the address space.
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65534;
// Excel's last column (XFD); no original places a cell further right.
const MAX_START_COLUMN = 16383;

const clampSpan = (n: number | undefined, max: number): number =>
  n === undefined || !Number.isFinite(n) || n < 1 ? 1 : Math.min(Math.floor(n), max);

/**
 * Lays cells that span rows and columns out on a grid. The text of a spanning cell goes into its
 * top-left grid cell and every other grid cell it covers stays empty.
 *
 * Why empty and not repeated: the engine reads a column's header as the texts of the header rows in that
 * column joined together (parse/tables.ts, `columnRoles`) and gives the column its role from that text.
 * Repeating a merged `合计` over its three columns would label all three `合计` — three total columns where
 * the table has one — and repeating a `科目编码` that spans two header rows would make its header
 * `科目编码科目编码`. Empty keeps each header word once, over the first column it belongs to, the way it reads
 * in a PDF; an amount is never duplicated into a second cell either, so no sum counts it twice.
 *
 * A row span that would run past the last row stops there, as it does in a browser.
 * `starts[r][i]` is the grid column where cell i of row r landed.
 */
export function layoutSpans(rows: SpanCell[][]): { grid: string[][]; starts: number[][] } {
  const grid: string[][] = rows.map(() => []);
  const taken: boolean[][] = rows.map(() => []);
  const starts: number[][] = rows.map(() => []);
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      if (cell.col !== undefined && Number.isFinite(cell.col) && cell.col > c) c = Math.min(Math.floor(cell.col), MAX_START_COLUMN);
      while (taken[r][c]) c++;
      const colSpan = clampSpan(cell.colSpan, MAX_COLSPAN);
      const rowSpan = Math.min(clampSpan(cell.rowSpan, MAX_ROWSPAN), rows.length - r);
      starts[r].push(c);
      for (let dr = 0; dr < rowSpan; dr++) {
        for (let dc = 0; dc < colSpan; dc++) {
          taken[r + dr][c + dc] = true;
          grid[r + dr][c + dc] = dr === 0 && dc === 0 ? cell.text : '';
        }
      }
      c += colSpan;
    }
  });
  // holes (columns no cell of a row reached, left of a span from above) read as empty cells
  return { grid: grid.map((row) => Array.from(row, (x) => x ?? '')), starts };
}

/** `layoutSpans` without the positions: rows of cells → a grid of texts. */
export function expandSpans(rows: SpanCell[][]): string[][] {
  return layoutSpans(rows).grid;
}

/** Cell text as one field: no TAB or line break inside, whitespace collapsed, ends trimmed. */
export function cleanField(text: string): string {
  return text
    .replace(/[\x00-\x08\x0e-\x1f\x7f]/g, '')
    .replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ')
    .trim();
}

/**
 * A grid of cell texts → canonical lines: every row padded to the table's width so a column stays a
 * column (empty fields kept), fields cleaned of TABs and line breaks, rows with no text at all dropped,
 * and grid columns that are empty in every row at the left or right edge dropped (spacer columns of
 * web layouts; a column empty in the middle is kept so the columns after it keep their places).
 */
export function gridToLines(rows: string[][]): GridLine[] {
  const cleaned = rows.map((row) => row.map(cleanField));
  const width = Math.max(0, ...cleaned.map((r) => r.length));
  const used = (c: number) => cleaned.some((r) => (r[c] ?? '') !== '');
  let first = 0;
  while (first < width && !used(first)) first++;
  let last = width - 1;
  while (last >= first && !used(last)) last--;
  const columns: number[] = [];
  for (let c = first; c <= last; c++) columns.push(c);
  const lines: GridLine[] = [];
  cleaned.forEach((row, r) => {
    const fields = columns.map((c) => row[c] ?? '');
    if (fields.every((f) => f === '')) return;
    lines.push({ text: fields.join('\t'), row: r, columns });
  });
  return lines;
}

/** The simplest use: rows of cell texts → the canonical text of the table (no trailing newline). */
export function rowsToText(rows: string[][]): string {
  return gridToLines(rows)
    .map((l) => l.text)
    .join('\n');
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/**
 * Joins the pieces of text that a line break split (a `<br>`, a wrapped line of HTML source, the
 * paragraphs of one Word cell). Chinese has no spaces between words, so a break between two CJK
 * characters joins them directly (`一般公共预算` + `拨款收入` → `一般公共预算拨款收入`); anywhere else a break
 * reads as one space.
 */
export function joinBrokenText(pieces: string[]): string {
  let out = '';
  for (const raw of pieces) {
    const piece = cleanField(raw);
    if (!piece) continue;
    if (!out) {
      out = piece;
      continue;
    }
    const glue = CJK.test(out[out.length - 1]) && CJK.test(piece[0]) ? '' : ' ';
    out += glue + piece;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// A document's blocks — paragraphs and tables, in reading order — and the canonical text made of them

/** A block of output: a paragraph (one line) or a table (its lines). */
export interface Block {
  lines: { text: string; origin?: LineOrigin }[];
}

/** Collects blocks in reading order; inline text accumulates until a block boundary ends the paragraph. */
export class BlockWriter {
  readonly blocks: Block[] = [];
  private pieces: string[] = [];
  private current = '';

  /** Text that flows on; a line break in the source is a soft break (see `joinBrokenText`). */
  text(data: string): void {
    const parts = data.split(/[ \t\f\u00a0]*[\r\n][\s]*/);
    this.current += parts[0];
    for (const part of parts.slice(1)) {
      this.softBreak();
      this.current += part;
    }
  }

  softBreak(): void {
    this.pieces.push(this.current);
    this.current = '';
  }

  endParagraph(origin?: LineOrigin): void {
    this.softBreak();
    const line = joinBrokenText(this.pieces);
    this.pieces = [];
    if (line) this.blocks.push({ lines: [{ text: line, origin }] });
  }

  paragraph(text: string, origin?: LineOrigin): void {
    this.endParagraph();
    const line = cleanField(text);
    if (line) this.blocks.push({ lines: [{ text: line, origin }] });
  }

  table(lines: { text: string; origin?: LineOrigin }[]): void {
    this.endParagraph();
    if (lines.length) this.blocks.push({ lines });
  }
}

/** Blocks → canonical text: table lines together, a blank line between blocks. */
export function blocksToResult(format: ImportResult['format'], blocks: Block[], problems: ImportProblem[]): ImportResult {
  const lines: string[] = [];
  const origins: (LineOrigin | undefined)[] = [];
  for (const block of blocks) {
    if (lines.length) {
      lines.push('');
      origins.push(undefined);
    }
    for (const l of block.lines) {
      lines.push(l.text);
      origins.push(l.origin);
    }
  }
  return { format, text: lines.join('\n'), origins, problems };
}

/**
 * Rows of a table → blocks. A row at the top or the bottom of the table that is one cell alone (a title,
 * `单位：万元`, a `注：` note written inside the table, spanning its whole width) is given as a paragraph, as
 * it reads in a PDF: the engine recognises titles, units and notes on lines of their own.
 * Answers how many lines were written as table rows.
 */
export function writeTable(out: BlockWriter, rows: SpanCell[][], origin: (row: number) => LineOrigin): number {
  const { grid, starts } = layoutSpans(rows);
  const lines = gridToLines(grid);
  // one cell, starting at the table's first column (not pushed right by a span from the rows above)
  const alone = (i: number) => {
    const r = lines[i].row;
    return rows[r].length === 1 && (rows[r][0].rowSpan ?? 1) <= 1 && starts[r][0] <= lines[i].columns[0];
  };
  let start = 0;
  while (start < lines.length && alone(start)) start++;
  let end = lines.length;
  while (end > start && alone(end - 1)) end--;
  for (let i = 0; i < start; i++) out.paragraph(lines[i].text, origin(lines[i].row));
  out.table(lines.slice(start, end).map((l) => ({ text: l.text, origin: origin(l.row) })));
  for (let i = end; i < lines.length; i++) out.paragraph(lines[i].text, origin(lines[i].row));
  return end - start;
}
