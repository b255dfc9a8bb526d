// From lexed lines to the document model: table of contents, tables (with their preambles and page-break
// continuations), headings and the outline tree, and the document facts. One linear pass per concern;
// every decision that needs neighbouring lines lives here, never in the lexer.
import { buildTable, type TablePreamble, type TableSegmentInput } from './tables.js';
import { lexLine, type HeadingCandidate, type LexLine } from './lex.js';
import { readFacts } from './facts.js';
import { buildOutline } from './outline.js';
import { addMissingTables, tableSet } from './tableSet.js';
import type { Directive, DisclosureDocument, Heading, Range, Table, Toc } from '../model/types.js';
import { LineCell } from '../model/cell.js';

type Role = 'toc' | 'table' | 'preamble' | undefined;

const MAX_PREAMBLE_LINES = 8;
const MAX_BARE_ROWS = 40;

export function assemble(lines: LexLine[]): DisclosureDocument {
  const roles: Role[] = new Array(lines.length);
  const toc = findTocs(lines, roles);
  const tables = findTables(lines, roles);
  const headings = findHeadings(lines, roles, toc);
  const facts = readFacts(lines, tables);
  const outline = buildOutline(lines, headings, tables, toc);
  const doc: DisclosureDocument = {
    lineCount: lines.length,
    lines: lines.map((l) => (l.directive ? '' : l.text)),
    directives: directivesOf(lines),
    headings,
    tables,
    toc,
    outline,
    facts,
  };
  missingTablePlaceholders(doc);
  return doc;
}

/** The directive lines, each next-line one with the line it silences (the next line with something to read). */
function directivesOf(lines: LexLine[]): Directive[] {
  const out: Directive[] = [];
  lines.forEach((l, line) => {
    if (!l.directive) return;
    const next = l.directive.scope === 'next-line' ? nextNonBlank(lines, line + 1) : -1;
    out.push({ ...l.directive, line, ...(next >= 0 ? { target: next } : {}) });
  });
  return out;
}

/** The standard tables the document lacks, as placeholders in its outline; the outline stands without them. */
function missingTablePlaceholders(doc: DisclosureDocument): void {
  try {
    addMissingTables(doc.outline, tableSet(doc));
  } catch (e) {
    console.error('budget: the standard tables could not be compared:', e);
  }
}

// ---------------------------------------------------------------- table of contents

const normalizeEntry = (text: string): string =>
  text
    .replace(/^\s*#{1,6}\s+/, '')
    .replace(/^[\s\u3000]*[-•]\s+/, '')
    .replace(/[….·]{2,}.*$/, '')
    .replace(/[\s\u3000\t：:]/g, '');

function nextNonBlank(lines: LexLine[], from: number): number {
  for (let i = from; i < lines.length; i++) if (!lines[i].blank) return i;
  return -1;
}

function findTocs(lines: LexLine[], roles: Role[]): Toc[] {
  const tocs: Toc[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].tocMarker) continue;
    const first = nextNonBlank(lines, i + 1);
    if (first < 0 || (lines[first].cells && !lines[first].tocLike)) continue; // 目录 above a table: the 报表目录
    const entries: { text: string; line: number }[] = [];
    let firstKey: string | undefined;
    let last = i;
    for (let k = first; k >= 0 && k < lines.length && k - i < 120; k = nextNonBlank(lines, k + 1)) {
      const l = lines[k];
      const key = normalizeEntry(l.text);
      if (firstKey !== undefined && key === firstKey) break; // the body starts with the first entry again
      const entryLike = l.tocLike || !!l.heading;
      if (!entryLike) {
        // a wrapped entry (`第二部分 某某局 2024` / `表`): short, and another entry follows
        const n = nextNonBlank(lines, k + 1);
        const wrapped =
          entries.length > 0 &&
          l.text.trim().length <= 12 &&
          !/[，。；]/.test(l.text) &&
          !l.cells &&
          n >= 0 &&
          (lines[n].tocLike || !!lines[n].heading);
        if (!wrapped) break;
        last = k;
        continue;
      }
      entries.push({
        text: l.text
          .trim()
          .replace(/^[-•]\s+/, '')
          .replace(/[\t ]*[….·]{2,}.*$/, ''),
        line: k,
      });
      firstKey ??= key;
      last = k;
    }
    if (entries.length < 2) continue;
    for (let k = i; k <= last; k++) roles[k] = 'toc';
    tocs.push({ range: { start: { line: i, character: 0 }, end: { line: last, character: lines[last].text.length } }, entries });
    i = last;
  }
  return tocs;
}

