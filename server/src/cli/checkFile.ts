// Checking one file for `budget-lint PATH…`: read (or import), analyse, check, and with --fix / --fix-dry-run apply the
// certain quick fixes and check again. The same function runs in the main thread and in every worker (pool.ts), so
// a file's result never depends on how many workers there were; what it returns is plain JSON for that reason.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeText } from '../service.js';
import { fileErrorReason, loadDocument, UnreadableError, type LoadedDocument } from '../import/load.js';
import { checkDocument, type Finding, type SeverityName } from '../checks/index.js';
import type { DisclosureDocument } from '../model/types.js';
import type { Locale } from '../checks/messages.js';
import { digestOf, type DocumentDigest } from '../report/html.js';
import { withOrigins, type FileFindings } from './format.js';
import { ConfigCache, settingsWith } from '../config.js';
import { Catalogue } from '../catalogue/catalogue.js';
import { parseLocalCodes } from '../catalogue/localCodes.js';
import { applyEdits, certainEdits, encodeLike, unifiedDiff, whyNotWritable, type AppliedFix } from './fix.js';

/** What every file of a run is checked with: the command line's choices (plain data, sent to the workers). */
export interface CheckOptions {
  year?: number;
  locale?: 'zh' | 'en';
  rules: Partial<Record<string, SeverityName>>;
  /** The local subject-code file in use (its problems are reported once, by the main thread). */
  codesFile?: string;
  fix?: 'write' | 'dry-run';
  /** `--format html`: make each file's report digest, in the run's language. */
  reportLocale?: Locale;
}

/** A message id of messages.ts with its arguments: printed in the run's locale by the main thread. */
export interface FixRefusal {
  id: string;
  args: Record<string, string>;
}

/** One file's outcome, in the order the run prints it. */
export interface FileOutcome {
  findings: FileFindings;
  /** --fix: the changes made (or, with --fix-dry-run, that would be made). */
  fixes?: AppliedFix[];
  /** --fix-dry-run: the unified diff. */
  diff?: string;
  /** --format html: what the report shows of the document (kind, year, composition, the lines of its findings). */
  digest?: DocumentDigest;
  /** Why --fix left this file as it is (an original, an encoding we cannot write back …). */
  fixRefused?: FixRefusal;
}

/** Reads and, for an original, imports one file; `-` is standard input. Unreadable → UnreadableError (one line). */
export async function readDocument(path: string, stdin?: Buffer): Promise<LoadedDocument & { bytes: Buffer }> {
  let bytes: Buffer;
  try {
    bytes = path === '-' ? (stdin ?? readFileSync(0)) : readFileSync(path);
  } catch (e) {
    throw new UnreadableError(fileErrorReason(e));
  }
  return { ...(await loadDocument(bytes, path === '-' ? '' : basename(path))), bytes };
}

/** The catalogue a run checks against: the bundled one with the local codes (their problems already reported). */
export function runCatalogue(codesFile: string | undefined): Catalogue {
  const cat = Catalogue.load();
  if (codesFile) {
    try {
      cat.setLocal(parseLocalCodes(readFileSync(codesFile, 'utf8'), cat).entries);
    } catch {
      // unreadable: the main thread has said so before any file was checked
    }
  }
  return cat;
}

/** Only text files are rewritten: an original (PDF, Word, Excel, HTML) is the published record and stays as it is. */
const FIXABLE_TEXT = /\.(txt|md)$/i;

export class FileChecker {
  private readonly configs = new ConfigCache();
  private readonly catalogue: Catalogue;

  /** The document the last check analysed (after --fix, the fixed text's): what the HTML report's digest reads. */
  private lastDocument?: DisclosureDocument;

  constructor(private readonly options: CheckOptions) {
    this.catalogue = runCatalogue(options.codesFile);
  }

  async check(file: string, stdin?: Buffer): Promise<FileOutcome> {
    try {
      return await this.checkReadable(file, stdin);
    } catch (e) {
      const reason = e instanceof UnreadableError ? e.message : `internal error: ${(e as Error).message?.split('\n')[0] ?? e}`;
      if (!(e instanceof UnreadableError) && process.env.BUDGET_DEBUG) console.error(e);
      return { findings: { file, diagnostics: [], error: reason } };
    }
  }

  private findingsOf(file: string, text: string, loaded: LoadedDocument): Finding[] {
    const config = this.configs.forFile(file === '-' ? resolve('stdin') : file);
    const o = this.options;
    const doc = analyzeText(text);
    this.lastDocument = doc;
    return checkDocument(
      doc,
      {
        ...settingsWith({}, config, { year: o.year, locale: o.locale, rules: o.rules }),
        catalogue: this.catalogue,
        spacesArePrinted: loaded.format !== 'text',
      },
      file === '-' ? 'stdin:' : pathToFileURL(resolve(file)).href,
    );
  }

  private async checkReadable(file: string, stdin?: Buffer): Promise<FileOutcome> {
    const loaded = await readDocument(file, stdin);
    let diagnostics = this.findingsOf(file, loaded.text, loaded);
    const outcome: FileOutcome = { findings: { file, diagnostics: [] } };
    const fixing = this.options.fix;
    if (fixing) {
      const refused = whyNotFixable(file, loaded, fixing);
      if (refused) outcome.fixRefused = refused;
      else {
        // one round: the fixes certain in the file as written. Fixing again on the fixed text would take the first
        // round's corrections as evidence for the next (tried on a seed: a 合计 of 2,519.99 became 669.26)
        const { text, applied: fixes } = applyEdits(loaded.text, certainEdits(diagnostics));
        outcome.fixes = fixes;
        // --fix-dry-run writes nothing: the findings printed are those of the file as it is
        if (fixing === 'dry-run') outcome.diff = unifiedDiff(loaded.text, text, file, file);
        else if (fixes.length) {
          writeFileSync(file, encodeLike(text, loaded.encoding, loaded.bytes));
          // the findings printed are those of the file as it now is
          loaded.text = text;
          diagnostics = this.findingsOf(file, text, loaded);
        }
      }
    }
    outcome.findings = withOrigins({ file, diagnostics, format: loaded.format, encoding: loaded.encoding, pages: loaded.pages }, loaded);
    // the HTML report's view of the document, made here (in a worker too) as plain data: a document cannot cross
    if (this.options.reportLocale && this.lastDocument)
      outcome.digest = digestOf(this.lastDocument, diagnostics, this.options.reportLocale);
    // what crosses to the main thread is plain JSON (Decimal values as their strings), the same in every mode
    return JSON.parse(JSON.stringify(outcome)) as FileOutcome;
  }
}

function whyNotFixable(file: string, loaded: LoadedDocument, fixing: 'write' | 'dry-run'): FixRefusal | undefined {
  if (loaded.format !== 'text') return { id: 'fix-original', args: { format: loaded.format.toUpperCase() } };
  if (file === '-') return fixing === 'write' ? { id: 'fix-stdin', args: {} } : undefined;
  if (!FIXABLE_TEXT.test(extname(file))) return { id: 'fix-not-text', args: {} };
  if (fixing === 'dry-run') return undefined;
  const id = whyNotWritable(loaded.encoding, loaded.notes.length);
  return id ? { id, args: {} } : undefined;
}
