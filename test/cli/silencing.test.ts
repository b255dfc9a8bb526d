// budget-lint honours the documents' disable directives and finds budget-lint.json (the built CLI, as users run it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ONE_WRONG_CELL } from '../helpers/fixtures.js';
import { withFolder } from '../helpers/tempFolder.js';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const run = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd });

const lines = ONE_WRONG_CELL.split('\n');
const withDirective = (directive: string) => [...lines.slice(0, 4), directive, ...lines.slice(4)].join('\n');

test('the CLI honours disable-next-line and file directives in .txt and .md, and reports an unknown name', () => {
  withFolder(
    {
      'plain.txt': ONE_WRONG_CELL,
      'next-line.txt': withDirective('// budget-lint-disable-next-line sum-mismatch -- 已与原件核对'),
      'file.md': '<!-- budget-lint-disable arithmetic -->\n' + ONE_WRONG_CELL,
      'typo.txt': withDirective('// budget-lint-disable-next-line sum-mismach'),
    },
    (dir) => {
      const r = run(dir, '--format', 'json', 'plain.txt', 'next-line.txt', 'file.md', 'typo.txt');
      assert.equal(r.status, 1, r.stderr);
      const byFile = Object.fromEntries(
        (
          JSON.parse(r.stdout) as { file: string; diagnostics: { code: string; severity: number; range: { start: { line: number } } }[] }[]
        ).map((f) => [f.file, f.diagnostics.map((d) => `${d.code}:${d.severity}@${d.range.start.line + 1}`)]),
      );
      assert.deepEqual(byFile, {
        'plain.txt': ['sum-mismatch:1@5'],
        'next-line.txt': [],
        'file.md': [],
        // the typo silences nothing: a note on the directive, and the finding on the next line (moved by none)
        'typo.txt': ['sum-mismatch:3@5', 'sum-mismatch:1@6'],
      });
      // the text format shows the note like any finding
      const text = run(dir, 'typo.txt');
      assert.match(text.stdout, /typo\.txt:5:34: information sum-mismatch 未知的规则「sum-mismach」/);
    },
  );
});

test('the CLI reads budget-lint.json; beside .budgetlintrc.json it is unread, and said so once', () => {
  withFolder({ 'budget-lint.json': JSON.stringify({ rules: { arithmetic: 'off' } }), 'a.txt': ONE_WRONG_CELL }, (dir) => {
    const r = run(dir, 'a.txt');
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, '');
  });
  withFolder(
    {
      '.budgetlintrc.json': JSON.stringify({ rules: { 'sum-mismatch': 'warning' } }),
      'budget-lint.json': JSON.stringify({ rules: { arithmetic: 'off' } }),
      'a.txt': ONE_WRONG_CELL,
      'b.txt': ONE_WRONG_CELL,
    },
    (dir) => {
      const r = run(dir, 'a.txt', 'b.txt');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /a\.txt:5:18: warning sum-mismatch/);
      assert.equal(r.stderr.match(/budget-lint\.json in the same folder is not read/g)?.length, 1, r.stderr);
    },
  );
});
