// Words, years and names against what the document itself says: comparison words against the figures they
// describe (wording-mismatch), years against the document's year (year-mismatch) and the 部门/单位 named in headers
// and headings against the title's (unit-name-mismatch). Each says nothing where it cannot be sure.
import Decimal from 'decimal.js';
import type { DisclosureDocument, Position, Range, Table } from '../model/types.js';
import type { CheckContext, Finding } from './index.js';
import { readNarrative, type Figure, type Narrative } from '../narrative/facts.js';
import { convert, parseNumber } from '../parse/amounts.js';
import { halfUnit } from './tolerance.js';
import { message, say, type Said } from './messages.js';
import { findingOf as finding } from './finding.js';

// ---------------------------------------------------------------- shared

/** A paragraph of the narrative with the way back from an offset in its text to a position in the document. */
interface Para {
  index: number;
  text: string;
  section: string;
  range: (start: number, end: number) => Range;
}

/**
 * The narrative's paragraphs are the document's non-blank lines from `startLine` on, joined as they are (the prose
 * reader changes no length), so an offset is found again by walking those lines.
 */
function paragraphsOf(doc: DisclosureDocument, n: Narrative): Para[] {
  return n.paragraphs.map((p, index) => {
    const starts: { line: number; at: number }[] = [];
    let length = 0;
    for (let i = p.startLine; i < doc.lines.length && length < p.text.length; i++) {
      if (!doc.lines[i].trim()) continue;
      starts.push({ line: i, at: length });
      length += doc.lines[i].length;
    }
    const pos = (offset: number): Position => {
      let k = 0;
      while (k + 1 < starts.length && starts[k + 1].at <= offset) k++;
      const s = starts[k] ?? { line: p.startLine, at: 0 };
      return { line: s.line, character: offset - s.at };
    };
    const range = (start: number, end: number): Range => {
      const a = pos(start);
      const b = pos(Math.max(start, end - 1));
      return { start: a, end: { line: b.line, character: b.character + 1 } };
    };
    return { index, text: p.text, section: p.section, range };
  });
}

const lineRange = (line: number, start: number, end: number): Range => ({
  start: { line, character: start },
  end: { line, character: end },
});

const AMOUNT = String.raw`(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(万元|亿元|元)`;

/** An amount written in the prose, in 万元 or 元 as printed (亿元 as 万元). */
function amount(int: string, frac: string | undefined, unit: string): { value: Decimal; decimals: number; unit: '元' | '万元' } {
  const n = parseNumber(frac !== undefined ? `${int}.${frac}` : int)!;
  return { value: unit === '亿元' ? n.value.mul(10000) : n.value, decimals: n.decimals, unit: unit === '元' ? '元' : '万元' };
}

/** Where a figure starts in its paragraph's text (the reader keeps the figure's own text). */
function offsetOf(p: Para, f: Figure): number {
  for (let at = p.text.indexOf(f.text.slice(0, 3)); at >= 0; at = p.text.indexOf(f.text.slice(0, 3), at + 1)) {
    const r = p.range(at, at + 1);
    if (r.start.line === f.range.start.line && r.start.character === f.range.start.character) return at;
  }
  return -1;
}

// ---------------------------------------------------------------- wording-mismatch

export function wordingMismatch(doc: DisclosureDocument, ctx: CheckContext): Finding[] {
  const n = readNarrative(doc); // read once per document, shared with the narrative check
  const paras = paragraphsOf(doc, n);
  const byPara = new Map<number, { f: Figure; at: number }[]>();
  for (const f of n.figures) {
    const p = paras[f.paragraph];
    const at = p ? offsetOf(p, f) : -1;
    if (at >= 0) byPara.set(f.paragraph, [...(byPara.get(f.paragraph) ?? []), { f, at }]);
  }
  const out: Finding[] = [];
  for (const p of paras) {
    const figures = byPara.get(p.index) ?? [];
    budgetAgainstActual(p, figures, paras[p.index - 1] && byPara.get(p.index - 1), ctx, out);
    for (const x of figures) comparisonAfter(p, x, figures, ctx, out);
  }
  emptySangong(doc, n, ctx, out);
  return out;
}

