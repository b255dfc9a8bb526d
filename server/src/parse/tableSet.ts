// Which of the standard tables (catalogue/data/required-tables.tsv) a document publishes, lists in its 目录, or
// lacks. Read once per analysis; the outline shows the missing ones as placeholders and the missing-table rule
// reports them. Everything here says nothing when it cannot be sure: the document's kind must be told by its title
// and agree with its tables, the body must show that its tables were read (most of the standard ones found), and
// the 目录 is compared with the body only when its list of tables was read whole.
import { lexLine } from './lex.js';
import {
  requiredTables,
  type DisclosureKind,
  type Jurisdiction,
  type RequiredTables,
  type StandardTable,
} from '../catalogue/requiredTables.js';
import type { DisclosureDocument, OutlineNode, Range, Table } from '../model/types.js';

/** Standard tables the body must show before anything is called missing: fewer, and its tables were not read. */
export const MIN_TABLES_READ = 5;

export interface ListedTable {
  table: StandardTable;
  /** The entry as printed (`三、支出决算表`, `表2 2021年部门综合预算收入总表`). */
  text: string;
  range: Range;
}

/** A row of a 报表目录 table that says whether a table is empty (是否空表：是/否), with the reason it gives. */
export interface DeclaredEmpty {
  number?: string;
  table?: StandardTable;
  empty: boolean;
  reason: string;
}

export interface MissingTable {
  table: StandardTable;
  /** The 目录 entry that lists it, when the 目录 was read whole. */
  listed?: ListedTable;
  /** Required for the document's kind (every kind its title leaves possible). */
  required: boolean;
  /** The jurisdiction whose own set requires it, where the national set would not. */
  requiredBy?: Jurisdiction;
  /** Where it belongs: after this table, or before it. */
  after?: Table;
  before?: Table;
  /** The name to show: the 目录's entry, else the standard name for the document's kind. */
  name: string;
}

export interface TableSetReport {
  /** The kinds the title leaves possible (部门预算 and 单位预算 when it says only 预算); empty when it cannot be told. */
  kinds: DisclosureKind[];
  /** The jurisdiction whose own set applies (named by the title or the department); undefined: the national set. */
  jurisdiction?: Jurisdiction;
  /** Standard tables found in the body, by kind, in document order. */
  present: Map<StandardTable, Table[]>;
  /** The tables the 目录 (read whole) and the 报表目录 tables list (else undefined). */
  listed?: ListedTable[];
  /** What 报表目录 tables say about each table being empty. */
  declaredEmpty: DeclaredEmpty[];
  missing: MissingTable[];
  /** Standard tables in the body that a 目录 read whole does not list. */
  unlisted: { table: Table; standard: StandardTable }[];
  /** Standard tables the document replaces by a sentence (本部门无政府性基金预算，故本表为空表). */
  replaced: Set<StandardTable>;
}

type DocumentParts = Pick<DisclosureDocument, 'lines' | 'tables' | 'toc' | 'facts' | 'headings'>;

const cache = new WeakMap<object, TableSetReport>();

/** The report for an assembled document (computed once; the outline and the rule share it). */
export function tableSet(doc: DocumentParts, data: RequiredTables = requiredTables()): TableSetReport {
  const hit = cache.get(doc);
  if (hit) return hit;
  const report = computeTableSet(doc, data);
  cache.set(doc, report);
  return report;
}

// a sentence that says the document has none of it: 无政府性基金…, 没有使用…, 未安排…, 不涉及…, …为0
const NONE = /无(?!锡)|没有|未(?:安排|使用|发生|涉及|编制)|不涉及|空表|无数据|为0(?![.\d])|为零|(?<![\d.,])0(?:\.0+)?万?元(?![\d.])/;

