// Pages of blocks → the canonical text: page headers, footers and numbers dropped, a table that runs over
// pages kept as one (its repeated header rows dropped), prose lines broken by the page width joined back into
// paragraphs, a blank line between blocks.
import type { LineOrigin } from '../types.js';
import { finishesRow, joinPieces, trimColumns, type LineBlock, type PageBlock, type TableBlock, type TableRow } from './layout.js';

export interface LaidOutPage {
  /** 1-based. */
  page: number;
  width: number;
  height: number;
  blocks: PageBlock[];
}

export interface Assembled {
  lines: string[];
  origins: (LineOrigin | undefined)[];
}

const compact = (s: string) => s.replace(/[\s\u3000]+/g, '');

// `3`, `- 3 -`, `— 3 —`, `第3页`, `第 3 页 共 20 页`, `3/20`, `Page 3 of 20`
const PAGE_NUMBER = /^(?:第?\d{1,4}页?(?:[/／]\d{1,4})?(?:共\d{1,4}页)?|\d{1,4}[/／]\d{1,4}|page\d{1,4}(?:of\d{1,4})?)$/i;
const isPageNumber = (text: string) =>
  PAGE_NUMBER.test(
    compact(text)
      .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
      .replace(/^[-—–－·•~〜_]+|[-—–－·•~〜_]+$/g, ''),
  );

const TOP_ZONE = 0.12;
const BOTTOM_ZONE = 0.88;

/** Page furniture: lines in the top or bottom margin that are page numbers or recur on most pages. */
function dropFurniture(pages: LaidOutPage[]): LaidOutPage[] {
  const zoneOf = (p: LaidOutPage, b: LineBlock): 'top' | 'bottom' | undefined =>
    b.y < TOP_ZONE * p.height ? 'top' : b.y > BOTTOM_ZONE * p.height ? 'bottom' : undefined;
  // only the first and last two blocks of a page can be furniture
  const candidates = (p: LaidOutPage): LineBlock[] => {
    const edge = [...p.blocks.slice(0, 2), ...p.blocks.slice(-2)];
    return edge.filter((b): b is LineBlock => b.kind === 'line' && b.size > 0 && zoneOf(p, b) !== undefined);
  };
  const recurring = new Map<string, Set<number>>();
  for (const p of pages) {
    for (const b of candidates(p)) {
      const key = zoneOf(p, b) + '\u0000' + compact(b.text);
      let set = recurring.get(key);
      if (!set) recurring.set(key, (set = new Set()));
      set.add(p.page);
    }
  }
  const enough = Math.max(3, Math.ceil(0.5 * pages.length));
  return pages.map((p) => {
    const drop = new Set<PageBlock>();
    for (const b of candidates(p)) {
      const zone = zoneOf(p, b);
      if ((zone === 'bottom' || zone === 'top') && isPageNumber(b.text)) drop.add(b);
      else if ((recurring.get(zone + '\u0000' + compact(b.text))?.size ?? 0) >= enough) drop.add(b);
    }
    return drop.size ? { ...p, blocks: p.blocks.filter((b) => !drop.has(b)) } : p;
  });
}

const rowKey = (r: TableRow) => r.cells.map(compact).join('|');
const AMOUNT = /^[-−]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)$/;
const hasAmount = (r: TableRow) => r.cells.some((c) => AMOUNT.test(compact(c)));

/** The header rows of a table: the rows before its first row with an amount (at most a handful). */
function headerKeys(t: TableBlock): Set<string> {
  const keys = new Set<string>();
  for (const r of t.rows.slice(0, 8)) {
    if (hasAmount(r)) break;
    keys.add(rowKey(r));
  }
  return keys;
}

interface FlowTable {
  kind: 'table';
  table: TableBlock;
  page: number;
  header: Set<string>;
  preamble: Set<string>;
  origins: LineOrigin[];
}
interface FlowLine {
  kind: 'line';
  line: LineBlock;
  page: number;
}
type Flow = FlowTable | FlowLine;

/**
 * Blocks of all pages in reading order. A table that ends one page and starts the next with as many columns is
 * one table: the rows of the next page that repeat its header are dropped, and so are the lines above it that
 * repeat the lines above the table (a title, `单位：万元` printed again on the continuation page).
 */
function flow(pages: LaidOutPage[]): Flow[] {
  const out: Flow[] = [];
  for (const p of pages) {
    let lead = 0;
    while (lead < p.blocks.length && p.blocks[lead].kind === 'line') lead++;
    const prev = out[out.length - 1];
    const first = p.blocks[lead];
    const continued =
      prev?.kind === 'table' &&
      prev.page < p.page &&
      first?.kind === 'table' &&
      prev.table.columns === first.columns &&
      p.blocks.slice(0, lead).every((b) => b.kind === 'line' && prev.preamble.has(compact(b.text)));
    p.blocks.forEach((b, i) => {
      if (continued && i < lead) return;
      if (continued && i === lead && b.kind === 'table') {
        let rows = b.rows;
        while (rows.length && prev.header.has(rowKey(rows[0]))) rows = rows.slice(1);
        // a row cut by the page break: its rest, at the top of this page, goes back into it
        const last = prev.table.rows[prev.table.rows.length - 1];
        if (last && rows.length && finishesRow(last, rows[0], prev.table.rows)) {
          const rest = rows[0];
          prev.table = {
            ...prev.table,
            rows: [...prev.table.rows.slice(0, -1), { ...last, cells: last.cells.map((c, k) => joinPieces([c, rest.cells[k]])) }],
          };
          rows = rows.slice(1);
        }
        prev.table = { ...prev.table, rows: [...prev.table.rows, ...rows] };
        prev.origins.push(...rows.map((r) => ({ page: p.page, y: Math.round(r.y) })));
        prev.page = p.page;
        return;
      }
      if (b.kind === 'line') {
        out.push({ kind: 'line', line: b, page: p.page });
        return;
      }
      // the lines right above a table on its page: its title, number, unit
      const preamble = new Set<string>();
      for (let j = out.length - 1; j >= 0 && preamble.size < 8; j--) {
        const f = out[j];
        if (f.kind !== 'line' || f.page !== p.page) break;
        preamble.add(compact(f.line.text));
      }
      out.push({
        kind: 'table',
        table: b,
        page: p.page,
        header: headerKeys(b),
        preamble,
        origins: b.rows.map((r) => ({ page: p.page, y: Math.round(r.y) })),
      });
    });
  }
  return out;
}

