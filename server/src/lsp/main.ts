// The LSP face of the language service: protocol plumbing only, no domain logic.
// Started by the VS Code client over IPC, or standalone with `node dist/server.js --stdio`.
import {
  createConnection,
  ProposedFeatures,
  TextDocumentSyncKind,
  CodeActionKind,
  type CodeAction,
  type CompletionItem,
  type Hover,
  type DocumentSymbol,
  type InitializeResult,
  type Range,
  type TextDocumentItem,
} from 'vscode-languageserver/node';
import { LanguageService } from '../service.js';
import {
  IMPORT_ORIGINAL_REQUEST,
  PREVIEW_REQUEST,
  type PreviewParams,
  type PreviewResult,
  LANGUAGE_ID,
  convertedTextUri,
  looksLikeDisclosure,
  type ImportOriginalParams,
  type ImportOriginalResult,
} from '../../../shared/src/protocol.js';
import { normalizeSettings, type ServerSettings } from './settings.js';
import { ConfigCache, settingsWith } from '../config.js';
import { message } from '../checks/messages.js';
import { diagnosticDelay } from './schedule.js';
import { SHOW_LOCATION_COMMAND } from '../features/codeActions.js';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { CatalogueEntry } from '../catalogue/catalogue.js';
import { parseLocalCodes } from '../catalogue/localCodes.js';
import { previewContent } from '../report/preview.js';
import { MAX_EDITOR_TEXT_BYTES, MAX_ORIGINAL_BYTES, UnreadableError, fileErrorReason, loadDocument, tooLarge } from '../import/load.js';
import { CheckStatus } from './status.js';
import { registerWorkspaceCheck } from './workspace.js';
import { registerExplainCode } from './explain.js';

const connection = createConnection(ProposedFeatures.all);
// the service owns its catalogue (loaded on first use), to which the workspace's local codes are added
const service = new LanguageService();
const pending = new Map<string, NodeJS.Timeout>();
let settings: ServerSettings = normalizeSettings(undefined);
const configs = new ConfigCache();
const reportedConfigs = new Set<string>();
const status = new CheckStatus(connection);

/**
 * The settings for one document: the editor's, under the .budgetlintrc.json nearest above the document's file
 * (the project's file wins over the editor's settings). Its problems are logged once per file.
 */
function settingsFor(uri: string): ServerSettings {
  if (!uri.startsWith('file:')) return settings;
  let path: string;
  try {
    path = fileURLToPath(uri);
  } catch {
    return settings;
  }
  const config = configs.forFile(path);
  if (!config) return settings;
  if (!reportedConfigs.has(config.path)) {
    reportedConfigs.add(config.path);
    for (const p of config.problems) connection.console.warn(`${config.path}: ${p} (left out)`);
  }
  return { ...settings, ...settingsWith(settings, config) };
}
let canPullConfiguration = false;
/** The client shows LSP 3.17 completion label details (the name beside a code); set at initialize. */
let completionLabelDetails = false;

/** How long the last full check of each document took: the next check waits for a pause at least as long. */
const lastCheckMs = new Map<string, number>();

/** Runs a handler so that no input can take the server down: failures are logged and answered with a fallback. */
function guarded<T>(what: string, fallback: T, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    connection.console.error(`${what} failed: ${(e as Error).stack ?? e}`);
    return fallback;
  }
}

/**
 * Any language id: VS Code sends plaintext or markdown, Neovim `text`, Helix `text` or `markdown`, others their own
 * names — a disclosure is told by its content (and VS Code only sends the languages its client selects).
 */
function accepts(doc: TextDocumentItem): boolean {
  if (doc.languageId === LANGUAGE_ID || service.isOriginal(doc.uri)) return true;
  return settings.detectPlainText && looksLikeDisclosure(doc.text);
}

function scheduleDiagnostics(uri: string): void {
  clearTimeout(pending.get(uri));
  status.scheduled(uri);
  pending.set(
    uri,
    setTimeout(
      () => {
        pending.delete(uri);
        if (!service.has(uri)) return;
        const started = performance.now();
        const diagnostics = guarded('diagnostics', [], () => service.editorDiagnostics(uri, settingsFor(uri)));
        lastCheckMs.set(uri, performance.now() - started);
        status.checked(uri, diagnostics, performance.now() - started);
        void connection.sendDiagnostics({ uri, diagnostics });
      },
      diagnosticDelay(lastCheckMs.get(uri)),
    ),
  );
}

