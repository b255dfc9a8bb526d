// The Excel importer: workbooks built here from known tables must come back cell for cell; a real disclosure
// text written into a workbook must give the same arithmetic as the text; broken bytes fail with one line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { damagedCopies, importsOrRefuses } from '../helpers/damage.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { importXlsx } from '../../server/src/import/xlsx.js';
import { formatNumber, formatGeneral } from '../../server/src/import/numberFormat.js';
import { ImportError, type ImportResult } from '../../server/src/import/types.js';
import { analyzeText } from '../../server/src/service.js';
import { checkDocument, type Computation, type Finding } from '../../server/src/checks/index.js';
import { FIXTURES, readMoreDoc } from '../helpers/fixtures.js';

const TEMPLATE = join(FIXTURES, 'originals', 'xlsx', 'pt_2026_department_budget_template.xlsx');
const ARITHMETIC = new Set(['sum-mismatch', 'crossfoot-mismatch', 'balance-mismatch', 'cross-table-mismatch']);

async function bytesOf(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The lines of one sheet's block (from its title line to the line before the next blank separator). */
function sheetLines(result: ImportResult, sheet: string): { lines: string[]; cells: (string[] | undefined)[] } {
  const lines: string[] = [];
  const cells: (string[] | undefined)[] = [];
  result.text.split('\n').forEach((line, i) => {
    if (result.origins[i]?.sheet === sheet && line !== '') {
      lines.push(line);
      cells.push(result.origins[i]?.cells);
    }
  });
  return { lines, cells };
}

async function rejects(bytes: Uint8Array, pattern: RegExp): Promise<void> {
  await assert.rejects(importXlsx(bytes), (e: unknown) => {
    assert.ok(e instanceof ImportError, `not an ImportError: ${String(e)}`);
    assert.ok(!e.message.includes('\n'), 'one line');
    assert.match(e.message, pattern);
    return true;
  });
}

// ---- number formats ---------------------------------------------------------------------------------------

test('number formats print as Excel prints them, from decimal text, never from float noise', () => {
  const cases: [number, string | undefined, string][] = [
    [1234.5, '#,##0.00', '1,234.50'],
    [-1234.567, '#,##0.00', '-1,234.57'],
    [31214205.8, '#,##0_ ', '31,214,206'],
    [0.1 + 0.2, '0.00', '0.30'],
    [0.1 + 0.2, undefined, '0.3'],
    [0.1 + 0.2, 'General', '0.3'],
    [1 / 3, 'General', '0.333333333333333'],
    [1.005, '0.00', '1.01'], // the double is 1.00499999…; Excel reads 15 digits and rounds half up
    [-1.005, '0.00', '-1.01'],
    [2.675, '#,##0.00', '2.68'],
    [12.5, '0', '13'],
    [12, '0', '12'],
    [-0.001, '0.00', '0.00'],
    [0.1234, '0.0%', '12.3%'],
    [0.5, '0%', '50%'],
    [0.035, '0.00%', '3.50%'],
    [1234, '#,##0.00;[Red]-#,##0.00', '1,234.00'],
    [-1234, '#,##0.00;[Red]-#,##0.00', '-1,234.00'],
    [-5, '#,##0.00_);(#,##0.00)', '(5.00)'],
    [0, '#,##0.00;-#,##0.00;"-"', '-'],
    [1234567, '#,##0,', '1,235'],
    [100, '"¥"#,##0.00', '¥100.00'],
    [100, '[$¥-804]#,##0.00', '¥100.00'],
    [12345.678, '0.00E+00', '1.23E+04'],
    [12.5, '@', '12.5'],
    [0.5, '#.00', '.50'],
    [1.5, '0.0#', '1.5'],
    [1.255, '0.0#', '1.26'],
    [1234567, '000-0000', '123-4567'],
    [1234567.891, '#,##0.000', '1,234,567.891'],
    [123456789012345680, 'General', '1.23456789012346E+17'],
    [1e-12, 'General', '1E-12'],
    [46027, 'yyyy"年"m"月"d"日"', '2026年1月5日'],
    [46027, 'yyyy-mm-dd', '2026-01-05'],
    [0.75, 'h:mm', '18:00'],
    [0.75, 'h:mm AM/PM', '6:00 PM'],
    [46027.5, 'yyyy/m/d h:mm:ss', '2026/1/5 12:00:00'],
  ];
  for (const [value, format, expected] of cases) assert.equal(formatNumber(value, format), expected, `${value} in ${format}`);
  assert.equal(formatGeneral(123456.78), '123456.78');
});

// ---- workbooks built from known tables --------------------------------------------------------------------

test('a built table comes back cell for cell: empty cells, merges, formats, formula, rich text, hidden sheet', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('收支总表');
  ws.getCell('A1').value = '2026年测试部门财务收支预算总表';
  ws.mergeCells('A1:F1');
  ws.getCell('A2').value = '编制部门：测试局';
  ws.getCell('F2').value = '单位：万元';
  // a two-row header: 项目 spans two rows, 预算数 spans three columns
  ws.getCell('A3').value = '项目';
  ws.mergeCells('A3:A4');
  ws.getCell('B3').value = '预算数';
  ws.mergeCells('B3:D3');
  ws.getCell('E3').value = '占比';
  ws.getCell('F3').value = { richText: [{ text: '事业单位' }, { font: { bold: true }, text: '\n经营收入' }] };
  ws.getCell('B4').value = '合计';
  ws.getCell('C4').value = '基本';
  ws.getCell('D4').value = '项目';
  const body: [string, number | null, number | null, number | null, number | null][] = [
    ['一、一般公共服务支出', 1234.5, 1000, 234.5, 0.5],
    ['二、教育支出', 1234.5, null, 1234.5, 0.5],
  ];
  body.forEach((r, i) => {
    const row = ws.getRow(5 + i);
    row.getCell(1).value = r[0];
    for (let c = 1; c <= 4; c++) if (r[c] !== null) row.getCell(c + 1).value = r[c];
    row.getCell(2).numFmt = '#,##0.00';
    row.getCell(3).numFmt = '0.00';
    row.getCell(4).numFmt = '0';
    row.getCell(5).numFmt = '0.0%';
  });
  ws.getCell('A7').value = '合计';
  ws.getCell('B7').value = { formula: 'SUM(B5:B6)', result: 2469 };
  ws.getCell('B7').numFmt = '#,##0.00';
  ws.getCell('C7').value = 0.1 + 0.2; // General: 0.3, not 0.30000000000000004
  ws.getCell('A9').value = '注：本表为测试表。';
  const hidden = wb.addWorksheet('辅助');
  hidden.getCell('A1').value = '不应出现';
  hidden.state = 'hidden';
  const other = wb.addWorksheet('第二表');
  other.getCell('B2').value = '项目';
  other.getCell('C2').value = '金额';
  other.getCell('B3').value = '甲';
  other.getCell('C3').value = 7;

  const result = await importXlsx(await bytesOf(wb));
  assert.equal(result.format, 'xlsx');
  assert.equal(result.pages, 3);
  assert.deepEqual(result.text.split('\n'), [
    '2026年测试部门财务收支预算总表',
    '编制部门：测试局',
    '单位：万元',
    '项目\t预算数\t\t\t占比\t事业单位经营收入',
    '\t合计\t基本\t项目',
    '一、一般公共服务支出\t1,234.50\t1000.00\t235\t50.0%',
    '二、教育支出\t1,234.50\t\t1235\t50.0%',
    '合计\t2,469.00\t0.3',
    '',
    '注：本表为测试表。',
    '',
    '第二表', // no title row: the sheet's name stands in
    '项目\t金额', // the empty margin column A is not a field
    '甲\t7',
  ]);
  assert.ok(!result.text.includes('不应出现'));
  assert.ok(result.problems.some((p) => /辅助.*hidden/.test(p.message)));
  // one address per TAB field
  result.text.split('\n').forEach((line, i) => {
    const o = result.origins[i];
    if (line === '') return;
    assert.ok(o?.sheet);
    if (o.cells) assert.equal(o.cells.length, line.split('\t').length, `line ${i}`);
  });
  assert.deepEqual(result.origins[0], { sheet: '收支总表', row: 1, cells: ['A1'] });
  assert.deepEqual(result.origins[1], { sheet: '收支总表', row: 2, cells: ['A2'] });
  assert.deepEqual(result.origins[2], { sheet: '收支总表', row: 2, cells: ['F2'] });
  assert.deepEqual(result.origins[3]?.cells, ['A3', 'B3', 'C3', 'D3', 'E3', 'F3']);
  assert.deepEqual(result.origins[6], { sheet: '收支总表', row: 6, cells: ['A6', 'B6', 'C6', 'D6', 'E6'] });
  assert.deepEqual(result.origins[11], { sheet: '第二表' });
  assert.deepEqual(result.origins[12]?.cells, ['B2', 'C2']);
});

