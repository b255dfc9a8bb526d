// What the editor's preview shows for one document (the LSP request budget/preview): its tables as grids with the
// findings marked and the computed sums beside the figures, then the charts of its composition. The same renderer
// (grid.ts, charts.ts) draws the HTML report; the page around it (CSP, Chart.js, scripts) is the client's.
import type { Computation } from '../checks/index.js';
import { message, type Locale } from '../checks/messages.js';
import type { DisclosureDocument } from '../model/types.js';
import { CHART_CSS, DRAW_CHARTS_SCRIPT, chartHtml, compositionCharts } from './charts.js';
import { composition } from './composition.js';
import { escapeHtml } from './escape.js';
import { GRID_CSS, documentTablesHtml, type ShownFinding } from './grid.js';

export interface PreviewContent {
  /** The body: grids, then charts. */
  html: string;
  /** The style sheet the body needs. */
  css: string;
  /** The script that draws the charts (window.budgetDrawCharts(root) redraws after an update). */
  chartScript: string;
}

export function previewContent(
  doc: DisclosureDocument,
  findings: readonly ShownFinding[],
  computations: readonly Computation[],
  locale: Locale,
): PreviewContent {
  const charts = compositionCharts(composition(doc), locale);
  const chartsHtml = charts.length
    ? `<h2 class="charts-title">${escapeHtml(message(locale, 'report-composition'))}</h2><div class="charts">${charts.map((c) => chartHtml(c, locale)).join('')}</div>`
    : '';
  return {
    html: documentTablesHtml(doc, findings, computations, locale) + chartsHtml,
    css: GRID_CSS + CHART_CSS,
    chartScript: DRAW_CHARTS_SCRIPT,
  };
}
