// sum-mismatch and crossfoot-mismatch inside one table:
//  - code hierarchy: a 类 row = Σ its 款 rows = Σ their 项 rows (function classification), 类 = Σ 款
//    (economic classification, a 款 repeated over several 政府经济 rows counts each row); a department's
//    unit code = Σ its units; the 合计 row = Σ the top-level rows;
//  - cross-foot: a total column (合计/小计/本年支出合计 …) = Σ its part columns, read from the header.
// Performance-target tables, catalogues and lists are never summed.
import Decimal from 'decimal.js';
import type { DisclosureDocument, Table } from '../model/types.js';
import type { CheckContext, Computation, Finding } from './index.js';
import { isIdentityTotal, isKnownIdentity, rowIdentities } from './identities.js';
import { lexLine } from '../parse/lex.js';
import { checkSum, rowName, type Part } from './compare.js';
import { buildTableView, isTotalLabel, valueOf, type RowView, type TableView, type ValueColumn } from './tableView.js';
import { message } from './messages.js';
import { SUBJECT_CODE } from '../parse/tables.js';
import { judge, sumTolerance } from './tolerance.js';

export function tableArithmetic(doc: DisclosureDocument, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const table of doc.tables) {
    // a one-off check (the CLI: nobody asks for the computations, no edit will follow) neither records every
    // comparison nor keeps results for reuse: that is memory in proportion to the document, for nothing
    if (!ctx.collect) {
      out.push(...checkTableNow(table, ctx));
      continue;
    }
    const checked = checkTable(table, ctx);
    out.push(...checked.findings);
    checked.computations.forEach(ctx.collect);
  }
  return out;
}

/** Every comparison made inside one table (cached like its findings): what a hover needs before a full check. */
export function tableComputations(table: Table, ctx: CheckContext): Computation[] {
  return checkTable(table, ctx).computations;
}

// These findings depend on the table alone. The parser hands back the very same Table object for a table an
// edit did not touch (and moves it in place when lines are inserted above it), so a keystroke re-checks only
// the table it falls in. The key holds everything else the result depends on; a moved table is re-checked.
interface CheckedTable {
  key: string;
  findings: Finding[];
  computations: Computation[];
}
const checkedTables = new WeakMap<Table, CheckedTable>();

function checkTable(table: Table, ctx: CheckContext): CheckedTable {
  const key = `${ctx.uri}\u0000${ctx.locale}\u0000${table.index}\u0000${table.range.start.line}`;
  const hit = checkedTables.get(table);
  if (hit && hit.key === key) return hit;
  const computations: Computation[] = [];
  const local: CheckContext = { ...ctx, collect: (c) => computations.push(c) };
  const checked: CheckedTable = { key, findings: checkTableNow(table, local), computations };
  checkedTables.set(table, checked);
  return checked;
}

function checkTableNow(table: Table, ctx: CheckContext): Finding[] {
  if (table.kind !== 'money' || table.empty) return [];
  if (isSummaryTable(table.title, table.headerRows.map((r) => r.cells.map((c) => c.text).join('|')).join('\n'))) return []; // summary.ts
  const view = buildTableView(table);
  if (sideBySide(view)) return []; // two code blocks printed next to each other (301… | 302…): not read yet
  return [...codeHierarchy(view, ctx), ...crossFoot(view, ctx), ...identityRows(view, ctx)];
}

/** A row's name without its numbering or a leading 其中: `其中：（1）公务用车购置费` → 公务用车购置费. */
function plainName(label: string): string {
  const text = label.replace(/^[\s\u3000]*其中[：:]?/, '').trim();
  const heading = lexLine(text).heading;
  return (heading && heading.style !== 'markdown' ? heading.title : text).replace(/[\s\u3000]/g, '');
}

/** Tables printed one row per item (the vertical “三公”经费 table): the known identities, row by row, in every figure column. */
function identityRows(view: TableView, ctx: CheckContext): Finding[] {
  const rows = view.rows.filter((r) => !r.code && r.label && !view.ambiguous.has(r));
  if (rows.length < 3 || view.rows.some((r) => r.code)) return [];
  const out: Finding[] = [];
  for (const id of rowIdentities(rows.map((r) => plainName(r.label!.text)))) {
    const total = rows[id.total];
    const parts = id.parts.map((i) => rows[i]);
    for (const col of view.columns) {
      if (!total.values.get(col.key)) continue;
      const column = columnName(view, col.key);
      const f = checkSum(ctx, {
        rule: 'sum-mismatch',
        target: total.values.get(col.key)!,
        subject: `「${total.label!.text.trim()}」${column ? `「${column}」` : ''}`,
        basis: message(ctx.locale, 'sum-of-items'),
        parts: parts.map((p) => ({
          cell: p.values.get(col.key),
          value: valueOf(p, col.key),
          label: p.label!.text.trim(),
          range: p.values.get(col.key)?.range,
        })),
        decimals: view.decimals,
        grouped: view.grouped,
      });
      if (f) out.push(f);
    }
  }
  return out;
}

