// The thin VS Code client: starts the language server and tells it which documents to look at.
// Everything of substance lives in the server (server/src), which any LSP editor can use.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CONFIGURATION_SECTION, LANGUAGE_ID, SERVER_NAME, looksLikeDisclosure } from '../../shared/src/protocol.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // plain text and Markdown too: the server itself decides whether such a document is a disclosure
    documentSelector: [
      { language: LANGUAGE_ID },
      { language: 'plaintext', scheme: 'file' },
      { language: 'markdown', scheme: 'file' },
      { language: 'plaintext', scheme: 'untitled' },
    ],
    synchronize: { configurationSection: CONFIGURATION_SECTION, fileEvents: vscode.workspace.createFileSystemWatcher('**/budget-codes.json') },
    initializationOptions: { settings: vscode.workspace.getConfiguration(CONFIGURATION_SECTION) },
  };
  client = new LanguageClient('budgetDisclosure', SERVER_NAME, serverOptions, clientOptions);
  await client.start();

  // Give plain-text disclosures the budget-disclosure language so the grammar colours them.
  const adopt = (doc: vscode.TextDocument): void => {
    if (doc.languageId !== 'plaintext' || !vscode.workspace.getConfiguration(CONFIGURATION_SECTION).get('detectPlainText', true)) return;
    if (looksLikeDisclosure(doc.getText(new vscode.Range(0, 0, 200, 0)))) void vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
  };
  vscode.workspace.textDocuments.forEach(adopt);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(adopt));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
