// Hovers over figures in tables: where the figure sits (table, row, column, unit) and how every total it
// takes part in was computed — the rows and columns summed, the sum, and the verdict.
import type { Computation } from '../checks/index.js';
import type { DisclosureDocument, Position, Range, Table, Cell } from '../model/types.js';
import type { Locale } from '../checks/messages.js';
import { contains } from '../model/ranges.js';

export interface HoverShape { contents: { kind: 'markdown'; value: string }; range: Range }

/** A hover on the converted text of an original ends with where the thing hovered is in the original (`原文第 12 页`). */
export function withOriginLine(hover: HoverShape, originLine: string | undefined): HoverShape {
  if (!originLine) return hover;
  return { ...hover, contents: { kind: 'markdown', value: `${hover.contents.value}\n\n---\n\n${originLine}` } };
}


export function cellAt(doc: DisclosureDocument, pos: Position): { table: Table; cell: Cell; rowLabel?: string; column?: string } | undefined {
  for (const table of doc.tables) {
    if (pos.line < table.range.start.line || pos.line > table.range.end.line) continue;
    for (const row of table.rows) {
      if (pos.line < row.line || pos.line > row.endLine) continue;
      const cell = row.cells.find((c) => c.kind !== 'empty' && contains(c.range, pos));
      if (!cell) continue;
      const code = row.cells.find((c) => c.kind === 'code');
      const label = row.cells.find((c) => c.kind === 'text');
      // header cells keep the spaces of a PDF page's layout (「本年收 入合计」): squeezed between CJK characters
  const header = table.headerRows.filter((h) => h.kind === 'header').map((h) => squeezeCjk(h.cells[cell.column]?.text ?? '')).filter(Boolean).join(' / ');
      return { table, cell, rowLabel: [code?.code, label?.text].filter(Boolean).join(' ') || undefined, column: table.shape === 'pdf' ? undefined : header || undefined };
    }
  }
  return undefined;
}

export const VERDICT = {
  zh: { equal: '✓ 相符', rounding: '≈ 在尾差范围内', mismatch: '✗ 不符' },
  en: { equal: '✓ agrees', rounding: '≈ within rounding', mismatch: '✗ does not agree' },
} as const;

export function tableHover(doc: DisclosureDocument, pos: Position, computations: Computation[], locale: Locale = 'zh'): HoverShape | undefined {
  const hit = cellAt(doc, pos);
  if (!hit || (hit.cell.kind !== 'amount' && hit.cell.kind !== 'code' && hit.cell.kind !== 'number')) return undefined;
  const { table, cell } = hit;
  const lines: string[] = [];
  const name = `${table.number ? table.number + ' ' : ''}${table.title ?? ''}`.trim();
  const where = [name && `**${name}**`, hit.rowLabel && `「${hit.rowLabel}」`, hit.column && `「${hit.column}」`].filter(Boolean).join(' · ');
  lines.push(`${where}${cell.kind === 'amount' ? ` · ${cell.text}${table.unit ? ' ' + table.unit : ''}` : ''}`);
  const own = computations.filter((c) => contains(c.range, pos) || (c.range.start.line === cell.range.start.line && c.range.start.character === cell.range.start.character));
  for (const c of own) {
    if (c.template === 'balance' && c.parts.length === 1) {
      const p = c.parts[0];
      lines.push('', locale === 'en' ? `${c.subject} should equal ${c.basis} ${p.value}: printed ${c.found} ${VERDICT.en[c.verdict]}` : `${c.subject} 应等于${c.basis} ${p.value}：表中数 ${c.found} ${VERDICT.zh[c.verdict]}`);
      continue;
    }
    lines.push('', locale === 'en' ? `${c.subject} = ${c.basis}:` : `${c.subject} = ${c.basis}之和：`, '');
    lines.push(locale === 'en' ? '| item | amount |' : '| 项 | 金额 |', '|---|---:|');
    for (const p of c.parts.slice(0, 40)) lines.push(`| ${p.label.replace(/\|/g, '/')} | ${p.value} |`);
    if (c.parts.length > 40) lines.push(`| … ${c.parts.length - 40} | |`);
    lines.push(`| **${locale === 'en' ? 'sum' : '合计'}** | **${c.expected}** |`, '');
    const tolerance = c.verdict === 'equal' ? '' : locale === 'en' ? ` (tolerance ${c.tolerance})` : `（容差 ${c.tolerance}）`;
    lines.push(`${locale === 'en' ? 'printed' : '表中数'} ${c.found} ${VERDICT[locale][c.verdict]}${tolerance}`);
  }
  const usedIn = computations.filter((c) => !own.includes(c) && c.parts.some((p) => p.range && contains(p.range, pos)));
  if (usedIn.length) {
    lines.push('', locale === 'en' ? 'Summed into:' : '计入：');
    for (const c of usedIn.slice(0, 8)) lines.push(`- ${c.subject} ${c.found} ${VERDICT[locale][c.verdict]}`);
  }
  return { contents: { kind: 'markdown', value: lines.join('\n') }, range: cell.range };
}

const squeezeCjk = (text: string): string => text.replace(/(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/g, '');
