// The HTML report of a set of checked files (`budget-lint --format html`): one self-contained page — a summary table,
// a chart of the findings by rule, and per file its composition charts and its findings grouped by table and section,
// each with its line and the figure marked. Chart.js is inlined, so the page opens offline; every value taken from a
// document or a message is escaped (escape.ts).
import type { Finding } from '../checks/index.js';
import { message, type Locale } from '../checks/messages.js';
import type { DisclosureDocument, Range } from '../model/types.js';
import { tableSet } from '../parse/tableSet.js';
import { originLabel, type FindingOrigin } from '../import/origin.js';
import { composition, type Composition } from './composition.js';
import { CHART_CSS, DRAW_CHARTS_SCRIPT, SEVERITY_COLOURS, chartHtml, compositionCharts, type ChartSpec } from './charts.js';
import { escapeHtml } from './escape.js';
import { GRID_CSS, tableName, type ShownFinding } from './grid.js';

/** A finding as the CLI prints it: the engine's, or a reader's note (`encoding`, `import`), maybe with data.origin. */
export type ReportFinding = ShownFinding & { data?: Finding['data'] | Record<string, unknown> };

export interface ReportFile {
  file: string;
  diagnostics: readonly ReportFinding[];
  /** Why the file could not be checked. */
  error?: string;
  /** What the report shows of the analysed document (its kind, year, composition, the lines of its findings). */
  digest?: DocumentDigest;
}

/**
 * What the HTML report shows of one document, as plain data: made where the document was analysed (a worker
 * thread of budget-lint too, whose documents cannot cross to the thread that writes the report).
 */
export interface DocumentDigest {
  kind?: string;
  year?: number;
  composition: Composition;
  /** The text of each line a finding starts on, by line number. */
  lines: Record<number, string>;
  /** Where each of those lines is: its table, else its section (in the report's language). */
  groups: Record<number, string>;
}

export function digestOf(doc: DisclosureDocument, findings: readonly { range: Range }[], locale: Locale): DocumentDigest {
  const kinds = tableSet(doc).kinds;
  const digest: DocumentDigest = {
    kind: kinds.length ? kinds.join(' / ') : doc.facts.kind,
    year: doc.facts.year,
    composition: composition(doc),
    lines: {},
    groups: {},
  };
  for (const f of findings) {
    const line = f.range.start.line;
    if (doc.lines[line] === undefined || line in digest.lines) continue;
    digest.lines[line] = doc.lines[line];
    digest.groups[line] = groupOf(doc, line, locale);
  }
  return digest;
}

export interface ReportOptions {
  locale: Locale;
  /** Chart.js's UMD build, inlined (charts.ts chartLibrary()). */
  chartLibrary: string;
  /** When the report was made (ISO date); today by default. */
  date?: string;
}

export interface FileSummary {
  file: string;
  kind?: string;
  year?: number;
  errors: number;
  warnings: number;
  information: number;
  hints: number;
  worst?: ReportFinding;
  error?: string;
}

const SEVERITY_ID = { 1: 'report-errors', 2: 'report-warnings', 3: 'report-information', 4: 'report-hints' } as const;
const SEVERITY_CLASS = { 1: 'sev-error', 2: 'sev-warning', 3: 'sev-info', 4: 'sev-hint' } as const;

export function summarize(f: ReportFile): FileSummary {
  const count = (s: number) => f.diagnostics.filter((d) => d.severity === s).length;
  const worst = [...f.diagnostics].sort((a, b) => a.severity - b.severity)[0];
  return {
    file: f.file,
    kind: f.digest?.kind,
    year: f.digest?.year,
    errors: count(1),
    warnings: count(2),
    information: count(3),
    hints: count(4),
    worst,
    error: f.error,
  };
}

/** Findings by rule over every file, a stacked bar per severity. */
export function ruleChart(files: readonly ReportFile[], locale: Locale): ChartSpec | undefined {
  const counts = new Map<string, number[]>();
  for (const f of files)
    for (const d of f.diagnostics) {
      const rule = String(d.code);
      const row = counts.get(rule) ?? [0, 0, 0, 0];
      row[d.severity - 1]++;
      counts.set(rule, row);
    }
  if (counts.size === 0) return undefined;
  const total = (r: number[]) => r.reduce((a, b) => a + b, 0);
  const rules = [...counts.keys()].sort((a, b) => total(counts.get(b)!) - total(counts.get(a)!) || a.localeCompare(b));
  const datasets = ([1, 2, 3, 4] as const)
    .filter((s) => rules.some((r) => counts.get(r)![s - 1] > 0))
    .map((s) => ({
      label: message(locale, SEVERITY_ID[s]),
      values: rules.map((r) => String(counts.get(r)![s - 1])),
      color: SEVERITY_COLOURS[s],
    }));
  return { type: 'bar', horizontal: true, stacked: true, title: message(locale, 'report-by-rule'), labels: rules, datasets };
}

