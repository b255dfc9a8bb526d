// Facts read from the narrative: figures with what they are about (a code, a label), the change against
// last year and the percentage stated with it, shares (占 Z%), completion rates, and itemisations (a total
// followed by 其中：/包括： and its parts, in one sentence or over the numbered paragraphs that follow).
import Decimal from 'decimal.js';
import type { DisclosureDocument, Range, Unit } from '../model/types.js';
import { convert, parseNumber } from '../parse/amounts.js';
import { lastAtOrBefore } from '../util/search.js';
import { linesSpanned } from '../model/ranges.js';
import { listNumbering, NUMBERING_RANK } from '../parse/lex.js';

export interface Figure {
  value: Decimal;
  decimals: number;
  unit: Unit;
  text: string;
  range: Range;
  /** What the figure is about, as written just before it (numbering, year and filler words removed). */
  label: string;
  labelRange: Range;
  code?: string;
  codeRange?: Range;
  /** 较上年增加/减少 X: the change figure, signed (+ increase, − decrease, 0 持平/无增减). */
  change?: { value: Decimal; decimals: number; range: Range; direction: 1 | -1 | 0 };
  /** 增长/下降 P% after the change. */
  growth?: Percent;
  /** 占 Z%. */
  share?: Percent;
  /** True for a figure that is itself a change (较上年增加 X万元), a per-head rate or a threshold. */
  auxiliary: boolean;
  paragraph: number;
}

export interface Percent {
  value: Decimal;
  decimals: number;
  range: Range;
  direction: 1 | -1;
}

export interface Itemisation {
  total: Figure;
  parts: Figure[];
  /** 其中/包括: the parts are all of it; 主要包括/主要用于: the parts may be less, never more. */
  complete: boolean;
  marker: string;
  /** Parts listed over the numbered paragraphs that follow (the 功能科目 明细 style). */
  spread: boolean;
}

export interface Completion {
  budget: Figure;
  actual: Figure;
  percent: Percent;
}

/**
 * Growth stated between two levels, without a change figure: `2022年当年预算执行数为A万元，2023年预算安排B万元，
 * 比2022年预算执行数增加P%` — P% is (B − A) ÷ A, the comparison naming the earlier figure.
 */
export interface LevelGrowth {
  previous: Figure;
  current: Figure;
  percent: Percent;
}

export interface Narrative {
  figures: Figure[];
  itemisations: Itemisation[];
  completions: Completion[];
  levelGrowths: LevelGrowth[];
  /** Heading text of the section each paragraph sits in (for the scope of a sentence). */
  paragraphs: { text: string; startLine: number; section: string }[];
}

/** A paragraph's text and, per source line it was built from, where that line starts in the text. */
interface Para {
  text: string;
  lines: { line: number; at: number }[];
  startLine: number;
  section: string;
}

