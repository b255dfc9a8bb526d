// Subject-code rules, hovers, explain and completion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, LanguageService } from '../../server/src/service.js';
import { checkDocument, type Finding } from '../../server/src/checks/index.js';
import { explainCode, explanationMarkdown } from '../../server/src/catalogue/explain.js';

const check = (...lines: string[]): Finding[] => checkDocument(analyzeText(lines.join('\n'))).filter((f) => /code/.test(f.code));

const ECON = (...rows: string[]) => [
  '某某局 2021 年部门综合预算',
  '',
  '表6',
  '',
  '一般公共预算支出明细表（按支出经济分类科目）',
  '',
  '单位：万元',
  '',
  '部门经济科目编码\t部门经济科目名称\t政府经济科目编码\t政府经济科目名称\t合计',
  ...rows,
];

test('correct codes, names (harmless variants included) and pairings are silent', () => {
  assert.deepEqual(
    check(
      ...ECON(
        '302\t商品和服务支出\t502\t机关商品和服务支出\t20.00',
        '30201\t办公费\t50201\t办公经费\t10.00',
        '30213\t维修(护)费\t50209\t维修（护）费\t5.00',
        '30227\t委托业务费\t50502\t商品和服务支出\t5.00',
      ),
    ),
    [],
  );
});

test('malformed code with the likely intended code as a quick fix', () => {
  const fs = check(...ECON('302\t商品和服务支出\t\t\t24.76', '302201\t办公费\t\t\t24.76'));
  assert.equal(fs.length, 1);
  assert.equal(fs[0].code, 'malformed-code');
  assert.equal(fs[0].severity, 1);
  assert.match(fs[0].message, /302201 的位数不对.*可能应为 30201「办公费」/);
  assert.equal(fs[0].data!.replacement, '30201');
});

test('a name other than the official one; the quick fix writes the official name', () => {
  const fs = check(...ECON('30201\t办工费\t50201\t办公经费\t10.00'));
  assert.equal(fs.length, 1);
  assert.equal(fs[0].code, 'code-name-mismatch');
  assert.match(fs[0].message, /30201 的规范名称为「办公费」，此处写作「办工费」/);
  assert.equal(fs[0].data!.replacement, '办公费');
});

test("a name that is a sibling code's official name: the code is offered as the first fix, the name as the second", () => {
  const uri = 'file:///econ.txt';
  const svc = new LanguageService();
  // whole codes: 咨询费 is 30203, not 30202 (印刷费)
  svc.open(uri, ECON('30202\t咨询费\t50201\t办公经费\t10.00').join('\n'), 1);
  const [f] = svc.diagnostics(uri).filter((x) => x.code === 'code-name-mismatch');
  assert.match(f.message, /30202 的规范名称为「印刷费」，此处写作「咨询费」；「咨询费」的编码为 30203/);
  const actions = svc.codeActions(uri, f.range);
  assert.deepEqual(
    actions.map((a) => [a.title, a.isPreferred]),
    [
      ['改为 30203（咨询费）', true],
      ['改为规范名称「印刷费」', false],
      // after the fixes, the two ways to silence a reviewed finding
      ['忽略此处的该规则（code-name-mismatch）', undefined],
      ['在本文件中关闭该规则（code-name-mismatch）', undefined],
    ],
  );
  const codeEdit = Object.values(actions[0].edit.changes)[0][0];
  assert.equal(codeEdit.newText, '30203');
  assert.equal(codeEdit.range.start.character, 0);
  assert.equal(Object.values(actions[1].edit.changes)[0][0].newText, '印刷费');
  // a misspelt name is nobody's official name: only the name fix
  svc.open(uri, ECON('30201\t办工费\t50201\t办公经费\t10.00').join('\n'), 2);
  const [g] = svc.diagnostics(uri).filter((x) => x.code === 'code-name-mismatch');
  assert.deepEqual(
    svc.codeActions(uri, g.range).map((a) => a.title),
    ['改为规范名称「办公费」', '忽略此处的该规则（code-name-mismatch）', '在本文件中关闭该规则（code-name-mismatch）'],
  );
});

