// Line-level lexing: everything that can be known about one line without looking at its neighbours.
// The result is a pure function of the line's text, which is what makes incremental re-parsing safe.
import { isColumnMark, isDash, numberDecimals, parseNumber, parsePercent, percentDecimals, unitFromWord } from './amounts.js';
import type Decimal from 'decimal.js';
import type { HeadingStyle, Unit } from '../model/types.js';
import { readDirective, type LineDirective } from './directives.js';

/** Lexical class of a cell before the table decides its column roles. */
export type LexKind = 'empty' | 'number' | 'dash' | 'percent' | 'mark' | 'text';

export interface LexCell {
  text: string;
  start: number; // character offsets within the line (UTF-16), of the visible text
  end: number;
  kind: LexKind;
  /** Digits after the decimal point of a number or percent. Its value is made by `valueOf` when a table needs it. */
  decimals?: number;
  indent: number;
}

export interface HeadingCandidate {
  style: HeadingStyle;
  number: number;
  label: string;
  title: string;
  titleStart: number;
  markdownDepth: number;
  /** The candidate reads like a heading on its own (short, no sentence punctuation, no figures). */
  plausible: boolean;
}

export interface LexLine {
  text: string;
  /** Nothing to read: an empty line, or a disable directive (which the parser reads as an empty line). */
  blank: boolean;
  /** The line is an inline disable directive (parse/directives.ts). */
  directive?: LineDirective;
  /** Cells when the line is a tab-separated or Markdown pipe row. */
  cells?: LexCell[];
  pipe: boolean;
  /** Separator rows such as `|---|---|` or `-----→----`. */
  separator: boolean;
  heading?: HeadingCandidate;
  /** `表5`, `公开01表` standing alone on the line. */
  tableNumber?: { text: string; start: number; end: number };
  /** The line reads like a table title (`…收支总表`, `…明细表（按…）`). */
  titleLike: boolean;
  unit?: { unit: Unit; start: number; end: number };
  /** Lines such as `部门名称：…`, `编制部门：…`, `450001 某某局本级` that sit between a title and its table. */
  orgLine: boolean;
  /** Table-of-contents decoration: dot leaders or a `- ` bullet. */
  tocLike: boolean;
  tocMarker: boolean;
  /** Character offset of the first non-space character. */
  indent: number;
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十一 → 11, 二十 → 20, 一百零二 → 102. */
export function chineseNumber(text: string): number {
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else current = CN_DIGITS[ch] ?? 0;
  }
  return total + current;
}

const CN_NUM = '[一二三四五六七八九十百零〇两]+';
const HEADING_PATTERNS: { style: HeadingStyle; re: RegExp; cn: boolean }[] = [
  { style: 'part', re: new RegExp(`^(第(${CN_NUM})部分)[\\s：:、.．]*`), cn: true },
  { style: 'cn', re: new RegExp(`^((${CN_NUM})、)\\s*`), cn: true },
  { style: 'paren-cn', re: new RegExp(`^([（(]\\s*(${CN_NUM})\\s*[）)])[\\s、.．]*`), cn: true },
  { style: 'paren-arabic', re: /^([（(]\s*(\d{1,2})\s*[）)])[\s、.．]*/, cn: false },
  // `1.2020年…` is a sentence starting with a figure, not item 1: a `.` must not be followed by a digit.
  { style: 'arabic', re: /^((\d{1,2})(?:[、．]|\.(?!\d)))\s*/, cn: false },
];

/**
 * The list numbering a line starts with (一、 （一） 1. （1） 第一部分), read by the same patterns as headings:
 * its style and its number. Prose paragraphs use it for numbered items.
 */
export function listNumbering(text: string): { style: HeadingStyle; number: number } | undefined {
  const body = text.replace(/^[\s\u3000]+/, '');
  for (const p of HEADING_PATTERNS) {
    const m = p.re.exec(body);
    if (!m) continue;
    const number = p.cn ? chineseNumber(m[2]) : Number(m[2]);
    return number > 0 ? { style: p.style, number } : undefined;
  }
  return undefined;
}

/** Outline depth of a numbering style: 第一部分 › 一、 › （一） › 1. › （1）. */
export const NUMBERING_RANK: Record<Exclude<HeadingStyle, 'markdown'>, number> = {
  part: 0,
  cn: 1,
  'paren-cn': 2,
  arabic: 3,
  'paren-arabic': 4,
};

const SENTENCE_PUNCT = /[，,；;]|。(?!\s*$)/;
const FIGURE_WITH_UNIT = /\d(?:[\d,]*)(?:\.\d+)?\s*(?:万元|元|亿元|%|％)/;
const DEFINITION = /[：:]\s*\S{2,}/;