/** Whether two printed amounts differ beyond what their rounding allows: the sign of a − b, or 0 if they may be equal. */
function compare(
  a: { value: Decimal; decimals: number; unit: '元' | '万元' },
  b: { value: Decimal; decimals: number; unit: '元' | '万元' },
): -1 | 0 | 1 {
  const bv = convert(b.value, b.unit, a.unit);
  const tol = halfUnit(a.decimals).plus(convert(halfUnit(b.decimals), b.unit, a.unit));
  const d = a.value.minus(bv);
  if (d.abs().lte(tol)) return 0;
  return d.isPositive() ? 1 : -1;
}

const GREATER = /^(?:大于|高于|超过|多于|超出|增加|增长)$/;
const LESS = /^(?:小于|低于|少于|减少|下降)$/;
const EQUAL = /^(?:等于|持平|相等|一致|相同|相符)$/;

/**
 * 决算 documents: `年初预算为A万元，支出决算为B万元。决算数大于预算数的主要原因…` — the relation stated between the
 * 决算数 and the 预算数 against the two figures just before it (in the same paragraph, or the one before when the
 * statement opens a paragraph). `基本持平` is a judgement, not a relation, and is left alone; a statement with
 * figures of other items between it and the pair is not read.
 */
const BUDGET_ACTUAL =
  /决算数\s*(?:(大于|小于|等于|高于|低于|超过|少于|多于|超出)\s*(年初|全年|调整后?)?\s*预算数?|(?:与|同|和|较|比)\s*(年初|全年|调整后?)?\s*预算数?\s*(?:相比\s*)?(基本|大致|大体|略有|略)?\s*(持平|相等|一致|相同|相符|增加|减少|增长|下降|大于|小于|高于|低于))/dg;

function budgetAgainstActual(
  p: Para,
  figures: { f: Figure; at: number }[],
  before: { f: Figure; at: number }[] | undefined,
  ctx: CheckContext,
  out: Finding[],
): void {
  for (const m of p.text.matchAll(BUDGET_ACTUAL)) {
    const word = m[1] ?? m[5];
    const qualifier = m[2] ?? m[3] ?? '';
    if (m[4]) continue; // 基本持平, 略有增加: a judgement
    const wordAt = m.indices![m[1] ? 1 : 5][0];
    const sense = GREATER.test(word) ? 1 : LESS.test(word) ? -1 : EQUAL.test(word) ? 0 : undefined;
    if (sense === undefined) continue;
    // `决算数较预算数增加8.00万元`: the change printed after the word is not a figure between the pair and it
    const own = figures.filter((x) => !x.f.auxiliary && x.at < m.index!);
    const chain = own.length ? own : p.text.slice(0, m.index!).trim().length < 40 ? (before ?? []).filter((x) => !x.f.auxiliary) : [];
    const actual = chain[chain.length - 1];
    if (!actual || !/决算数?$/.test(actual.f.label.replace(/\s/g, ''))) continue;
    const budgets: Figure[] = [];
    for (let k = chain.length - 2; k >= 0 && /预算数?$/.test(chain[k].f.label.replace(/\s/g, '')); k--) budgets.unshift(chain[k].f);
    if (!budgets.length) continue;
    const named = qualifier ? budgets.filter((b) => b.label.includes(qualifier.replace(/后$/, ''))) : budgets;
    const candidates = named.length ? named : budgets.length === 1 ? budgets : [];
    if (!candidates.length) continue;
    const relations = candidates.map((b) => compare(actual.f, b));
    const contradicts = (r: -1 | 0 | 1) => (sense === 0 ? r !== 0 : r === -sense);
    if (!relations.every(contradicts)) continue;
    const budget = candidates[0];
    const relation = relations[0];
    const rel = message(
      ctx.locale,
      relation > 0 ? 'consistency-relation-gt' : relation < 0 ? 'consistency-relation-lt' : 'consistency-relation-eq',
    );
    out.push(
      finding(
        'wording-mismatch',
        p.range(wordAt, wordAt + word.length),
        say(ctx.locale, 'consistency-budget-actual', {
          words: m[0].replace(/\s/g, ''),
          budgetLabel: budget.label,
          budget: budget.text,
          actualLabel: actual.f.label,
          actual: actual.f.text,
          relation: rel,
        }),
        { expected: relation > 0 ? '大于' : relation < 0 ? '小于' : '等于', found: word, difference: '' },
        [
          { location: { uri: ctx.uri, range: budget.range }, message: `${budget.label} ${budget.text}` },
          { location: { uri: ctx.uri, range: actual.f.range }, message: `${actual.f.label} ${actual.f.text}` },
        ],
      ),
    );
  }
}

