// Published originals over the wire: `budget/importOriginal` converts a PDF / HTML / Excel file, the client opens
// the text under its `budget-original:` URI, and what the server publishes for it says where each finding is in
// the original (as VS Code's Problems panel and hovers show it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, type TestClient } from '../helpers/lsp-client.js';
import { FIXTURES } from '../helpers/fixtures.js';
import {
  IMPORT_ORIGINAL_REQUEST,
  OPEN_ORIGINAL_COMMAND,
  ORIGINAL_EXTENSIONS,
  ORIGINAL_SCHEME,
  SAVE_CONVERTED_TEXT_COMMAND,
  convertedTextUri,
  originalOfConvertedText,
  type ImportOriginalResult,
} from '../../shared/src/protocol.js';

interface WireDiagnostic {
  range: { start: { line: number; character: number } };
  severity: number;
  code: string;
  message: string;
  data?: { origin?: { page?: number; table?: number } };
}

const ORIGINALS = join(FIXTURES, 'originals');
const PDF_DIR = join(ORIGINALS, 'pdf');
// a PDF whose tables have sums that do not add up (its 类 rows were printed over their 款 rows)
// a published PDF with findings to see: 重庆市经济和信息化委员会 2026, whose tables carry the document's own rounding
// differences (hints), each on a page of the original
const PDF = join(PDF_DIR, 'c035_重庆_2026年重庆市经济和信息化委员会部门预算.pdf');
const XLSX = join(ORIGINALS, 'xlsx', 'pt_2026_department_budget_template.xlsx');
// an HTML page whose tables are in attached documents: the import says so in a note
const HTML_WITH_NOTE = join(ORIGINALS, 'html', 'c076_济南_信访局_2026年部门预算.html');

let client: TestClient;
before(async () => {
  client = await startServer();
});
after(async () => {
  await client.stop();
});

async function importOriginal(c: TestClient, path: string): Promise<ImportOriginalResult> {
  return c.connection.sendRequest<ImportOriginalResult>(IMPORT_ORIGINAL_REQUEST, { uri: pathToFileURL(path).href });
}

/** Converts the original and opens its text as VS Code does (plain text at first, until the client sets the language). */
async function openOriginal(c: TestClient, path: string): Promise<{ uri: string; text: string; diagnostics: WireDiagnostic[] }> {
  const result = await importOriginal(c, path);
  assert.ok(!('error' in result), JSON.stringify(result));
  const uri = convertedTextUri(pathToFileURL(path).href);
  const published = c.waitForDiagnostics(uri, 30000);
  await c.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'plaintext', version: 1, text: result.text },
  });
  return { uri, text: result.text, diagnostics: (await published).diagnostics as unknown as WireDiagnostic[] };
}

test('the converted text has its own URI, from which the original is found again', () => {
  const original = pathToFileURL(PDF).href;
  const uri = convertedTextUri(original);
  // as vscode.Uri.toString() writes it: the editor opens the document under exactly this string
  assert.match(uri, /^budget-original:\/[^/].*\.pdf\.txt$/);
  assert.equal(originalOfConvertedText(uri), original);
  assert.equal(originalOfConvertedText(original), undefined);
  assert.equal(convertedTextUri('file://server/share/%E9%A2%84%E7%AE%97.pdf'), 'budget-original://server/share/%E9%A2%84%E7%AE%97.pdf.txt');
  assert.equal(originalOfConvertedText('budget-original://server/share/a.pdf.txt'), 'file://server/share/a.pdf');
  assert.equal(originalOfConvertedText('budget-original:/c%3A/Users/a.xlsx.txt'), 'file:///c%3A/Users/a.xlsx');
});

test('the manifest offers the commands on exactly the originals the server converts, and the save on their text', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
  const commands = pkg.contributes.commands.map((c: { command: string }) => c.command);
  assert.ok(commands.includes(OPEN_ORIGINAL_COMMAND) && commands.includes(SAVE_CONVERTED_TEXT_COMMAND));
  const [explorer] = pkg.contributes.menus['explorer/context'].filter((m: { command: string }) => m.command === OPEN_ORIGINAL_COMMAND);
  const pattern = /resourceExtname =~ \/(.+)\/(\w*)/.exec(explorer.when)!;
  const extname = new RegExp(pattern[1], pattern[2]);
  for (const ext of ORIGINAL_EXTENSIONS) assert.ok(extname.test('.' + ext) && extname.test('.' + ext.toUpperCase()), ext);
  for (const ext of ['.txt', '.md', '.doc', '.xls', '.pdf.txt']) assert.ok(!extname.test(ext), ext);
  const save = pkg.contributes.menus['editor/title'].find((m: { command: string }) => m.command === SAVE_CONVERTED_TEXT_COMMAND);
  assert.equal(save.when, `resourceScheme == ${ORIGINAL_SCHEME}`);
});

