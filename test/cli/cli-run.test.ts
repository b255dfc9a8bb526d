// budget-lint as users run it (the built dist/cli.js): --fix and --fix-dry-run on copies of a fixture, the worker
// pool against one worker, standard input, explain --locale en, the usage, the summary line, SARIF and JSON fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, ONE_WRONG_CELL } from '../helpers/fixtures.js';
import { RULE_IDS, ruleDocsUrl } from '../../shared/src/rules.js';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'budget-lint.js');
const run = (args: string[], options: { input?: string | Buffer; env?: Record<string, string> } = {}) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input: options.input, env: { ...process.env, ...options.env } });

/** A doubled 。 (line 5), one wrong cell that two sums prove (line 11: 9.00 → 8.00) and a lone broken sum (line 24). */
const FIXABLE = join(FIXTURES, 'cli', 'fixable.txt');
const fixableText = () => readFileSync(FIXABLE, 'utf8');
const copy = (name = 'fixable.txt', content: string | Buffer = fixableText()) => {
  const dir = mkdtempSync(join(tmpdir(), 'budget-fix-'));
  writeFileSync(join(dir, name), content);
  return join(dir, name);
};

test('--fix writes the certain fixes, lists them, leaves the uncertain ones, and exits on what is left', () => {
  const file = copy();
  const before = run(['--locale', 'en', file]);
  assert.equal(before.status, 1);
  const r = run(['--fix', '--locale', 'en', file]);
  assert.equal(r.status, 1, 'the lone broken sum is still an error');
  assert.equal(
    r.stdout
      .split('\n')
      .filter((l) => l.includes(' → '))
      .join('\n'),
    `${file}:5: 。。 → 。\n${file}:11: 9.00 → 8.00`,
  );
  const after = readFileSync(file, 'utf8');
  assert.equal(after, fixableText().replace('预算。。', '预算。').replace('人大事务\t12.00\t9.00', '人大事务\t12.00\t8.00'));
  assert.match(after, /^205\t教育支出\t10\.00$/m, 'a sum whose total or item may be wrong is not touched');
  // the findings printed are those left after fixing
  assert.doesNotMatch(r.stdout, /punctuation|人大事务/);
  assert.match(r.stdout, /fixable\.txt:24:10: error sum-mismatch 「205 教育支出」/);
  assert.match(r.stderr, /2 fix\(es\) applied in 1 file\(s\)/);
  assert.match(r.stderr, /1 file\(s\) checked: 1 error\(s\), 0 warning\(s\)/);
  // nothing certain is left: a second run changes nothing
  const again = run(['--fix', '--locale', 'en', file]);
  assert.doesNotMatch(again.stdout, / → /);
  assert.equal(readFileSync(file, 'utf8'), after);
});

test('--fix keeps CRLF line endings and a UTF-16 file’s encoding; a GB18030 file and an original are refused and untouched', () => {
  const crlf = copy('crlf.txt', fixableText().replace(/\n/g, '\r\n'));
  assert.equal(run(['--fix', crlf]).status, 1);
  const crlfAfter = readFileSync(crlf, 'utf8');
  assert.match(crlfAfter, /人大事务\t12\.00\t8\.00\t4\.00\r\n/);
  assert.doesNotMatch(crlfAfter, /[^\r]\n/, 'every line still ends in CRLF');
  const utf16 = copy('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fixableText(), 'utf16le')]));
  run(['--fix', utf16]);
  const bytes = readFileSync(utf16);
  assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xfe]);
  assert.match(bytes.subarray(2).toString('utf16le'), /人大事务\t12\.00\t8\.00/);
  // 一、部门概况 / 本部门主要职责是组织实施本级预算。。 in GB18030, byte by byte (Node has no encoder for it)
  const gbBytes = Buffer.from(
    'd2bba1a2b2bfc3c5b8c5bff60a0ab1beb2bfc3c5d6f7d2aad6b0d4f0cac7d7e9d6afcab5caa9b1bebcb6d4a4cbe3a1a3a1a30a',
    'hex',
  );
  const gb = copy('gbk.txt', gbBytes);
  const refused = run(['--fix', '--locale', 'en', gb]);
  assert.match(refused.stderr, /gbk\.txt: not changed \(a GB18030\/GBK file cannot be written back/);
  assert.match(refused.stdout, /gbk\.txt:3:17: warning punctuation/, 'still checked and reported');
  assert.deepEqual(readFileSync(gb), gbBytes);
  const pdfDir = join(FIXTURES, 'originals', 'pdf');
  const pdfName = readdirSync(pdfDir).find((f) => f.endsWith('.pdf'))!;
  const pdf = copy(pdfName, readFileSync(join(pdfDir, pdfName)));
  const original = run(['--fix', pdf]);
  assert.match(original.stderr, /未修改（公开的原件（PDF）从不修改/);
  assert.deepEqual(readFileSync(pdf), readFileSync(join(pdfDir, pdfName)));
});

