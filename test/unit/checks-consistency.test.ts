// Words, years and unit names against what the document itself says (wording-mismatch, year-mismatch,
// unit-name-mismatch): what each must flag, and the look-alikes it must leave alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/service.js';
import { checkDocument, type Finding } from '../../server/src/checks/index.js';
import { sameUnit, titleUnit } from '../../server/src/checks/consistency.js';
import { quickFixes } from '../../server/src/features/codeActions.js';

const RULES = /^(?:wording-mismatch|year-mismatch|unit-name-mismatch)$/;
const check = (...lines: string[]): Finding[] => checkDocument(analyzeText(lines.join('\n'))).filter((f) => RULES.test(f.code));
/** What a finding covers, as printed. */
const covered = (text: string, f: Finding) => text.split('\n')[f.range.start.line].slice(f.range.start.character, f.range.end.character);

const FINAL = ['上海市普陀区财政局', '2024年度部门决算', '', '（三）一般公共预算财政拨款支出决算具体情况', ''];

test('决算数大于预算数 under a smaller 决算 is flagged on the word, with both figures; the right word is not', () => {
  const lines = [...FINAL, '1、行政运行（项）。年初预算为1560.05万元，支出决算为1511.89万元。决算数大于预算数的主要原因：人员变化。'];
  const found = check(...lines);
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'wording-mismatch');
  assert.equal(found[0].severity, 1, 'an error by default');
  assert.equal(covered(lines.join('\n'), found[0]), '大于');
  assert.match(found[0].message, /决算数大于预算数.*1560\.05万元.*1511\.89万元.*决算数小于预算数/);
  assert.equal(found[0].data?.expected, '小于');
  assert.equal(found[0].relatedInformation?.length, 2);
  assert.deepEqual(
    check(...FINAL, '1、行政运行（项）。年初预算为1560.05万元，支出决算为1511.89万元。决算数小于预算数的主要原因：人员变化。'),
    [],
  );
});

test('决算数等于/持平 with a difference is flagged; 基本持平 and figures equal within rounding are not', () => {
  assert.equal(
    check(...FINAL, '9、行政单位医疗（项）。年初预算为62.29万元，支出决算为60.99万元。决算数等于预算数的主要原因：测算。').length,
    1,
  );
  assert.deepEqual(check(...FINAL, '2、一般行政管理事务（项）。年初预算为10.00万元，支出决算为9.80万元。决算数与预算数基本持平。'), []);
  assert.deepEqual(check(...FINAL, '2、一般行政管理事务（项）。年初预算为10.00万元，支出决算为10.00万元。决算数与预算数持平。'), []);
  // 10.00 and 10.00 may stand for 10.004 and 10.001: 大于 cannot be shown wrong
  assert.deepEqual(
    check(...FINAL, '2、一般行政管理事务（项）。年初预算为10.00万元，支出决算为10.00万元。决算数大于预算数的主要原因：追加。'),
    [],
  );
});

test('a statement that opens the paragraph after its figures is read with them (converters break after 。)', () => {
  const found = check(
    ...FINAL,
    '12、其他（项）。年初预算为 54.53 万元，支出决算为 50.88 万元。',
    '',
    '完成年初预算的 93.31%。决算数同预算数持平。',
  );
  assert.equal(found.length, 1);
  assert.match(found[0].message, /决算数同预算数持平/);
});

test('a 年初 statement is judged against the 年初 budget, not the adjusted one; figures of other items in between stop it', () => {
  // 决算 100 > 年初 90 but < 调整 120: 大于年初预算数 is right, 大于调整预算数 is not
  const pair = '年初预算为90.00万元，调整预算为120.00万元，支出决算为100.00万元。';
  assert.deepEqual(check(...FINAL, `1、行政运行（项）。${pair}决算数大于年初预算数的主要原因：追加。`), []);
  assert.equal(check(...FINAL, `1、行政运行（项）。${pair}决算数大于调整预算数的主要原因：追加。`).length, 1);
  assert.deepEqual(
    check(
      ...FINAL,
      '“三公”经费年初预算为0.95万元，支出决算为0.00万元，其中：公务接待费支出决算为1.00万元。决算数大于预算数的主要原因：接待。',
    ),
    [],
    'the figure before the statement is an item, not the pair: the statement is not read',
  );
});

