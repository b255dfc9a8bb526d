// Reading printed figures. All money is Decimal (decimal.js): never JS floats.
import Decimal from 'decimal.js';
import type { Unit } from '../model/types.js';

const PLAIN_NUMBER = /^[-−－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const DASH = /^(?:-{1,8}|—{1,4}|－{1,4}|–{1,4}|─{1,4})$/;
const PERCENT = /^[-−－]?\d+(?:\.\d+)?\s*[%％]$/;
const COLUMN_MARK = /^\*{2,}$/;

export interface ParsedNumber {
  value: Decimal;
  decimals: number;
}

/** Parses `2,519.99`, `47.5`, `-3`, `−0.34` (no unit, no spaces). */
export function parseNumber(text: string): ParsedNumber | undefined {
  const decimals = numberDecimals(text);
  if (decimals === undefined) return undefined;
  return { value: compact(new Decimal(text.replace(/[−－]/, '-').replace(/,/g, ''))), decimals };
}

/** Digits after the point when `text` is a plain number (as parseNumber reads it), else undefined. */
export function numberDecimals(text: string): number | undefined {
  if (!PLAIN_NUMBER.test(text)) return undefined;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Digits after the point when `text` is a percent (as parsePercent reads it), else undefined. */
export function percentDecimals(text: string): number | undefined {
  return PERCENT.test(text) ? numberDecimals(text.replace(/\s*[%％]$/, '')) : undefined;
}

/**
 * decimal.js fills a parsed value's digit array (`d`, its documented base-1e7 digits) by `push`, which leaves
 * room for ~17 digits where one to three are used. A document keeps one value per printed figure, and that
 * spare room was a tenth of a whole analysis' memory; an exact copy of the same digits costs a fifth.
 */
const ZERO = new Decimal(0);
function compact(value: Decimal): Decimal {
  // a third of the printed figures are zeros (0.00 in empty columns); Decimals never change, so they share one
  if (value.isZero()) return ZERO;
  const digits = (value as unknown as { d: number[] | null }).d;
  if (digits) (value as unknown as { d: number[] }).d = digits.slice();
  return value;
}

export function parsePercent(text: string): ParsedNumber | undefined {
  if (!PERCENT.test(text)) return undefined;
  return parseNumber(text.replace(/\s*[%％]$/, ''));
}

export const isDash = (text: string): boolean => DASH.test(text);
export const isColumnMark = (text: string): boolean => COLUMN_MARK.test(text);

/** `万元`/`元` in a unit declaration such as `单位：万元`, `金额单位：元`, `（万元）`. */
export function unitFromWord(word: string): Unit | undefined {
  if (word === '万元') return '万元';
  if (word === '元') return '元';
  return undefined;
}

/** Converts an amount between units exactly. */
export function convert(value: Decimal, from: Unit, to: Unit): Decimal {
  if (from === to) return value;
  return from === '元' ? value.div(10000) : value.mul(10000);
}
