// Other LSP editors send their own language ids (Neovim `text`, Helix `text` or `markdown`): the server checks a
// document by its content whatever its id, as the README promises; and tells the client, for each document it
// checks, that it is checking and then its finding counts (budget/status, the status bar's source).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestClient } from '../helpers/lsp-client.js';
import { readSeed } from '../helpers/fixtures.js';
import { STATUS_NOTIFICATION, type StatusParams } from '../../shared/src/commands.js';

let client: TestClient;
const statuses: StatusParams[] = [];
before(async () => {
  client = await startServer();
  client.connection.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => {
    statuses.push(p);
  });
});
after(async () => {
  await client.stop();
});

const open = (uri: string, text: string, languageId: string) =>
  client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });

for (const languageId of ['text', 'markdown', 'txt']) {
  test(`a disclosure sent as language id ${languageId} is checked by its content`, async () => {
    const uri = `file:///editors/${languageId}/004.txt`;
    const published = client.waitForDiagnostics(uri);
    await open(uri, readSeed('004_3a97d65098fc4738.txt'), languageId);
    const { diagnostics } = await published;
    assert.ok(diagnostics.some((d) => d.code === 'crossfoot-mismatch'));
    const symbols = await client.connection.sendRequest<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols.length > 0);
  });
}

test('a text that is not a disclosure, sent as language id text, is left alone', async () => {
  const uri = 'file:///editors/notes.txt';
  await open(uri, '今天开会讨论了新年计划。\n\n一、计划\n', 'text');
  const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(symbols, []);
  assert.ok(!client.diagnostics.has(uri));
});

test('the status of a document: checking, then the counts of what was published', async () => {
  const uri = 'file:///editors/status-004.txt';
  const published = client.waitForDiagnostics(uri);
  await open(uri, readSeed('004_3a97d65098fc4738.txt'), 'text');
  const { diagnostics } = await published;
  // the notification is sent just before the diagnostics: it has arrived
  const mine = statuses.filter((s) => s.uri === uri);
  assert.deepEqual(mine[0], { uri, checking: true });
  const done = mine.at(-1)!;
  assert.equal(done.checking, false);
  assert.equal(done.errors, diagnostics.filter((d) => d.severity === 1).length);
  assert.equal(done.warnings, diagnostics.filter((d) => d.severity === 2).length);
  assert.equal(done.hints, diagnostics.filter((d) => d.severity === 4).length);
  assert.ok(done.errors! > 0);
  assert.ok(client.logs.some((l) => l.startsWith(`checked ${uri}: ${diagnostics.length} finding(s) (${done.errors} error(s)`)));

  // an edit: checking again (once, however many keystrokes), then the new counts
  const before = statuses.length;
  const again = client.waitForDiagnostics(uri);
  for (let i = 0; i < 3; i++)
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 + i },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }],
    });
  await again;
  assert.deepEqual(
    statuses.slice(before).map((s) => s.checking),
    [true, false],
  );
});
