// budget-lint: the command-line face of the language service. No domain logic here.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeText } from '../service.js';
import { documentSymbols, outlineText } from '../features/symbols.js';
import { UnreadableError, type LoadedDocument } from '../import/load.js';
import { collectFiles } from './files.js';
import { formatFindings, type FileFindings, type OutputFormat } from './format.js';
import { type SeverityName } from '../checks/index.js';
import { message, type Locale } from '../checks/messages.js';
import { readDocument, type FileOutcome } from './checkFile.js';
import { checkFiles, isCheckWorker, serveChecks, workerCount } from './pool.js';
import { progressLine } from './progress.js';
import { formatReport, isReportFormat } from './report.js';
import {
  RULE_IDS,
  RULE_TAGS,
  SEVERITY_SETTINGS,
  isRuleId,
  isRuleTag,
  isSeveritySetting,
  type RuleId,
  type RuleTag,
} from '../../../shared/src/rules.js';
import { explainCode, explanationMarkdown } from '../catalogue/explain.js';
import { parseLocalCodes } from '../catalogue/localCodes.js';
import { ConfigCache, isIgnored } from '../config.js';
import { Catalogue } from '../catalogue/catalogue.js';

const USAGE = `usage:
  budget-lint [--format text|json|sarif|html|csv] [--year YYYY] [--locale zh|en] [--codes FILE]
              [--rule RULE=error|warning|information|hint|off]... [--max-warnings N]
              [--fix | --fix-dry-run] [--jobs N] PATH...|-
                                        check files / folders (.txt .md .pdf .html .docx .xlsx; - reads stdin)
      --fix            write the certain quick fixes into .txt/.md files (never into originals), list them
      --fix-dry-run    print the fixes as a unified diff; change nothing
      --jobs N         check with N worker threads (default: one per core; env BUDGET_LINT_JOBS)
  budget-lint convert FILE [-o OUT]                                a PDF/HTML/DOCX/XLSX as the canonical text
  budget-lint outline [--format text|json] FILE                    the document outline
  budget-lint explain [--year YYYY] [--locale zh|en] [--format markdown|json] CODE   what a subject code means`;

class UsageError extends Error {
  /** Print the usage after the message (a run with nothing to check). */
  withUsage = false;
}

interface Options {
  format?: string;
  year?: number;
  locale?: 'zh' | 'en';
  codes?: string;
  /** --rule id=severity, as the editor's budget.rules setting. */
  rules: Partial<Record<RuleId | RuleTag, SeverityName>>;
  /** --max-warnings N: more warnings than N fail the run (exit 1) as errors do. */
  maxWarnings?: number;
  /** convert -o OUT */
  output?: string;
  /** --fix writes the certain quick fixes; --fix-dry-run prints them as a diff. */
  fix?: 'write' | 'dry-run';
  /** --jobs N: worker threads for a folder (default: one per core). */
  jobs?: number;
  positional: string[];
}

function parseArgs(args: string[]): Options {
  const o: Options = { rules: {}, positional: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const take = (): string => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v === undefined) throw new UsageError(`${a.split('=')[0]} needs a value`);
      return v;
    };
    if (a === '--format' || a.startsWith('--format=')) o.format = take();
    else if (a === '--year' || a.startsWith('--year=')) {
      const y = Number(take());
      if (!Number.isInteger(y) || y < 1990 || y > 2100) throw new UsageError('--year takes a year such as 2024');
      o.year = y;
    } else if (a === '--codes' || a.startsWith('--codes=')) {
      o.codes = take();
    } else if (a === '--locale' || a.startsWith('--locale=')) {
      const l = take();
      if (l !== 'zh' && l !== 'en') throw new UsageError('--locale takes zh or en');
      o.locale = l;
    } else if (a === '--rule' || a.startsWith('--rule=')) {
      const v = take();
      const m = /^([a-z-]+)[=:](\w+)$/.exec(v);
      if (!m) throw new UsageError(`--rule takes RULE=SEVERITY, e.g. --rule rounding=off (got ${v})`);
      if (!isRuleId(m[1]) && !isRuleTag(m[1]))
        throw new UsageError(`--rule: unknown rule or tag ${m[1]} (rules: ${RULE_IDS.join(', ')}; tags: ${RULE_TAGS.join(', ')})`);
      if (!isSeveritySetting(m[2])) throw new UsageError(`--rule ${m[1]}: severity must be one of ${SEVERITY_SETTINGS.join(', ')}`);
      o.rules[m[1]] = m[2];
    } else if (a === '--max-warnings' || a.startsWith('--max-warnings=')) {
      const n = Number(take());
      if (!Number.isInteger(n) || n < 0) throw new UsageError('--max-warnings takes a whole number ≥ 0');
      o.maxWarnings = n;
    } else if (a === '--fix' || a === '--fix-dry-run') {
      const mode = a === '--fix' ? 'write' : 'dry-run';
      if (o.fix && o.fix !== mode) throw new UsageError('--fix and --fix-dry-run exclude each other');
      o.fix = mode;
    } else if (a === '--jobs' || a === '-j' || a.startsWith('--jobs=')) {
      const n = Number(take());
      if (!Number.isInteger(n) || n < 1) throw new UsageError('--jobs takes a whole number ≥ 1');
      o.jobs = n;
    } else if (a === '-o' || a === '--output' || a.startsWith('--output=')) {
      o.output = take();
    } else if (a === '-h' || a === '--help') throw new UsageError('');
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else o.positional.push(a);
  }
  return o;
}

