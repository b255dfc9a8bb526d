// Evidence for the subject-code catalogue from published documents: every code a table or the prose pairs with a
// name, per document, merged over many documents into "code X was called Y in year Z by N documents of M cities".
// scripts/harvest.mjs runs it over the corpus and writes test/golden/catalogue-evidence.tsv; the catalogue is then reviewed against it.
import type { Cell, DisclosureDocument, Row } from '../model/types.js';
import { codedRows, columnClassification, nameCellAfter, proseCodeMentions } from '../checks/codes.js';
import { localRefinementOf } from './explain.js';
import { classificationOf, CURRENT_YEAR, levelOf, normalizeName, type Catalogue, type Classification } from './catalogue.js';

/** A code and the name printed with it. `local`: a 7-digit economic code, a province's refinement of a national 款. */
export interface CodePair {
  classification: Classification;
  code: string;
  name: string;
  where: 'table' | 'prose';
  local: boolean;
}

/** The classification a code belongs to by its first digit; 7-digit economic codes count under their 款's file. */
function classOfCode(code: string): Classification | undefined {
  return classificationOf(code.slice(0, 3));
}

/**
 * Every (code, name) a document pairs: table code cells with the name cell beside them, read as the checks read
 * them (the deepest of split 类/款/项 cells, the header's classification confirmed by the codes), and `名称（编码）` in
 * prose. Codes in a column whose header names another classification are left out (they are mistakes, not evidence).
 */
export function codePairs(doc: DisclosureDocument): CodePair[] {
  const out: CodePair[] = [];
  for (const { row, cell, code, cls } of tableCodes(doc)) {
    const name = nameCellAfter(row, cell)?.text.trim();
    if (!name) continue;
    out.push({ classification: cls, code, name, where: 'table', local: cls !== 'function' && code.length === 7 });
  }
  for (const m of proseCodeMentions(doc)) {
    const cls = classOfCode(m.code);
    if (!cls || !m.name) continue;
    out.push({ classification: cls, code: m.code, name: m.name, where: 'prose', local: cls !== 'function' && m.code.length === 7 });
  }
  return out;
}

/** Every code occurrence of a document (named or not), for measuring coverage. */
export function codeOccurrences(doc: DisclosureDocument): { classification: Classification; code: string }[] {
  const out: { classification: Classification; code: string }[] = [];
  for (const { code, cls } of tableCodes(doc)) out.push({ classification: cls, code });
  for (const m of proseCodeMentions(doc)) {
    const cls = classOfCode(m.code);
    if (cls) out.push({ classification: cls, code: m.code });
  }
  return out;
}

/**
 * Every code cell of the tables that counts as evidence: a code of a known shape and level, in a column whose header
 * does not name another classification (those are mistakes, not evidence).
 */
function* tableCodes(doc: DisclosureDocument): Generator<{ row: Row; cell: Cell; code: string; cls: Classification }> {
  for (const { table, row, cells } of codedRows(doc)) {
    for (const cell of cells) {
      const code = cell.code!;
      const cls = classOfCode(code);
      if (!cls || !levelOf(code)) continue;
      const column = columnClassification(table, cell.column);
      if (column && column !== cls) continue;
      yield { row, cell, code, cls };
    }
  }
}

/** The place a document is from: the corpus names files `c001_上海_…`; otherwise the first place in its title. */
export function cityOf(fileName: string, doc: DisclosureDocument): string {
  const named = /^c\d+_([^_]+)_/.exec(fileName);
  if (named) return named[1];
  const title = [doc.facts.department ?? '', ...doc.lines.filter((l) => l.trim()).slice(0, 8)].join('\n');
  // the first place name: 上海市普陀区… → 上海, 高邑县… → 高邑 (a party committee's title starts with 中共)
  const place = /([\u4e00-\u9fa5]{1,4}?)(?:省|市|自治区|县)/.exec(title.replace(/中共|中国共产党|第[一二三四五六七八九十]+部分/g, ''));
  return place?.[1] ?? 'unknown';
}

interface NameSeen {
  /** The spelling printed most often (first in sort order on ties). */
  spellings: Map<string, number>;
  documents: Set<string>;
  cities: Set<string>;
}