// ---------------------------------------------------------------- tables

function isPreambleLine(l: LexLine): boolean {
  if (l.tableNumber || l.orgLine || l.titleLike || l.tocMarker) return true;
  if (l.unit) return !l.cells || l.cells.filter((c) => c.kind !== 'empty').length <= 2;
  return false;
}

function isRowLine(l: LexLine, role: Role): boolean {
  return !!l.cells && role === undefined && !isPreambleLine(l);
}

/** A line without tabs that is still a row: a label whose figures are all empty (`二、事业收入`). */
function isBareRow(l: LexLine): boolean {
  const t = l.text.trim();
  return (
    !l.cells &&
    !l.blank &&
    t.length <= 30 &&
    !/[，。；]/.test(t) &&
    !l.tableNumber &&
    !l.unit &&
    !l.titleLike &&
    !l.tocMarker &&
    !(l.heading && (l.heading.style === 'part' || l.heading.markdownDepth > 0)) &&
    !/^注/.test(t)
  );
}

function findTables(lines: LexLine[], roles: Role[]): Table[] {
  const segments: TableSegmentInput[] = [];
  const ends: number[] = [];
  let lastEnd = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (roles[i] !== undefined || l.blank) continue;
    if (isRowLine(l, roles[i])) {
      const rowLines = [i];
      let k = i;
      for (;;) {
        const m = nextNonBlank(lines, k + 1);
        if (m < 0 || roles[m] !== undefined) break;
        const lm = lines[m];
        if (isRowLine(lm, roles[m]) || (lm.separator && lm.cells)) {
          rowLines.push(m);
          k = m;
          continue;
        }
        if (isBareRow(lm)) {
          // a run of bare label lines belongs to the table when a real row follows it
          const bare = [m];
          let p = nextNonBlank(lines, m + 1);
          while (p >= 0 && bare.length < MAX_BARE_ROWS && roles[p] === undefined && isBareRow(lines[p])) {
            bare.push(p);
            p = nextNonBlank(lines, p + 1);
          }
          if (p >= 0 && roles[p] === undefined && isRowLine(lines[p], roles[p])) {
            rowLines.push(...bare);
            k = bare[bare.length - 1];
            continue;
          }
        }
        break;
      }
      // one tab-separated line without figures is not a table (`第一部分→…概况` is a heading with a tab)
      if (rowLines.length === 1 && !l.cells!.some((c) => c.kind === 'number' || c.kind === 'dash')) continue;
      const preamble = findPreamble(lines, roles, i, lastEnd);
      markPreamble(lines, roles, preamble, i);
      for (const ln of rowLines) roles[ln] = 'table';
      segments.push({ preamble, lines: rowLines, shape: lines[i].pipe ? 'pipe' : 'tab' });
      ends.push(k);
      lastEnd = k;
      i = k;
      continue;
    }
    // A table whose rows are space-separated (PDF extraction): a title/number and a unit line with no tab row after.
    if (l.unit && !l.cells && isPdfTableStart(lines, i)) {
      const preamble = findPreamble(lines, roles, i + 1, lastEnd);
      markPreamble(lines, roles, preamble, i + 1);
      const body: number[] = [];
      let k = i + 1;
      for (; k < lines.length; k++) {
        const b = lines[k];
        if (roles[k] !== undefined) break;
        if (b.blank) continue;
        if (endsPdfTable(lines, k)) break;
        body.push(k);
      }
      for (const ln of body) roles[ln] = 'table';
      segments.push({ preamble, lines: body, shape: 'pdf' });
      const end = body.length ? body[body.length - 1] : i;
      ends.push(end);
      lastEnd = end;
      i = end;
    }
  }
  // Merge page-break continuations: same number or title, nothing but blank lines / its own preamble between.
  const groups: TableSegmentInput[][] = [];
  for (let s = 0; s < segments.length; s++) {
    const seg = segments[s];
    const prev = groups[groups.length - 1];
    if (prev && continues(prev, seg, ends[s - 1], lines)) prev.push(seg);
    else groups.push([seg]);
  }
  return groups.map((g, index) => cachedTable(index, lines, g));
}

