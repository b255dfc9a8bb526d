// .budgetlintrc.json (CONTRACT.md): found by walking up from each file, validated entry by entry, ignored globs;
// the command line wins over the file, the file over the editor's settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ConfigCache, globToRegExp, isIgnored, readConfig, settingsWith } from '../../server/src/config.js';
import { analyzeText } from '../../server/src/service.js';
import { checkDocument } from '../../server/src/checks/index.js';
import { ONE_WRONG_CELL } from '../helpers/fixtures.js';
import { withFolder } from '../helpers/tempFolder.js';

test('the nearest file above a document applies; rules by id or tag, year, locale; bad entries are reported and left out', () => {
  withFolder(
    {
      '.budgetlintrc.json': JSON.stringify({
        rules: { arithmetic: 'warning', 'sum-mismatch': 'hint', bogus: 'off', rounding: 'loud' },
        locale: 'en',
        year: 2024,
        colour: 1,
      }),
      'a/b/doc.txt': ONE_WRONG_CELL,
    },
    (dir) => {
      const config = new ConfigCache().forFile(join(dir, 'a', 'b', 'doc.txt'))!;
      assert.ok(config, 'found two folders up');
      assert.deepEqual(config.rules, { arithmetic: 'warning', 'sum-mismatch': 'hint' });
      assert.equal(config.locale, 'en');
      assert.equal(config.year, 2024);
      assert.equal(config.problems.length, 3, config.problems.join('\n'));
      const findings = checkDocument(analyzeText(ONE_WRONG_CELL), settingsWith({}, config));
      assert.deepEqual(
        findings.map((f) => `${f.code}:${f.severity}`),
        ['sum-mismatch:4'],
        "the rule's own entry wins over its tag",
      );
      assert.match(findings[0].message, /out of balance/, 'English, from the file');
      const flagged = checkDocument(analyzeText(ONE_WRONG_CELL), settingsWith({}, config, { rules: { 'sum-mismatch': 'error' } }));
      assert.equal(flagged[0].severity, 1, 'the command line wins over the file');
      const editor = settingsWith({ locale: 'zh', rules: { 'sum-mismatch': 'off' } }, config);
      assert.equal(editor.rules?.['sum-mismatch'], 'hint', "the file wins over the editor's settings");
    },
  );
});

test('a file that is no JSON object is one problem, never an exception', () => {
  withFolder({ '.budgetlintrc.json': '{ rules: ', 'x.json': '[1]' }, (dir) => {
    assert.match(readConfig(join(dir, '.budgetlintrc.json')).problems[0], /not valid JSON/);
    assert.match(readConfig(join(dir, 'x.json')).problems[0], /JSON object/);
  });
});

test('ignore globs: ** across folders, * within a name, a bare name anywhere, relative to the file', () => {
  assert.ok(globToRegExp('**/skip/**').test('sub/skip/b.txt'));
  assert.ok(globToRegExp('drafts/*.txt').test('drafts/a.txt'));
  assert.ok(!globToRegExp('drafts/*.txt').test('drafts/x/a.txt'));
  assert.ok(globToRegExp('*.md').test('deep/down/README.md'));
  assert.ok(!globToRegExp('skip/**').test('sub/skip/b.txt'), "a glob with a slash is anchored at the file's folder");
  withFolder(
    { '.budgetlintrc.json': JSON.stringify({ ignore: ['old/**'] }), 'old/a.txt': ONE_WRONG_CELL, 'new/a.txt': ONE_WRONG_CELL },
    (dir) => {
      const cache = new ConfigCache();
      assert.ok(isIgnored(cache.forFile(join(dir, 'old', 'a.txt')), join(dir, 'old', 'a.txt')));
      assert.ok(!isIgnored(cache.forFile(join(dir, 'new', 'a.txt')), join(dir, 'new', 'a.txt')));
    },
  );
});
