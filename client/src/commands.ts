// The palette's commands (category 预决算校对 / Budget): check every disclosure in the workspace, explain a subject
// code, restart the server, show its output. Each asks the server (shared/src/commands.ts), which does the work.
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import {
  CHECK_WORKSPACE_COMMAND,
  CHECK_WORKSPACE_REQUEST,
  EXPLAIN_CODE_COMMAND,
  EXPLAIN_CODE_REQUEST,
  RESTART_SERVER_COMMAND,
  SHOW_OUTPUT_COMMAND,
  type CheckWorkspaceParams,
  type CheckWorkspaceResult,
  type ExplainCodeParams,
  type ExplainCodeResult,
} from '../../shared/src/commands.js';
import { CONFIGURATION_SECTION } from '../../shared/src/protocol.js';
import { say } from './locale.js';

/** The explanations shown, as read-only Markdown documents `budget-explain:/CODE.md` (previewed like a hover). */
const EXPLAIN_SCHEME = 'budget-explain';
const PROBLEMS_VIEW = 'workbench.actions.view.problems';

class ExplanationProvider implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, markdown: string): void {
    this.texts.set(uri.toString(), markdown);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient, started: Promise<void>): void {
  const explanations = new ExplanationProvider();
  let runs = 0;

  const checkWorkspace = async (): Promise<void> => {
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
    if (!folders.length) {
      void vscode.window.showWarningMessage(say('请先打开一个文件夹', 'Open a folder first'));
      return;
    }
    await started;
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: say('预决算校对：检查工作区', 'Budget: checking the workspace'),
        cancellable: true,
      },
      async (progress, token) => {
        // the server reports `N/M file` as work-done progress on our token; cancelling cancels the request
        const workDoneToken = `budget-check-workspace-${++runs}`;
        let shown = 0;
        const listening = client.onProgress(WorkDoneProgress.type, workDoneToken, (p) => {
          if (p.kind === 'end') return;
          const percentage = p.percentage ?? shown;
          progress.report({ message: p.message, increment: Math.max(0, percentage - shown) });
          shown = Math.max(shown, percentage);
        });
        try {
          const params: CheckWorkspaceParams = { workDoneToken, folders };
          return await client.sendRequest<CheckWorkspaceResult>(CHECK_WORKSPACE_REQUEST, params, token);
        } finally {
          listening.dispose();
        }
      },
    );
    const seconds = (result.ms / 1000).toFixed(1);
    const unreadable = result.unreadable.length
      ? say(`，${result.unreadable.length} 个文件无法读取`, `; ${result.unreadable.length} could not be read`)
      : '';
    const summary = result.cancelled
      ? say(
          `已取消：检查了 ${result.checked} 份公开文件（共找到 ${result.found} 个文件）`,
          `Cancelled: ${result.checked} disclosure(s) checked (of ${result.found} file(s) found)`,
        )
      : say(
          `已检查 ${result.checked} 份公开文件：${result.errors} 个错误，${result.warnings} 个警告${unreadable}（${seconds} 秒）`,
          `${result.checked} disclosure(s) checked: ${result.errors} error(s), ${result.warnings} warning(s)${unreadable} (${seconds} s)`,
        );
    void vscode.commands.executeCommand(PROBLEMS_VIEW);
    void vscode.window.showInformationMessage(summary);
  };

  const explainCode = async (): Promise<void> => {
    // a code under the cursor is offered as the default
    const editor = vscode.window.activeTextEditor;
    const word = editor && editor.document.getWordRangeAtPosition(editor.selection.active, /\d{3,7}/);
    const code = await vscode.window.showInputBox({
      title: say('解释科目编码', 'Explain a subject code'),
      prompt: say('支出功能分类或经济分类科目编码（3、5 或 7 位）', 'A function or economic classification code (3, 5 or 7 digits)'),
      placeHolder: '2101501',
      value: word ? editor.document.getText(word) : undefined,
      validateInput: (v) => (/^\s*\d{3,7}\s*$/.test(v) ? undefined : say('科目编码是 3 至 7 位数字', 'A subject code is 3 to 7 digits')),
    });
    if (!code) return;
    await started;
    const year = vscode.workspace.getConfiguration(CONFIGURATION_SECTION).get<number | null>('year') ?? undefined;
    const params: ExplainCodeParams = { code: code.trim(), year };
    const answer = await client.sendRequest<ExplainCodeResult>(EXPLAIN_CODE_REQUEST, params);
    if ('error' in answer) {
      void vscode.window.showErrorMessage(answer.error);
      return;
    }
    const uri = vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: `/${code.trim()}.md` });
    explanations.set(uri, answer.markdown);
    // the Markdown preview renders it like a hover; without the built-in Markdown extension, the text itself
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    } catch {
      const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'markdown');
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }
  };

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, explanations),
    vscode.commands.registerCommand(CHECK_WORKSPACE_COMMAND, () =>
      checkWorkspace().catch((e: unknown) => showFailure(say('检查工作区失败', 'Checking the workspace failed'), e)),
    ),
    vscode.commands.registerCommand(EXPLAIN_CODE_COMMAND, () =>
      explainCode().catch((e: unknown) => showFailure(say('无法解释该编码', 'Cannot explain the code'), e)),
    ),
    vscode.commands.registerCommand(RESTART_SERVER_COMMAND, async () => {
      await client.restart();
      void vscode.window.setStatusBarMessage(say('预决算校对：语言服务器已重启', 'Budget: language server restarted'), 3000);
    }),
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => client.outputChannel.show(true)),
  );
}

function showFailure(what: string, e: unknown): void {
  // a cancelled request is the user's choice, not a failure
  if (e instanceof vscode.CancellationError) return;
  void vscode.window.showErrorMessage(`${what}${say('：', ': ')}${String((e as Error)?.message ?? e).split(/\r?\n/)[0]}`);
}