// ---------------------------------------------------------------- table cache
// Building typed tables is the costly part of assembly. An edit leaves most tables' lines untouched (the
// lexer reuses the LexLine objects of unchanged blocks), so a table whose lines are the very same objects
// is reused, shifted if lines were inserted or removed above it. Keyed weakly on the table's first line.

interface CachedTable {
  firstLine: number;
  lines: LexLine[];
  shape: string;
  table: Table;
}
const tableCache = new WeakMap<LexLine, CachedTable>();

function cachedTable(index: number, lines: LexLine[], group: TableSegmentInput[]): Table {
  const first = Math.min(...group.map((s) => s.preamble.firstLine ?? s.lines[0]));
  const lastSeg = group[group.length - 1];
  const last = lastSeg.lines.length ? lastSeg.lines[lastSeg.lines.length - 1] : (lastSeg.preamble.firstLine ?? first);
  const shape = JSON.stringify(group.map((s) => [s.shape, (s.preamble.firstLine ?? -1) - first, s.lines.map((l) => l - first)]));
  const span = lines.slice(first, last + 1);
  const hit = tableCache.get(lines[first]);
  if (hit && hit.shape === shape && hit.lines.length === span.length && hit.lines.every((l, i) => l === span[i])) {
    if (hit.firstLine !== first) {
      shiftTable(hit.table, first - hit.firstLine);
      hit.firstLine = first;
    }
    hit.table.index = index;
    return hit.table;
  }
  const table = buildTable(index, lines, group);
  tableCache.set(lines[first], { firstLine: first, lines: span, shape, table });
  return table;
}

function shiftRange(r: Range | undefined, delta: number): void {
  if (!r) return;
  r.start.line += delta;
  r.end.line += delta;
}

function shiftTable(t: Table, delta: number): void {
  shiftRange(t.range, delta);
  shiftRange(t.titleRange, delta);
  shiftRange(t.unitRange, delta);
  for (const s of t.segments) {
    s.startLine += delta;
    s.endLine += delta;
  }
  for (const row of t.rows) {
    row.line += delta;
    row.endLine += delta;
    for (const c of row.cells) {
      if (c instanceof LineCell) c.line += delta;
      else shiftRange(c.range, delta);
    }
  }
}

/**
 * A segment continues the previous table when it carries the same number/title, nothing but blank lines
 * sit between them, and it either repeats the table's first header row or starts directly with data.
 * (Several one-page 绩效目标表 sharing the number 表13 are separate tables: each starts with its own 项目名称.)
 */
function continues(group: TableSegmentInput[], next: TableSegmentInput, prevEnd: number, lines: LexLine[]): boolean {
  const prev = group[group.length - 1];
  if (prev.shape !== next.shape || next.lines.length === 0) return false;
  const start = next.preamble.firstLine ?? next.lines[0];
  for (let k = prevEnd + 1; k < start; k++) if (!lines[k].blank) return false;
  const a = group[0].preamble;
  const b = next.preamble;
  const sameName =
    a.number && b.number
      ? a.number.text === b.number.text && (!a.title || !b.title || a.title.text === b.title.text)
      : !!a.title && !!b.title && a.title.text === b.title.text;
  if (!sameName) return false;
  const key = (ln: number): string => lines[ln].text.replace(/[\s\u3000]/g, '');
  const firstNext = lines[next.lines[0]];
  const startsWithData = !!firstNext.cells?.some((c) => c.kind === 'number' || c.kind === 'dash');
  // the group's first header row: a segment may have no rows at all (a title and unit pasted twice)
  const firstRow = group.find((s) => s.lines.length > 0)?.lines[0];
  return (firstRow !== undefined && key(firstRow) === key(next.lines[0])) || startsWithData;
}

function isPdfTableStart(lines: LexLine[], unitLine: number): boolean {
  const next = nextNonBlank(lines, unitLine + 1);
  if (next < 0 || lines[next].cells) return false;
  // a title or table number just above the unit line
  for (let k = unitLine - 1, seen = 0; k >= 0 && seen < 3; k--) {
    if (lines[k].blank) continue;
    seen++;
    if (lines[k].titleLike || lines[k].tableNumber) return true;
  }
  return false;
}

