// Completion over the wire: label details (the name beside a code) go only to a client that says it shows them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../helpers/lsp-client.js';

const TEXT = ['某某局 2024 年部门预算', '', '单位：元', '', '功能科目编码\t功能科目名称\t合计', '2101501\t行政运行\t100.00', '21015'].join(
  '\n',
);

async function completionsWith(textDocument?: Record<string, unknown>) {
  const client = await startServer(undefined, textDocument ? { capabilities: { textDocument } } : {});
  try {
    const uri = 'file:///completion.budget.txt';
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'budget-disclosure', version: 1, text: TEXT },
    });
    const items = await client.connection.sendRequest<{ label: string; detail?: string; labelDetails?: unknown }[]>(
      'textDocument/completion',
      { textDocument: { uri }, position: { line: 6, character: 5 } },
    );
    return items.find((i) => i.label === '2101501');
  } finally {
    await client.stop();
  }
}

test('a client that shows label details gets the name beside the code', async () => {
  const item = await completionsWith({ completion: { completionItem: { labelDetailsSupport: true } } });
  assert.deepEqual(item?.labelDetails, { detail: ' 行政运行', description: '项' });
  assert.equal(item?.detail, '行政运行');
});

test('a client that does not gets the name in detail only', async () => {
  const item = await completionsWith();
  assert.ok(item, '2101501 is proposed');
  assert.equal(item.labelDetails, undefined);
  assert.equal(item.detail, '行政运行');
});
