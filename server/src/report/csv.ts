// `budget-lint --format csv`: one row a finding, for reviewers who work in Excel. UTF-8 with a BOM (without it
// Excel reads Chinese as the ANSI code page), RFC 4180 quoting and CRLF line ends. The columns are CONTRACT.md's
// (file, line, column, severity, rule, message) and then what a reviewer filters and sorts by: where in the original
// (page, sheet!cell, table and row), and the figures the finding compared.
import type { FindingOrigin } from '../import/origin.js';
import { originLabel, type OriginLocale } from '../import/origin.js';
import type { ReportFile } from './html.js';

export const CSV_COLUMNS = [
  'file',
  'line',
  'column',
  'end_line',
  'end_column',
  'severity',
  'rule',
  'message',
  'original',
  'expected',
  'found',
  'difference',
  'replacement',
] as const;

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' } as const;

/**
 * One field, quoted when it must be (a comma, a quote, a line break). A field Excel would run as a formula
 * (`=`, `+`, `-`, `@` first, and not a number) gets a leading `'`: a document's text must not become a formula.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) && !/^[+-]?\d[\d,]*(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvReport(files: readonly ReportFile[], locale: OriginLocale = 'zh'): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const f of files) {
    if (f.error) rows.push([f.file, '', '', '', '', 'error', 'unreadable', f.error, '', '', '', '', '']);
    for (const d of f.diagnostics) {
      const data = (d.data ?? {}) as {
        origin?: FindingOrigin;
        expected?: string;
        found?: string;
        difference?: string;
        replacement?: string;
      };
      rows.push([
        f.file,
        String(d.range.start.line + 1),
        String(d.range.start.character + 1),
        String(d.range.end.line + 1),
        String(d.range.end.character + 1),
        SEVERITY[d.severity],
        String(d.code),
        d.message,
        originLabel(data.origin, locale) ?? '',
        data.expected ?? '',
        data.found ?? '',
        data.difference ?? '',
        data.replacement ?? '',
      ]);
    }
  }
  return '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** RFC 4180 back to rows (tests, and anyone scripting over the CSV); the BOM and a formula guard's `'` are dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => {
    row.push(/^'[=+\-@]/.test(field) ? field.slice(1) : field);
    field = '';
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else if (c === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else field += c;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}
