// The configuration file under its second name: budget-lint.json is found like .budgetlintrc.json (walking up
// from the document); in a folder holding both, .budgetlintrc.json wins and the other is said to be unread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ConfigCache, findConfig, readConfig } from '../../server/src/config.js';
import { withFolder } from '../helpers/tempFolder.js';

test('budget-lint.json is found by walking up, and read like .budgetlintrc.json', () => {
  withFolder({ 'budget-lint.json': JSON.stringify({ rules: { rounding: 'off' }, year: 2024 }), 'a/b/doc.txt': '' }, (dir) => {
    assert.equal(findConfig(join(dir, 'a', 'b')), join(dir, 'budget-lint.json'));
    const config = new ConfigCache().forFile(join(dir, 'a', 'b', 'doc.txt'))!;
    assert.deepEqual(config.rules, { rounding: 'off' });
    assert.equal(config.year, 2024);
    assert.deepEqual(config.problems, []);
  });
});

test('the nearer file wins whatever its name; in one folder .budgetlintrc.json wins and says the other is unread', () => {
  withFolder(
    {
      '.budgetlintrc.json': JSON.stringify({ year: 2023 }),
      'sub/budget-lint.json': JSON.stringify({ year: 2025 }),
      'sub/doc.txt': '',
    },
    (dir) => {
      assert.equal(new ConfigCache().forFile(join(dir, 'sub', 'doc.txt'))?.year, 2025);
    },
  );
  withFolder(
    { '.budgetlintrc.json': JSON.stringify({ year: 2023 }), 'budget-lint.json': JSON.stringify({ year: 2025 }), 'doc.txt': '' },
    (dir) => {
      const path = findConfig(dir)!;
      assert.equal(path, join(dir, '.budgetlintrc.json'));
      const config = readConfig(path);
      assert.equal(config.year, 2023);
      assert.deepEqual(config.problems, ['budget-lint.json in the same folder is not read: .budgetlintrc.json wins']);
    },
  );
});
