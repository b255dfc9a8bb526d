// The narrative against the tables and against itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/service.js';
import { checkDocument, type Finding } from '../../server/src/checks/index.js';
import { readNarrative } from '../../server/src/narrative/facts.js';
import { shapeText } from '../helpers/annotated.js';

const check = (...lines: string[]): Finding[] =>
  checkDocument(analyzeText(lines.join('\n'))).filter((f) => /^(text-|percent)/.test(f.code));

test('figures are read with their label, code, unit, change and growth', () => {
  const n = readNarrative(
    analyzeText('五、收支说明\n\n(6) 行政运行（2101501）230.97万元，较上年减少18.43万元，下降7.39%，主要原因是调整。'),
  );
  const f = n.figures.find((x) => !x.auxiliary)!;
  assert.equal(f.label, '行政运行');
  assert.equal(f.code, '2101501');
  assert.equal(f.value.toString(), '230.97');
  assert.equal(f.unit, '万元');
  assert.equal(f.change!.value.toString(), '-18.43');
  assert.equal(f.growth!.value.toString(), '7.39');
  assert.ok(n.figures.find((x) => x.text.startsWith('18.43'))!.auxiliary, 'the change is not a figure of its own');
});

test('a complete itemisation that does not add up; a correct one is silent', () => {
  const bad = check(
    '2021年本部门当年一般公共预算支出2519.99万元，其中：',
    '',
    '（1）行政运行(2101501)38.15万元，较上年增加23.49万元。',
    '',
    '（2）事业运行(2101550)613万元。',
    '',
    '（3）一般行政管理事务(2101502)898.84万元。',
    '',
    '（4）其他医疗保障管理事务支出(2101599)1017.5万元。',
  );
  assert.equal(bad.length, 1);
  assert.equal(bad[0].code, 'text-sum-mismatch');
  assert.match(bad[0].message, /2,519\.99万元 与「其中」所列各项之和 2,567\.49万元 不符，相差 47\.50万元/);
  assert.deepEqual(check('2020 年支出合计 606.81 万元，其中：基本支出 471.55 万元，占 78%；项目支出 135.26 万元，占 22%。'), []);
});

test('partial lists (主要包括) may leave items out but not exceed the total; 其中 with one item is a subset', () => {
  assert.deepEqual(
    check('人员经费446.79万元，主要包括工资福利支出178.80万元；对个人和家庭的补助支出267.98万元，其中：医疗救助267.79万元。'),
    [],
  );
  const over = check('公用经费 24.76 万元，主要包括办公费 18 万元，印刷费 15 万元。');
  assert.equal(over.length, 1);
  assert.match(over[0].message, /小于「主要包括」所列各项之和 33\.00万元/);
});

test('growth percentages are judged with the intervals the rounded figures allow', () => {
  // 7.76 ÷ (99.19 − 7.76) = 8.4874…%: the naive 8.49 is not the only consistent value, 8.48 is right too
  assert.deepEqual(check('本部门当年机关运行经费预算安排99.19万元，较上年增加7.76万元，增长8.48%。'), []);
  assert.deepEqual(
    check('本部门2024年预算收入1,246.27万元，其中：一般公共预算拨款1,126.43万元、上年结转119.84万元，较上年增加152.20万元，增长13.91%。'),
    [],
    'the change belongs to the total',
  );
  const wrong = check('2020 年财政拨款支出 606.81 万元。与上年相比，财政拨款支出减少 1058.39 万元，减少 57%，主要原因是资金减少。');
  assert.equal(wrong.length, 1);
  assert.equal(wrong[0].code, 'percent-mismatch');
  assert.match(wrong[0].message, /应为 63\.56%/);
  assert.deepEqual(check('事业单位医疗（2101102）4.63万元，较上年不可比，上年基数为零。'), []);
  assert.deepEqual(check('信息化建设（2101504）0.00万元，较上年减少10.00万元，下降100.00%。'), []);
});