/** 收支总表 and its kin put income and expenditure side by side: checked by summary.ts instead. */
export function isSummaryTable(title: string | undefined, header: string): boolean {
  // 收支总体情况表 (广州) is the 收支总表 under another name
  if (title && /收支.*总表|收支总体情况表|收入支出.*总表|收支预算总表|政府性基金.*收支表|收入支出决算表/.test(title)) return true;
  return /收\s*入/.test(header) && /支\s*出/.test(header) && /项\s*目/.test(header) && /(预算|决算)数/.test(header);
}

/** `301→工资福利支出→95.36→302→商品和服务支出→10.23`: a second code block starts after a figure. */
function sideBySide(view: TableView): boolean {
  const rows = view.rows.filter((r) => r.code);
  // in a grid (empty cells kept) a code standing right of a figure column shows it even on rows whose figures
  // are empty (`301→03→奖金→(empty)→302→03→咨询费→(empty)`); a figure column is one where most coded rows
  // have a figure (a stray number in a code column does not make it one)
  let firstFigureColumn = Infinity;
  if (view.reading === 'grid') {
    for (const c of view.columns) {
      const figures = rows.filter((r) => r.row.cells.some((x) => x.column === c.key && x.kind === 'amount')).length;
      const moneyHeader = /合计|小计|总计|数$|金额|经费|支出$|收入$/.test(c.text) && !/编码|名称|[类款项]$/.test(c.text);
      if (figures > 0 && (moneyHeader || figures * 2 >= rows.length)) firstFigureColumn = Math.min(firstFigureColumn, c.key);
    }
  }
  const split = rows.filter((r) => {
    const firstAmount = r.row.cells.findIndex((c) => c.kind === 'amount');
    if (firstAmount >= 0 && r.row.cells.slice(firstAmount).some((c) => c.kind === 'code')) return true;
    return r.row.cells.some((c) => c.kind === 'code' && c.column > firstFigureColumn);
  });
  return rows.length > 0 && split.length * 2 >= rows.length;
}

function columnName(view: TableView, key: number): string {
  const col = view.columns.find((c) => c.key === key);
  return col && col.header.length ? col.header[col.header.length - 1] : '';
}

function codeHierarchy(view: TableView, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const coded = view.rows.filter((r) => r.code);
  if (coded.length === 0) return out;
  const parentCodes = new Map<string, number>();
  for (const r of coded) parentCodes.set(r.code!, (parentCodes.get(r.code!) ?? 0) + 1);
  const rows = view.rows;
  for (let i = 0; i < rows.length; i++) {
    const parent = rows[i];
    if (!parent.code) continue;
    const len = parent.code.length;
    if (parentCodes.get(parent.code)! > 1 && len === 3 && isUnitTable(view)) continue; // 164 printed twice: no safe reading
    const block: RowView[] = [];
    for (let j = i + 1; j < rows.length; j++) {
      const r = rows[j];
      if (r.code && r.code.length <= len) break;
      if (isTotalLabel(r.label?.text)) break;
      block.push(r);
    }
    const codedBlock = block.filter((r) => r.code);
    if (codedBlock.length === 0 || codedBlock.some((r) => !r.code!.startsWith(parent.code!))) continue;
    if (view.ambiguous.has(parent) || codedBlock.some((r) => view.ambiguous.has(r))) continue;
    // a code of impossible shape below (302201: 款 or 项?) leaves the level of its row unknown: malformed-code
    // reports it, and the sum it may belong to is not judged
    if (codedBlock.some((r) => !SUBJECT_CODE.test(r.code!))) continue;
    const childLen = Math.min(...codedBlock.map((r) => r.code!.length));
    const children = codedBlock.filter((r) => r.code!.length === childLen);
    out.push(
      ...rowAgainstRows(view, ctx, parent, children, rowName(parent.code, parent.label?.text), message(ctx.locale, 'sum-of-children')),
    );
  }
  // 合计 / 总计 rows = Σ the top-level coded rows. The level is that of the well-formed codes: a stray `7`
  // printed in the 类 column (for 210) is a malformed code, not a level above every 类
  const wellFormed = coded.filter((r) => SUBJECT_CODE.test(r.code!));
  if (wellFormed.length === 0) return out;
  const top = Math.min(...wellFormed.map((r) => r.code!.length));
  const topRows = wellFormed.filter((r) => r.code!.length === top);
  const topAmbiguous = topRows.some((r) => view.ambiguous.has(r));
  for (const total of rows.filter((r) => !r.code && isTotalLabel(r.label?.text) && !topAmbiguous && !view.ambiguous.has(r))) {
    out.push(...rowAgainstRows(view, ctx, total, topRows, total.label!.text, message(ctx.locale, 'sum-of-items')));
  }
  return out;
}

