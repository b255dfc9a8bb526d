// Document symbols (the Outline view): the outline tree in LSP DocumentSymbol shape, without importing LSP.
import type { OutlineNode, Range } from '../model/types.js';

/** LSP SymbolKind values (numbers are part of the protocol). */
const SymbolKind = {
  File: 1,
  Module: 2,
  Namespace: 3,
  Package: 4,
  Class: 5,
  Method: 6,
  Field: 8,
  Enum: 10,
  Struct: 23,
  Object: 19,
  Key: 20,
} as const;

/** LSP SymbolTag: Deprecated is how an editor greys (strikes through) an entry. */
const SYMBOL_TAG_DEPRECATED = 1;

export interface DocumentSymbolShape {
  name: string;
  detail?: string;
  kind: number;
  /** Deprecated (1) on the placeholder of a missing table: the editor shows it greyed. */
  tags?: number[];
  range: Range;
  selectionRange: Range;
  children: DocumentSymbolShape[];
}

function kindOf(n: OutlineNode): number {
  switch (n.kind) {
    case 'table':
      return SymbolKind.Struct;
    case 'toc':
      return SymbolKind.Object;
    case 'part':
      return SymbolKind.Module;
    case 'document':
      return SymbolKind.File;
    default:
      switch (n.heading?.style) {
        case 'cn':
          return SymbolKind.Namespace;
        case 'paren-cn':
          return SymbolKind.Package;
        case 'arabic':
          return SymbolKind.Class;
        case 'paren-arabic':
          return SymbolKind.Method;
        default:
          return n.heading && n.heading.markdownDepth <= 2 ? SymbolKind.File : SymbolKind.Key;
      }
  }
}

export function documentSymbols(outline: OutlineNode[]): DocumentSymbolShape[] {
  return outline.map((n) => ({
    name: n.name || '（无标题）',
    ...(n.detail ? { detail: n.detail } : {}),
    kind: kindOf(n),
    ...(n.placeholder ? { tags: [SYMBOL_TAG_DEPRECATED] } : {}),
    range: n.range,
    selectionRange: n.selectionRange,
    children: documentSymbols(n.children),
  }));
}

/** Plain-text rendering used by `budget-lint outline` and the golden files: one node a line, indented. */
export function outlineText(outline: OutlineNode[], depth = 0): string {
  let out = '';
  for (const n of outline) {
    const lines =
      n.range.start.line === n.range.end.line ? `L${n.range.start.line + 1}` : `L${n.range.start.line + 1}-${n.range.end.line + 1}`;
    out += `${'  '.repeat(depth)}${n.name}${n.detail ? `  [${n.detail}]` : ''}  ${lines}\n`;
    out += outlineText(n.children, depth + 1);
  }
  return out;
}