test('shares and completion rates', () => {
  assert.deepEqual(check('2020 年收入合计 606.81 万元，其中：财政拨款收入 606.81 万元，占 100%；'), []);
  const share = check('支出合计 100.00 万元，其中：基本支出 80.00 万元，占 70%；项目支出 20.00 万元，占 20%。');
  assert.equal(share.length, 1, 'only the 70% is wrong');
  assert.match(share[0].message, /占 70% 与所述数字不符：80\.00 万元 ÷ 100\.00 万元 = 80\.00%/);
  assert.deepEqual(
    check('年初预算为 10210.34 万元，支出决算为 9746.50 万元，完成预算的 95.45%。'),
    [],
    'truncated rather than rounded is accepted',
  );
  assert.equal(check('年初预算为 100.00 万元，支出决算为 90.00 万元，完成预算的 95%。').length, 1);
});

test('look-alikes never make narrative findings: dates, counts, per-head rates, thresholds, 绩效 targets, 文号', () => {
  assert.deepEqual(
    check(
      '截止 2020 年底，本部门人员编制 45 人，共有车辆 0 辆，单价 20 万元以上的设备 0 台（套）。',
      '',
      '预计2020年区级配套标准为每人27.5元，参保人数按151180人进行预算。',
      '',
      '绩效指标：对特困人员在年度救助限额内政策范围内的住院救助比例达到90%，低保对象达到70%。',
      '',
      '提前下达 2021 年中央财政医疗救助补助资金（第一批）冀财社【2020】147 号。',
    ),
    [],
  );
});

test('text against tables: a code or a name in a sentence about the general budget, converted from 元', () => {
  const table = [
    '',
    '表5',
    '',
    '一般公共预算支出明细表（按支出功能分类科目）',
    '',
    '单位：元',
    '',
    '功能科目编码\t功能科目名称\t合计',
    '210\t卫生健康支出\t4,555,800.00',
    '21011\t行政事业单位医疗\t16,800.00',
    '2101101\t行政单位医疗\t16,800.00',
    '21013\t医疗救助\t4,539,000.00',
    '2101301\t城乡医疗救助\t4,539,000.00',
  ];
  const prose = (text: string) => check('七、一般公共预算拨款支出明细情况说明', '', text, ...table);
  assert.deepEqual(prose('行政单位医疗（2101101）1.68万元。'), []);
  const wrong = prose('卫生健康支出 455.58 万元，主要包括行政事业单位医疗 3.36 万元，医疗救助 453.90 万元。');
  assert.deepEqual(
    wrong.map((f) => f.code),
    ['text-sum-mismatch', 'text-table-mismatch'],
  );
  assert.match(
    wrong[1].message,
    /「行政事业单位医疗」3\.36 万元 与表5 「一般公共预算支出明细表（按支出功能分类科目）」中的 16,800\.00元（合 1\.68万元）不符，相差 1\.68万元/,
  );
  assert.deepEqual(
    check('十、“三公”经费情况说明', '', '行政单位医疗（2101101）3.36万元。', ...table),
    [],
    'outside a general-budget section no table is assumed',
  );
});

test('navigation: a prose figure goes to its table cell; references list a code in prose and tables; hover shows the comparison', async () => {
  const { LanguageService } = await import('../../server/src/service.js');
  const svc = new LanguageService();
  const text = [
    '七、一般公共预算拨款支出明细情况说明',
    '',
    '行政运行（2101501）230.97万元，医疗保障经办事务（2101506）488.53万元。',
    '',
    '表5',
    '',
    '一般公共预算支出明细表（按支出功能分类科目）',
    '',
    '单位：元',
    '',
    '功能科目编码\t功能科目名称\t合计',
    '2101501\t行政运行\t2,309,714.00',
    '2101506\t医疗保障经办事务\t4,885,317.00',
  ].join('\n');
  svc.open('u', text);
  const figure = text.split('\n')[2].indexOf('230.97');
  const def = svc.definition('u', { line: 2, character: figure + 1 });
  assert.deepEqual(
    def.map((d) => d.range.start),
    [{ line: 11, character: 13 }],
    'the 合计 cell of the 2101501 row',
  );
  const code = text.split('\n')[2].indexOf('2101501');
  assert.deepEqual(
    svc.definition('u', { line: 2, character: code + 1 }).map((d) => d.range.start.line),
    [11],
  );
  assert.deepEqual(
    svc.references('u', { line: 11, character: 2 }).map((r) => r.range.start.line),
    [2, 11],
  );
  const hover = svc.hover('u', { line: 2, character: figure + 1 })!;
  assert.match(
    hover.contents.value,
    /230\.97万元 对照 表5 「一般公共预算支出明细表（按支出功能分类科目）」 2,309,714\.00元：230\.97万元 ✓ 相符/,
  );
});

