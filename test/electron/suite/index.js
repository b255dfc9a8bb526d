// Runs inside the VS Code extension host (CommonJS, as VS Code loads it).
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

async function symbolsOf(uri) {
  for (let i = 0; i < 40; i++) {
    const symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri);
    if (symbols && symbols.length) return symbols;
    await new Promise((r) => setTimeout(r, 250));
  }
  return [];
}

exports.run = async function run() {
  const file = path.join(__dirname, '..', '..', 'fixtures', 'seeds', '000_1f6e6b9090501f01.txt');
  const uri = vscode.Uri.file(file);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  const symbols = await symbolsOf(uri);
  const names = symbols.map((s) => s.name);
  assert.ok(names.includes('第一部分 部门概况'), `top-level symbols: ${names.join(', ')}`);
  const part4 = symbols.find((s) => s.name === '第四部分 公开报表');
  assert.ok(part4 && part4.children.some((c) => c.name.startsWith('表1 ')), 'table 表1 under 第四部分');
  assert.equal(doc.languageId, 'budget-disclosure', 'a plain-text disclosure switches to the budget-disclosure language');
  console.log('1 passed, 0 failed');
};
