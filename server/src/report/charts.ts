// Charts of the report and the preview: what to draw is data (ChartSpec, embedded as JSON beside a <canvas>); the
// drawing is Chart.js 4 (bundled: the report inlines its UMD build, the preview loads it from the extension), driven
// by the one small script below. A chart also prints its figures in a table under it, readable without scripts.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { message, type Locale } from '../checks/messages.js';
import type { Composition, Slice } from './composition.js';
import { escapeHtml, jsonForScript } from './escape.js';

export interface ChartSpec {
  type: 'bar' | 'doughnut';
  title: string;
  labels: string[];
  /** Figures as decimal strings (turned into numbers only to be drawn). */
  datasets: { label: string; values: string[]; color?: string }[];
  horizontal?: boolean;
  stacked?: boolean;
}

const PALETTE = ['#1e88e5', '#43a047', '#fb8c00', '#8e24aa', '#e53935', '#00897b', '#6d4c41', '#3949ab', '#c0ca33', '#5e35b1'];
export const SEVERITY_COLOURS = { 1: '#e53935', 2: '#fb8c00', 3: '#1e88e5', 4: '#78909c' } as const;

/** Pie-like charts of a composition; a part that could not be read is simply absent. */
export function compositionCharts(c: Composition, locale: Locale): ChartSpec[] {
  const name = (s: Slice) => (s.labelId ? message(locale, s.label) : s.label);
  const unit = (u?: string) => u ?? '';
  const out: ChartSpec[] = [];
  if (c.byClass)
    out.push({
      type: 'bar',
      horizontal: true,
      title: message(locale, 'report-by-class', { unit: unit(c.byClass.unit) }),
      labels: c.byClass.slices.map(name),
      datasets: [{ label: c.byClass.table, values: c.byClass.slices.map((s) => s.value), color: PALETTE[0] }],
    });
  for (const [part, id] of [
    [c.basicProject, 'report-basic-project'],
    [c.sangong, 'report-sangong'],
  ] as const) {
    if (!part) continue;
    out.push({
      type: 'doughnut',
      title: message(locale, id, { unit: unit(part.unit) }),
      labels: part.slices.map(name),
      datasets: [{ label: part.table, values: part.slices.map((s) => s.value) }],
    });
  }
  return out;
}

/** A chart's place in the page: a canvas, its spec as JSON, and its figures as a table. */
export function chartHtml(spec: ChartSpec, locale: Locale): string {
  const head = `<tr><th></th>${spec.datasets.map((d) => `<th>${escapeHtml(d.label)}</th>`).join('')}</tr>`;
  const rows = spec.labels
    .map((l, i) => `<tr><th>${escapeHtml(l)}</th>${spec.datasets.map((d) => `<td>${escapeHtml(d.values[i] ?? '')}</td>`).join('')}</tr>`)
    .join('');
  const height = spec.type === 'bar' && spec.horizontal ? Math.max(160, 28 * spec.labels.length + 60) : 260;
  return (
    `<figure class="chart chart-${spec.type}"><figcaption>${escapeHtml(spec.title)}</figcaption>` +
    `<div class="chart-box" data-height="${height}"><canvas class="budget-chart" role="img" aria-label="${escapeHtml(spec.title)}"></canvas></div>` +
    `<script type="application/json" class="budget-chart-spec">${jsonForScript(spec)}</script>` +
    `<details class="chart-data"><summary>${escapeHtml(message(locale, 'report-chart-data'))}</summary><table class="figures">${head}${rows}</table></details>` +
    `</figure>`
  );
}

export { PALETTE };

/**
 * Draws every `canvas.budget-chart` under a root from the JSON spec beside it, with Chart.js (the global `Chart`).
 * Browser code, kept as text: the report inlines it and the preview runs it under its nonce. Animations are off so a
 * screenshot shows the finished chart; `window.budgetChartsDrawn` counts what was drawn (the e2e check reads it).
 */
export const DRAW_CHARTS_SCRIPT = `
(function () {
  var palette = ${JSON.stringify(PALETTE)};
  var charts = [];
  function draw(root) {
    charts.forEach(function (c) { c.destroy(); });
    charts = [];
    if (typeof Chart === 'undefined') return 0;
    var canvases = (root || document).querySelectorAll('canvas.budget-chart');
    for (var i = 0; i < canvases.length; i++) {
      var canvas = canvases[i];
      var box = canvas.parentNode;
      var specNode = box.parentNode.querySelector('script.budget-chart-spec');
      if (!specNode) continue;
      var spec = JSON.parse(specNode.textContent);
      box.style.position = 'relative';
      box.style.height = (box.getAttribute('data-height') || 260) + 'px';
      var doughnut = spec.type === 'doughnut';
      var datasets = spec.datasets.map(function (d, k) {
        var colour = d.color || palette[k % palette.length];
        return {
          label: d.label,
          data: d.values.map(Number),
          backgroundColor: doughnut ? spec.labels.map(function (_, j) { return palette[j % palette.length]; }) : colour,
          borderWidth: doughnut ? 1 : 0
        };
      });
      charts.push(new Chart(canvas, {
        type: spec.type,
        data: { labels: spec.labels, datasets: datasets },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          indexAxis: spec.horizontal ? 'y' : 'x',
          plugins: { legend: { display: doughnut || spec.datasets.length > 1, position: doughnut ? 'right' : 'top' } },
          scales: doughnut ? {} : { x: { stacked: !!spec.stacked, beginAtZero: true }, y: { stacked: !!spec.stacked, beginAtZero: true } }
        }
      }));
    }
    window.budgetChartsDrawn = charts.length;
    return charts.length;
  }
  window.budgetDrawCharts = draw;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { draw(document); });
  else draw(document);
})();
`;

export const CHART_CSS = `
figure.chart { display: inline-block; vertical-align: top; width: 46%; min-width: 320px; margin: .5em 1% 1em 0; }
figure.chart.chart-bar { width: 94%; }
figure.chart figcaption { font-weight: 600; margin-bottom: .3em; }
details.chart-data { font-size: 12px; margin-top: .3em; }
table.figures { border-collapse: collapse; }
table.figures td, table.figures th { border: 1px solid #ddd; padding: 1px 6px; text-align: right; font-weight: normal; }
table.figures th:first-child { text-align: left; }
`;

let library: string | undefined;

/**
 * Chart.js's UMD build, to inline into the report: next to the bundle (dist/chartjs/, copied by scripts/build.mjs)
 * or, run from the sources, in node_modules.
 */
export function chartLibrary(): string {
  if (library !== undefined) return library;
  const file = 'chart.umd.min.js';
  const candidates = [join(__dirname, 'chartjs', file)];
  for (let dir = __dirname; ; dir = dirname(dir)) {
    candidates.push(join(dir, 'node_modules', 'chart.js', 'dist', file));
    if (dirname(dir) === dir) break;
  }
  const found = candidates.find((f) => existsSync(f));
  if (!found) throw new Error('chart.js not found (dist/chartjs/chart.umd.min.js): run the build');
  // the source-map comment would make an offline browser look for a file that is not there
  library = readFileSync(found, 'utf8').replace(/\/\/# sourceMappingURL=\S+\s*$/, '');
  return library;
}
