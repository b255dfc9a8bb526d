// Navigation between the narrative and the tables: go to the table cell a prose figure or code refers to,
// find every occurrence of a code (prose and tables), and hover a prose figure to see what it was compared with.
import type { Computation } from '../checks/index.js';
import type { DisclosureDocument, Position, Range } from '../model/types.js';
import { codeAt, PROSE_CODE } from './codeHover.js';
import type { HoverShape } from './hover.js';
import { message, type Locale } from '../checks/messages.js';
import { escapeMarkdown } from '../util/markdown.js';
import { contains, linesSpanned } from '../model/ranges.js';

export interface LocationShape {
  uri: string;
  range: Range;
}

/** Every place the code appears: table code cells and `（code）` in prose. */
export function codeOccurrences(doc: DisclosureDocument, code: string): Range[] {
  const out: Range[] = [];
  const tableLines = linesSpanned(doc.tables);
  for (const t of doc.tables) for (const r of t.rows) for (const c of r.cells) if (c.kind === 'code' && c.code === code) out.push(c.range);
  doc.lines.forEach((text, line) => {
    if (tableLines.has(line) || !text.includes(code)) return;
    for (const m of text.matchAll(PROSE_CODE)) {
      if (m[1] !== code) continue;
      const start = m.index! + m[0].indexOf(code);
      out.push({ start: { line, character: start }, end: { line, character: start + code.length } });
    }
  });
  return out.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
}

export function definition(doc: DisclosureDocument, uri: string, pos: Position, computations: Computation[]): LocationShape[] {
  // a prose figure compared with a table cell
  const compared = computations.find((c) => c.rule === 'text-table-mismatch' && contains(c.range, pos));
  if (compared?.parts[0]?.range) return [{ uri, range: compared.parts[0].range }];
  // a code: its rows in the tables (from prose), or the same code in the other tables (from a table)
  const hit = codeAt(doc, pos);
  if (!hit) return [];
  const inTables: Range[] = [];
  for (const t of doc.tables)
    for (const r of t.rows)
      for (const c of r.cells) {
        if (c.kind === 'code' && c.code === hit.code && !contains(c.range, pos)) inTables.push(c.range);
      }
  return inTables.map((range) => ({ uri, range }));
}

export function references(doc: DisclosureDocument, uri: string, pos: Position): LocationShape[] {
  const hit = codeAt(doc, pos);
  return hit ? codeOccurrences(doc, hit.code).map((range) => ({ uri, range })) : [];
}

/** Hover over a prose figure or percentage: the comparisons the checks made with it. */
export function proseHover(pos: Position, computations: Computation[], locale: Locale = 'zh'): HoverShape | undefined {
  const own = computations.filter((c) => /^(text-|percent)/.test(c.rule) && contains(c.range, pos));
  if (!own.length) return undefined;
  const md = escapeMarkdown;
  const lines: string[] = [];
  for (const c of own) {
    const args = {
      subject: md(c.subject),
      found: c.found,
      basis: md(c.basis),
      expected: c.expected,
      tolerance: c.tolerance,
      verdict: message(locale, `verdict-${c.verdict}`),
      label: md(c.parts[0]?.label ?? ''),
    };
    const parts = c.parts.map((p) => `- ${md(p.label)} ${p.value}`);
    if (c.rule === 'text-table-mismatch') lines.push(message(locale, 'prose-against', args));
    else if (c.rule === 'percent-mismatch')
      lines.push(message(locale, 'prose-formula', args), '', ...parts, '', message(locale, 'prose-computed', args));
    else lines.push(message(locale, 'prose-sum-of', args), '', ...parts, '', message(locale, 'prose-sum', args));
    lines.push('');
  }
  return { contents: { kind: 'markdown', value: lines.join('\n').trim() }, range: own[0].range };
}
