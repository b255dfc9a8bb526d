// Subject codes: malformed-code, unknown-code, code-name-mismatch and code-mapping-mismatch, for codes in
// table code columns and in prose (`行政运行（2101501）`). Unknown codes are only reported where the
// catalogue is authoritative (the economic classifications, every 类, and 款/项 under a parent marked complete).
import type { Cell, DisclosureDocument, Range, Row, Table } from '../model/types.js';
import type { CheckContext, Finding, FindingData } from './index.js';
import {
  classificationOf,
  CURRENT_YEAR,
  levelOf,
  normalizeName,
  type Catalogue,
  type CatalogueEntry,
  type Classification,
} from '../catalogue/catalogue.js';
import { nearest } from '../catalogue/explain.js';
import { message, say } from './messages.js';
import { linesSpanned } from '../model/ranges.js';
import { findingOf as finding } from './finding.js';

export function yearOf(doc: DisclosureDocument, ctx: CheckContext): number {
  return ctx.settings.year ?? doc.facts.year ?? CURRENT_YEAR;
}

/** Which classification a code column holds, from its header words. */
const placedColumns = new WeakMap<Table, Map<number, Classification | undefined>>();

/** The classification a code column's header names, confirmed by its codes (once per table and column). */
export function columnClassification(table: Table, column: number): Classification | undefined {
  let known = placedColumns.get(table);
  if (!known) placedColumns.set(table, (known = new Map()));
  if (!known.has(column)) known.set(column, readColumnClassification(table, column));
  return known.get(column);
}

function readColumnClassification(table: Table, column: number): Classification | undefined {
  const head = table.headerRows
    .map((h) => h.cells[column]?.text ?? '')
    .join('')
    .replace(/\s/g, '');
  const said: Classification | undefined = /功能/.test(head)
    ? 'function'
    : /政府/.test(head) && /经济/.test(head)
      ? 'economic-government'
      : /经济/.test(head)
        ? 'economic-department'
        : undefined;
  if (!said) return undefined;
  // A header is read from rows a converter may have shifted (`部门…科目名称 | 政府…科目名称` over four
  // columns): when most codes in the column belong elsewhere, it is our reading of the header that is wrong,
  // not every row of the table — the column is left unplaced and each code is judged by its own prefix.
  let agree = 0;
  let disagree = 0;
  for (const row of table.rows) {
    const cell = row.kind === 'data' ? row.cells.find((c) => c.column === column && c.kind === 'code' && c.code) : undefined;
    if (!cell) continue;
    if (classificationOf(cell.code!.slice(0, 3)) === said) agree++;
    else disagree++;
  }
  return disagree > agree ? undefined : said;
}

/** A table row's code cells that name it: of split 类/款/项 cells only the deepest (the harvest reads the same). */
export function* codedRows(doc: DisclosureDocument): Generator<{ table: Table; row: Row; cells: Cell[] }> {
  for (const table of doc.tables) {
    if (table.kind === 'performance' || table.kind === 'catalogue') continue;
    for (const row of table.rows) {
      if (row.kind !== 'data') continue;
      const codeCells = row.cells.filter((c) => c.kind === 'code' && c.code);
      // split 类/款/项 cells: only the deepest one names the row
      const cells = codeCells.filter(
        (c, i) =>
          !(
            codeCells[i + 1] &&
            codeCells[i + 1].code!.startsWith(c.code!) &&
            row.cells.indexOf(codeCells[i + 1]) === row.cells.indexOf(c) + 1
          ),
      );
      yield { table, row, cells };
    }
  }
}

export function subjectCodes(doc: DisclosureDocument, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const year = yearOf(doc, ctx);
  for (const { table, row, cells } of codedRows(doc)) {
    for (const cell of cells) out.push(...checkTableCode(ctx, table, row, cell, year));
    mapping(cells, year, out, ctx);
  }
  out.push(...proseCodes(doc, ctx, year));
  return out;
}

