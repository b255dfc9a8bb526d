// Turning runs of lexed lines into Table models: rows, header detection, column roles and cell types.
import Decimal from 'decimal.js';
import { splitSpaced, valueOf, type LexCell, type LexLine } from './lex.js';
import { layoutGrid } from './layout.js';
import type { Cell, CellKind, Row, Table, TableKind, TableShape, Unit, Range } from '../model/types.js';
import { LineCell, splitCell } from '../model/cell.js';

export interface TablePreamble {
  number?: { text: string; line: number; start: number; end: number };
  title?: { text: string; line: number; start: number; end: number };
  unit?: { unit: Unit; line: number; start: number; end: number };
  firstLine?: number;
}

/** One printed part of a table: its preamble and the lines holding its rows. */
export interface TableSegmentInput {
  preamble: TablePreamble;
  /** Line numbers of row lines (tab/pipe shape) or of every body line (pdf shape). */
  lines: number[];
  shape: TableShape;
}

/** A subject code of well-formed shape: 类 3 digits, 款 5, 项 7. */
export const SUBJECT_CODE = /^\d{3}(?:\d{2}){0,2}$/;
const CODE_HEADER = /编码|代码|科目编号/;
// `部门（单位）代码` (长春) closes a bracket between 单位 and 代码: still the unit's code, not a subject code
const UNIT_CODE_HEADER = /单位[）)]?(?:编码|代码)/;
const NON_SUBJECT_CODE_HEADER = new RegExp(`${UNIT_CODE_HEADER.source}|项目编码|预算单位代|采购目录`);
const SERIAL_HEADER = /^序\s*号$|^序号|^报表$/;

type ColumnRole = 'code' | 'unit-code' | 'serial' | 'value' | 'text';

const range = (line: number, start: number, end: number): Range => ({ start: { line, character: start }, end: { line, character: end } });

// Cells are built as literals with every field in a fixed order: spreading objects of varying shapes was
// the hottest spot of the whole analysis (V8 falls back to slow property copies).
const at = (c: LexCell, line: number): LexCellAt => ({
  text: c.text,
  start: c.start,
  end: c.end,
  kind: c.kind,
  decimals: c.decimals,
  indent: c.indent,
  line,
});

function rowFromLex(cells: LexCell[], line: number): { cells: LexCellAt[]; line: number } {
  return { cells: cells.map((c) => at(c, line)), line };
}

interface LexCellAt extends LexCell {
  line: number;
}
interface RawRow {
  cells: LexCellAt[];
  line: number;
  endLine: number;
  separator: boolean;
  rowNumber?: number;
}

const normalizeHeader = (cells: { text: string }[]): string => cells.map((c) => c.text.replace(/[\s\u3000]/g, '')).join('|');

function isColumnNumberRow(row: RawRow): boolean {
  const filled = row.cells.filter((c) => c.kind !== 'empty');
  if (filled.length < 2) return false;
  let expected = 0;
  for (const c of filled) {
    if (c.kind === 'mark') continue;
    if (c.kind !== 'number' || c.decimals !== 0 || c.text.includes(',')) return false;
    const n = Number(c.text);
    if (expected !== 0 && n !== expected + 1) return false;
    expected = n;
  }
  return true;
}

function isSubHeading(row: RawRow): boolean {
  const filled = row.cells.filter((c) => c.kind !== 'empty');
  return filled.length >= 2 && filled.every((c) => c.kind === 'text' && c.text.length <= 2);
}

function hasFigure(row: RawRow): boolean {
  return row.cells.some((c) => c.kind === 'number' || c.kind === 'dash' || c.kind === 'percent');
}

function startsWithCode(row: RawRow): boolean {
  const filled = row.cells.filter((c) => c.kind !== 'empty');
  return filled.length >= 2 && SUBJECT_CODE.test(filled[0].text) && filled[1].kind === 'text';
}

