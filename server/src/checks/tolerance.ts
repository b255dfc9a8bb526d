// Rounding tolerance, the principled way: every printed figure may be off from its true value by half a
// unit of its last printed digit. A column of figures is printed to one precision (trailing zeros are often
// dropped: 47.5 stands for 47.50), so the unit is taken from the most precise figure among those compared.
// A sum of n rounded items compared with a rounded total may differ by up to (n + 1) × half a unit.
import Decimal from 'decimal.js';

export type Verdict = 'equal' | 'rounding' | 'mismatch';

export function halfUnit(decimals: number): Decimal {
  return new Decimal(5).times(new Decimal(10).pow(-(decimals + 1)));
}

/** Tolerance for `total` against the sum of `itemCount` items, all printed to `decimals` places. */
export function sumTolerance(itemCount: number, decimals: number): Decimal {
  return halfUnit(decimals).times(itemCount + 1);
}

export function judge(expected: Decimal, found: Decimal, tolerance: Decimal): Verdict {
  const diff = found.minus(expected).abs();
  if (diff.isZero()) return 'equal';
  return diff.lte(tolerance) ? 'rounding' : 'mismatch';
}

/** Prints a figure the way the document prints it: same decimals, thousands separators if it used them. */
export function formatLike(value: Decimal, decimals: number, grouped: boolean): string {
  const fixed = value.toFixed(decimals);
  if (!grouped) return fixed;
  const [int, frac] = fixed.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const withCommas = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + withCommas + (frac !== undefined ? '.' + frac : '');
}

/** For messages: thousands separators and at least the given decimals. */
export function show(value: Decimal, decimals: number): string {
  return formatLike(value, decimals, true);
}