async function refreshSettings(): Promise<void> {
  if (!canPullConfiguration) return;
  try {
    settings = normalizeSettings(await connection.workspace.getConfiguration('budget'));
  } catch {
    /* the client may not answer workspace/configuration: keep the defaults */
  }
}

let workspaceRoots: string[] = [];

/** budget-codes.json at a workspace root: local codes for the catalogue; its problems are shown on the file. */
function reloadLocalCodes(): void {
  const entries: CatalogueEntry[] = [];
  for (const root of workspaceRoots) {
    const file = join(root, 'budget-codes.json');
    if (!existsSync(file)) continue;
    const { entries: found, problems } = parseLocalCodes(readFileSync(file, 'utf8'));
    entries.push(...found);
    void connection.sendDiagnostics({
      uri: pathToFileURL(file).href,
      diagnostics: problems.map((p) => ({
        range: { start: { line: p.line, character: 0 }, end: { line: p.line, character: 200 } },
        severity: 1,
        source: 'budget',
        code: 'local-codes',
        message: p.message,
      })),
    });
  }
  service.catalogue.setLocal(entries);
  service.invalidateChecks();
  for (const uri of service.uris()) scheduleDiagnostics(uri);
}

connection.onInitialize((params): InitializeResult => {
  canPullConfiguration = !!params.capabilities.workspace?.configuration;
  completionLabelDetails = !!params.capabilities.textDocument?.completion?.completionItem?.labelDetailsSupport;
  workspaceRoots = (params.workspaceFolders ?? []).map((f) => fileURLToPath(f.uri));
  if (!workspaceRoots.length && params.rootUri) workspaceRoots = [fileURLToPath(params.rootUri)];
  settings = normalizeSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      documentSymbolProvider: { label: '预决算公开' },
      foldingRangeProvider: true,
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      completionProvider: { triggerCharacters: ['（', '(', '\t', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      // 「转到可能出错的单元格」: carried out here, so that it works in any editor that can show a document
      executeCommandProvider: { commands: [SHOW_LOCATION_COMMAND] },
    },
    serverInfo: { name: 'budget-disclosure-server', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  void refreshSettings();
  // the catalogue is data next to the bundle: say so once if it is missing, instead of silently checking no codes
  guarded('loading the subject-code catalogue', undefined, () => {
    const started = performance.now();
    const entries = service.catalogue.all().length;
    connection.console.info(`subject-code catalogue loaded: ${entries} entries in ${Math.round(performance.now() - started)} ms`);
  });
  guarded('local codes', undefined, reloadLocalCodes);
});

connection.onDidChangeWatchedFiles(() => {
  guarded('local codes', undefined, reloadLocalCodes);
  // a .budgetlintrc.json changed (or budget-codes.json): read the configuration files again and re-check
  configs.clear();
  reportedConfigs.clear();
  for (const uri of service.uris()) scheduleDiagnostics(uri);
});

connection.onDidChangeConfiguration(async (change) => {
  if (canPullConfiguration) await refreshSettings();
  else settings = normalizeSettings((change.settings as { budget?: unknown } | undefined)?.budget);
  for (const uri of service.uris()) scheduleDiagnostics(uri);
});

connection.onDidOpenTextDocument(({ textDocument }) =>
  guarded('open', undefined, () => {
    if (!accepts(textDocument)) return;
    // checked up front: lexing a document is what costs the memory, so one too large is never parsed
    const bytes = Buffer.byteLength(textDocument.text);
    if (bytes > MAX_EDITOR_TEXT_BYTES) {
      const message = `文档过大，未校对 / not checked: ${tooLarge(bytes, MAX_EDITOR_TEXT_BYTES)}`;
      void connection.sendDiagnostics({
        uri: textDocument.uri,
        diagnostics: [
          { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 3, source: 'budget', message },
        ],
      });
      return;
    }
    service.open(textDocument.uri, textDocument.text, textDocument.version);
    scheduleDiagnostics(textDocument.uri);
  }),
);

connection.onDidChangeTextDocument(({ textDocument, contentChanges }) =>
  guarded('change', undefined, () => {
    if (!service.has(textDocument.uri)) return;
    service.update(textDocument.uri, contentChanges, textDocument.version);
    scheduleDiagnostics(textDocument.uri);
  }),
);

connection.onDidCloseTextDocument(({ textDocument }) =>
  guarded('close', undefined, () => {
    if (!service.has(textDocument.uri)) return;
    service.close(textDocument.uri);
    clearTimeout(pending.get(textDocument.uri));
    lastCheckMs.delete(textDocument.uri);
    status.forget(textDocument.uri);
    // a file the workspace check published keeps its problems (checked again from disk); any other is cleared
    if (!workspaceCheck.closed(textDocument.uri)) void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
  }),
);

/** One line for the person who asked: which file, and why it gives no text. */
function cannotRead(name: string, reason: string): { error: string } {
  return { error: message(settings.locale ?? 'zh', 'cannot-read', { name, reason }) };
}

connection.onRequest(IMPORT_ORIGINAL_REQUEST, async ({ uri }: ImportOriginalParams): Promise<ImportOriginalResult> => {
  let path: string;
  try {
    path = fileURLToPath(uri);
  } catch {
    return cannotRead(uri, message(settings.locale ?? 'zh', 'not-a-local-file'));
  }
  const name = basename(path);
  try {
    // refused before reading: a file of gigabytes would be read whole only to be refused
    const { size } = await stat(path);
    if (size > MAX_ORIGINAL_BYTES) return cannotRead(name, tooLarge(size, MAX_ORIGINAL_BYTES));
    const loaded = await loadDocument(await readFile(path), name);
    service.setOriginal(convertedTextUri(uri), { origins: loaded.origins, notes: loaded.notes });
    return { text: loaded.text, notes: loaded.notes };
  } catch (e) {
    if (e instanceof UnreadableError) return cannotRead(name, e.message);
    const code = (e as NodeJS.ErrnoException).code;
    if (code) return cannotRead(name, fileErrorReason(e, settings.locale ?? 'zh'));
    // an importer's bug: the stack goes to the server's log, the person gets one line
    connection.console.error(`importing ${path} failed: ${(e as Error).stack ?? e}`);
    return cannotRead(
      name,
      String((e as Error).message ?? e)
        .split(/\r?\n/)[0]
        .slice(0, 200),
    );
  }
});

const workspaceCheck = registerWorkspaceCheck({ connection, service, settingsFor, roots: () => workspaceRoots, configs });
registerExplainCode(connection, service, () => settings);

connection.onDocumentSymbol(({ textDocument }) =>
  guarded('documentSymbol', [], () => service.documentSymbols(textDocument.uri) as DocumentSymbol[]),
);
connection.onFoldingRanges(({ textDocument }) => guarded('foldingRange', [], () => service.foldingRanges(textDocument.uri)));

connection.onHover(({ textDocument, position }) =>
  guarded('hover', null, () => (service.hover(textDocument.uri, position, settingsFor(textDocument.uri)) as Hover | undefined) ?? null),
);
connection.onDefinition(({ textDocument, position }) =>
  guarded('definition', [], () => service.definition(textDocument.uri, position, settingsFor(textDocument.uri))),
);
connection.onReferences(({ textDocument, position }) => guarded('references', [], () => service.references(textDocument.uri, position)));
connection.onCompletion(({ textDocument, position }) =>
  guarded(
    'completion',
    [],
    () =>
      service
        .completions(textDocument.uri, position, settingsFor(textDocument.uri))
        // a client that does not show label details gets the name from `detail` alone
        .map(({ labelDetails, ...item }) => (completionLabelDetails ? { ...item, labelDetails } : item)) as unknown as CompletionItem[],
  ),
);
connection.onCodeAction(({ textDocument, range }) =>
  guarded('codeAction', [], () => service.codeActions(textDocument.uri, range, settingsFor(textDocument.uri)) as unknown as CodeAction[]),
);

// the preview beside the text (client/src/preview.ts): the document's tables as grids, rendered as the HTML report does
connection.onRequest(PREVIEW_REQUEST, async ({ uri }: PreviewParams): Promise<PreviewResult> =>
  guarded<PreviewResult>('preview', { error: 'preview failed' }, () => {
    const settings = settingsFor(uri);
    const checked = service.checkedDocument(uri, settings);
    if (!checked) return { error: message(settings.locale ?? 'zh', 'preview-no-tables') };
    const findings = service.editorDiagnostics(uri, settings);
    return previewContent(checked.document, findings, checked.computations, settings.locale ?? 'zh');
  }),
);
connection.onExecuteCommand(async ({ command, arguments: args }) => {
  if (command !== SHOW_LOCATION_COMMAND || !args || typeof args[0] !== 'string') return;
  const [uri, selection] = args as [string, Range];
  try {
    await connection.window.showDocument({ uri, selection, takeFocus: true });
  } catch (e) {
    connection.console.error(`showing ${uri} failed: ${(e as Error).message ?? e}`);
  }
});

connection.listen();