test('split 类/款 columns (the Shanghai unit budget numbering 302 items in order): the fix rewrites the 款 digits only', () => {
  const text = [
    '上海市某单位2024年预算',
    '',
    '一般公共预算基本支出预算表',
    '单位：元',
    '',
    '部门预算支出经济分类科目\t\t\t预算数',
    '类\t款\t名称\t合计\t公用经费',
    '',
    '302\t01\t办公费\t69,000\t69,000',
    '',
    '302\t02\t咨询费\t20,000\t20,000',
  ].join('\n');
  const uri = 'file:///unit.txt';
  const svc = new LanguageService();
  svc.open(uri, text, 1);
  const f = svc.diagnostics(uri).find((x) => x.code === 'code-name-mismatch');
  assert.ok(f, 'the 302|02 咨询费 row is reported');
  assert.match(f.message, /「咨询费」的编码为 30203/);
  const [byCode] = svc.codeActions(uri, f.range);
  const edit = Object.values(byCode.edit.changes)[0][0];
  assert.equal(edit.newText, '03');
  assert.deepEqual(edit.range, { start: { line: 10, character: 4 }, end: { line: 10, character: 6 } });
});

test('unknown codes: economic always, function only where the catalogue lists every child', () => {
  const econ = check(...ECON('30210\t车辆运行费\t50201\t办公经费\t10.00'));
  assert.equal(econ.length, 1);
  assert.equal(econ[0].code, 'unknown-code');
  assert.match(econ[0].message, /没有编码 30210；其上级为 302「商品和服务支出」/);
  const fn = (code: string, name: string) =>
    check('某某局 2024 年部门预算', '', '单位：元', '', '功能科目编码\t功能科目名称\t合计', `${code}\t${name}\t100.00`);
  assert.equal(fn('2101507', '某某事务').length, 1, '21015 is complete: 2101507 does not exist');
  assert.deepEqual(fn('2010709', '某某税务'), [], '20107 is not marked complete: no judgement');
  assert.equal(fn('299', '某某支出').length, 1, 'every 类 is known');
});

test('year-aware: 2130601 is gone after 2020, 扶贫 is right in 2021 and 2022 accepts the new name', () => {
  const prose = (year: number, text: string) =>
    checkDocument(analyzeText([`某某局 ${year} 年部门预算`, '', text].join('\n'))).filter((f) => /code/.test(f.code));
  const gone = prose(2021, '（3）机构运行(2130601)47.5万元，较上年减少32.3万元。');
  assert.equal(gone.length, 1);
  assert.match(gone[0].message, /2021年的支出功能分类科目中没有编码 2130601；该编码2007—2020年有效/);
  assert.deepEqual(prose(2020, '（3）机构运行(2130601)47.5万元。'), []);
  assert.deepEqual(prose(2021, '扶贫（21305）95.12万元。'), []);
  assert.deepEqual(prose(2023, '巩固脱贫衔接乡村振兴（21305）95.12万元。'), []);
});

test('codes in prose: a misspelt name is reported; abbreviations and longer wordings are not', () => {
  const fs = check('某某局 2021 年部门综合预算', '', '（5）其他医疗保障管理事物(2101599)970万元，较上年减少524万元。');
  assert.equal(fs.length, 1);
  assert.equal(fs[0].code, 'code-name-mismatch');
  assert.deepEqual(
    check(
      '某某局 2024 年部门预算',
      '',
      '对个人和家庭的补助支出(303)1846.75 万元；机关对个人和家庭补助支出(509)；公务员医疗补助即干部保健费（2101103）25.00万元',
    ),
    [],
  );
});

test('code-mapping-mismatch: a 部门经济 code paired with a 政府经济 code it does not map to', () => {
  const fs = check(...ECON('30301\t离休费\t50901\t社会福利和救助\t10.00'));
  assert.equal(fs.length, 1);
  assert.equal(fs[0].code, 'code-mapping-mismatch');
  assert.match(fs[0].message, /30301「离休费」应对应政府经济分类 50905/);
});