/** Where justified prose starts and ends on pages of one width: the most common line ends and starts. */
function proseMargins(pages: LaidOutPage[]): Map<number, { left: number; right: number }> {
  const byWidth = new Map<number, LineBlock[]>();
  for (const p of pages) {
    const key = Math.round(p.width);
    let list = byWidth.get(key);
    if (!list) byWidth.set(key, (list = []));
    for (const b of p.blocks) if (b.kind === 'line' && b.size > 0) list.push(b);
  }
  const margins = new Map<number, { left: number; right: number }>();
  for (const [width, lines] of byWidth) {
    const mode = (values: number[], pick: (bin: number[]) => number): number | undefined => {
      const bins = new Map<number, number[]>();
      for (const v of values) {
        const k = Math.round(v / 3);
        let bin = bins.get(k);
        if (!bin) bins.set(k, (bin = []));
        bin.push(v);
      }
      let best: number[] | undefined;
      for (const bin of bins.values()) if (!best || bin.length > best.length) best = bin;
      return best && best.length >= 3 ? pick(best) : undefined;
    };
    const rights = lines.map((l) => l.x1).filter((x) => x > 0.55 * width);
    const lefts = lines.map((l) => l.x0).filter((x) => x < 0.45 * width);
    margins.set(width, {
      right: mode(rights, (b) => Math.max(...b)) ?? (rights.length ? Math.max(...rights) : Infinity),
      left: mode(lefts, (b) => Math.min(...b)) ?? (lefts.length ? Math.min(...lefts) : -Infinity),
    });
  }
  return margins;
}

// a line that starts an item of its own: `1.` `（二）` `三、` `第一部分`
const ITEM_START =
  /^(?:\d{1,2}[.、．)）]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十\d]{1,3}[部章节条])/;

/** How wide the first word of a line is: a CJK character, or a run of Latin letters and digits. */
function firstWordWidth(text: string, size: number): number {
  const latin = /^[A-Za-z0-9.,%‰+\-−/:()]+/.exec(text);
  return latin ? latin[0].length * 0.5 * size : size;
}

export function assemble(pagesIn: LaidOutPage[]): Assembled {
  const pages = dropFurniture(pagesIn);
  const widthOf = new Map(pages.map((p) => [p.page, Math.round(p.width)]));
  const margins = proseMargins(pages);
  const items = flow(pages);
  const lines: string[] = [];
  const origins: (LineOrigin | undefined)[] = [];
  const block = (texts: string[], where: LineOrigin[]) => {
    if (lines.length) {
      lines.push('');
      origins.push(undefined);
    }
    lines.push(...texts);
    origins.push(...where);
  };
  // does `b` continue the paragraph whose last line is `a`?
  const continues = (a: FlowLine, b: FlowLine): boolean => {
    const la = a.line,
      lb = b.line;
    if (la.size <= 0 || lb.size <= 0 || Math.abs(la.size - lb.size) > 0.2 * la.size) return false;
    const ma = margins.get(widthOf.get(a.page)!)!,
      mb = margins.get(widthOf.get(b.page)!)!;
    // a line ends its paragraph when the next line's first word would have fitted after it
    if (la.x1 + firstWordWidth(lb.text, lb.size) < ma.right - 0.3 * la.size) return false;
    if (lb.x0 > mb.left + 0.6 * lb.size) return false; // an indented line starts one
    if (/[。；;：:！!？?]$/.test(la.text) && ITEM_START.test(lb.text)) return false; // a list without indents
    if (a.page === b.page) return lb.y > la.y && lb.y - la.y <= 2.2 * la.size;
    return b.page === a.page + 1;
  };
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item.kind === 'table') {
      // columns empty in every row at the edges (the margins of an open-sided grid) go once the table is whole
      const table = trimColumns(item.table);
      if (table.rows.length)
        block(
          table.rows.map((r) => r.cells.join('\t')),
          item.origins,
        );
      continue;
    }
    const pieces = [item.line.text];
    let last = item;
    while (i + 1 < items.length && items[i + 1].kind === 'line' && continues(last, items[i + 1] as FlowLine)) {
      last = items[++i] as FlowLine;
      pieces.push(last.line.text);
    }
    const text = joinPieces(pieces).replace(/\t/g, ' ');
    if (text) block([text], [{ page: item.page, y: Math.round(item.line.y) }]);
  }
  return { lines, origins };
}