test('较上年增加 under a figure of 0 is flagged; an increase of 0, and a change that may be the total’s, are not', () => {
  const text = [
    '2023年部门预算',
    '',
    '一般公共预算拨款支出预算16497.86万元，比2022年预算增加1421.25万元；政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元。',
  ];
  const found = check(...text);
  assert.equal(found.length, 1);
  assert.equal(covered(text.join('\n'), found[0]), '增加');
  assert.match(found[0].message, /「政府性基金拨款支出预算」为 0万元，却写「比2022年预算增加1421\.25万元」/);
  assert.deepEqual(
    check('2026年部门预算', '', '公务用车购置费0万元，比上年增加0万元；公务用车运行维护费24.8万元，比上年减少5.45万元。'),
    [],
  );
  assert.deepEqual(
    check(
      '2024年部门预算',
      '',
      '本部门2024年预算收入1,246.27万元，其中：一般公共预算拨款1,246.27万元、上年结转0万元，较上年增加152.20万元。',
    ),
    [],
  );
  assert.deepEqual(check('2024年部门预算', '', '“三公”经费预算0万元，比上年减少3万元。'), [], 'a fall to zero is right');
});

test('增加/减少 against a printed comparison level', () => {
  const wrong = check('2026年部门预算', '', '2026年支出预算9626.78万元，比2025年年初预算数9819.98万元增加193.20万元。');
  assert.equal(wrong.length, 1);
  assert.match(wrong[0].message, /「增加」.*9626\.78万元.*9819\.98万元.*「减少」/);
  assert.equal(wrong[0].data?.expected, '减少');
  assert.deepEqual(check('2026年部门预算', '', '2026年支出预算9626.78万元，比2025年年初预算数9819.98万元减少193.20万元。'), []);
  assert.deepEqual(check('2026年部门预算', '', '委托业务费预算为332.14万元，比上年预算（上年290万元）增加42.14万元。'), []);
  assert.equal(check('2026年部门预算', '', '委托业务费预算为332.14万元，比上年预算（上年290万元）持平。').length, 1, '持平 with a change');
});

test('持平 with a zero change is right; 持平 beside a change or a growth rate is not; 基本持平 is a judgement', () => {
  assert.deepEqual(check('2026年部门预算', '', '2026年预算安排14.09万元，与上年持平。'), []);
  assert.deepEqual(check('2026年部门预算', '', '2026年预算安排14.09万元，比上年增加0万元，与上年持平。'), []);
  assert.equal(check('2026年部门预算', '', '2026年预算安排15.00万元，与上年持平，增长5%。').length, 1);
  assert.deepEqual(check('2026年部门预算', '', '2026年收入预算5,876.67万元，比上年执行数增加48.92万元，增长0.8%，与上年基本持平。'), []);
  const flat = check('2026年部门预算', '', '2026年收入预算5,876.67万元，比上年执行数增加48.92万元，增长0.8%，与上年持平。');
  assert.equal(flat.length, 1);
  assert.match(flat[0].message, /持平.*增加48\.92万元/);
});

const SANGONG = (row: string, prose: string) =>
  [
    '上海市普陀区财政局',
    '2024年度部门决算',
    '',
    '财政拨款“三公”经费支出决算表',
    '',
    '单位：万元',
    '',
    '合计\t\t因公出国（境）费\t\t公务用车购置及运行费\t\t公务接待费\t',
    '预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数',
    row,
    '',
    '七、财政拨款“三公”经费支出决算情况说明',
    '',
    prose,
  ].join('\n');

