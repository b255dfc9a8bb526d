// The HTML importer: budget tables written in the test from real rows, and real government pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { damagedCopies, importsOrRefuses } from '../helpers/damage.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importHtml } from '../../server/src/import/html.js';
import { ImportError } from '../../server/src/import/types.js';

const page = (body: string, head = '<meta charset="utf-8">') =>
  `<!DOCTYPE html><html><head>${head}<title>页面标题</title></head><body>${body}</body></html>`;
const utf8 = (s: string) => new TextEncoder().encode(s);
const lines = (text: string) => text.split('\n');
const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'originals', 'html', name));

/** GBK bytes of a string, by inverting the platform's GB18030 decoder over the two-byte range. */
function gbk(s: string): Uint8Array {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const out: number[] = [];
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const b = table.get(ch);
      assert.ok(b, `no GBK code for ${ch}`);
      out.push(...b);
    }
  }
  return new Uint8Array(out);
}

// 2025年部门支出预算总表 of test/fixtures/more-docs/04_pt_czj_2025_dept_budget.txt, as a web page would
// publish it: a two-row header with the code columns under one merged heading.
const EXPENDITURE_TABLE = `
<p class="MsoNormal" align="center"><b>2025年部门支出预算总表</b></p>
<table border="1" cellspacing="0">
 <tr><td colspan="3">功能分类科目编码</td><td rowspan="2">功能分类科目名称</td><td colspan="3">支出预算</td></tr>
 <tr><td>类</td><td>款</td><td>项</td><td>合计</td><td>基本支出</td><td>项目支出</td></tr>
 <tr><td>201</td><td></td><td></td><td>一般公共服务支出</td><td>22,186,440.80</td><td>16,093,326.00</td><td>6,093,114.80</td></tr>
 <tr><td>201</td><td>06</td><td>01</td><td>行政运行</td><td>16,231,840.80</td><td>16,093,326.00</td><td>138,514.80</td></tr>
 <tr><td>201</td><td>06</td><td>02</td><td>一般行政管理事务</td><td>100,000.00</td><td>&nbsp;</td><td>100,000.00</td></tr>
 <tr><td colspan="4">合计</td><td>31,214,205.80</td><td>25,121,091.00</td><td>6,093,114.80</td></tr>
</table>`;

test('colspan and rowspan are laid out on a grid: text in the first cell of a span, the covered cells empty', async () => {
  const r = await importHtml(utf8(page(EXPENDITURE_TABLE)));
  assert.equal(r.format, 'html');
  assert.deepEqual(lines(r.text), [
    '2025年部门支出预算总表',
    '',
    '功能分类科目编码\t\t\t功能分类科目名称\t支出预算\t\t',
    '类\t款\t项\t\t合计\t基本支出\t项目支出',
    '201\t\t\t一般公共服务支出\t22,186,440.80\t16,093,326.00\t6,093,114.80',
    '201\t06\t01\t行政运行\t16,231,840.80\t16,093,326.00\t138,514.80',
    '201\t06\t02\t一般行政管理事务\t100,000.00\t\t100,000.00',
    '合计\t\t\t\t31,214,205.80\t25,121,091.00\t6,093,114.80',
  ]);
  assert.deepEqual(r.origins, [undefined, undefined, ...[1, 2, 3, 4, 5, 6].map((row) => ({ table: 1, row }))]);
  assert.deepEqual(r.problems, []);
});

test('a two-panel 收支总表: 收入 and 支出 side by side, a row span in the left panel', async () => {
  const html = page(`<table>
    <tr><td colspan="2">财政拨款收入</td><td colspan="3">财政拨款支出</td></tr>
    <tr><th>项目</th><th>预算数</th><th>项目</th><th>合计</th><th>一般公共预算</th></tr>
    <tr><td rowspan="2">一、一般公共预算资金</td><td rowspan="2">31,214,205.80</td><td>一、一般公共服务支出</td><td>22,186,440.80</td><td>22,186,440.80</td></tr>
    <tr><td>二、社会保障和就业支出</td><td>3,508,644.00</td><td>3,508,644.00</td></tr>
    <tr><td>二、政府性基金</td><td></td><td>三、卫生健康支出</td><td>782,164.00</td><td>782,164.00</td></tr>
    <tr><td>收入总计</td><td>31,214,205.80</td><td>支出总计</td><td>31,214,205.80</td><td>31,214,205.80</td></tr>
  </table>`);
  const r = await importHtml(utf8(html));
  assert.deepEqual(
    lines(r.text).map((l) => l.split('\t')),
    [
      ['财政拨款收入', '', '财政拨款支出', '', ''],
      ['项目', '预算数', '项目', '合计', '一般公共预算'],
      ['一、一般公共预算资金', '31,214,205.80', '一、一般公共服务支出', '22,186,440.80', '22,186,440.80'],
      ['', '', '二、社会保障和就业支出', '3,508,644.00', '3,508,644.00'],
      ['二、政府性基金', '', '三、卫生健康支出', '782,164.00', '782,164.00'],
      ['收入总计', '31,214,205.80', '支出总计', '31,214,205.80', '31,214,205.80'],
    ],
  );
});