test('dates print as dates; a formula without a saved result is empty and said so', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('S');
  ws.getCell('A1').value = '日期表';
  ws.getCell('A2').value = '截止日期';
  ws.getCell('B2').value = new Date(Date.UTC(2025, 7, 31));
  ws.getCell('B2').numFmt = 'yyyy"年"m"月"d"日"';
  ws.getCell('A3').value = '发布日期';
  ws.getCell('B3').value = new Date(Date.UTC(2026, 0, 5));
  ws.getCell('A4').value = '合计';
  ws.getCell('B4').value = { formula: 'SUM(C1:C3)' } as ExcelJS.CellFormulaValue;
  ws.getCell('C4').value = '尾';
  const result = await importXlsx(await bytesOf(wb));
  assert.deepEqual(result.text.split('\n'), ['日期表', '截止日期\t2025年8月31日', '发布日期\t2026-01-05', '合计\t\t尾']);
  assert.ok(result.problems.some((p) => /formula/.test(p.message)));
});

test('a merged prose box becomes one line a paragraph, all pointing at its cell', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('职能');
  ws.getCell('A1').value = '主要职能';
  ws.getCell('A3').value = '    本部门是……。\n    主要职能包括：\n    1. 甲；\n\n';
  ws.mergeCells('A3:A17');
  const result = await importXlsx(await bytesOf(wb));
  assert.deepEqual(result.text.split('\n'), ['主要职能', '本部门是……。', '主要职能包括：', '1. 甲；']);
  assert.deepEqual(result.origins[2], { sheet: '职能', row: 3, cells: ['A3'] });
});