/** Rows of a PDF-extracted table: a row starts at its printed row number; following lines continue it. */
function pdfRows(lines: LexLine[], lineNumbers: number[]): { header: RawRow[]; rows: RawRow[] } {
  const header: RawRow[] = [];
  const rows: RawRow[] = [];
  let current: RawRow | undefined;
  let expected: number | undefined;
  for (const ln of lineNumbers) {
    const text = lines[ln].text;
    const m = /^[\s\u3000]*(\d{1,3})(?=[ \u3000]|$)/.exec(text);
    const n = m ? Number(m[1]) : undefined;
    const startsRow = n !== undefined && (expected === undefined ? n >= 1 : n === expected);
    const cells = splitSpaced(text).map((c) => at(c, ln));
    if (startsRow) {
      cells[0].kind = 'number';
      current = { cells, line: ln, endLine: ln, separator: false, rowNumber: n };
      rows.push(current);
      expected = n! + 1;
    } else if (current) {
      appendContinuation(current, cells);
      current.endLine = ln;
    } else {
      header.push({ cells, line: ln, endLine: ln, separator: false });
    }
  }
  return { header, rows };
}

/** A wrapped cell's next line is glued to the previous text token; figures become new cells. */
function appendContinuation(row: RawRow, cells: LexCellAt[]): void {
  for (const c of cells) {
    const last = row.cells[row.cells.length - 1];
    const continuesText = c.kind === 'text' && last && last.kind === 'text' && last.line !== c.line;
    if (continuesText) {
      row.cells[row.cells.length - 1] = { ...last, text: last.text + c.text };
    } else {
      row.cells.push(c);
    }
  }
}

/**
 * Space-separated rows that carry no printed row numbers (pdftotext -layout, text copied from a PDF viewer):
 * read by where their words sit (layout.ts), when the figures line up in columns.
 */
function layoutRows(lines: LexLine[], lineNumbers: number[], numbered: RawRow[]): { header: RawRow[]; rows: RawRow[] } | undefined {
  const figureLines = lineNumbers.filter((ln) => /\d[\d,]*\.\d+(?:\s|$)/.test(lines[ln].text)).length;
  if (numbered.length * 2 >= figureLines) return undefined;
  return layoutGrid(lines, lineNumbers);
}

export function buildTable(index: number, lines: LexLine[], segments: TableSegmentInput[]): Table {
  const first = segments[0];
  const { all, headerRows, shape } = rawRowsOf(lines, segments);
  const headerText = headerRows.map((h) => normalizeHeader(h.cells)).join('\n');
  const kind = tableKind(
    first.preamble.title?.text ?? '',
    headerText,
    all.map((a) => a.raw),
    !!first.preamble.unit,
  );
  const rows = typedRows(all, headerRows, headerText, kind, shape);
  const { unit, unitRange } = unitOf(first.preamble, headerRows);
  const { range: extent, segments: segs } = extentOf(lines, segments);
  const dataCells = rows.filter((r) => r.kind === 'data').flatMap((r) => r.cells);
  const empty = kind === 'money' && !dataCells.some((c) => c.kind === 'amount' && c.value && !c.value.isZero());
  const p = first.preamble;
  return {
    index,
    number: p.number?.text,
    title: p.title?.text,
    titleRange: p.title ? range(p.title.line, p.title.start, p.title.end) : undefined,
    unit,
    unitRange,
    shape,
    kind,
    headerRows: rows.filter((r) => r.kind === 'header' || r.kind === 'columnNumbers'),
    rows,
    range: extent,
    segments: segs,
    empty,
  };
}

interface KindedRow {
  raw: RawRow;
  kind: Row['kind'];
}

/**
 * Every printed part's rows, in order, each with its kind: the first part's header rows are the table's header;
 * a later part's copy of them is a repeated header (a page break), never data. A PDF part is read by its row
 * numbers, or by position when it has none (layout text: the table's shape becomes 'layout').
 */
function rawRowsOf(lines: LexLine[], segments: TableSegmentInput[]): { all: KindedRow[]; headerRows: RawRow[]; shape: TableShape } {
  let shape = segments[0].shape;
  const headerRows: RawRow[] = [];
  const all: KindedRow[] = [];
  const headerKeys = new Set<string>();
  for (const seg of segments) {
    let header: RawRow[];
    let body: RawRow[];
    if (seg.shape === 'pdf') {
      ({ header, rows: body } = pdfRows(lines, seg.lines));
      const grid = layoutRows(lines, seg.lines, body);
      if (grid) {
        ({ header, rows: body } = grid);
        shape = 'layout';
      }
    } else {
      ({ header, rows: body } = cellRows(lines, seg.lines));
    }
    for (const h of header) {
      const key = normalizeHeader(h.cells);
      const repeated = headerRows.length > 0 && headerKeys.has(key);
      if (!repeated) {
        headerRows.push(h);
        headerKeys.add(key);
      }
      all.push({
        raw: h,
        kind: repeated ? 'repeatedHeader' : h.separator ? 'separator' : isColumnNumberRow(h) ? 'columnNumbers' : 'header',
      });
    }
    for (const r of body) {
      const key = normalizeHeader(r.cells);
      const kind: Row['kind'] = r.separator
        ? 'separator'
        : !hasFigure(r) && headerKeys.has(key)
          ? 'repeatedHeader'
          : isColumnNumberRow(r)
            ? 'columnNumbers'
            : 'data';
      all.push({ raw: r, kind });
    }
  }
  return { all, headerRows, shape };
}