test('三公 spending described under a 三公 table without a figure; not under a table that has them, nor zero or last year’s', () => {
  const text = SANGONG('', '“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元。');
  const found = checkDocument(analyzeText(text)).filter((f) => RULES.test(f.code));
  assert.equal(found.length, 1);
  assert.equal(covered(text, found[0]), '0.95');
  assert.match(found[0].message, /「财政拨款“三公”经费支出决算表」为空表/);
  const none = (t: string) =>
    assert.deepEqual(
      checkDocument(analyzeText(t)).filter((f) => RULES.test(f.code)),
      [],
    );
  none(SANGONG('0.95\t0.00\t\t\t\t\t0.95\t0.00', '“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元。'));
  none(SANGONG('', '“三公”经费财政拨款支出年初预算为0万元，支出决算为0.00万元，比上年减少3万元。'));
  none(SANGONG('', '上年“三公”经费支出决算为3.00万元，本年无“三公”经费支出。'));
});

test('a heading of another year and another year-end in a 决算 are flagged, with the document’s year as the fix', () => {
  const lines = [
    '上海市普陀区财政局',
    '2024年度部门决算',
    '',
    '第二部分 上海市普陀区财政局2024年度部门决算表',
    '',
    '第三部分 上海市普陀区财政局2023年度部门决算情况说明',
    '',
    '上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元。',
    '',
    '本部门按照《关于做好2023年度部门决算编制工作的通知》（财预〔2023〕12号）编制，执行2021年印发的办法。',
    '',
    '截至2023年12月31日，共有车辆0辆。截至2025年6月，问题已整改。',
  ];
  const text = lines.join('\n');
  const found = check(...lines);
  assert.deepEqual(
    found.map((f) => [f.code, f.range.start.line, covered(text, f), f.severity]),
    [
      ['year-mismatch', 5, '2023', 2],
      ['year-mismatch', 11, '2023', 2],
    ],
  );
  assert.match(found[0].message, /2024 年决算.*2023 年/);
  const fixes = quickFixes('file:///a', found, found[1].range);
  assert.equal(fixes.length, 1);
  assert.deepEqual(fixes[0].edit.changes['file:///a'], [{ range: found[1].range, newText: '2024' }]);
});

test('comparisons: with the year before (and a budget with the 决算 before that) are right; with another year are not', () => {
  const budget = ['上海市普陀区2025年区级部门预算', '', '1. 2025年部门财务收支预算总表', '2. 2025年部门收入预算总表', ''];
  assert.deepEqual(check(...budget, '财政拨款收入100万元，比2024年预算增加10万元，比2023年决算数增加20万元。'), []);
  const wrong = check(...budget, '财政拨款收入100万元，比2022年预算增加10万元。');
  assert.equal(wrong.length, 1);
  assert.equal(wrong[0].data?.replacement, '2024');
});

test('a budget: last year’s 决算 table, this year’s 绩效目标 and a later plan are right; a past year’s 绩效目标表 is not', () => {
  const budget = ['上海市普陀区2025年区级部门预算', '', '1. 2025年部门财务收支预算总表', '2. 2025年部门收入预算总表', ''];
  assert.deepEqual(
    check(...budget, '2024年度部门决算表', '', '2025年度绩效目标表', '', '2026—2027年绩效目标', '', '截至2024年8月31日，共有车辆0辆。'),
    [],
  );
  const found = check(...budget, '2024年度项目绩效目标表');
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'year-mismatch');
  // titles that disagree among themselves (a bundle, a year read from the wrong line): nothing is said
  assert.deepEqual(check('2024年部门预算', '', '2025年部门预算', '', '2025年部门收入预算总表', '', '2025年部门支出预算总表'), []);
});

