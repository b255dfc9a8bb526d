// One document's tables as aligned grids: the renderer the editor's preview and the HTML report share. The canonical
// text prints a table row a line with TAB between cells — ragged in an editor; here every cell sits in its column,
// the cells with findings are marked (severity class, the messages in the title), the sum the checks computed is
// shown beside each figure they compared, and every cell carries its line and character so that a click can go back
// to the text. Pure: no vscode, no LSP.
import type { Computation, Finding } from '../checks/index.js';
import { message, type Locale } from '../checks/messages.js';
import type { CellKind, DisclosureDocument, Range, Row, RowKind, Table } from '../model/types.js';
import { escapeHtml } from './escape.js';

/** A finding as the faces hold it (the CLI's placed diagnostics have a wider `code`). */
export type ShownFinding = Pick<Finding, 'range' | 'severity' | 'message'> & { code: string | number };

export interface GridSum {
  expected: string;
  basis: string;
  verdict: Computation['verdict'];
}

export interface GridCell {
  text: string;
  kind: CellKind;
  line: number;
  character: number;
  endCharacter: number;
  /** The most severe finding on the cell (1 error … 4 hint). */
  severity?: 1 | 2 | 3 | 4;
  /** The messages of the findings on the cell, most severe first. */
  messages: string[];
  /** The sums the checks computed for this figure (one per distinct comparison). */
  sums: GridSum[];
}

export interface GridRow {
  kind: RowKind;
  line: number;
  /** One entry per column of the grid; undefined where the row prints no cell there. */
  cells: (GridCell | undefined)[];
}

export interface TableGrid {
  table: Table;
  /** 表5 2021年…支出表 · 万元 */
  name: string;
  width: number;
  rows: GridRow[];
}

const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character < b.character);

/** Whether a finding's range touches a cell's: overlapping, or an empty range at or inside the cell. */
function touches(f: Range, cell: Range): boolean {
  const empty = f.start.line === f.end.line && f.start.character === f.end.character;
  if (empty) return !before(f.start, cell.start) && !before(cell.end, f.start);
  return before(f.start, cell.end) && before(cell.start, f.end);
}

export function tableName(table: Table): string {
  const title = [table.number, table.title].filter(Boolean).join(' ');
  return [title || `#${table.index + 1}`, table.unit].filter(Boolean).join(' · ');
}

/**
 * Where each cell of a row goes: its column when the row's columns increase (tab and pipe tables keep empty cells in
 * place), else its order in the row (PDF rows whose empty cells were dropped).
 */
function placed(row: Row): number[] {
  const columns = row.cells.map((c) => c.column);
  const increasing = columns.every((c, i) => i === 0 || c > columns[i - 1]);
  return increasing ? columns : row.cells.map((_, i) => i);
}

export function tableGrid(table: Table, findings: readonly ShownFinding[], computations: readonly Computation[]): TableGrid {
  const rows = table.rows.filter((r) => r.kind !== 'separator');
  const places = rows.map(placed);
  const width = Math.max(0, ...places.map((p) => (p.length ? p[p.length - 1] + 1 : 0)));
  // only what lies within the table is looked at per cell
  const first = table.range.start.line;
  const last = table.range.end.line;
  const near = findings.filter((f) => f.range.end.line >= first && f.range.start.line <= last);
  const sumsAt = new Map<string, Computation[]>();
  for (const c of computations) {
    if (c.range.start.line < first || c.range.start.line > last) continue;
    const key = `${c.range.start.line}:${c.range.start.character}`;
    sumsAt.set(key, [...(sumsAt.get(key) ?? []), c]);
  }
  const gridRows: GridRow[] = rows.map((row, r) => {
    const cells: (GridCell | undefined)[] = Array.from({ length: width }, () => undefined);
    row.cells.forEach((cell, i) => {
      const range = cell.range;
      const on = near.filter((f) => touches(f.range, range)).sort((a, b) => a.severity - b.severity);
      const sums: GridSum[] = [];
      for (const c of sumsAt.get(`${range.start.line}:${range.start.character}`) ?? []) {
        // an empty cell that agrees (Σ 0.00 under a blank) says nothing; the same sum reached two ways is shown once
        if (cell.kind === 'empty' && c.verdict === 'equal') continue;
        const same = sums.find((s) => s.expected === c.expected && s.verdict === c.verdict);
        if (!same) sums.push({ expected: c.expected, basis: c.basis, verdict: c.verdict });
        else if (!same.basis.split('；').includes(c.basis)) same.basis += `；${c.basis}`;
      }
      cells[places[r][i]] = {
        text: cell.text,
        kind: cell.kind,
        line: range.start.line,
        character: range.start.character,
        endCharacter: range.end.line === range.start.line ? range.end.character : range.start.character + cell.text.length,
        severity: on[0]?.severity,
        messages: [...new Set(on.map((f) => f.message))],
        sums,
      };
    });
    return { kind: row.kind, line: row.line, cells };
  });
  return { table, name: tableName(table), width, rows: gridRows };
}