test('<br>, wrapped source lines, paragraphs and &nbsp; inside a cell make one field', async () => {
  const html = page(`<table><tr>
      <td>一般公共预算<br/>拨款收入</td>
      <td>
        机关事业单位基本养老
        保险缴费支出
      </td>
      <td><p class="MsoNormal"><span>政府性</span></p><p>基金预算</p></td>
      <td>&nbsp;1,748,327.00&nbsp;</td>
      <td>Line one<br>line two</td>
    </tr><tr><td>a</td><td></td><td>\tb\t</td><td></td><td>c</td></tr></table>`);
  const r = await importHtml(utf8(html));
  assert.deepEqual(lines(r.text), [
    '一般公共预算拨款收入\t机关事业单位基本养老保险缴费支出\t政府性基金预算\t1,748,327.00\tLine one line two',
    'a\t\tb\t\tc',
  ]);
});

test('a data table nested in a layout table: the layout is read as prose, the data as a table', async () => {
  const html = page(`<table width="100%"><tr><td>
      <div>首页 &gt; 财政信息</div>
      <p>一、部门主要职能</p><p>负责本区财政工作。</p>
      <table><tr><td>项目</td><td>预算数</td></tr><tr><td>合计</td><td><table><tr><td>1.00</td></tr></table></td></tr></table>
      <p>注：无。</p>
    </td></tr></table>`);
  const r = await importHtml(utf8(html));
  assert.deepEqual(lines(r.text), [
    '首页 > 财政信息',
    '',
    '一、部门主要职能',
    '',
    '负责本区财政工作。',
    '',
    '项目\t预算数',
    '合计\t1.00',
    '',
    '注：无。',
  ]);
  // the data table is the second <table> of the page; the one-cell frame around 1.00 is its text
  assert.deepEqual(r.origins[6], { table: 2, row: 1 });
  assert.deepEqual(r.origins[7], { table: 2, row: 2 });
});

test('prose: headings, paragraphs and list items one a line, blank lines between; scripts and styles dropped', async () => {
  const html = page(`<script>var x = "<td>no</td>";</script><style>p { color: red }</style>
    <h1>2025年部门预算</h1><div>第一段
    接着第一段。</div><ul><li>甲</li><li>乙</li></ul><p>one<br>two</p><noscript>请启用脚本</noscript>`);
  const r = await importHtml(utf8(html));
  assert.deepEqual(lines(r.text), ['2025年部门预算', '', '第一段接着第一段。', '', '甲', '', '乙', '', 'one', '', 'two']);
  assert.ok(r.origins.every((o) => o === undefined));
  assert.ok(!r.text.includes('页面标题'));
});

test('a GBK page with <meta charset=gb2312> is decoded', async () => {
  const r = await importHtml(
    gbk(
      page(
        '<table><tr><td>项目</td><td>合计</td></tr><tr><td>行政运行</td><td>16,231,840.80</td></tr></table>',
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
      ),
    ),
  );
  assert.deepEqual(lines(r.text), ['项目\t合计', '行政运行\t16,231,840.80']);
  assert.deepEqual(r.problems, []);
});

test('a page that claims utf-8 but is GBK is read as GB18030, and says so', async () => {
  const r = await importHtml(gbk(page('<p>部门预算公开说明</p>', '<meta charset="utf-8">')));
  assert.equal(r.text, '部门预算公开说明');
  assert.match(r.problems[0].message, /not UTF-8; read as GB18030/);
});

test('a GBK page without a declaration, and a UTF-8 page with a BOM, are decoded', async () => {
  assert.equal((await importHtml(gbk('<html><body><p>财政拨款收支总表</p></body></html>'))).text, '财政拨款收支总表');
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('<p>一般公共预算</p>')]);
  assert.equal((await importHtml(bom)).text, '一般公共预算');
});

test('a page with no text, binary garbage and other formats are ImportErrors with one-line messages', async () => {
  let seed = 3;
  const garbage = new Uint8Array(4096).map(() => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256);
  const cases: [Uint8Array, RegExp][] = [
    [utf8(page('<script>document.write("表")</script><img src="a.png">')), /no text/],
    [utf8(''), /no text/],
    [garbage, /not an HTML page/],
    [utf8('%PDF-1.7\n...'), /PDF/],
    [new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), /zip/],
  ];
  for (const [bytes, re] of cases) {
    await assert.rejects(importHtml(bytes), (e: unknown) => e instanceof ImportError && re.test(e.message) && !e.message.includes('\n'));
  }
});

