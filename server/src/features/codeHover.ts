// Hovers over subject codes, in tables and in prose: what the code means (same text as `budget-lint
// explain`) and where this document uses it, with its amounts.
import type { DisclosureDocument, Position, Range } from '../model/types.js';
import { explainCode, explanationMarkdown } from '../catalogue/explain.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import type { HoverShape } from './hover.js';

/** `（2101501）` in prose: a code in brackets. */
export const PROSE_CODE = /[（(]\s*([235]\d{2}(?:\d{2}){0,2})\s*[）)]/g;

const inRange = (r: Range, p: Position) => p.line === r.start.line && p.character >= r.start.character && p.character <= r.end.character;

export function codeAt(doc: DisclosureDocument, pos: Position): { code: string; range: Range } | undefined {
  for (const t of doc.tables) {
    if (pos.line < t.range.start.line || pos.line > t.range.end.line) continue;
    for (const r of t.rows)
      for (const c of r.cells) {
        if (c.kind === 'code' && c.code && inRange(c.range, pos)) return { code: c.code, range: c.range };
      }
  }
  const text = doc.lines[pos.line] ?? '';
  for (const m of text.matchAll(PROSE_CODE)) {
    const start = m.index! + m[0].indexOf(m[1]);
    const range = { start: { line: pos.line, character: start }, end: { line: pos.line, character: start + m[1].length } };
    if (inRange(range, pos)) return { code: m[1], range };
  }
  return undefined;
}

/** Every table row of this document that carries the code, with the row's first figure. */
export function occurrences(doc: DisclosureDocument, code: string): { table: string; text: string; range: Range }[] {
  const out: { table: string; text: string; range: Range }[] = [];
  for (const t of doc.tables)
    for (const r of t.rows) {
      if (r.kind !== 'data') continue;
      const cell = r.cells.find((c) => c.kind === 'code' && c.code === code);
      if (!cell) continue;
      const amount = r.cells.find((c) => c.kind === 'amount' && c.value);
      const name = `${t.number ? t.number + ' ' : ''}${t.title ?? ''}`.trim() || '（表格）';
      out.push({ table: name, text: amount ? `${amount.text}${t.unit ? ' ' + t.unit : ''}` : '—', range: cell.range });
    }
  return out;
}

export function codeHover(doc: DisclosureDocument, pos: Position, year?: number, cat?: Catalogue): HoverShape | undefined {
  const hit = codeAt(doc, pos);
  if (!hit) return undefined;
  const x = explainCode(hit.code, year ?? doc.facts.year, cat);
  if (!x) return undefined;
  const lines = [explanationMarkdown(x)];
  const used = occurrences(doc, hit.code);
  if (used.length) {
    lines.push('', '本文档中：');
    for (const u of used.slice(0, 12)) lines.push(`- ${u.table}（第 ${u.range.start.line + 1} 行）：${u.text}`);
  }
  return { contents: { kind: 'markdown', value: lines.join('\n') }, range: hit.range };
}
