// The status bar item of a disclosure: the active document's errors and warnings (`$(error) 2 $(warning) 3`), a
// spinner while the server checks it, a click opens the Problems panel. The server says which documents it checks
// and when (budget/status); the counts are those of the diagnostics the editor shows, so the item and the Problems
// panel never disagree.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../../shared/src/commands.js';
import { LANGUAGE_ID } from '../../shared/src/protocol.js';
import { say } from './locale.js';

const SOURCE = 'budget';

export function registerStatusBar(context: vscode.ExtensionContext, client: LanguageClient): void {
  // on the right, by the language mode: the left already has VS Code's own counts, of the whole workspace
  const item = vscode.window.createStatusBarItem('budget.status', vscode.StatusBarAlignment.Right, 100);
  item.command = 'workbench.actions.view.problems';
  /** Documents the server checks (it has sent a status for them), and those it is checking now. */
  const checked = new Set<string>();
  const checking = new Set<string>();

  const update = (): void => {
    const doc = vscode.window.activeTextEditor?.document;
    const key = doc?.uri.toString();
    if (!doc || !key || (doc.languageId !== LANGUAGE_ID && !checked.has(key))) {
      item.hide();
      return;
    }
    item.name = say('预决算公开校对', 'Budget Disclosure Checker');
    const count = (severity: vscode.DiagnosticSeverity) =>
      vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === SOURCE && d.severity === severity).length;
    const [errors, warnings, hints] = [
      count(vscode.DiagnosticSeverity.Error),
      count(vscode.DiagnosticSeverity.Warning),
      count(vscode.DiagnosticSeverity.Information) + count(vscode.DiagnosticSeverity.Hint),
    ];
    const busy = checking.has(key);
    item.text = `${busy ? '$(sync~spin) ' : ''}$(error) ${errors} $(warning) ${warnings}`;
    const counts = say(
      `本文档：${errors} 个错误，${warnings} 个警告，${hints} 个提示`,
      `This document: ${errors} error(s), ${warnings} warning(s), ${hints} hint(s)`,
    );
    item.tooltip = [
      say('预决算公开校对', 'Budget Disclosure Checker'),
      busy ? say('正在校对…', 'Checking…') : counts,
      say('点击打开“问题”面板', 'Click to open the Problems panel'),
    ].join('\n');
    item.accessibilityInformation = { label: `${item.tooltip}` };
    item.show();
  };

  context.subscriptions.push(
    item,
    client.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => {
      // spelled as the editor spells its URIs
      const key = vscode.Uri.parse(p.uri).toString();
      checked.add(key);
      if (p.checking) checking.add(key);
      else checking.delete(key);
      if (key === vscode.window.activeTextEditor?.document.uri.toString()) update();
    }),
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (e.uris.some((u) => u.toString() === active)) update();
    }),
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      checked.delete(doc.uri.toString());
      checking.delete(doc.uri.toString());
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('budget.locale')) update();
    }),
  );
  update();
}