/** Tab and pipe rows: the header runs to the first row with a figure or a code. */
function cellRows(lines: LexLine[], lineNumbers: number[]): { header: RawRow[]; rows: RawRow[] } {
  const raws: RawRow[] = lineNumbers.map((ln) => {
    const l = lines[ln];
    const r = l.cells ? rowFromLex(l.cells, ln) : rowFromLex([singleCell(l.text)], ln);
    return { ...r, endLine: ln, separator: l.separator };
  });
  const firstData = raws.findIndex((r) => !r.separator && !isColumnNumberRow(r) && (hasFigure(r) || startsWithCode(r)));
  // A table without figures (a list, an empty form): its header is the first row and the rows of
  // column marks or one-character sub-headings (类 款 项) under it.
  let cut = firstData;
  if (cut < 0) {
    cut = Math.min(1, raws.length);
    while (cut < raws.length && (isColumnNumberRow(raws[cut]) || isSubHeading(raws[cut]))) cut++;
  }
  return { header: raws.slice(0, cut), rows: raws.slice(cut) };
}

/** The model's rows: every cell typed by its column's role; data rows' codes in brackets split and split codes joined. */
function typedRows(all: KindedRow[], headerRows: RawRow[], headerText: string, kind: TableKind, shape: TableShape): Row[] {
  const unitCodes = UNIT_CODE_HEADER.test(headerText) && !/科目编码/.test(headerText);
  const roles = columnRoles(
    headerRows,
    all.filter((a) => a.kind === 'data').map((a) => a.raw),
    shape,
  );
  return all.map(({ raw, kind: rk }) => {
    const cells = raw.cells.map((c, col) => typedCell(c, col, rk, roles, kind, shape, raw, unitCodes));
    if (rk === 'data') {
      splitBracketedCode(cells);
      joinSplitCode(cells);
    }
    return { kind: rk, line: raw.line, endLine: raw.endLine, rowNumber: raw.rowNumber, cells };
  });
}

/** The unit from the preamble (`单位：万元`), else from a header cell (`（万元）`). */
function unitOf(preamble: TablePreamble, headerRows: RawRow[]): { unit?: Unit; unitRange?: Range } {
  if (preamble.unit) return { unit: preamble.unit.unit, unitRange: range(preamble.unit.line, preamble.unit.start, preamble.unit.end) };
  for (const h of headerRows)
    for (const c of h.cells) {
      const m = /[（(]\s*(?:金额单位[：:])?\s*(万元|元)\s*[）)]|单位[：:]\s*(万元|元)/.exec(c.text);
      if (m) return { unit: (m[1] ?? m[2]) as Unit, unitRange: range(c.line, c.start, c.end) };
    }
  return {};
}

/** Where the table is: from its first preamble line to its last row, and each printed part. */
function extentOf(lines: LexLine[], segments: TableSegmentInput[]): { range: Range; segments: { startLine: number; endLine: number }[] } {
  const startLine = Math.min(...segments.map((s) => s.preamble.firstLine ?? s.lines[0] ?? 0));
  const lastSeg = segments[segments.length - 1];
  const endLine = lastSeg.lines.length ? lastSeg.lines[lastSeg.lines.length - 1] : (lastSeg.preamble.firstLine ?? startLine);
  return {
    range: { start: { line: startLine, character: 0 }, end: { line: endLine, character: lines[endLine]?.text.length ?? 0 } },
    segments: segments.map((s) => ({
      startLine: s.preamble.firstLine ?? s.lines[0] ?? startLine,
      endLine: s.lines.length ? s.lines[s.lines.length - 1] : (s.preamble.firstLine ?? startLine),
    })),
  };
}

/**
 * Shanghai-style tables print a code over 类/款/项 columns (`201→06→01→行政运行`): the 款 and 项 cells are
 * codes too, and each carries the full code it denotes.
 */
