// Wording hygiene, what a reviewer reads for before figures: template text left in (placeholder), doubled or
// clashing punctuation and doubled function words (punctuation), a reason announced and never given (missing-reason).
// Prose only: table rows (figures, codes, header cells such as `原因：`) are never read; the TOC only for placeholders.
// What the rules look for is data (catalogue/data/template-text.tsv); how the text around it decides is here.
import type { RuleId } from '../../../shared/src/rules.js';
import type { DisclosureDocument, Heading, Position, Range } from '../model/types.js';
import { linesSpanned } from '../model/ranges.js';
import { templateText, type TemplateText } from '../catalogue/templateText.js';
import type { CheckContext, Finding, FindingData } from './index.js';
import { message, say, type Said } from './messages.js';
import { findingOf } from './finding.js';

/** One stretch of prose read as one text: PDF lines broken mid-sentence (blank lines between them too) joined. */
interface Block {
  /** The lines joined, ASCII , ; : outside figures read as ，；： (one character for one). */
  text: string;
  /** The same, as printed (what a quick fix keeps). */
  raw: string;
  /** Where each line starts in `text`. */
  pieces: { line: number; at: number }[];
  kind: 'prose' | 'heading' | 'toc';
  /** What comes after a prose block: a table (its rows or its own prose), a heading, the TOC, or nothing. */
  next: 'table' | 'heading' | 'toc' | 'end';
  nextHeading?: Heading;
}

const ELLIPSIS = /(?<![…⋯.．·])(?:…{1,2}|⋯{1,2})(?![…⋯.．·])/gu;
/** An item number alone before an ellipsis (`2. ……`, `（九）……`): the whole item is missing. */
const NUMBER_ONLY = /^[\s\u3000]*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、])[\s\u3000]*$/u;
const MARKS = '。，；：、！？';
/** Two marks that never stand together in Chinese prose (the second may follow spaces); sticky: read at one place. */
const TWO_MARKS = /([。，；：、！？])[ \t\u3000]*([。，；：、！？])/uy;

export function hygiene(doc: DisclosureDocument, ctx: CheckContext): Finding[] {
  const data = templateText();
  const blocks = proseBlocks(doc);
  const out: Finding[] = [];
  for (const b of blocks) {
    placeholders(b, data, ctx, out);
    // `原因：。` is one mistake, the missing reason: its colon is not reported again as clashing with the stop
    const claimed = b.kind === 'prose' ? missingReasons(b, data, ctx, out) : new Set<number>();
    if (b.kind !== 'toc') punctuation(b, data, ctx, out, claimed);
  }
  return out;
}

// ---- the prose, in blocks ----

function proseBlocks(doc: DisclosureDocument): Block[] {
  const rowLines = new Set<number>();
  for (const t of doc.tables) for (const r of t.rows) for (let l = r.line; l <= r.endLine; l++) rowLines.add(l);
  const tableAt = new Map<number, number>();
  for (const t of doc.tables) for (let l = t.range.start.line; l <= t.range.end.line; l++) tableAt.set(l, t.index);
  const tocLines = linesSpanned(doc.toc);
  const headingAt = new Map(doc.headings.map((h) => [h.line, h]));
  const out: Block[] = [];
  let cur: Block | undefined;
  let region = -1;
  const close = (next: Block['next'], heading?: Heading) => {
    if (cur) {
      cur.next = next;
      cur.nextHeading = heading;
    }
    cur = undefined;
  };
  for (let i = 0; i < doc.lines.length; i++) {
    const text = doc.lines[i];
    if (rowLines.has(i)) {
      close('table');
      continue;
    }
    if (!text.trim()) continue;
    const h = headingAt.get(i);
    const toc = tocLines.has(i);
    if (h || toc) {
      // a heading or a TOC line is a block of its own
      close(toc ? 'toc' : 'heading', h);
      const b: Block = { text: '', raw: '', pieces: [], kind: toc ? 'toc' : 'heading', next: 'end' };
      append(b, i, text);
      out.push(b);
      continue;
    }
    // a table's own prose (its title, unit line, a note under it) is a block apart from the text around the table
    const r = tableAt.get(i) ?? -1;
    if (cur && r !== region) close('table');
    if (!cur) {
      cur = { text: '', raw: '', pieces: [], kind: 'prose', next: 'end' };
      out.push(cur);
      region = r;
    }
    append(cur, i, text);
  }
  return out;
}