const SEVERITY_CLASS = { 1: 'sev-error', 2: 'sev-warning', 3: 'sev-info', 4: 'sev-hint' } as const;

function cellHtml(cell: GridCell | undefined, header: boolean, locale: Locale): string {
  const tag = header ? 'th' : 'td';
  if (!cell) return `<${tag} class="pad"></${tag}>`;
  const classes = ['c', `k-${cell.kind}`];
  if (cell.severity) classes.push(SEVERITY_CLASS[cell.severity]);
  const title = cell.messages.length ? ` title="${escapeHtml(cell.messages.join('\n'))}"` : '';
  const sums = cell.sums
    .map(
      (s) =>
        `<span class="sum v-${s.verdict}" title="${escapeHtml(message(locale, 'report-computed', { basis: s.basis, expected: s.expected }))}">Σ ${escapeHtml(s.expected)}</span>`,
    )
    .join('');
  return (
    `<${tag} class="${classes.join(' ')}" data-line="${cell.line}" data-character="${cell.character}" data-end-character="${cell.endCharacter}"${title}>` +
    `<span class="t">${escapeHtml(cell.text)}</span>${sums}</${tag}>`
  );
}

/** One table as an HTML section: its name, then the grid. */
export function tableGridHtml(grid: TableGrid, locale: Locale): string {
  const t = grid.table;
  const body = grid.rows
    .map((row) => {
      const header = row.kind !== 'data';
      return `<tr class="r-${row.kind}" data-line="${row.line}">${row.cells.map((c) => cellHtml(c, header, locale)).join('')}</tr>`;
    })
    .join('\n');
  const titleLine = t.titleRange?.start.line ?? t.range.start.line;
  return (
    `<section class="budget-table" id="table-${t.index}" data-table="${t.index}" data-start-line="${t.range.start.line}" data-end-line="${t.range.end.line}">\n` +
    `<h3 data-line="${titleLine}" data-character="${t.titleRange?.start.character ?? 0}">${escapeHtml(grid.name)}</h3>\n` +
    `<div class="grid-scroll"><table class="grid"><tbody>\n${body}\n</tbody></table></div>\n</section>`
  );
}

/** Every table of the document, in order, as grids (the preview's body). */
export function documentTablesHtml(
  doc: DisclosureDocument,
  findings: readonly ShownFinding[],
  computations: readonly Computation[],
  locale: Locale,
): string {
  if (doc.tables.length === 0) return `<p class="empty">${escapeHtml(message(locale, 'preview-no-tables'))}</p>`;
  return doc.tables.map((t) => tableGridHtml(tableGrid(t, findings, computations), locale)).join('\n');
}

/** The grid's look, shared by the preview and the report. Colours follow VS Code's theme variables when present. */
export const GRID_CSS = `
.budget-table { margin: 1.2em 0; }
.budget-table h3 { font-size: 1em; margin: .4em 0; cursor: pointer; }
.grid-scroll { overflow-x: auto; }
table.grid { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 13px; }
table.grid td, table.grid th { border: 1px solid var(--vscode-panel-border, #ccc); padding: 2px 6px; vertical-align: top; white-space: nowrap; }
table.grid th { background: var(--vscode-editor-inactiveSelectionBackground, #f1f1f1); font-weight: 600; }
table.grid td.k-amount, table.grid td.k-number, table.grid td.k-percent { text-align: right; }
table.grid td.c, table.grid th.c { cursor: pointer; }
table.grid .pad { border-style: dotted; }
.sev-error { background: rgba(229, 57, 53, .16); outline: 2px solid #e53935; outline-offset: -2px; }
.sev-warning { background: rgba(251, 140, 0, .16); outline: 2px solid #fb8c00; outline-offset: -2px; }
.sev-info { background: rgba(30, 136, 229, .12); }
.sev-hint { background: rgba(120, 144, 156, .14); }
.sum { display: block; font-size: 11px; opacity: .8; }
.sum.v-mismatch { color: #c62828; opacity: 1; font-weight: 600; }
.sum.v-rounding { color: #8d6e63; }
.sum.v-equal { color: #2e7d32; }
.cursor { box-shadow: inset 0 0 0 2px var(--vscode-focusBorder, #1e88e5); }
`;