/** The line of a finding with its range marked; a long line is cut around the mark, a table row shows its cells. */
export function contextHtml(line: string, start: number, end: number): string {
  const WINDOW = 60;
  const from = Math.max(0, start - WINDOW);
  const to = Math.min(line.length, Math.max(end, start) + WINDOW);
  const show = (s: string) => escapeHtml(s.replace(/\t/g, ' │ '));
  const marked = end > start ? `<mark>${show(line.slice(start, end))}</mark>` : '<mark class="point"></mark>';
  return (
    (from > 0 ? '…' : '') +
    show(line.slice(from, start)) +
    marked +
    show(line.slice(Math.max(end, start), to)) +
    (to < line.length ? '…' : '')
  );
}

/** Where a finding is: the table whose lines hold it, else the section it falls in. */
function groupOf(doc: DisclosureDocument, line: number, locale: Locale): string {
  const table = doc.tables.find((t) => t.range.start.line <= line && line <= t.range.end.line);
  if (table) return message(locale, 'report-table', { name: tableName(table) });
  let heading: DisclosureDocument['headings'][number] | undefined;
  for (const h of doc.headings) if (h.line <= line) heading = h;
  return heading
    ? message(locale, 'report-section', { name: `${heading.label}${heading.title}` })
    : message(locale, 'report-before-sections');
}

function findingHtml(d: ReportFinding, digest: DocumentDigest | undefined, id: string, locale: Locale): string {
  const { start, end } = d.range;
  const origin = originLabel((d.data as { origin?: FindingOrigin } | undefined)?.origin, locale);
  const where = [message(locale, 'report-line', { line: String(start.line + 1) }), origin].filter(Boolean).join(' · ');
  const text = digest?.lines[start.line];
  const context =
    text === undefined
      ? ''
      : `<pre class="context">${contextHtml(text, start.character, end.line === start.line ? end.character : text.length)}</pre>`;
  return (
    `<li class="finding ${SEVERITY_CLASS[d.severity].replace('sev-', 'f-')}" id="${id}" data-line="${start.line}" data-character="${start.character}">` +
    `<span class="badge">${escapeHtml(message(locale, SEVERITY_ID[d.severity]))}</span> <code class="rule">${escapeHtml(String(d.code))}</code> ` +
    `<span class="where">${escapeHtml(where)}</span><div class="message">${escapeHtml(d.message)}</div>${context}</li>`
  );
}

function fileHtml(f: ReportFile, index: number, s: FileSummary, locale: Locale): string {
  const facts = [s.kind, s.year].filter((x) => x !== undefined).join(' · ');
  let out = `<section class="file" id="file-${index}"><h2>${escapeHtml(f.file)}</h2>`;
  if (facts) out += `<p class="facts">${escapeHtml(facts)}</p>`;
  if (f.error) return out + `<p class="unreadable">${escapeHtml(message(locale, 'report-unreadable', { reason: f.error }))}</p></section>`;
  if (f.digest) {
    const charts = compositionCharts(f.digest.composition, locale);
    out += `<h3>${escapeHtml(message(locale, 'report-composition'))}</h3>`;
    out += charts.length
      ? `<div class="charts">${charts.map((c) => chartHtml(c, locale)).join('')}</div>`
      : `<p class="muted">${escapeHtml(message(locale, 'report-no-composition'))}</p>`;
  }
  out += `<h3>${escapeHtml(message(locale, 'report-findings'))}</h3>`;
  if (f.diagnostics.length === 0) return out + `<p class="muted">${escapeHtml(message(locale, 'report-no-findings'))}</p></section>`;
  const groups = new Map<string, string[]>();
  f.diagnostics.forEach((d, i) => {
    const g = f.digest?.groups[d.range.start.line] ?? '';
    groups.set(g, [...(groups.get(g) ?? []), findingHtml(d, f.digest, `f-${index}-${i}`, locale)]);
  });
  for (const [g, items] of groups)
    out += `<div class="group">${g ? `<h4>${escapeHtml(g)}</h4>` : ''}<ul class="findings">${items.join('')}</ul></div>`;
  return out + '</section>';
}

