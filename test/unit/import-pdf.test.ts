// The PDF importer on real published PDFs (copies in test/fixtures/originals/pdf, see SOURCES.md there) and on
// small PDFs built here byte by byte: table rows with every column in place, wrapped text joined, page furniture
// dropped, tables continued over pages kept whole, and one-line ImportErrors for what cannot be read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { damagedCopies, importsOrRefuses } from '../helpers/damage.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importPdf } from '../../server/src/import/pdf.js';
import { ImportError, type ImportResult } from '../../server/src/import/types.js';
import { FIXTURES } from '../helpers/fixtures.js';

const PDFS = join(FIXTURES, 'originals', 'pdf');
const cache = new Map<string, Promise<ImportResult>>();
const imported = (name: string): Promise<ImportResult> => {
  let r = cache.get(name);
  if (!r) cache.set(name, (r = importPdf(readFileSync(join(PDFS, name)))));
  return r;
};
const lines = async (name: string) => (await imported(name)).text.split('\n');

/** The lines of the block (lines between blank lines) holding the first line that starts with `start`. */
async function blockOf(name: string, start: string): Promise<string[]> {
  const all = await lines(name);
  const at = all.findIndex((l) => l.startsWith(start));
  assert.ok(at >= 0, `no line starts with ${JSON.stringify(start)}`);
  let from = at,
    to = at;
  while (from > 0 && all[from - 1] !== '') from--;
  while (to + 1 < all.length && all[to + 1] !== '') to++;
  return all.slice(from, to + 1);
}

const BUDGET = '04_pt_czj_2025_dept_budget.pdf';

test('a ruled table: split 类/款/项 code columns, empty cells kept as empty fields', async () => {
  const all = await lines(BUDGET);
  // 收入预算总表: 合计 财政拨款收入 事业收入 事业单位经营收入 其他收入 — only the first two are filled
  assert.ok(all.includes('201\t06\t01\t行政运行\t16,231,840.80\t16,231,840.80\t\t\t'));
  // 支出预算总表: 基本支出 empty, 项目支出 filled — the empty field stays between them
  assert.ok(all.includes('201\t06\t02\t一般行政管理事务\t100,000.00\t\t100,000.00'));
  // a 类 row: 款 and 项 empty
  assert.ok(all.includes('208\t\t\t社会保障和就业支出\t3,508,644.00\t3,508,644.00\t'));
});

test('a header cell wrapped over two lines is one field; a merged header sits over its first column', async () => {
  const block = await blockOf(BUDGET, '201\t06\t01\t行政运行\t16,231,840.80\t16,231,840.80\t\t\t');
  assert.equal(block[0], '项目\t\t\t\t收入预算\t\t\t\t');
  assert.ok(
    block.some((l) => l.split('\t').includes('事业单位经营收入')),
    block.slice(0, 4).join('\n'),
  );
});

test('a table continued on the next page stays one table; its repeated header rows are dropped', async () => {
  const block = await blockOf(BUDGET, '201\t06\t01\t行政运行\t16,231,840.80\t16,231,840.80\t\t\t');
  // page 10 holds 201…208, page 11 holds 210, 221 and 合计
  assert.ok(block.some((l) => l.startsWith('201\t')) && block.some((l) => l.startsWith('221\t02\t03\t购房补贴')));
  assert.ok(block[block.length - 1].startsWith('合计\t'));
  assert.equal(block.filter((l) => l.startsWith('项目\t')).length, 1);
  const { origins, text } = await imported(BUDGET);
  const all = text.split('\n');
  assert.equal(origins[all.indexOf('201\t06\t01\t行政运行\t16,231,840.80\t16,231,840.80\t\t\t')]?.page, 10);
  assert.equal(origins[all.findIndex((l) => l.startsWith('221\t02\t03\t购房补贴\t2,687,760.00\t2,687,760.00\t\t'))]?.page, 11);
});

test('titles, units and labelled fields are lines of their own', async () => {
  const all = await lines(BUDGET);
  assert.ok(all.includes('2025年部门收入预算总表'));
  assert.ok(all.includes('编制部门：上海市普陀区财政局'));
  assert.ok(all.includes('单位：元'));
});

test('prose broken by the page width is joined back into paragraphs (CJK without spaces)', async () => {
  const all = await lines(BUDGET);
  assert.ok(
    all.includes(
      '1.“一般公共服务支出（类）财政事务（款）行政运行（项）”1,623.18万元，主要用于局本级及所属单位人员经费及公用经费等的基本支出。',
    ),
  );
  const prose = await lines('c012_北京_2026年北京市审计局部门预算.pdf');
  // printed over two lines, the second starting with the figure 7.01% that did not fit on the first
  assert.ok(prose.some((l) => l.includes('增长7.01%，主要原因：车辆达到报废年限，进行更新。')));
});

