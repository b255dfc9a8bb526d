// The LSP face, tested through a real connection: a spawned `node dist/server.js --stdio` and JSON-RPC.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestClient } from '../helpers/lsp-client.js';
import { LanguageService } from '../../server/src/service.js';
import { readSeed, seedFiles } from '../helpers/fixtures.js';

let client: TestClient;
before(async () => {
  client = await startServer();
});
after(async () => {
  await client.stop();
});

const open = (uri: string, text: string, languageId = 'budget-disclosure', version = 1) =>
  client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });

test('initialize advertises incremental sync, symbols and folding', () => {
  const caps = client.initializeResult.capabilities as {
    textDocumentSync: { change: number; openClose: boolean };
    documentSymbolProvider: unknown;
    foldingRangeProvider: unknown;
  };
  assert.equal(caps.textDocumentSync.change, 2, 'TextDocumentSyncKind.Incremental');
  assert.equal(caps.textDocumentSync.openClose, true);
  assert.ok(caps.documentSymbolProvider);
  assert.equal(caps.foldingRangeProvider, true);
  assert.equal(client.initializeResult.serverInfo?.name, 'budget-disclosure-server');
});

for (const name of seedFiles()) {
  test(`documentSymbol over the wire equals the service's outline for ${name}`, async () => {
    const uri = `file:///seeds/${name}`;
    const text = readSeed(name);
    await open(uri, text);
    const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    const svc = new LanguageService();
    svc.open(uri, text);
    assert.deepEqual(symbols, JSON.parse(JSON.stringify(svc.documentSymbols(uri))));
    assert.ok((symbols as unknown[]).length > 0);
  });
}

test('incremental edits are applied: a new section appears in the outline', async () => {
  const uri = 'file:///edit.txt';
  await open(uri, ['第一部分 部门概况', '', '一、主要职责', '', '正文。'].join('\n'));
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 4, character: 3 }, end: { line: 4, character: 3 } }, text: '\n\n二、人员情况\n\n正文。' }],
  });
  const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as {
    name: string;
    children: { name: string }[];
  }[];
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['第一部分 部门概况'],
  );
  assert.deepEqual(
    symbols[0].children.map((s) => s.name),
    ['一、主要职责', '二、人员情况'],
  );
});

test('folding ranges cover sections and tables', async () => {
  const uri = `file:///seeds/fold-${seedFiles()[0]}`;
  await open(uri, readSeed(seedFiles()[0]));
  const ranges = (await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as {
    startLine: number;
    endLine: number;
  }[];
  assert.ok(
    ranges.some((r) => r.startLine === 30 && r.endLine === 100),
    '第一部分 部门概况 folds L31-101',
  );
  assert.ok(
    ranges.some((r) => r.startLine === 249 && r.endLine === 278),
    '表1 folds',
  );
});

test('plain-text documents are analysed only when they look like a disclosure', async () => {
  await open('file:///notes.txt', '今天开会讨论了新年计划。\n\n一、计划\n', 'plaintext');
  await open('file:///budget.txt', '某某局2024年部门预算公开说明\n\n第一部分 部门概况\n', 'plaintext');
  const none = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///notes.txt' } });
  const some = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///budget.txt' } })) as {
    name: string;
  }[];
  assert.deepEqual(none, []);
  assert.deepEqual(
    some.map((s) => s.name),
    ['第一部分 部门概况'],
  );
});

test('diagnostics are published for an opened document, and cleared on close', async () => {
  const uri = 'file:///diag.txt';
  const published = client.waitForDiagnostics(uri);
  await open(uri, readSeed(seedFiles()[2]));
  const p = await published;
  assert.ok(Array.isArray(p.diagnostics));
  const cleared = client.waitForDiagnostics(uri);
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  assert.deepEqual((await cleared).diagnostics, []);
});

test('junk input does not take the server down', async () => {
  const uri = 'file:///junk.txt';
  await open(uri, '\u0000\u0001表1\t\t\n单位：万元\n|||\n' + '\uFFFD'.repeat(1000));
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 99, character: 5 }, end: { line: 120, character: 0 } }, text: '第一部分' }],
  });
  const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(Array.isArray(symbols));
  assert.equal(client.process.exitCode, null);
});