const FIGURE = /(?<![\d.,，])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(万元|亿元|元)/g;
const MARKER = /^[，,]?\s*(其中|具体包括|包括|分别为|主要包括|主要用于|主要为|主要是)\s*[：:]?/;
const CHANGE =
  /^[，,、]?\s*(?:较|比|与)上年(?:相比)?[，,]?\s*(?:[\u4e00-\u9fa5“”]{0,12}?)?(增加|增长|减少|下降|无增减|持平|不可比)\s*(?:(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(万元|元))?/;
const PERCENT_AFTER = /^[，,]\s*(增长|下降|减少|增加|上升|降低)\s*(\d+(?:\.\d+)?)\s*[%％]/;
const SHARE = /^[，,]?\s*占[\u4e00-\u9fa5“”]{0,12}?\s*(\d+(?:\.\d+)?)\s*[%％]/;
const COMPLETION = /完成(?:年初)?预算的\s*(\d+(?:\.\d+)?)\s*[%％]/;
/** `，比2022年预算执行数增加77.70%` right after a figure: what it is compared with, the word, the percentage. */
const LEVEL_GROWTH =
  /^[，,]\s*(?:较|比|与)([^，,。；;：:%％]{1,24}?)(?:相比)?[，,]?\s*(增加|增长|上升|减少|下降|降低)了?\s*(\d+(?:\.\d+)?)\s*[%％]/;

function paragraphs(doc: DisclosureDocument): Para[] {
  const skip = linesSpanned(doc.toc, linesSpanned(doc.tables));
  const headingAt = new Map(doc.headings.map((h) => [h.line, h]));
  // the titles of every heading enclosing a line: a sentence's scope (一般公共预算, 基本支出 …) is often
  // named by a heading two levels up
  const sectionAt = new Map<number, string>();
  const walk = (nodes: DisclosureDocument['outline'], above: string): void => {
    for (const n of nodes) {
      const here = n.heading ? (above ? `${above} › ${n.heading.title}` : n.heading.title) : above;
      if (n.heading) sectionAt.set(n.range.start.line, here);
      walk(n.children, here);
    }
  };
  walk(doc.outline, '');
  const sectionOf = (line: number) => sectionAt.get(line) ?? '';
  const out: Para[] = [];
  let cur: Para | undefined;
  let section = '';
  for (let i = 0; i < doc.lines.length; i++) {
    const text = doc.lines[i];
    const h = headingAt.get(i);
    if (h) {
      section = sectionOf(i);
      cur = undefined;
      continue;
    }
    if (skip.has(i)) {
      cur = undefined;
      continue;
    }
    // converters break sentences with blank lines: a paragraph that has not ended its sentence goes on
    if (!text.trim()) {
      if (cur && /[。！？；：:）)]\s*$/.test(cur.text)) cur = undefined;
      continue;
    }
    // a numbered item starts a paragraph of its own even without a blank line before it
    if (
      !cur ||
      /^[\s\u3000]*(?:[（(]\d{1,2}[）)]|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[、.．](?!\d)|[一二三四五六七八九十]+、)/.test(text)
    ) {
      cur = { text: '', lines: [], startLine: i, section };
      out.push(cur);
    }
    cur.lines.push({ line: i, at: cur.text.length });
    cur.text += fullWidthPunctuation(text);
  }
  return out;
}

/**
 * Some PDFs print prose punctuation as ASCII (`其中:基本支出43,908.7万元,主要用于…;项目支出…`). Sentences are read by
 * their Chinese punctuation, so `,` `;` `:` outside figures are read as `，` `；` `：` — one character for one, so
 * every offset into the paragraph stays where it was.
 */
function fullWidthPunctuation(text: string): string {
  return text.replace(/[,;:]/g, (ch, at: number) => {
    if (/\d/.test(text[at - 1] ?? '') && /\d/.test(text[at + 1] ?? '')) return ch; // 43,908.7 · 10:30
    return ch === ',' ? '，' : ch === ';' ? '；' : '：';
  });
}

function posOf(p: Para, offset: number): { line: number; character: number } {
  const at = p.lines[lastAtOrBefore(p.lines, offset, (l) => l.at)];
  return { line: at.line, character: offset - at.at };
}

function rangeOf(p: Para, start: number, end: number): Range {
  const last = Math.max(0, p.text.length - 1);
  const a = posOf(p, Math.min(start, last));
  const b = posOf(p, Math.min(Math.max(end - 1, start), last));
  return { start: a, end: { line: b.line, character: b.character + 1 } };
}

const FILLER_START =
  /^(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]\s*)?(?:\d{4}\s*年度?\s*[，,]?\s*)?(?:本部门|我局|本单位|本局|我部门)?(?:\d{4}\s*年度?)?(?:当年|本年|全年)?/;
const FILLER_END = /(?:为|是|共计|合计|共|达|约)$/;