/**
 * Local codes: --codes FILE, or budget-codes.json in the current folder. Problems are reported, never fatal.
 * Returns the file used, so that every worker reads the same.
 */
function loadLocalCodes(o: Options, configs: ConfigCache, cat: Catalogue): string | undefined {
  const file =
    o.codes ?? configs.forFile(join(process.cwd(), 'x'))?.codes ?? (existsSync('budget-codes.json') ? 'budget-codes.json' : undefined);
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  const { entries, problems } = parseLocalCodes(text, cat);
  for (const p of problems) process.stderr.write(`${file}:${p.line + 1}:1: error local-codes ${p.message}\n`);
  cat.setLocal(entries);
  return file;
}

async function runCheck(o: Options): Promise<number> {
  if (o.positional.length === 0) {
    const e = new UsageError('no PATH given');
    e.withUsage = true;
    throw e;
  }
  const configs = new ConfigCache();
  // the local codes are read (and their problems reported) once, here; each worker then loads the same file
  const codesFile = loadLocalCodes(o, configs, Catalogue.load());
  const format = (o.format ?? 'text') as OutputFormat;
  if (!['text', 'json', 'sarif'].includes(format) && !isReportFormat(format))
    throw new UsageError(`--format must be text, json, sarif, html or csv`);
  const report = isReportFormat(format) ? format : undefined;
  // the run's own language: --locale, else the configuration file of the current folder, else Chinese
  const locale: Locale = o.locale ?? configs.forFile(join(process.cwd(), 'x'))?.locale ?? 'zh';
  const { files, skipped, missing } = collectFiles(o.positional.filter((p) => p !== '-'));
  if (o.positional.includes('-')) files.unshift('-');
  for (const s of skipped) process.stderr.write(`budget-lint: skipped ${s.path}: ${s.reason}\n`);
  // .budgetlintrc.json: the nearest above each file (the current folder for standard input); its problems are
  // reported once; its ignore list applies to files found in folders, never to a file named on the command line
  const named = new Set(o.positional);
  const reported = new Set<string>();
  const toCheck = files.filter((f) => {
    const config = configs.forFile(f === '-' ? join(process.cwd(), 'stdin') : f);
    if (config && !reported.has(config.path)) {
      reported.add(config.path);
      for (const p of config.problems) process.stderr.write(`budget-lint: ${config.path}: ${p} (left out)\n`);
    }
    return f === '-' || named.has(f) || !isIgnored(config, f);
  });
  // one file that cannot be read or checked never costs the others their results: it is reported, the run
  // goes on, and the exit status says so at the end
  const progress = progressLine(process.stderr, toCheck.length);
  const outcomes: FileOutcome[] = await checkFiles(
    toCheck,
    {
      year: o.year,
      locale: o.locale,
      rules: o.rules,
      codesFile: codesFile && resolve(codesFile),
      fix: o.fix,
      // the HTML report shows each file's kind, composition and the lines of its findings: each worker makes that
      // digest of the document it analysed (a document cannot cross threads; plain data can)
      ...(report === 'html' ? { reportLocale: locale } : {}),
    },
    workerCount(toCheck.length, o.jobs),
    __filename,
    progress.update,
    toCheck.includes('-') ? readFileSync(0) : undefined,
  );
  progress.clear();
  const results: FileFindings[] = [
    ...missing.map((m) => ({ file: m.path, diagnostics: [], error: m.reason })),
    ...outcomes.map((x) => x.findings),
  ];
  if (o.fix) reportFixes(outcomes, o.fix, format, locale);
  const digests = new Map(outcomes.map((x) => [x.findings.file, x.digest]));
  process.stdout.write(
    report ? formatReport(results, report, { locale, digestOf: (f) => digests.get(f) }) : formatFindings(results, format),
  );
  const failed = results.filter((r) => r.error);
  for (const r of failed) process.stderr.write(`budget-lint: cannot check ${r.file}: ${r.error}\n`);
  const count = (severities: number[]) =>
    results.reduce((n, r) => n + r.diagnostics.filter((d) => severities.includes(d.severity)).length, 0);
  const errors = count([1]);
  const warnings = count([2]);
  const tooManyWarnings = o.maxWarnings !== undefined && warnings > o.maxWarnings;
  if (format === 'text' && results.length > failed.length) {
    const unread = failed.length ? message(locale, 'cli-unchecked', { count: String(failed.length) }) : '';
    const summary = {
      files: String(results.length - failed.length),
      errors: String(errors),
      warnings: String(warnings),
      hints: String(count([3, 4])),
    };
    process.stderr.write(`${message(locale, 'cli-summary', summary)}${unread}\n`);
  }
  if (tooManyWarnings)
    process.stderr.write(`${message(locale, 'cli-too-many-warnings', { warnings: String(warnings), max: String(o.maxWarnings) })}\n`);
  if (failed.length) return 2;
  return errors > 0 || tooManyWarnings ? 1 : 0;
}