/**
 * `[2014001]行政运行`: some budget systems print the code in brackets before the name, in one cell (广州, 珠海).
 * The cell becomes a code cell and a name cell, both in its column, so the row has a code like any other.
 */
function splitBracketedCode(cells: Cell[]): void {
  const at = cells.findIndex((c) => c.kind !== 'empty');
  const c = cells[at];
  const m = c && c.kind === 'text' ? /^([[【［]\s*)(\d{3}(?:\d{2}){0,2})(\s*[\]】］]\s*)(\S.*)$/.exec(c.text) : null;
  if (!m) return;
  const codeStart = c.range.start.character + m[1].length;
  const nameStart = codeStart + m[2].length + m[3].length;
  cells.splice(at, 1, ...splitCell(c, m[2], codeStart, m[2], m[4], nameStart));
}

function joinSplitCode(cells: Cell[]): void {
  // every code group of the row: 部门 and 政府 economic codes often stand side by side
  // (`301→01→基本工资→501→01→工资奖金津补贴`), each over its own 类/款 columns
  for (let at = 0; at < cells.length; at++) {
    if (cells[at].kind === 'code' && cells[at].text.length === 3) at = joinCodeGroup(cells, at);
  }
}

/** Joins the 款/项 cells after the 类 cell at `first`; returns the index of the group's last cell. */
function joinCodeGroup(cells: Cell[], first: number): number {
  let code = cells[first].text;
  cells[first].code = code;
  let last = first;
  for (let i = first + 1; i < cells.length && i <= first + 2; i++) {
    const c = cells[i];
    // converters drop the leading zero (`301→2→津贴补贴`) or glue the 项 to the name (`01 行政运行`)
    const glued = /^(\d{1,2})[ \u3000]+(\S.*)$/.exec(c.text);
    if (glued && c.kind === 'text') {
      code += glued[1].padStart(2, '0');
      const nameStart = c.range.start.character + c.text.indexOf(glued[2], glued[1].length);
      cells.splice(i, 1, ...splitCell(c, glued[1], c.range.start.character, code, glued[2], nameStart));
      return i;
    }
    // a 款/项 cell of three digits (`302 | 201`) is a code written wrong — joined as printed, for the code check —
    // unless it reads as a 类 of the same classification (`303 | 302`: the next block of a side-by-side layout)
    const wrongLength = c.kind === 'code' && /^\d{3}$/.test(c.text) && c.text[0] !== code[0];
    if (!/^\d{1,2}$/.test(c.text) && !wrongLength) break;
    code += c.text.length === 3 ? c.text : c.text.padStart(2, '0');
    const { start, end } = c.range;
    cells[i] = new LineCell(c.text, 'code', undefined, undefined, c.indent, code, c.column, start.line, start.character, end.character);
    last = i;
  }
  return last;
}

function singleCell(text: string): LexCell {
  const start = text.length - text.trimStart().length;
  const t = text.trim();
  return { text: t, start, end: start + t.length, kind: 'text', indent: start };
}

function tableKind(title: string, headerText: string, rows: RawRow[], hasUnit: boolean): TableKind {
  const sample =
    title +
    '\n' +
    headerText +
    '\n' +
    rows
      .slice(0, 12)
      .map((r) => normalizeHeader(r.cells))
      .join('\n');
  if (/绩效目标|绩效指标|一级指标|二级指标|指标值/.test(sample)) return 'performance';
  if (/^目\s*录$|报表目录/.test(title) || /报表名称|是否空表/.test(headerText)) return 'catalogue';
  const figures = rows.filter(
    (r) =>
      !r.separator &&
      r.cells.some((c, i) => i > 0 && ((c.kind === 'number' && ((c.decimals ?? 0) > 0 || c.text.includes(','))) || c.kind === 'dash')),
  ).length;
  if (figures > 0 || hasUnit || /单位[：:]|万元|元/.test(title)) return 'money';
  return 'list';
}

/**
 * The 款/项 column of a split code (`302 | 01 | 办公费`): whole numbers, nearly all of one or two digits, under 款/项
 * or written with a leading zero. A few of another length are codes written wrong (`302 | 201`), for the code
 * check to report — not amounts.
 */
function splitCodeColumn(values: LexCellAt[], head: string): boolean {
  if (values.length === 0 || !values.every((v) => v.kind === 'number' && /^\d{1,3}$/.test(v.text))) return false;
  const short = values.filter((v) => /^\d{1,2}$/.test(v.text)).length;
  if (short * 5 < values.length * 4) return false;
  return /^[款项]$|[类款项]$/.test(head.trim()) || values.some((v) => /^0\d$/.test(v.text));
}

