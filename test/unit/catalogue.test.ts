// The subject-code catalogue is data: validate it, and pin how many entries each classification holds
// so that a lost line fails the build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Catalogue, catalogue, normalizeName } from '../../server/src/catalogue/catalogue.js';

const cat = catalogue();

test('every 款 and 项 has its parents; codes are unique per edition; names and explanations are present', () => {
  const seen = new Map<string, [number, number][]>();
  for (const e of cat.all()) {
    assert.ok(e.name.trim(), `${e.code} has a name`);
    assert.ok(e.explanation.trim(), `${e.code} ${e.name} has an explanation`);
    assert.ok(e.from >= 2007 && e.from <= e.to, `${e.code} valid years`);
    if (e.code.length > 3) {
      const parent = e.code.slice(0, e.code.length - 2);
      const p = cat.anyEdition(parent);
      assert.ok(p, `${e.code} ${e.name}: parent ${parent} missing`);
      assert.ok(p.from <= e.from, `${e.code}: parent ${parent} must exist when it does`);
    }
    for (const [f, t] of seen.get(e.code) ?? []) assert.ok(e.to < f || e.from > t, `${e.code} listed twice for overlapping years`);
    seen.set(e.code, [...(seen.get(e.code) ?? []), [e.from, e.to]]);
  }
});

test('entry counts per classification (2025 edition): losing a line fails here', () => {
  assert.equal(cat.size('economic-department', '类', 2025), 10);
  assert.equal(cat.size('economic-department', '款', 2025), 100);
  assert.equal(cat.size('economic-government', '类', 2025), 15);
  assert.equal(cat.size('economic-government', '款', 2025), 63);
  assert.equal(cat.size('function', '类', 2025), 29, 'every 类 of the current edition');
  assert.equal(cat.size('function', '类', 2020), 30, '234 抗疫特别国债 existed in 2020–2021');
  assert.equal(cat.size('function', '款', 2025), 121, '20139 社会工作事务 and 22001 自然资源事务: used by 2024 documents');
  assert.equal(cat.size('function', '项', 2025), 420);
  assert.equal(cat.size('function', '项', 2026), 573, 'the 2026 edition with the codes entered from the corpus');
});

test('year-aware names: 卫生健康支出 from 2019, 扶贫 until 2021, 医疗保障管理事务 created in 2019', () => {
  const c210 = cat.lookup('210', 2020)!;
  assert.equal(cat.nameIn(c210, 2020), '卫生健康支出');
  assert.equal(cat.nameIn(c210, 2018), '医疗卫生与计划生育支出');
  const c21305 = cat.lookup('21305', 2021)!;
  assert.equal(cat.nameIn(c21305, 2021), '扶贫');
  assert.equal(cat.nameIn(c21305, 2022), '巩固脱贫衔接乡村振兴');
  assert.equal(cat.lookup('21015', 2018), undefined);
  assert.equal(cat.lookup('2101501', 2020)!.name, '行政运行');
  assert.equal(cat.lookup('2130601', 2021), undefined, '农业综合开发 ended in 2020');
  assert.ok(cat.anyEdition('2130601'));
});

test('paths, explanations and the 部门 → 政府 correspondence', () => {
  assert.deepEqual(
    cat.path('2101501', 2024).map((e) => e.name),
    ['卫生健康支出', '医疗保障管理事务', '行政运行'],
  );
  assert.match(cat.lookup('2101501')!.explanation, /医疗保障管理事务.*行政单位/);
  assert.deepEqual(cat.mappingOf('30101'), { agency: ['50101'], institution: ['50501'] });
  assert.deepEqual(cat.mappingOf('30201'), { agency: ['50201'], institution: ['50502'] });
  assert.deepEqual(cat.mappingOf('31002'), { agency: ['503'], institution: ['506'] }, 'class-level fallback');
  assert.equal(cat.lookup('30201')!.name, '办公费');
  assert.equal(cat.lookup('50201')!.name, '办公经费');
});

test('harmless name variants normalise alike; real differences do not', () => {
  assert.equal(normalizeName('维修(护)费'), normalizeName('维修（护）费'));
  assert.equal(normalizeName('其它社会保障缴费'), normalizeName('其他社会保障缴费'));
  assert.equal(normalizeName('对个人和家庭补助'), normalizeName('对个人和家庭的补助'));
  assert.notEqual(normalizeName('其他医疗保障管理事物'), normalizeName('其他医疗保障管理事务支出'));
});

test('a malformed data file is refused with a clear message', () => {
  assert.throws(() => Catalogue.load('/nonexistent'), /ENOENT|not found/);
});

test('importing an official list: new codes added, covered 款 marked complete, differing names reported', async () => {
  const { mergeOfficial, parseOfficial } = await import('../../server/src/catalogue/importOfficial.js');
  const tsv =
    [
      '# header',
      'code\tname\tvalid\tformer\tcomplete\texplanation',
      '210\t卫生健康支出\t2007-\t\t\tx',
      '21099\t其他卫生健康支出\t2007-\t\t\tx',
      '2109999\t其他卫生健康支出\t2007-\t\t\tx',
      '2109998\t某观察到的项\t2026-\t\t\t某说明\tobserved in 3 documents, 2 cities, years 2026',
    ].join('\n') + '\n';
  const official = parseOfficial(
    '科目编码,科目名称\n210,卫生健康支出\n21099,其他卫生健康支出\n2109901,某新项\n2109998,某观察到的项\n2109999,其它卫生健康支出\n',
  );
  assert.equal(official.length, 5);
  const { tsv: merged, report } = mergeOfficial(tsv, official, 2025);
  assert.deepEqual(report.added, ['2109901']);
  assert.deepEqual(report.completed.sort(), ['210', '21099']);
  assert.deepEqual(report.renamed, [{ code: '2109999', ours: '其他卫生健康支出', official: '其它卫生健康支出' }]);
  assert.match(merged, /^2109901\t某新项\t2025-\t\t\t$/m);
  assert.match(merged, /^21099\t其他卫生健康支出\t2007-\t\ty\tx$/m);
  assert.deepEqual(report.confirmed, ['2109998'], 'a code entered from evidence, now in the official list');
  assert.match(merged, /^2109998\t某观察到的项\t2026-\t\t\t某说明\t$/m);
  assert.ok(merged.startsWith('# header\ncode\t'));
});
