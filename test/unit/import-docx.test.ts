// The Word importer: tables made in the test as minimal .docx packages, read back cell for cell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { damagedCopies, importsOrRefuses } from '../helpers/damage.js';
import JSZip from 'jszip';
import { importDocx } from '../../server/src/import/docx.js';
import { ImportError } from '../../server/src/import/types.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A minimal .docx: the three parts Word needs, with `body` as the content of <w:body>. */
async function makeDocx(body: string, parts: Record<string, string> = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [path, xml] of Object.entries(parts)) zip.file(path, xml);
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '</Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      '</Relationships>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}<w:sectPr/></w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const p = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;
/** A cell: its paragraphs (one string each) and its merge properties. */
const tc = (paras: string | string[], props = '') =>
  `<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>${props}</w:tcPr>${(Array.isArray(paras) ? paras : [paras]).map(p).join('') || '<w:p/>'}</w:tc>`;
const tr = (cells: string, rowProps = '') => `<w:tr>${rowProps ? `<w:trPr>${rowProps}</w:trPr>` : ''}${cells}</w:tr>`;
const tbl = (cols: number, rows: string) =>
  `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>${'<w:gridCol w:w="1000"/>'.repeat(cols)}</w:tblGrid>${rows}</w:tbl>`;
/** A plain table: each row's fields become cells, none merged. */
const plainTable = (rows: string[][]) =>
  tbl(Math.max(...rows.map((r) => r.length)), rows.map((r) => tr(r.map((c) => tc(c)).join(''))).join(''));

const lines = (text: string) => text.split('\n');

test('a table with gridSpan, vMerge, an empty cell and a paragraph round-trips cell for cell', async () => {
  const body =
    p('2025年部门支出预算总表') +
    tbl(
      5,
      tr(
        tc('功能分类科目编码', '<w:gridSpan w:val="3"/>') +
          tc('功能分类科目名称', '<w:vMerge w:val="restart"/>') +
          tc('合计', '<w:vMerge w:val="restart"/>'),
      ) +
        tr(tc('类') + tc('款') + tc('项') + tc('', '<w:vMerge/>') + tc('', '<w:vMerge/>')) +
        tr(tc('201') + tc('06') + tc('01') + tc('行政运行') + tc('16,231,840.80')) +
        tr(tc('201') + tc('06') + tc('') + tc('财政事务') + tc('22,186,440.80')),
    ) +
    p('注：本表金额单位为元。');
  const r = await importDocx(await makeDocx(body));
  assert.equal(r.format, 'docx');
  assert.deepEqual(lines(r.text), [
    '2025年部门支出预算总表',
    '',
    '功能分类科目编码\t\t\t功能分类科目名称\t合计',
    '类\t款\t项\t\t',
    '201\t06\t01\t行政运行\t16,231,840.80',
    '201\t06\t\t财政事务\t22,186,440.80',
    '',
    '注：本表金额单位为元。',
  ]);
  assert.equal(r.origins.length, 8);
  assert.equal(r.origins[0], undefined);
  assert.equal(r.origins[1], undefined);
  assert.deepEqual(r.origins[2], { table: 1, row: 1 });
  assert.deepEqual(r.origins[5], { table: 1, row: 4 });
  assert.equal(r.origins[7], undefined);
});

test('two paragraphs and a line break inside one cell are one field; a TAB in a cell is a space', async () => {
  const cellWithBreak = '<w:tc><w:p><w:r><w:t>一般公共预算</w:t><w:br/><w:t>拨款收入</w:t></w:r></w:p></w:tc>';
  const body = tbl(
    3,
    tr(tc(['一般公共预算', '财政拨款收入']) + cellWithBreak + '<w:tc><w:p><w:r><w:t>A</w:t><w:tab/><w:t>B</w:t></w:r></w:p></w:tc>') +
      tr(tc('1.00') + tc('2.00') + tc('3.00')),
  );
  const r = await importDocx(await makeDocx(body));
  assert.deepEqual(lines(r.text), ['一般公共预算财政拨款收入\t一般公共预算拨款收入\tA B', '1.00\t2.00\t3.00']);
});