test('三公 items, 会议费 and 政府采购 figures must appear in the table that reports them', () => {
  const table = [
    '',
    '一般公共预算拨款“三公”经费及会议费、培训费支出预算表',
    '',
    '单位：元',
    '',
    '单位编码\t单位名称\t合计\t小计\t因公出国（境）费用\t公务接待费\t公务用车运行维护费\t会议费',
    '\t合计\t86,900.00\t38,900.00\t\t19,000.00\t19,900.00\t48,000.00',
  ];
  const prose = (t: string) => check('十、“三公”经费及会议费、培训费情况说明', '', t, ...table);
  assert.deepEqual(
    prose('2024年，本部门当年一般公共预算“三公”经费预算支出3.89万元，其中：公务接待费1.90万元；公务用车运行维护费1.99万元。'),
    [],
  );
  const wrong = prose('公务接待费2.90万元，较上年无增减。');
  assert.equal(wrong.length, 1);
  assert.equal(wrong[0].code, 'text-table-mismatch');
  assert.match(wrong[0].message, /「公务接待费」2\.90万元 在「一般公共预算拨款“三公”经费及会议费、培训费支出预算表」中找不到/);
  assert.deepEqual(prose('因公出国（境）经费0.00万元。'), [], 'zero is never looked up');
});

test("决算: an expense's 预算/决算 in the prose against the 三公 table's 预算数 and 决算数 rows", () => {
  const table = [
    '',
    '一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表',
    '',
    '金额单位：万元',
    '',
    '项目\t一般公共预算财政拨款安排的“三公”经费\t\t\t会议费\t培训费',
    '\t小计\t因公出国（境）费用\t公务接待费\t\t',
    '预算数\t0.00\t0.00\t0.00\t0.00\t0.00',
    '决算数\t0.00\t0.00\t0.00\t0.00\t8.00',
  ];
  const prose = (heading: string, t: string) => check('七、“三公”经费及会议费、培训费支出决算情况说明', '', heading, '', t, ...table);
  assert.deepEqual(prose('（三）培训费支出情况说明。', '2020年培训费预算为0万元，支出决算为8万元。'), []);
  const wrong = prose('（三）培训费支出情况说明。', '2020年会议费预算为0万元，支出决算为8万元。');
  assert.equal(wrong.length, 1);
  assert.match(wrong[0].message, /「会议费决算数」8万元 与「一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表」中的 0\.00万元/);
});

// Cut from a 2026 Chongqing department budget whose PDF prints its prose punctuation as ASCII.
test('ASCII punctuation reads like Chinese: a 主要用于 clause that ends in words before the next statement lists nothing', () => {
  const text =
    '2026年一般公共预算财政拨款支出192,446.79万元,比2025年减少8,648.06万元。其中:基本支出43,908.7万元,主要用于保障在职人员工资福利及社会保险缴费,比2025年增加2,473.87万元,主要原因是调标;项目支出148,538.09万元,主要用于新能源汽车等。';
  assert.deepEqual(check('三、一般公共预算支出情况', '', text), []);
  const n = readNarrative(analyzeText(`三、一般公共预算支出情况\n\n${text}`));
  assert.ok(!n.itemisations.some((i) => i.total.label.includes('基本支出')), 'no list under 基本支出');
  // the same sentence with a figure inside the 主要用于 clause is still a list, and a too-large part is still flagged
  const listed = check('三、一般公共预算支出情况', '', '其中:基本支出43.7万元,主要用于人员经费50.00万元;项目支出48.09万元。');
  assert.equal(listed.length, 1);
  assert.equal(listed[0].code, 'text-sum-mismatch');
});

