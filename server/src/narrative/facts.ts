// Facts read from the narrative: figures with what they are about (a code, a label), the change against
// last year and the percentage stated with it, shares (占 Z%), completion rates, and itemisations (a total
// followed by 其中：/包括： and its parts, in one sentence or over the numbered paragraphs that follow).
import Decimal from 'decimal.js';
import type { DisclosureDocument, Range, Unit } from '../model/types.js';
import { parseNumber } from '../parse/amounts.js';
import { lastAtOrBefore } from '../util/search.js';
import { linesSpanned } from '../model/ranges.js';

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

export interface Narrative {
  figures: Figure[];
  itemisations: Itemisation[];
  completions: Completion[];
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
    if (!cur || /^[\s\u3000]*(?:[（(]\d{1,2}[）)]|\d{1,2}[、.．](?!\d)|[一二三四五六七八九十]+、)/.test(text)) {
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

export function readNarrative(doc: DisclosureDocument): Narrative {
  const figures: Figure[] = [];
  const itemisations: Itemisation[] = [];
  const completions: Completion[] = [];
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
  return {
    figures,
    itemisations,
    completions,
    paragraphs: paras.map((p) => ({ text: p.text, startLine: p.startLine, section: p.section })),
  };
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
  const depth: number[] = new Array(text.length + 1);
  depth[0] = 0;
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    depth[k + 1] = ch === '（' || ch === '(' ? depth[k] + 1 : (ch === '）' || ch === ')') && depth[k] > 0 ? depth[k] - 1 : depth[k];
  }
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
      // figures inside a reason (`…增长500%，主要原因是…该车辆运行维护经费12.5万元由省工信厅拨付`) explain, they are not parts
      if (/原因/.test(text.slice(head.after, part.start))) break;
      parts.push(part.f);
      if (part.markerAfter) {
        const close = text.indexOf('；', part.after);
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
    const end = text.indexOf('。', main[i].after);
    const next = parse(i, end < 0 ? text.length : end);
    i = Math.max(next, i + 1);
  }
  return out;
}

/** `…支出2519.99万元，其中：` ending a paragraph, then `（1）行政运行(2101501)38.15万元…` paragraphs. */
function spreadItemisations(paras: Para[], figures: Figure[]): Itemisation[] {
  const out: Itemisation[] = [];
  const byPara = new Map<number, Figure[]>();
  for (const f of figures) if (!f.auxiliary) byPara.set(f.paragraph, [...(byPara.get(f.paragraph) ?? []), f]);
  paras.forEach((p, pi) => {
    const m = /(其中|具体如下|包括)\s*[：:]\s*$/.exec(p.text.trim());
    if (!m) return;
    const own = byPara.get(pi) ?? [];
    const total = own[own.length - 1];
    if (!total) return;
    const parts: Figure[] = [];
    let numbered: boolean | undefined;
    for (let k = pi + 1; k < paras.length; k++) {
      const q = paras[k];
      if (q.section !== p.section) break;
      const isNumbered = /^[\s\u3000]*[（(]\d{1,2}[）)]/.test(q.text);
      // another kind of numbered item (2、… / 三、…) starts something else
      if (/^[\s\u3000]*(?:\d{1,2}[、.．](?!\d)|[一二三四五六七八九十]+、)/.test(q.text)) break;
      const first = (byPara.get(k) ?? [])[0];
      const labelled = !!first && (first.code !== undefined || isNumbered) && q.text.indexOf(first.text) < 60;
      if (numbered === undefined) {
        if (!labelled) break;
        numbered = isNumbered;
      }
      // wrapped continuations of an item (PDF lines, 其中 details) are skipped, not counted
      if (numbered ? !isNumbered : !labelled) continue;
      if (first) parts.push(first);
    }
    if (parts.length >= 2) out.push({ total, parts, complete: true, marker: m[1], spread: true });
  });
  return out;
}