// ---- a real disclosure as a workbook ----------------------------------------------------------------------

const AMOUNT = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;
const GLUED = /^([-−]?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+) +(\D.*)$/;

/** A field of the text as a cell: figures (with a thousands separator or decimals) as numbers in a matching format. */
function cellFor(field: string): { value: string | number; numFmt?: string } {
  const m = AMOUNT.exec(field);
  if (!m || (!field.includes(',') && m[1] === undefined)) return { value: field };
  const decimals = m[1]?.length ?? 0;
  const numFmt =
    (field.includes(',') || Math.abs(Number(field.replace(/,/g, ''))) >= 1000 ? '#,##0' : '0') +
    (decimals ? '.' + '0'.repeat(decimals) : '');
  return { value: Number(field.replace(/,/g, '')), numFmt };
}

const CODE = /^\d{2,3}$/;

/**
 * Where a text row's fields go in a sheet. `packed`: one after another, as the text has them. `template`: as the
 * official templates lay a subject table out — 类/款/项 in columns of their own (empty when the row is a 类 or a
 * 款), the name after them, the figures after the name, a 合计 row's figures under the figures.
 */
function placeRow(fields: string[], codeColumns: number, layout: 'packed' | 'template'): (string | undefined)[] {
  if (layout === 'packed' || codeColumns === 0) return fields;
  let codes = 0;
  while (codes < fields.length && CODE.test(fields[codes])) codes++;
  const figures = fields.findIndex((f) => AMOUNT.test(f) && !CODE.test(f));
  if (codes > 0) return [...fields.slice(0, codes), ...Array(codeColumns - codes).fill(undefined), ...fields.slice(codes)];
  if (figures === 1) return [fields[0], ...Array(codeColumns).fill(undefined), ...fields.slice(1)];
  return fields;
}

/** Every table of the text as a sheet (title merged across, unit row, one text line a row), plus a cover sheet. */
async function workbookFromText(text: string, layout: 'packed' | 'template' = 'packed'): Promise<Uint8Array> {
  const lines = text.split('\n');
  const tables = analyzeText(text).tables.filter((t) => t.titleRange);
  const wb = new ExcelJS.Workbook();
  const cover = wb.addWorksheet('封面');
  cover.getCell('A1').value = lines.find((l) => l.trim())!.trim();
  tables.forEach((table, n) => {
    const ws = wb.addWorksheet(`表${n + 1}`);
    const from = table.titleRange!.start.line;
    // a sheet runs to the next table's title, so notes under a table (合计, 注：) come along
    const to = n + 1 < tables.length ? tables[n + 1].titleRange!.start.line - 1 : table.range.end.line;
    const rows = lines.slice(from, to + 1).filter((l) => l.trim() !== '');
    const width = Math.max(...rows.map((l) => l.split('\t').length + 1));
    const codeColumns = Math.max(
      0,
      ...rows.map((l) => {
        const f = l.split('\t');
        let k = 0;
        while (k < f.length && CODE.test(f[k])) k++;
        return k;
      }),
    );
    let r = 1;
    for (const line of rows) {
      // pdftotext glued an amount to the next label (`31,214,205.80 一、…`): two cells in a workbook
      const fields = line.split('\t').flatMap((f) => {
        const g = GLUED.exec(f);
        return g ? [g[1], g[2]] : [f];
      });
      if (r === 1) {
        ws.getCell(1, 1).value = line.trim();
        ws.mergeCells(1, 1, 1, width);
      } else {
        placeRow(fields, codeColumns, layout).forEach((f, c) => {
          if (f === undefined) return;
          const { value, numFmt } = cellFor(f.trim());
          if (value === '') return;
          const cell = ws.getCell(r, c + 1);
          cell.value = value;
          if (numFmt) cell.numFmt = numFmt;
        });
      }
      r++;
    }
  });
  return bytesOf(wb);
}