function labelBefore(text: string, end: number, floor: number): { label: string; start: number } {
  let s = end;
  while (s > floor && !/[，,。；;：:、\n]/.test(text[s - 1])) s--;
  const raw = text.slice(s, end);
  const lead = FILLER_START.exec(raw)?.[0].length ?? 0;
  let label = raw
    .slice(lead)
    .trim()
    .replace(/^(?:其中|主要是|主要为|主要包括|主要用于|具体包括|包括|分别为)\s*[：:]?/, '');
  label = label.replace(FILLER_END, '').trim();
  return { label, start: s + lead + (raw.slice(lead).length - raw.slice(lead).trimStart().length) };
}

// Read once per analysed document: the narrative check and the wording rules (consistency.ts) both need it, and it
// is the costliest reading of the prose. Nothing changes a Narrative after it is read.
const narratives = new WeakMap<DisclosureDocument, Narrative>();

export function readNarrative(doc: DisclosureDocument): Narrative {
  let n = narratives.get(doc);
  if (!n) narratives.set(doc, (n = readNarrativeNow(doc)));
  return n;
}

function readNarrativeNow(doc: DisclosureDocument): Narrative {
  const figures: Figure[] = [];
  const itemisations: Itemisation[] = [];
  const completions: Completion[] = [];
  const levelGrowths: LevelGrowth[] = [];
  const paras = paragraphs(doc);
  paras.forEach((p, pi) => {
    const local: Local[] = [];
    let floor = 0;
    for (const m of p.text.matchAll(FIGURE)) {
      const start = m.index!;
      const end = start + m[0].length;
      const n = parseNumber(m[2] !== undefined ? `${m[1]}.${m[2]}` : m[1]);
      if (!n) continue;
      const before = p.text.slice(Math.max(0, start - 6), start);
      const after = p.text.slice(end, end + 6);
      const auxiliary = /每|单价|人均|标准为?$/.test(before) || /^\s*[/／]|^以[上下内]|^（含）/.test(after);
      const { label, start: labelStart } = labelBefore(p.text, start, floor);
      const codeMatch = /[（(]\s*([235]\d{2}(?:\d{2}){0,2})\s*[）)]\s*$/.exec(label);
      const unit: Unit = m[3] === '元' ? '元' : '万元';
      const value = m[3] === '亿元' ? n.value.mul(10000) : n.value;
      const f: Figure = {
        value,
        decimals: n.decimals,
        unit,
        text: m[0],
        range: rangeOf(p, start, start + m[1].length + (m[2] ? m[2].length + 1 : 0)),
        label: codeMatch ? label.slice(0, codeMatch.index).trim() : label,
        labelRange: rangeOf(p, labelStart, start),
        auxiliary,
        paragraph: pi,
      };
      if (codeMatch) {
        f.code = codeMatch[1];
        const cs = labelStart + label.lastIndexOf(codeMatch[1]);
        f.codeRange = rangeOf(p, cs, cs + codeMatch[1].length);
      }
      // 较上年增加 X 万元，增长 P%
      const rest = p.text.slice(end);
      const ch = CHANGE.exec(rest);
      let cursor = end;
      if (ch) {
        const dirWord = ch[1];
        const direction: 1 | -1 | 0 = /增加|增长/.test(dirWord) ? 1 : /减少|下降/.test(dirWord) ? -1 : 0;
        if (ch[2] !== undefined) {
          const cn = parseNumber(ch[3] !== undefined ? `${ch[2]}.${ch[3]}` : ch[2])!;
          const cs = end + ch[0].indexOf(ch[2], ch[0].indexOf(dirWord));
          f.change = {
            value: cn.value.mul(direction || 1),
            decimals: cn.decimals,
            range: rangeOf(p, cs, cs + ch[2].length + (ch[3] ? ch[3].length + 1 : 0)),
            direction,
          };
        } else if (direction === 0 && !/不可比/.test(dirWord)) {
          f.change = { value: new Decimal(0), decimals: 0, range: rangeOf(p, end, end + ch[0].length), direction: 0 };
        }
        cursor = end + ch[0].length;
        const pc = PERCENT_AFTER.exec(p.text.slice(cursor));
        if (pc && f.change) {
          const pv = parseNumber(pc[2])!;
          const ps = cursor + pc[0].indexOf(pc[2], pc[0].indexOf(pc[1]) + pc[1].length);
          f.growth = {
            value: pv.value,
            decimals: pv.decimals,
            range: rangeOf(p, ps, ps + pc[2].length + 1),
            direction: /下降|减少|降低/.test(pc[1]) ? -1 : 1,
          };
          cursor += pc[0].length;
        }
      }
      const sh = SHARE.exec(p.text.slice(end));
      if (sh) {
        const sv = parseNumber(sh[1])!;
        const ss = end + sh[0].lastIndexOf(sh[1]);
        f.share = { value: sv.value, decimals: sv.decimals, range: rangeOf(p, ss, ss + sh[1].length + 1), direction: 1 };
      }
      const mk = MARKER.exec(p.text.slice(cursor));
      figures.push(f);
      local.push({ f, start, after: cursor + (mk ? mk[0].length : 0), markerAfter: mk?.[1] });
      // the change figure itself is not a part of anything
      if (f.change && f.change.direction !== 0) floor = cursor;
      else floor = end;
    }
    // change figures were matched by FIGURE as well, and `较上年减少 X万元` written as a label: not parts
    for (const x of local)
      for (const y of local) {
        if (x.f.change && rangeEq(x.f.change.range, y.f.range)) y.f.auxiliary = true;
      }
    for (const x of local) if (/(?:增加|减少|增长|下降|增减)$/.test(x.f.label) || /^(?:较|比|与)上年/.test(x.f.label)) x.f.auxiliary = true;
    // `与上年相比，财政拨款支出减少 1058.39 万元，减少 57%`: the change of the figure stated before it
    for (let k = 0; k < local.length; k++) {
      const x = local[k];
      const dir = /(增加|增长|减少|下降)$/.exec(x.f.label);
      if (!dir || x.f.change) continue;
      const pc = PERCENT_AFTER.exec(p.text.slice(x.start + x.f.text.length));
      const base = local
        .slice(0, k)
        .reverse()
        .find((y) => !y.f.auxiliary);
      if (!pc || !base || base.f.growth) continue;
      const direction: 1 | -1 = /增加|增长/.test(dir[1]) ? 1 : -1;
      base.f.change = { value: x.f.value.mul(direction), decimals: x.f.decimals, range: x.f.range, direction };
      const pv = parseNumber(pc[2])!;
      const ps = x.start + x.f.text.length + pc[0].indexOf(pc[2], pc[0].indexOf(pc[1]) + pc[1].length);
      base.f.growth = {
        value: pv.value,
        decimals: pv.decimals,
        range: rangeOf(p, ps, ps + pc[2].length + 1),
        direction: /下降|减少|降低/.test(pc[1]) ? -1 : 1,
      };
    }
    listsAfterSentences(p.text, local);
    levelGrowths.push(...levelGrowthsIn(p, local));
    itemisations.push(...sentenceItemisations(p.text, local));
    const cm = COMPLETION.exec(p.text);
    if (cm) {
      const main = local.filter((x) => !x.f.auxiliary).map((x) => x.f);
      if (main.length >= 2) {
        const pv = parseNumber(cm[1])!;
        const ps = cm.index! + cm[0].indexOf(cm[1]);
        completions.push({
          budget: main[0],
          actual: main[1],
          percent: { value: pv.value, decimals: pv.decimals, range: rangeOf(p, ps, ps + cm[1].length + 1), direction: 1 },
        });
      }
    }
  });
  itemisations.push(...spreadItemisations(paras, figures));
  // `项目支出预算2141.55万元…。其中：1.事业单位经营支出0万元。2.上缴上级支出0万元。…` (北京): items that are all zero
  // under a total that is not say what it does not contain — they are not its parts
  for (let k = itemisations.length - 1; k >= 0; k--) {
    const it = itemisations[k];
    if (it.parts.length >= 2 && !it.total.value.isZero() && it.parts.every((p) => p.value.isZero())) itemisations.splice(k, 1);
  }
  return {
    figures,
    itemisations,
    completions,
    levelGrowths,
    paragraphs: paras.map((p) => ({ text: p.text, startLine: p.startLine, section: p.section })),
  };
}