/** The name written beside a code: the next cell, if it is Chinese text. */
export function nameCellAfter(row: Row, cell: Cell): Cell | undefined {
  // a 类 code over split 类|款|项 columns has its empty 款 and 项 cells between it and its name
  let at = row.cells.indexOf(cell) + 1;
  for (let skipped = 0; skipped < 2 && row.cells[at]?.kind === 'empty'; skipped++) at++;
  const next = row.cells[at];
  return next && next.kind === 'text' && /[\u4e00-\u9fa5]/.test(next.text) ? next : undefined;
}

function checkTableCode(ctx: CheckContext, table: Table, row: Row, cell: Cell, year: number): Finding[] {
  const code = cell.code!;
  const column = columnClassification(table, cell.column);
  const byPrefix = classificationOf(code.slice(0, 3));
  const nameCell = nameCellAfter(row, cell);
  if (code.length < 3) return []; // a split 款/项 part or a row number a converter separated: not a code of its own
  // provinces refine an economic 款 with 项 of their own (重庆: 3010201 岗位工资 under 30102 津贴补贴): a local
  // code under a 款 of the catalogue is theirs to define, not a malformed one
  if (byPrefix && byPrefix !== 'function' && code.length === 7 && ctx.catalogue.anyEdition(code.slice(0, 5))) return [];
  if (!levelOf(code) || (byPrefix && byPrefix !== 'function' && code.length === 7)) {
    return [malformed(ctx, cell, code, nameCell?.text, column ?? byPrefix, year)];
  }
  if (!byPrefix) {
    if (!column) return []; // an integer in a column we cannot place: leave it
    return [finding('malformed-code', cell.range, say(ctx.locale, 'bad-class', { code, prefix: code.slice(0, 3) }))];
  }
  if (column && column !== byPrefix) {
    return [
      finding(
        'unknown-code',
        cell.range,
        say(ctx.locale, 'wrong-column', {
          code,
          is: message(ctx.locale, `class-${byPrefix}`),
          column: message(ctx.locale, `class-${column}`),
        }),
      ),
    ];
  }
  return checkKnown(ctx, { code, range: cell.range, name: nameCell?.text, nameRange: nameCell?.range, year, codeText: cell.text.trim() });
}

/** Existence in the year's edition and the name written beside the code. */
/** `codeText`: what is printed at `range` (the whole code, or in split 类/款/项 columns its last digits). */
/** A code to look up: where it is printed, the name written beside it, the year whose edition applies. */
interface KnownCode {
  code: string;
  range: Range;
  name: string | undefined;
  nameRange: Range | undefined;
  year: number;
  codeText: string;
}

