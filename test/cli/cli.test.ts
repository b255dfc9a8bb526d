// budget-lint as users run it: a spawned process, its stdout/stderr and exit status (see CONTRACT.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEEDS, MORE_DOCS, ONE_WRONG_CELL, seedFiles } from '../helpers/fixtures.js';

const BIN = join(__dirname, '..', '..', 'bin', 'budget-lint.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

test('outline (text) prints the reviewed golden outline', () => {
  const name = seedFiles()[0];
  const r = run('outline', join(SEEDS, name));
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, readFileSync(join(__dirname, '..', 'golden', 'outline', name.replace(/\.txt$/, '.outline.txt')), 'utf8'));
});

test('outline --format json prints LSP DocumentSymbol trees', () => {
  const r = run('outline', '--format', 'json', join(SEEDS, seedFiles()[1]));
  assert.equal(r.status, 0, r.stderr);
  const symbols = JSON.parse(r.stdout) as { name: string; kind: number; range: unknown; selectionRange: unknown; children: unknown[] }[];
  assert.ok(Array.isArray(symbols) && symbols.length > 0);
  for (const s of symbols) {
    assert.equal(typeof s.name, 'string');
    assert.equal(typeof s.kind, 'number');
    assert.ok(s.range && s.selectionRange && Array.isArray(s.children));
  }
  assert.ok(symbols.some((s) => s.name === '第一部分：部门概况' || s.name === '第一部分 部门概况'));
});

