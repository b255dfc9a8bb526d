// The files generated from the rule list (scripts/generate.ts) are current: a rule added, renamed or re-described
// in shared/src/rules.ts without running `npm run generate` fails here, naming the stale file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generated } from '../../scripts/generate.js';
import { RULES } from '../../shared/src/rules.js';

test('package.json settings, package.nls files, the .budgetlintrc.json schema and the README rule table are generated from the rules and current', () => {
  for (const g of generated()) assert.equal(g.current, g.wanted, `${g.file} is not current: run npm run generate`);
});

test('every rule has its setting, both descriptions and a README row', () => {
  const files = Object.fromEntries(generated().map((g) => [g.file, g.wanted]));
  const pkg = JSON.parse(files['package.json']);
  const rules =
    pkg.contributes.configuration.properties?.['budget.rules'] ??
    pkg.contributes.configuration.find((c: { properties: Record<string, unknown> }) => c.properties['budget.rules']).properties[
      'budget.rules'
    ];
  for (const r of RULES) {
    assert.ok(rules.properties[r.id], `setting for ${r.id}`);
    assert.ok(JSON.parse(files['package.nls.json'])[`budget.rules.${r.id}`], `English description of ${r.id}`);
    assert.ok(JSON.parse(files['package.nls.zh-cn.json'])[`budget.rules.${r.id}`], `Chinese description of ${r.id}`);
    assert.ok(files['README.md'].includes(`[\`${r.id}\`](docs/rules/${r.id}.md)`), `README row of ${r.id}`);
  }
});