/** Plain code-point order: the evidence file must sort alike whatever the machine's locale. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One line of the evidence: a code, a year and one name (normalised), with who used it. */
export interface EvidenceRow {
  classification: Classification;
  code: string;
  year: number | 'unknown';
  name: string;
  documents: number;
  /** Places the documents are from (`unknown` where no place could be read; it is not counted as a city). */
  cities: string[];
  local: boolean;
}

/** How many distinct places stand behind a row. */
export function cityCount(r: EvidenceRow): number {
  return r.cities.filter((c) => c !== 'unknown').length;
}

/** Evidence merged over documents: each document counts once per (code, year, name). */
export class Evidence {
  private seen = new Map<string, NameSeen & { classification: Classification; code: string; year: number | 'unknown'; local: boolean }>();
  documents = 0;

  add(file: string, city: string, year: number | undefined, pairs: CodePair[]): void {
    this.documents++;
    for (const p of pairs) {
      const y = year ?? 'unknown';
      const key = `${p.classification}\t${p.code}\t${y}\t${normalizeName(p.name)}`;
      let s = this.seen.get(key);
      if (!s)
        this.seen.set(
          key,
          (s = {
            classification: p.classification,
            code: p.code,
            year: y,
            local: p.local,
            spellings: new Map(),
            documents: new Set(),
            cities: new Set(),
          }),
        );
      s.spellings.set(p.name, (s.spellings.get(p.name) ?? 0) + 1);
      s.documents.add(file);
      s.cities.add(city);
    }
  }

  rows(): EvidenceRow[] {
    const out: EvidenceRow[] = [];
    for (const s of this.seen.values()) {
      const name = [...s.spellings].sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0]))[0][0];
      out.push({
        classification: s.classification,
        code: s.code,
        year: s.year,
        name,
        documents: s.documents.size,
        cities: [...s.cities].sort(byCodePoint),
        local: s.local,
      });
    }
    return out.sort(
      (a, b) =>
        byCodePoint(a.classification, b.classification) ||
        byCodePoint(a.code, b.code) ||
        byCodePoint(String(a.year), String(b.year)) ||
        b.documents - a.documents ||
        byCodePoint(a.name, b.name),
    );
  }

  tsv(): string {
    const head = [
      '# Evidence for the subject-code catalogue: every (code, name) that published documents pair in a table or in prose,',
      "# per year (the document's own), as read by scripts/harvest.mjs (regenerate it, review the diff like a golden file).",
      '# Columns: classification, code, year, name (most printed spelling; spellings that normalise alike are one name),',
      "# documents, cities (count), which cities, local (y: a 7-digit economic code, a province's refinement of a national 款).",
      'classification\tcode\tyear\tname\tdocuments\tcities\twhich\tlocal',
    ];
    const lines = this.rows().map((r) =>
      [
        r.classification,
        r.code,
        r.year,
        r.name.replace(/\s+/g, ' '),
        r.documents,
        cityCount(r),
        r.cities.join('、'),
        r.local ? 'y' : '',
      ].join('\t'),
    );
    return [...head, ...lines].join('\n') + '\n';
  }
}

/** How many code occurrences the catalogue explains: an entry valid in the document's year, with an explanation. */
export interface Coverage {
  occurrences: number;
  explained: number;
}

export function explains(cat: Catalogue, code: string, year: number | undefined): boolean {
  const e = cat.lookup(code, year ?? CURRENT_YEAR);
  // a province's own 7-digit economic code is explained by the national 款 it refines (hover says so)
  return (!!e && !!e.explanation.trim()) || !!localRefinementOf(code, year ?? CURRENT_YEAR, cat);
}

export function addCoverage(
  into: Map<Classification, Coverage>,
  cat: Catalogue,
  year: number | undefined,
  occurrences: { classification: Classification; code: string }[],
): void {
  for (const o of occurrences) {
    const c = into.get(o.classification) ?? { occurrences: 0, explained: 0 };
    c.occurrences++;
    if (explains(cat, o.code, year)) c.explained++;
    into.set(o.classification, c);
  }
}