test('gridBefore shifts a row right, and a row of empty cells is dropped', async () => {
  const body = tbl(
    4,
    tr(tc('项目') + tc('合计') + tc('基本支出') + tc('项目支出')) +
      tr(tc('') + tc('') + tc('') + tc('')) +
      tr(tc('5.00') + tc('3.00') + tc('2.00'), '<w:gridBefore w:val="1"/>'),
  );
  const r = await importDocx(await makeDocx(body));
  assert.deepEqual(lines(r.text), ['项目\t合计\t基本支出\t项目支出', '\t5.00\t3.00\t2.00']);
  assert.deepEqual(r.origins, [
    { table: 1, row: 1 },
    { table: 1, row: 3 },
  ]);
});

test('a title written as a merged first row of the table becomes a line of its own', async () => {
  const body = tbl(
    3,
    tr(tc('2025年部门收入预算总表', '<w:gridSpan w:val="3"/>')) +
      tr(tc('项目') + tc('合计') + tc('财政拨款收入')) +
      tr(tc('合计') + tc('10.00') + tc('10.00')),
  );
  const r = await importDocx(await makeDocx(body));
  assert.deepEqual(lines(r.text), ['2025年部门收入预算总表', '', '项目\t合计\t财政拨款收入', '合计\t10.00\t10.00']);
  assert.deepEqual(r.origins[0], { table: 1, row: 1 });
});

test('a table nested in a cell: the frame is read as flow, the inner table as a table', async () => {
  const inner = plainTable([
    ['项目', '预算数'],
    ['合计', '1.00'],
  ]);
  const body = tbl(1, tr(`<w:tc>${p('表1 收支总表')}${inner}<w:p/></w:tc>`));
  const r = await importDocx(await makeDocx(body));
  assert.deepEqual(lines(r.text), ['表1 收支总表', '', '项目\t预算数', '合计\t1.00']);
  assert.deepEqual(r.origins[2], { table: 2, row: 1 });
});

test('content controls, tracked changes, field codes and hidden text', async () => {
  const body = tbl(
    2,
    `<w:sdt><w:sdtPr/><w:sdtContent>${tr(tc('项目') + tc('金额'))}</w:sdtContent></w:sdt>` +
      tr(
        tc('合计') +
          '<w:tc><w:p><w:ins><w:r><w:t>12.00</w:t></w:r></w:ins><w:del><w:r><w:delText>11.00</w:delText></w:r></w:del>' +
          '<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r></w:p></w:tc>',
      ),
  );
  const r = await importDocx(await makeDocx(body));
  assert.deepEqual(lines(r.text), ['项目\t金额', '合计\t12.00']);
});

// Rows of 2025年部门财政拨款收支预算总表 (a two-panel table: 收入 on the left, 支出 on the right) and of
// 2025年部门支出预算总表 from test/fixtures/more-docs/04_pt_czj_2025_dept_budget.txt, laid out as Word would
// hold them, with the header merges of the published table.
const TWO_PANEL: string[][] = [
  ['项目', '预算数', '项目', '合计', '一般公共预算', '政府性基金预算', '国有资本经营预算'],
  ['一、一般公共预算资金', '31,214,205.80', '一、一般公共服务支出', '22,186,440.80', '22,186,440.80', '', ''],
  ['二、政府性基金', '', '二、社会保障和就业支出', '3,508,644.00', '3,508,644.00', '', ''],
  ['三、国有资本经营预算', '', '三、卫生健康支出', '782,164.00', '782,164.00', '', ''],
  ['', '', '四、住房保障支出', '4,736,957.00', '4,736,957.00', '', ''],
  ['收入总计', '31,214,205.80', '支出总计', '31,214,205.80', '31,214,205.80', '', ''],
];
const EXPENDITURE: string[][] = [
  ['201', '', '', '一般公共服务支出', '22,186,440.80', '16,093,326.00', '6,093,114.80'],
  ['201', '06', '', '财政事务', '22,186,440.80', '16,093,326.00', '6,093,114.80'],
  ['201', '06', '01', '行政运行', '16,231,840.80', '16,093,326.00', '138,514.80'],
  ['201', '06', '02', '一般行政管理事务', '100,000.00', '', '100,000.00'],
  ['208', '05', '99', '其他行政事业单位养老支出', '9,620.00', '9,620.00', ''],
  ['合计', '', '', '', '31,214,205.80', '25,121,091.00', '6,093,114.80'],
];