test('checking every seed and more-doc folder runs cleanly (exit 0 or 1, never a crash)', () => {
  for (const dir of [SEEDS, MORE_DOCS]) {
    const r = run(dir);
    assert.ok(r.status === 0 || r.status === 1, `${dir}: status ${r.status}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /internal error/);
    assert.match(r.stderr, /^已检查 \d+ 个文件：\d+ 个错误，\d+ 个警告，\d+ 个提示/m);
  }
});

test('--format json and sarif are well-formed', () => {
  const json = run('--format', 'json', SEEDS);
  const parsed = JSON.parse(json.stdout) as { file: string; diagnostics: unknown[] }[];
  assert.equal(parsed.length, seedFiles().length);
  assert.ok(parsed.every((f) => typeof f.file === 'string' && Array.isArray(f.diagnostics)));
  const sarif = JSON.parse(run('--format=sarif', SEEDS).stdout) as {
    version: string;
    runs: { tool: { driver: { name: string } }; results: unknown[] }[];
  };
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0].tool.driver.name, 'budget-lint');
});

test('usage errors and unreadable input exit 2 with a one-line message', () => {
  for (const args of [['--format', 'xml', SEEDS], ['--year', 'abc', SEEDS], ['/no/such/file.txt'], ['outline'], ['--bogus', SEEDS]]) {
    const r = run(...args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^budget-lint: /);
  }
  const help = run('--help');
  assert.equal(help.status, 0);
  assert.match(help.stdout, /usage:/);
});

test('GB18030 and BOM files are read; binary files are refused clearly', () => {
  const dir = mkdtempSync(join(tmpdir(), 'budget-lint-'));
  // 第一部分 部门概况 in GB18030, written byte by byte so no encoder is needed
  const gb = Buffer.from('b5dad2bbb2bfb7d620b2bfc3c5b8c5bff6', 'hex');
  writeFileSync(join(dir, 'gbk.txt'), gb);
  const r = run('outline', join(dir, 'gbk.txt'));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^第一部分 部门概况/);
  writeFileSync(join(dir, 'bom.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('第二部分 收支情况\n')]));
  assert.match(run('outline', join(dir, 'bom.txt')).stdout, /^第二部分 收支情况/);
  writeFileSync(join(dir, 'junk.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]));
  const junk = run('outline', join(dir, 'junk.txt'));
  assert.equal(junk.status, 2);
  assert.match(junk.stderr, /^budget-lint: cannot read .*junk\.txt: an image: a scanned page needs OCR/);
});

test('explain prints the same explanation as the hover, in Markdown or JSON; unknown codes exit 1', () => {
  const md = run('explain', '2101501');
  assert.equal(md.status, 0, md.stderr);
  assert.match(md.stdout, /\*\*2101501 行政运行\*\*（支出功能分类科目 · 项）/);
  assert.match(md.stdout, /卫生健康支出（210） › 医疗保障管理事务（21015） › 行政运行（2101501）/);
  const json = JSON.parse(run('explain', '--format', 'json', '30201').stdout) as {
    code: string;
    name: string;
    classification: string;
    level: string;
    path: { code: string; name: string }[];
    explanation: string;
    related: { code: string }[];
  };
  assert.equal(json.name, '办公费');
  assert.equal(json.level, '款');
  assert.deepEqual(
    json.path.map((p) => p.code),
    ['302', '30201'],
  );
  assert.ok(json.related.some((r) => r.code === '50201'));
  assert.match(run('explain', '50201').stdout, /办公经费/);
  assert.match(run('explain', '2080505').stdout, /机关事业单位基本养老保险缴费支出/);
  assert.match(run('explain', '--year', '2021', '2130599').stdout, /其他扶贫支出/);
  const unknown = run('explain', '2999999');
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /not a subject code/);
});

test('--codes: local codes are used, and a malformed file is reported without stopping the check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'budget-codes-'));
  writeFileSync(
    join(dir, 'codes.json'),
    '{ "codes": [ { "code": "2109901", "name": "省级卫生健康专项" }, { "code": "12", "name": "x" } ] }',
  );
  const r = run('explain', '--codes', join(dir, 'codes.json'), '2109901');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /省级卫生健康专项/);
  assert.match(r.stderr, /codes\.json:1:1: error local-codes 编码「12」/);
});

test("--rule changes a rule's severity or turns it off, like the budget.rules setting; bad values are usage errors", () => {
  const seed = join(SEEDS, '000_1f6e6b9090501f01.txt');
  const codes = (args: string[]) => {
    const r = run('--format', 'json', ...args, seed);
    return {
      status: r.status,
      diagnostics: (JSON.parse(r.stdout) as { diagnostics: { code: string; severity: number }[] }[])[0].diagnostics,
    };
  };
  const base = codes([]);
  assert.equal(base.status, 1);
  const sums = base.diagnostics.filter((d) => d.code === 'sum-mismatch');
  assert.ok(sums.length > 0 && sums.every((d) => d.severity === 1));
  // every error here is a sum-mismatch: demoted to warnings, the run passes, and nothing else changes
  assert.ok(base.diagnostics.every((d) => d.severity !== 1 || d.code === 'sum-mismatch'));
  const demoted = codes(['--rule', 'sum-mismatch=warning']);
  assert.equal(demoted.status, 0);
  assert.equal(demoted.diagnostics.filter((d) => d.code === 'sum-mismatch' && d.severity === 2).length, sums.length);
  assert.equal(demoted.diagnostics.length, base.diagnostics.length);
  const off = codes(['--rule=sum-mismatch=off', '--rule', 'code-name-mismatch=off']);
  assert.deepEqual(
    off.diagnostics.filter((d) => d.code === 'sum-mismatch' || d.code === 'code-name-mismatch'),
    [],
  );
  assert.equal(
    off.diagnostics.length,
    base.diagnostics.length - sums.length - base.diagnostics.filter((d) => d.code === 'code-name-mismatch').length,
  );
  for (const bad of ['nope=off', 'rounding=loud', 'rounding']) {
    const r = run('--rule', bad, seed);
    assert.equal(r.status, 2, bad);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /--rule/);
  }
});

test('--max-warnings N fails the run when there are more than N warnings', () => {
  const seed = join(SEEDS, '000_1f6e6b9090501f01.txt');
  const demote = ['--rule', 'sum-mismatch=warning'];
  const r = run(...demote, seed);
  const warnings = Number(/(\d+) 个警告/.exec(r.stderr)![1]);
  assert.equal(r.status, 0);
  assert.ok(warnings > 1);
  assert.equal(run(...demote, '--max-warnings', String(warnings), seed).status, 0);
  const over = run(...demote, '--max-warnings', String(warnings - 1), seed);
  assert.equal(over.status, 1);
  assert.match(over.stderr, /个警告，超过 --max-warnings/);
  assert.match(run(...demote, '--locale', 'en', '--max-warnings', '0', seed).stderr, /warning\(s\), more than --max-warnings 0/);
  assert.equal(run('--max-warnings', '-1', seed).status, 2);
});

test('one unreadable file in a folder does not cost the others their findings: reported, exit 2 at the end', () => {
  const dir = mkdtempSync(join(tmpdir(), 'budget-lint-'));
  writeFileSync(join(dir, 'a.txt'), readFileSync(join(SEEDS, seedFiles()[0])));
  writeFileSync(join(dir, 'b.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
  const r = run('--format', 'json', dir);
  assert.equal(r.status, 2);
  const parsed = JSON.parse(r.stdout) as { file: string; diagnostics: unknown[]; error?: string }[];
  assert.ok(parsed.find((f) => f.file.endsWith('a.txt'))!.diagnostics.length > 0);
  assert.match(parsed.find((f) => f.file.endsWith('b.txt'))!.error ?? '', /image/);
  assert.match(r.stderr, /cannot check .*b\.txt/);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
});

test('folders: a symlink loop and links out of the folder are skipped with a note, never followed or fatal', () => {
  const outside = mkdtempSync(join(tmpdir(), 'budget-out-'));
  writeFileSync(join(outside, 'secret.txt'), readFileSync(join(SEEDS, seedFiles()[0])));
  const dir = mkdtempSync(join(tmpdir(), 'budget-lint-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'a.txt'), '第一部分 部门概况\n');
  symlinkSync(dir, join(dir, 'sub', 'loop'));
  symlinkSync(join(dir, 'self'), join(dir, 'self')); // a link to itself: ELOOP
  symlinkSync(outside, join(dir, 'out'));
  symlinkSync(join(outside, 'secret.txt'), join(dir, 'secret.txt'));
  const r = run('--format', 'json', dir);
  assert.equal(r.status, 0, r.stderr);
  const files = (JSON.parse(r.stdout) as { file: string }[]).map((f) => f.file);
  assert.deepEqual(files, [join(dir, 'sub', 'a.txt')]);
  assert.match(r.stderr, /skipped .*loop: a link back to a folder already checked/);
  assert.match(r.stderr, /skipped .*self: a link that loops back on itself/);
  assert.match(r.stderr, /skipped .*out: a link out of the folder/);
  assert.doesNotMatch(r.stderr, /internal error|ELOOP|\n\s+at /);
});

test('a UTF-8 file with one stray byte is read as UTF-8, the line is flagged, and json says which encoding was used', () => {
  const dir = mkdtempSync(join(tmpdir(), 'budget-lint-'));
  const text = readFileSync(join(SEEDS, seedFiles()[0]));
  const at = text.indexOf(0x0a) + 1;
  writeFileSync(join(dir, 'stray.txt'), Buffer.concat([text.subarray(0, at), Buffer.from([0xff]), text.subarray(at)]));
  writeFileSync(join(dir, 'clean.txt'), text);
  const parsed = JSON.parse(run('--format', 'json', dir).stdout) as {
    file: string;
    encoding: string;
    diagnostics: { code: string; severity: number; range: { start: { line: number } } }[];
  }[];
  const stray = parsed.find((f) => f.file.endsWith('stray.txt'))!;
  const clean = parsed.find((f) => f.file.endsWith('clean.txt'))!;
  assert.equal(stray.encoding, 'utf-8');
  assert.deepEqual(
    stray.diagnostics.filter((d) => d.code === 'encoding').map((d) => [d.severity, d.range.start.line]),
    [[2, 1]],
  );
  // the rest of the findings are the clean file's
  assert.deepEqual(
    stray.diagnostics.filter((d) => d.code !== 'encoding').map((d) => d.code),
    clean.diagnostics.map((d) => d.code),
  );
});

test('a file beyond what can be checked is refused up front with its size and the limit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'budget-lint-'));
  writeFileSync(join(dir, 'huge.txt'), Buffer.alloc(51 * 1024 * 1024, 0x41));
  const r = run(join(dir, 'huge.txt'));
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^budget-lint: cannot check .*huge\.txt: too large to check \(51 MB; the limit is 50 MB\)/);
});

test('.budgetlintrc.json: the nearest file above applies, its ignore list skips files found in folders, --rule wins, a bad entry is a note', () => {
  const dir = mkdtempSync(join(tmpdir(), 'budget-lint-config-'));
  mkdirSync(join(dir, 'docs', 'drafts'), { recursive: true });
  writeFileSync(join(dir, 'docs', 'a.txt'), ONE_WRONG_CELL);
  writeFileSync(join(dir, 'docs', 'drafts', 'b.txt'), ONE_WRONG_CELL);
  writeFileSync(
    join(dir, '.budgetlintrc.json'),
    JSON.stringify({ rules: { arithmetic: 'warning', nonsense: 'off' }, ignore: ['**/drafts/**'] }),
  );
  const folder = run(join(dir, 'docs'));
  assert.equal(folder.status, 0, 'arithmetic made warnings by the file: no error');
  assert.match(folder.stdout, /a\.txt:5:18: warning sum-mismatch/);
  assert.doesNotMatch(folder.stdout, /b\.txt/, 'drafts are ignored');
  assert.match(folder.stderr, /\.budgetlintrc\.json: rules: unknown rule or tag "nonsense" \(left out\)/);
  const named = run(join(dir, 'docs', 'drafts', 'b.txt'), '--rule', 'sum-mismatch=error');
  assert.equal(named.status, 1, 'a file named on the command line is checked; --rule wins over the file');
  assert.match(named.stdout, /b\.txt:5:18: error sum-mismatch/);
});
