// What every rule shares: severity from the rule and the settings (by id or by tag), a link to its page, and a check
// that fails shows as a finding instead of passing for "everything adds up".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/service.js';
import { CHECKS, checkDocument, type Check } from '../../server/src/checks/index.js';
import { escapeMarkdown } from '../../server/src/util/markdown.js';
import { ruleDocsUrl } from '../../shared/src/rules.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { message } from '../../server/src/checks/messages.js';
import { MORE_DOCS, ONE_WRONG_CELL, SEEDS, moreDocFiles, seedFiles } from '../helpers/fixtures.js';

test('a check that throws leaves an information finding naming its rules; the other checks still report', () => {
  const original = console.error;
  const logged: unknown[] = [];
  console.error = (...args: unknown[]) => {
    logged.push(args);
  };
  try {
    const broken: Check = {
      name: 'broken',
      rules: ['text-table-mismatch', 'percent-mismatch'],
      run: () => {
        throw new Error('cannot read property x of undefined\n    at somewhere');
      },
    };
    const findings = checkDocument(analyzeText(ONE_WRONG_CELL), {}, 'file:///x', undefined, [...CHECKS, broken]);
    const crash = findings.find((f) => f.data?.crashed === 'broken');
    assert.ok(crash, JSON.stringify(findings.map((f) => f.message)));
    assert.equal(crash.severity, 3);
    assert.equal(crash.code, 'text-table-mismatch');
    assert.match(crash.message, /text-table-mismatch、percent-mismatch.*未能完成：cannot read property x of undefined/);
    assert.doesNotMatch(crash.message, /somewhere/, 'one line of the reason, not the stack');
    assert.ok(
      findings.some((f) => f.code === 'sum-mismatch'),
      'the table arithmetic still ran',
    );
    assert.equal(logged.length, 1, 'the stack is logged');
    const en = checkDocument(analyzeText(ONE_WRONG_CELL), { locale: 'en' }, '', undefined, [broken]);
    assert.match(en[0].message, /could not finish/);
  } finally {
    console.error = original;
  }
});

test("settings by tag, overridden by the rule's own entry; off by tag silences the family", () => {
  const severities = (rules: Record<string, string>) =>
    checkDocument(analyzeText(ONE_WRONG_CELL), { rules: rules as never }).map((f) => `${f.code}:${f.severity}`);
  assert.deepEqual(severities({}), ['sum-mismatch:1']);
  assert.deepEqual(severities({ arithmetic: 'warning' }), ['sum-mismatch:2']);
  assert.deepEqual(severities({ arithmetic: 'off' }), []);
  assert.deepEqual(severities({ arithmetic: 'off', 'sum-mismatch': 'hint' }), ['sum-mismatch:4']);
  assert.deepEqual(severities({ narrative: 'off', arithmetic: 'loud' }), ['sum-mismatch:1'], 'a value that is no severity changes nothing');
});

test("every published finding links to its rule's page", () => {
  for (const f of checkDocument(analyzeText(ONE_WRONG_CELL))) assert.equal(f.codeDescription?.href, ruleDocsUrl(f.code));
});

test('document text in hovers shows as written: emphasis, table bars, HTML and code marks are escaped', () => {
  assert.equal(escapeMarkdown('a*b_c|d`e<f>'), 'a\\*b\\_c\\|d\\`e&lt;f>');
  assert.equal(escapeMarkdown('基本支出+项目支出 2,309,714.00'), '基本支出+项目支出 2,309,714.00', 'figures and formulas stay readable');
  assert.equal(escapeMarkdown('两\n行'), '两 行');
});

test('every finding on the real documents carries its message as an id of the message table and its arguments', () => {
  let seen = 0;
  for (const [dir, names] of [
    [SEEDS, seedFiles()],
    [MORE_DOCS, moreDocFiles()],
  ] as const) {
    for (const name of names) {
      for (const f of checkDocument(analyzeText(readFileSync(join(dir, name), 'utf8')))) {
        const said = f.data?.message;
        assert.ok(said, `${name}: ${f.code} ${f.message} has no message id`);
        // the text is the message table's text for that id and those arguments (a merged finding drops its guess)
        assert.ok(f.message.startsWith(message('zh', said.id, said.args).split('；')[0]), `${name}: ${said.id}`);
        seen++;
      }
    }
  }
  assert.ok(seen > 50, `${seen} findings`);
});
