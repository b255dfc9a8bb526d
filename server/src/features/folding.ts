// Folding ranges: every section (heading to its last line), every table and the table of contents.
import type { OutlineNode } from '../model/types.js';

export interface FoldingRangeShape {
  startLine: number;
  endLine: number;
  kind?: 'region';
}

export function foldingRanges(outline: OutlineNode[]): FoldingRangeShape[] {
  const out: FoldingRangeShape[] = [];
  const walk = (nodes: OutlineNode[]): void => {
    for (const n of nodes) {
      if (n.range.end.line > n.range.start.line) out.push({ startLine: n.range.start.line, endLine: n.range.end.line, kind: 'region' });
      walk(n.children);
    }
  };
  walk(outline);
  return out;
}