/**
 * A comparison with the year before, right after a figure: `X万元，比上年（预算数）Y万元增加C` (the level compared with is
 * printed: X against Y), `0万元，比2022年预算增加C万元` (nothing can have grown into zero), `X万元，较上年增加C万元，…与上年持平`,
 * `X万元，与上年持平，增长P%`. Only a figure that opens its clause is read (after `，其中：A、B 0万元，较上年增加C` the
 * change may be the total's).
 */
const COMPARISON = new RegExp(
  String.raw`^[，,]?\s*(?:较|比|与)\s*(?:上年|上一年|(\d{4})\s*年)度?([^，。；,;：:\d%％]{0,14}?)\s*[（(]?\s*(?:上年|\d{4}年)?\s*(?:${AMOUNT})?\s*[）)]?\s*(?:相比\s*[，,]?\s*)?(增加|增长|减少|下降|持平|无增减)\s*(?:${AMOUNT})?`,
  'd',
);
const FLAT_LATER =
  /^[^。；;]{0,40}?[，,]\s*(?:与|同|较|比)?\s*(?:上年|\d{4}\s*年)度?[^，。；,;\d]{0,8}?(基本|大致|大体|略有)?(持平|无增减)/d;
const GROWTH_AFTER = /^[，,]\s*(增长|下降|减少|增加|上升|降低)\s*(\d+(?:\.\d+)?)\s*[%％]/;

function comparisonAfter(
  p: Para,
  x: { f: Figure; at: number },
  figures: { f: Figure; at: number }[],
  ctx: CheckContext,
  out: Finding[],
): void {
  if (x.f.auxiliary) return;
  const end = x.at + x.f.text.length;
  const m = COMPARISON.exec(p.text.slice(end));
  if (!m) return;
  // the figure opens its clause: no other figure of its own since the last 。；： (or the paragraph's start)
  let clause = x.at;
  while (clause > 0 && !/[。；;：:]/.test(p.text[clause - 1])) clause--;
  if (figures.some((y) => y !== x && !y.f.auxiliary && y.at >= clause && y.at < x.at)) return;
  const word = m[6];
  const wordAt = end + m.indices![6][0];
  const current = { value: x.f.value, decimals: x.f.decimals, unit: x.f.unit };
  const sense = /增加|增长/.test(word) ? 1 : /减少|下降/.test(word) ? -1 : 0;
  const change = m[7] !== undefined ? amount(m[7], m[8], m[9]) : undefined;
  const related = [{ location: { uri: ctx.uri, range: x.f.range }, message: `${x.f.label} ${x.f.text}` }];
  // X万元，比上年Y万元增加C: the level compared with is printed
  if (m[3] !== undefined) {
    const previous = amount(m[3], m[4], m[5]);
    const relation = compare(current, previous);
    const wrong = sense === 0 ? relation !== 0 : relation === -sense;
    if (!wrong) return;
    const expected = message(
      ctx.locale,
      relation > 0 ? 'consistency-word-up' : relation < 0 ? 'consistency-word-down' : 'consistency-word-flat',
    );
    out.push(
      finding(
        'wording-mismatch',
        p.range(wordAt, wordAt + word.length),
        say(ctx.locale, 'consistency-levels', {
          word,
          label: x.f.label,
          current: x.f.text,
          previous: `${m[3]}${m[4] !== undefined ? '.' + m[4] : ''}${m[5]}`,
          expected,
        }),
        { expected: relation > 0 ? '增加' : relation < 0 ? '减少' : '持平', found: word, difference: '' },
        related,
      ),
    );
    return;
  }
  // 0万元，比上年增加C万元
  if (sense > 0 && x.f.value.isZero() && change && !change.value.isZero()) {
    out.push(
      finding(
        'wording-mismatch',
        p.range(wordAt, wordAt + word.length),
        say(ctx.locale, 'consistency-up-from-zero', {
          label: x.f.label,
          value: x.f.text,
          words: m[0].replace(/^[，,]\s*/, '').replace(/\s/g, ''),
        }),
        { expected: '0', found: change.value.toString(), difference: change.value.toString(), unit: change.unit },
        related,
      ),
    );
    return;
  }
  const rest = p.text.slice(end + m[0].length);
  // 持平，增长P%
  if (sense === 0 && !change) {
    const g = GROWTH_AFTER.exec(rest);
    if (g && !new Decimal(g[2]).isZero()) {
      out.push(
        finding(
          'wording-mismatch',
          p.range(wordAt, wordAt + word.length),
          say(ctx.locale, 'consistency-flat-with-change', { word, change: `${g[1]}${g[2]}%` }),
          { expected: g[1], found: word, difference: '' },
          related,
        ),
      );
    }
    return;
  }
  // 较上年增加C万元，（增长P%，）与上年持平
  if (sense !== 0 && change && !change.value.isZero()) {
    const flat = FLAT_LATER.exec(rest);
    if (!flat || flat[1]) return;
    const at = end + m[0].length + flat.indices![2][0];
    out.push(
      finding(
        'wording-mismatch',
        p.range(at, at + flat[2].length),
        say(ctx.locale, 'consistency-flat-with-change', {
          word: flat[2],
          change: `${word}${m[7]}${m[8] !== undefined ? '.' + m[8] : ''}${m[9]}`,
        }),
        { expected: word, found: flat[2], difference: '' },
        related,
      ),
    );
  }
}

