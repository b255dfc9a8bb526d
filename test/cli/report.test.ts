// budget-lint --format html|csv as users run it (the built binary), checked against the JSON output of the same run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { SEEDS, MORE_DOCS } from '../helpers/fixtures.js';
import { parseCsv, CSV_COLUMNS } from '../../server/src/report/csv.js';

const BIN = join(__dirname, '..', '..', 'bin', 'budget-lint.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const SCRIPT_IN_TEXT = join(__dirname, '..', 'fixtures', 'report', 'script-in-text.txt');
const INPUTS = [SEEDS, MORE_DOCS, SCRIPT_IN_TEXT];

interface JsonFile {
  file: string;
  diagnostics: { severity: number; code: string; message: string; range: { start: { line: number; character: number } } }[];
}
// each format is run once over the fixtures (checking them takes a while) and shared by the tests
let jsonRun: JsonFile[] | undefined;
const json = (): JsonFile[] => (jsonRun ??= JSON.parse(run('--format', 'json', ...INPUTS).stdout) as JsonFile[]);
let htmlRun: ReturnType<typeof run> | undefined;
const html = () => (htmlRun ??= run('--format', 'html', ...INPUTS));
const count = (f: JsonFile, s: number) => f.diagnostics.filter((d) => d.severity === s).length;
const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

test('--format html: the summary table gives, file by file and in total, the counts of the JSON output', () => {
  const r = html();
  assert.equal(r.status, 1, r.stderr); // the fixtures hold errors: the exit status is that of the other formats
  const files = json();
  const rows = [...r.stdout.matchAll(/<tr class="file-row" data-file="([^"]*)">(.*?)<\/tr>/g)].map((m) => ({
    file: unescape(m[1]),
    counts: [...m[2].matchAll(/<td class="n[^"]*">(\d+)<\/td>/g)].map((n) => Number(n[1])),
  }));
  assert.deepEqual(
    rows.map((x) => x.file),
    files.map((f) => f.file),
  );
  rows.forEach((row, i) =>
    assert.deepEqual(
      row.counts,
      [1, 2, 3, 4].map((s) => count(files[i], s)),
      row.file,
    ),
  );
  const total = /<tr class="total-row">(.*?)<\/tr>/.exec(r.stdout)![1];
  const totals = [...total.matchAll(/<td class="n">(\d+)<\/td>/g)].map((n) => Number(n[1]));
  assert.deepEqual(
    totals,
    [1, 2, 3, 4].map((s) => files.reduce((n, f) => n + count(f, s), 0)),
  );
  assert.ok(totals[0] > 0 && totals[1] > 0, 'the fixtures have errors and warnings to count');
});

test('--format html is self-contained: no http(s) source or link, Chart.js inlined, the charts drawn from the tables', () => {
  const r = html();
  assert.doesNotMatch(r.stdout, /\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
  assert.match(r.stdout, /Chart\.js v4/);
  const specs = [...r.stdout.matchAll(/<script type="application\/json" class="budget-chart-spec">(.*?)<\/script>/g)].map(
    (m) => JSON.parse(m[1]) as { title: string; labels: string[]; datasets: { values: string[] }[] },
  );
  // the folder's chart: every rule that fired, with its count
  const byRule = specs[0];
  const files = json();
  const rules = new Set(files.flatMap((f) => f.diagnostics.map((d) => d.code)));
  assert.deepEqual(new Set(byRule.labels), rules);
  const sumOf = (rule: string) => byRule.datasets.reduce((n, d) => n + Number(d.values[byRule.labels.indexOf(rule)]), 0);
  for (const rule of rules) assert.equal(sumOf(rule), files.flatMap((f) => f.diagnostics).filter((d) => d.code === rule).length, rule);
  // 04 (上海普陀财政局 2025 budget): its function table prints 201 一般公共服务支出 22,186,440.80 = 16,093,326.00 + 6,093,114.80
  const byClass = specs.find((s) => s.labels.includes('201 一般公共服务支出') && s.datasets[0].values.includes('22186440.8'));
  assert.ok(byClass, 'the 04 function-class chart');
  assert.ok(specs.some((s) => s.labels.join() === '基本支出,项目支出' && s.datasets[0].values.join() === '16093326,6093114.8'));
});

test('--format html escapes the text it takes from documents', () => {
  const r = run('--format', 'html', SCRIPT_IN_TEXT);
  assert.doesNotMatch(r.stdout, /<script>alert/);
  assert.doesNotMatch(r.stdout, /<b onmouseover/);
  assert.match(r.stdout, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  // the finding's figure is marked in its line
  assert.match(r.stdout, /<mark>9\.00<\/mark>/);
  // the only <script> elements are the report's own: Chart.js, the drawing script and the chart data
  const scripts = [...r.stdout.matchAll(/<script(?: [^>]*)?>/g)].map((m) => m[0]);
  assert.ok(
    scripts.every((s) => s === '<script>' || s === '<script type="application/json" class="budget-chart-spec">'),
    scripts.join(),
  );
});

test('--format html --locale en labels the report in English', () => {
  const r = run('--format', 'html', '--locale', 'en', SCRIPT_IN_TEXT);
  assert.match(r.stdout, /<h2>Summary<\/h2>/);
  assert.match(r.stdout, /<th>Errors<\/th>/);
  assert.doesNotMatch(r.stdout, /<th>错误<\/th>/);
});

test('--format csv: UTF-8 with BOM, RFC 4180, one row a finding — the same findings as the JSON output', () => {
  const r = run('--format', 'csv', ...INPUTS);
  assert.equal(r.status, 1, r.stderr);
  assert.ok(r.stdout.startsWith('\uFEFFfile,line,column,'));
  assert.match(r.stdout, /\r\n$/);
  const [header, ...rows] = parseCsv(r.stdout);
  assert.deepEqual(header, [...CSV_COLUMNS]);
  const col = (name: (typeof CSV_COLUMNS)[number]) => header.indexOf(name);
  const fromJson = json().flatMap((f) =>
    f.diagnostics.map((d) =>
      [f.file, String(d.range.start.line + 1), String(d.range.start.character + 1), String(d.severity), d.code, d.message].join('|'),
    ),
  );
  const SEVERITY: Record<string, string> = { error: '1', warning: '2', information: '3', hint: '4' };
  const fromCsv = rows.map((x) =>
    [x[col('file')], x[col('line')], x[col('column')], SEVERITY[x[col('severity')]], x[col('rule')], x[col('message')]].join('|'),
  );
  assert.deepEqual(fromCsv, fromJson);
  // messages with commas and quotes survive the round trip; the sum-mismatch row carries what was found and expected
  assert.ok(rows.some((x) => x[col('message')].includes('，') || x[col('message')].includes(',')));
  const sum = rows.find((x) => x[col('rule')] === 'sum-mismatch' && x[col('file')].includes('script-in-text'))!;
  assert.equal(sum[col('found')], '9');
  assert.equal(sum[col('expected')], '8');
});

test('--format html on worker threads: each worker sends back a digest of its documents, the page is the same as on one', () => {
  const one = run('--format', 'html', '--jobs', '1', SEEDS, SCRIPT_IN_TEXT);
  const two = run('--format', 'html', '--jobs', '2', SEEDS, SCRIPT_IN_TEXT);
  assert.equal(one.status, 1, one.stderr);
  assert.equal(two.status, 1, two.stderr);
  // the kind, the context lines and the composition charts come from the documents: present in both
  assert.match(two.stdout, /<td class="kind">部门预算<\/td>/);
  assert.match(two.stdout, /<pre class="context">/);
  assert.equal(two.stdout, one.stdout);
});
