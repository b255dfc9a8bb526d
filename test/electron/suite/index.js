// Runs inside the VS Code extension host (CommonJS, as VS Code loads it): opens a real disclosure saved as
// plain text and checks what the extension gives it: the outline from the language server and the language mode.
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

/** Polls `probe` until it returns a truthy value or `ms` pass (the server needs a moment to start). */
async function waitFor(probe, ms = 20000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
}

exports.run = async function run() {
  const file = path.join(__dirname, '..', '..', 'fixtures', 'seeds', '000_1f6e6b9090501f01.txt');
  const uri = vscode.Uri.file(file);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);

  const symbols =
    (await waitFor(async () => {
      const s = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri);
      return s && s.length ? s : undefined;
    })) ?? [];
  const names = symbols.map((s) => s.name);
  assert.ok(names.includes('第一部分 部门概况'), `top-level symbols: ${names.join(', ') || '(none)'}`);
  const part4 = symbols.find((s) => s.name === '第四部分 公开报表');
  assert.ok(part4 && part4.children.some((c) => c.name.startsWith('表1 ')), 'table 表1 under 第四部分');

  const language = await waitFor(() => {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    return open && open.languageId === 'budget-disclosure' ? open.languageId : undefined;
  }, 10000);
  assert.equal(language, 'budget-disclosure', 'a plain-text disclosure switches to the budget-disclosure language');
  console.log('test:electron: 3 checks passed');
};