function computeTableSet(doc: DocumentParts, data: RequiredTables): TableSetReport {
  const inTable = new Set<number>();
  for (const t of doc.tables) for (let l = t.range.start.line; l <= t.range.end.line; l++) inTable.add(l);
  const inToc = new Set<number>();
  for (const toc of doc.toc) for (let l = toc.range.start.line; l <= toc.range.end.line; l++) inToc.add(l);

  const present = new Map<StandardTable, Table[]>();
  for (const t of doc.tables) {
    if (t.kind === 'catalogue' || t.kind === 'performance') continue;
    const s = data.classify(t.title);
    if (s) present.set(s, [...(present.get(s) ?? []), t]);
  }
  // a title printed without a table the parser could read (or with a sentence instead of rows) is still there
  const titled = new Set<StandardTable>();
  for (let i = 0; i < doc.lines.length; i++) {
    if (inTable.has(i) || inToc.has(i)) continue;
    const text = doc.lines[i].trim();
    if (text.length > 60 || !endsWithTable(text)) continue;
    const s = data.classify(text);
    if (s) titled.add(s);
  }

  const replaced = new Set<StandardTable>();
  for (let i = 0; i < doc.lines.length; i++) {
    if (inTable.has(i) || inToc.has(i)) continue;
    for (const sentence of doc.lines[i].split(/[。；;]/)) {
      if (!NONE.test(sentence)) continue;
      for (const s of data.tables) if (s.subject?.test(sentence)) replaced.add(s);
    }
  }

  const kinds = documentKinds(doc, present);
  const jurisdiction = kinds.length ? data.jurisdiction(doc.lines[doc.facts.titleRange!.start.line], doc.facts.department) : undefined;
  const catalogues = readCatalogues(doc, data);
  const fromToc = readToc(doc, data);
  const listed = fromToc || catalogues.listed.length ? [...(fromToc ?? []), ...catalogues.listed] : undefined;
  const read = present.size >= MIN_TABLES_READ;
  const missing: MissingTable[] = [];
  const unlisted: TableSetReport['unlisted'] = [];
  const kindName = kinds.length && kinds[0].endsWith('决算') ? '决算' : '预算';
  if (read) {
    for (const s of data.tables) {
      if (present.has(s) || titled.has(s) || replaced.has(s)) continue;
      const entry = listed?.find((l) => l.table === s);
      const required = kinds.length > 0 && kinds.every((k) => data.requirement(s, k, jurisdiction) === 'required');
      if (!entry && !required) continue;
      const national = kinds.every((k) => s.requirement[k] === 'required');
      const requiredBy = required && !national ? jurisdiction : undefined;
      missing.push({
        table: s,
        listed: entry,
        required,
        requiredBy,
        name: entry ? entry.text : s.names[kindName],
        ...place(s, present, listed),
      });
    }
    if (listed) {
      for (const [s, tables] of present) if (!listed.some((l) => l.table === s)) unlisted.push({ table: tables[0], standard: s });
    }
  }
  return { kinds, jurisdiction, present, listed, declaredEmpty: catalogues.declaredEmpty, missing, unlisted, replaced };
}

/** `…支出决算表`, `…预算表（按功能分类科目）`: a title, not a sentence that mentions a table. */
function endsWithTable(text: string): boolean {
  return /表(?:[（(][^）)]{1,16}[）)])?$/.test(text) && !/[，。；：:]/.test(text);
}

/**
 * The kinds the title leaves possible, when the title says 预算 or 决算 and the tables agree (a 决算's tables say
 * 决算; a 预算's never do). A title without 部门 or 单位 leaves both.
 */
function documentKinds(doc: DocumentParts, present: Map<StandardTable, Table[]>): DisclosureKind[] {
  const kind = doc.facts.kind;
  const range = doc.facts.titleRange;
  if (!kind || !range) return [];
  const title = doc.lines[range.start.line] ?? '';
  // the title line must say which: a figure's sentence (`2026年预算数4.20万元`) is no title
  if (!/(?:部门|单位)(?:综合)?(?:预算|决算)|(?:预算|决算)(?:公开|信息公开|情况说明)?$/.test(title.trim())) return [];
  const titles = [...present.values()].flat().map((t) => t.title ?? '');
  const saysFinal = titles.filter((t) => t.includes('决算')).length;
  if (kind === '预算' ? saysFinal > 0 : saysFinal < titles.length / 2) return [];
  if (/单位(?:综合)?(?:预算|决算)/.test(title)) return [kind === '预算' ? '单位预算' : '单位决算'];
  if (/部门(?:综合)?(?:预算|决算)/.test(title)) return [kind === '预算' ? '部门预算' : '部门决算'];
  return kind === '预算' ? ['部门预算', '单位预算'] : ['部门决算', '单位决算'];
}