test(
  'a PDF: findings carry their page in the message and in data.origin; hovers name the page; no quick fix edits the read-only text',
  { skip: !existsSync(PDF) && 'no PDF fixture' },
  async () => {
    const { uri, text, diagnostics } = await openOriginal(client, PDF);
    assert.match(text, /重庆市经济和信息化委员会/);
    const sums = diagnostics.filter((d) => d.code === 'rounding');
    assert.ok(sums.length > 0, JSON.stringify(diagnostics.map((d) => d.message)));
    for (const d of diagnostics) {
      const page = d.data?.origin?.page;
      assert.ok(page && page >= 1, `every finding of a PDF has a page: ${d.message}`);
      assert.ok(d.message.endsWith(`（第 ${page} 页）`), d.message);
    }
    const first = sums[0];
    const hover = await client.connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri },
      position: first.range.start,
    });
    assert.match(hover.contents.value, /≈ 在尾差范围内/);
    assert.ok(hover.contents.value.endsWith(`原文第 ${first.data!.origin!.page} 页`), hover.contents.value);
    const actions = await client.connection.sendRequest<unknown[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: first.range,
      context: { diagnostics: [first] },
    });
    assert.deepEqual(actions, []);
  },
);

test(
  'in English: ` (p.N)` after the message, `page N of the original` in the hover',
  { skip: !existsSync(PDF) && 'no PDF fixture' },
  async () => {
    const en = await startServer({ settings: { locale: 'en' } });
    try {
      const { uri, diagnostics } = await openOriginal(en, PDF);
      const d = diagnostics.find((x) => x.code === 'rounding')!;
      assert.ok(d.message.endsWith(` (p.${d.data!.origin!.page})`), d.message);
      const hover = await en.connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', {
        textDocument: { uri },
        position: d.range.start,
      });
      assert.ok(hover.contents.value.endsWith(`page ${d.data!.origin!.page} of the original`), hover.contents.value);
    } finally {
      await en.stop();
    }
  },
);

test('every PDF fixture converts over the wire', async () => {
  const pdfs = existsSync(PDF_DIR) ? readdirSync(PDF_DIR).filter((f) => f.endsWith('.pdf')) : [];
  for (const name of pdfs) {
    const result = await importOriginal(client, join(PDF_DIR, name));
    assert.ok(!('error' in result) && result.text.length > 100, `${name}: ${JSON.stringify(result).slice(0, 200)}`);
  }
});

test('an HTML page: the note from the import is published as information (code import)', async () => {
  const { diagnostics } = await openOriginal(client, HTML_WITH_NOTE);
  const note = diagnostics.find((d) => d.code === 'import');
  assert.ok(note, JSON.stringify(diagnostics));
  assert.equal(note.severity, 3);
  assert.match(note.message, /links to 2 document/);
});

test('an Excel workbook converts: the text, sheet by sheet', async () => {
  const result = await importOriginal(client, XLSX);
  assert.ok(!('error' in result));
  assert.match(result.text, /上海市普陀区2026年区级部门预算/);
  assert.ok(Array.isArray(result.notes));
});

test('a file that cannot be read gives one line saying why, never a stack trace', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'budget-original-'));
  try {
    const junk = join(dir, '损坏.pdf');
    writeFileSync(junk, '%PDF-1.7\n' + 'garbage '.repeat(200));
    const cases: [string, RegExp][] = [
      [join(dir, 'missing.pdf'), /^无法读取「missing\.pdf」：文件不存在$/],
      [junk, /^无法读取「损坏\.pdf」：\S/],
      [join(dir, 'folder.xlsx'), /^无法读取「folder\.xlsx」：这是一个文件夹$/],
    ];
    mkdirSync(join(dir, 'folder.xlsx'));
    for (const [path, expected] of cases) {
      const result = await importOriginal(client, path);
      assert.ok('error' in result, `${path}: ${JSON.stringify(result).slice(0, 200)}`);
      assert.match(result.error, expected);
      assert.ok(!/\n| {4}at /.test(result.error), result.error);
    }
    assert.equal(client.process.exitCode, null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
