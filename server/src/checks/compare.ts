// Comparing a printed figure with the sum of printed parts, and turning the verdict into a finding.
import Decimal from 'decimal.js';
import type { Cell, Range } from '../model/types.js';
import type { CheckContext, Finding, RelatedInformation, RuleId } from './index.js';
import { message } from './messages.js';
import { formatLike, judge, show, sumTolerance } from './tolerance.js';
import { recordEvidence } from './rootCause.js';
import { defaultSeverityNumber } from '../../../shared/src/rules.js';

export interface Part {
  cell?: Cell;
  value: Decimal;
  label: string;
  range?: Range;
}

export interface SumCheck {
  rule: Extract<RuleId, 'sum-mismatch' | 'crossfoot-mismatch' | 'balance-mismatch'>;
  /** The figure being checked (its cell gets the squiggle). */
  target: Cell;
  /** Human name of the target: `「210 卫生健康支出」合计`. */
  subject: string;
  /** What the parts are: 下级科目 / 各项 / 「人员经费+公用经费」. */
  basis: string;
  parts: Part[];
  decimals: number;
  grouped: boolean;
  /** Message template: sum (… 与…之和 … 不符) or balance (… 与… 不符). */
  template?: 'sum' | 'crossfoot' | 'balance';
}

const ZERO = new Decimal(0);

export function checkSum(ctx: CheckContext, c: SumCheck): Finding | undefined {
  const found = c.target.value ?? ZERO;
  const expected = c.parts.reduce((s, p) => s.plus(p.value), ZERO);
  const printed = c.parts.filter((p) => p.cell && p.cell.kind !== 'empty').length;
  const tolerance = sumTolerance(printed, c.decimals);
  const verdict = judge(expected, found, tolerance);
  ctx.collect?.({
    range: c.target.range,
    rule: c.rule,
    subject: c.subject,
    basis: c.basis,
    found: show(found, c.decimals),
    expected: show(expected, c.decimals),
    parts: c.parts.map((p) => ({ label: p.label, value: show(p.value, c.decimals), range: p.range ?? p.cell?.range })),
    verdict,
    tolerance: show(tolerance, c.decimals + 1),
    template: c.template ?? 'sum',
  });
  if (verdict === 'equal') return undefined;
  const diff = found.minus(expected);
  const args: Record<string, string> = {
    subject: c.subject,
    found: show(found, c.decimals),
    expected: show(expected, c.decimals),
    diff: show(diff.abs(), c.decimals),
    basis: c.basis,
    tolerance: show(tolerance, c.decimals + 1),
  };
  const id = verdict === 'rounding' ? 'rounding' : (c.template ?? 'sum');
  let text = message(ctx.locale, id, args);
  const plain = text;
  if (verdict === 'mismatch') {
    const culprit = c.parts.find((p) => !p.value.isZero() && p.value.abs().eq(diff.abs()));
    if (culprit) {
      text += message(ctx.locale, 'separator') + message(ctx.locale, 'exactly-one-item', { item: culprit.label });
      args.culprit = culprit.label;
    }
  }
  const related: RelatedInformation[] = (verdict === 'mismatch' ? possibleCulprits(c.parts, diff) : c.parts)
    .filter((p) => p.range ?? p.cell)
    .map((p) => ({
      location: { uri: ctx.uri, range: p.range ?? p.cell!.range },
      message: message(ctx.locale, 'part', { item: p.label, value: show(p.value, c.decimals) }),
    }));
  const finding: Finding = {
    range: c.target.range,
    severity: defaultSeverityNumber(verdict === 'rounding' ? 'rounding' : c.rule),
    code: verdict === 'rounding' ? 'rounding' : c.rule,
    source: 'budget',
    message: text,
    relatedInformation: related,
    data: {
      message: { id, args },
      expected: expected.toString(),
      found: found.toString(),
      difference: diff.toString(),
      replacement: formatLike(expected, Math.max(c.decimals, c.target.decimals ?? 0), c.grouped || c.target.text.includes(',')),
      ...(args.culprit ? { culprit: { label: args.culprit, range: culpritRange(c.parts, args.culprit) } } : {}),
    },
  };
  if (verdict === 'mismatch') {
    recordEvidence(finding, {
      subject: c.subject,
      message: plain,
      total: { range: c.target.range, value: found, text: c.target.text },
      parts: c.parts.map((p) => ({ range: p.range ?? p.cell?.range, value: p.value, label: p.label })),
      found,
      expected,
      decimals: c.decimals,
      grouped: c.grouped,
    });
  }
  return finding;
}

/**
 * The parts worth showing as related locations of a sum that does not hold: a 类 of 25 rows is mostly 0.00, and a
 * zero row is worth a reviewer's look only where it could be the wrong one.
 * - The parts add up to more than the total (difference < 0): some part is too large, or the total too small. A zero
 *   part cannot be too large (it would have to be negative), so zero parts are left out — unless the table prints
 *   negative parts, where signs are in play and nothing is ruled out.
 * - The parts add up to less (difference > 0): some part is too small or missing, and a zero row may be exactly
 *   where the missing amount was left out. Zero rows are kept, unless a nonzero part explains the whole difference
 *   by itself (its amount is the difference: counted twice in the total) — then that part is the suspect and the
 *   zero rows are noise.
 * Only mismatches are filtered: within rounding, every printed figure, 0.00 too, carries its own rounding.
 */
export function possibleCulprits(parts: Part[], difference: Decimal): Part[] {
  const zero = (p: Part) => p.value.isZero();
  if (!parts.some(zero)) return parts;
  if (difference.isNegative()) return parts.some((p) => p.value.isNegative()) ? parts : parts.filter((p) => !zero(p));
  const explained = parts.some((p) => !zero(p) && p.value.abs().eq(difference.abs()));
  return explained ? parts.filter((p) => !zero(p)) : parts;
}

function culpritRange(parts: Part[], label: string): Range | undefined {
  const p = parts.find((x) => x.label === label);
  return p?.range ?? p?.cell?.range;
}

/** `「2101501 行政运行」` — how a row is named in messages. */
export function rowName(code: string | undefined, label: string | undefined): string {
  const name = [code, label].filter(Boolean).join(' ');
  return name ? `「${name}」` : '';
}
