// budget-lint: the command-line face of the language service. No domain logic here.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeText } from '../service.js';
import { documentSymbols, outlineText } from '../features/symbols.js';
import { fileErrorReason, loadDocument, UnreadableError, type LoadedDocument } from '../import/load.js';
import { collectFiles } from './files.js';
import { formatFindings, withOrigins, type FileFindings, type OutputFormat } from './format.js';
import { formatReport, isReportFormat } from './report.js';
import type { DisclosureDocument } from '../model/types.js';
import { checkDocument, type SeverityName } from '../checks/index.js';
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
import { ConfigCache, isIgnored, settingsWith } from '../config.js';
import { Catalogue } from '../catalogue/catalogue.js';

const USAGE = `usage:
  budget-lint [--format text|json|sarif|html|csv] [--year YYYY] [--locale zh|en] [--codes FILE]
              [--rule RULE=error|warning|information|hint|off]... [--max-warnings N] PATH...|-
                                        check files / folders (.txt .md .pdf .html .docx .xlsx; - reads stdin)
  budget-lint convert FILE [-o OUT]                                a PDF/HTML/DOCX/XLSX as the canonical text
  budget-lint outline [--format text|json] FILE                    the document outline
  budget-lint explain [--year YYYY] [--format markdown|json] CODE   what a subject code means`;

class UsageError extends Error {}

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
    } else if (a === '-o' || a === '--output' || a.startsWith('--output=')) {
      o.output = take();
    } else if (a === '-h' || a === '--help') throw new UsageError('');
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else o.positional.push(a);
  }
  return o;
}

/** Reads and, for an original, imports one file; `-` is standard input. Unreadable → UnreadableError (one line). */
async function readDocument(path: string): Promise<LoadedDocument> {
  let bytes: Buffer;
  try {
    bytes = path === '-' ? readFileSync(0) : readFileSync(path);
  } catch (e) {
    throw new UnreadableError(fileErrorReason(e));
  }
  return loadDocument(bytes, path === '-' ? '' : basename(path));
}

/** Local codes: --codes FILE, or budget-codes.json in the current folder. Problems are reported, never fatal. */
function loadLocalCodes(o: Options, configs: ConfigCache, cat: Catalogue): void {
  const file =
    o.codes ?? configs.forFile(join(process.cwd(), 'x'))?.codes ?? (existsSync('budget-codes.json') ? 'budget-codes.json' : undefined);
  if (!file) return;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  const { entries, problems } = parseLocalCodes(text, cat);
  for (const p of problems) process.stderr.write(`${file}:${p.line + 1}:1: error local-codes ${p.message}\n`);
  cat.setLocal(entries);
}

async function runCheck(o: Options): Promise<number> {
  if (o.positional.length === 0) throw new UsageError('no PATH given');
  const configs = new ConfigCache();
  // this run's own catalogue, with the local codes added: given to every check, never a shared module state
  const cat = Catalogue.load();
  loadLocalCodes(o, configs, cat);
  const format = (o.format ?? 'text') as OutputFormat;
  if (!['text', 'json', 'sarif'].includes(format) && !isReportFormat(format))
    throw new UsageError(`--format must be text, json, sarif, html or csv`);
  // the HTML report shows each file's lines, tables and composition: the analysed documents are kept for it
  const documents = new Map<string, DisclosureDocument>();
  const { files, skipped, missing } = collectFiles(o.positional.filter((p) => p !== '-'));
  if (o.positional.includes('-')) files.unshift('-');
  for (const s of skipped) process.stderr.write(`budget-lint: skipped ${s.path}: ${s.reason}\n`);
  const results: FileFindings[] = missing.map((m) => ({ file: m.path, diagnostics: [], error: m.reason }));
  // one file that cannot be read or checked never costs the others their results: it is reported, the run
  // goes on, and the exit status says so at the end
  const named = new Set(o.positional);
  const reported = new Set<string>();
  for (const f of files) {
    // .budgetlintrc.json: the nearest above the file (the current folder for standard input); its ignore list
    // applies to files found in folders, never to a file named on the command line
    const config = configs.forFile(f === '-' ? join(process.cwd(), 'stdin') : f);
    if (config && !reported.has(config.path)) {
      reported.add(config.path);
      for (const p of config.problems) process.stderr.write(`budget-lint: ${config.path}: ${p} (left out)\n`);
    }
    if (f !== '-' && !named.has(f) && isIgnored(config, f)) continue;
    try {
      const loaded = await readDocument(f);
      const doc = analyzeText(loaded.text);
      if (isReportFormat(format)) documents.set(f, doc);
      const uri = f === '-' ? 'stdin:' : pathToFileURL(resolve(f)).href;
      const diagnostics = checkDocument(
        doc,
        {
          ...settingsWith({}, config, { year: o.year, locale: o.locale, rules: o.rules }),
          catalogue: cat,
          spacesArePrinted: loaded.format !== 'text',
        },
        uri,
      );
      results.push(withOrigins({ file: f, diagnostics, format: loaded.format, encoding: loaded.encoding, pages: loaded.pages }, loaded));
    } catch (e) {
      const reason = e instanceof UnreadableError ? e.message : `internal error: ${(e as Error).message?.split('\n')[0] ?? e}`;
      if (!(e instanceof UnreadableError) && process.env.BUDGET_DEBUG) console.error(e);
      results.push({ file: f, diagnostics: [], error: reason });
    }
  }
  process.stdout.write(
    isReportFormat(format)
      ? formatReport(results, format, { locale: o.locale, documentOf: (f) => documents.get(f) })
      : formatFindings(results, format),
  );
  const failed = results.filter((r) => r.error);
  for (const r of failed) process.stderr.write(`budget-lint: cannot check ${r.file}: ${r.error}\n`);
  const errors = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 1).length, 0);
  const warnings = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 2).length, 0);
  const tooManyWarnings = o.maxWarnings !== undefined && warnings > o.maxWarnings;
  if (format === 'text' && results.length > failed.length) {
    const unread = failed.length ? `; ${failed.length} file(s) could not be checked` : '';
    process.stderr.write(`${results.length - failed.length} file(s) checked: ${errors} error(s), ${warnings} warning(s)${unread}\n`);
  }
  if (tooManyWarnings) process.stderr.write(`${warnings} warning(s), more than --max-warnings ${o.maxWarnings}\n`);
  if (failed.length) return 2;
  return errors > 0 || tooManyWarnings ? 1 : 0;
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
  process.stdout.write(format === 'json' ? JSON.stringify(x, null, 2) + '\n' : explanationMarkdown(x) + '\n');
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
      if (e.message) process.stderr.write(`budget-lint: ${e.message}\n`);
      else process.stdout.write(USAGE + '\n');
      return e.message ? 2 : 0;
    }
    process.stderr.write(`budget-lint: internal error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
}

void main(process.argv.slice(2)).then((status) => {
  process.exitCode = status;
});