/**
 * `一般公共预算财政拨款基本支出2336.91万元。其中：人员经费…；公用经费…`: a 其中 that opens a sentence lists the
 * parts of the figure the sentence before it is about — with a change, a rate or a reason between the figure and
 * the 。 (`“三公”经费26.11万元，比上年减少25.05万元，下降49%，主要原因是…。其中：…`). The figure must be one that
 * can be told: the sentence's only figure, or several that all print the same amount (`财政拨款收入A万元，财政
 * 拨款支出A万元，比2025年增加C万元。其中：基本支出…`). Changes, rates and figures in parentheses do not count;
 * a sentence of several different amounts (`基本支出A万元，项目支出B万元。其中：…`) leaves the list unread.
 */
function listsAfterSentences(text: string, local: Local[]): void {
  const depth = parenthesisDepths(text);
  for (const m of text.matchAll(/[。！？]\s*(其中)\s*[：:，,]?/g)) {
    const end = m.index!;
    if (depth[end] > 0) continue;
    let from = end;
    while (from > 0 && !(/[。！？]/.test(text[from - 1]) && depth[from - 1] === 0)) from--;
    const inSentence = local.filter((x) => x.start >= from && x.start < end && !x.f.auxiliary && depth[x.start] === 0);
    if (!inSentence.length) continue;
    const head = inSentence[inSentence.length - 1];
    if (head.markerAfter) continue;
    if (!inSentence.every((x) => convert(x.f.value, x.f.unit, head.f.unit).eq(head.f.value))) continue;
    head.after = end + m[0].length;
    head.markerAfter = m[1];
  }
}