function checkKnown(ctx: CheckContext, { code, range, name, nameRange, year, codeText }: KnownCode): Finding[] {
  const cat = ctx.catalogue;
  const cls = classificationOf(code)!;
  const entry = cat.lookup(code, year);
  if (!entry) {
    const other = cat.anyEdition(code);
    const parent = code.length > 3 ? cat.lookup(code.slice(0, code.length - 2), year) : undefined;
    // an entry known only from documents starts in the first year a document used it: that it did not exist
    // before is not known, so an earlier document's use of it is not reported
    const observedLater = !!other?.provenance && year < other.from;
    const authoritative = !observedLater && (cls !== 'function' || code.length === 3 || (parent?.complete ?? false) || !!other);
    if (!authoritative) return [];
    let hint = '';
    if (other)
      hint = message(ctx.locale, 'unknown-hint-edition', {
        valid: message(ctx.locale, 'years-from-to', { from: String(other.from), to: other.to === Infinity ? '' : String(other.to) }),
        name: cat
          .path(code, other.from)
          .map((p) => p.name)
          .join(' › '),
      });
    else {
      const near = nearest(code, year, cat);
      if (near.parent)
        hint = message(ctx.locale, 'unknown-hint-parent', {
          code: near.parent.code,
          name: near.parent.name,
          children: near.siblings
            .slice(0, 6)
            .map((s) => `${s.code} ${s.name}`)
            .join('、'),
        });
    }
    return [
      finding(
        'unknown-code',
        range,
        say(ctx.locale, 'unknown-code', { code, year: String(year), classification: message(ctx.locale, `class-${cls}`), hint }),
      ),
    ];
  }
  if (!name) return [];
  const written = normalizeName(name);
  const accepted = cat.acceptedNames(entry).map(normalizeName);
  if (accepted.includes(written)) return [];
  // converters wrap long names and keep only their start; that is not a mistake of the author
  if (written.length >= 6 && accepted.some((a) => a.startsWith(written))) return [];
  // the official name with its parent's qualifier repeated (`31101 资本金注入（基本建设）` under `311 对企业补助（基本建设）`,
  // as budget systems print it to tell it from `31201 资本金注入`): the same subject, named more precisely
  if (inheritedQualifiers(cat, code, year).some((q) => accepted.some((a) => written === `${a}(${q})`))) return [];
  // `302→其他商品和服务支出` with the 款 digits (99) on another line: the name of one of the code's own items
  const childNames = cat.children(code, year).flatMap((c) => cat.acceptedNames(c).map(normalizeName));
  if (childNames.some((c) => c === written || (written.length >= 6 && c.startsWith(written)))) return [];
  const official = cat.nameIn(entry, year);
  // the name may be right and the code wrong: a sibling code (same parent) whose official name is the one written
  const sibling =
    code.length > 3
      ? cat
          .children(code.slice(0, code.length - 2), year)
          .find((c) => c.code !== code && cat.acceptedNames(c).map(normalizeName).includes(written))
      : undefined;
  const codeFix =
    sibling && codeText && code.endsWith(codeText)
      ? { code: sibling.code, name: cat.nameIn(sibling, year), range, newText: sibling.code.slice(code.length - codeText.length) }
      : undefined;
  const data: FindingData | undefined = nameRange
    ? { expected: official, found: name, difference: '', replacement: official, ...(codeFix ? { codeFix } : {}) }
    : undefined;
  const hint = sibling ? message(ctx.locale, 'code-name-sibling', { name, code: sibling.code }) : '';
  return [finding('code-name-mismatch', nameRange ?? range, say(ctx.locale, 'code-name', { code, official, found: name, hint }), data)];
}

/** The parenthesized qualifiers in the names of a code's ancestors (`基本建设` of `311 对企业补助（基本建设）`), normalized. */
function inheritedQualifiers(cat: Catalogue, code: string, year: number): string[] {
  const out: string[] = [];
  for (let n = 3; n < code.length; n += 2) {
    const e = cat.lookup(code.slice(0, n), year) ?? cat.anyEdition(code.slice(0, n));
    if (!e) continue;
    for (const name of cat.acceptedNames(e)) for (const m of normalizeName(name).matchAll(/\(([^()]+)\)/g)) out.push(m[1]);
  }
  return out;
}

/** `302201 办公费`: a code of impossible shape; proposes the code whose name matches, if one does. */
function malformed(
  ctx: CheckContext,
  cell: Cell,
  code: string,
  name: string | undefined,
  cls: Classification | undefined,
  year: number,
): Finding {
  const cat = ctx.catalogue;
  const candidates = new Set<string>();
  for (let i = 0; i < code.length; i++) candidates.add(code.slice(0, i) + code.slice(i + 1)); // one digit too many
  for (const n of [3, 5, 7]) if (code.length > n) candidates.add(code.slice(0, n));
  let best: CatalogueEntry | undefined;
  for (const c of candidates) {
    const e = cat.lookup(c, year);
    if (!e || (cls && e.classification !== cls)) continue;
    if (name && cat.acceptedNames(e).map(normalizeName).includes(normalizeName(name))) {
      best = e;
      break;
    }
  }
  const hint = best ? message(ctx.locale, 'malformed-hint', { code: best.code, name: best.name }) : '';
  const data: FindingData | undefined = best ? { expected: best.code, found: code, difference: '', replacement: best.code } : undefined;
  return finding('malformed-code', cell.range, say(ctx.locale, 'malformed-code', { code, hint }), data);
}

