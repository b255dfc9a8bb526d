// Excel number formats → the text Excel shows for a value. The checker compares printed figures digit by digit,
// so a cell must read exactly as the published sheet reads: `#,##0.00` on 1234.5 is `1,234.50`, never
// `1234.5`, and 0.1+0.2 is `0.3`, never `0.30000000000000004`. All rounding is done on decimal strings: the
// binary double is first read back as Excel reads it (15 significant digits), then rounded half away from zero
// like Excel, with decimal.js, never with float arithmetic.
import Decimal from 'decimal.js';

/** Excel keeps 15 significant digits; anything past them is binary noise. */
const EXCEL_DIGITS = 15;
const MS_PER_DAY = 86_400_000;
/** Serial 25569 is 1970-01-01 in the 1900 date system (exceljs converts with the same constant). */
const UNIX_EPOCH_SERIAL = 25569;
/** The 1904 date system counts from 1904-01-01: 1462 days later than the 1900 system. */
const DATE1904_OFFSET = 1462;

type Token =
  | { kind: 'literal'; text: string }
  | { kind: 'digit'; placeholder: '0' | '#' | '?' }
  | { kind: 'point' }
  | { kind: 'comma' }
  | { kind: 'percent' }
  | { kind: 'exponent'; sign: '+' | '-' }
  | { kind: 'text' }
  | { kind: 'general' }
  | { kind: 'date'; code: string }
  | { kind: 'ampm'; text: string }
  | { kind: 'elapsed'; code: string };

interface Section {
  tokens: Token[];
  condition?: { op: string; value: number };
}

/** The decimal text of a double as Excel holds it: at most 15 significant digits. */
export function excelDecimal(value: number): Decimal {
  return new Decimal(value.toPrecision(EXCEL_DIGITS));
}

