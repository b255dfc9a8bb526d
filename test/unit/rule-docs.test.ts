// Every rule has a page (docs/rules/<id>.md, Chinese first, English after), and the page's examples are tests, as
// ESLint checks its documentation's examples: a `budget-wrong` block must raise the rule, a `budget-right` one must not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, ruleDocsUrl } from '../../shared/src/rules.js';
import { analyzeText } from '../../server/src/service.js';
import { checkDocument } from '../../server/src/checks/index.js';

const DOCS = join(__dirname, '..', '..', 'docs', 'rules');
const blocks = (page: string, kind: string): string[] =>
  [...page.matchAll(new RegExp('```' + kind + '\\n([\\s\\S]*?)\\n```', 'g'))].map((m) => m[1]);

for (const rule of RULES) {
  test(`docs/rules/${rule.id}.md: its sections, and its examples raise the rule where wrong and not where right`, () => {
    const path = join(DOCS, `${rule.id}.md`);
    assert.ok(existsSync(path), `no page for ${rule.id}`);
    const page = readFileSync(path, 'utf8');
    for (const heading of [
      '## 检查什么',
      '## 错误示例',
      '## 正确示例',
      '## 为什么',
      '## 如何修正',
      '## 如何关闭',
      '## What it checks',
      '## How to fix',
      '## How to turn it off',
    ]) {
      assert.ok(page.includes(heading), `${rule.id}: no «${heading}»`);
    }
    assert.ok(page.startsWith(`# ${rule.id}`), `${rule.id}: the page starts with its id`);
    assert.ok(ruleDocsUrl(rule.id).endsWith(`docs/rules/${rule.id}.md`), 'the link points at this page');
    const wrong = blocks(page, 'budget-wrong');
    const right = blocks(page, 'budget-right');
    assert.ok(wrong.length > 0 && right.length > 0, `${rule.id}: a wrong and a right example`);
    for (const text of wrong) {
      const codes = checkDocument(analyzeText(text)).map((f) => f.code);
      assert.ok(codes.includes(rule.id), `${rule.id}: the wrong example raises ${JSON.stringify(codes)}`);
    }
    // how to turn it off, in one place or the file, is said on every page, and the file directive does it
    assert.ok(page.includes(`<!-- budget-lint-disable-next-line ${rule.id} -->`), `${rule.id}: the inline directive is not shown`);
    for (const text of wrong) {
      const codes = checkDocument(analyzeText(`<!-- budget-lint-disable ${rule.id} -->\n${text}`)).map((f) => f.code);
      assert.ok(!codes.includes(rule.id), `${rule.id}: the file directive does not silence the wrong example`);
    }
    for (const text of right) {
      const codes = checkDocument(analyzeText(text)).map((f) => f.code);
      assert.ok(!codes.includes(rule.id), `${rule.id}: the right example still raises it`);
    }
  });
}