// Cut from a 2026 深圳 department budget (统计局): the projects listed under 项目支出 share their names with 项 of
// the function classification, which the summary table shows with other figures (a project spreads over 项).
test("a project named like a summary table's 项: the figure its own table prints under that name is no mismatch", () => {
  const doc = (prose: string) =>
    check(
      '第三部分 部门预算支出具体情况',
      '',
      '（五）项目支出1,313.80万元，具体包括：',
      '',
      prose,
      '',
      '（一）收支总表',
      '',
      '单位：万元',
      '',
      '收入\t\t支出\t',
      '项目\t预算数\t项目\t预算数',
      '1.一般公共预算拨款\t5,417.80\t统计信息事务\t3,478.72',
      '\t\t专项统计业务\t701.80',
      '\t\t统计管理\t359.77',
      '\t\t专项普查活动\t59.23',
      '收入总计\t5,417.80\t支出总计\t5,417.80',
      '',
      '（五）项目支出总表',
      '',
      '单位：万元',
      '',
      '单位名称\t项目名称\t合计\t一般公共预算拨款',
      '合计\t\t1,313.80\t1,313.80',
      '深圳市统计局（本级）\t统计管理\t352.27\t352.27',
      '深圳市统计局（本级）\t专项普查活动\t110.00\t110.00',
      '深圳市统计局（本级）\t专项统计业务\t844.03\t844.03',
    );
  assert.deepEqual(doc('1.统计管理352.27万元，主要包括：统计日常管理业务352.27万元。'), []);
  // must: a figure no table prints under that name is still compared with the summary table
  const wrong = doc('1.统计管理362.27万元，主要包括：统计日常管理业务362.27万元。');
  assert.ok(
    wrong.some((f) => f.code === 'text-table-mismatch' && /统计管理/.test(f.message)),
    wrong.map((f) => f.message).join('\n'),
  );
});

// Cut from a 2026 烟台 budget: a figure inside the reason after the last item is not one of the items.
test('figures in a reason after a list are not parts of the list', () => {
  const text =
    '2.公务用车购置及运行费15万元，包括公务用车购置费0万元，与上年基本持平；公务用车运行维护费15万元，比上年增加12.5万元，增长500％，主要原因是下属单位代管5辆车辆，该车辆运行维护经费12.5万元由省工信厅拨付。';
  assert.deepEqual(check('三、“三公”经费', '', text), []);
  assert.equal(
    check('三、“三公”经费', '', text.replace('运行维护费15万元', '运行维护费25万元')).filter((f) => f.code === 'text-sum-mismatch').length,
    1,
  );
});

// Cut from a 2024 普陀区财政局 决算 (more-docs/01) and 2026 广州/重庆 budgets: a 其中 that opens a sentence lists the parts of
// the amount the sentence before it states.
test('a total that ends its sentence: the 其中 after the 。 itemises it', () => {
  const wrong = check(
    '一般公共预算财政拨款基本支出2336.91万元。其中：人员经费2125.26万元，主要包括：基本工资、津贴补贴；公用经费184.65万元，主要包括：办公费、印刷费。',
  );
  assert.equal(wrong.length, 1);
  assert.equal(wrong[0].code, 'text-sum-mismatch');
  assert.match(wrong[0].message, /2,336\.91万元 与「其中」所列各项之和 2,309\.91万元 不符，相差 27\.00万元/);
  assert.deepEqual(
    check('一般公共预算财政拨款基本支出2336.91万元。其中：人员经费2152.26万元，主要包括：基本工资；公用经费184.65万元，主要包括：办公费。'),
    [],
  );
  // a change, a rate and a reason between the amount and the 。 do not change what the sentence is about
  const sangong = (car: string) =>
    check(
      `2026年本部门财政拨款安排“三公”经费19.86万元，比上年减少22.65万元，下降53.3%，主要原因是厉行节约。其中：因公出国（境）费5万元，比上年减少15万元，下降75%，主要原因是厉行节约；公务用车购置及运行维护费${car}万元（公务用车购置费0万元，比上年增加0万元；公务用车运行维护费${car}万元，比上年减少2.3万元。）比上年减少2.3万元，主要原因是压减；公务接待费8.16万元，比上年减少5.35万元，下降39.6%，主要原因是压减。`,
    );
  assert.deepEqual(sangong('6.7'), [], 'the 。 inside the parentheses ends no sentence: 5 + 6.7 + 8.16 = 19.86');
  assert.deepEqual(
    sangong('7.7').map((f) => f.code),
    ['text-sum-mismatch'],
  );
  // several amounts that agree (收入 = 支出) name the same total
  assert.deepEqual(
    check(
      '2026年一般公共预算财政拨款收入128148.56万元，一般公共预算财政拨款支出128148.56万元，比2025年增加10300.15万元。其中：基本支出33325.21万元，主要用于保障运转；项目支出94823.35万元，主要用于事业发展。',
    ),
    [],
  );
  assert.equal(
    check(
      '2026年一般公共预算财政拨款收入128148.56万元，一般公共预算财政拨款支出128148.56万元，比2025年增加10300.15万元。其中：基本支出33325.21万元，主要用于保障运转；项目支出95823.35万元，主要用于事业发展。',
    ).length,
    1,
  );
});