/** The General format: the shortest decimal text of the value, scientific only for extreme magnitudes. */
export function formatGeneral(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const d = excelDecimal(value);
  const abs = d.abs();
  if (abs.gte('1e15') || abs.lt('1e-9')) {
    const [mantissa, exponent] = d.toExponential().split('e');
    const e = Number(exponent);
    return `${mantissa.toUpperCase()}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return d.toFixed();
}

/** True when the format shows a date or a time (so the cell value is a serial date). */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return splitSections(format).some((s) => s.tokens.some((t) => t.kind === 'date' || t.kind === 'elapsed' || t.kind === 'ampm'));
}

/** The text Excel shows for a number under a format code (undefined / '' / General / @ = General). */
export function formatNumber(value: number, format: string | undefined, date1904 = false): string {
  if (!Number.isFinite(value)) return String(value);
  const sections = format ? splitSections(format) : [];
  if (sections.length === 0) return formatGeneral(value);
  const { section, signed } = pickSection(sections, value);
  const tokens = section.tokens;
  if (tokens.some((t) => t.kind === 'date' || t.kind === 'elapsed' || t.kind === 'ampm')) {
    return renderDate(serialToDate(value, date1904), tokens, value);
  }
  return renderNumber(signed, tokens, section === sections[0] || section.condition !== undefined);
}

/** The text Excel shows for a date cell (exceljs hands date cells over as Date objects in UTC). */
export function formatDate(date: Date, format: string | undefined, date1904 = false): string {
  const serial = dateToSerial(date, date1904);
  // General, or the locale-dependent short date (built-in id 14, which exceljs names `mm-dd-yy` and a Chinese
  // Excel shows as 2026/1/5): ISO is what nobody misreads
  if (!format || /^(general|mm-dd-yy)$/i.test(format.trim())) return renderDate(date, tokenize('yyyy-mm-dd'), serial);
  if (isDateFormat(format)) return formatNumber(serial, format, date1904);
  // exceljs took a number format for a date format: back to the number it was, which exceljs rounded to the
  // millisecond of a day (6e-9 day); the shortest decimal within that is the figure that was typed
  return formatNumber(unroundMilliseconds(serial), format, date1904);
}

function unroundMilliseconds(serial: number): number {
  for (let places = 0; places <= 9; places++) {
    const candidate = Number(excelDecimal(serial).toFixed(places, Decimal.ROUND_HALF_UP));
    if (Math.abs(candidate - serial) <= 6e-9) return candidate;
  }
  return serial;
}

export function dateToSerial(date: Date, date1904 = false): number {
  return date.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL - (date1904 ? DATE1904_OFFSET : 0);
}

function serialToDate(serial: number, date1904: boolean): Date {
  const days = serial - UNIX_EPOCH_SERIAL + (date1904 ? DATE1904_OFFSET : 0);
  // to the second: serials carry float noise in their fraction of a day
  return new Date(Math.round(days * 86_400) * 1000);
}

// ---- sections and tokens ----------------------------------------------------------------------------------

function splitSections(format: string): Section[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '"') {
      const end = format.indexOf('"', i + 1);
      const stop = end < 0 ? format.length : end + 1;
      current += format.slice(i, stop);
      i = stop - 1;
    } else if (ch === '\\' || ch === '_' || ch === '*') {
      current += format.slice(i, i + 2);
      i++;
    } else if (ch === '[') {
      const end = format.indexOf(']', i + 1);
      const stop = end < 0 ? format.length : end + 1;
      current += format.slice(i, stop);
      i = stop - 1;
    } else if (ch === ';') {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map(tokenizeSection);
}

function tokenizeSection(code: string): Section {
  const section: Section = { tokens: [] };
  section.tokens = tokenize(code, section);
  return section;
}

const DATE_LETTERS = /[yYmMdDhHsSeE]/;

function tokenize(code: string, section?: Section): Token[] {
  const tokens: Token[] = [];
  const literal = (text: string): void => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === 'literal') last.text += text;
    else tokens.push({ kind: 'literal', text });
  };
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    const rest = code.slice(i);
    if (ch === '"') {
      const end = code.indexOf('"', i + 1);
      const stop = end < 0 ? code.length : end;
      literal(code.slice(i + 1, stop));
      i = stop;
    } else if (ch === '\\') {
      if (i + 1 < code.length) literal(code[i + 1]);
      i++;
    } else if (ch === '_' || ch === '*') {
      // `_x` pads with the width of x and `*x` fills the column with x: layout, not text
      i++;
    } else if (ch === '[') {
      const end = code.indexOf(']', i + 1);
      const stop = end < 0 ? code.length : end;
      bracket(code.slice(i + 1, stop), tokens, literal, section);
      i = stop;
    } else if (/^general/i.test(rest)) {
      tokens.push({ kind: 'general' });
      i += 'general'.length - 1;
    } else if (ch === '0' || ch === '#' || ch === '?') {
      tokens.push({ kind: 'digit', placeholder: ch });
    } else if (ch === '.') {
      tokens.push({ kind: 'point' });
    } else if (ch === ',') {
      tokens.push({ kind: 'comma' });
    } else if (ch === '%') {
      tokens.push({ kind: 'percent' });
    } else if ((ch === 'E' || ch === 'e') && (code[i + 1] === '+' || code[i + 1] === '-')) {
      tokens.push({ kind: 'exponent', sign: code[i + 1] as '+' | '-' });
      i++;
    } else if (ch === '@') {
      tokens.push({ kind: 'text' });
    } else if (/^(am\/pm|a\/p)/i.test(rest)) {
      const m = /^(am\/pm|a\/p)/i.exec(rest)!;
      tokens.push({ kind: 'ampm', text: m[0] });
      i += m[0].length - 1;
    } else if (rest.startsWith('上午/下午')) {
      tokens.push({ kind: 'ampm', text: '上午/下午' });
      i += '上午/下午'.length - 1;
    } else if (/^aaaa?/.test(rest)) {
      // aaa / aaaa: the weekday in Chinese (一 / 星期一)
      const m = /^aaaa?/.exec(rest)!;
      tokens.push({ kind: 'date', code: m[0] });
      i += m[0].length - 1;
    } else if (DATE_LETTERS.test(ch)) {
      let j = i;
      while (j < code.length && code[j].toLowerCase() === ch.toLowerCase()) j++;
      tokens.push({ kind: 'date', code: code.slice(i, j).toLowerCase() });
      i = j - 1;
    } else {
      literal(ch);
    }
  }
  return tokens;
}

function bracket(content: string, tokens: Token[], literal: (t: string) => void, section?: Section): void {
  if (content.startsWith('$')) {
    // [$¥-804]: a currency symbol and a locale; [$-804]: a locale only
    const symbol = content.slice(1).split('-')[0];
    if (symbol) literal(symbol);
    return;
  }
  if (/^(h+|m+|s+)$/i.test(content)) {
    tokens.push({ kind: 'elapsed', code: content.toLowerCase() });
    return;
  }
  const condition = /^(<=|>=|<>|<|>|=)\s*(-?[\d.]+)$/.exec(content);
  if (condition && section) section.condition = { op: condition[1], value: Number(condition[2]) };
  // colours ([Red], [Color10]) and [DBNum1]-style numeral systems change looks, not digits
}

function pickSection(sections: Section[], value: number): { section: Section; signed: number } {
  if (sections.some((s) => s.condition)) {
    for (const s of sections) {
      if (!s.condition || meets(value, s.condition))
        return { section: s, signed: s === sections[0] && !s.condition ? value : Math.abs(value) };
    }
    return { section: sections[sections.length - 1], signed: Math.abs(value) };
  }
  // positive;negative;zero;text — a section of its own prints the magnitude (its sign is part of the section)
  const numeric = sections.filter((s) => !isTextOnly(s));
  if (value < 0 && numeric.length >= 2) return { section: numeric[1], signed: -value };
  if (value === 0 && numeric.length >= 3) return { section: numeric[2], signed: 0 };
  return { section: numeric[0] ?? sections[0], signed: value };
}

function isTextOnly(s: Section): boolean {
  return s.tokens.some((t) => t.kind === 'text') && !s.tokens.some((t) => t.kind === 'digit' || t.kind === 'general');
}

function meets(value: number, c: { op: string; value: number }): boolean {
  switch (c.op) {
    case '<':
      return value < c.value;
    case '<=':
      return value <= c.value;
    case '>':
      return value > c.value;
    case '>=':
      return value >= c.value;
    case '=':
      return value === c.value;
    default:
      return value !== c.value;
  }
}

// ---- numbers ------------------------------------------------------------------------------------------------

function renderNumber(value: number, tokens: Token[], mayPrintSign: boolean): string {
  const digitCount = tokens.filter((t) => t.kind === 'digit').length;
  if (tokens.some((t) => t.kind === 'general') || (digitCount === 0 && tokens.some((t) => t.kind === 'text'))) {
    const general = formatGeneral(mayPrintSign ? value : Math.abs(value));
    return tokens.map((t) => (t.kind === 'literal' ? t.text : t.kind === 'general' || t.kind === 'text' ? general : '')).join('');
  }
  if (digitCount === 0) return tokens.map((t) => (t.kind === 'literal' ? t.text : t.kind === 'percent' ? '%' : '')).join('');
  if (isFraction(tokens)) return formatGeneral(value);

  let amount = excelDecimal(value);
  const negative = amount.isNegative() && mayPrintSign;
  amount = amount.abs();
  const percents = tokens.filter((t) => t.kind === 'percent').length;
  if (percents > 0) amount = amount.times(new Decimal(100).pow(percents));

  const exponentAt = tokens.findIndex((t) => t.kind === 'exponent');
  const numberPart = exponentAt < 0 ? tokens : tokens.slice(0, exponentAt);
  const pointAt = numberPart.findIndex((t) => t.kind === 'point');
  const intTokens = pointAt < 0 ? numberPart : numberPart.slice(0, pointAt);
  const fracTokens = pointAt < 0 ? [] : numberPart.slice(pointAt + 1);

  // commas right after the last integer placeholder scale by 1000 each; a comma between placeholders groups
  const lastIntDigit = lastIndexOf(intTokens, (t) => t.kind === 'digit');
  let scale = 0;
  for (let k = lastIntDigit + 1; k < intTokens.length && intTokens[k].kind === 'comma'; k++) scale++;
  if (pointAt < 0 && exponentAt < 0 && lastIntDigit < 0) scale = 0;
  if (scale > 0) amount = amount.div(new Decimal(1000).pow(scale));
  const firstIntDigit = intTokens.findIndex((t) => t.kind === 'digit');
  const grouping = intTokens.some((t, k) => t.kind === 'comma' && k > firstIntDigit && k < lastIntDigit);

  const fracPlaces = fracTokens.filter((t) => t.kind === 'digit').length;
  let exponentText = '';
  if (exponentAt >= 0) {
    const exponent = amount.isZero() ? 0 : amount.e;
    amount = amount.div(new Decimal(10).pow(exponent));
    if (new Decimal(amount.toFixed(fracPlaces, Decimal.ROUND_HALF_UP)).gte(10)) {
      // 9.99 rounding up to 10.0: one more power of ten
      amount = amount.div(10);
      exponentText = exponentPart(tokens.slice(exponentAt), exponent + 1);
    } else {
      exponentText = exponentPart(tokens.slice(exponentAt), exponent);
    }
  }

  const fixed = amount.toFixed(fracPlaces, Decimal.ROUND_HALF_UP);
  const [intDigits, fracDigits = ''] = fixed.split('.');
  const zero = /^[0.]*$/.test(fixed);
  const integer = renderInteger(intDigits, intTokens, grouping);
  const fraction = renderFraction(fracDigits, fracTokens);
  const text = integer + (pointAt >= 0 ? '.' : '') + fraction + exponentText;
  // a figure that rounds to zero prints without a sign, as a zero does (no `-0.00`)
  return (negative && !zero ? '-' : '') + text;
}

function renderInteger(digits: string, tokens: Token[], grouping: boolean): string {
  const placeholders = tokens.filter((t): t is Extract<Token, { kind: 'digit' }> => t.kind === 'digit');
  // a lone 0 before the point prints only where the format asks for a 0 (`#.00` shows .50)
  let remaining = digits === '0' ? '' : digits;
  const pieces: { text: string; digit: boolean }[] = [];
  let seen = 0;
  for (let k = tokens.length - 1; k >= 0; k--) {
    const t = tokens[k];
    if (t.kind === 'literal') {
      pieces.unshift({ text: t.text, digit: false });
      continue;
    }
    if (t.kind === 'percent') {
      pieces.unshift({ text: '%', digit: false });
      continue;
    }
    if (t.kind !== 'digit') continue;
    seen++;
    const leftmost = seen === placeholders.length;
    if (leftmost) {
      const own = remaining || (t.placeholder === '0' ? '0' : t.placeholder === '?' ? ' ' : '');
      pieces.unshift({ text: own, digit: own.trim() !== '' });
      remaining = '';
    } else if (remaining) {
      pieces.unshift({ text: remaining.slice(-1), digit: true });
      remaining = remaining.slice(0, -1);
    } else {
      pieces.unshift({ text: t.placeholder === '0' ? '0' : t.placeholder === '?' ? ' ' : '', digit: t.placeholder === '0' });
    }
  }
  if (placeholders.length === 0 && remaining) pieces.push({ text: remaining, digit: true });
  if (!grouping) return pieces.map((p) => p.text).join('');
  // thousands separators between the digits, counted from the right
  const digitCount = pieces.filter((p) => p.digit).reduce((n, p) => n + p.text.length, 0);
  let position = digitCount;
  let out = '';
  for (const p of pieces) {
    if (!p.digit) {
      out += p.text;
      continue;
    }
    for (const ch of p.text) {
      out += ch;
      position--;
      if (position > 0 && position % 3 === 0) out += ',';
    }
  }
  return out;
}

function renderFraction(digits: string, tokens: Token[]): string {
  const placeholders = tokens.filter((t): t is Extract<Token, { kind: 'digit' }> => t.kind === 'digit');
  const shown = digits.split('');
  // trailing zeros under # vanish and under ? become spaces, up to the first significant digit or 0 placeholder
  for (let k = placeholders.length - 1; k >= 0; k--) {
    if (shown[k] !== '0' || placeholders[k].placeholder === '0') break;
    shown[k] = placeholders[k].placeholder === '?' ? ' ' : '';
  }
  let d = 0;
  let out = '';
  for (const t of tokens) {
    if (t.kind === 'digit') out += shown[d++] ?? '';
    else if (t.kind === 'literal') out += t.text;
    else if (t.kind === 'percent') out += '%';
  }
  return out;
}

function exponentPart(tokens: Token[], exponent: number): string {
  const sign = (tokens[0] as { sign: '+' | '-' }).sign;
  const width = tokens.filter((t) => t.kind === 'digit').length;
  const body = String(Math.abs(exponent)).padStart(width, '0');
  return `E${exponent < 0 ? '-' : sign === '+' ? '+' : ''}${body}`;
}

function isFraction(tokens: Token[]): boolean {
  return tokens.some(
    (t, k) =>
      t.kind === 'literal' &&
      t.text.includes('/') &&
      tokens.slice(0, k).some((x) => x.kind === 'digit') &&
      tokens.slice(k + 1).some((x) => x.kind === 'digit'),
  );
}

function lastIndexOf<T>(items: T[], test: (t: T) => boolean): number {
  for (let k = items.length - 1; k >= 0; k--) if (test(items[k])) return k;
  return -1;
}

// ---- dates --------------------------------------------------------------------------------------------------

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const CHINESE_WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

function renderDate(date: Date, tokens: Token[], serial: number): string {
  if (Number.isNaN(date.getTime())) return formatGeneral(serial);
  const twelveHour = tokens.some((t) => t.kind === 'ampm');
  const hours = date.getUTCHours();
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  let out = '';
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'literal') {
      out += t.text;
      continue;
    }
    if (t.kind === 'point') {
      out += '.';
      continue;
    }
    if (t.kind === 'digit') {
      out += t.placeholder === '0' ? '0' : '';
      continue;
    }
    if (t.kind === 'ampm') {
      const am = hours < 12;
      out += t.text === '上午/下午' ? (am ? '上午' : '下午') : /^a\/p$/i.test(t.text) ? (am ? 'A' : 'P') : am ? 'AM' : 'PM';
      continue;
    }
    if (t.kind === 'elapsed') {
      const seconds = Math.round(serial * 86_400);
      const n = t.code[0] === 'h' ? Math.floor(seconds / 3600) : t.code[0] === 'm' ? Math.floor(seconds / 60) : seconds;
      out += pad(n, t.code.length);
      continue;
    }
    if (t.kind !== 'date') continue;
    const c = t.code;
    switch (c[0]) {
      case 'y':
      case 'e':
        out += c.length <= 2 && c[0] === 'y' ? pad(date.getUTCFullYear() % 100, 2) : String(date.getUTCFullYear());
        break;
      case 'm':
        if (isMinute(tokens, k)) out += pad(date.getUTCMinutes(), Math.min(c.length, 2));
        else if (c.length <= 2) out += pad(date.getUTCMonth() + 1, c.length);
        else if (c.length === 3) out += MONTHS[date.getUTCMonth()].slice(0, 3);
        else if (c.length === 4) out += MONTHS[date.getUTCMonth()];
        else out += MONTHS[date.getUTCMonth()][0];
        break;
      case 'd':
        if (c.length <= 2) out += pad(date.getUTCDate(), c.length);
        else out += c.length === 3 ? WEEKDAYS[date.getUTCDay()].slice(0, 3) : WEEKDAYS[date.getUTCDay()];
        break;
      case 'a':
        out += (c.length === 4 ? '星期' : '') + CHINESE_WEEKDAYS[date.getUTCDay()];
        break;
      case 'h':
        out += pad(twelveHour ? ((hours + 11) % 12) + 1 : hours, Math.min(c.length, 2));
        break;
      case 's':
        out += pad(date.getUTCSeconds(), Math.min(c.length, 2));
        break;
    }
  }
  return out;
}

/** `m` means minutes right after an hour or right before a second, months everywhere else. */
function isMinute(tokens: Token[], at: number): boolean {
  for (let k = at - 1; k >= 0; k--) {
    const t = tokens[k];
    if (t.kind === 'date' || t.kind === 'elapsed') {
      if (t.code[0] === 'h') return true;
      break;
    }
  }
  for (let k = at + 1; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'date' || t.kind === 'elapsed') return t.code[0] === 's';
  }
  return false;
}
