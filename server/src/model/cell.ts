// The parser's table cell. A cell lies on one line, so its place is three numbers; the LSP-shaped `range`
// is made when someone asks for it. Why: a document has one cell per printed figure (≈800,000 in 20 MB of
// text), and a Range with its two Positions per cell was a sixth of the memory of a whole analysis.
import type Decimal from 'decimal.js';
import type { Cell, CellKind, Range } from './types.js';

export class LineCell implements Cell {
  constructor(
    public text: string,
    public kind: CellKind,
    public value: Decimal | undefined,
    public decimals: number | undefined,
    public indent: number,
    public code: string | undefined,
    public column: number,
    /** Changes only when the table is reused after lines were inserted or removed above it. */
    public line: number,
    readonly start: number,
    readonly end: number,
  ) {}

  /** A fresh object on every call: callers may keep or change it without touching the cell. */
  get range(): Range {
    return { start: { line: this.line, character: this.start }, end: { line: this.line, character: this.end } };
  }
}

/** A code cell and its name cell cut out of one printed cell (`[2014001]行政运行`, `01 行政运行`). */
export function splitCell(
  c: Cell,
  codeText: string,
  codeStart: number,
  code: string,
  nameText: string,
  nameStart: number,
): [LineCell, LineCell] {
  const { start, end } = c.range;
  return [
    new LineCell(codeText, 'code', undefined, undefined, c.indent, code, c.column, start.line, codeStart, codeStart + codeText.length),
    new LineCell(nameText, 'text', undefined, undefined, 0, undefined, c.column, start.line, nameStart, end.character),
  ];
}