interface Arithmetic {
  findings: string[];
  computations: string[];
}

function arithmeticOf(text: string): Arithmetic {
  const computations: Computation[] = [];
  const findings: Finding[] = checkDocument(analyzeText(text), {}, 'file:///x', (c) => computations.push(c));
  return {
    findings: findings
      .filter((f) => ARITHMETIC.has(f.code))
      .map((f) => `${f.code} ${f.message}`)
      .sort(),
    // every comparison, agreeing ones too, without its position (the two texts number their lines differently)
    computations: computations
      .filter((c) => ARITHMETIC.has(c.rule))
      .map((c) =>
        [c.rule, c.subject, c.basis, c.found, c.expected, c.verdict, c.parts.map((p) => `${p.label}=${p.value}`).join('+')].join(' | '),
      )
      .sort(),
  };
}

test('a real disclosure written into a workbook checks like the text it came from', async () => {
  const text = readMoreDoc('04_pt_czj_2025_dept_budget.txt');
  const result = await importXlsx(await workbookFromText(text));
  assert.equal(result.problems.length, 0, JSON.stringify(result.problems));
  const fromText = arithmeticOf(text);
  const fromWorkbook = arithmeticOf(result.text);
  assert.ok(fromText.computations.length >= 40, `the text makes ${fromText.computations.length} comparisons`);
  assert.deepEqual(fromWorkbook.findings, fromText.findings);
  assert.deepEqual(fromWorkbook.computations, fromText.computations);
});

test('laid out like the official template (类/款/项 in their own columns), the workbook still checks like the text', async () => {
  const text = readMoreDoc('04_pt_czj_2025_dept_budget.txt');
  const result = await importXlsx(await workbookFromText(text, 'template'));
  assert.ok(result.text.includes('201\t\t\t一般公共服务支出\t22,186,440.80\t22,186,440.80'));
  assert.ok(result.text.includes('201\t06\t\t财政事务\t22,186,440.80'));
  const fromText = arithmeticOf(text);
  const fromWorkbook = arithmeticOf(result.text);
  assert.deepEqual(fromWorkbook.findings, fromText.findings);
  // the subjects may now name their column (「…」列): the header rows came over packed from the text while the
  // figures moved right, so the names are not comparable; the figures and verdicts are
  const unnamed = (c: string): string => c.replace(/「[^」]*」列 \|/, ' |');
  assert.deepEqual(fromWorkbook.computations.map(unnamed).sort(), fromText.computations.map(unnamed).sort());
});

test('a wrong figure in the workbook is found as it is found in the text', async () => {
  // 行政运行 16,231,840.80 → 16,231,850.80 in 收入预算总表: its 款 and the crossfoot of its row disagree
  const original = readMoreDoc('04_pt_czj_2025_dept_budget.txt');
  const lines = original.split('\n');
  const at = lines.findIndex((l) => l.startsWith('201\t06\t01\t行政运行\t16,231,840.80'));
  assert.ok(at > 0);
  lines[at] = lines[at].replace('16,231,840.80', '16,231,850.80');
  const text = lines.join('\n');
  const result = await importXlsx(await workbookFromText(text));
  const fromText = arithmeticOf(text);
  const fromWorkbook = arithmeticOf(result.text);
  assert.ok(fromText.findings.length > 0);
  assert.deepEqual(fromWorkbook.findings, fromText.findings);
});

// ---- the official template --------------------------------------------------------------------------------