test('the real two-panel 财政拨款收支总表 rows come back exactly, a merged panel header expanded', async () => {
  const panelHeader = tr(tc('财政拨款收入', '<w:gridSpan w:val="2"/>') + tc('财政拨款支出', '<w:gridSpan w:val="5"/>'));
  const body =
    p('2025年部门财政拨款收支预算总表') +
    p('编制部门：上海市普陀区财政局 单位：元') +
    tbl(7, panelHeader + TWO_PANEL.map((r) => tr(r.map((c) => tc(c)).join(''))).join(''));
  const r = await importDocx(await makeDocx(body));
  const t = lines(r.text);
  const start = t.indexOf('财政拨款收入\t\t财政拨款支出\t\t\t\t');
  assert.ok(start > 0, r.text);
  assert.deepEqual(
    t.slice(start + 1).map((l) => l.split('\t')),
    TWO_PANEL,
  );
});

test('the real 支出预算总表 rows with split 类/款/项 code columns and a two-row merged header come back exactly', async () => {
  const header =
    tr(
      tc('功能分类科目编码', '<w:gridSpan w:val="3"/>') +
        tc('功能分类科目名称', '<w:vMerge w:val="restart"/>') +
        tc('合计', '<w:vMerge w:val="restart"/>') +
        tc('基本支出', '<w:vMerge w:val="restart"/>') +
        tc('项目支出', '<w:vMerge w:val="restart"/>'),
    ) + tr(tc('类') + tc('款') + tc('项') + tc('', '<w:vMerge/>') + tc('', '<w:vMerge/>') + tc('', '<w:vMerge/>') + tc('', '<w:vMerge/>'));
  const body = tbl(7, header + EXPENDITURE.map((r) => tr(r.map((c) => tc(c)).join(''))).join(''));
  const r = await importDocx(await makeDocx(body));
  const rows = lines(r.text).map((l) => l.split('\t'));
  assert.deepEqual(rows[0], ['功能分类科目编码', '', '', '功能分类科目名称', '合计', '基本支出', '项目支出']);
  assert.deepEqual(rows[1], ['类', '款', '项', '', '', '', '']);
  assert.deepEqual(rows.slice(2), EXPENDITURE);
  assert.deepEqual(
    r.origins.map((o) => o?.row),
    [1, 2, 3, 4, 5, 6, 7, 8],
  );
});

test('a document that is not a docx says so in one line', async () => {
  const cases: [Uint8Array, RegExp][] = [
    [new TextEncoder().encode('hello, this is not a zip'), /not a zip/],
    [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9]), /damaged/],
    [await new JSZip().file('xl/workbook.xml', '<workbook/>').generateAsync({ type: 'uint8array' }), /Excel/],
  ];
  for (const [bytes, re] of cases) {
    await assert.rejects(importDocx(bytes), (e: unknown) => e instanceof ImportError && re.test(e.message) && !e.message.includes('\n'));
  }
});

/** An OLE compound file header with the directory entry names that tell encrypted OOXML from an old .doc. */
function oleFile(streamNames: string[]): Uint8Array {
  const head = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return new Uint8Array(Buffer.concat([head, Buffer.alloc(504), ...streamNames.map((n) => Buffer.from(n, 'utf16le'))]));
}