test('real page: a metadata table with colspan="3" keeps its columns (温州 审计局)', async () => {
  const r = await importHtml(fixture('c105_温州_审计局_2026年部门预算.html'));
  const t = lines(r.text);
  const i = t.indexOf('索引号\t11330300002518815L/2026-1010497865\t\t');
  assert.ok(i >= 0, r.text);
  assert.equal(t[i + 1], '组配分类\t财政预决算\t发布机构\t温州市审计局');
  assert.deepEqual(r.origins[i], { table: 3, row: 1 });
  assert.ok(t.includes('温州市审计局2026年部门预算'));
  // the page embeds the disclosure as a PDF: there is nothing else to read
  assert.ok(t.includes('如果内容不能正常显示，请安装pdf阅读器'));
});

test('real page: a table nested in a layout table, a long article as paragraphs (杭州 政府办公厅)', async () => {
  const r = await importHtml(fixture('c050_杭州_政府办公厅_2026年部门预算.html'));
  const t = lines(r.text);
  const i = t.indexOf('索引号:\t113301000024894011/2026-1010451937\t公开方式:\t主动公开');
  assert.ok(i >= 0, r.text);
  assert.equal(t[i + 3], '有效性:\t有效\t统一编号:\tZJAC01-2026-0002');
  assert.equal(r.origins[i]?.row, 1);
  assert.ok(t.includes('一、总体要求'));
  assert.ok(!r.text.includes('.xxgkinfo'), 'the <style> inside the cell is not text');
  assert.ok(t.filter((l) => l.includes('\t')).length <= 6, 'the article is prose, not table rows');
});

test('real page: an article inside a layout table, with links to .docx attachments (济南 信访局)', async () => {
  const r = await importHtml(fixture('c076_济南_信访局_2026年部门预算.html'));
  const t = lines(r.text);
  assert.ok(t.includes('一、主动公开政府信息'));
  assert.ok(t.includes('（一）主动公开范围'));
  assert.ok(!t.some((l) => l.includes('\t')));
  assert.match(r.problems.map((p) => p.message).join('\n'), /no data tables; it links to 2 document\(s\) \(\S+\.docx/);
});

test('real page: a list table with a <thead> (南通 水务局)', async () => {
  const r = await importHtml(fixture('c083_南通_水务局_2026年部门预算.html'));
  const t = lines(r.text);
  const i = t.indexOf('意见\t昵称\t时间');
  assert.ok(i >= 0, r.text);
  assert.equal(t[i + 1], '同意\t百通用户\t2026-02-11');
  assert.equal(t[i - 1], '');
});

test('every line has an origin slot; table lines never hold a newline inside a field', async () => {
  for (const name of [
    'c050_杭州_政府办公厅_2026年部门预算.html',
    'c076_济南_信访局_2026年部门预算.html',
    'c083_南通_水务局_2026年部门预算.html',
    'c105_温州_审计局_2026年部门预算.html',
  ]) {
    const r = await importHtml(fixture(name));
    assert.equal(r.origins.length, lines(r.text).length, name);
    lines(r.text).forEach((l, n) => {
      if (l === '') assert.equal(r.origins[n], undefined);
      if (l.includes('\t')) assert.ok(r.origins[n]?.table, `${name}:${n}`);
      assert.equal(l, l.trim() === '' ? '' : l, 'no whitespace-only lines');
    });
    assert.ok(!/\n\n\n/.test(r.text), 'one blank line between blocks');
  }
});

test('truncated and bit-flipped pages either import or throw ImportError, nothing else', async () => {
  const sources = [fixture('c105_温州_审计局_2026年部门预算.html'), gbk(page(EXPENDITURE_TABLE, '<meta charset="gbk">'))];
  for (const good of sources) {
    for (const [i, bytes] of damagedCopies(new Uint8Array(good), { seed: 11, cut: 30, flipped: 30, flips: 18 }).entries())
      await importsOrRefuses(importHtml, bytes, `case ${i}`);
  }
});

test('hostile spans are capped: colspan=99999999 and rowspan=99999999 do not blow up', async () => {
  const r = await importHtml(
    utf8(page('<table><tr><td colspan="99999999" rowspan="99999999">a</td><td>b</td></tr><tr><td>c</td></tr></table>')),
  );
  const t = lines(r.text);
  assert.equal(t.length, 2);
  assert.ok(t[0].split('\t').length <= 1001);
});
