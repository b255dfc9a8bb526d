// Quick fixes that cannot make things worse: writing the computed total is the preferred fix only when it is the one
// certain correction — not when the message names another cell as the likely culprit, and not when the figure
// agrees with another comparison that the fix would break. Where a culprit is named, an action goes to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LanguageService } from '../../server/src/service.js';
import { SHOW_LOCATION_COMMAND } from '../../server/src/features/codeActions.js';
import { ONE_WRONG_CELL, readSeed, seedFiles } from '../helpers/fixtures.js';

const SEED_004 = seedFiles().find((f) => f.startsWith('004_'))!;
/** The seed's 公开01表 收入支出决算总表, from its title to 收入总计/支出总计 (1-based lines 105–141). */
const SUMMARY_004 = readSeed(SEED_004).split('\n').slice(103, 141).join('\n');

function actionsAt(text: string, line: number, uri = 'file:///summary.txt') {
  const svc = new LanguageService();
  svc.open(uri, text, 1);
  const found = svc.diagnostics(uri).filter((f) => f.range.start.line === line && f.code !== 'rounding');
  assert.equal(found.length, 1, `one finding on line ${line + 1}: ${found.map((f) => f.message).join(' | ')}`);
  return { finding: found[0], actions: svc.codeActions(uri, found[0].range) };
}

test('004:138: the message blames item 1, so 改为 1213.62 is offered but not preferred, and 转到可能出错的单元格 goes to item 1', () => {
  const uri = 'file:///004.txt';
  const { finding, actions } = actionsAt(readSeed(SEED_004), 137, uri);
  assert.match(finding.message, /差额恰为「1\. 一般公共服务支出」的金额/);
  assert.equal(finding.data?.notCertain, 'culprit');
  const fix = actions.find((a) => a.title === '改为 1213.62');
  assert.ok(fix);
  assert.equal(fix.isPreferred, false);
  assert.ok(!actions.some((a) => a.isPreferred), 'no action is preferred');
  const go = actions.find((a) => a.title === '转到可能出错的单元格「1. 一般公共服务支出」');
  assert.ok(go?.command, actions.map((a) => a.title).join(' | '));
  assert.equal(go.command.command, SHOW_LOCATION_COMMAND);
  const [target, range] = go.command.arguments as [string, { start: { line: number; character: number } }];
  assert.equal(target, uri);
  // the 606.81 of 「1. 一般公共服务支出」, line 115
  assert.deepEqual(range.start, { line: 114, character: 33 });
  assert.deepEqual(go.edit.changes, {});
});

test('a look-alike whose 本年支出合计 alone is wrong keeps the total fix preferred; the 支出总计 it agrees with does not', () => {
  // item 1 empty (the items add up to 606.81) and 本年支出合计 printed 600.00: no item is the difference, and the
  // 600.00 agrees with nothing
  const text = SUMMARY_004.replace('1. 一般公共服务支出\t606.81', '1. 一般公共服务支出\t').replace(
    '本年支出合计\t606.81',
    '本年支出合计\t600.00',
  );
  const total = actionsAt(text, 34);
  assert.equal(total.finding.data?.notCertain, undefined);
  assert.deepEqual(
    total.actions.filter((a) => a.isPreferred).map((a) => a.title),
    ['改为 606.81'],
  );
  assert.ok(!total.actions.some((a) => a.command), 'no culprit to go to');
  // 支出总计 606.81 = 收入总计 606.81: writing 600.00 there would break that balance
  const grand = actionsAt(text, 37);
  assert.equal(grand.finding.code, 'balance-mismatch');
  assert.equal(grand.finding.data?.notCertain, 'agreement');
  assert.equal(grand.actions.find((a) => a.title === '改为 600.00')?.isPreferred, false);
});

test('one wrong cell that every comparison it is in disagrees with: its fix stays preferred', () => {
  const { finding, actions } = actionsAt(ONE_WRONG_CELL, 4);
  assert.equal(finding.data?.notCertain, undefined);
  assert.deepEqual(
    actions.filter((a) => a.isPreferred).map((a) => a.title),
    ['改为 8.00'],
  );
});
