// The LSP face's two pure pieces: settings validation and when a document is checked after an edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeSettings } from '../../server/src/lsp/settings.js';
import { diagnosticDelay, DIAGNOSTIC_DELAY_MS, MAX_DIAGNOSTIC_DELAY_MS } from '../../server/src/lsp/schedule.js';

test('settings: valid values are kept, anything else falls back to the defaults', () => {
  assert.deepEqual(
    normalizeSettings({ year: 2024, locale: 'en', rules: { rounding: 'off', 'sum-mismatch': 'warning' }, detectPlainText: false }),
    { year: 2024, locale: 'en', rules: { rounding: 'off', 'sum-mismatch': 'warning' }, detectPlainText: false },
  );
  assert.deepEqual(normalizeSettings(undefined), { year: undefined, locale: 'zh', rules: {}, detectPlainText: true });
  assert.deepEqual(normalizeSettings('junk'), { year: undefined, locale: 'zh', rules: {}, detectPlainText: true });
  const bad = normalizeSettings({ year: 2024.5, locale: 'fr', rules: { rounding: 'loud', x: 3 }, detectPlainText: 'no' });
  assert.equal(bad.year, undefined);
  assert.equal(bad.locale, 'zh');
  assert.deepEqual(bad.rules, {});
  assert.equal(bad.detectPlainText, true);
  assert.equal(normalizeSettings({ year: 1800 }).year, undefined);
});

test('diagnostics wait 150 ms, longer when the last check was slower, never more than 2 s', () => {
  assert.equal(diagnosticDelay(undefined), DIAGNOSTIC_DELAY_MS);
  assert.equal(diagnosticDelay(3), DIAGNOSTIC_DELAY_MS);
  assert.equal(diagnosticDelay(480.4), 480);
  assert.equal(diagnosticDelay(5456), MAX_DIAGNOSTIC_DELAY_MS);
  assert.equal(diagnosticDelay(Number.NaN), DIAGNOSTIC_DELAY_MS);
  assert.equal(diagnosticDelay(-5), DIAGNOSTIC_DELAY_MS);
});
