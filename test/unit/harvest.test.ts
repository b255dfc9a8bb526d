// The harvest's core: which (code, name) pairs a document holds, how pairs of many documents merge into evidence,
// and the share of code occurrences the catalogue explains — pinned over the test fixtures per classification.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/service.js';
import { catalogue, type Classification } from '../../server/src/catalogue/catalogue.js';
import { addCoverage, cityOf, codeOccurrences, codePairs, Evidence, type Coverage } from '../../server/src/catalogue/harvest.js';
import { explainCode, explanationMarkdown } from '../../server/src/catalogue/explain.js';
import { codeHover } from '../../server/src/features/codeHover.js';
import { FIXTURES } from '../helpers/fixtures.js';

const HARVEST = join(FIXTURES, 'harvest');
const A = 'c901_东营_示例局_2026年部门预算.txt';
const B = 'c902_遵义_示例局_2026年部门预算.txt';
const read = (name: string) => analyzeText(readFileSync(join(HARVEST, name), 'utf8'));

test('a table pairs each code with the name beside it; prose pairs `名称（编码）`; a local economic code is marked', () => {
  const pairs = codePairs(read(A));
  const table = pairs.filter((p) => p.where === 'table').map((p) => `${p.classification} ${p.code} ${p.name}${p.local ? ' local' : ''}`);
  assert.deepEqual(table, [
    'function 201 一般公共服务支出',
    'function 20140 信访事务',
    'function 2014001 行政运行',
    'function 2014004 信访业务',
    'economic-department 301 工资福利支出',
    'economic-department 30102 津贴补贴',
    'economic-department 3010201 规范性津补贴 local',
  ]);
  const prose = pairs.filter((p) => p.where === 'prose').map((p) => `${p.code} ${p.name}`);
  assert.deepEqual(prose, ['2014004 信访业务', '2014001 行政运行']);
  assert.equal(codeOccurrences(read(A)).length, 9, 'seven table codes and two in prose');
});

test('the place: from the corpus file name, else the first place in the title', () => {
  assert.equal(cityOf(A, read(A)), '东营');
  assert.equal(cityOf('a.txt', read(A)), '甲', 'the title: 甲市示例局…');
  assert.equal(cityOf('c001_上海_2026年上海市水务局_部门预算.pdf', read(A)), '上海');
  assert.equal(cityOf('x.txt', analyzeText('中共上海市普陀区委社会工作部2024年度部门决算\n')), '上海');
  assert.equal(cityOf('x.txt', analyzeText('眉县医疗保障局 2020 年部门决算\n')), '眉');
  assert.equal(cityOf('x.txt', analyzeText('部门预算\n')), 'unknown');
});

test('evidence merges documents: one row per code, year and name, with documents and places; sorted, so reruns diff cleanly', () => {
  const build = (order: string[]) => {
    const ev = new Evidence();
    for (const name of order) {
      const doc = read(name);
      ev.add(name, cityOf(name, doc), doc.facts.year, codePairs(doc));
    }
    return ev;
  };
  const ev = build([A, B]);
  const row = (code: string) => ev.rows().filter((r) => r.code === code);
  assert.deepEqual(
    row('2014001').map((r) => [r.year, r.name, r.documents, r.cities]),
    [[2026, '行政运行', 2, ['东营', '遵义']]],
    'the prose and the table of one document count once',
  );
  assert.deepEqual(
    row('2014004').map((r) => [r.name, r.documents, r.cities.length]),
    [
      ['信访业务', 1, 1],
      ['信访工作', 1, 1],
    ],
    'two names: two rows, for review',
  );
  assert.equal(build([B, A]).tsv(), ev.tsv(), 'the order documents are read in does not matter');
  assert.match(ev.tsv(), /^function\t20140\t2026\t信访事务\t2\t2\t东营、遵义\t$/m);
  assert.match(ev.tsv(), /^economic-department\t3010201\t2026\t规范性津补贴\t1\t1\t东营\ty$/m);
});