test('numbers that are not subject codes stay silent: unit codes, dates, 文号, counts, project codes', () => {
  assert.deepEqual(
    check(
      '某某局 2024 年部门预算',
      '',
      '单位：元',
      '',
      '单位编码\t单位名称\t合计',
      '611\t渭南市医疗保障局\t100.00',
      '611001\t渭南市医疗保障局\t100.00',
      '',
      '2024年5月1日召开会议，冀财社【2020】147号文件，参会50人，项目编码13012721ZWI8XDGN，采购目录C23029900其他会计服务。',
    ),
    [],
  );
});

test('explain: complete explanations for the codes users ask about', () => {
  const a = explainCode('2101501')!;
  assert.deepEqual(
    a.path.map((p) => p.name),
    ['卫生健康支出', '医疗保障管理事务', '行政运行'],
  );
  assert.equal(a.level, '项');
  assert.match(a.explanation, /行政单位/);
  const b = explainCode('30201')!;
  assert.ok(b.related.some((r) => r.code === '50201' && r.name === '办公经费'));
  assert.match(explanationMarkdown(explainCode('50201')!), /30201 办公费/);
  assert.match(explainCode('2080505')!.name, /机关事业单位基本养老保险缴费支出/);
  assert.equal(explainCode('2130599', 2021)!.name, '其他扶贫支出');
  assert.equal(explainCode('9999999'), undefined);
});

test('hover on a code shows its meaning and where the document uses it; completion proposes children', () => {
  const svc = new LanguageService();
  const text = [
    '某某局 2024 年部门预算',
    '',
    '单位：元',
    '',
    '功能科目编码\t功能科目名称\t合计',
    '210\t卫生健康支出\t100.00',
    '21015\t医疗保障管理事务\t100.00',
    '2101501\t行政运行\t100.00',
    '',
    '其中行政运行（2101501）100.00元。',
    '21015',
  ].join('\n');
  svc.open('u', text);
  const h = svc.hover('u', { line: 7, character: 2 })!;
  assert.match(h.contents.value, /\*\*2101501 行政运行\*\*/);
  assert.match(h.contents.value, /本文档中/);
  const prose = svc.hover('u', { line: 9, character: 8 })!;
  assert.match(prose.contents.value, /医疗保障管理事务（21015） › 行政运行/);
  const items = svc.completions('u', { line: 10, character: 5 });
  assert.ok(items.some((i) => i.label === '2101501' && i.detail === '行政运行'));
  assert.ok(items.every((i) => i.label.startsWith('21015')));
});

test('local codes: valid entries extend the catalogue; every problem is reported with its line', async () => {
  const { parseLocalCodes } = await import('../../server/src/catalogue/localCodes.js');
  const { catalogue } = await import('../../server/src/catalogue/catalogue.js');
  const text = [
    '{ "codes": [',
    '  { "code": "2109901", "name": "省级卫生健康专项", "valid": "2024-" },',
    '  { "code": "21099011", "name": "坏编码" },',
    '  { "code": "2999901", "name": "没有上级" },',
    '  { "code": "2101599", "name": "" }',
    '] }',
  ].join('\n');
  const { entries, problems } = parseLocalCodes(text);
  assert.deepEqual(
    entries.map((e) => e.code),
    ['2109901'],
  );
  assert.deepEqual(
    problems.map((p) => p.line),
    [2, 3, 4],
  );
  assert.match(parseLocalCodes('{ "codes": [ oops ] }').problems[0].message, /不是有效的 JSON/);
  // the message never echoes the file's bytes (a binary file, or a link to some other file)
  assert.doesNotMatch(parseLocalCodes('\u0000\u0001secret{').problems[0].message, /secret|\u0000/);
  assert.match(parseLocalCodes('[]').problems[0].message, /codes/);
  try {
    catalogue().setLocal(entries);
    assert.equal(catalogue().lookup('2109901', 2024)?.name, '省级卫生健康专项');
    assert.equal(catalogue().lookup('2101599')?.source.startsWith('本地'), false, 'national entries are never replaced');
  } finally {
    catalogue().setLocal([]);
  }
  assert.equal(catalogue().lookup('2109901', 2024), undefined);
});