const SANGONG = /三公|因公出国|公务接待|公务用车/;

/**
 * A “三公” table printed with its header and not one figure (the blanked table of a 决算), under prose that states
 * 三公 spending that is not zero: one of the two is wrong. A table whose figures the converter lost (an image) has
 * no header either and is not judged; figures of the year before (上年, another year) are not looked for in it.
 */
function emptySangong(doc: DisclosureDocument, n: Narrative, ctx: CheckContext, out: Finding[]): void {
  const tables = doc.tables.filter((t) => t.kind === 'money' && /三公/.test(t.title ?? ''));
  if (!tables.length || !tables.every((t) => blank(doc, t))) return;
  const year = doc.facts.year;
  const f = n.figures.find((x) => {
    if (x.auxiliary || x.value.isZero() || !SANGONG.test(x.label)) return false;
    if (!/三公/.test(n.paragraphs[x.paragraph]?.section ?? '') && !/三公/.test(x.label)) return false;
    if (/上年|以前|往年/.test(x.label)) return false;
    const years = [...x.label.matchAll(/(\d{4})\s*年/g)].map((y) => Number(y[1]));
    return years.every((y) => y === year);
  });
  if (!f) return;
  const table = tables[0];
  out.push(
    finding(
      'wording-mismatch',
      f.range,
      say(ctx.locale, 'consistency-empty-sangong', { table: table.title ?? '', label: f.label, value: f.text }),
      { expected: '0', found: f.value.toString(), difference: f.value.toString(), unit: f.unit },
      [{ location: { uri: ctx.uri, range: table.titleRange ?? table.range }, message: table.title ?? '' }],
    ),
  );
}

/** A table whose header names the 三公 items and whose lines carry no figure at all (years and the title aside). */
function blank(doc: DisclosureDocument, t: Table): boolean {
  if (!t.empty) return false;
  const header = t.headerRows.map((r) => r.cells.map((c) => c.text).join('')).join('');
  if (!/因公出国|公务接待|公务用车/.test(header)) return false;
  for (let l = t.range.start.line; l <= t.range.end.line; l++) {
    if (l === t.titleRange?.start.line || l === t.unitRange?.start.line) continue;
    const text = doc.lines[l].replace(/\d{4}\s*年度?/g, '');
    if (/\d/.test(text)) return false;
  }
  return true;
}