test('must not: a 其中 after a sentence of several different amounts, or after a sentence without one', () => {
  // 其中 may list the parts of 基本支出 or of 项目支出: which one is not said
  assert.deepEqual(check('基本支出80.00万元，项目支出20.00万元。其中：人员经费70.00万元，公用经费5.00万元。'), []);
  assert.deepEqual(check('本部门共设内设机构5个。其中：行政处室经费30.00万元，业务处室经费20.00万元。'), []);
  // a change is not a total: `较上年增加20万元。其中：…` lists where the change came from, or the total's parts — not said
  assert.deepEqual(check('较上年增加20.00万元。其中：新增项目一15.00万元，新增项目二10.00万元。'), []);
});

// Cut from a 2026 上海市水务局 budget (c001): the “三公” items numbered （一）（二）（三） over the paragraphs after 其中：.
test('numbered items （一）（二）（三） after 其中： are the parts of the total, as （1）（2）（3） are', () => {
  const doc = (first: string) =>
    check(
      '一、2026年“三公”经费预算情况说明',
      '',
      '2026年“三公”经费预算数为16.80万元，比2025年预算减少15.50万元。其中：',
      '',
      `（一）因公出国（境）费${first}万元，与2025年预算持平。`,
      '',
      '（二）公务用车购置及运行费6.30万元，比2025年预算减少15.00万元，主要原因是2026年无新购公务用车。其中：公务用车购置费0.00万元，比2025年预算减少15.00万元，主要原因是减少公务用车购置；公务用车运行费6.30万元，与2025年预算持平。',
      '',
      '（三）公务接待费0.50万元，比2025年预算减少0.50万元，主要原因是按年度公务接待实际情况测算。',
    );
  assert.deepEqual(doc('10.00'), []);
  const wrong = doc('11.00');
  assert.equal(wrong.length, 1);
  assert.match(wrong[0].message, /16\.80万元 与「其中」所列各项之和 17\.80万元 不符，相差 1\.00万元/);
  // items written one after another without blank lines (as converted) are paragraphs of their own too
  assert.equal(
    check(
      '2026年“三公”经费预算数为16.80万元。其中：\n（一）因公出国（境）费11.00万元。\n（二）公务用车购置及运行费6.30万元。\n（三）公务接待费0.50万元。',
    ).length,
    1,
  );
});

test('must not: numbered paragraphs after 其中： that are not a list of its parts', () => {
  // the paragraph that opens the list is itself an item: the next items of its own numbering are its siblings
  assert.deepEqual(check('（2）公用经费16.30万元，其中：', '', '（3）公务接待费0.50万元。', '', '（4）会议费3.00万元。'), []);
  assert.deepEqual(check('（二）公用经费16.30万元，其中：', '', '（三）公务接待费0.50万元。', '', '（四）会议费3.00万元。'), []);
  // items that name themselves in a sentence of their own and give several figures after it have no single part figure
  assert.deepEqual(
    check(
      '2026年“三公”经费预算数为16.80万元。其中：',
      '',
      '（一）因公出国（境）费。年初预算为12.00万元，执行数为10.00万元。',
      '',
      '（二）公务用车购置及运行费。年初预算为8.00万元，执行数为6.30万元。',
      '',
      '（三）公务接待费。年初预算为1.00万元，执行数为0.50万元。',
    ),
    [],
  );
  assert.deepEqual(
    check(
      '2026年“三公”经费预算数为16.80万元。其中：',
      '',
      '（一）因公出国（境）费10.00万元。',
      '',
      '（二）公务用车购置及运行费。年初预算为8.00万元，执行数为6.30万元。',
      '',
      '（三）公务接待费0.50万元。',
    ),
    [],
    'one such item and the sum cannot be told',
  );
  // numbering that starts again at （1） is a new list (of the 项目支出 in between), not more parts of the first
  assert.deepEqual(
    check(
      '基本支出100.00万元，其中：',
      '',
      '（1）人员经费80.00万元。',
      '',
      '（2）公用经费20.00万元。',
      '',
      '项目支出50.00万元，其中：',
      '',
      '（1）信息化项目30.00万元。',
      '',
      '（2）运维项目20.00万元。',
    ),
    [],
  );
  // a list that does not start at item 1 is not the list the 其中 opens
  assert.deepEqual(check('支出合计50.00万元，其中：', '', '（二）公务用车购置及运行费6.30万元。', '', '（三）公务接待费0.50万元。'), []);
  // 北京: zeros listed under a total that is not zero say what it does not contain
  assert.deepEqual(
    check(
      '（二）项目支出。项目支出预算2141.55万元，占本年支出预算22.25%。其中：',
      '',
      '1.事业单位经营支出0万元。',
      '',
      '2.上缴上级支出0万元。',
      '',
      '3.对附属单位补助支出0万元。',
    ),
    [],
  );
});

