// npm run corpus [DIR] [--json OUT] [--before DIR] [--jobs N] [--timeout SECONDS]
// Measures the importers and the checks on a folder of real published disclosures (by default ../shared/corpus):
// what could be read, what every rule finds, how long each file takes, which standard tables were found and
// actually checked, and which findings nobody has reviewed yet (test/golden/corpus-findings.tsv).
// --before DIR checks a folder of .txt conversions instead (the pdftotext baseline), through the same code.
// The work runs in a pool of worker threads (scripts/corpus/worker.mjs), one a core; a file never stops the run.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { STANDARD_KINDS, standardKind } from './corpus/table-kinds.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GOLDEN = join(ROOT, 'test', 'golden', 'corpus-findings.tsv');
const ORIGINALS = /\.(pdf|html?|xlsx|docx|txt)$/i;
const UNREVIEWED_SHOWN = 30;

// `npm run corpus | head` closes the pipe early: that is the reader's choice, not a failure to report
process.stdout.on('error', (e) => process.exit(e.code === 'EPIPE' ? 0 : 1));

const options = parseArgs(process.argv.slice(2));
const dir = resolve(options.before ?? options.dir ?? join(ROOT, '..', 'shared', 'corpus'));
if (!existsSync(dir) || !statSync(dir).isDirectory()) {
  console.log(`corpus not found at ${dir}, skipping`);
  process.exit(0);
}
const files = listFiles(dir, options.before ? /\.txt$/i : ORIGINALS);
if (files.length === 0) {
  console.log(`no documents in ${dir}, skipping`);
  process.exit(0);
}

const started = performance.now();
const { results, rules } = await runPool(files, options);
const wallMs = performance.now() - started;
results.sort((a, b) => a.file.localeCompare(b.file));
const golden = readGolden(GOLDEN);
const summary = summarise(results, rules, golden);
print(summary, results, { dir, wallMs, jobs: options.jobs, files: files.length });
if (options.json) {
  writeFileSync(
    options.json,
    JSON.stringify(
      {
        corpus: dir,
        mode: options.before ? 'before' : 'originals',
        wallMs: Math.round(wallMs),
        jobs: options.jobs,
        summary,
        files: results.map(rounded),
      },
      null,
      1,
    ) + '\n',
  );
  console.log(`\nwrote ${options.json}`);
}

function parseArgs(args) {
  const o = { jobs: availableParallelism(), timeout: 120 };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      if (i + 1 >= args.length) usage(`${a} needs a value`);
      return args[++i];
    };
    if (a === '--json') o.json = resolve(value());
    else if (a === '--before') o.before = value();
    else if (a === '--jobs') o.jobs = Math.max(1, Number(value()) || 1);
    else if (a === '--timeout') o.timeout = Math.max(1, Number(value()) || 120);
    else if (a === '-h' || a === '--help') usage('');
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else o.dir = a;
  }
  return o;
}

function usage(problem) {
  if (problem) console.error(problem);
  console.error('usage: npm run corpus -- [DIR] [--json OUT] [--before TXT_DIR] [--jobs N] [--timeout SECONDS]');
  process.exit(2);
}

/** Every document under dir (SOURCES.md and other notes are not documents), as [absolute, relative with /]. */
function listFiles(root, pattern) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else if (pattern.test(name)) out.push({ path: p, rel: relative(root, p).split(sep).join('/'), bytes: s.size });
    }
  };
  walk(root);
  return out;
}

/**
 * Runs every file through a pool of workers, largest first so that one big PDF does not finish alone at the end.
 * A worker that dies or takes longer than the timeout is replaced; its file is recorded as an exception.
 */