test('the official Shanghai template: every sheet with its title, unit and rows in place', async () => {
  const result = await importXlsx(readFileSync(TEMPLATE));
  assert.equal(result.pages, 17);
  assert.deepEqual(result.problems, []);
  const blocks = result.text.split('\n\n');
  assert.equal(blocks.length >= 17, true);
  const titles = result.text.split('\n').filter((_, i) => i === 0 || result.text.split('\n')[i - 1] === '');
  for (const t of [
    '上海市普陀区2026年区级部门预算',
    '目  录',
    '2026年部门财务收支预算总表',
    '2026年部门收入预算总表',
    '2026年部门“三公”经费和机关运行经费预算表',
    'XX项目经费情况说明',
  ])
    assert.ok(titles.includes(t), t);

  const income = sheetLines(result, '部门收入总表');
  assert.deepEqual(income.lines.slice(0, 7), [
    '2026年部门收入预算总表',
    '编制部门：',
    '单位：元',
    '项目\t\t\t\t收入预算',
    '功能分类科目编码\t\t\t功能分类科目名称\t合计\t财政拨款收入\t事业收入\t事业单位经营收入\t其他收入',
    '类\t款\t项',
    '205\t\t\t教育支出',
  ]);
  assert.deepEqual(income.cells[3], ['A6', 'B6', 'C6', 'D6', 'E6']);
  assert.ok(income.lines.includes('205\t02\t05\t高等教育'));
  assert.equal(income.lines[income.lines.length - 1], '合计');

  const summary = sheetLines(result, '部门收支总表');
  assert.deepEqual(summary.lines.slice(0, 6), [
    '2026年部门财务收支预算总表',
    '编制部门：',
    '单位：元',
    '本年收入\t\t本年支出',
    '项目\t预算数\t项目\t预算数',
    '一、财政拨款收入\t\t一、一般公共服务支出',
  ]);

  // the engine sees the nine tables with their titles and units
  const doc = analyzeText(result.text);
  const titled = doc.tables.filter((t) => /^2026年部门.*表$/.test(t.title ?? ''));
  assert.ok(titled.length >= 9, titled.map((t) => t.title).join(', '));
  for (const t of titled) assert.ok(t.unit, `${t.title} has a unit`);
});

// ---- bytes that are no workbook ---------------------------------------------------------------------------

function oleHeader(streamNames: string[]): Uint8Array {
  const bytes = new Uint8Array(4096);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  let at = 1024;
  for (const name of streamNames) {
    bytes.set(Buffer.from(name, 'utf16le'), at);
    at += 128;
  }
  return bytes;
}

/** A zip with stored (uncompressed) entries: enough to make archives that are not workbooks. */
function storedZip(files: Record<string, string>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.from(content);
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += 30 + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

test('what is not a readable workbook fails with one line saying what to do', async () => {
  await rejects(oleHeader(['Root Entry', 'EncryptionInfo', 'EncryptedPackage']), /encrypted.*password/);
  await rejects(oleHeader(['Root Entry', 'Workbook']), /\.xls\b.*save it as \.xlsx/);
  await rejects(new Uint8Array(Buffer.from('项目\t金额\n合计\t1\n')), /not an Excel \.xlsx/);
  let seed = 7;
  const random = new Uint8Array(2000).map(() => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff);
  await rejects(random, /not an Excel \.xlsx/);
  await rejects(storedZip({ 'word/document.xml': '<w:document/>' }), /Word document/);
  await rejects(storedZip({ 'hello.txt': 'hi' }), /not an Excel workbook/);
  const good = readFileSync(TEMPLATE);
  // a zip whose directory survives but whose first entry's data is gone
  const corrupt = new Uint8Array(good);
  corrupt.fill(0x41, 40, 4000);
  await rejects(corrupt, /damaged/);
  await rejects(new Uint8Array(good.subarray(0, good.length >> 1)), /incomplete/);
  await rejects(new Uint8Array(good.subarray(0, 100)), /incomplete/);
});

test('truncated and bit-flipped workbooks import or fail with an ImportError, nothing else', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表');
  ws.getCell('A1').value = '2026年部门收入预算总表';
  ws.mergeCells('A1:C1');
  ws.getCell('C2').value = '单位：元';
  for (let r = 3; r < 12; r++) {
    ws.getCell(r, 1).value = `科目${r}`;
    ws.getCell(r, 2).value = r * 1000.5;
    ws.getCell(r, 2).numFmt = '#,##0.00';
  }
  const good = await bytesOf(wb);
  for (const [i, bytes] of damagedCopies(good, { seed: 20260105, cut: 25, flipped: 50, flips: 4 }).entries())
    await importsOrRefuses(importXlsx, bytes, `case ${i}`);
});
