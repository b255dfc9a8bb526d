// One corpus worker: reads a file, imports it (or decodes it as text), analyses and checks it, and answers with
// plain data (timings, findings, which tables the checks actually compared figures in). Never throws for a file.
import { parentPort } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

// Node 20 does not carry `--import tsx` hooks into worker threads, so the worker registers tsx itself: the ESM
// hooks for the importers' dynamic `import('./pdf.js')`, the CommonJS hook for the sources (the package is CJS).
(await import('tsx/esm/api')).register();
(await import('tsx/cjs/api')).register();
const require = createRequire(import.meta.url);
const { analyzeText } = require('../../server/src/service.ts');
const { checkDocument } = require('../../server/src/checks/index.ts');
// the import layer may be absent (an older checkout measured with --before): text files are still read then
const { importOriginal, sniffFormat, ImportError } = loadImportLayer();
const { decode, NotTextError } = loadTextDecoder();
const { RULE_IDS } = require('../../shared/src/rules.ts');

// Libraries (pdf.js above all) print warnings; they would break up the report, so they are kept per file instead.
let consoleLines = [];
for (const name of ['log', 'info', 'warn', 'error', 'debug']) {
  console[name] = (...args) => {
    consoleLines.push(args.map(String).join(' ').split('\n')[0]);
  };
}

await warmUp();
parentPort.postMessage({ type: 'ready', rules: [...RULE_IDS] });
parentPort.on('message', async (job) => {
  consoleLines = [];
  const result = await measure(job);
  result.console = { count: consoleLines.length, first: consoleLines.slice(0, 3) };
  parentPort.postMessage({ type: 'result', result });
});

/** Text decoding moved from the CLI into the import layer; an older checkout (the baseline) has it in cli/. */
function loadTextDecoder() {
  try {
    return require('../../server/src/import/text.ts');
  } catch {
    return require('../../server/src/cli/decode.ts');
  }
}

function loadImportLayer() {
  try {
    return require('../../server/src/import/index.ts');
  } catch (e) {
    const reason = `no import layer: ${String(e?.message ?? e).split('\n')[0]}`;
    class ImportError extends Error {}
    return {
      ImportError,
      // without it, only the extension can tell an original from a text file
      sniffFormat: (_bytes, name) => (/\.(pdf|html?|docx|xlsx)$/i.test(name) ? 'original' : undefined),
      importOriginal: async () => {
        throw new ImportError(reason);
      },
    };
  }
}

/** The first file a worker reads must not pay for loading the importers and the subject catalogues. */
async function warmUp() {
  for (const format of ['pdf', 'html', 'docx', 'xlsx']) {
    // garbage in, an ImportError out: only the loading mattered; an importer that hangs on it must not stop us
    const attempt = importOriginal(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]), format).catch(() => undefined);
    await Promise.race([attempt, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  }
  const sample =
    '2024年某部门预算\n\n表5 一般公共预算支出表\n单位：万元\n科目编码\t科目名称\t合计\n合计\t\t1.00\n201\t一般公共服务支出\t1.00\n';
  checkDocument(analyzeText(sample), {}, 'warmup');
}

async function measure({ path, rel, textOnly }) {
  const out = { file: rel, format: undefined, bytes: 0, pages: undefined, status: 'ok', ms: {}, findings: [], tables: [] };
  try {
    const bytes = readFileSync(path);
    out.bytes = bytes.length;
    let t = performance.now();
    const format = textOnly ? undefined : sniffFormat(bytes, path);
    out.format = format ?? 'text';
    let text, origins;
    if (format) {
      const imported = await importOriginal(bytes, format);
      ({ text, origins } = imported);
      out.pages = imported.pages;
      out.problems = imported.problems.length;
    } else {
      text = decode(bytes).text;
    }
    out.ms.import = performance.now() - t;
    out.lines = text.split('\n').length;

    t = performance.now();
    const doc = analyzeText(text);
    out.ms.analyse = performance.now() - t;
    const computations = [];
    t = performance.now();
    const findings = checkDocument(doc, { spacesArePrinted: !!format }, rel, (c) => computations.push(c));
    out.ms.check = performance.now() - t;

    out.findings = findings.map((f) => ({
      rule: f.code,
      severity: f.severity,
      line: f.range.start.line + 1,
      col: f.range.start.character + 1,
      page: origins?.[f.range.start.line]?.page,
      message: f.message,
    }));
    const counts = computationsPerTable(doc.tables, computations);
    out.tables = doc.tables.map((table, i) => ({
      index: table.index,
      number: table.number,
      title: table.title,
      kind: table.kind,
      empty: table.empty,
      line: table.range.start.line + 1,
      computations: counts[i],
    }));
  } catch (e) {
    // a .txt that is binary is unreadable as the CLI says (exit 2), not a crash of ours
    out.status = e instanceof ImportError || e instanceof NotTextError ? 'unreadable' : 'exception';
    out.reason = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    if (out.status === 'exception' && e instanceof Error && e.stack)
      out.where = e.stack
        .split('\n')
        .find((l) => /server\/src|shared\/src/.test(l))
        ?.trim();
  }
  return out;
}

/**
 * How many comparisons were made in each table. A comparison is in a table when the figure it checks sits in it;
 * the parts count too (a cross-table comparison checks both tables), except for the narrative rules, whose parts
 * are table cells the prose quotes: quoting a table does not check it.
 */
function computationsPerTable(tables, computations) {
  const counts = tables.map(() => 0);
  const tableAt = (line) => tables.findIndex((t) => t.range.start.line <= line && line <= t.range.end.line);
  for (const c of computations) {
    const hit = new Set([tableAt(c.range.start.line)]);
    if (!c.rule.startsWith('text-') && c.rule !== 'percent-mismatch')
      for (const p of c.parts) if (p.range) hit.add(tableAt(p.range.start.line));
    for (const i of hit) if (i >= 0) counts[i]++;
  }
  return counts;
}