test('--fix-dry-run prints a unified diff and changes nothing; the exit status is that of the file as it is', () => {
  const file = copy();
  const r = run(['--fix-dry-run', file]);
  assert.equal(r.status, 1);
  assert.equal(readFileSync(file, 'utf8'), fixableText());
  assert.ok(r.stdout.startsWith(`--- ${file}\n+++ ${file}\n@@ -2,13 +2,13 @@\n`), r.stdout);
  assert.match(r.stdout, /^-本部门主要职责是组织实施本级预算。。\n\+本部门主要职责是组织实施本级预算。\n/m);
  assert.match(r.stdout, /^-20101\t人大事务\t12\.00\t9\.00\t4\.00\n\+20101\t人大事务\t12\.00\t8\.00\t4\.00\n/m);
  assert.doesNotMatch(r.stdout, /^[-+]205/m);
  assert.match(r.stdout, /fixable\.txt:5:17: warning punctuation/, 'the findings are those of the unchanged file');
  assert.match(r.stderr, /可修复 2 处（1 个文件），未写入/);
  assert.equal(run(['--fix', '--fix-dry-run', file]).status, 2);
});

test('a folder checked by several workers prints exactly what one worker prints, in the same order', () => {
  const folder = join(FIXTURES, 'shapes');
  const one = run(['--jobs', '1', folder]);
  const two = run(['--jobs', '2', folder]);
  const env = run([folder], { env: { BUDGET_LINT_JOBS: '3' } });
  assert.ok(one.stdout.length > 0);
  assert.equal(two.stdout, one.stdout);
  assert.equal(env.stdout, one.stdout);
  assert.equal(two.status, one.status);
  const files = [
    ...new Set(
      one.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(':')[0]),
    ),
  ];
  assert.deepEqual(files, [...files].sort(), 'files in name order');
  const json1 = run(['--jobs', '1', '--format', 'json', folder]).stdout;
  assert.equal(run(['--jobs', '2', '--format', 'json', folder]).stdout, json1);
  // stderr is not a terminal here: no progress line, ever
  assert.doesNotMatch(two.stderr, /\r|\[\d+\/\d+\]/);
  assert.equal(run(['--jobs', '0', folder]).status, 2);
});

test('- reads standard input', () => {
  const r = run(['--locale', 'en', '-'], { input: ONE_WRONG_CELL });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^-:5:18: error sum-mismatch /);
  const json = JSON.parse(run(['--format', 'json', '-'], { input: ONE_WRONG_CELL }).stdout) as { file: string; diagnostics: unknown[] }[];
  assert.deepEqual(
    json.map((f) => [f.file, f.diagnostics.length]),
    [['-', 1]],
  );
  const dry = run(['--fix-dry-run', '-'], { input: ONE_WRONG_CELL });
  assert.match(dry.stdout, /^-20101\t人大事务\t12\.00\t9\.00\t4\.00\n\+20101\t人大事务\t12\.00\t8\.00\t4\.00$/m);
  assert.match(run(['--fix', '-'], { input: ONE_WRONG_CELL }).stderr, /标准输入无法写回/);
});