function endsPdfTable(lines: LexLine[], k: number): boolean {
  const l = lines[k];
  if (l.tableNumber || l.tocMarker) return true;
  if (l.heading && l.heading.style === 'part' && l.heading.plausible) return true;
  if (l.heading && l.heading.markdownDepth > 0) return true;
  if (l.titleLike) {
    const n = nextNonBlank(lines, k + 1);
    if (n >= 0 && lines[n].unit) return true;
  }
  return false;
}

function prevNonBlank(lines: LexLine[], from: number): number {
  for (let i = from; i >= 0; i--) if (!lines[i].blank) return i;
  return -1;
}

/** Title text of a line: Markdown `#`, bold and backslash escapes removed. */
function headingText(text: string): string {
  return text
    .trim()
    .replace(/^#{1,6}\s+/, '')
    .replace(/\*\*/g, '')
    .replace(/\\([*_#[\]()\\])/g, '$1')
    .trim();
}

function markPreamble(lines: LexLine[], roles: Role[], p: TablePreamble, firstRow: number): void {
  if (p.firstLine === undefined) return;
  for (let k = p.firstLine; k < firstRow; k++) if (!lines[k].blank) roles[k] = 'preamble';
}

function findPreamble(lines: LexLine[], roles: Role[], firstRow: number, lastEnd: number): TablePreamble {
  const p: TablePreamble = {};
  let seen = 0;
  for (let k = firstRow - 1; k > lastEnd && seen < MAX_PREAMBLE_LINES; k--) {
    const l = lines[k];
    if (l.blank) continue;
    if (roles[k] !== undefined) break;
    seen++;
    if (l.heading && l.heading.style === 'part') break;
    if (p.title) {
      // above the title only a table number may follow (表1 / 公开01表 printed before or after the title)
      if (l.tableNumber && !p.number) {
        p.number = { ...l.tableNumber, line: k };
        p.firstLine = k;
        continue;
      }
      break;
    }
    if (l.tableNumber) {
      p.number ??= { ...l.tableNumber, line: k };
      p.firstLine = k;
      continue;
    }
    if (l.unit && (!l.cells || l.cells.filter((c) => c.kind !== 'empty').length <= 2)) {
      p.unit ??= { unit: l.unit.unit, line: k, start: l.unit.start, end: l.unit.end };
      p.firstLine = k;
      continue;
    }
    if (l.titleLike || l.tocMarker) {
      const start = l.text.length - l.text.trimStart().length;
      let text = headingText(l.text);
      p.title = { text, line: k, start, end: l.text.trimEnd().length };
      p.firstLine = k;
      // a Markdown title wrapped over two headings (`## 7. 提前下达…绩效目标` / `### 表`) is one title
      const above = prevNonBlank(lines, k - 1);
      const a = above > lastEnd ? lines[above] : undefined;
      const fragment = l.heading ? l.heading.style === 'markdown' : text.length <= 8;
      if (a && roles[above] === undefined && fragment && a.heading?.markdownDepth && !a.titleLike && !/[。：:；]$/.test(a.text.trim())) {
        text = headingText(a.text) + text;
        p.title = { text, line: above, start: a.text.length - a.text.trimStart().length, end: a.text.trimEnd().length };
        p.firstLine = above;
        k = above;
      }
      continue;
    }
    if (l.orgLine) {
      p.firstLine = k;
      continue;
    }
    // a short bare line: an organisation name above the unit line, or a header fragment a PDF converter
    // left without tabs below it (`“三公”经费预算数`). It joins the preamble only if an anchor is found above.
    if (!l.cells && !l.heading && l.text.trim().length <= 30 && !/[，。；：:]/.test(l.text)) {
      if (p.unit) p.firstLine = k;
      continue;
    }
    break;
  }
  return p;
}

// ---------------------------------------------------------------- headings

/** What a TOC entry names, without numbering, year and the generic 部门 prefix: `一、部门主要职能` → `主要职能`. */
function tocKey(text: string): { key: string; heading?: HeadingCandidate } {
  const l = lexLine(text);
  const title = l.heading ? l.heading.title : text;
  const key = title
    .replace(/[\s\u3000]/g, '')
    .replace(/^\d{4}年度?/, '')
    .replace(/^部门/, '')
    .replace(/[。：:]$/, '');
  return { key, heading: l.heading };
}

function findHeadings(lines: LexLine[], roles: Role[], tocs: Toc[]): Heading[] {
  const headings: Heading[] = [];
  // Within one list (same numbering style), item n is a heading only if item n-1 was: list items whose
  // first entries are long sentences stay body text even when a later item happens to be short.
  const last = new Map<string, { number: number; accepted: boolean }>();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const c = l.heading;
    if (!c || roles[i] !== undefined || l.tocLike) continue;
    let accepted = c.plausible;
    const prev = last.get(c.style);
    if (accepted && c.number > 1 && c.markdownDepth === 0 && prev && prev.number === c.number - 1 && !prev.accepted) accepted = false;
    // `…具体包括：` followed by `1.财政局本部`: an enumerated list introduced by a sentence, not a heading
    if (accepted && c.markdownDepth === 0 && c.number === 1 && introducesList(lines, i) && !/(?:说明|情况)[。：:]?$/.test(c.title))
      accepted = false;
    // a long line cut by the PDF converter, the sentence going on right below it, is body text
    if (accepted && c.markdownDepth === 0 && c.title.length >= 20 && continuesOnNextLine(lines, i)) accepted = false;
    if (c.style !== 'markdown') last.set(c.style, { number: c.number, accepted });
    if (!accepted) continue;
    headings.push(toHeading(c, i, l.text));
  }
  const guided = tocGuidedHeadings(lines, roles, tocs, headings);
  return guided.length ? [...headings, ...guided].sort((a, b) => a.line - b.line) : headings;
}

/**
 * Documents whose body headings drop the TOC's numbering (上海市普陀区财政局主要职能 for `一、部门主要职能`):
 * for each TOC entry the body does not already carry as a heading, the first short line after the TOC
 * that ends with the entry's name is that entry's heading.
 */
function tocGuidedHeadings(lines: LexLine[], roles: Role[], tocs: Toc[], found: Heading[]): Heading[] {
  const out: Heading[] = [];
  const present = new Set(found.map((h) => tocKey(h.label + h.title).key));
  for (let t = 0; t < tocs.length; t++) {
    const toc = tocs[t];
    // a TOC's headings lie between it and the next TOC (documents pasted one after another)
    const limit = t + 1 < tocs.length ? tocs[t + 1].range.start.line : lines.length;
    const pending = toc.entries
      .map((e) => tocKey(e.text))
      .filter((e) => e.key.length >= 4 && e.heading && e.heading.style !== 'arabic' && !present.has(e.key));
    if (!pending.length) continue;
    const byTail = new Map<string, typeof pending>();
    for (const e of pending) byTail.set(e.key.slice(-4), [...(byTail.get(e.key.slice(-4)) ?? []), e]);
    const used = new Set<string>();
    for (let i = toc.range.end.line + 1; i < limit && used.size < pending.length; i++) {
      const l = lines[i];
      if (l.heading || roles[i] !== undefined || l.blank || l.cells || l.text.length > 60) continue;
      const t = l.text.trim();
      if (t.length > 40 || /[，。；：:,]/.test(t)) continue;
      const key = t.replace(/[\s\u3000]/g, '').replace(/^\d{4}年度?/, '');
      const entry = byTail.get(key.slice(-4))?.find((e) => !used.has(e.key) && key.endsWith(e.key));
      if (!entry) continue;
      used.add(entry.key);
      const start = l.text.length - l.text.trimStart().length;
      out.push({
        style: entry.heading!.style,
        number: entry.heading!.number,
        label: '',
        title: t,
        line: i,
        markdownDepth: 0,
        range: { start: { line: i, character: start }, end: { line: i, character: l.text.trimEnd().length } },
      });
    }
  }
  return out;
}

function continuesOnNextLine(lines: LexLine[], i: number): boolean {
  const next = lines[i + 1];
  return !!next && !next.blank && !next.heading && !next.cells && !next.tableNumber && !/[。：:；]$/.test(lines[i].text.trim());
}

function introducesList(lines: LexLine[], i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
    if (lines[k].blank) continue;
    const t = lines[k].text.trim();
    return /[：:]$/.test(t) && t.length > 12 && !lines[k].heading && !lines[k].cells;
  }
  return false;
}

function toHeading(c: HeadingCandidate, line: number, text: string): Heading {
  const start = text.length - text.trimStart().length;
  return {
    style: c.style,
    number: c.number,
    label: c.label,
    title: c.title.replace(/\*\*/g, '').trim(),
    line,
    range: { start: { line, character: start }, end: { line, character: text.trimEnd().length } },
    markdownDepth: c.markdownDepth,
  };
}
