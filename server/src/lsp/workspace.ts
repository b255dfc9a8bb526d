// 「检查工作区中的全部公开文件」: the server reads every disclosure in the workspace folders — closed ones too — checks
// it and publishes its diagnostics, so a reviewer with forty files sees all their problems in one list. Protocol
// plumbing around the same service the editor uses; the files are found as `budget-lint FOLDER` finds them.
import type { CancellationToken, Connection, Diagnostic, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { LanguageService, type OriginalMap } from '../service.js';
// the folder walk of `budget-lint FOLDER` (hidden folders and node_modules skipped, links kept inside): one walk for both faces
import { collectFiles } from '../cli/files.js';
import { isIgnored, type ConfigCache } from '../config.js';
import { message } from '../checks/messages.js';
import { MAX_EDITOR_TEXT_BYTES, MAX_ORIGINAL_BYTES, UnreadableError, fileErrorReason, loadDocument, tooLarge } from '../import/load.js';
import { ORIGINAL_EXTENSIONS, convertedTextUri, looksLikeDisclosure, originalOfConvertedText } from '../../../shared/src/protocol.js';
import { CHECK_WORKSPACE_REQUEST, type CheckWorkspaceParams, type CheckWorkspaceResult } from '../../../shared/src/commands.js';
import type { ServerSettings } from './settings.js';
import { checkedLine, countBySeverity } from './status.js';

export interface WorkspaceCheckDeps {
  connection: Connection;
  /** The editor's service: its open documents are checked live and are not read from disk. */
  service: LanguageService;
  settingsFor(uri: string): ServerSettings;
  roots(): string[];
  configs: ConfigCache;
}

export interface WorkspaceCheck {
  /**
   * An open document was closed. If the workspace check published its file, it is checked again from disk (its
   * problems stay in the list, as they were before it was opened) and true is returned; else the caller clears it.
   */
  closed(uri: string): boolean;
}

const isOriginalName = (path: string): boolean => ORIGINAL_EXTENSIONS.some((ext) => path.toLowerCase().endsWith('.' + ext));
/** A text file named as a disclosure is one whatever its first lines say (the language's own extensions). */
const NAMED_DISCLOSURE = /\.budget\.(txt|md)$/i;

/** URIs told apart by meaning, not spelling: VS Code and Node percent-encode different characters. */
const sameUri = (uri: string): string => {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
};

/** An original's import, kept while the file is unchanged: importing a PDF costs about a second, checking it far less. */
interface Imported {
  mtimeMs: number;
  size: number;
  text: string;
  original?: OriginalMap;
}

type Outcome =
  | { kind: 'checked'; uri: string; diagnostics: Diagnostic[] }
  | { kind: 'not-a-disclosure' }
  | { kind: 'unreadable'; uri: string; reason: string };

/** The local folders among file: URIs (any other is left out: nothing on this machine to read). */
function foldersOf(uris: string[]): string[] {
  const folders: string[] = [];
  for (const uri of uris) {
    try {
      folders.push(fileURLToPath(uri));
    } catch {
      /* not a local folder */
    }
  }
  return folders;
}

export function registerWorkspaceCheck(deps: WorkspaceCheckDeps): WorkspaceCheck {
  const { connection, service } = deps;
  const imports = new Map<string, Imported>();
  /** What the last workspace check published, by URI (as sameUri spells it) → the file it came from. */
  const published = new Map<string, string>();
  let running: { cancelled: boolean } | undefined;

  /** Reads (or takes from the cache) and checks one file; never throws. */
  async function checkFile(path: string): Promise<Outcome> {
    const fileUri = pathToFileURL(path).href;
    const original = isOriginalName(path);
    const locale = deps.settingsFor(fileUri).locale ?? 'zh';
    let imported: Imported;
    try {
      const { mtimeMs, size } = await stat(path);
      const cached = imports.get(path);
      if (cached && cached.mtimeMs === mtimeMs && cached.size === size) imported = cached;
      else {
        // refused before reading, as the editor refuses them: a file of gigabytes is never read whole
        const limit = original ? MAX_ORIGINAL_BYTES : MAX_EDITOR_TEXT_BYTES;
        if (size > limit) throw new UnreadableError(tooLarge(size, limit));
        const loaded = await loadDocument(await readFile(path), basename(path));
        imported = { mtimeMs, size, text: loaded.text, original: original ? { origins: loaded.origins, notes: loaded.notes } : undefined };
        // only originals are worth keeping: a text file is read in milliseconds and may be large
        if (original) imports.set(path, imported);
      }
    } catch (e) {
      const reason = e instanceof UnreadableError ? e.message : fileErrorReason(e, locale);
      return { kind: 'unreadable', uri: fileUri, reason };
    }
    if (!original && !NAMED_DISCLOSURE.test(path) && !(deps.settingsFor(fileUri).detectPlainText && looksLikeDisclosure(imported.text)))
      return { kind: 'not-a-disclosure' };
    // an original's findings are on its converted text, where the editor shows them (with the page)
    const uri = original ? convertedTextUri(fileUri) : fileUri;
    // a scratch service over the editor's catalogue (local codes included): the same checks and placement as an
    // open document, without making the file one
    const scratch = new LanguageService({ catalogue: service.catalogue });
    scratch.setOriginal(uri, imported.original);
    scratch.open(uri, imported.text);
    try {
      // the settings of the file's folder (its .budgetlintrc.json), for an original too, as `budget-lint` applies them
      return { kind: 'checked', uri, diagnostics: scratch.editorDiagnostics(uri, deps.settingsFor(fileUri)) as Diagnostic[] };
    } catch (e) {
      connection.console.error(`checking ${path} failed: ${(e as Error).stack ?? e}`);
      return { kind: 'unreadable', uri: fileUri, reason: String((e as Error).message ?? e).split('\n')[0] };
    }
  }

  function publish(outcome: Outcome, path: string, ms: number): void {
    if (outcome.kind === 'not-a-disclosure') return;
    if (outcome.kind === 'unreadable') {
      const locale = deps.settingsFor(outcome.uri).locale ?? 'zh';
      const text = message(locale, 'cannot-read', { name: basename(path), reason: outcome.reason });
      void connection.sendDiagnostics({
        uri: outcome.uri,
        diagnostics: [
          {
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            severity: 2,
            source: 'budget',
            code: 'import',
            message: text,
          },
        ],
      });
      published.set(sameUri(outcome.uri), path);
      connection.console.warn(`cannot check ${path}: ${outcome.reason}`);
      return;
    }
    void connection.sendDiagnostics({ uri: outcome.uri, diagnostics: outcome.diagnostics });
    published.set(sameUri(outcome.uri), path);
    connection.console.info(checkedLine(outcome.uri, countBySeverity(outcome.diagnostics), ms));
  }

  /** The disclosures of the workspace folders: texts first (they take milliseconds), then originals. */
  function workspaceFiles(folders: string[]): string[] {
    const found = collectFiles(folders).files.filter((f) => !isIgnored(deps.configs.forFile(f), f));
    return [...found.filter((f) => !isOriginalName(f)), ...found.filter(isOriginalName)];
  }

  async function run(params: CheckWorkspaceParams, token: CancellationToken): Promise<CheckWorkspaceResult> {
    const started = performance.now();
    if (running) running.cancelled = true; // a new run replaces one still going
    const me = { cancelled: false };
    running = me;
    const progress: WorkDoneProgressReporter & { token?: CancellationToken } =
      params.workDoneToken !== undefined
        ? connection.window.attachWorkDoneProgress(params.workDoneToken)
        : await connection.window.createWorkDoneProgress();
    const cancelled = () => me.cancelled || token.isCancellationRequested || !!progress.token?.isCancellationRequested;
    const files = workspaceFiles(params.folders?.length ? foldersOf(params.folders) : deps.roots());
    const result: CheckWorkspaceResult = {
      found: files.length,
      checked: 0,
      notDisclosures: 0,
      unreadable: [],
      errors: 0,
      warnings: 0,
      cancelled: false,
      ms: 0,
    };
    progress.begin(message(deps.settingsFor('').locale ?? 'zh', 'workspace-check-title'), 0, `0/${files.length}`, true);
    // the files the editor has open are checked live: their current text counts, not the file on disk
    const open = new Map<string, string>();
    for (const uri of service.uris()) {
      const file = uri.startsWith('file:') ? uri : originalOfConvertedText(uri);
      try {
        if (file) open.set(fileURLToPath(file), uri);
      } catch {
        /* not a local file: nothing on disk it stands for */
      }
    }
    try {
      for (const [i, path] of files.entries()) {
        // between two files: lets the cancellation (and the editor's own requests) through
        await new Promise((resolve) => setImmediate(resolve));
        if (cancelled()) {
          result.cancelled = true;
          break;
        }
        progress.report(Math.round((100 * i) / Math.max(files.length, 1)), `${i + 1}/${files.length} ${basename(path)}`);
        const openUri = open.get(path);
        let diagnostics: readonly { severity?: number }[];
        if (openUri) {
          diagnostics = service.editorDiagnostics(openUri, deps.settingsFor(openUri));
        } else {
          const t = performance.now();
          const outcome = await checkFile(path);
          publish(outcome, path, performance.now() - t);
          if (outcome.kind === 'not-a-disclosure') {
            result.notDisclosures++;
            continue;
          }
          if (outcome.kind === 'unreadable') {
            result.unreadable.push({ uri: outcome.uri, reason: outcome.reason });
            continue;
          }
          diagnostics = outcome.diagnostics;
        }
        result.checked++;
        const counts = countBySeverity(diagnostics);
        result.errors += counts.errors;
        result.warnings += counts.warnings;
      }
    } finally {
      progress.done();
      if (running === me) running = undefined;
    }
    result.ms = Math.round(performance.now() - started);
    connection.console.info(
      `workspace check${result.cancelled ? ' (cancelled)' : ''}: ${result.found} file(s) found, ${result.checked} disclosure(s) checked, ` +
        `${result.notDisclosures} not a disclosure, ${result.unreadable.length} unreadable: ${result.errors} error(s), ${result.warnings} warning(s) in ${result.ms} ms`,
    );
    return result;
  }

  connection.onRequest(CHECK_WORKSPACE_REQUEST, (params: CheckWorkspaceParams | undefined, token: CancellationToken) =>
    run(params ?? {}, token).catch((e: unknown) => {
      connection.console.error(`workspace check failed: ${(e as Error).stack ?? e}`);
      throw e;
    }),
  );

  return {
    closed(uri: string): boolean {
      const path = published.get(sameUri(uri));
      if (!path) return false;
      const t = performance.now();
      void checkFile(path).then((outcome) => {
        // opened again meanwhile: the editor's own check stands
        if (service.has(uri)) return;
        publish(outcome, path, performance.now() - t);
        if (outcome.kind === 'not-a-disclosure') void connection.sendDiagnostics({ uri, diagnostics: [] });
      });
      return true;
    },
  };
}