/** Does this (numbering-free) title read like a heading rather than a sentence or list item? */
export function plausibleHeadingTitle(title: string): boolean {
  const t = title.replace(/[。：:\s]+$/, '');
  if (t.length === 0 || t.length > 40) return false;
  if (SENTENCE_PUNCT.test(t)) return false;
  if (FIGURE_WITH_UNIT.test(t)) return false;
  if (DEFINITION.test(t)) return false;
  return true;
}

function stripDecoration(text: string): string {
  return text.replace(/<\/?[a-zA-Z][^>]*>/g, '').replace(/\*\*(.+?)\*\*/g, '$1');
}

function headingCandidate(line: string): HeadingCandidate | undefined {
  let offset: number;
  let markdownDepth = 0;
  const md = /^\s{0,3}(#{1,6})\s+/.exec(line);
  if (md) {
    markdownDepth = md[1].length;
    offset = md[0].length;
  } else {
    const lead = /^[\s\u3000]*(?:[-*•]\s+)?/.exec(line)!;
    offset = lead[0].length;
  }
  const body = line.slice(offset);
  const clean = stripDecoration(body).replace(/\s+$/, '');
  const cleanOffset = offset + (body.length - body.replace(/^(?:\*\*|<[^>]+>)+/, '').length);
  for (const p of HEADING_PATTERNS) {
    const m = p.re.exec(clean);
    if (!m) continue;
    const number = p.cn ? chineseNumber(m[2]) : Number(m[2]);
    const title = clean.slice(m[0].length).trim();
    if (number <= 0) continue;
    return {
      style: p.style,
      number,
      label: m[1],
      title,
      titleStart: cleanOffset + m[0].length,
      markdownDepth,
      plausible: markdownDepth > 0 ? title.length > 0 : plausibleHeadingTitle(title),
    };
  }
  if (markdownDepth > 0 && clean.trim().length > 0) {
    return { style: 'markdown', number: 0, label: '', title: clean.trim(), titleStart: cleanOffset, markdownDepth, plausible: true };
  }
  return undefined;
}

const TABLE_NUMBER = /^[\s\u3000]*(表\s*\d{1,2}(?:\s*-\s*\d{1,2})?|公开\s*\d{1,2}\s*表)[\s\u3000]*$/;
const UNIT = /(?:金额)?单位\s*[：:]\s*(?:(?:金额)?单位\s*[：:]\s*)?(万元|元)/;
const UNIT_IN_PARENS = /[（(]\s*(万元|元)\s*[）)]/;
const ORG_LINE =
  /^[\s\u3000]*(?:部门名称|单位名称|编制部门|编制单位|预算主管部门|预算单位|填报单位|截止时间|保密审查情况|部门主要负责人审签情况)\s*[：:]|^[\s\u3000]*\d{6}\s+\S{2,30}$|^[\s\u3000]*[（(]\s*\d{4}\s*年度?\s*[）)]\s*$/;
const TITLE_LIKE = /表(?:\s*[（(][^）)]*[）)]?)?\s*$/;
const DOT_LEADERS = /[….·]{4,}|…{2,}/;

export function splitCells(line: string, separator: '\t' | '|'): LexCell[] {
  const cells: LexCell[] = [];
  let start = 0;
  let end = line.length;
  if (separator === '|') {
    start = line.indexOf('|') + 1;
    const last = line.lastIndexOf('|');
    end = last >= start ? last : line.length;
  }
  let cellStart = start;
  for (let i = start; i <= end; i++) {
    if (i === end || line[i] === separator) {
      pushCell(cells, line, cellStart, i);
      cellStart = i + 1;
    }
  }
  return exactSize(cells);
}

/** Splits a PDF-extracted row on runs of ASCII spaces; full-width spaces stay as indentation of the next token. */
export function splitSpaced(line: string): LexCell[] {
  const cells: LexCell[] = [];
  const re = /[^ \t]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) pushCell(cells, line, m.index, m.index + m[0].length);
  return exactSize(cells);
}

/**
 * A copy without the spare capacity `push` leaves (up to half again the length): lexed lines are kept for
 * incremental re-parsing, and that slack was the largest single item of the analysis' memory.
 */
const exactSize = <T>(items: T[]): T[] => items.slice();

