// Position arithmetic on the model's LSP-shaped ranges (0-based lines, UTF-16 columns; ends inclusive here).
import type { Position, Range } from './types.js';

/** Whether `p` lies in `r`, both ends included (a cursor right after a figure still points at it). */
export const contains = (r: Range, p: Position): boolean =>
  (p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character)) &&
  (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character));

/** Whether two ranges share at least one position (touching ends count). */
export const overlaps = (a: Range, b: Range): boolean =>
  !(
    a.end.line < b.start.line ||
    (a.end.line === b.start.line && a.end.character < b.start.character) ||
    b.end.line < a.start.line ||
    (b.end.line === a.start.line && b.end.character < a.start.character)
  );

/** Every line number the items' ranges span (tables, a TOC …), added to `into`. */
export function linesSpanned(items: readonly { range: Range }[], into = new Set<number>()): Set<number> {
  for (const { range } of items) for (let l = range.start.line; l <= range.end.line; l++) into.add(l);
  return into;
}