function runPool(files, { jobs, timeout, before }) {
  const queue = [...files].sort((a, b) => b.bytes - a.bytes);
  const results = [];
  let rules = [];
  const size = Math.min(jobs, files.length);
  return new Promise((resolveAll) => {
    let live = 0;
    const finish = (worker, job, result) => {
      clearTimeout(worker.timer);
      worker.job = undefined;
      results.push(result ?? failed(job, 'exception'));
      next(worker);
    };
    const next = (worker) => {
      const job = queue.shift();
      if (!job) {
        worker.retired = true;
        worker.terminate();
        if (--live === 0) resolveAll({ results, rules });
        return;
      }
      worker.job = job;
      worker.timer = setTimeout(() => {
        worker.retired = true;
        worker.terminate();
        results.push(failed(job, 'exception', `timeout after ${timeout} s`));
        worker.job = undefined;
        live--;
        spawn();
      }, timeout * 1000);
      worker.postMessage({ path: job.path, rel: job.rel, textOnly: Boolean(before) });
    };
    const spawn = () => {
      live++;
      // the worker registers tsx itself (scripts/corpus/worker.mjs says why); inheriting --import tsx would not help
      const worker = new Worker(new URL('./corpus/worker.mjs', import.meta.url), { execArgv: [] });
      worker.on('message', (m) => {
        if (worker.retired) return; // an answer that crossed its timeout: the file is already recorded
        if (m.type === 'ready') {
          worker.ready = true;
          rules = m.rules;
          next(worker);
        } else if (m.type === 'result') finish(worker, worker.job, m.result);
      });
      const died = (reason) => {
        if (worker.retired) return;
        worker.retired = true;
        clearTimeout(worker.timer);
        live--;
        if (!worker.ready) {
          // a worker that cannot even start (a source that no longer compiles) is no file's fault: say so, do not loop
          console.error(`corpus worker failed to start: ${reason}`);
          process.exit(1);
        }
        if (worker.job) results.push(failed(worker.job, 'exception', reason));
        worker.job = undefined;
        if (queue.length > 0) spawn();
        else if (live === 0) resolveAll({ results, rules });
      };
      worker.on('error', (e) => died(`worker crashed: ${String(e?.message ?? e).split('\n')[0]}`));
      worker.on('exit', (code) => died(`worker exited with ${code}`));
    };
    for (let i = 0; i < size; i++) spawn();
  });
}

function failed(job, status, reason = 'unknown failure') {
  return { file: job.rel, format: undefined, bytes: job.bytes, status, reason, ms: {}, findings: [], tables: [] };
}

/** Reviewed findings: `file<TAB>line:col<TAB>rule<TAB>why`, # comments. */
function readGolden(path) {
  const keys = new Set();
  if (!existsSync(path)) return keys;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [file, at, rule] = line.split('\t');
    keys.add(`${file}\t${at}\t${rule}`);
  }
  return keys;
}

function findingKey(file, f) {
  return `${file}\t${f.line}:${f.col}\t${f.rule}`;
}

function summarise(results, ruleIds, golden) {
  const read = results.filter((r) => r.status === 'ok');
  const perRule = new Map(ruleIds.map((id) => [id, { errors: 0, warnings: 0, hints: 0, documents: 0 }]));
  const tables = new Map(STANDARD_KINDS.map((k) => [k, { found: 0, checked: 0, empty: 0 }]));
  const unreviewed = [];
  let reviewed = 0;
  const seen = new Set();
  for (const r of read) {
    const rulesHere = new Set();
    for (const f of r.findings) {
      if (!perRule.has(f.rule)) perRule.set(f.rule, { errors: 0, warnings: 0, hints: 0, documents: 0 });
      const row = perRule.get(f.rule);
      if (f.severity === 1) row.errors++;
      else if (f.severity === 2) row.warnings++;
      else row.hints++;
      if (f.severity > 2) continue;
      rulesHere.add(f.rule);
      const key = findingKey(r.file, f);
      seen.add(key);
      if (golden.has(key)) reviewed++;
      else unreviewed.push({ file: r.file, ...f });
    }
    for (const id of rulesHere) perRule.get(id).documents++;
    // a document counts once per kind: found if it has such a table, checked if any of them had a comparison;
    // an unchecked one that is empty (空表, common for the fund tables) had nothing to check
    const kinds = new Map();
    for (const t of r.tables) {
      const kind = standardKind(t.title);
      if (!kind) continue;
      const k = kinds.get(kind) ?? { checked: false, empty: true };
      kinds.set(kind, { checked: k.checked || t.computations > 0, empty: k.empty && t.empty });
    }
    for (const [kind, k] of kinds) {
      const row = tables.get(kind);
      row.found++;
      if (k.checked) row.checked++;
      else if (k.empty) row.empty++;
    }
  }
  // a reviewed finding of a file in this run that is gone: fixed engine, or a changed import; worth a look
  const files = new Set(read.map((r) => r.file));
  const vanished = [...golden].filter((k) => files.has(k.split('\t')[0]) && !seen.has(k));
  const errors = [...perRule.values()].reduce((s, r) => s + r.errors, 0);
  const warnings = [...perRule.values()].reduce((s, r) => s + r.warnings, 0);
  return {
    files: results.length,
    imported: read.length,
    unreadable: results.filter((r) => r.status === 'unreadable').map((r) => ({ file: r.file, reason: r.reason })),
    exceptions: results.filter((r) => r.status === 'exception').map((r) => ({ file: r.file, reason: r.reason, where: r.where })),
    rules: Object.fromEntries(perRule),
    errors,
    warnings,
    perDocument: read.length ? (errors + warnings) / read.length : 0,
    tables: Object.fromEntries(tables),
    review: { reviewed, unreviewed: unreviewed.length, vanished },
    unreviewed,
  };
}