function append(b: Block, line: number, text: string): void {
  b.pieces.push({ line, at: b.text.length });
  b.raw += text;
  b.text += text.replace(/[,;:]/g, (ch, at: number) => {
    if (/\d/.test(text[at - 1] ?? '') && /\d/.test(text[at + 1] ?? '')) return ch; // 43,908.7 · 10:30
    return ch === ',' ? '，' : ch === ';' ? '；' : '：';
  });
}

function pieceAt(b: Block, offset: number): number {
  let lo = 0;
  let hi = b.pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (b.pieces[mid].at <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function position(b: Block, offset: number): Position {
  const p = b.pieces[pieceAt(b, offset)];
  return { line: p.line, character: offset - p.at };
}

/** The range of text[start, end) (end exclusive, at least one character). */
function rangeOf(b: Block, start: number, end: number): Range {
  const last = position(b, Math.max(start, end - 1));
  return { start: position(b, start), end: { line: last.line, character: last.character + 1 } };
}

/** Where the line holding `offset` ends in the block text. */
function lineEnd(b: Block, offset: number): number {
  const i = pieceAt(b, offset);
  return i + 1 < b.pieces.length ? b.pieces[i + 1].at : b.text.length;
}

function finding(code: RuleId, b: Block, start: number, end: number, said: Said, data: FindingData): Finding {
  return findingOf(code, rangeOf(b, start, end), said, data);
}

const quoted = (s: string) => (s.length > 24 ? `${s.slice(0, 24)}…` : s);

// ---- placeholder ----

interface Hit {
  start: number;
  end: number;
  kind: 'hygiene-placeholder' | 'hygiene-instruction' | 'hygiene-ellipsis';
}

function placeholders(b: Block, data: TemplateText, ctx: CheckContext, out: Finding[]): void {
  const hits: Hit[] = [];
  for (const re of data.instructions) for (const m of b.text.matchAll(re)) hits.push(hit(m, 'hygiene-instruction'));
  for (const re of data.placeholders) for (const m of b.text.matchAll(re)) hits.push(hit(m, 'hygiene-placeholder'));
  if (b.kind !== 'toc') {
    for (const m of b.text.matchAll(ELLIPSIS))
      if (standsForContent(b, data, m.index!, m.index! + m[0].length)) hits.push(hit(m, 'hygiene-ellipsis'));
  }
  // an instruction holding a placeholder (（若无，则写“XX…”）) is one piece of template text; one finding a line
  hits.sort((x, y) => x.start - y.start || y.end - x.end);
  const kept: Hit[] = [];
  for (const h of hits) if (!kept.length || h.start >= kept[kept.length - 1].end) kept.push(h);
  const byLine = new Map<number, Hit[]>();
  for (const h of kept) {
    const line = position(b, h.start).line;
    if (!byLine.has(line)) byLine.set(line, []);
    byLine.get(line)!.push(h);
  }
  for (const [, [first, ...others]] of byLine) {
    const found = b.raw.slice(first.start, first.end);
    const more = others.length ? message(ctx.locale, 'hygiene-more', { count: String(others.length) }) : '';
    const f = finding('placeholder', b, first.start, first.end, say(ctx.locale, first.kind, { found: quoted(found), more }), {
      expected: '',
      found,
      difference: '',
    });
    if (others.length) {
      f.relatedInformation = others.map((h) => ({
        location: { uri: ctx.uri, range: rangeOf(b, h.start, h.end) },
        message: message(ctx.locale, 'hygiene-other', { found: quoted(b.raw.slice(h.start, h.end)) }),
      }));
    }
    out.push(f);
  }
}

const hit = (m: RegExpMatchArray, kind: Hit['kind']): Hit => ({ start: m.index!, end: m.index! + m[0].length, kind });

/**
 * An ellipsis stands for content not written when it follows a word that announces content (主要用于……, XX是…。,
 * ……：指……) or an item number alone (2. ……), and ends its clause or line. `……等` ends a list that is there, and an
 * ellipsis after a list item (办公费、印刷费……) leaves the rest of a list out on purpose: neither is flagged.
 */
function standsForContent(b: Block, data: TemplateText, start: number, end: number): boolean {
  // (every look around is bounded: a 5 MB text of one block must not be copied once an ellipsis)
  const after = b.text.slice(end, end + 40);
  if (/^[\s\u3000]*等/u.test(after)) return false;
  const lineRest = lineEnd(b, start) - end;
  const endsClause =
    /^[\s\u3000]*[。；，：）)]/u.test(after) ||
    (end + after.length === b.text.length && !after.trim()) ||
    (lineRest <= 40 && !b.text.slice(end, end + lineRest).trim());
  if (!endsClause) return false;
  const lineStart = b.pieces[pieceAt(b, start)].at;
  return (
    data.ellipsisAfter.test(b.text.slice(Math.max(0, start - 12), start)) ||
    (start - lineStart <= 12 && NUMBER_ONLY.test(b.text.slice(lineStart, start)))
  );
}

// ---- punctuation ----

function punctuation(b: Block, data: TemplateText, ctx: CheckContext, out: Finding[], claimed: ReadonlySet<number>): void {
  const t = b.text;
  for (let i = 0; i < t.length; i++) {
    if (!MARKS.includes(t[i])) continue;
    TWO_MARKS.lastIndex = i;
    const m = TWO_MARKS.exec(t);
    if (!m) continue;
    const [found, a, z] = [b.raw.slice(i, i + m[0].length), m[1], m[2]];
    const end = i + m[0].length;
    const start = i;
    i = end - 2; // the second mark may begin another pair
    if (a === z) {
      // 。。。 is an ellipsis written with full stops, not a doubled mark
      if (t[start - 1] === a || t[end] === a) continue;
      // the quick fix keeps one mark; across a line break (the marks on two lines) it is left to the author
      const sameLine = position(b, start).line === position(b, end - 1).line;
      const expected = b.raw[start];
      out.push(
        finding('punctuation', b, sameLine ? start : end - 1, end, say(ctx.locale, 'hygiene-doubled-mark', { found, expected }), {
          expected,
          found,
          difference: '',
          ...(sameLine ? { replacement: expected } : {}),
        }),
      );
    } else if (!('！？'.includes(a) && '！？'.includes(z)) && !claimed.has(start)) {
      // ？！ is emphasis, not a clash; any other two marks are: which one was meant is the author's call (no fix)
      out.push(
        finding('punctuation', b, start, end, say(ctx.locale, 'hygiene-clashing-marks', { found }), {
          expected: '',
          found,
          difference: '',
        }),
      );
    }
  }
  if (ctx.settings.spacesArePrinted && b.kind === 'prose') straySpaces(b, ctx, out);
  for (const { word, not } of data.doubled) {
    for (let at = t.indexOf(word); at >= 0; at = t.indexOf(word, at + word.length)) {
      if (not.some((w) => partOf(t, at, word.length, w))) continue;
      const half = word.slice(0, word.length / 2);
      const sameLine = position(b, at).line === position(b, at + word.length - 1).line;
      out.push(
        finding('punctuation', b, at, at + word.length, say(ctx.locale, 'hygiene-doubled-word', { found: word, expected: half }), {
          expected: half,
          found: word,
          difference: '',
          ...(sameLine ? { replacement: half } : {}),
        }),
      );
    }
  }
}

/** A space printed after a full-width mark, before the next word, on one line (`其中： 财政拨款收入`). */
const STRAY_SPACE = /([，。；：、！？])([ \u3000]+)(?=[\p{Script=Han}“「（])/gu;
/** Where a sentence ends. */
const SENTENCE_END = /[。；！？]/u;
/** How far the end of the sentence may be (a longer stretch without one is no sentence). */
const SENTENCE_REACH = 200;

function straySpaces(b: Block, ctx: CheckContext, out: Finding[]): void {
  for (const m of b.raw.matchAll(STRAY_SPACE)) {
    const at = m.index + 1;
    const end = at + m[2].length;
    // in sentences only: a web page's header and footer (`版权所有： 某某局 地址：…`, `浏览次数： 字号`) and
    // contact lines lay out fields with spaces, and none of them ends like a sentence
    if (!SENTENCE_END.test(b.raw.slice(end, end + SENTENCE_REACH))) continue;
    // …and a line that spaces other words apart too is laid out as fields (`来源：财政局 浏览次数： 字号`)
    const k = pieceAt(b, at);
    const line = b.raw.slice(b.pieces[k].at, b.pieces[k + 1]?.at ?? b.raw.length);
    if ((line.match(/[^\s\u3000][ \u3000]+(?=[^\s\u3000])/gu)?.length ?? 0) > 1) continue;
    // the mark ends a line and the next begins with a space: two lines, not a gap in one
    if (position(b, m.index).line !== position(b, end).line) continue;
    out.push(
      finding('punctuation', b, at, end, say(ctx.locale, 'hygiene-stray-space', { mark: m[1] }), {
        expected: '',
        found: m[2],
        difference: '',
        replacement: '',
      }),
    );
  }
}

/** Whether text[at, at + length) lies inside an occurrence of `word`. */
function partOf(text: string, at: number, length: number, word: string): boolean {
  for (let from = Math.max(0, at + length - word.length); from <= at; from++) if (text.startsWith(word, from)) return true;
  return false;
}

// ---- missing-reason ----

/** Returns where the announcements it reports end in a colon (the punctuation check leaves those marks alone). */
function missingReasons(b: Block, data: TemplateText, ctx: CheckContext, out: Finding[]): Set<number> {
  const claimed = new Set<number>();
  for (const m of b.text.matchAll(data.reason)) {
    const start = m.index!;
    const end = start + m[0].length;
    const after = b.text.slice(end, end + 40);
    const announce = b.raw.slice(start, end);
    const stop = /^[\s\u3000]*([。；])/u.exec(after);
    const then = /^[\s\u3000]*(其中[：，])/u.exec(after);
    let text: Said | undefined;
    let found = '';
    if (stop) {
      found = stop[1];
      text = say(ctx.locale, 'hygiene-reason-stop', { announce, found });
    } else if (then) {
      found = then[1];
      text = say(ctx.locale, 'hygiene-reason-then', { announce, found });
    } else if (end + after.length === b.text.length && !after.trim() && endsSection(b)) {
      text = say(ctx.locale, 'hygiene-reason-end', { announce });
    }
    if (!text) continue;
    out.push(finding('missing-reason', b, start, end, text, { found }));
    if (b.text[end - 1] === '：') claimed.add(end - 1);
  }
  return claimed;
}

/**
 * Nothing that could be the reason follows the block: a table, a 一、/第一部分 heading, or the end of the document.
 * A numbered item such as （一） may be the first reason, so it does not count.
 */
function endsSection(b: Block): boolean {
  if (b.next === 'table' || b.next === 'end') return true;
  const h = b.nextHeading;
  return b.next === 'heading' && !!h && (h.style === 'cn' || h.style === 'part' || h.style === 'markdown') && !/[。；]\s*$/.test(h.title);
}
