// Where a place in the canonical text is in the published original — page, sheet and cell, table and row — and
// how a reader is told so. One place for every face: the CLI prints it after a finding, the language server puts
// it in a diagnostic's message and data and under a hover.
import type { LineOrigin } from './types.js';

/** Where a finding is in the original: PDF {page}; Excel {sheet, cell}; HTML/Word {table, row}. */
export type FindingOrigin = Pick<LineOrigin, 'page' | 'sheet' | 'table' | 'row'> & { cell?: string };

export type OriginLocale = 'zh' | 'en';

/**
 * The origin of a position in the canonical text: its line's origin, narrowed to the cell for Excel (the
 * TAB-separated field the character falls in). `lineText` is that line of the text.
 */
export function originAt(
  origins: readonly (LineOrigin | undefined)[] | undefined,
  lineText: string,
  line: number,
  character: number,
): FindingOrigin | undefined {
  const o = origins?.[line];
  if (!o) return undefined;
  const field = lineText.slice(0, character).split('\t').length - 1;
  const out: FindingOrigin = {};
  if (o.page !== undefined) out.page = o.page;
  if (o.sheet !== undefined) out.sheet = o.sheet;
  if (o.cells?.[field]) out.cell = o.cells[field];
  if (o.table !== undefined) out.table = o.table;
  if (o.row !== undefined) out.row = o.row;
  return Object.keys(out).length ? out : undefined;
}

/** `第 12 页` / `p.12`, `Sheet1!B5`, `第 3 个表格第 4 行` / `table 3 row 4`: the origin as a reader finds it. */
export function originLabel(o: FindingOrigin | undefined, locale: OriginLocale = 'en'): string | undefined {
  if (!o) return undefined;
  if (o.page !== undefined) return locale === 'zh' ? `第 ${o.page} 页` : `p.${o.page}`;
  if (o.sheet !== undefined) return o.cell ? `${o.sheet}!${o.cell}` : o.sheet;
  if (o.table !== undefined) {
    if (locale === 'zh') return `第 ${o.table} 个表格${o.row !== undefined ? `第 ${o.row} 行` : ''}`;
    return `table ${o.table}${o.row !== undefined ? ` row ${o.row}` : ''}`;
  }
  return undefined;
}

/** What follows a message about a place in the original: `（第 12 页）` / ` (p.12)`; empty when unknown. */
export function originSuffix(o: FindingOrigin | undefined, locale: OriginLocale): string {
  const label = originLabel(o, locale);
  if (!label) return '';
  return locale === 'zh' ? `（${label}）` : ` (${label})`;
}

/** The line a hover adds: `原文第 12 页` / `page 12 of the original`. */
export function originHoverLine(o: FindingOrigin | undefined, locale: OriginLocale): string | undefined {
  const label = originLabel(o, locale);
  if (!label) return undefined;
  if (locale === 'zh') return `原文${o?.sheet !== undefined ? ' ' : ''}${label}`;
  return o?.page !== undefined ? `page ${o.page} of the original` : `${label} of the original`;
}