/** Each figure of `target` against the same column summed over `rows`. */
function rowAgainstRows(view: TableView, ctx: CheckContext, target: RowView, rows: RowView[], subject: string, basis: string): Finding[] {
  const out: Finding[] = [];
  for (const col of view.columns) {
    const cell = target.values.get(col.key);
    if (!cell) continue;
    const parts = rows.map((r) => part(r, col.key)).filter((p): p is Part => !!p);
    if (parts.length === 0) continue;
    const f = checkSum(ctx, {
      rule: 'sum-mismatch',
      target: cell,
      subject: `${subject}${columnLabel(view, col, ctx)}`,
      basis,
      parts,
      decimals: view.decimals,
      grouped: view.grouped,
    });
    if (f) out.push(f);
  }
  return out;
}

const isUnitTable = (view: TableView): boolean => view.rows.some((r) => r.code && /^\d{6}$/.test(r.code));

function columnLabel(view: TableView, col: ValueColumn, ctx: CheckContext): string {
  const name = columnName(view, col.key);
  if (!(view.columns.length > 1 && name)) return '';
  return message(ctx.locale, 'column', { column: name });
}

function part(r: RowView, key: number): Part | undefined {
  const cell = r.values.get(key);
  if (!cell) return undefined;
  return { cell, value: valueOf(r, key), label: [r.code, r.label?.text].filter(Boolean).join(' ') };
}

// ---------------------------------------------------------------- cross-foot

const TOTAL_WORD = /^(?:合计|小计|总计|本年支出合计|本年收入合计|支出合计|收入合计|本年支出|收入总计)$/;
const NOT_A_PART = /备注|说明|其中/;

interface Relation {
  total: ValueColumn;
  parts: ValueColumn[];
  /** How messages name the columns, where their lowest heading alone would not tell them apart. */
  names?: { total: string; parts: string[] };
}

/** Total columns and their parts, read from the header (groups from merged upper header cells). */
export function headerRelations(columns: ValueColumn[]): Relation[] {
  const relations: Relation[] = [];
  const own = (c: ValueColumn) => c.header[c.header.length - 1] ?? '';
  const group = (c: ValueColumn) => c.header.slice(0, -1).join('/');
  for (let t = 0; t < columns.length; t++) {
    const total = columns[t];
    // a total named for what it totals (“三公”经费合计) is one where the domain's identities know it
    if (!TOTAL_WORD.test(own(total)) && !isIdentityTotal(total.text)) continue;
    const g = group(total);
    const parts: ValueColumn[] = [];
    for (let k = t + 1; k < columns.length; k++) {
      const c = columns[k];
      const cg = group(c);
      if (!(cg === g || cg.startsWith(g ? g + '/' : ''))) break; // left the total's group
      if (cg === g && TOTAL_WORD.test(own(c))) break; // a sibling total starts the next block
      if (NOT_A_PART.test(c.text.slice(g.length))) continue;
      if (cg === g) {
        parts.push(c);
        continue;
      }
      // a nested group: its own subtotal if it has one, else all its columns
      const nested = cg.slice(g ? g.length + 1 : 0).split('/')[0];
      const members: ValueColumn[] = [];
      while (
        k < columns.length &&
        group(columns[k])
          .slice(g ? g.length + 1 : 0)
          .split('/')[0] === nested &&
        group(columns[k]) !== g
      )
        members.push(columns[k++]);
      k--;
      const subtotal = members.find((m) => TOTAL_WORD.test(own(m)));
      parts.push(...(subtotal ? [subtotal] : members.filter((m) => !NOT_A_PART.test(m.text))));
    }
    if (parts.length >= 2 || (parts.length === 1 && g)) relations.push({ total, parts });
  }
  return [...relations, ...crossedRelations(columns)];
}