// ---------------------------------------------------------------- year-mismatch

/** A year in a title, and what follows it up to the next year. */
const TITLE_YEAR = /(\d{4})\s*年度?(?!\s*[—–\-~至到])([^\d]{0,30})/g;
/** 预算/决算 naming a document or its tables (not 预算执行, 预算数, 预算单位 …). */
const KIND_WORD = /(预算|决算)(?!\s*(?:执行|数|完成|调整|批复|草案|编制|管理|绩效|单位|部门))/g;
/** What may not stand between a year and 预算/决算 in a title of that year's document (2019年结转…, 上年…, a comparison). */
const NOT_OWN = /结转|结余|执行|上年|以前|对比|比较|相比|截至|截止|[与较比]\s*$/;

/** The kind of document a title names after its year: 决算 if it names one (a 决算 table in a budget is the year before's). */
function titleKind(segment: string): '预算' | '决算' | undefined {
  const kinds = [...segment.matchAll(KIND_WORD)].map((m) => m[1]);
  if (!kinds.length || NOT_OWN.test(segment.slice(0, segment.lastIndexOf(kinds[kinds.length - 1])))) return undefined;
  return kinds.includes('决算') ? '决算' : '预算';
}
const YEAR_TARGETS = /(\d{4})\s*年度?[^，。；：:\d《》]{0,16}?绩效目标/g;
const YEAR_END = /截[至止]\s*(\d{4})\s*年\s*(?:12\s*月\s*31\s*日|底|末)/g;
const COMPARED_WITH =
  /(?:与|较|比)\s*(\d{4})\s*年度?\s*(预算执行数|执行数|(?:年初)?预算数?|决算数?|同期)?\s*(?:相比|比较|增加|减少|增长|下降|持平|基本持平|有所)/g;
const SENTENCE = /[，。；！？,;]/;

export function yearMismatch(doc: DisclosureDocument, ctx: CheckContext): Finding[] {
  const year = doc.facts.year;
  const kind = doc.facts.kind;
  if (year === undefined || !kind) return [];
  const out: Finding[] = [];
  const inTable = new Set<number>();
  for (const t of doc.tables) for (const r of t.rows) for (let l = r.line; l <= r.endLine; l++) inTable.add(l);
  // titles and headings: short lines that are not sentences, and table titles
  const titles: { line: number; text: string }[] = [];
  doc.lines.forEach((text, line) => {
    if (inTable.has(line) || text.trim().length > 60 || SENTENCE.test(text)) return;
    titles.push({ line, text });
  });
  const named = new Map<number, number>();
  const hits: { line: number; at: number; found: number }[] = [];
  for (const { line, text } of titles) {
    const quoted = quotedSpans(text);
    for (const m of text.matchAll(TITLE_YEAR)) {
      if (titleKind(m[2]) !== kind || quoted(m.index!) || /[—–\-~至到]\s*$/.test(text.slice(0, m.index!))) continue;
      const y = Number(m[1]);
      named.set(y, (named.get(y) ?? 0) + 1);
      if (y !== year) hits.push({ line, at: m.index!, found: y });
    }
    if (kind === '预算')
      for (const m of text.matchAll(YEAR_TARGETS)) {
        const y = Number(m[1]);
        // a past year's targets in this year's budget (a later year's may be a medium-term plan's)
        const again = hits.some((h) => h.line === line && h.at === m.index);
        if (y < year && !again && !quoted(m.index!) && !/[—–\-~至到]\s*$/.test(text.slice(0, m.index!)))
          hits.push({ line, at: m.index!, found: y });
      }
  }
  // the document's year must be the one its titles name (a bundle of documents, or a year read from the wrong line,
  // says nothing)
  const mine = named.get(year) ?? 0;
  if (mine < 2 || [...named.entries()].some(([y, c]) => y !== year && c >= mine)) return [];
  const kindName = message(ctx.locale, kind === '预算' ? 'consistency-kind-budget' : 'consistency-kind-final');
  for (const h of hits)
    out.push(
      yearFinding(
        h.line,
        h.at,
        h.found,
        year,
        say(ctx.locale, 'consistency-year-title', { year: String(year), kind: kindName, found: String(h.found) }),
      ),
    );
  for (let line = 0; line < doc.lines.length; line++) {
    if (inTable.has(line)) continue;
    const text = doc.lines[line];
    const quoted = quotedSpans(text);
    // the year-end a 决算 reports at is its own year's
    if (kind === '决算')
      for (const m of text.matchAll(YEAR_END)) {
        const y = Number(m[1]);
        if (y === year || quoted(m.index!)) continue;
        out.push(
          yearFinding(
            line,
            m.index! + m[0].indexOf(m[1]),
            y,
            year,
            say(ctx.locale, 'consistency-year-end', { year: String(year), found: String(y) }),
          ),
        );
      }
    // comparisons are with the year before (a budget may compare with the 决算 of the year before that, a 决算 with its own budget)
    for (const m of text.matchAll(COMPARED_WITH)) {
      const y = Number(m[1]);
      if (y === year - 1 || quoted(m.index!)) continue;
      const base = m[2] ?? '';
      if (kind === '决算' && y === year && /预算/.test(base)) continue;
      if (kind === '预算' && y === year - 2 && /决算|执行/.test(base)) continue;
      out.push(
        yearFinding(
          line,
          m.index! + m[0].indexOf(m[1]),
          y,
          year - 1,
          say(ctx.locale, 'consistency-year-compare', {
            year: String(year),
            kind: kindName,
            expected: String(year - 1),
            found: String(y),
          }),
        ),
      );
    }
  }
  return out;
}