test('arithmetic findings are published with related cells, and hovers and quick fixes explain and fix them', async () => {
  const name = '004_3a97d65098fc4738.txt';
  const uri = `file:///seeds/diag-${name}`;
  const published = client.waitForDiagnostics(uri);
  await open(uri, readSeed(name));
  const { diagnostics } = await published;
  const cf = diagnostics.find((d) => d.code === 'crossfoot-mismatch' && /「210 卫生健康支出」/.test(String(d.message)))!;
  assert.ok(cf, JSON.stringify(diagnostics.map((d) => d.message)));
  assert.equal(cf.severity, 1);
  assert.equal(cf.source, 'budget');
  assert.equal(cf.relatedInformation!.length, 2);
  assert.equal(cf.relatedInformation![0].location.uri, uri);
  assert.ok(diagnostics.some((d) => d.code === 'rounding' && d.severity === 4));

  const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: cf.range.start })) as {
    contents: { kind: string; value: string };
  };
  assert.match(hover.contents.value, /基本支出\+项目支出/);
  assert.match(hover.contents.value, /✗/);

  const actions = (await client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: cf.range,
    context: { diagnostics: [cf] },
  })) as { title: string; edit: { changes: Record<string, { newText: string }[]> } }[];
  const fix = actions.find((a) => /改为/.test(a.title))!;
  assert.ok(fix);
  assert.equal(fix.edit.changes[uri][0].newText, '590.93');
});

test('hovering a subject code over the wire gives the same text as budget-lint explain', async () => {
  const { explainCode, explanationMarkdown } = await import('../../server/src/catalogue/explain.js');
  const uri = 'file:///seeds/code-hover.txt';
  const text = ['渭南市医疗保障局', '2024年部门预算公开说明', '', '(6) 行政运行（2101501）230.97万元。'].join('\n');
  await open(uri, text);
  const hover = (await client.connection.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position: { line: 3, character: 12 },
  })) as { contents: { value: string } };
  assert.ok(hover.contents.value.startsWith(explanationMarkdown(explainCode('2101501', 2024)!)));
});

test('definition and references over the wire: from a prose code to its table row, and every use of a code', async () => {
  const name = '001_be18d6bea231d86c.txt';
  const uri = `file:///seeds/nav-${name}`;
  const text = readSeed(name);
  await open(uri, text);
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('行政运行（2101501）230.97'));
  const character = lines[line].indexOf('230.97') + 2;
  const defs = (await client.connection.sendRequest('textDocument/definition', {
    textDocument: { uri },
    position: { line, character },
  })) as { range: { start: { line: number } } }[];
  assert.equal(defs.length, 1);
  assert.match(lines[defs[0].range.start.line], /^2101501\t行政运行\t2,309,714\.00/);
  const refs = (await client.connection.sendRequest('textDocument/references', {
    textDocument: { uri },
    position: { line, character: lines[line].indexOf('2101501') + 1 },
    context: { includeDeclaration: true },
  })) as { range: { start: { line: number } } }[];
  assert.ok(refs.length >= 3, 'prose and both function tables');
  assert.ok(refs.some((r) => r.range.start.line === line));
});

test('settings from the client: a rule turned off, another made a warning, English messages', async () => {
  const c2 = await startServer({ settings: { rules: { rounding: 'off', 'crossfoot-mismatch': 'warning' }, locale: 'en' } });
  try {
    const uri = 'file:///seeds/settings-004.txt';
    const published = c2.waitForDiagnostics(uri);
    await c2.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'budget-disclosure', version: 1, text: readSeed('004_3a97d65098fc4738.txt') },
    });
    const { diagnostics } = await published;
    assert.ok(!diagnostics.some((d) => d.code === 'rounding'), 'rounding is off');
    const cf = diagnostics.filter((d) => d.code === 'crossfoot-mismatch');
    assert.ok(cf.length > 0 && cf.every((d) => d.severity === 2), 'crossfoot downgraded to warning');
    assert.ok(
      diagnostics.some((d) => /does not equal/.test(String(d.message))),
      'English messages',
    );
  } finally {
    await c2.stop();
  }
});

test('an edit to (lineCount, 0) over the wire replaces to the end of the document (the outline shows the new text)', async () => {
  const uri = 'file:///eod.txt';
  await open(uri, '第一部分 部门概况\n一、主要职能\n二、机构设置');
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, text: '二、人员情况\n三、其他' }],
  });
  const symbols = await client.connection.sendRequest<{ name: string; children: { name: string }[] }[]>('textDocument/documentSymbol', {
    textDocument: { uri },
  });
  assert.deepEqual(
    symbols[0].children.map((c) => c.name),
    ['一、主要职能', '二、人员情况', '三、其他'],
  );
});

test('a document beyond what the server can check is refused with one note, never parsed', async () => {
  const uri = 'file:///huge.txt';
  const published = client.waitForDiagnostics(uri, 30000);
  await open(uri, '表1\t合计\t1.00\n'.repeat(1_300_000));
  const p = await published;
  assert.equal(p.diagnostics.length, 1);
  assert.match(String(p.diagnostics[0].message), /文档过大.*too large to check \(2\d MB; the limit is 20 MB\)/);
  const symbols = await client.connection.sendRequest<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(symbols, []);
  assert.equal(client.process.exitCode, null);
});
