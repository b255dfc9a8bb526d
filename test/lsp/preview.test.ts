// budget/preview over the wire: the server renders an open document's tables as the preview shows them, and renders
// the text as it is after an edit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestClient } from '../helpers/lsp-client.js';
import { ONE_WRONG_CELL } from '../helpers/fixtures.js';
import { PREVIEW_REQUEST, type PreviewResult } from '../../shared/src/protocol.js';

let client: TestClient;
before(async () => {
  client = await startServer();
});
after(async () => {
  await client.stop();
});

const preview = (uri: string) => client.connection.sendRequest<PreviewResult>(PREVIEW_REQUEST, { uri });

test('the preview of an open document: its table as a grid, the wrong cell marked, positions on every cell', async () => {
  const uri = 'file:///preview/one-wrong-cell.budget.txt';
  await client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'budget-disclosure', version: 1, text: ONE_WRONG_CELL },
  });
  const first = await preview(uri);
  assert.ok(!('error' in first), JSON.stringify(first));
  assert.match(first.html, /<section class="budget-table" id="table-0"/);
  assert.match(first.html, /class="c k-amount sev-error" data-line="4" data-character="\d+"/);
  assert.match(first.html, /Σ 21\.00/);
  assert.match(first.chartScript, /budgetDrawCharts/);
  // the edit that mends the cell: the preview follows the text
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ text: ONE_WRONG_CELL.replace('12.00\t9.00', '12.00\t8.00') }],
  });
  const second = await preview(uri);
  assert.ok(!('error' in second));
  assert.doesNotMatch(second.html, /sev-error/);
});

test('a document the server does not have: an error to show, not a failure', async () => {
  const r = await preview('file:///preview/not-open.txt');
  assert.ok('error' in r);
});