/** Offsets inside 《…》 or “…” (a policy's or another document's title names its own year). */
function quotedSpans(text: string): (at: number) => boolean {
  const spans: [number, number][] = [];
  for (const m of text.matchAll(/《[^》]*》?|“[^”]*”?|〈[^〉]*〉?/g)) spans.push([m.index!, m.index! + m[0].length]);
  return (at) => spans.some(([a, b]) => at >= a && at < b);
}

/** A year to be written otherwise: the quick fix writes the expected one. */
function yearFinding(line: number, at: number, found: number, expected: number, said: Said): Finding {
  return finding('year-mismatch', lineRange(line, at, at + 4), said, {
    expected: String(expected),
    found: String(found),
    difference: String(found - expected),
    replacement: String(expected),
  });
}

// ---------------------------------------------------------------- unit-name-mismatch

const ORGAN = /(?:局|委员会|委|办公室|办公厅|办事处|办|院|厅|部|会|中心|政府|处|站|所|队|校|馆|室|社|台)$/;
const OWN = /[（(]?本级[）)]?$/;
const REGION = /^(?:中国共产党|中共|国家)?(?:[\u4e00-\u9fa5]{1,6}?(?:省|自治区|市|区|县|州|盟|旗))/;
const PLACEHOLDER = /[Xx×＊*]|某/;

/** A name without spaces and without its `（本级）`. */
const bare = (name: string) => name.replace(/[\s\u3000]/g, '').replace(OWN, '');

/**
 * The unit the document is about: the cover's 预算单位：/预算主管部门：/部门名称： line, else the name printed before
 * (or after) the year on the cover (`上海市普陀区规划和自然\n资源局\n2024 年度部门决算`, `2026年\n广州市信访局部门预算`).
 */