/**
 * The 目录's list of tables, when it was read whole: one 目录 lists standard tables, as one run of entries of one
 * numbering style, each naming a table, numbered 1, 2, 3 … without a gap, with another entry after the last (a
 * list that ends the 目录 may have lost its tail to a line the reader did not take for an entry); at least
 * MIN_TABLES_READ of them are standard tables.
 */
function readToc(doc: DocumentParts, data: RequiredTables): ListedTable[] | undefined {
  const runs = doc.toc
    .map((toc) => ({
      toc,
      at: tableRun(
        toc.entries.map((e) => e.text),
        data,
      ),
    }))
    .filter((r) => r.at !== undefined);
  if (runs.length !== 1) return undefined;
  const { toc, at } = runs[0] as { toc: (typeof runs)[number]['toc']; at: number[] };
  if (at[at.length - 1] === toc.entries.length - 1) return undefined;
  if (at.some((i, k) => lexLine(toc.entries[i].text.trim()).heading?.number !== k + 1)) return undefined;
  const out: ListedTable[] = [];
  for (const i of at) {
    const entry = toc.entries[i];
    const s = data.classify(bare(entry.text));
    if (!s) continue;
    const line = doc.lines[entry.line] ?? entry.text;
    const text = entry.text.trim();
    const start = Math.max(0, line.indexOf(text));
    out.push({
      table: s,
      text,
      range: { start: { line: entry.line, character: start }, end: { line: entry.line, character: start + text.length } },
    });
  }
  return new Set(out.map((l) => l.table)).size >= MIN_TABLES_READ ? out : undefined;
}

/**
 * The indices of the run of entries that lists tables: the entries of the style the standard tables' entries
 * share, around them, as long as each names a table. Undefined when there is none, or the run is broken.
 */
function tableRun(entries: string[], data: RequiredTables): number[] | undefined {
  const style = (text: string) => lexLine(text.trim()).heading?.style;
  const std = entries.map((e, i) => (endsWithTable(bare(e)) && data.classify(bare(e)) ? i : -1)).filter((i) => i >= 0);
  if (std.length === 0) return undefined;
  const runStyle = style(entries[std[0]]);
  if (!runStyle) return undefined;
  const inRun = (i: number) => i >= 0 && i < entries.length && style(entries[i]) === runStyle && endsWithTable(bare(entries[i]));
  let first = std[0];
  while (inRun(first - 1)) first--;
  let last = first;
  while (inRun(last + 1)) last++;
  if (std[std.length - 1] > last) return undefined;
  return Array.from({ length: last - first + 1 }, (_, k) => first + k);
}

/** A 目录 entry without its numbering and page number; a part (第二部分 …部门决算表) is no table's entry. */
function bare(text: string): string {
  const l = lexLine(text.trim());
  if (l.heading?.style === 'part') return '';
  return (l.heading ? l.heading.title : text).replace(/[\s\u3000]*\d+$/, '').trim();
}

/**
 * 报表目录 tables (报表 | 报表名称 | 是否空表 | 表格为空的理由): the tables they list, when at least MIN_TABLES_READ of
 * them are standard ones, and the tables they say are empty.
 */