test('page numbers and origins: every line knows its page, no bare page number survives', async () => {
  const { text, origins, pages } = await imported(BUDGET);
  const all = text.split('\n');
  assert.equal(pages, 24);
  assert.equal(origins.length, all.length);
  all.forEach((l, i) => {
    if (l === '') assert.equal(origins[i], undefined);
    else assert.ok(origins[i]?.page && origins[i]!.page! >= 1 && origins[i]!.page! <= 24 && typeof origins[i]!.y === 'number');
    assert.doesNotMatch(l, /^\s*[-—]?\s*\d{1,2}\s*[-—]?\s*$/);
  });
  assert.equal(origins[all.indexOf('2025年部门收入预算总表')]?.page, 10);
});

test('a subject name wrapped over two lines, its code printed beside it, stays one row', async () => {
  const all = await lines('03_pt_shgzb_2024_final.pdf');
  assert.ok(all.includes('2080505\t机关事业单位基本养老保险缴费支出\t6.18\t6.18\t\t\t\t\t'));
  // two panels side by side, each with its own code and name columns
  assert.ok(all.includes('30113\t住房公积金\t17.70\t30212\t因公出国（境）费用\t0.00'));
});

test('a font without widths: figures drawn across cell rules are cut at the rules', async () => {
  const all = await lines('c035_重庆_2026年重庆市经济和信息化委员会部门预算.pdf');
  assert.ok(all.includes('合计\t\t244,895.02\t192,446.79\t\t\t13,486.02\t18,308.57\t\t\t10,248.98\t10,404.66'));
  assert.ok(all.includes('2050302\t中等职业教育\t18,540.99\t8,673.98\t\t\t1,882.20\t4,842.68\t\t\t\t3,142.13'));
});

test('a two-panel 收入|支出 table keeps both panels in place', async () => {
  const all = await lines('c124_珠海_2026年珠海市商务局部门预算.pdf');
  assert.ok(all.includes('收入\t\t支出\t'));
  assert.ok(all.includes('一、预算拨款\t46,402.33\t一、一般公共服务支出\t42,753.31'));
  assert.ok(all.includes('\t\t八、社会保障和就业支出\t2,366.15'));
  assert.ok(all.includes('本年收入合计\t46,403.97\t本年支出合计\t66,307.98'));
});

test('a continuation page that repeats the title and unit above the table: still one table', async () => {
  const block = await blockOf('c021_深圳_2026年深圳市信访局部门预算.pdf', '一、财政拨款\t4,676.96\t一、一般公共服务支出\t3,459.13');
  assert.ok(block.includes('\t\t四、卫生健康支出\t84.39'));
  assert.equal(block.filter((l) => l.startsWith('项目\t2026年预算数')).length, 1);
});

// ---------------------------------------------------------------------------------------------------------
// Small PDFs built by hand: what the importer refuses, and a ruled table whose columns are known exactly

/** A PDF from page content streams (Helvetica), with a correct cross-reference table. */
function buildPdf(pageStreams: string[], extraTrailer = '', extraObjects: string[] = []): Uint8Array {
  const objects: string[] = [];
  const n = pageStreams.length;
  // 1 catalog, 2 pages, 3 font, then page/content pairs, then extra objects
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${pageStreams.map((_, i) => `${4 + 2 * i} 0 R`).join(' ')}] /Count ${n} >>`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  pageStreams.forEach((content, i) => {
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + 2 * i} 0 R >>`,
    );
    objects.push(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
  });
  objects.push(...extraObjects);
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${extraTrailer}>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

const text = (x: number, y: number, s: string, size = 10) => `BT /F1 ${size} Tf ${x} ${y} Td (${s}) Tj ET`;

