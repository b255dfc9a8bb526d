// Completeness: missing-table and empty-table-note, the data they read (required-tables.tsv) and the outline's
// placeholders for missing tables. The annotated fixtures (test/fixtures/shapes/completeness-*.txt) hold the whole
// documents; these tests take them apart to show what each part of the decision does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/service.js';
import { checkDocument, type Finding } from '../../server/src/checks/index.js';
import { isEmpty } from '../../server/src/checks/completeness.js';
import { RequiredTables, requiredTables } from '../../server/src/catalogue/requiredTables.js';
import { tableSet } from '../../server/src/parse/tableSet.js';
import { documentSymbols } from '../../server/src/features/symbols.js';
import { shapeText } from '../helpers/annotated.js';
import type { OutlineNode, Table } from '../../server/src/model/types.js';

const DATA = join(__dirname, '..', '..', 'server', 'src', 'catalogue', 'data', 'required-tables.tsv');
const fixture = shapeText;
const ours = (text: string, settings = {}): Finding[] =>
  checkDocument(analyzeText(text), settings).filter((f) => f.code === 'missing-table' || f.code === 'empty-table-note');
const lineOf = (text: string, f: Finding): string => text.split('\n')[f.range.start.line];

test('the data: nine standard tables in 规程 order, each seen title recognised as its own table, the others as none', () => {
  const data = requiredTables();
  assert.deepEqual(
    data.tables.map((t) => t.order),
    [1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
  const rows = readFileSync(DATA, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t'));
  const header = rows[0];
  let checked = 0;
  for (const row of rows.slice(1)) {
    const kind = row[header.indexOf('kind')];
    const names = row[header.indexOf('seen')].split(';')[0].split(' / ');
    for (const raw of names) {
      const title = raw.replace(/\s*\(.*\)$/, '').trim();
      assert.equal(data.classify(title)?.kind, kind === '-' ? undefined : kind, `${title} is ${kind}`);
      checked++;
    }
    if (kind === '-') continue;
    for (const name of [row[header.indexOf('预算名')], row[header.indexOf('决算名')]]) assert.equal(data.classify(name)?.kind, kind, name);
  }
  assert.ok(checked > 40, `${checked} titles`);
  const soe = data.tables.find((t) => t.order === 9)!;
  assert.equal(soe.requirement['部门预算'], 'optional');
  assert.equal(soe.requirement['部门决算'], 'required');
  for (const t of data.tables.filter((x) => x.order < 9)) assert.equal(t.requirement['单位预算'], 'required', t.kind);
  assert.throws(() => RequiredTables.parse('kind\torder\tpattern\n'), /no column/);
});

test('a required table missing: reported beside the table it follows, and shown greyed in the outline there', () => {
  const text = fixture('completeness-missing-required.txt');
  const found = ours(text);
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 2);
  assert.match(found[0].message, /缺少部门预算须公开的「一般公共预算“三公”经费支出表」，应在「表6」之后/);
  assert.equal(lineOf(text, found[0]), '一般公共预算基本支出表');
  const outline = analyzeText(text).outline;
  const names = outline.map((n) => `${n.name}${n.placeholder ? ' [placeholder]' : ''}`);
  const at = names.indexOf('一般公共预算“三公”经费支出表 [placeholder]');
  assert.ok(at > 0 && names[at - 1].startsWith('表6 ') && names[at + 1].startsWith('表8 '), names.join(' | '));
  const symbols = documentSymbols(outline);
  assert.deepEqual(symbols[at].tags, [1]);
  assert.equal(symbols[at].detail, '缺失');
  assert.ok(symbols.every((s, i) => i === at || s.tags === undefined));
  const r = symbols[at].range;
  assert.deepEqual(r.start, symbols[at - 1].range.end, 'right after the table it follows');
});

test('say nothing when the kind cannot be told, the tables contradict the title, or too few tables were read', () => {
  const text = fixture('completeness-missing-required.txt');
  assert.equal(ours(text).length, 1, 'the fixture itself is flagged');
  // no 预算/决算 in the title (nor anywhere)
  assert.deepEqual(ours(text.replace('某某局2025年部门预算', '某某局公开材料')), []);
  // the title says 预算, the tables say 决算
  const finalTables = text.replace(/^(收支总表|收入总表|支出总表)$/gm, '$1决算').replace('收支总表决算', '收入支出决算总表');
  const contradicted = tableSet(analyzeText(finalTables));
  assert.ok(contradicted.present.size >= 5);
  assert.deepEqual(contradicted.kinds, []);
  assert.deepEqual(ours(finalTables), []);
  assert.deepEqual(tableSet(analyzeText(text)).kinds, ['部门预算']);
  // four standard tables read (the others' titles lost): the body's tables were not read
  const fewer = text.replace('表1\n收支总表\n', '表1\n').replace('表2\n收入总表\n', '表2\n').replace('表3\n支出总表\n', '表3\n');
  assert.equal(tableSet(analyzeText(fewer)).present.size, 4);
  assert.deepEqual(ours(fewer), []);
  // the 国有资本经营 table, optional in a 预算 of the national set, is not asked for
  assert.ok(!ours(text).some((f) => /国有资本经营/.test(f.message)));
});

test('a jurisdiction with its own set: a 上海 预算 must publish the 国有资本经营 table, elsewhere optional', () => {
  const text = fixture('completeness-missing-required.txt');
  const national = ours(text);
  assert.ok(!national.some((f) => /国有资本经营/.test(f.message)), 'optional in the national 预算 set');
  // named by the title
  const shanghai = ours(text.replace('某某局2025年部门预算', '上海市某某局2025年部门预算'));
  assert.deepEqual(
    shanghai.map((f) => f.message.replace(/，应在.*$/, '')),
    ['缺少部门预算须公开的「一般公共预算“三公”经费支出表」', '缺少上海部门预算须公开的「国有资本经营预算支出表」'],
  );
  assert.match(shanghai[1].message, /应在「表8」之后/);
  // named by the department line under a title that names none (上海市普陀区 … 预算单位：上海市普陀区某某局)
  const byDepartment = text.replace('某某局2025年部门预算', '2025年部门预算\n部门名称：上海市某某局');
  assert.equal(tableSet(analyzeText(byDepartment)).jurisdiction?.name, '上海');
  // 上海 in a sentence of the body names nothing
  const inBody = text.replace('表1\n', '本部门承担上海市相关工作。\n\n表1\n');
  assert.equal(tableSet(analyzeText(inBody)).jurisdiction, undefined);
  // a 决算 requires it everywhere: the national set says so, and the message names no jurisdiction
  const data = requiredTables();
  const soe = data.tables.find((t) => t.order === 9)!;
  const sh = data.jurisdiction('上海市普陀区财政局')!;
  assert.equal(data.requirement(soe, '部门决算', sh), 'required');
  assert.equal(data.requirement(soe, '部门预算'), 'optional');
  assert.equal(data.requirement(soe, '单位预算', sh), 'required');
  assert.equal(data.jurisdiction('北京市财政局'), undefined);
  assert.throws(
    () =>
      RequiredTables.parse(
        readFileSync(DATA, 'utf8'),
        'jurisdiction\tnames\ttable\t部门预算\t单位预算\t部门决算\t单位决算\tsource\nX\tX\t无此表\t\t\t\t\t\n',
      ),
    /not a table/,
  );
});

test('a table replaced by a sentence is not missing; without the sentences it is', () => {
  const text = fixture('completeness-replaced-by-sentence.txt');
  assert.deepEqual(ours(text), []);
  const bare = text
    .replace('2024年本部门无政府性基金决算收支。', '')
    .replace('2024年本部门没有使用国有资本经营预算财政拨款安排的支出。', '');
  const found = ours(bare);
  assert.deepEqual(
    found.map((f) => f.message.replace(/，应在.*$/, '')),
    ['缺少部门决算须公开的「政府性基金预算财政拨款收入支出决算表」', '缺少部门决算须公开的「国有资本经营预算财政拨款支出决算表」'],
  );
  // the 三公 table's title printed with a sentence instead of rows is there, sentence or not
  assert.ok(!found.some((f) => /三公/.test(f.message)));
});

test('the 目录 against the body, only when the 目录 was read whole', () => {
  const text = fixture('completeness-toc-and-body.txt');
  const found = ours(text);
  assert.deepEqual(
    found.map((f) => f.message),
    ['目录列出「三、支出决算表」，正文中没有此表（部门决算须公开此表）', '正文有「政府性基金预算财政拨款收入支出决算表」，目录中没有列出'],
  );
  // the list of tables ends the 目录: its tail may be lost, so it is not compared; the required table is still missing
  const open = text.replace('第三部分 某某区财政局2024年度部门决算情况说明………………10\n', '');
  const fromRequirement = ours(open);
  assert.equal(fromRequirement.length, 1);
  assert.match(fromRequirement[0].message, /缺少部门决算须公开的「支出决算表」，应在「收入决算表」之后/);
  // a gap in the numbering (二 dropped): not read whole either
  const gap = ours(text.replace('二、收入决算表……………………………………………………3\n', ''));
  assert.ok(!gap.some((f) => /目录/.test(f.message)), gap.map((f) => f.message).join('\n'));
  // the placeholder carries the 目录's name for it
  const placeholder = (function find(nodes: OutlineNode[]): OutlineNode | undefined {
    for (const n of nodes) {
      if (n.placeholder) return n;
      const inner = find(n.children);
      if (inner) return inner;
    }
    return undefined;
  })(analyzeText(text).outline);
  assert.equal(placeholder?.name, '三、支出决算表');
});

test('a 报表目录 table is a 目录 too: the tables it lists, and the ones it says are empty', () => {
  const catalogue = [
    '报表目录',
    '',
    '报表\t报表名称\t是否空表\t表格为空的理由',
    '表1\t收支总表\t否\t',
    '表2\t收入总表\t否\t',
    '表3\t支出总表\t否\t',
    '表4\t财政拨款收支总表\t否\t',
    '表5\t一般公共预算支出表\t否\t',
    '表6\t一般公共预算基本支出表\t否\t',
    '表7\t一般公共预算“三公”经费支出表\t否\t',
    '表8\t政府性基金预算支出表\t是\t本部门没有政府性基金',
    '',
  ].join('\n');
  const text = fixture('completeness-missing-required.txt')
    .replace('注：本部门无政府性基金预算拨款安排的支出，故本表为空表。', '')
    .replace('某某局2025年部门预算\n', `某某局2025年部门预算\n\n${catalogue}`);
  const found = ours(text);
  // 表7 listed and missing: reported on its row; 表8 empty without a note, but the 报表目录 says 是 with its reason
  assert.deepEqual(
    found.map((f) => `${f.code} ${lineOf(text, f).split('\t')[0]}`),
    ['missing-table 表7'],
  );
  assert.match(found[0].message, /目录列出「表7 一般公共预算“三公”经费支出表」/);
  // without the 报表目录's word on 表8 its empty table has no note
  const unsaid = ours(text.replace('表8\t政府性基金预算支出表\t是\t本部门没有政府性基金', '表9\t项目支出表\t否\t'));
  assert.ok(unsaid.some((f) => f.code === 'empty-table-note' && /「表8」为空表，但表下没有说明/.test(f.message)));
  // 否 for a table read empty: the figures may be lost, or the mistake is another; nothing about its note
  assert.ok(!ours(text.replace('是\t本部门没有政府性基金', '否\t')).some((f) => f.code === 'empty-table-note'));
});

test('empty tables: a note naming another table, no note, and the notes that count', () => {
  const text = fixture('completeness-empty-table-notes.txt');
  const found = ours(text);
  assert.deepEqual(
    found.map((f) => f.message),
    ['「表7」为空表，但表下说明写的是「政府性基金」，应为「国有资本经营」', '「表8」为空表，但表下没有说明（应注明本表为空及原因）'],
  );
  assert.match(lineOf(text, found[0]), /^注：本部门2025年无政府性基金/);
  // the sentence right after the 三公 table is its note: without it the table is flagged too
  assert.ok(ours(text.replace('2025年“三公”经费预算数为0，与2024年预算持平。', '')).some((f) => /「表9」为空表/.test(f.message)));
  // a sentence elsewhere that says the table was published empty explains it
  const explained = ours(`${text}\n\n八、项目支出情况说明\n\n本部门2025年无项目支出预算，并已公开空表。`);
  assert.ok(!explained.some((f) => /「表8」/.test(f.message)));
  // the English message quotes the document's words only
  const en = checkDocument(analyzeText(text), { locale: 'en' }).find((f) => f.code === 'empty-table-note')!;
  assert.equal(en.message, '「表7」 is empty, but the note below it speaks of 「政府性基金」, not 「国有资本经营」');
  // the tag turns both rules off
  assert.deepEqual(ours(text, { rules: { completeness: 'off' } }), []);
});

test('a template not yet filled in (no figure anywhere) says nothing about its empty tables', () => {
  const text = fixture('completeness-empty-table-notes.txt').replace('100.00\n合计\t\t100.00', '\n合计\t\t');
  assert.ok(!analyzeText(text).tables.some((t) => t.kind === 'money' && !t.empty));
  assert.deepEqual(ours(text), []);
});

test('空表 means no figure at all: one the parser left in a text cell is a figure', () => {
  const table = (texts: string[], kind: 'text' | 'empty' = 'text'): Table =>
    ({
      empty: true,
      rows: [{ kind: 'data', line: 0, endLine: 0, cells: texts.map((text, column) => ({ text, kind, indent: 0, column })) }],
    }) as unknown as Table;
  assert.equal(isEmpty(table(['合计', '2.85 0.39 0.00'])), false);
  assert.equal(isEmpty(table(['2026年预算数', '合计', '-', '0.00'])), true);
  assert.equal(isEmpty({ ...table(['合计']), empty: false }), false);
});