// Cut from a 2023 万里街道 budget (more-docs/10): 执行数 and 预算 stated, the growth between them, no change figure.
test('growth between two stated levels: (B − A) ÷ A, with both figures rounded', () => {
  const item = (a: string, b: string, word: string, p: string, base = '2022年预算执行数') =>
    check(
      `16.“社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）”220.63万元，主要用于职业年金缴费支出。2022年当年预算执行数为${a}万元，2023年预算安排${b}万元，比${base}${word}${p}。主要原因是：经费增加。`,
    );
  const wrong = item('132.59', '441.25', '增加', '60.54%');
  assert.equal(wrong.length, 1);
  assert.equal(wrong[0].code, 'percent-mismatch');
  assert.match(
    wrong[0].message,
    /增长 60\.54% 与所述数字不符：「预算安排」441\.25万元 比「预算执行数」132\.59万元 变动 308\.66万元，应为 232\.79%/,
  );
  assert.deepEqual(item('1.48', '2.63', '增加', '77.70 %'), []);
  assert.deepEqual(item('2695.80', '1837.36', '减少', '31.84%'), []);
  assert.equal(item('2695.80', '1837.36', '减少', '38.14%').length, 1, 'a decrease is checked too');
  assert.equal(item('100.00', '80.00', '增加', '20.00%').length, 1, 'a fall stated as an increase');
  assert.deepEqual(item('0', '60.13', '增加', '100.00%'), [], 'from zero: not comparable');
  // 348.52 → 350.35 is 0.525…%: printed 0.53% (rounded) and 0.52% (truncated) are both right
  assert.deepEqual(item('348.52', '350.35', '增加', '0.52%'), []);
  assert.deepEqual(item('348.52', '350.35', '增加', '0.53%'), []);
});

test('must not: a percentage after two levels that is about something else', () => {
  const item = (tail: string) => check(`2022年当年预算执行数为132.59万元，2023年预算安排441.25万元，${tail}。`);
  assert.deepEqual(item('比2022年预算增加60.54%'), [], 'the 2022 budget, not the 执行数 stated');
  assert.deepEqual(item('比2021年预算执行数增加60.54%'), [], "another year's 执行数");
  assert.deepEqual(item('比上年增加60.54%'), [], '上年: which figure is not said');
  assert.deepEqual(item('其中人员经费增长60.54%'), [], 'the growth of a part');
  assert.deepEqual(item('占部门预算的60.54%'), [], 'a share');
  assert.deepEqual(
    check('2022年当年预算执行数为132.59万元。2023年预算安排441.25万元，比2022年预算执行数增加60.54%。'),
    [],
    'the levels in two sentences',
  );
});