async function importError(bytes: Uint8Array): Promise<ImportError> {
  try {
    await importPdf(bytes);
  } catch (e) {
    assert.ok(e instanceof ImportError, `not an ImportError: ${String(e)}`);
    assert.doesNotMatch(e.message, /\n/);
    assert.doesNotMatch(e.message, /\s+at\s+\S+\s*\(/); // no stack trace
    return e;
  }
  assert.fail('imported without an error');
}

test('pages with no text at all: a scanned PDF that needs OCR', async () => {
  const drawing = '0 0 0 RG 100 100 m 500 700 l S 50 50 200 300 re f';
  const e = await importError(buildPdf([drawing, drawing]));
  assert.match(e.message, /scanned PDF.*OCR/);
});

test('an encrypted PDF that needs a password', async () => {
  const hex = (b: number) => '<' + b.toString(16).padStart(2, '0').repeat(32) + '>';
  const encrypt = `<< /Filter /Standard /V 1 /R 2 /O ${hex(0x5a)} /U ${hex(0x3c)} /P -44 >>`;
  const id = '<00112233445566778899aabbccddeeff>';
  const pdf = buildPdf([text(72, 700, 'Secret')], `/Encrypt 6 0 R /ID [${id} ${id}] `, [encrypt]);
  const e = await importError(pdf);
  assert.match(e.message, /^encrypted PDF: /);
});

test('bytes that are not a PDF, and an empty file', async () => {
  assert.match(
    (await importError(new Uint8Array(Buffer.from('PK\x03\x04 this is a zip, not a pdf '.repeat(20), 'latin1')))).message,
    /not a PDF|damaged/,
  );
  await importError(new Uint8Array(0));
});

test('a page without text among pages with text is a problem, not an error', async () => {
  const r = await importPdf(buildPdf([text(72, 700, 'Budget 2026'), '10 10 100 100 re f']));
  assert.equal(r.pages, 2);
  assert.ok(r.text.includes('Budget 2026'));
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0].message, /page 2/);
});

test('a hand-drawn grid: cells from the rules, a column-number row kept as its own row, empty cells kept', async () => {
  // 4 columns (x = 50 | 150 | 250 | 350 | 450), 4 rows (y = 700 … 620), drawn as stroked lines
  const rules: string[] = [];
  for (const y of [700, 680, 660, 640, 620]) rules.push(`50 ${y} m 450 ${y} l`);
  for (const x of [50, 150, 250, 350, 450]) rules.push(`${x} 700 m ${x} 620 l`);
  const cells = [
    text(60, 686, 'Item'),
    text(160, 686, 'Total'),
    text(260, 686, 'Basic'),
    text(360, 686, 'Project'),
    text(60, 666, 'Column'),
    text(160, 666, '1'),
    text(260, 666, '2'),
    text(360, 666, '3'),
    // the Basic cell of this row is empty; the figures are right-aligned near the right rule
    text(60, 646, 'Admin'),
    text(215, 646, '12.50'),
    text(415, 646, '12.50'),
    text(60, 626, 'Sum'),
    text(215, 626, '12.50'),
    text(315, 626, '0.00'),
    text(415, 626, '12.50'),
  ];
  const page = `0 0 0 RG 0.5 w ${rules.join(' ')} S ${cells.join(' ')}`;
  const r = await importPdf(buildPdf([page]));
  assert.deepEqual(r.text.split('\n'), [
    'Item\tTotal\tBasic\tProject',
    'Column\t1\t2\t3',
    'Admin\t12.50\t\t12.50',
    'Sum\t12.50\t0.00\t12.50',
  ]);
  assert.deepEqual(
    r.origins.map((o) => o?.page),
    [1, 1, 1, 1],
  );
  assert.equal(r.origins[2]?.y, 800 - 646);
});

test('truncated and bit-flipped copies of a real PDF import or throw ImportError, nothing else', async () => {
  const original = new Uint8Array(readFileSync(join(PDFS, 'c012_北京_2026年北京市审计局部门预算.pdf')));
  for (const [i, bytes] of damagedCopies(original, { seed: 12345, cut: 4, flipped: 8, flips: 20 }).entries())
    await importsOrRefuses(importPdf, bytes, `case ${i}`);
});

// The cells of 重庆 budget tables (水利局, p.14): a name wrapped over two lines, the figures beside its first line
// and the subject code at the bottom of its cell beside the second. Lines with figures in different columns are one
// row; two lines with figures in one column are two rows (a grid ruled only between columns).
test('a ruled row: figures beside the first line of a wrapped name, the code beside its second, stay one row', async () => {
  const rules: string[] = [];
  for (const y of [700, 660, 620]) rules.push(`50 ${y} m 450 ${y} l`);
  for (const x of [50, 120, 300, 450]) rules.push(`${x} 700 m ${x} 620 l`);
  const cells = [
    // row 1: `Pension insurance` / `payments`, 3,043.23 beside the first line, the code 2080505 beside the second
    text(130, 684, 'Pension insurance'),
    text(390, 682, '3,043.23'),
    text(60, 666, '2080505'),
    text(125, 670, 'payments'),
    // row 2: no horizontal rule between the two lines of figures: two rows
    text(60, 646, '2080506'),
    text(130, 646, 'Annuity'),
    text(390, 646, '1,777.39'),
    text(60, 630, '2080599'),
    text(130, 630, 'Other'),
    text(390, 630, '1,099.15'),
  ];
  const page = `0 0 0 RG 0.5 w ${rules.join(' ')} S ${cells.join(' ')}`;
  const r = await importPdf(buildPdf([page]));
  assert.deepEqual(r.text.split('\n'), [
    '2080505\tPension insurance payments\t3,043.23',
    '2080506\tAnnuity\t1,777.39',
    '2080599\tOther\t1,099.15',
  ]);
});