test('the title’s unit: from the cover label, or the name around the year over several lines', () => {
  const unit = (text: string) => titleUnit(analyzeText(text))?.name;
  assert.equal(unit('上海市普陀区2025年区级部门预算\n\n预算主管部门：上海市普陀区财政局\n\n目录'), '上海市普陀区财政局');
  assert.equal(unit('上海市普陀区规划和自然\n资源局\n2024 年度部门决算\n\n目\t录'), '上海市普陀区规划和自然资源局');
  assert.equal(unit('2026年\n广州市信访局部门预算\n目录'), '广州市信访局');
  assert.equal(unit('北京市信访办公室部门2026年度部门预算\n信息公开'), '北京市信访办公室');
  assert.equal(unit('上海市普陀区2026年区级部门预算\n\n预算主管部门：上海市普陀区XX局'), undefined, 'a placeholder is no unit');
});

test('abbreviations are the same unit; a name that keeps the higher region and drops the unit’s own is another', () => {
  for (const [name, own] of [
    ['区财政局', '上海市普陀区财政局'],
    ['普陀区财政局', '上海市普陀区财政局'],
    ['财政局', '上海市普陀区财政局'],
    ['区商务委', '上海市普陀区商务委员会'],
    ['区规划资源局', '上海市普陀区规划和自然资源局'],
    ['市委宣传部', '中共烟台市委宣传部'],
    ['深圳市财政局', '深圳市财政局（本级）'],
  ])
    assert.ok(sameUnit(name, own), `${name} for ${own}`);
  for (const [name, own] of [
    ['上海市规划和自然资源局', '上海市普陀区规划和自然资源局'],
    ['上海市普陀区商务委员会', '上海市普陀区财政局'],
    ['上海市普陀区税务局', '上海市普陀区财政局'],
  ])
    assert.ok(!sameUnit(name, own), `${name} is not ${own}`);
});

test('a header or a title naming another unit is flagged with the title’s name as the fix; sub-units and look-alikes are not', () => {
  const lines = [
    '上海市普陀区规划和自然资源局',
    '2024年度部门决算',
    '',
    '第一部分 上海市普陀区规划和自然资源局概况',
    '',
    '二、部门决算单位构成',
    '',
    '纳入上海市普陀区规划和自然资源局 2024 年度部门决算编制范围的单位包括：上海市普陀区土地发展中心、上海市普陀区规划和自然资源局执法大队。',
    '',
    '第二部分 上海市规划和自然资源局2024年度部门决算表',
    '',
    '编制单位：上海市普陀区商务委员会',
    '',
    '编制单位：区规划资源局',
    '',
    '单位名称：上海市普陀区土地发展中心',
    '',
    '责任部门：办公室',
    '',
    '第二部分 上海市普陀区XX局2024年度部门决算表',
  ];
  const text = lines.join('\n');
  const found = check(...lines);
  assert.deepEqual(
    found.map((f) => [f.code, f.range.start.line, covered(text, f), f.severity]),
    [
      ['unit-name-mismatch', 9, '上海市规划和自然资源局', 2],
      ['unit-name-mismatch', 11, '上海市普陀区商务委员会', 2],
    ],
  );
  assert.match(found[0].message, /标题中的单位为「上海市普陀区规划和自然资源局」，此处写作「上海市规划和自然资源局」/);
  const fixes = quickFixes('file:///a', found, found[1].range);
  assert.deepEqual(fixes[0].edit.changes['file:///a'][0].newText, '上海市普陀区规划和自然资源局');
});

test('the three rules answer to the wording tag and to their own ids', () => {
  const text = [...FINAL, '1、行政运行（项）。年初预算为1560.05万元，支出决算为1511.89万元。决算数大于预算数的主要原因：人员变化。'].join(
    '\n',
  );
  const codes = (rules: Record<string, string>) =>
    checkDocument(analyzeText(text), { rules: rules as never })
      .filter((f) => RULES.test(f.code))
      .map((f) => `${f.code}:${f.severity}`);
  assert.deepEqual(codes({}), ['wording-mismatch:1']);
  assert.deepEqual(codes({ wording: 'off' }), []);
  assert.deepEqual(codes({ wording: 'off', 'wording-mismatch': 'hint' }), ['wording-mismatch:4']);
});
