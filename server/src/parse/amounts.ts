// Reading printed figures. All money is Decimal (decimal.js): never JS floats.
import Decimal from 'decimal.js';
import type { Unit } from '../model/types.js';

const PLAIN_NUMBER = /^[-−－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const DASH = /^(?:-{1,8}|—{1,4}|－{1,4}|–{1,4}|─{1,4})$/;
const PERCENT = /^[-−－]?\d+(?:\.\d+)?\s*[%％]$/;
const COLUMN_MARK = /^\*{2,}$/;

export interface ParsedNumber { value: Decimal; decimals: number }

/** Parses `2,519.99`, `47.5`, `-3`, `−0.34` (no unit, no spaces). */
export function parseNumber(text: string): ParsedNumber | undefined {
  if (!PLAIN_NUMBER.test(text)) return undefined;
  const normal = text.replace(/[−－]/, '-').replace(/,/g, '');
  const dot = normal.indexOf('.');
  return { value: new Decimal(normal), decimals: dot < 0 ? 0 : normal.length - dot - 1 };
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