test('a password-protected docx and an old .doc are told apart', async () => {
  await assert.rejects(
    importDocx(oleFile(['EncryptionInfo', 'EncryptedPackage'])),
    (e: unknown) => e instanceof ImportError && /password/.test(e.message),
  );
  await assert.rejects(
    importDocx(oleFile(['WordDocument', '1Table'])),
    (e: unknown) => e instanceof ImportError && /97–2003 \.doc/.test(e.message),
  );
});

test('an empty document is an ImportError', async () => {
  await assert.rejects(importDocx(await makeDocx('<w:p/>')), ImportError);
});

test('truncated and bit-flipped packages either import or throw ImportError, nothing else', async () => {
  const good = await makeDocx(plainTable(TWO_PANEL) + p('说明'));
  const outcomes = { imported: 0, refused: 0 };
  for (const [i, bytes] of damagedCopies(good, { seed: 7, cut: 40, flipped: 80, flips: 5 }).entries())
    outcomes[await importsOrRefuses(importDocx, bytes, `case ${i}`)]++;
  assert.ok(outcomes.imported > 0 && outcomes.refused > 0, JSON.stringify(outcomes));
});

test('damaged document XML inside a sound package either imports or throws ImportError', async () => {
  const xml =
    plainTable(TWO_PANEL) +
    tbl(3, tr(tc('x', '<w:gridSpan w:val="99999999"/>') + tc('y', '<w:vMerge/>'), '<w:gridBefore w:val="-5"/>')) +
    p('说明');
  for (let cut = 0; cut < xml.length; cut += 97) {
    try {
      const r = await importDocx(await makeDocx(xml.slice(0, cut)));
      assert.equal(r.origins.length, r.text.split('\n').length);
      assert.ok(
        r.text.split('\n').every((l) => l.split('\t').length <= 1001),
        'a huge gridSpan is capped',
      );
    } catch (e) {
      assert.ok(e instanceof ImportError, `cut ${cut}: ${String(e)}`);
    }
  }
});

test('automatic list numbering is written out: 一、 （一） 1. as Word shows them, through styles too', async () => {
  const lvl = (ilvl: number, fmt: string, text: string, extra = '') =>
    `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;
  const numbering =
    `<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="${W}">` +
    `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、', '<w:suff w:val="nothing"/>')}${lvl(1, 'chineseCounting', '（%2）', '<w:suff w:val="nothing"/>')}${lvl(2, 'decimal', '%3.')}</w:abstractNum>` +
    `<w:abstractNum w:abstractNumId="1">${lvl(0, 'bullet', '•')}</w:abstractNum>` +
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>' +
    '</w:numbering>';
  const styles =
    `<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="${W}">` +
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="1"/><w:ilvl w:val="0"/></w:numPr></w:pPr></w:style>' +
    '<w:style w:type="paragraph" w:styleId="MyHeading"><w:basedOn w:val="Heading1"/></w:style>' +
    '</w:styles>';
  const np = (text: string, numId: number, ilvl: number) =>
    `<w:p><w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
  const styled = (text: string, style: string) => `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
  const body =
    styled('部门主要职能', 'Heading1') +
    np('职能一', 1, 1) +
    np('职能二', 1, 1) +
    np('细项', 1, 2) +
    np('细项', 1, 2) +
    styled('部门预算编制说明', 'MyHeading') +
    np('收入', 1, 1) +
    np('要点', 2, 0);
  const r = await importDocx(await makeDocx(body, { 'word/numbering.xml': numbering, 'word/styles.xml': styles }));
  assert.deepEqual(
    lines(r.text).filter((l) => l),
    ['一、部门主要职能', '（一）职能一', '（二）职能二', '1. 细项', '2. 细项', '二、部门预算编制说明', '（一）收入', '要点'],
  );
});
