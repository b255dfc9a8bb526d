// Hovers over figures in tables: where the figure sits (table, row, column, unit) and how every total it
// takes part in was computed — the rows and columns summed, the sum, and the verdict.
import type { Computation } from '../checks/index.js';
import type { DisclosureDocument, Position, Range, Table, Cell } from '../model/types.js';
import type { Locale } from '../checks/messages.js';
import { contains } from '../model/ranges.js';
import { message } from '../checks/messages.js';
import { escapeMarkdown } from '../util/markdown.js';

export interface HoverShape {
  contents: { kind: 'markdown'; value: string };
  range: Range;
}

/** A hover on the converted text of an original ends with where the thing hovered is in the original (`原文第 12 页`). */
export function withOriginLine(hover: HoverShape, originLine: string | undefined): HoverShape {
  if (!originLine) return hover;
  return { ...hover, contents: { kind: 'markdown', value: `${hover.contents.value}\n\n---\n\n${originLine}` } };
}

export function cellAt(
  doc: DisclosureDocument,
  pos: Position,
): { table: Table; cell: Cell; rowLabel?: string; column?: string } | undefined {
  for (const table of doc.tables) {
    if (pos.line < table.range.start.line || pos.line > table.range.end.line) continue;
    for (const row of table.rows) {
      if (pos.line < row.line || pos.line > row.endLine) continue;
      const cell = row.cells.find((c) => c.kind !== 'empty' && contains(c.range, pos));
      if (!cell) continue;
      const code = row.cells.find((c) => c.kind === 'code');
      const label = row.cells.find((c) => c.kind === 'text');
      // header cells keep the spaces of a PDF page's layout (「本年收 入合计」): squeezed between CJK characters
      const header = table.headerRows
        .filter((h) => h.kind === 'header')
        .map((h) => squeezeCjk(h.cells[cell.column]?.text ?? ''))
        .filter(Boolean)
        .join(' / ');
      return {
        table,
        cell,
        rowLabel: [code?.code, label?.text].filter(Boolean).join(' ') || undefined,
        column: table.shape === 'pdf' ? undefined : header || undefined,
      };
    }
  }
  return undefined;
}

const verdict = (locale: Locale, v: Computation['verdict']) => message(locale, `verdict-${v}`);

export function tableHover(
  doc: DisclosureDocument,
  pos: Position,
  computations: Computation[],
  locale: Locale = 'zh',
): HoverShape | undefined {
  const hit = cellAt(doc, pos);
  if (!hit || (hit.cell.kind !== 'amount' && hit.cell.kind !== 'code' && hit.cell.kind !== 'number')) return undefined;
  const { table, cell } = hit;
  const md = escapeMarkdown;
  const lines: string[] = [];
  const name = `${table.number ? table.number + ' ' : ''}${table.title ?? ''}`.trim();
  const where = [name && `**${md(name)}**`, hit.rowLabel && `「${md(hit.rowLabel)}」`, hit.column && `「${md(hit.column)}」`]
    .filter(Boolean)
    .join(' · ');
  lines.push(`${where}${cell.kind === 'amount' ? ` · ${md(cell.text)}${table.unit ? ' ' + table.unit : ''}` : ''}`);
  const own = computations.filter(
    (c) =>
      contains(c.range, pos) || (c.range.start.line === cell.range.start.line && c.range.start.character === cell.range.start.character),
  );
  for (const c of own) {
    if (c.template === 'balance' && c.parts.length === 1) {
      const p = c.parts[0];
      lines.push(
        '',
        message(locale, 'hover-balance', {
          subject: md(c.subject),
          basis: md(c.basis),
          value: p.value,
          found: c.found,
          verdict: verdict(locale, c.verdict),
        }),
      );
      continue;
    }
    lines.push('', message(locale, 'hover-sum-of', { subject: md(c.subject), basis: md(c.basis) }), '');
    lines.push(message(locale, 'hover-table-head'), '|---|---:|');
    for (const p of c.parts.slice(0, 40)) lines.push(`| ${md(p.label)} | ${p.value} |`);
    if (c.parts.length > 40) lines.push(`| … ${c.parts.length - 40} | |`);
    lines.push(`| **${message(locale, 'hover-sum')}** | **${c.expected}** |`, '');
    const tolerance = c.verdict === 'equal' ? '' : message(locale, 'hover-tolerance', { tolerance: c.tolerance });
    lines.push(message(locale, 'hover-printed', { found: c.found, verdict: verdict(locale, c.verdict), tolerance }));
  }
  const usedIn = computations.filter((c) => !own.includes(c) && c.parts.some((p) => p.range && contains(p.range, pos)));
  if (usedIn.length) {
    lines.push('', message(locale, 'hover-summed-into'));
    for (const c of usedIn.slice(0, 8)) lines.push(`- ${md(c.subject)} ${c.found} ${verdict(locale, c.verdict)}`);
  }
  return { contents: { kind: 'markdown', value: lines.join('\n') }, range: cell.range };
}

const squeezeCjk = (text: string): string => text.replace(/(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/g, '');