/**
 * Headers that cross two classifications (深圳: `总计 | 因公出国 | 公务接待 | 公务用车…` over `一般公共预算 |
 * 政府性基金 | 国有资本经营` each): a total word above the lowest row totals, for each lowest heading, the sibling
 * groups' columns with that same lowest heading — the group's own 小计 where the group has one. A sibling
 * without exactly one such column leaves the relation unread.
 */
function crossedRelations(columns: ValueColumn[]): Relation[] {
  const relations: Relation[] = [];
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((w, i) => w === b[i]);
  for (const total of columns) {
    const h = total.header;
    for (let k = 0; k < h.length - 1; k++) {
      if (!TOTAL_WORD.test(h[k])) continue;
      const prefix = h.slice(0, k);
      const leaf = h.slice(k + 1);
      const siblings = columns.filter(
        (c) =>
          c !== total &&
          c.header.length > k &&
          same(c.header.slice(0, k), prefix) &&
          c.header[k] !== h[k] &&
          same(c.header.slice(-leaf.length), leaf) &&
          c.header.length - leaf.length > k,
      );
      const byGroup = new Map<string, ValueColumn[]>();
      for (const c of siblings) byGroup.set(c.header[k], [...(byGroup.get(c.header[k]) ?? []), c]);
      const parts: ValueColumn[] = [];
      for (const members of byGroup.values()) {
        const own = members.length === 1 ? members : members.filter((m) => TOTAL_WORD.test(m.header[k + 1] ?? ''));
        if (own.length !== 1 || NOT_A_PART.test(own[0].header[k])) {
          parts.length = 0;
          break;
        }
        parts.push(own[0]);
      }
      if (parts.length >= 2) relations.push({ total, parts, names: { total: h.join('/'), parts: parts.map((p) => p.header[k]) } });
    }
  }
  return relations;
}

function crossFoot(view: TableView, ctx: CheckContext): Finding[] {
  const columns = view.columns.filter((c) => c.header.length > 0);
  const out: Finding[] = [];
  for (const rel of headerRelations(columns)) {
    const considered = view.rows.filter(
      (r) =>
        !view.ambiguous.has(r) &&
        r.values.get(rel.total.key) &&
        (!valueOf(r, rel.total.key).isZero() || rel.parts.some((p) => !valueOf(r, p.key).isZero())),
    );
    const consistent = considered.filter((r) => {
      const sum = rel.parts.reduce((s, p) => s.plus(valueOf(r, p.key)), new Decimal(0));
      return judge(sum, valueOf(r, rel.total.key), sumTolerance(rel.parts.length, view.decimals)) !== 'mismatch';
    });
    // The header is our reading of a converted document: trust it only if the table's own rows agree — or if it
    // reads as an identity every such table must satisfy (the one-row “三公”经费 table)
    const known = isKnownIdentity(
      rel.total.text,
      rel.parts.map((p) => p.text),
    );
    if (!known && (consistent.length < 2 || consistent.length * 3 < considered.length * 2)) continue;
    // columns left empty throughout told which columns the total adds; as parts they add nothing but noise
    const shown = rel.parts
      .map((p, i) => ({ p, name: rel.names?.parts[i] ?? p.header[p.header.length - 1] }))
      .filter(({ p }) => view.rows.some((r) => r.values.get(p.key)?.kind === 'amount'));
    for (const r of considered) {
      const basis = shown.map((x) => x.name).join('+');
      const f = checkSum(ctx, {
        rule: 'crossfoot-mismatch',
        template: 'crossfoot',
        target: r.values.get(rel.total.key)!,
        subject: `${rowName(r.code, r.label?.text)}「${rel.names?.total ?? rel.total.header[rel.total.header.length - 1]}」`,
        basis: `「${basis}」`,
        parts: shown.map(({ p, name }) => ({
          cell: r.values.get(p.key),
          value: valueOf(r, p.key),
          label: name,
          range: r.values.get(p.key)?.range,
        })),
        decimals: view.decimals,
        grouped: view.grouped,
      });
      if (f) out.push(f);
    }
  }
  return out;
}
