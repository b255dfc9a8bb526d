// Completeness: missing-table (a standard table the document's kind requires is absent, or the 目录 and the body
// disagree) and empty-table-note (an empty table without a note saying so, or whose note names another table).
// What is required is data (catalogue/data/required-tables.tsv); which tables the document has is read once
// (parse/tableSet.ts) and shared with the outline, which shows the missing ones as placeholders.
import type { DisclosureDocument, Range, Table } from '../model/types.js';
import type { CheckContext, Finding } from './index.js';
import { message, say, type Locale } from './messages.js';
import { tableSet, type MissingTable } from '../parse/tableSet.js';
import { requiredTables, type StandardTable } from '../catalogue/requiredTables.js';
import { findingOf as finding } from './finding.js';

export function completeness(doc: DisclosureDocument, ctx: CheckContext): Finding[] {
  return [...missingTables(doc, ctx.locale), ...emptyTableNotes(doc, ctx.locale)];
}

// ---------------------------------------------------------------- missing-table

function missingTables(doc: DisclosureDocument, locale: Locale): Finding[] {
  const report = tableSet(doc);
  const out: Finding[] = [];
  const kinds = report.kinds.join('/');
  for (const m of report.missing) {
    // a table only a jurisdiction's own set requires says so (上海部门预算)
    const kind = `${m.requiredBy?.name ?? ''}${kinds}`;
    if (m.listed) {
      out.push(
        finding(
          'missing-table',
          m.listed.range,
          say(locale, m.required ? 'completeness-listed-required' : 'completeness-listed', { name: m.name, kind }),
        ),
      );
      continue;
    }
    const where = neighbour(m);
    if (!where) continue;
    out.push(
      finding(
        'missing-table',
        where.range,
        say(locale, 'completeness-required', {
          name: m.name,
          kind,
          where: message(locale, m.after ? 'completeness-after' : 'completeness-before', { table: tableLabel(where.table) }),
        }),
      ),
    );
  }
  for (const u of report.unlisted) {
    out.push(finding('missing-table', titleRange(u.table), say(locale, 'completeness-unlisted', { table: tableLabel(u.table) })));
  }
  return out;
}

/** The table a missing one is placed beside (its title carries the finding). */
function neighbour(m: MissingTable): { table: Table; range: Range } | undefined {
  const t = m.after ?? m.before;
  return t ? { table: t, range: titleRange(t) } : undefined;
}

function titleRange(t: Table): Range {
  const r = t.titleRange ?? t.range;
  return { start: r.start, end: r.start.line === r.end.line ? r.end : r.start };
}

/** 公开08表 when the table is numbered, else its title in 「」. */
function tableLabel(t: Table): string {
  return t.number ? `「${t.number}」` : `「${(t.title ?? '').trim()}」`;
}

// ---------------------------------------------------------------- empty-table-note

/** Lines after an empty table in which its note is looked for (the next table's preamble ends them sooner). */
const NOTE_LINES_AFTER = 8;

// a note that says the table is empty, or why: 本表无数据, 空表, 无政府性基金…, 没有使用…, 未安排…, …为0
const SAYS_EMPTY =
  /空表|无数据|无发生额|本表无|此表无|该表无|无(?!锡)|没有|未(?:安排|使用|发生|涉及|编制)|不涉及|为0(?![.\d])|为零|(?<![\d.,])0(?:\.0+)?万?元(?![\d.])/;
// a line written as the table's note (注：…, 说明：…, 备注：…, （注：…）, 本表…), not prose that happens to follow
const NOTE_LIKE = /^[\s\u3000(（]*(?:注|说明|备注)|本表|此表|该表/;
// a table's title (…预算表, …决算表（按…）) or number (表9, 公开09表) on a line of its own
const TITLE_OR_NUMBER = /^(?:(?:部门)?公开\s*\d+\s*表|表\s*\d+|[^，。；：:]{2,50}表(?:[（(][^）)]{1,16}[）)])?)$/;

function emptyTableNotes(doc: DisclosureDocument, locale: Locale): Finding[] {
  const data = requiredTables();
  const { declaredEmpty } = tableSet(doc, data);
  const explanations = emptyTableSentences(doc);
  const out: Finding[] = [];
  const tables = doc.tables;
  // a template not yet filled in (no figure in any table) is all empty tables: nothing to say about their notes
  if (
    !tables.some(
      (t) =>
        t.kind === 'money' && !isEmpty(t) && t.rows.some((r) => r.cells.some((c) => c.kind === 'amount' && c.value && !c.value.isZero())),
    )
  )
    return [];
  const stops = new Set<number>();
  for (const h of doc.headings) if (h.style === 'part') stops.add(h.line);
  for (const toc of doc.toc) stops.add(toc.range.start.line);
  for (let i = 0; i < tables.length; i++) {
    const t = tables[i];
    if (t.kind !== 'money' || !t.title || !isEmpty(t)) continue;
    // a 报表目录 row is the table's note when it says 是否空表：是 (with its reason); when it says 否, our reading
    // lost the figures or the mistake is another: either way nothing to say about a note
    const standard = data.classify(t.title);
    const n = numberOf(t.number);
    if (declaredEmpty.some((d) => (n !== undefined && d.number ? numberOf(d.number) === n : !!standard && d.table === standard))) continue;
    // a sentence anywhere that says this table is published empty (本部门2020年无政府采购预算，并已公开空表)
    if (explainedElsewhere(t, standard, explanations)) continue;
    const next = tables[i + 1]?.range.start.line ?? doc.lines.length;
    const notes: { line: number; text: string }[] = [];
    let after = 0;
    for (let l = t.range.start.line; l < next && after <= NOTE_LINES_AFTER; l++) {
      const text = doc.lines[l];
      if (l > t.range.end.line) {
        // the next table's title or number, even when no rows of it could be read, ends this table's notes
        if (stops.has(l) || TITLE_OR_NUMBER.test(text.trim())) break;
        if (text.trim()) after++;
      }
      if (l === t.titleRange?.start.line || !SAYS_EMPTY.test(text)) continue;
      // a note (注：…, 本表…) or a sentence that names what the table holds (2025年“三公”经费预算数为0)
      if (NOTE_LIKE.test(text) || namesTable(text.replace(/[\s\u3000]+/g, ''), t, standard)) notes.push({ line: l, text });
    }
    const label = tableLabel(t);
    if (notes.length === 0) {
      out.push(finding('empty-table-note', titleRange(t), say(locale, 'completeness-empty-no-note', { table: label })));
      continue;
    }
    const wrong = standard?.subject ? namesAnother(notes, standard, data.tables) : undefined;
    if (wrong) {
      out.push(
        finding(
          'empty-table-note',
          wrong.range,
          say(locale, 'completeness-empty-wrong-note', { table: label, found: wrong.found, expected: subjectName(standard!) }),
        ),
      );
    }
  }
  return out;
}