test('the summary line: Chinese by default, counting hints; the English form with --locale en', () => {
  const zh = run([FIXABLE]);
  assert.match(zh.stderr, /^已检查 1 个文件：2 个错误，1 个警告，0 个提示$/m);
  const en = run(['--locale', 'en', FIXABLE]);
  assert.match(en.stderr, /^1 file\(s\) checked: 2 error\(s\), 1 warning\(s\), 0 hint\(s\)$/m);
  const rounding = run(['-'], {
    input: [
      '表1 一般公共预算支出表',
      '单位：万元',
      '科目编码\t科目名称\t合计',
      '201\t一般公共服务支出\t2.5',
      '20101\t人大事务\t1.2',
      '20102\t政协事务\t1.2',
    ].join('\n'),
  });
  assert.match(rounding.stdout, /hint rounding/);
  assert.match(rounding.stderr, /^已检查 1 个文件：0 个错误，0 个警告，1 个提示$/m);
});

test('explain --locale en: English labels around the official (Chinese) name', () => {
  const r = run(['explain', '--locale', 'en', '30201']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^\*\*30201 办公费\*\* \(department economic classification \(部门预算支出经济分类\) · section \(款\)\)/);
  assert.match(r.stdout, /^- valid: from 2018$/m);
  assert.match(r.stdout, /^- corresponds to \(.*\): 50201 办公经费$/m);
  assert.match(r.stdout, /^- source: /m);
  assert.doesNotMatch(r.stdout, /有效年度|来源：/);
  assert.match(run(['explain', '30201']).stdout, /^- 有效年度：2018年起$/m);
});

test('with no PATH the usage is printed and the exit status is 2', () => {
  const r = run([]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^budget-lint: no PATH given\nusage:\n/);
  assert.match(r.stderr, /--fix-dry-run/);
  assert.match(r.stderr, /--jobs N/);
});

test('JSON: every diagnostic links to its rule page (codeDescription.href)', () => {
  const parsed = JSON.parse(run(['--format', 'json', FIXABLE]).stdout) as {
    diagnostics: { code: string; codeDescription?: { href: string } }[];
  }[];
  const diagnostics = parsed.flatMap((f) => f.diagnostics);
  assert.ok(diagnostics.length >= 3);
  for (const d of diagnostics) assert.equal(d.codeDescription?.href, ruleDocsUrl(d.code as (typeof RULE_IDS)[number]));
});

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface SarifLog {
  version: string;
  $schema: string;
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri: string;
        rules: {
          id: string;
          helpUri: string;
          shortDescription: { text: string; markdown?: string };
          properties: Record<string, unknown>;
          defaultConfiguration: { level: string };
        }[];
      };
    };
    columnKind: string;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: SarifRegion } }[];
      relatedLocations?: {
        id: number;
        physicalLocation: { artifactLocation: { uri: string }; region: SarifRegion };
        message: { text: string };
      }[];
      fixes?: {
        description: { text: string };
        artifactChanges: {
          artifactLocation: { uri: string };
          replacements: { deletedRegion: SarifRegion; insertedContent: { text: string } }[];
        }[];
      }[];
    }[];
  }[];
}