function print(s, results, run) {
  const formats = count(results.map((r) => extension(r.file)));
  console.log(
    `corpus ${run.dir}: ${run.files} files (${[...formats].map(([f, n]) => `${n} ${f}`).join(', ')}), ${Math.min(run.jobs, run.files)} workers, ${(run.wallMs / 1000).toFixed(1)} s`,
  );
  console.log(`files: ${s.imported} imported, ${s.unreadable.length} unreadable, ${s.exceptions.length} exceptions`);
  // one missing importer makes a hundred files unreadable for the same reason: say the reason once
  for (const [reason, names] of groupBy(s.unreadable, (u) => u.reason)) printFileList(`unreadable (${reason})`, names);
  for (const [reason, names] of groupBy(s.exceptions, (x) => `${x.reason}${x.where ? `  ${x.where}` : ''}`))
    printFileList(`EXCEPTION ${reason}`, names);

  console.log('');
  const ruleRows = Object.entries(s.rules).map(([id, r]) => [id, r.errors, r.warnings, r.hints, r.documents]);
  table(
    ['rule', 'errors', 'warnings', 'hints', 'documents'],
    [...ruleRows, ['total', s.errors, s.warnings, ruleRows.reduce((n, r) => n + r[3], 0), '']],
  );
  console.log(`errors+warnings per document: ${s.perDocument.toFixed(2)} (${s.imported} documents read)`);

  console.log('\nslowest files (ms):');
  const slow = results
    .filter((r) => r.status === 'ok')
    .sort((a, b) => total(b) - total(a))
    .slice(0, 10);
  table(
    ['import', 'analyse', 'check', 'pages', 'file'],
    slow.map((r) => [ms(r.ms.import), ms(r.ms.analyse), ms(r.ms.check), r.pages ?? '', r.file]),
  );

  console.log('\nstandard tables (documents with a table of that title; of those, checked at least once; not checked and empty):');
  table(
    ['table', 'found', 'checked', 'empty'],
    Object.entries(s.tables).map(([k, t]) => [k, t.found, t.checked, t.empty]),
  );

  console.log(
    `\nreview (${relative(ROOT, GOLDEN)}): ${s.review.reviewed} reviewed, ${s.review.unreviewed} unreviewed` +
      (s.review.vanished.length ? `, ${s.review.vanished.length} reviewed but no longer found` : ''),
  );
  if (s.unreviewed.length) {
    console.log(`unreviewed (first ${Math.min(UNREVIEWED_SHOWN, s.unreviewed.length)} of ${s.unreviewed.length}):`);
    for (const f of s.unreviewed.slice(0, UNREVIEWED_SHOWN)) {
      console.log(`  ${f.file}:${f.line}:${f.col}\t${f.rule}\t${f.message.length > 110 ? `${f.message.slice(0, 110)}…` : f.message}`);
    }
  }
  for (const k of s.review.vanished.slice(0, UNREVIEWED_SHOWN)) console.log(`  no longer found: ${k.replace(/\t/g, '  ')}`);
}

/** Columns padded to their widest cell (CJK characters count double, as a terminal shows them). */
function table(header, rows) {
  const width = (v) => [...String(v)].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (cells) =>
    cells
      .map((c, i) => {
        const pad = ' '.repeat(widths[i] - width(c));
        return typeof c === 'number' || (i > 0 && i < cells.length - 1 && /^[\d.]*$/.test(String(c))) ? pad + c : c + pad;
      })
      .join('  ')
      .trimEnd();
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

function total(r) {
  return (r.ms.import ?? 0) + (r.ms.analyse ?? 0) + (r.ms.check ?? 0);
}

function ms(v) {
  return v === undefined ? '' : Math.round(v);
}

function extension(file) {
  return /\.([^.]+)$/.exec(file)?.[1].toLowerCase() ?? '?';
}

function groupBy(items, keyOf) {
  const m = new Map();
  for (const item of items) {
    const k = keyOf(item);
    m.set(k, [...(m.get(k) ?? []), item.file]);
  }
  return m;
}

function printFileList(what, names) {
  const shown = names.length > 12 ? 10 : names.length;
  console.log(`  ${what}: ${names.length} file${names.length === 1 ? '' : 's'}`);
  for (const n of names.slice(0, shown)) console.log(`    ${n}`);
  if (names.length > shown) console.log(`    … and ${names.length - shown} more (all in --json)`);
}

function count(values) {
  const m = new Map();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

/** Whole milliseconds in the JSON (fractions only make two runs' diffs noisier); each table's standard kind. */
function rounded(r) {
  return {
    ...r,
    ms: Object.fromEntries(Object.entries(r.ms).map(([k, v]) => [k, Math.round(v)])),
    tables: r.tables.map((t) => ({ ...t, standard: standardKind(t.title) })),
  };
}
