// The Getting Started walkthrough (package.json contributes.walkthroughs) on the sample disclosure bundled with the
// extension. A copy in the extension's storage is opened, not the file inside the installed extension: the reader
// may edit it (mend the mistake and watch the squiggle go) without changing the extension; each opening starts afresh.
import * as vscode from 'vscode';
import { LANGUAGE_ID, OPEN_SAMPLE_COMMAND, SAMPLE_FILE, SAMPLE_STEP_COMMANDS } from '../../shared/src/protocol.js';

export function registerWalkthrough(context: vscode.ExtensionContext): void {
  const copy = vscode.Uri.joinPath(context.globalStorageUri, SAMPLE_FILE.split('/').pop()!);

  const openSample = async (fresh: boolean): Promise<vscode.TextEditor> => {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === copy.toString());
    if (!open || fresh) {
      await vscode.workspace.fs.createDirectory(context.globalStorageUri);
      await vscode.workspace.fs.copy(vscode.Uri.joinPath(context.extensionUri, SAMPLE_FILE), copy, { overwrite: true });
    }
    const doc = open && !fresh ? open : await vscode.workspace.openTextDocument(copy);
    // set even when budget.detectPlainText is off: the walkthrough is about this document's checks
    const shown = doc.languageId === LANGUAGE_ID ? doc : await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
    return vscode.window.showTextDocument(shown, { preview: false, viewColumn: columnFor(shown) });
  };

  /** The cursor on the sample's first error, once the server has published it (it checks after opening). */
  const goToMistake = async (): Promise<vscode.TextEditor> => {
    const editor = await openSample(false);
    const error = await firstError(editor.document.uri);
    if (error) {
      editor.selection = new vscode.Selection(error.range.start, error.range.start);
      editor.revealRange(error.range, vscode.TextEditorRevealType.InCenter);
    }
    return editor;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_SAMPLE_COMMAND, () => openSample(true)),
    vscode.commands.registerCommand(SAMPLE_STEP_COMMANDS.mistake, async () => {
      await goToMistake();
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    }),
    vscode.commands.registerCommand(SAMPLE_STEP_COMMANDS.hover, async () => {
      await goToMistake();
      await vscode.commands.executeCommand('editor.action.showHover');
    }),
    vscode.commands.registerCommand(SAMPLE_STEP_COMMANDS.outline, async () => {
      await openSample(false);
      await vscode.commands.executeCommand('outline.focus');
    }),
  );
}

/**
 * Where the sample is shown: where it is already visible; beside the walkthrough (or any page that is not a text
 * editor) so the steps stay in view next to it; else in the active group.
 */
function columnFor(doc: vscode.TextDocument): vscode.ViewColumn {
  const visible = vscode.window.visibleTextEditors.find((e) => e.document === doc)?.viewColumn;
  if (visible) return visible;
  const active = vscode.window.tabGroups.activeTabGroup.activeTab;
  return active && !(active.input instanceof vscode.TabInputText) ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
}

function firstError(uri: vscode.Uri, timeoutMs = 5000): Promise<vscode.Diagnostic | undefined> {
  const find = () => vscode.languages.getDiagnostics(uri).find((d) => d.severity === vscode.DiagnosticSeverity.Error);
  const now = find();
  if (now) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = (d: vscode.Diagnostic | undefined) => {
      clearTimeout(timer);
      listener.dispose();
      resolve(d);
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      const d = e.uris.some((u) => u.toString() === uri.toString()) ? find() : undefined;
      if (d) done(d);
    });
    const timer = setTimeout(() => done(undefined), timeoutMs);
  });
}