/** A 部门经济 code paired with a 政府经济 code it does not correspond to. */
function mapping(cells: Cell[], year: number, out: Finding[], ctx: CheckContext): void {
  const dept = cells.find((c) => classificationOf(c.code!) === 'economic-department' && levelOf(c.code!));
  const gov = cells.find((c) => classificationOf(c.code!) === 'economic-government' && levelOf(c.code!));
  if (!dept || !gov) return;
  const cat = ctx.catalogue;
  const m = cat.mappingOf(dept.code!);
  if (!m) return;
  const allowed = [...m.agency, ...m.institution];
  const ok = allowed.some((a) => (a.length === gov.code!.length ? a === gov.code : gov.code!.startsWith(a) || a.startsWith(gov.code!)));
  if (ok) return;
  const d = cat.lookup(dept.code!, year);
  const g = cat.lookup(gov.code!, year);
  out.push(
    finding(
      'code-mapping-mismatch',
      gov.range,
      say(ctx.locale, 'mapping', {
        dept: dept.code!,
        deptName: d?.name ?? '',
        expected: [...new Set(allowed)].join(' / '),
        gov: gov.code!,
        govName: g?.name ?? '',
      }),
    ),
  );
}

// ---------------------------------------------------------------- codes in prose

const PROSE_CODE = /([\u4e00-\u9fa5“”（）()、]{2,40}?)\s*[（(]\s*([235]\d{2}(?:\d{2}){0,2})\s*[）)]/g;

/** A code in prose with the name written before it (`行政运行（2101501）`). */
export interface ProseCode {
  code: string;
  name: string;
  range: Range;
  nameRange: Range;
}

/** Every `name（code）` outside the tables. */
export function proseCodeMentions(doc: DisclosureDocument): ProseCode[] {
  const tableLines = linesSpanned(doc.tables);
  const out: ProseCode[] = [];
  doc.lines.forEach((text, line) => {
    if (tableLines.has(line) || !/[（(]\s*[235]\d{2}/.test(text)) return;
    for (const m of text.matchAll(PROSE_CODE)) {
      const code = m[2];
      // the name: the Chinese text right before the parenthesis, without list numbering or punctuation before it
      const name = m[1]
        .replace(/^[（(]?[一二三四五六七八九十\d]*[）)、]/, '')
        .replace(/^[（(]\d+[）)]/, '')
        .replace(/^[“”、）)]+/, '');
      const codeStart = m.index! + m[0].lastIndexOf(code);
      const range = { start: { line, character: codeStart }, end: { line, character: codeStart + code.length } };
      const nameStart = m.index! + m[0].indexOf(name);
      const nameRange = { start: { line, character: nameStart }, end: { line, character: nameStart + name.length } };
      out.push({ code, name, range, nameRange });
    }
  });
  return out;
}

function proseCodes(doc: DisclosureDocument, ctx: CheckContext, year: number): Finding[] {
  const out: Finding[] = [];
  const cat = ctx.catalogue;
  for (const { code, name, range, nameRange } of proseCodeMentions(doc)) {
    const entry = cat.lookup(code, year);
    // prose names are often abbreviated (工资福利支出 for 机关工资福利支出): only a clearly different name is flagged
    if (entry && name) {
      const written = normalizeName(name);
      const accepted = cat.acceptedNames(entry).map(normalizeName);
      if (accepted.some((a) => written.includes(a) || a.includes(written))) continue;
    }
    out.push(...checkKnown(ctx, { code, range, name: name || undefined, nameRange, year, codeText: code }));
  }
  return out;
}
