// budget-lint: the command-line face of the language service. No domain logic here.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeText } from '../service.js';
import { documentSymbols, outlineText } from '../features/symbols.js';
import { decode, NotTextError } from './decode.js';
import { formatFindings, type FileFindings, type OutputFormat } from './format.js';
import { checkDocument, type SeverityName } from '../checks/index.js';
import { RULE_IDS, SEVERITY_SETTINGS, isRuleId, isSeveritySetting, type RuleId } from '../../../shared/src/rules.js';
import { explainCode, explanationMarkdown } from '../catalogue/explain.js';
import { parseLocalCodes } from '../catalogue/localCodes.js';
import { catalogue } from '../catalogue/catalogue.js';

const USAGE = `usage:
  budget-lint [--format text|json|sarif] [--year YYYY] [--locale zh|en] [--codes FILE]
              [--rule RULE=error|warning|information|hint|off]... [--max-warnings N] PATH...
                                                                   check files / folders (*.txt, *.md)
  budget-lint outline [--format text|json] FILE                    the document outline
  budget-lint explain [--year YYYY] [--format markdown|json] CODE   what a subject code means`;

class UsageError extends Error {}

interface Options {
  format?: string; year?: number; locale?: 'zh' | 'en'; codes?: string;
  /** --rule id=severity, as the editor's budget.rules setting. */
  rules: Partial<Record<RuleId, SeverityName>>;
  /** --max-warnings N: more warnings than N fail the run (exit 1) as errors do. */
  maxWarnings?: number;
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
      if (!isRuleId(m[1])) throw new UsageError(`--rule: unknown rule ${m[1]} (rules: ${RULE_IDS.join(', ')})`);
      if (!isSeveritySetting(m[2])) throw new UsageError(`--rule ${m[1]}: severity must be one of ${SEVERITY_SETTINGS.join(', ')}`);
      o.rules[m[1]] = m[2];
    } else if (a === '--max-warnings' || a.startsWith('--max-warnings=')) {
      const n = Number(take());
      if (!Number.isInteger(n) || n < 0) throw new UsageError('--max-warnings takes a whole number ≥ 0');
      o.maxWarnings = n;
    } else if (a === '-h' || a === '--help') throw new UsageError('');
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else o.positional.push(a);
  }
  return o;
}

function readDocument(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return decode(bytes).text;
  } catch (e) {
    if (e instanceof NotTextError) throw new UsageError(`cannot read ${path}: ${e.message}`);
    throw e;
  }
}

/** Files named on the command line, and *.txt / *.md below named folders (sorted, hidden folders skipped). */
function collectFiles(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (/\.(txt|md)$/i.test(name) && !/^(README|SOURCES|CHANGELOG)\.md$/i.test(name)) out.push(p);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`cannot read ${p}: no such file or directory`);
    }
    if (st.isDirectory()) walk(p);
    else out.push(p);
  }
  return out;
}

/** Local codes: --codes FILE, or budget-codes.json in the current folder. Problems are reported, never fatal. */
function loadLocalCodes(o: Options): void {
  const file = o.codes ?? (existsSync('budget-codes.json') ? 'budget-codes.json' : undefined);
  if (!file) return;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  const { entries, problems } = parseLocalCodes(text);
  for (const p of problems) process.stderr.write(`${file}:${p.line + 1}:1: error local-codes ${p.message}\n`);
  catalogue().setLocal(entries);
}

function runCheck(o: Options): number {
  if (o.positional.length === 0) throw new UsageError('no PATH given');
  loadLocalCodes(o);
  const format = (o.format ?? 'text') as OutputFormat;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif`);
  const files = collectFiles(o.positional);
  const results: FileFindings[] = [];
  for (const f of files) {
    const text = readDocument(f);
    const doc = analyzeText(text);
    results.push({ file: f, diagnostics: checkDocument(doc, { year: o.year, locale: o.locale, rules: o.rules }, pathToFileURL(resolve(f)).href) });
  }
  process.stdout.write(formatFindings(results, format));
  const errors = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 1).length, 0);
  const warnings = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 2).length, 0);
  const tooManyWarnings = o.maxWarnings !== undefined && warnings > o.maxWarnings;
  if (format === 'text') process.stderr.write(`${files.length} file(s) checked: ${errors} error(s), ${warnings} warning(s)\n`);
  if (tooManyWarnings) process.stderr.write(`${warnings} warning(s), more than --max-warnings ${o.maxWarnings}\n`);
  return errors > 0 || tooManyWarnings ? 1 : 0;
}

function runOutline(o: Options): number {
  if (o.positional.length !== 1) throw new UsageError('outline takes exactly one FILE');
  const format = o.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError('--format must be text or json');
  const doc = analyzeText(readDocument(o.positional[0]));
  if (format === 'json') process.stdout.write(JSON.stringify(documentSymbols(doc.outline), null, 2) + '\n');
  else process.stdout.write(outlineText(doc.outline));
  return 0;
}

function runExplain(o: Options): number {
  if (o.positional.length !== 1) throw new UsageError('explain takes exactly one CODE');
  const format = o.format ?? 'markdown';
  if (format !== 'markdown' && format !== 'json') throw new UsageError('--format must be markdown or json');
  loadLocalCodes(o);
  const code = o.positional[0].trim();
  const x = /^\d{3,7}$/.test(code) ? explainCode(code, o.year) : undefined;
  if (!x) {
    process.stderr.write(`budget-lint: ${code}: not a subject code in the catalogue${o.year ? ` for ${o.year}` : ''}\n`);
    return 1;
  }
  process.stdout.write(format === 'json' ? JSON.stringify(x, null, 2) + '\n' : explanationMarkdown(x) + '\n');
  return 0;
}

export function main(argv: string[]): number {
  try {
    const [first, ...rest] = argv;
    if (first === 'outline') return runOutline(parseArgs(rest));
    if (first === 'explain') return runExplain(parseArgs(rest));
    return runCheck(parseArgs(argv));
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) process.stderr.write(`budget-lint: ${e.message}\n`);
      else process.stdout.write(USAGE + '\n');
      return e.message ? 2 : 0;
    }
    process.stderr.write(`budget-lint: internal error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