/**
 * What --fix changed (`FILE:LINE: old → new`) or --fix-dry-run would change (a unified diff), file by file in the
 * run's order: on standard output beside text findings, on standard error when standard output is JSON or SARIF.
 */
function reportFixes(outcomes: FileOutcome[], mode: 'write' | 'dry-run', format: OutputFormat, locale: Locale): void {
  const out = format === 'text' ? process.stdout : process.stderr;
  let fixes = 0;
  let files = 0;
  for (const x of outcomes) {
    const file = x.findings.file;
    if (x.fixRefused) {
      const reason = message(locale, x.fixRefused.id, x.fixRefused.args);
      process.stderr.write(`budget-lint: ${message(locale, 'cli-fix-refused', { file, reason })}\n`);
      continue;
    }
    if (!x.fixes?.length) continue;
    fixes += x.fixes.length;
    files++;
    if (mode === 'dry-run') out.write(x.diff ?? '');
    else for (const f of x.fixes) out.write(`${file}:${f.line + 1}: ${f.old} → ${f.new}\n`);
  }
  const summary = { fixes: String(fixes), files: String(files) };
  process.stderr.write(`${message(locale, mode === 'write' ? 'cli-fixed' : 'cli-would-fix', summary)}\n`);
}

async function runConvert(o: Options): Promise<number> {
  if (o.positional.length !== 1) throw new UsageError('convert takes exactly one FILE');
  const loaded = await readOrExplain(o.positional[0]);
  for (const n of loaded.notes)
    process.stderr.write(`${o.positional[0]}${n.line !== undefined ? `:${n.line + 1}` : ''}: note: ${n.message}\n`);
  if (o.output) writeFileSync(o.output, loaded.text.endsWith('\n') ? loaded.text : loaded.text + '\n');
  else process.stdout.write(loaded.text.endsWith('\n') ? loaded.text : loaded.text + '\n');
  return 0;
}

/** For the one-file commands: an unreadable file is a usage-level failure with its reason (exit 2). */
async function readOrExplain(path: string): Promise<LoadedDocument> {
  try {
    return await readDocument(path);
  } catch (e) {
    if (e instanceof UnreadableError) throw new UsageError(`cannot read ${path}: ${e.message}`);
    throw e;
  }
}

async function runOutline(o: Options): Promise<number> {
  if (o.positional.length !== 1) throw new UsageError('outline takes exactly one FILE');
  const format = o.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError('--format must be text or json');
  const doc = analyzeText((await readOrExplain(o.positional[0])).text);
  if (format === 'json') process.stdout.write(JSON.stringify(documentSymbols(doc.outline), null, 2) + '\n');
  else process.stdout.write(outlineText(doc.outline));
  return 0;
}

function runExplain(o: Options): number {
  if (o.positional.length !== 1) throw new UsageError('explain takes exactly one CODE');
  const format = o.format ?? 'markdown';
  if (format !== 'markdown' && format !== 'json') throw new UsageError('--format must be markdown or json');
  const cat = Catalogue.load();
  loadLocalCodes(o, new ConfigCache(), cat);
  const code = o.positional[0].trim();
  const x = /^\d{3,7}$/.test(code) ? explainCode(code, o.year, cat) : undefined;
  if (!x) {
    process.stderr.write(`budget-lint: ${code}: not a subject code in the catalogue${o.year ? ` for ${o.year}` : ''}\n`);
    return 1;
  }
  process.stdout.write(format === 'json' ? JSON.stringify(x, null, 2) + '\n' : explanationMarkdown(x, o.locale ?? 'zh') + '\n');
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === 'outline') return await runOutline(parseArgs(rest));
    if (first === 'explain') return runExplain(parseArgs(rest));
    if (first === 'convert') return await runConvert(parseArgs(rest));
    return await runCheck(parseArgs(argv));
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) process.stderr.write(`budget-lint: ${e.message}\n${e.withUsage ? USAGE + '\n' : ''}`);
      else process.stdout.write(USAGE + '\n');
      return e.message ? 2 : 0;
    }
    process.stderr.write(`budget-lint: internal error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
}

// the same bundle is the worker of a folder check (pool.ts): run as one, it serves checks instead of a command line
if (isCheckWorker()) serveChecks();
else
  void main(process.argv.slice(2)).then((status) => {
    process.exitCode = status;
  });
