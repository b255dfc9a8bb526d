// 「检查工作区」 over the wire: budget/checkWorkspace reads the disclosures of the workspace folders (closed files too),
// publishes their diagnostics, reports work-done progress and stops when cancelled; budget/explainCode answers with
// the explain text; the server's output channel says what it did.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, WorkDoneProgress, type WorkDoneProgressBegin } from 'vscode-languageserver-protocol';
import { startServer, type TestClient } from '../helpers/lsp-client.js';
import { readSeed } from '../helpers/fixtures.js';
import { convertedTextUri } from '../../shared/src/protocol.js';
import {
  CHECK_WORKSPACE_REQUEST,
  EXPLAIN_CODE_REQUEST,
  type CheckWorkspaceResult,
  type ExplainCodeResult,
} from '../../shared/src/commands.js';
import { explainCode, explanationMarkdown } from '../../server/src/catalogue/explain.js';

const SEED_WITH_ERRORS = '004_3a97d65098fc4738.txt';
const HTML = 'c105_温州_审计局_2026年部门预算.html';

let ws: string;
let client: TestClient;
const uriOf = (...parts: string[]) => pathToFileURL(join(ws, ...parts)).href;

before(async () => {
  ws = mkdtempSync(join(tmpdir(), 'budget-ws-'));
  writeFileSync(join(ws, '.budgetlintrc.json'), JSON.stringify({ ignore: ['drafts/**'] }));
  writeFileSync(join(ws, '004.txt'), readSeed(SEED_WITH_ERRORS));
  writeFileSync(join(ws, 'notes.md'), '# 会议纪要\n\n今天讨论了明年的工作安排。\n');
  cpSync(join(__dirname, '..', 'fixtures', 'originals', 'html', HTML), join(ws, HTML));
  for (const [dir, name] of [
    ['drafts', '000.txt'],
    ['node_modules/pkg', '001.txt'],
    ['.git', '002.txt'],
  ]) {
    mkdirSync(join(ws, dir), { recursive: true });
    writeFileSync(join(ws, dir, name), readSeed(SEED_WITH_ERRORS));
  }
  client = await startServer(undefined, { workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'ws' }] });
});
after(async () => {
  await client.stop();
  rmSync(ws, { recursive: true, force: true });
});

test('checking the workspace publishes the problems of closed files, and leaves out what is not a disclosure or is ignored', async () => {
  const result = await client.connection.sendRequest<CheckWorkspaceResult>(CHECK_WORKSPACE_REQUEST, {});
  // the diagnostics are notifications written before the answer: all of them have arrived
  assert.equal(result.found, 3, '004.txt, notes.md and the HTML page; drafts/ is ignored, node_modules and .git skipped');
  assert.equal(result.checked, 2);
  assert.equal(result.notDisclosures, 1);
  assert.equal(result.cancelled, false);
  const text = client.diagnostics.get(uriOf('004.txt'));
  assert.ok(text, [...client.diagnostics.keys()].join('\n'));
  assert.ok(text.diagnostics.some((d) => d.code === 'crossfoot-mismatch' && d.severity === 1));
  assert.equal(result.errors, text.diagnostics.filter((d) => d.severity === 1).length + countErrors(convertedTextUri(uriOf(HTML))));
  // an original's findings are on its converted text, where the editor shows them
  assert.ok(client.diagnostics.has(convertedTextUri(uriOf(HTML))), [...client.diagnostics.keys()].join('\n'));
  for (const skipped of [uriOf('notes.md'), uriOf('drafts', '000.txt'), uriOf('node_modules', 'pkg', '001.txt'), uriOf('.git', '002.txt')])
    assert.ok(!client.diagnostics.has(skipped), skipped);
  assert.ok(
    client.logs.some((l) => /^workspace check: 3 file\(s\) found, 2 disclosure\(s\) checked/.test(l)),
    client.logs.join('\n'),
  );
  assert.ok(client.logs.some((l) => l.startsWith(`checked ${uriOf('004.txt')}: `) && / in \d+ ms$/.test(l)));
  assert.ok(client.logs.some((l) => /^subject-code catalogue loaded: \d{3,} entries in \d+ ms$/.test(l)));
});

const countErrors = (uri: string) => (client.diagnostics.get(uri)?.diagnostics ?? []).filter((d) => d.severity === 1).length;

