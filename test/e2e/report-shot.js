// Opens the HTML report (`budget-lint --format html`) in headless Chromium, offline, and saves a screenshot. Fails when
// the page reports a JavaScript error, asks the network for anything, or its charts were not drawn (every chart's
// canvas must exist with a non-zero size, and the drawing script must say it drew them all).
// Usage: node test/e2e/report-shot.js REPORT.html OUT.png   (playwright-core on NODE_PATH, as run-e2e.sh sets it)
const { chromium } = require('playwright-core');
const { pathToFileURL } = require('node:url');

async function main() {
  const [report, shot] = process.argv.slice(2);
  if (!report || !shot) throw new Error('usage: report-shot.js REPORT.html OUT.png');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  const problems = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
    // the report must open offline: any request other than the file itself is a failure
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      problems.push(`network request: ${url}`);
      return route.abort();
    });
    await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });
    const charts = await page.evaluate(() => {
      const canvases = [...document.querySelectorAll('canvas.budget-chart')];
      return {
        expected: canvases.length,
        drawn: window.budgetChartsDrawn ?? 0,
        sizes: canvases.map((c) => [c.width, c.height]),
        files: document.querySelectorAll('tr.file-row').length,
      };
    });
    if (charts.expected === 0) problems.push('no chart in the report');
    if (charts.drawn !== charts.expected) problems.push(`${charts.drawn} of ${charts.expected} charts drawn`);
    const empty = charts.sizes.filter(([w, h]) => !(w > 0 && h > 0)).length;
    if (empty) problems.push(`${empty} chart canvas(es) of zero size`);
    await page.screenshot({ path: shot, fullPage: false });
    // and the charts: the folder's findings by rule, then the first file's composition
    const figures = page.locator('figure.chart');
    for (const [i, name] of [
      [0, 'rules'],
      [1, 'composition'],
    ]) {
      if ((await figures.count()) > i) await figures.nth(i).screenshot({ path: shot.replace(/\.png$/, `-${name}.png`) });
    }
    console.log(`[report] ${charts.files} file(s), ${charts.drawn}/${charts.expected} charts drawn → ${shot}`);
  } finally {
    await browser.close();
  }
  if (problems.length) {
    for (const p of problems) console.error(`[report] ${p}`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
