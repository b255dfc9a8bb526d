// npm run corpus (scripts/corpus.mjs) on a tiny folder made here from a few lines of two seeds: it must run its
// worker pool, print a row for every rule and the standard-table counts, and skip quietly when there is no corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULE_IDS } from '../../shared/src/rules.js';
import { readSeed } from '../helpers/fixtures.js';

const ROOT = join(__dirname, '..', '..');
const corpus = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'corpus.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });

/** Lines from..to (1-based, inclusive) of a seed. */
const lines = (seed: string, from: number, to: number) =>
  readSeed(seed)
    .split('\n')
    .slice(from - 1, to)
    .join('\n');

test('the corpus script measures a folder: rule rows, standard tables, JSON per file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
  // 004's 公开03表: the 210 and 21015 rows leave out their 项目支出 (seeds/README.md), so crossfoot-mismatch fires
  writeFileSync(join(dir, 'a.txt'), `${lines('004_3a97d65098fc4738.txt', 1, 3)}\n\n${lines('004_3a97d65098fc4738.txt', 183, 212)}\n`);
  // 001's 收入总表 and 支出总表, which add up
  writeFileSync(join(dir, 'b.txt'), `${lines('001_be18d6bea231d86c.txt', 1, 4)}\n\n${lines('001_be18d6bea231d86c.txt', 349, 376)}\n`);
  const out = join(dir, 'result.json');
  const r = corpus(dir, '--json', out, '--jobs', '2');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /files: 2 imported, 0 unreadable, 0 exceptions/);
  for (const id of RULE_IDS) assert.match(r.stdout, new RegExp(`^${id} +\\d+ +\\d+ +\\d+ +\\d+$`, 'm'), `row for ${id}`);
  assert.match(r.stdout, /^crossfoot-mismatch +[1-9]/m);
  assert.match(r.stdout, /errors\+warnings per document: \d+\.\d\d/);
  assert.match(r.stdout, /^收入总表 +1 +\d+ +\d+$/m);
  assert.match(r.stdout, /\d+ reviewed, [1-9]\d* unreviewed/);

  const json = JSON.parse(readFileSync(out, 'utf8')) as {
    files: { file: string; status: string; findings: { rule: string; line: number }[]; tables: unknown[] }[];
  };
  assert.deepEqual(
    json.files.map((f) => [f.file, f.status]),
    [
      ['a.txt', 'ok'],
      ['b.txt', 'ok'],
    ],
  );
  assert.ok(json.files[0].findings.some((f) => f.rule === 'crossfoot-mismatch' && f.line > 0));
  assert.ok(json.files.every((f) => f.tables.length > 0));
});

test('a folder that is not there is skipped with one line and exit 0', () => {
  const missing = join(tmpdir(), 'no-such-corpus-folder-for-budget-lint');
  const r = corpus(missing);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `corpus not found at ${missing}, skipping\n`);
});