function columnRoles(headerRows: RawRow[], data: RawRow[], shape: TableShape): ColumnRole[] {
  const roles: ColumnRole[] = [];
  if (shape === 'pdf') return roles; // PDF tokens do not align to columns; typed per token instead
  const width = Math.max(0, ...headerRows.map((h) => h.cells.length), ...data.map((d) => d.cells.length));
  for (let c = 0; c < width; c++) {
    const head = headerRows.map((h) => h.cells[c]?.text ?? '').join('');
    const values = data.map((d) => d.cells[c]).filter((x): x is LexCellAt => !!x && x.kind !== 'empty');
    const codeShaped = values.filter((v) => v.kind === 'number' && SUBJECT_CODE.test(v.text)).length;
    if (NON_SUBJECT_CODE_HEADER.test(head)) roles.push('unit-code');
    else if (CODE_HEADER.test(head)) roles.push('code');
    else if (SERIAL_HEADER.test(head.trim())) roles.push('serial');
    else if (
      c <= 3 &&
      values.length > 0 &&
      codeShaped / values.length >= 0.6 &&
      values.some((v) => v.text.length >= 3) &&
      !/合计|金额|预算数|小计/.test(head)
    )
      roles.push('code');
    // the 款/项 of a split code (`301→01`): one or two digits right after a code column, under 款/项 or
    // written with a leading zero — never amounts (`01` summed as 1.00 was a false alarm)
    else if (c > 0 && roles[c - 1] === 'code' && splitCodeColumn(values, head)) roles.push('code');
    else if (values.some((v) => v.kind === 'number' || v.kind === 'dash')) roles.push('value');
    else roles.push('text');
  }
  return roles;
}

function typedCell(
  c: LexCellAt,
  col: number,
  rowKind: Row['kind'],
  roles: ColumnRole[],
  kind: TableKind,
  shape: TableShape,
  row: RawRow,
  unitCodes: boolean,
): Cell {
  const make = (cellKind: CellKind, value: Decimal | undefined, decimals: number | undefined, code: string | undefined): Cell =>
    new LineCell(c.text, cellKind, value, decimals, c.indent, code, col, c.line, c.start, c.end);
  if (rowKind !== 'data') {
    return make(
      c.kind === 'empty' ? 'empty' : c.kind === 'mark' ? 'marker' : c.kind === 'number' ? 'number' : 'text',
      valueOf(c),
      c.decimals,
      undefined,
    );
  }
  const role: ColumnRole | undefined = shape === 'pdf' ? pdfRole(c, col, row, unitCodes) : roles[col];
  switch (c.kind) {
    case 'empty':
      return make('empty', undefined, undefined, undefined);
    case 'mark':
      return make('marker', undefined, undefined, undefined);
    case 'percent':
      return make('percent', valueOf(c), c.decimals, undefined);
    case 'text':
      return make('text', undefined, undefined, undefined);
    case 'dash':
      return role === 'value' && kind === 'money' ? make('amount', ZERO, 0, undefined) : make('text', undefined, undefined, undefined);
    case 'number':
      // in a code column every integer is a code, well-formed or not (302201 is reported as malformed)
      if (role === 'code')
        return /^\d+$/.test(c.text) ? make('code', undefined, undefined, c.text) : make('text', undefined, undefined, undefined);
      if (role === 'unit-code' || role === 'serial') return make('number', valueOf(c), c.decimals, undefined);
      return make(kind === 'money' ? 'amount' : 'number', valueOf(c), c.decimals, undefined);
  }
}

const ZERO = new Decimal(0);

/** In PDF rows token 0 is the row number, and an integer token followed by a name is a code. */
function pdfRole(c: LexCellAt, col: number, row: RawRow, unitCodes: boolean): ColumnRole {
  if (col === 0 && row.rowNumber !== undefined) return 'serial';
  const next = row.cells[col + 1];
  const codeShaped = c.kind === 'number' && c.decimals === 0 && !c.text.includes(',');
  if (codeShaped && (unitCodes || /^\d{6}$/.test(c.text))) return 'unit-code';
  if (codeShaped && SUBJECT_CODE.test(c.text) && (!next || next.kind === 'text')) return 'code';
  return 'value';
}