test('new codes from the evidence explain themselves on hover and in `explain`, with their provenance', () => {
  const x = explainCode('2014004', 2026)!;
  assert.equal(x.name, '信访业务');
  assert.deepEqual(
    x.path.map((p) => p.code),
    ['201', '20140', '2014004'],
  );
  assert.match(x.source, /observed in \d+ documents, \d+ cities, years 2026/);
  assert.match(explanationMarkdown(explainCode('2050803', 2026)!), /培训支出[\s\S]*来源：各地公开的预决算文件/);
  assert.match(explainCode('2014001', 2026)!.explanation, /信访事务方面行政单位/, 'the generic text for 行政运行, with its 款');
  const local = explainCode('3010201', 2026)!;
  assert.match(local.explanation, /30102 津贴补贴 下自行细分/);
  assert.equal(explainCode('2999999', 2026), undefined, 'a code nobody uses stays unexplained');
});

test('hover on a new code and on a local economic code in a table', () => {
  const doc = read(A);
  const at = (code: string) => {
    const line = doc.lines.findIndex((l) => l.startsWith(`${code}\t`));
    return codeHover(doc, { line, character: 1 })?.contents.value ?? '';
  };
  assert.match(at('2014004'), /\*\*2014004 信访业务\*\*[\s\S]*信访事务（20140）[\s\S]*observed in/);
  assert.match(at('3010201'), /地方细化科目[\s\S]*30102 津贴补贴/);
});

/**
 * The real documents among the fixtures, as text (seeds and more-docs; the originals are read by the import tests,
 * importing 20 PDFs here would be slow). Not the tests' own small fixtures: each new test would move the figure.
 */
function fixtureDocuments(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.txt$/.test(name)) out.push(p);
    }
  };
  walk(join(FIXTURES, 'seeds'));
  walk(join(FIXTURES, 'more-docs'));
  return out;
}

test('coverage of the fixtures: entries per classification and edition, and the share of code occurrences explained', () => {
  const cat = catalogue();
  const coverage = new Map<Classification, Coverage>();
  for (const file of fixtureDocuments()) {
    const doc = analyzeText(readFileSync(file, 'utf8'));
    addCoverage(coverage, cat, doc.facts.year, codeOccurrences(doc));
  }
  const report: string[] = [];
  const classes: Classification[] = ['function', 'economic-department', 'economic-government'];
  for (const cls of classes)
    for (const year of [2020, 2025, 2026])
      report.push(`${cls} ${year}: ${cat.size(cls, '类', year)} 类, ${cat.size(cls, '款', year)} 款, ${cat.size(cls, '项', year)} 项`);
  const share: Record<string, string> = {};
  for (const cls of classes) {
    const c = coverage.get(cls)!;
    share[cls] = `${c.explained}/${c.occurrences}`;
    report.push(
      `${cls}: ${c.explained} of ${c.occurrences} code occurrences explained (${((100 * c.explained) / c.occurrences).toFixed(1)} %)`,
    );
  }
  console.log(report.join('\n'));
  assert.deepEqual(report.slice(0, 9), PINNED_SIZES);
  assert.deepEqual(share, PINNED_SHARE);
});

// the function classification's 2026 edition holds the codes entered from the corpus's evidence (mostly 2026
// budgets); 2020 and 2025 only those documents of those years used
const PINNED_SIZES = [
  'function 2020: 30 类, 119 款, 413 项',
  'function 2025: 29 类, 121 款, 420 项',
  'function 2026: 29 类, 156 款, 573 项',
  'economic-department 2020: 10 类, 100 款, 0 项',
  'economic-department 2025: 10 类, 100 款, 0 项',
  'economic-department 2026: 10 类, 101 款, 0 项',
  'economic-government 2020: 15 类, 63 款, 0 项',
  'economic-government 2025: 15 类, 63 款, 0 项',
  'economic-government 2026: 15 类, 63 款, 0 项',
];
const PINNED_SHARE: Record<string, string> = {
  function: '1251/1252',
  'economic-department': '665/666',
  'economic-government': '202/202',
};