function readCatalogues(doc: DocumentParts, data: RequiredTables): { listed: ListedTable[]; declaredEmpty: DeclaredEmpty[] } {
  const listed: ListedTable[] = [];
  const declaredEmpty: DeclaredEmpty[] = [];
  for (const t of doc.tables) {
    if (t.kind !== 'catalogue') continue;
    const head = t.headerRows.flatMap((r) => r.cells);
    const column = (re: RegExp): number | undefined => head.find((c) => re.test(c.text.replace(/\s/g, '')))?.column;
    const nameCol = column(/名称|内容/);
    const emptyCol = column(/是否空表/);
    const reasonCol = column(/理由|原因/);
    if (nameCol === undefined) continue;
    const rows: ListedTable[] = [];
    for (const row of t.rows) {
      if (row.kind !== 'data') continue;
      const at = (col: number | undefined) => (col === undefined ? undefined : row.cells.find((c) => c.column === col));
      const name = at(nameCol);
      if (!name?.text) continue;
      const number = row.cells.map((c) => /^表\s*(\d+)$/.exec(c.text.trim())).find(Boolean);
      const s = data.classify(name.text);
      if (s) {
        const first = row.cells.find((c) => c.text)!;
        const text = `${number ? `${number[0].replace(/\s+/g, '')} ` : ''}${name.text}`;
        rows.push({ table: s, text, range: { start: first.range.start, end: name.range.end } });
      }
      const said = emptyCol === undefined ? undefined : at(emptyCol)?.text.trim();
      if (said === '是' || said === '否') {
        declaredEmpty.push({
          number: number ? `表${number[1]}` : undefined,
          table: s,
          empty: said === '是',
          reason: at(reasonCol)?.text.trim() ?? '',
        });
      }
    }
    if (new Set(rows.map((r) => r.table)).size >= MIN_TABLES_READ) listed.push(...rows);
  }
  return { listed, declaredEmpty };
}

/**
 * Where a missing table belongs: after the table listed (or, by 规程's order, numbered) just before it, else before
 * the one just after it.
 */
function place(s: StandardTable, present: Map<StandardTable, Table[]>, listed?: ListedTable[]): { after?: Table; before?: Table } {
  const order = listed?.some((l) => l.table === s) ? listed.map((l) => l.table) : undefined;
  const rank = (x: StandardTable): number => (order ? order.indexOf(x) : x.order);
  const mine = rank(s);
  let after: Table | undefined;
  let afterRank = -Infinity;
  let before: Table | undefined;
  let beforeRank = Infinity;
  for (const [x, tables] of present) {
    const r = rank(x);
    if (r < 0) continue;
    if (r < mine && r > afterRank) {
      afterRank = r;
      after = tables[tables.length - 1];
    } else if (r > mine && r < beforeRank) {
      beforeRank = r;
      before = tables[0];
    }
  }
  return after ? { after } : { before };
}

/**
 * The outline with a greyed placeholder for every missing table, where it belongs: beside the table it follows
 * (or precedes), in that table's section. `detail` says 缺失; `placeholder` marks it for the editor.
 */
export function addMissingTables(outline: OutlineNode[], report: TableSetReport): void {
  for (const m of report.missing) {
    const neighbour = m.after ?? m.before;
    if (!neighbour) continue;
    const found = findTableNode(outline, neighbour.index);
    if (!found) continue;
    const at = m.after ? neighbour.range.end : neighbour.range.start;
    const node: OutlineNode = {
      kind: 'table',
      name: m.name,
      detail: '缺失',
      range: { start: { ...at }, end: { ...at } },
      selectionRange: { start: { ...at }, end: { ...at } },
      children: [],
      placeholder: true,
    };
    const { siblings, index } = found;
    // after: past the neighbour and any placeholder already put after it
    let k = m.after ? index + 1 : index;
    while (m.after && k < siblings.length && siblings[k].placeholder) k++;
    siblings.splice(k, 0, node);
  }
}

function findTableNode(nodes: OutlineNode[], tableIndex: number): { siblings: OutlineNode[]; index: number } | undefined {
  for (let i = 0; i < nodes.length; i++) {
    if (nodes[i].kind === 'table' && !nodes[i].placeholder && nodes[i].tableIndex === tableIndex) return { siblings: nodes, index: i };
    const inner = findTableNode(nodes[i].children, tableIndex);
    if (inner) return inner;
  }
  return undefined;
}