/**
 * The note names another table when the lines written as notes that say the table is empty name another
 * standard table's subject (政府性基金 under the 国有资本经营 table) and never its own.
 */
function namesAnother(
  notes: { line: number; text: string }[],
  own: StandardTable,
  all: readonly StandardTable[],
): { range: Range; found: string } | undefined {
  const written = notes.filter((n) => NOTE_LIKE.test(n.text));
  if (written.length === 0 || written.some((n) => own.subject!.test(n.text))) return undefined;
  for (const n of written) {
    for (const other of all) {
      if (other === own || !other.subject) continue;
      const m = other.subject.exec(n.text);
      if (!m) continue;
      const start = n.text.length - n.text.trimStart().length;
      return {
        range: { start: { line: n.line, character: start }, end: { line: n.line, character: n.text.trimEnd().length } },
        found: m[0],
      };
    }
  }
  return undefined;
}

/** Sentences outside the tables that speak of an empty table (…，并已公开空表 / 故此表无数据). */
function emptyTableSentences(doc: DisclosureDocument): string[] {
  const inTable = new Set<number>();
  for (const t of doc.tables) for (let l = t.range.start.line; l <= t.range.end.line; l++) inTable.add(l);
  const out: string[] = [];
  doc.lines.forEach((line, i) => {
    if (inTable.has(i)) return;
    for (const sentence of line.split(/[。；;]/)) if (/空表|无数据/.test(sentence)) out.push(sentence.replace(/[\s\u3000]+/g, ''));
  });
  return out;
}

/**
 * One of those sentences names the table: by its subject (政府性基金) for a standard table, else by four
 * characters of its title that are not the generic words every title has (政府采购 of 部门综合预算政府采购…预算表).
 */
function explainedElsewhere(t: Table, standard: StandardTable | undefined, sentences: string[]): boolean {
  return sentences.some((s) => namesTable(s, t, standard));
}

/** A text (white space removed) names the table: its subject, or four characters of its title's own words. */
function namesTable(text: string, t: Table, standard: StandardTable | undefined): boolean {
  if (standard?.subject) return standard.subject.test(text);
  const core = (t.title ?? '')
    .replace(/[\s\u3000]+/g, '')
    .replace(/\d{4}年度?/g, '')
    .replace(/[（(][^）)]*[）)]?/g, '')
    .replace(/部门|单位|综合|预算|决算|支出|收入|明细|情况|总|表/g, '|');
  const words = core.split('|').flatMap((w) => (w.length <= 4 ? [w] : Array.from({ length: w.length - 3 }, (_, k) => w.slice(k, k + 4))));
  return words.some((w) => w.length >= 2 && text.includes(w));
}

/** 表9, 公开09表, 部门公开表9 → 9. */
function numberOf(text: string | undefined): number | undefined {
  const m = text ? /(\d+)/.exec(text) : null;
  return m ? Number(m[1]) : undefined;
}

/** The plain words of a subject pattern (国有资本经营 of `国有资本经营|国有资本`). */
function subjectName(s: StandardTable): string {
  return s.subject!.source.split('|')[0];
}

/**
 * 空表: the parser found no figure other than zero, and no cell holds one either (a row it could not split
 * into cells, `2.85 0.39 0.00`, is read here as text): nothing but labels, blanks, dashes and zeros.
 */
export function isEmpty(t: Table): boolean {
  if (!t.empty) return false;
  for (const row of t.rows) {
    if (row.kind === 'columnNumbers') continue;
    for (const c of row.cells) {
      if (c.kind === 'code') return false;
      if ((c.kind === 'amount' || c.kind === 'number' || c.kind === 'percent') && c.value && !c.value.isZero()) return false;
      if (c.kind === 'text' && hasFigure(c.text)) return false;
    }
  }
  return true;
}

/** A non-zero figure in a text cell, years (2024年) and column numbers aside. */
function hasFigure(text: string): boolean {
  const plain = text.replace(/\d{4}\s*年度?/g, '');
  for (const m of plain.matchAll(/(?<![\d.])\d[\d,]*(?:\.\d+)?(?![\d年])/g)) {
    if (/^[\d,]*\.?\d*$/.test(m[0]) && Number(m[0].replace(/,/g, '')) !== 0 && (m[0].includes('.') || m[0].length > 2)) return true;
  }
  return false;
}