test('progress is reported on the token the client gives: begin (cancellable), a count per file, end', async () => {
  const events: WorkDoneProgressBegin['kind'][] = [];
  const messages: string[] = [];
  let cancellable: boolean | undefined;
  const sub = client.connection.onProgress(WorkDoneProgress.type, 'ws-progress', (p) => {
    events.push(p.kind as WorkDoneProgressBegin['kind']);
    if (p.kind === 'begin') cancellable = p.cancellable;
    if (p.kind === 'report' && p.message) messages.push(p.message);
  });
  await client.connection.sendRequest<CheckWorkspaceResult>(CHECK_WORKSPACE_REQUEST, { workDoneToken: 'ws-progress' });
  // $/progress notifications precede the answer on the wire; give the handler a turn
  await new Promise((resolve) => setImmediate(resolve));
  sub.dispose();
  assert.equal(events[0], 'begin');
  assert.equal(events.at(-1), 'end');
  assert.equal(cancellable, true);
  assert.deepEqual(
    messages.map((m) => m.split(' ')[0]),
    ['1/3', '2/3', '3/3'],
  );
});

test('an open document counts with its live text; when it is closed, its file is checked again from disk', async () => {
  const uri = uriOf('004.txt');
  // the editor's text: the same document with its broken figures gone (no table at all)
  const live = '某某局2024年部门预算公开说明\n\n第一部分 部门概况\n\n一、主要职责\n\n正文。\n';
  const opened = client.waitForDiagnostics(uri);
  await client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'plaintext', version: 1, text: live },
  });
  assert.ok(!(await opened).diagnostics.some((d) => d.code === 'crossfoot-mismatch'));
  const result = await client.connection.sendRequest<CheckWorkspaceResult>(CHECK_WORKSPACE_REQUEST, {});
  assert.equal(result.checked, 2);
  assert.ok(
    !client.diagnostics.get(uri)!.diagnostics.some((d) => d.code === 'crossfoot-mismatch'),
    'the file on disk did not replace the live text',
  );
  const reread = client.waitForDiagnostics(uri);
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  assert.ok(
    (await reread).diagnostics.some((d) => d.code === 'crossfoot-mismatch'),
    'closed: the problems on disk are back, not cleared',
  );
});

test('a cancelled check stops between files and says so; what it checked stays published', async () => {
  const many = mkdtempSync(join(tmpdir(), 'budget-ws-many-'));
  for (let i = 0; i < 12; i++) writeFileSync(join(many, `${String(i).padStart(2, '0')}.txt`), readSeed(SEED_WITH_ERRORS));
  const c2 = await startServer(undefined, { workspaceFolders: [{ uri: pathToFileURL(many).href, name: 'many' }] });
  try {
    const source = new CancellationTokenSource();
    const answer = c2.connection.sendRequest<CheckWorkspaceResult>(CHECK_WORKSPACE_REQUEST, {}, source.token);
    source.cancel();
    const result = await answer;
    assert.equal(result.found, 12);
    assert.equal(result.cancelled, true);
    assert.ok(result.checked < 12, JSON.stringify(result));
    assert.ok(c2.logs.some((l) => l.startsWith('workspace check (cancelled):')));
  } finally {
    await c2.stop();
    rmSync(many, { recursive: true, force: true });
  }
});

test('explain a subject code: the text budget-lint explain prints; an unknown code is refused in one line', async () => {
  const known = await client.connection.sendRequest<ExplainCodeResult>(EXPLAIN_CODE_REQUEST, { code: '2101501' });
  assert.deepEqual(known, { markdown: explanationMarkdown(explainCode('2101501')!) });
  const unknown = await client.connection.sendRequest<ExplainCodeResult>(EXPLAIN_CODE_REQUEST, { code: '9999999' });
  assert.deepEqual(unknown, { error: '「9999999」不是科目目录中的编码' });
});

test('an original that cannot be read is listed with its reason; a *.budget.md file is a disclosure whatever its first lines', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'budget-ws-odd-'));
  writeFileSync(join(dir, 'broken.pdf'), '%PDF-1.7\nnot really a PDF');
  writeFileSync(join(dir, 'draft.budget.md'), '草稿\n\n合计\t1.00\n');
  const c2 = await startServer(undefined, { workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'odd' }] });
  try {
    const result = await c2.connection.sendRequest<CheckWorkspaceResult>(CHECK_WORKSPACE_REQUEST, {});
    assert.equal(result.found, 2);
    assert.equal(result.checked, 1, 'draft.budget.md');
    assert.equal(result.notDisclosures, 0);
    const pdf = pathToFileURL(join(dir, 'broken.pdf')).href;
    assert.deepEqual(
      result.unreadable.map((u) => u.uri),
      [pdf],
    );
    const note = c2.diagnostics.get(pdf)!.diagnostics;
    assert.equal(note.length, 1);
    assert.match(String(note[0].message), /^无法读取「broken\.pdf」：/);
    assert.ok(c2.diagnostics.has(pathToFileURL(join(dir, 'draft.budget.md')).href));
  } finally {
    await c2.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
