// The thin VS Code client: starts the language server and tells it which documents to look at; originals.ts
// shows a PDF/Word/Excel/HTML original as the text the server converted. Everything of substance lives in the
// server (server/src), which any LSP editor can use.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  CONFIGURATION_SECTION,
  DETECTION_WINDOW,
  LANGUAGE_ID,
  ORIGINAL_SCHEME,
  SERVER_NAME,
  looksLikeDisclosure,
} from '../../shared/src/protocol.js';
import { registerOriginals } from './originals.js';
import { registerCommands } from './commands.js';
import { registerStatusBar } from './statusBar.js';
import { registerWalkthrough } from './walkthrough.js';
import { registerPreview } from './preview.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // Give plain-text disclosures the budget-disclosure language so the grammar colours them (never Markdown:
  // its own highlighting and preview matter more; the server still checks it). A document the user switches
  // back to plain text stays plain text: changing the language closes and reopens it at once, which is told
  // apart from a later, real reopening by time.
  const optedOut = new Set<string>();
  let lastClosed = { uri: '', at: 0 };
  const adopt = (doc: vscode.TextDocument): void => {
    if (doc.languageId !== 'plaintext' || doc.uri.scheme === ORIGINAL_SCHEME || optedOut.has(doc.uri.toString())) return;
    if (!vscode.workspace.getConfiguration(CONFIGURATION_SECTION, doc).get<boolean>('detectPlainText', true)) return;
    const head = doc.getText(new vscode.Range(new vscode.Position(0, 0), doc.positionAt(DETECTION_WINDOW)));
    if (looksLikeDisclosure(head)) void vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
  };
  context.subscriptions.push(
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.languageId === LANGUAGE_ID) lastClosed = { uri: doc.uri.toString(), at: Date.now() };
    }),
    vscode.workspace.onDidOpenTextDocument((doc) => {
      const uri = doc.uri.toString();
      if (doc.languageId === 'plaintext' && lastClosed.uri === uri && Date.now() - lastClosed.at < 1000) optedOut.add(uri);
      adopt(doc);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${CONFIGURATION_SECTION}.detectPlainText`)) vscode.workspace.textDocuments.forEach(adopt);
    }),
  );
  vscode.workspace.textDocuments.forEach(adopt);

  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const codesWatcher = vscode.workspace.createFileSystemWatcher('**/budget-codes.json');
  const configWatcher = vscode.workspace.createFileSystemWatcher('**/{.budgetlintrc.json,budget-lint.json}');
  context.subscriptions.push(codesWatcher, configWatcher);
  const clientOptions: LanguageClientOptions = {
    // plain text and Markdown too: the server itself decides whether such a document is a disclosure
    documentSelector: [
      { language: LANGUAGE_ID },
      { language: 'plaintext', scheme: 'file' },
      { language: 'markdown', scheme: 'file' },
      { language: 'plaintext', scheme: 'untitled' },
      // the converted text of a PDF/Word/Excel/HTML original (originals.ts)
      { scheme: ORIGINAL_SCHEME },
    ],
    // budget-codes.json (local subject codes) and .budgetlintrc.json / budget-lint.json (the project's settings): the server reads
    // them again when they change
    synchronize: { configurationSection: CONFIGURATION_SECTION, fileEvents: [codesWatcher, configWatcher] },
    initializationOptions: { settings: vscode.workspace.getConfiguration(CONFIGURATION_SECTION) },
  };
  // the id is the settings section, so that budget.trace.server traces the protocol
  client = new LanguageClient(CONFIGURATION_SECTION, SERVER_NAME, serverOptions, clientOptions);
  const started = client.start();
  registerOriginals(context, client, started);
  registerCommands(context, client, started);
  registerStatusBar(context, client);
  registerWalkthrough(context);
  registerPreview(context, client, started);
  await started;
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.stop();
}