export function titleUnit(doc: DisclosureDocument): { name: string; line: number } | undefined {
  const cover: { line: number; text: string }[] = [];
  for (let i = 0; i < doc.lines.length && cover.length < 8; i++) {
    const text = doc.lines[i].replace(/[\s\u3000#*]/g, '');
    if (!/[\u4e00-\u9fa5]/.test(text)) continue;
    if (/^目录$|^第[一二三四五六七八九十]+部分|^[一二三四五六七八九十]+、/.test(text)) break;
    cover.push({ line: i, text });
  }
  for (const c of cover) {
    const m = /^(?:预算主管部门|预算单位|部门名称|单位名称|编制部门|编制单位)[：:]([\u4e00-\u9fa5（）()]{2,40})$/.exec(c.text);
    if (m && plausibleName(m[1])) return { name: m[1], line: c.line };
  }
  const joined = cover.slice(0, 4).map((c) => c.text);
  for (let k = 0; k < joined.length; k++) {
    const text = joined.slice(0, k + 1).join('');
    const m = /^(?:(\d{4})年度?)?([\u4e00-\u9fa5（）()]+?)(?:(\d{4})年度?)?(?:区级|市级|县级)?(?:部门|单位)?(?:综合)?(?:预算|决算)/.exec(
      text,
    );
    if (!m || (!m[1] && !m[3])) continue;
    const name = m[2].replace(/部门$/, '');
    if (plausibleName(name)) return { name, line: cover[0].line };
    break;
  }
  // a cover this reading does not know (a web page's navigation first): the department the title line names
  const d = doc.facts.department;
  return d && plausibleName(d) ? { name: d, line: doc.facts.titleRange?.start.line ?? -1 } : undefined;
}

const plausibleName = (name: string) =>
  /^[\u4e00-\u9fa5（）()]{4,30}$/.test(name) &&
  ORGAN.test(bare(name)) &&
  (REGION.test(name) || /^(?:国家|中央)/.test(name)) &&
  !PLACEHOLDER.test(name);

/** Region prefixes (上海市, 普陀区 …) and what follows (the organ itself). */
function split(name: string): { regions: string[]; core: string } {
  const regions: string[] = [];
  let rest = name.replace(/^(?:中国共产党|中共)/, '');
  for (let m = REGION.exec(rest); m && regions.length < 3; m = REGION.exec(rest)) {
    if (m[0].length >= rest.length - 1) break;
    regions.push(m[0]);
    rest = rest.slice(m[0].length);
  }
  return { regions, core: rest };
}

const subsequence = (short: string, long: string) => {
  let k = 0;
  for (const ch of long) if (ch === short[k]) k++;
  return k === short.length;
};

/**
 * Whether `name` may stand for the title's unit `own`: the same name, the name without its higher regions
 * (普陀区财政局, 财政局) or with a region shortened to its level (区财政局), its organ abbreviated (区商务委 for
 * 商务委员会). A name that keeps a higher region and drops a lower one (上海市规划和自然资源局 for 上海市普陀区规划
 * 和自然资源局) is another body.
 */
export function sameUnit(name: string, own: string): boolean {
  const a = bare(name);
  const b = bare(own);
  if (a === b || b.endsWith(a) || a.endsWith(b)) return true;
  const x = split(a);
  const y = split(b);
  // the regions written must be the lowest of the title's, in order
  const tail = y.regions.slice(y.regions.length - x.regions.length);
  if (x.regions.some((r, i) => r !== tail[i])) return false;
  // 区财政局: the level alone stands for the title's lowest region
  const lowest = y.regions[y.regions.length - 1];
  const core = !x.regions.length && lowest && x.core[0] === lowest.at(-1) ? x.core.slice(1) : x.core;
  // 规划资源局 for 规划和自然资源局, 商务委 for 商务委员会: characters left out, none changed
  return core === y.core || (core.length >= 2 && subsequence(core, y.core));
}

const LABEL = /(编制单位|编制部门|预算单位|部门名称|单位名称|(?<![\u4e00-\u9fa5])部门)\s*[：:]\s*([\u4e00-\u9fa5（）()]{2,40})/g;
const NAMED_BEFORE_YEAR =
  /(?:第[一二三四五六七八九十]+部分[\s：:]*|^|[。；：:，,\s])((?:中国共产党|中共|国家)?[\u4e00-\u9fa5（）()]{2,40}?)\s*(?:(\d{4})\s*年度?\s*(?:区级|市级|县级)?\s*(?:部门|单位)?\s*(?:综合)?\s*(?:预算|决算|收入|支出|财政拨款|一般公共预算|政府性基金|国有资本|“三公”|三公|机关运行|政府采购|预算绩效)|概况)/g;

export function unitNameMismatch(doc: DisclosureDocument, ctx: CheckContext): Finding[] {
  const own = titleUnit(doc);
  if (!own) return [];
  const listed = unitsListed(doc);
  const regions = split(bare(own.name)).regions;
  const unitDocument = doc.lines.slice(0, 12).some((l) => /单位(?:综合)?(?:预算|决算)|^[\s#]*预算单位\s*[：:]/.test(l));
  const out: Finding[] = [];
  const report = (line: number, at: number, name: string) => {
    const b = bare(name);
    if (PLACEHOLDER.test(name) || b.length < 3 || !ORGAN.test(b) || sameUnit(b, own.name)) return;
    // a unit the 部门 covers (listed in its 单位构成, or named as the department's own sub-unit) is not the title's by mistake
    if (listed.has(b) || b.startsWith(bare(own.name))) return;
    out.push(
      finding(
        'unit-name-mismatch',
        lineRange(line, at, at + name.length),
        say(ctx.locale, 'consistency-unit-name', { expected: own.name, found: name }),
        { expected: own.name, found: name, difference: '', replacement: own.name },
      ),
    );
  };
  const inTable = new Set<number>();
  for (const t of doc.tables) for (const r of t.rows) if (r.kind === 'data') for (let l = r.line; l <= r.endLine; l++) inTable.add(l);
  doc.lines.forEach((text, line) => {
    if (line === own.line || inTable.has(line)) return;
    for (const m of text.matchAll(LABEL)) {
      const name = m[2].replace(/(?:单位|金额)$/, '');
      // a bare 部门： is a table header's only when the line is one (责任部门：办公室 in a 绩效 table is not)
      if (m[1] === '部门' && !REGION.test(name)) continue;
      // a 单位's document may name the 部门 it belongs to
      if (unitDocument && /部门/.test(m[1])) continue;
      report(line, m.index! + m[0].lastIndexOf(m[2]), name);
    }
    for (const m of text.matchAll(NAMED_BEFORE_YEAR)) {
      const name = m[1];
      // a name that opens with one of the title's own regions (根据…, 纳入… are not names)
      if (!regions.some((r) => name.replace(/^(?:中国共产党|中共)/, '').startsWith(r))) continue;
      // about this year's disclosure (a body named with another year's budget is another matter)
      if (m[2] !== undefined && Number(m[2]) !== doc.facts.year) continue;
      report(line, m.index! + m[0].indexOf(name), name);
    }
  });
  return out;
}

/** Names of units a 部门 document lists (its 单位构成 table and the names listed under a 单位构成/机构设置 heading). */
function unitsListed(doc: DisclosureDocument): Set<string> {
  const out = new Set<string>();
  const add = (text: string) => {
    const name = bare(text.replace(/[（(][^（）()]*单位[）)]$/, ''));
    if (name.length >= 3 && /^[\u4e00-\u9fa5（）()]+$/.test(name) && ORGAN.test(name)) out.add(name);
  };
  for (const t of doc.tables) for (const r of t.rows) for (const c of r.cells) if (c.kind === 'text') add(c.text);
  const headings = [...doc.headings].sort((a, b) => a.line - b.line);
  headings.forEach((h, i) => {
    if (!/单位构成|机构设置|所属单位|下属单位|预算单位|决算单位|单位组成/.test(h.title)) return;
    const end = headings[i + 1]?.line ?? doc.lines.length;
    // the names the list gives, one a line or between 、，; not a title with its year (a line without a sentence's
    // punctuation), not a header's 编制单位：
    for (let l = h.line + 1; l < end && l < h.line + 60; l++) {
      const text = doc.lines[l];
      if ((/\d{4}\s*年/.test(text) && !SENTENCE.test(text)) || new RegExp(LABEL.source).test(text)) continue;
      for (const part of text.split(/[，,、；;。：:\s]+/))
        add(part.replace(/^(?:\d+|[（(]?[一二三四五六七八九十\d]+[）)、.．])/, '').replace(/(?:本级)?(?:决算|预算)$/, ''));
    }
  });
  return out;
}