// Cut from a 基本支出 table of a 2026 Shandong department budget (烟台): 部门 and 政府 economic codes side by side,
// each over its own 类/款 columns, under a two-row header.
const SIDE_BY_SIDE = (...rows: string[]) => [
  '公开表6',
  '',
  '一般公共预算基本支出情况表',
  '单位：万元',
  '',
  '部门预算支出经济分类科目\t\t\t政府预算支出经济分类科目\t\t\t基本支出预算\t\t',
  '类\t款\t科目名称\t类\t款\t科目名称\t小计\t人员支出\t日常公用支出',
  ...rows,
];

test('部门 and 政府 economic codes side by side in split 类|款 columns: each column read as its own code (no false unknown-code, no figure read from 01)', () => {
  const rows = [
    '301\t\t工资福利支出\t501\t\t机关工资福利支出\t618.50\t618.50\t',
    '301\t01\t基本工资\t501\t01\t工资奖金津补贴\t295.56\t295.56\t',
    '301\t02\t津贴补贴\t501\t01\t工资奖金津补贴\t322.94\t322.94\t',
  ];
  assert.deepEqual(
    checkDocument(analyzeText(SIDE_BY_SIDE(...rows).join('\n'))).map((f) => `${f.code} ${f.message}`),
    [],
  );
  const table = analyzeText(SIDE_BY_SIDE(...rows).join('\n')).tables[0];
  const row = table.rows.find((r) => r.cells.some((c) => c.text === '基本工资'))!;
  assert.deepEqual(
    row.cells.filter((c) => c.kind === 'code').map((c) => c.code),
    ['301', '30101', '501', '50101'],
  );
  assert.ok(!row.cells.some((c) => c.kind === 'amount' && c.text === '01'));
});

test("a 部门 code in a 政府 column is still reported where the column's other codes agree with its header", () => {
  const fs = check(
    ...ECON(
      '302\t商品和服务支出\t502\t机关商品和服务支出\t30.00',
      '30201\t办公费\t50201\t办公经费\t10.00',
      '30202\t印刷费\t30202\t印刷费\t10.00',
      '30213\t维修(护)费\t50209\t维修（护）费\t10.00',
    ),
  );
  assert.ok(
    fs.some((f) => f.code === 'unknown-code' && /30202 是部门预算支出经济分类科目编码，不应出现在政府/.test(f.message)),
    fs.map((f) => f.message).join('\n'),
  );
});

test("7-digit local economic codes under a known 款 (重庆: 3010201 under 30102) are the province's own: no malformed-code; the 款 still sums them", () => {
  const rows = ['合计\t\t1,479.67', '30102\t津贴补贴\t1,479.67', '3010201\t规范性津补贴\t1,205.76', '3010202\t其他津补贴\t273.91'];
  const text = ['表七', '', '2026年一般公共预算基本支出情况表', '', '单位：万元', '', '科目编码\t科目名称\t合计', ...rows].join('\n');
  assert.deepEqual(
    checkDocument(analyzeText(text)).map((f) => f.code),
    [],
  );
  const wrong = checkDocument(analyzeText(text.replace('273.91', '263.91')));
  assert.ok(
    wrong.some((f) => f.code === 'sum-mismatch' && /30102/.test(f.message)),
    wrong.map((f) => f.message).join('\n'),
  );
  // a 7-digit economic code under no known 款 is still malformed
  assert.ok(check(...ECON('3024301\t其他\t\t\t1.00')).some((f) => f.code === 'malformed-code'));
});

