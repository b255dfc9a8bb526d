// The preview beside the text (like Markdown's): the document's tables as aligned grids with the findings marked and
// the computed sums beside the totals, then the charts of its composition. The server renders it (request
// budget/preview, the renderer the HTML report uses); this file only keeps a webview in step with the editor: it
// updates after an edit (debounced), scrolls to the cell under the cursor, and a click on a cell moves the cursor there.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LANGUAGE_ID, PREVIEW_REQUEST, SHOW_PREVIEW_COMMAND, type PreviewParams, type PreviewResult } from '../../shared/src/protocol.js';

const UPDATE_DELAY_MS = 300;

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) out += chars[Math.floor(Math.random() * chars.length)];
  return out;
}

// Runs in the webview: replaces the body on update, follows the cursor, reports clicks on cells and titles.
const PAGE_SCRIPT = `
(function () {
  var vscode = acquireVsCodeApi();
  var root = document.getElementById('root');
  function num(el, name) { return Number(el.getAttribute(name)); }
  function at(line, character) {
    var cells = root.querySelectorAll('[data-line][data-character]');
    var best = null;
    for (var i = 0; i < cells.length; i++) {
      var c = cells[i];
      if (num(c, 'data-line') !== line) continue;
      var end = c.hasAttribute('data-end-character') ? num(c, 'data-end-character') : Infinity;
      if (character >= num(c, 'data-character') && character <= end) return c;
      if (!best) best = c;
    }
    if (best) return best;
    var tables = root.querySelectorAll('section.budget-table');
    for (var k = 0; k < tables.length; k++) {
      if (line >= num(tables[k], 'data-start-line') && line <= num(tables[k], 'data-end-line')) return tables[k];
    }
    return null;
  }
  function follow(line, character) {
    var old = root.querySelectorAll('.cursor');
    for (var i = 0; i < old.length; i++) old[i].classList.remove('cursor');
    var el = at(line, character);
    if (!el) return;
    el.classList.add('cursor');
    el.scrollIntoView({ block: 'center', inline: 'nearest' });
  }
  window.addEventListener('message', function (event) {
    var m = event.data;
    if (m.type === 'update') {
      root.innerHTML = m.html;
      if (window.budgetDrawCharts) window.budgetDrawCharts(root);
      if (m.cursor) follow(m.cursor.line, m.cursor.character);
    } else if (m.type === 'cursor') follow(m.line, m.character);
  });
  var initial = (root.getAttribute('data-cursor') || '').split(':');
  if (initial.length === 2) setTimeout(function () { follow(Number(initial[0]), Number(initial[1])); }, 0);
  root.addEventListener('click', function (event) {
    var el = event.target.closest('[data-line]');
    if (!el || el.tagName === 'TR') return;
    vscode.postMessage({ type: 'reveal', line: num(el, 'data-line'), character: el.hasAttribute('data-character') ? num(el, 'data-character') : 0 });
  });
})();
`;

class Preview {
  private timer: NodeJS.Timeout | undefined;
  private shown = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private document: vscode.TextDocument,
    private readonly client: LanguageClient,
    private readonly chartUri: vscode.Uri,
    onDispose: () => void,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.document) this.schedule();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document !== this.document) return;
        const p = e.selections[0].active;
        void panel.webview.postMessage({ type: 'cursor', line: p.line, character: p.character });
      }),
      panel.webview.onDidReceiveMessage((m: { type: string; line: number; character: number }) => {
        if (m.type === 'reveal') void this.reveal(m.line, m.character);
      }),
      panel.onDidDispose(() => {
        clearTimeout(this.timer);
        for (const d of this.disposables) d.dispose();
        onDispose();
      }),
    );
    void this.update();
  }

  /** Shows another document without taking the focus or moving the panel. */
  follow(document: vscode.TextDocument): void {
    if (document === this.document) return;
    this.document = document;
    void this.update();
  }

  show(document: vscode.TextDocument): void {
    if (document !== this.document) {
      this.document = document;
      this.shown = false;
      void this.update();
    }
    this.panel.reveal(vscode.ViewColumn.Beside, true);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), UPDATE_DELAY_MS);
  }

  private cursor(): { line: number; character: number } | undefined {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === this.document);
    const p = editor?.selection.active;
    return p ? { line: p.line, character: p.character } : undefined;
  }

  private async update(): Promise<void> {
    const name = this.document.uri.path.split('/').pop() ?? '';
    this.panel.title = vscode.env.language.startsWith('zh') ? `预览 ${name}` : `Preview ${name}`;
    let result: PreviewResult;
    try {
      result = await this.client.sendRequest<PreviewResult>(PREVIEW_REQUEST, { uri: this.document.uri.toString() } satisfies PreviewParams);
    } catch (e) {
      result = { error: String((e as Error).message ?? e) };
    }
    const html =
      'error' in result ? `<p class="error">${result.error.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}</p>` : result.html;
    if (!this.shown) {
      // the first body goes into the page itself: a message posted before the page's script listens would be lost
      const content = 'error' in result ? { css: '', chartScript: '' } : result;
      this.panel.webview.html = this.page(content.css, content.chartScript, html, this.cursor());
      this.shown = !('error' in result);
      return;
    }
    void this.panel.webview.postMessage({ type: 'update', html, cursor: this.cursor() });
  }

  /** The page around the server's body: a strict CSP, scripts only with this page's nonce, Chart.js from the extension. */
  private page(css: string, chartScript: string, body: string, cursor?: { line: number; character: number }): string {
    const webview = this.panel.webview;
    const n = nonce();
    const csp = [
      "default-src 'none'",
      `img-src ${webview.cspSource} data:`,
      `style-src ${webview.cspSource} 'unsafe-inline'`,
      `script-src 'nonce-${n}'`,
    ].join('; ');
    return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1em; } ${css}</style>
</head><body><div id="root" data-cursor="${cursor ? `${cursor.line}:${cursor.character}` : ''}">${body}</div>
<script nonce="${n}" src="${webview.asWebviewUri(this.chartUri)}"></script>
<script nonce="${n}">${chartScript}</script>
<script nonce="${n}">${PAGE_SCRIPT}</script>
</body></html>`;
  }

  private async reveal(line: number, character: number): Promise<void> {
    const position = new vscode.Position(line, character);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === this.document);
    const editor = await vscode.window.showTextDocument(this.document, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      preserveFocus: false,
    });
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

/** The command 「预览表格」 (budget.showPreview): one preview panel, showing the document of the active editor. */
export function registerPreview(context: vscode.ExtensionContext, client: LanguageClient, started: Promise<void>): void {
  let preview: Preview | undefined;
  const chartUri = vscode.Uri.joinPath(context.extensionUri, 'dist', 'chartjs', 'chart.umd.min.js');
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_PREVIEW_COMMAND, async () => {
      const document = vscode.window.activeTextEditor?.document;
      if (!document) return;
      await started;
      if (preview) return preview.show(document);
      const panel = vscode.window.createWebviewPanel(
        'budgetPreview',
        'Preview',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        {
          enableScripts: true,
          localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'chartjs')],
          retainContextWhenHidden: false,
        },
      );
      preview = new Preview(panel, document, client, chartUri, () => (preview = undefined));
    }),
    // like Markdown's preview, an open preview follows the editor to another disclosure
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (preview && editor?.document.languageId === LANGUAGE_ID) preview.follow(editor.document);
    }),
  );
}