test('SARIF 2.1.0: tool version and home, every rule with its page and both languages, related locations, certain fixes', () => {
  const log = JSON.parse(run(['--format', 'sarif', FIXABLE]).stdout) as SarifLog;
  // sarifLog: version and runs are required (§3.13); run: tool (§3.14); toolComponent: name (§3.19)
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const [sarifRun] = log.runs;
  const driver = sarifRun.tool.driver;
  assert.equal(driver.name, 'budget-lint');
  assert.equal(driver.version, (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  assert.match(driver.informationUri, /^https:\/\/github\.com\/[^/]+\/[^/]+$/);
  assert.equal(sarifRun.columnKind, 'utf16CodeUnits');
  // reportingDescriptor: id required (§3.49.3); every rule, each page in docs/rules/
  assert.deepEqual(
    driver.rules.map((r) => r.id),
    [...RULE_IDS],
  );
  for (const r of driver.rules) {
    assert.equal(r.helpUri, ruleDocsUrl(r.id as (typeof RULE_IDS)[number]));
    assert.ok(existsSync(join(ROOT, 'docs', 'rules', `${r.id}.md`)), `${r.id} has a page`);
    assert.match(r.shortDescription.text, /[\u4e00-\u9fff].*; .*[a-z]/, `${r.id}: Chinese; English`);
    assert.equal(typeof r.properties['description.zh'], 'string');
    assert.equal(typeof r.properties['description.en'], 'string');
    assert.ok(['error', 'warning', 'note'].includes(r.defaultConfiguration.level));
  }
  const validRegion = (g: SarifRegion) =>
    [g.startLine, g.startColumn, g.endLine, g.endColumn].every((n) => Number.isInteger(n) && n >= 1) &&
    (g.endLine > g.startLine || (g.endLine === g.startLine && g.endColumn >= g.startColumn));
  for (const result of sarifRun.results) {
    // result: message required (§3.27.11); ruleIndex points at the rule of ruleId (§3.27.6)
    assert.equal(typeof result.message.text, 'string');
    assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);
    assert.ok(validRegion(result.locations[0].physicalLocation.region));
    const ids = (result.relatedLocations ?? []).map((l) => l.id);
    assert.equal(new Set(ids).size, ids.length, 'location ids unique within the result (§3.28.2)');
    for (const l of result.relatedLocations ?? []) {
      assert.ok(validRegion(l.physicalLocation.region));
      assert.equal(typeof l.message.text, 'string');
      assert.equal(l.physicalLocation.artifactLocation.uri, result.locations[0].physicalLocation.artifactLocation.uri);
    }
  }
  const lone = sarifRun.results.find((x) => /205 教育支出/.test(x.message.text))!;
  assert.equal(lone.relatedLocations?.length, 2, 'the two summed items');
  assert.equal(lone.fixes, undefined, 'not a certain fix');
  // fix: artifactChanges (≥ 1) required (§3.55.3); artifactChange: artifactLocation and replacements (≥ 1) (§3.56);
  // replacement: deletedRegion required (§3.57.3). Applied to the file, the fixes give what --fix writes.
  const fixed = sarifRun.results.flatMap((x) => x.fixes ?? []);
  assert.equal(fixed.length, 2);
  const lines = fixableText().split('\n');
  for (const fix of fixed) {
    assert.ok(fix.description.text.length > 0);
    assert.ok(fix.artifactChanges.length >= 1);
    for (const change of fix.artifactChanges) {
      assert.equal(change.artifactLocation.uri, FIXABLE.replace(/\\/g, '/'));
      assert.ok(change.replacements.length >= 1);
      for (const { deletedRegion: g, insertedContent } of change.replacements) {
        assert.ok(validRegion(g) && g.startLine === g.endLine);
        const line = lines[g.startLine - 1];
        lines[g.startLine - 1] = line.slice(0, g.startColumn - 1) + insertedContent.text + line.slice(g.endColumn - 1);
      }
    }
  }
  const file = copy();
  run(['--fix', file]);
  assert.equal(lines.join('\n'), readFileSync(file, 'utf8'));
});

test('--fix on a folder copy: the same changes with one worker and with several', () => {
  const make = () => {
    const dir = mkdtempSync(join(tmpdir(), 'budget-fix-dir-'));
    for (const n of ['a', 'b', 'c']) copyFileSync(FIXABLE, join(dir, `${n}.txt`));
    return dir;
  };
  const one = make();
  const two = make();
  const r1 = run(['--fix', '--jobs', '1', one]);
  const r2 = run(['--fix', '--jobs', '2', two]);
  assert.equal(r2.stdout.replaceAll(two, 'DIR'), r1.stdout.replaceAll(one, 'DIR'));
  for (const n of ['a', 'b', 'c']) assert.equal(readFileSync(join(two, `${n}.txt`), 'utf8'), readFileSync(join(one, `${n}.txt`), 'utf8'));
  assert.match(r1.stderr, /已修复 6 处（3 个文件）/);
});