function summaryHtml(files: readonly ReportFile[], summaries: FileSummary[], locale: Locale): string {
  const h = (id: string) => `<th>${escapeHtml(message(locale, id))}</th>`;
  const head = `<tr>${['report-file', 'report-kind', 'report-year', 'report-errors', 'report-warnings', 'report-information', 'report-hints', 'report-worst'].map(h).join('')}</tr>`;
  const num = (n: number, cls: string) => `<td class="n ${n ? cls : 'zero'}">${n}</td>`;
  // the summary's own classes (count-…): the grid's sev-… classes outline a cell
  const rows = summaries.map((s, i) => {
    const worst = s.error
      ? `<span class="unreadable">${escapeHtml(message(locale, 'report-unreadable', { reason: s.error }))}</span>`
      : s.worst
        ? `<a href="#f-${i}-${files[i].diagnostics.indexOf(s.worst)}"><code>${escapeHtml(String(s.worst.code))}</code> ${escapeHtml(s.worst.message.length > 80 ? s.worst.message.slice(0, 80) + '…' : s.worst.message)}</a>`
        : escapeHtml(message(locale, 'report-none'));
    return (
      `<tr class="file-row" data-file="${escapeHtml(s.file)}"><td><a href="#file-${i}">${escapeHtml(s.file)}</a></td><td class="kind">${escapeHtml(s.kind ?? '')}</td><td class="year">${s.year ?? ''}</td>` +
      num(s.errors, 'count-error') +
      num(s.warnings, 'count-warning') +
      num(s.information, 'count-info') +
      num(s.hints, 'count-hint') +
      `<td class="worst">${worst}</td></tr>`
    );
  });
  const total = (k: 'errors' | 'warnings' | 'information' | 'hints') => summaries.reduce((n, s) => n + s[k], 0);
  const foot =
    `<tr class="total-row"><th>${escapeHtml(message(locale, 'report-total'))}</th><td></td><td></td>` +
    `<td class="n">${total('errors')}</td><td class="n">${total('warnings')}</td><td class="n">${total('information')}</td><td class="n">${total('hints')}</td><td></td></tr>`;
  return `<table class="summary"><thead>${head}</thead><tbody>${rows.join('\n')}</tbody><tfoot>${foot}</tfoot></table>`;
}

const PAGE_CSS = `
body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; margin: 1.5em 2em; color: #222; line-height: 1.5; }
h1 { font-size: 1.5em; margin-bottom: .2em; } h2 { font-size: 1.2em; border-bottom: 1px solid #ddd; padding-bottom: .2em; margin-top: 2em; word-break: break-all; }
h3 { font-size: 1.05em; } h4 { font-size: 1em; margin: .8em 0 .3em; color: #444; }
.muted, .generated, .facts { color: #666; }
table.summary { border-collapse: collapse; width: 100%; font-size: 14px; }
table.summary th, table.summary td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; }
table.summary td.n { text-align: right; font-variant-numeric: tabular-nums; } table.summary td.zero { color: #aaa; }
table.summary td.count-error { color: #c62828; font-weight: 600; } table.summary td.count-warning { color: #e65100; font-weight: 600; }
table.summary th, table.summary td.kind, table.summary td.year { white-space: nowrap; } table.summary td.worst { font-size: 13px; }
table.summary tfoot td, table.summary tfoot th { font-weight: 700; background: #fafafa; }
ul.findings { list-style: none; padding-left: 0; margin: 0; }
li.finding { border-left: 4px solid #999; padding: 4px 10px; margin: 6px 0; background: #fafafa; }
li.finding.f-error { border-color: #e53935; } li.finding.f-warning { border-color: #fb8c00; } li.finding.f-info { border-color: #1e88e5; } li.finding.f-hint { border-color: #78909c; }
.badge { font-size: 12px; padding: 0 5px; border-radius: 3px; background: #eee; }
li.f-error .badge { background: #e53935; color: #fff; } li.f-warning .badge { background: #fb8c00; color: #fff; }
code.rule { font-size: 12px; } .where { color: #666; font-size: 12px; }
pre.context { margin: 4px 0 0; padding: 4px 6px; background: #fff; border: 1px solid #eee; white-space: pre-wrap; word-break: break-all; font-size: 13px; }
mark { background: #ffe082; padding: 0 1px; } mark.point { border-left: 2px solid #e53935; background: none; }
.unreadable { color: #c62828; }
`;

/** The whole page. */
export function htmlReport(files: readonly ReportFile[], options: ReportOptions): string {
  const { locale } = options;
  const summaries = files.map(summarize);
  const byRule = ruleChart(files, locale);
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  const title = message(locale, 'report-title', { count: String(files.length) });
  return `<!DOCTYPE html>
<html lang="${locale === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="budget-lint">
<title>${escapeHtml(title)}</title>
<style>${PAGE_CSS}${GRID_CSS}${CHART_CSS}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="generated">${escapeHtml(message(locale, 'report-generated', { date }))}</p>
<h2>${escapeHtml(message(locale, 'report-summary'))}</h2>
${summaryHtml(files, summaries, locale)}
${byRule ? `<div class="charts">${chartHtml(byRule, locale)}</div>` : ''}
${files.map((f, i) => fileHtml(f, i, summaries[i], locale)).join('\n')}
<script>${options.chartLibrary.replace(/<\/script/gi, '<\\/script')}</script>
<script>${DRAW_CHARTS_SCRIPT}</script>
</body>
</html>
`;
}