test('a change stated after the level it is compared with (比…预算数Z万元减少C万元，下降P%) is judged as C ÷ Z', () => {
  const percent = (text: string) =>
    checkDocument(analyzeText(text))
      .filter((f) => f.code === 'percent-mismatch')
      .map((f) => f.message);
  // 北京 2026 budgets: 193.20 ÷ 9,819.98 = 1.967…% — right, and once read as 193.20 ÷ (9,819.98 + 193.20) a false alarm
  assert.deepEqual(percent('2026年度收入预算9626.78万元，比2025年年初预算数9819.98万元减少193.20万元，下降1.97%。'), []);
  assert.deepEqual(percent('2026年度收入预算10626.78万元，比2025年年初预算数9819.98万元增加806.80万元，增长8.22%。'), []);
  const wrong = percent('2026年度支出预算9626.78万元，比2025年年初预算数9819.98万元减少193.20万元，下降2.97%。');
  assert.equal(wrong.length, 1);
  assert.match(wrong[0], /上年 9,819\.98万元）?，应为 1\.97%/);
});

test('prose measured against a total that is itself wrong: the table is reported, the prose named as its witness', () => {
  const text = shapeText('prose-witness-of-wrong-total.txt');
  const found = checkDocument(analyzeText(text));
  assert.deepEqual(
    found.map((f) => f.code),
    ['balance-mismatch', 'balance-mismatch'],
  );
  const witness = found[0].relatedInformation!.at(-1)!;
  assert.equal(witness.message, '说明中写的是 2961.68万元，与各项之和相符');
  assert.equal(
    text.split('\n')[witness.location.range.start.line].slice(witness.location.range.start.character).startsWith('2961.68'),
    true,
  );
  // the same prose under a table whose total holds is compared, and a wrong prose figure there is reported
  const sound = text.replace(/总计\t2,900.00\t总计\t2,900.00/, '总计\t2,961.68\t总计\t2,961.68').replace('2961.68万元', '2900.00万元');
  assert.deepEqual(
    checkDocument(analyzeText(sound)).map((f) => f.code),
    ['text-table-mismatch'],
  );
  // a prose figure that agrees with neither the printed total nor the sum is a disagreement of its own: reported
  const neither = checkDocument(analyzeText(text.replace('2961.68万元', '1000.00万元')));
  assert.deepEqual(
    neither.map((f) => f.code),
    ['balance-mismatch', 'balance-mismatch', 'text-table-mismatch'],
  );
  assert.ok(!neither[0].relatedInformation!.some((r) => /说明中/.test(r.message)));
});

test('a summary total over 类 › 款 › 项 printed as plain names is measured against the 类, and the prose stating that sum witnesses', () => {
  const text = shapeText('summary-unnumbered-levels-wrong-total.txt');
  const [total, ...others] = checkDocument(analyzeText(text));
  assert.deepEqual(others, []);
  assert.equal(total.message, '「支出总计」 420.00 与各项之和 1,818.11 不符，相差 1,398.11');
  assert.deepEqual(
    total.relatedInformation!.map((r) => r.message),
    ['一般公共服务支出：0.64', '交通运输支出：1,062.47', '其他支出：755.00', '说明中写的是 1818.11万元，与各项之和相符'],
  );
  // a line that is no 类 first (a 款 name heads the list): the lines' levels cannot be told, every line is summed
  const headless = text.replace('一般公共服务支出\t0.64', '公路水路运输\t0.64');
  const flat = checkDocument(analyzeText(headless)).filter((f) => f.code === 'sum-mismatch');
  assert.equal(flat.length, 1);
  assert.doesNotMatch(flat[0].message, /与各项之和 1,817\.47/);
});

test('a growth rate on a prose figure found wrong against its table: one finding, on the figure, when the rate fits the table', () => {
  // the TESTBAD copy's seeded slip: 收入支出总计 printed 0万元, its table says 2,995.39; 下降1.87% is 2,995.39's
  const text = shapeText('prose-grand-total.txt').replace('收入支出总计2995.39万元', '收入支出总计0万元');
  const found = checkDocument(analyzeText(text)).filter(
    (f) => f.range.start.line === text.split('\n').findIndex((l) => l.includes('总计0万元')),
  );
  assert.deepEqual(
    found.map((f) => f.code),
    ['text-table-mismatch'],
  );
  assert.equal(found[0].relatedInformation!.at(-1)!.message, '按表中的 2,995.39万元 计算，「下降 1.87%」相符');
  // a rate that fits neither the printed figure nor the table's is a mistake of its own
  const both = checkDocument(analyzeText(text.replace('下降1.87%', '下降5.00%'))).map((f) => f.code);
  assert.ok(both.includes('percent-mismatch') && both.includes('text-table-mismatch'), both.join());
});