// Rows cut from the 2026 budgets of 福州 departments (corpus c066–c073): the budget system prints the whole
// 部门经济分类 list, with 31206 under 312 and 31101 named with the qualifier of its 类 311.
test("a 2026 economic list as budget systems print it (福州): 31206 其他资本性补助 exists; a parent's qualifier repeated is no mismatch", () => {
  const table = (year: number, ...rows: string[]) =>
    [
      `福州市某某局${year}年部门预算`,
      '',
      `${year}年度一般公共预算基本支出经济分类情况表`,
      '',
      '单位：万元',
      '',
      '科目编码\t科目名称\t预算数',
      '合计\t\t12.00',
      '310\t资本性支出\t12.00',
      '31002\t办公设备购置\t12.00',
      ...rows,
    ].join('\n');
  const codes = (text: string) => checkDocument(analyzeText(text)).filter((f) => /code/.test(f.code));
  const rows = [
    '311\t对企业补助（基本建设）\t',
    '31101\t资本金注入（基本建设）\t',
    '31199\t其他对企业补助\t',
    '312\t对企业补助\t',
    '31201\t资本金注入\t',
    '31205\t利息补贴\t',
    '31206\t其他资本性补助\t',
    '31299\t其他对企业补助\t',
  ];
  assert.deepEqual(
    codes(table(2026, ...rows)).map((f) => f.message),
    [],
  );
  // must: before 2026 no edition has 31206; a qualifier the parent does not carry is a different name
  assert.ok(codes(table(2025, ...rows)).some((f) => f.code === 'unknown-code' && /31206/.test(f.message)));
  const other = codes(
    table(2026, '312\t对企业补助\t', '31201\t资本金注入（基本建设）\t', '311\t对企业补助（基本建设）\t', '31101\t资本金注入（其他）\t'),
  );
  assert.deepEqual(
    other.map((f) => f.code),
    ['code-name-mismatch', 'code-name-mismatch'],
    other.map((f) => f.message).join('\n'),
  );
});

test('codes entered from documents: known from the year documents first used them, not reported before it', () => {
  const FUNC = (year: number, ...rows: string[]) =>
    [`某某局 ${year} 年部门预算`, '', '表5 一般公共预算支出功能分类预算表', '单位：万元', '科目编码\t科目名称\t合计', ...rows].join('\n');
  const codes = (text: string) => checkDocument(analyzeText(text)).filter((f) => /code/.test(f.code));
  const rows = [
    '201\t一般公共服务支出\t3.00',
    '20133\t宣传事务\t1.00',
    '2013304\t宣传管理\t1.00',
    '20140\t信访事务\t2.00',
    '2014004\t信访业务\t2.00',
  ];
  assert.deepEqual(codes(FUNC(2026, ...rows)), [], '2013304 under the complete 20133, and the 20140 款: used by documents of 2026');
  assert.deepEqual(codes(FUNC(2024, ...rows)), [], 'a 2024 document: no document of 2024 shows them, which does not make them unknown');
  // an entry of the national list keeps its years: 2130601 ended in 2020
  assert.ok(
    codes(FUNC(2021, '213\t农林水支出\t1.00', '21306\t农业综合开发\t1.00', '2130601\t机构运行\t1.00')).some(
      (f) => f.code === 'unknown-code',
    ),
  );
  // the name a document writes is still checked against the entry's
  const named = codes(FUNC(2026, '201\t一般公共服务支出\t2.00', '20140\t信访事务\t2.00', '2014004\t信访接待\t2.00'));
  assert.deepEqual(
    named.map((f) => f.code),
    ['code-name-mismatch'],
  );
});

test('20140 信访事务 is complete by the evidence (12 places, the same six 项): a seventh is unknown', () => {
  const text = [
    '某某局 2026 年部门预算',
    '',
    '表5 一般公共预算支出功能分类预算表',
    '单位：万元',
    '科目编码\t科目名称\t合计',
    '201\t一般公共服务支出\t1.00',
    '20140\t信访事务\t1.00',
    '2014007\t信访接待\t1.00',
  ].join('\n');
  const fs = checkDocument(analyzeText(text)).filter((f) => f.code === 'unknown-code');
  assert.equal(fs.length, 1);
  assert.match(fs[0].message, /2014007/);
});