/** Parenthesis depth before each offset of the text (depth[i]: how many are open before text[i]). */
function parenthesisDepths(text: string): number[] {
  const depth: number[] = new Array(text.length + 1);
  depth[0] = 0;
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    depth[k + 1] = ch === '（' || ch === '(' ? depth[k] + 1 : (ch === '）' || ch === ')') && depth[k] > 0 ? depth[k] - 1 : depth[k];
  }
  return depth;
}

/**
 * The first `ch` at or after `from` outside parentheses, or -1: `…0万元（购置费0万元；运行维护费6.7万元。）比上年
 * 减少2.3万元…；公务接待费…` — a 。 or ； inside parentheses ends neither the sentence nor the clause.
 */
function outsideParentheses(text: string, depth: number[], ch: string, from: number): number {
  for (let k = text.indexOf(ch, from); k >= 0; k = text.indexOf(ch, k + 1)) if (depth[k] === 0) return k;
  return -1;
}

/** What a comparison is made with, as words: years, 当年/本年 and spaces taken out (`2022年预算执行数` → `预算执行数`). */
const baseWords = (text: string) => text.replace(/\d{4}\s*年度?|当年|本年|全年|[\s\u3000“”"]|的$/g, '').replace(/(?:为|是)$/, '');

/** The year a clause names (`2022年当年预算执行数为` → 2022). */
const yearOf = (text: string) => /(\d{4})\s*年/.exec(text)?.[1];

/**
 * `2022年当年预算执行数为A万元，2023年预算安排B万元，比2022年预算执行数增加P%`: two figures in one clause chain,
 * the second followed by a percentage against a base that names the first (its words, and its year when both
 * print one). A percentage against anything else (`比2022年预算`, `比上年`, a figure not stated) is not read.
 */
function levelGrowthsIn(p: Para, local: Local[]): LevelGrowth[] {
  const out: LevelGrowth[] = [];
  for (let k = 1; k < local.length; k++) {
    const x = local[k - 1];
    const y = local[k];
    if (x.f.auxiliary || y.f.auxiliary || y.f.change || y.f.growth) continue;
    const xEnd = x.start + x.f.text.length;
    const yEnd = y.start + y.f.text.length;
    if (/[。；;！？!?（(）)]/.test(p.text.slice(xEnd, y.start))) continue;
    const m = LEVEL_GROWTH.exec(p.text.slice(yEnd));
    if (!m) continue;
    const base = baseWords(m[1]);
    if (base.length < 2 || base !== baseWords(x.f.label)) continue;
    let clause = x.start;
    while (clause > 0 && !/[，,。；;：:\n]/.test(p.text[clause - 1])) clause--;
    const xYear = yearOf(p.text.slice(clause, x.start));
    const baseYear = yearOf(m[1]);
    if (xYear && baseYear && xYear !== baseYear) continue;
    const pv = parseNumber(m[3])!;
    const ps = yEnd + m[0].lastIndexOf(m[3]);
    out.push({
      previous: x.f,
      current: y.f,
      percent: {
        value: pv.value,
        decimals: pv.decimals,
        range: rangeOf(p, ps, ps + m[3].length + 1),
        direction: /减少|下降|降低/.test(m[2]) ? -1 : 1,
      },
    });
  }
  return out;
}

const rangeEq = (a: Range, b: Range) => a.start.line === b.start.line && a.start.character === b.start.character;

const COMPLETE_MARKERS = /^(其中|具体包括|包括|分别为)$/;

interface Local {
  f: Figure;
  start: number;
  after: number;
  markerAfter?: string;
}

/**
 * Itemisations inside one paragraph: `总额X，其中：A a，B b；C c。`. A list opened by a sentence's figure
 * runs to the end of the sentence; a list opened by one of its parts (`B b，其中：…`) ends at the `；`.
 */
function sentenceItemisations(text: string, local: Local[]): Itemisation[] {
  const out: Itemisation[] = [];
  // figures inside parentheses are details of the item before them, never peers
  const depth = parenthesisDepths(text);
  const depthAt = (i: number): number => depth[i];
  const main = local.filter((x) => !x.f.auxiliary && depthAt(x.start) === 0);
  // `…；本部门2024年预算支出…`: after a `；` a clause with its own subject starts a new statement
  const newStatement = (from: number, to: number): boolean => {
    const semi = text.lastIndexOf('；', to);
    return semi >= from && /本部门|我局|本单位|本局|\d{4}\s*年/.test(text.slice(semi, to));
  };
  const parse = (h: number, stop: number): number => {
    const head = main[h];
    const parts: Figure[] = [];
    let j = h + 1;
    while (j < main.length && main[j].start < stop && !newStatement(head.after, main[j].start)) {
      const part = main[j];
      // `基本支出X，主要用于保障…运转；项目支出Y…`: the marker's clause ended (in words) before any figure came
      if (parts.length === 0 && /[；;]/.test(text.slice(head.after, part.start))) break;
      // figures inside a reason (`…增长500%，主要原因是…该车辆运行维护经费12.5万元由省工信厅拨付`) explain, they are not
      // parts; a reason given for one part ends at its `；` (`其中：A a，…主要原因是…；B b，…`)
      let clause = part.start;
      while (clause > head.after && !(text[clause - 1] === '；' && depth[clause - 1] === 0)) clause--;
      if (/原因/.test(text.slice(clause, part.start))) break;
      parts.push(part.f);
      if (part.markerAfter) {
        const close = outsideParentheses(text, depth, '；', part.after);
        j = parse(j, close < 0 || close > stop ? stop : close);
      } else j++;
    }
    if (parts.length)
      out.push({ total: head.f, parts, complete: COMPLETE_MARKERS.test(head.markerAfter!), marker: head.markerAfter!, spread: false });
    return j;
  };
  let i = 0;
  while (i < main.length) {
    if (!main[i].markerAfter) {
      i++;
      continue;
    }
    const end = outsideParentheses(text, depth, '。', main[i].after);
    const next = parse(i, end < 0 ? text.length : end);
    i = Math.max(next, i + 1);
  }
  return out;
}

/**
 * `…支出2519.99万元，其中：` ending a paragraph, then its parts in the paragraphs that follow: numbered items
 * (`（1）行政运行(2101501)38.15万元…`, `（一）因公出国（境）费10.00万元…`, any one numbering style) or, unnumbered,
 * items that open with a subject code.
 */
function spreadItemisations(paras: Para[], figures: Figure[]): Itemisation[] {
  const out: Itemisation[] = [];
  const byPara = new Map<number, Figure[]>();
  for (const f of figures) if (!f.auxiliary) byPara.set(f.paragraph, [...(byPara.get(f.paragraph) ?? []), f]);
  const numberingOf = (text: string) => {
    const n = listNumbering(text);
    return n && n.style !== 'markdown' ? { style: n.style, rank: NUMBERING_RANK[n.style], number: n.number } : undefined;
  };
  paras.forEach((p, pi) => {
    const m = /(其中|具体如下|包括)\s*[：:]\s*$/.exec(p.text.trim());
    if (!m) return;
    const own = byPara.get(pi) ?? [];
    const total = own[own.length - 1];
    if (!total) return;
    // `（二）公务用车购置及运行费…其中：` is itself an item: its parts are numbered one level below it, and the
    // next item of its own list (`（三）…`) is its sibling, not its part
    const header = numberingOf(p.text);
    const parts: Figure[] = [];
    let list: { style: string; rank: number; number: number } | null | undefined; // null: unnumbered, coded items
    for (let k = pi + 1; k < paras.length; k++) {
      const q = paras[k];
      if (q.section !== p.section) break;
      const n = numberingOf(q.text);
      const first = (byPara.get(k) ?? [])[0];
      // the item's figure is in its opening clause (`（一）因公出国（境）费10.00万元，…`); an item that names itself in
      // a sentence of its own and gives figures later (`1、…行政运行（项）。主要用于：…年初预算为…`) has no single part figure
      const at = first ? q.text.indexOf(first.text) : -1;
      const opens = at >= 0 && at < 60 && !/[。；]/.test(q.text.slice(0, at));
      if (list === undefined) {
        if (n && (!header || n.rank > header.rank) && n.number === 1 && opens) list = { ...n };
        else if (!n && opens && first.code !== undefined) list = null;
        // another kind of opening (a sentence, a heading-like item, a 2、 or 二、) starts something else
        else break;
        parts.push(first);
        continue;
      }
      if (list === null) {
        // another kind of numbered item (2、… / 三、…) starts something else
        if (n && n.rank <= NUMBERING_RANK.arabic) break;
        if (opens && first.code !== undefined) parts.push(first);
        // wrapped continuations of an item (PDF lines, 其中 details) are skipped, not counted
        continue;
      }
      if (!n || n.rank > list.rank) continue; // a detail of the item above, numbered one level down
      // a higher level, or the same numbering not going on from the last item, ends the list
      if (n.rank < list.rank || n.style !== list.style || n.number !== list.number + 1) break;
      list.number = n.number;
      // an item whose figure cannot be told is a part the sum would miss: no list is read
      if (!opens) {
        parts.length = 0;
        break;
      }
      parts.push(first);
    }
    if (parts.length >= 2) out.push({ total, parts, complete: true, marker: m[1], spread: true });
  });
  return out;
}