function pushCell(cells: LexCell[], line: string, from: number, to: number): void {
  let s = from;
  let indent = 0;
  while (s < to && /[\s\u3000]/.test(line[s])) {
    s++;
    indent++;
  }
  let e = to;
  while (e > s && /[\s\u3000]/.test(line[e - 1])) e--;
  const raw = line.slice(s, e);
  const text = stripDecoration(raw).trim();
  // pdftotext joins an amount and the next label with a single space: `31,214,205.80 一、一般公共服务支出`.
  const glued = /^([-−]?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+) +(\S.*)$/.exec(raw);
  if (glued && !/^\d/.test(glued[2])) {
    const second = s + raw.indexOf(glued[2], glued[1].length);
    cells.push(lexCell(glued[1], s, s + glued[1].length, indent));
    cells.push(lexCell(glued[2], second, e, 0));
    return;
  }
  cells.push(lexCell(text, s, e, indent));
}

export function lexCell(text: string, start: number, end: number, indent: number): LexCell {
  // one object shape for every cell (all fields, same order): keeps property access monomorphic
  const cell = (kind: LexKind, decimals?: number): LexCell => ({ text, start, end, kind, decimals, indent });
  if (text.length === 0) return cell('empty');
  let decimals = numberDecimals(text);
  if (decimals !== undefined) return cell('number', decimals);
  if (isDash(text)) return cell('dash');
  decimals = percentDecimals(text);
  if (decimals !== undefined) return cell('percent', decimals);
  if (isColumnMark(text)) return cell('mark');
  return cell('text');
}

/**
 * The Decimal a number or percent cell prints. Lexed lines hold no Decimal: most lexed figures are codes,
 * row numbers or lines no table uses, and a Decimal costs more than its cell; the table builder makes
 * the values its cells need, once.
 */
export function valueOf(cell: Pick<LexCell, 'text' | 'kind'>): Decimal | undefined {
  if (cell.kind === 'number') return parseNumber(cell.text)?.value;
  if (cell.kind === 'percent') return parsePercent(cell.text)?.value;
  return undefined;
}

export function lexLine(text: string): LexLine {
  const trimmed = text.trim();
  const indent = text.length - text.trimStart().length;
  const blank = trimmed.length === 0;
  const line: LexLine = {
    text,
    blank,
    pipe: false,
    separator: false,
    titleLike: false,
    orgLine: false,
    tocLike: false,
    tocMarker: false,
    indent,
  };
  if (blank) return line;
  const directive = readDirective(text);
  if (directive) return { ...line, blank: true, directive };
  if (text.includes('\t')) {
    line.cells = splitCells(text, '\t');
  } else if (/^\s*\|.*\|\s*$/.test(text)) {
    line.pipe = true;
    line.cells = splitCells(text, '|');
  }
  if (line.cells) {
    const nonEmpty = line.cells.filter((c) => c.kind !== 'empty');
    line.separator = nonEmpty.length > 0 && nonEmpty.every((c) => /^:?-{2,}:?$/.test(c.text));
  } else if (/^[-=]{3,}$/.test(trimmed)) {
    line.separator = true;
  }
  const unit = UNIT.exec(text) ?? UNIT_IN_PARENS.exec(text);
  if (unit) {
    const at = unit.index + unit[0].lastIndexOf(unit[1]);
    line.unit = { unit: unitFromWord(unit[1])!, start: unit.index, end: at + unit[1].length };
  }
  const tn = TABLE_NUMBER.exec(text);
  if (tn) {
    const start = text.indexOf(tn[1]);
    line.tableNumber = { text: tn[1].replace(/\s+/g, ''), start, end: start + tn[1].length };
  }
  const plain = stripDecoration(trimmed.replace(/^#{1,6}\s+/, ''));
  line.titleLike = !line.cells && plain.length <= 80 && TITLE_LIKE.test(plain) && !/[，。；]/.test(plain);
  line.orgLine = ORG_LINE.test(text) && !line.tableNumber;
  line.tocMarker = /^[\s\u3000]*(?:报表)?目[\s\u3000\t]*录[\s\u3000]*$/.test(text);
  line.tocLike = DOT_LEADERS.test(text) || /^\s*[-•]\s+\S/.test(text);
  if (!line.cells || line.tocLike) line.heading = headingCandidate(line.cells ? text.split('\t')[0] : text);
  else if (
    !line.pipe &&
    line.cells.filter((c) => c.kind !== 'empty').length <= 2 &&
    line.cells.every((c) => c.kind === 'text' || c.kind === 'empty')
  ) {
    // `第一部分→上海市普陀区财政局概况`: a heading whose number and title a converter split with a tab
    line.heading = headingCandidate(text.replace(/\t+/g, ' '));
  }
  return line;
}