// 杭州 prints figures in cells too narrow for them: `370,219.2` on the top line of a tall row, its last digit `5`
// on a line below the name (表5 of the 公安局 budget), or on the next page when the page break cuts the row.
const grid = (xs: number[], ys: number[]) =>
  [...ys.map((y) => `${xs[0]} ${y} m ${xs[xs.length - 1]} ${y} l`), ...xs.map((x) => `${x} ${ys[0]} m ${x} ${ys[ys.length - 1]} l`)].join(
    ' ',
  );
const XS = [50, 150, 250, 350, 450];

test('digits cut off figures in a narrow cell finish those figures; a row of whole figures stays a row', async () => {
  const cells = [
    text(60, 686, 'Item'),
    text(160, 686, 'Total'),
    text(260, 686, 'Basic'),
    text(360, 686, 'Project'),
    // one ruled row three lines tall: figures cut at the top, the name and a whole figure in the middle, digits below
    text(160, 670, '370,219.2'),
    text(260, 670, '293,191.8'),
    text(60, 663, 'Sum'),
    text(360, 663, '46,733.64'),
    text(160, 651, '5'),
    text(260, 651, '6'),
    // must not: whole figures above small numbers in one row band (ruled only between columns) stay two rows
    text(60, 630, 'Admin'),
    text(160, 630, '12.50'),
    text(260, 630, '3.25'),
    text(60, 616, 'Count'),
    text(160, 616, '4'),
    text(260, 616, '5'),
  ];
  const page = `0 0 0 RG 0.5 w ${grid(XS, [700, 680, 640, 600])} S ${cells.join(' ')}`;
  const r = await importPdf(buildPdf([page]));
  assert.deepEqual(r.text.split('\n'), [
    'Item\tTotal\tBasic\tProject',
    'Sum\t370,219.25\t293,191.86\t46,733.64',
    'Admin\t12.50\t3.25\t',
    'Count\t4\t5\t',
  ]);
});

test('a row cut by the page break: its last digits and the rest of its name on the next page go back into it', async () => {
  const head = [text(60, 686, 'Unit'), text(160, 686, 'Total'), text(260, 686, 'Fees'), text(360, 686, 'Other')];
  const page1 = `0 0 0 RG 0.5 w ${grid(XS, [700, 680, 660, 640])} S ${[
    ...head,
    text(60, 666, 'Police'),
    text(160, 666, '8.00'),
    text(360, 666, '8.00'),
    text(60, 646, 'Motor'),
    text(160, 646, '14,549.64'),
    text(260, 646, '12,437.3'),
    text(360, 646, '2,112.28'),
  ].join(' ')}`;
  const page2 = `0 0 0 RG 0.5 w ${grid(XS, [700, 680, 660])} S ${[
    text(60, 686, 'Center'),
    text(260, 686, '6'),
    text(60, 666, 'School'),
    text(160, 666, '3.00'),
    text(360, 666, '3.00'),
  ].join(' ')}`;
  const r = await importPdf(buildPdf([page1, page2]));
  assert.deepEqual(
    r.text.split('\n').filter((l) => l.includes('\t')),
    ['Unit\tTotal\tFees\tOther', 'Police\t8.00\t\t8.00', 'Motor Center\t14,549.64\t12,437.36\t2,112.28', 'School\t3.00\t\t3.00'],
  );
});

// A justified line set letter by letter with spaces (广州 2026 budgets: `购 预 算 3 . 8 3 万 元`): the figure stays one figure.
test('a figure letter-spaced in running text is joined back into one figure', async () => {
  const r = await importPdf(buildPdf([text(60, 700, 'Goods 3 . 8 3 and services 1,185.95 in all.')]));
  assert.match(r.text, /3\.83 and/);
  assert.doesNotMatch(r.text, /3 \.8|3\. 8/);
});
