// Over the wire: directives silence published diagnostics, the code actions carry the silencing edits and the
// not-preferred total fix, and 「转到可能出错的单元格」 is a server command that asks the client to show the cell.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestClient } from '../helpers/lsp-client.js';
import { ONE_WRONG_CELL, readSeed, seedFiles } from '../helpers/fixtures.js';

let client: TestClient;
before(async () => {
  client = await startServer();
});
after(async () => {
  await client.stop();
});

interface Action {
  title: string;
  isPreferred?: boolean;
  edit?: { changes: Record<string, { newText: string }[]> };
  command?: { command: string; arguments: unknown[] };
}

const open = async (uri: string, text: string) => {
  const published = client.waitForDiagnostics(uri);
  await client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'budget-disclosure', version: 1, text },
  });
  return (await published).diagnostics;
};

test('a directive silences the published diagnostic; the silencing actions come with every finding', async () => {
  const lines = ONE_WRONG_CELL.split('\n');
  const silenced = [...lines.slice(0, 4), '// budget-lint-disable-next-line sum-mismatch', ...lines.slice(4)].join('\n');
  assert.deepEqual(await open('file:///lsp-silenced.txt', silenced), []);
  const uri = 'file:///lsp-plain.budget.md';
  const [d] = await open(uri, ONE_WRONG_CELL);
  assert.equal(d.code, 'sum-mismatch');
  const actions = await client.connection.sendRequest<Action[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: d.range,
    context: { diagnostics: [d] },
  });
  assert.deepEqual(
    actions.map((a) => [a.title, a.edit?.changes[uri][0].newText]),
    [
      ['改为 8.00', '8.00'],
      ['忽略此处的该规则（sum-mismatch）', '<!-- budget-lint-disable-next-line sum-mismatch -->\n'],
      ['在本文件中关闭该规则（sum-mismatch）', '<!-- budget-lint-disable sum-mismatch -->\n'],
    ],
  );
});

test('004:138: the total fix is not preferred, and going to the culprit asks the client to show item 1', async () => {
  assert.ok(
    (client.initializeResult.capabilities.executeCommandProvider as { commands: string[] }).commands.includes('budget.showLocation'),
  );
  const uri = 'file:///lsp-004.txt';
  const diagnostics = await open(uri, readSeed(seedFiles().find((f) => f.startsWith('004_'))!));
  const d = diagnostics.find((x) => x.range.start.line === 137 && x.code === 'sum-mismatch')!;
  const actions = await client.connection.sendRequest<Action[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: d.range,
    context: { diagnostics: [d] },
  });
  assert.equal(actions.find((a) => a.title === '改为 1213.62')?.isPreferred, false);
  const go = actions.find((a) => a.command)!;
  assert.equal(go.title, '转到可能出错的单元格「1. 一般公共服务支出」');
  const shown = new Promise<{ uri: string; selection: { start: { line: number; character: number } }; takeFocus: boolean }>((resolve) =>
    client.connection.onRequest('window/showDocument', (params) => {
      resolve(params);
      return { success: true };
    }),
  );
  await client.connection.sendRequest('workspace/executeCommand', { command: go.command!.command, arguments: go.command!.arguments });
  const params = await shown;
  assert.equal(params.uri, uri);
  assert.deepEqual(params.selection.start, { line: 114, character: 33 });
  assert.equal(params.takeFocus, true);
});
