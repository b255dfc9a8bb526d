// One page → blocks in reading order: table blocks (rows of cells, every column in place) and text lines.
// Tables come from the ruling lines where the page draws them (the vertical rules are the column boundaries,
// the horizontal rules the row boundaries) and from the alignment of the text where it does not.
import { splitGlyph, type Glyph, type Rule } from './geometry.js';

export interface TableRow {
  cells: string[];
  /** Baseline of the row's first line, from the top of the page. */
  y: number;
}

export interface TableBlock {
  kind: 'table';
  rows: TableRow[];
  columns: number;
  top: number;
  bottom: number;
}

export interface LineBlock {
  kind: 'line';
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

export type PageBlock = TableBlock | LineBlock;

/** A figure as tables print them: 1,234.56 / -12 / 3.5% / a dash standing for nothing. */
const FIGURE = /^(?:[-−+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?|[-−－—–]{1,3}|[(（]\d[\d,]*(?:\.\d+)?[)）])$/;
const CJK_EDGE = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2018-\u201f\u2026\u2014]/;

/** Glue between two pieces of text of one cell or line: nothing next to CJK, a space between words. */
function glue(before: string, after: string): string {
  if (!before || !after) return '';
  const a = before[before.length - 1],
    b = after[0];
  if (CJK_EDGE.test(a) || CJK_EDGE.test(b)) return '';
  // a figure broken over two lines of a narrow cell (`1,234,` + `567.00`) is one figure
  if (/[\d,.]/.test(a) && /\d/.test(b) && /\d/.test(before)) return '';
  // `3` + `.` (+ `83`): a figure letter-spaced in a justified line (`购 预 算 3 . 8 3 万 元`) is one figure
  if (/\d/.test(a) && /^[.．](?:\d|$)/.test(after)) return '';
  return ' ';
}

export function joinPieces(pieces: string[]): string {
  let out = '';
  for (const p of pieces) {
    const t = p.trim();
    if (!t) continue;
    out += glue(out, t) + t;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Lines

export interface Line {
  y: number;
  size: number;
  glyphs: Glyph[];
  x0: number;
  x1: number;
}

/** Glyphs on one baseline (within a third of the font size) form a line, sorted left to right. */
export function groupLines(glyphs: Glyph[]): Line[] {
  const sorted = [...glyphs].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const lines: Line[] = [];
  for (const g of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(g.y - last.y) <= 0.35 * Math.min(Math.max(last.size, g.size), 2 * Math.min(last.size, g.size))) {
      last.glyphs.push(g);
      last.size = Math.max(last.size, g.size);
    } else {
      lines.push({ y: g.y, size: g.size, glyphs: [g], x0: 0, x1: 0 });
    }
  }
  for (const l of lines) {
    l.glyphs.sort((a, b) => a.x0 - b.x0);
    l.x0 = Math.min(...l.glyphs.map((g) => g.x0));
    l.x1 = Math.max(...l.glyphs.map((g) => g.x1));
  }
  return lines;
}

/** Text of glyphs on one line, left to right: a space where the PDF had one or where words stand apart. */
function lineText(glyphs: Glyph[], prose = false): string {
  let out = '';
  let prev: Glyph | undefined;
  for (const g of glyphs) {
    const gap = prev ? g.x0 - prev.x1 : 0;
    // in running text a gap of a character or more is a space the author typed (`第一条　为加强…`); in a
    // cell it is letter spacing (`合    计`)
    // …but never inside a figure: `3 .83万元` is 3.83 set with a wide gap (a space there splits the number)
    const insideFigure =
      (/\d$/.test(out) && /^[.,．]?\d/.test(g.text)) ||
      (/\d[.,]$/.test(out) && /^\d/.test(g.text)) ||
      (/\d$/.test(out) && /^[.．]/.test(g.text));
    if (prev && prose && !insideFigure && gap > 0.8 * Math.min(g.size, prev.size)) out += ' ';
    else if (prev && (g.spaceBefore || gap > 0.25 * Math.min(g.size, prev.size))) out += glue(out, g.text);
    out += g.text;
    prev = g;
  }
  return out;
}

/** Pieces of a line separated by wide gaps (wider than a character): the cells of a table drawn without rules. */
function chunksOf(line: Line): Glyph[][] {
  const chunks: Glyph[][] = [];
  let prev: Glyph | undefined;
  for (const g of line.glyphs) {
    if (!prev || g.x0 - prev.x1 > 1.1 * Math.min(g.size, prev.size)) chunks.push([g]);
    else chunks[chunks.length - 1].push(g);
    prev = g;
  }
  return chunks;
}

// ---------------------------------------------------------------------------------------------------------
// Rows made of several lines

interface RowLine {
  y: number;
  size: number;
  /** Glyphs by the column (index) they fall in. */
  cells: Map<number, Glyph[]>;
}

const isFigureText = (glyphs: Glyph[]): boolean => FIGURE.test(glyphs.map((g) => g.text).join(''));

/** A line that is surely a row of its own: text in two cells or more, one of them a figure. */
function isAnchor(l: RowLine): boolean {
  if (l.cells.size < 2) return false;
  for (const glyphs of l.cells.values()) if (isFigureText(glyphs)) return true;
  return false;
}

const cellText = (glyphs: Glyph[]): string =>
  [...glyphs]
    .sort((a, b) => a.x0 - b.x0)
    .map((g) => g.text)
    .join('');
const decimalsOf = (t: string): number => {
  const m = /\.(\d*)%?$/.exec(t);
  return m ? m[1].length : 0;
};

/**
 * A line holding nothing but the last digits of figures cut by narrow cells (`370,219.2` over `5`, `293,191.8`
 * over `6`, the name 合计 between them) continues the cells above it: it is not a row of its own, even where two
 * or more of its cells hold "figures". Told by the figure above each piece: with the piece it has the decimals
 * the other figures print (the most printed), without it fewer.
 */
function wrapsFigures(lines: RowLine[]): boolean[] {
  // the most decimals printed (the cut figures print fewer)
  let usual = 0;
  for (const l of lines)
    for (const glyphs of l.cells.values()) {
      const t = cellText(glyphs);
      if (FIGURE.test(t)) usual = Math.max(usual, decimalsOf(t));
    }
  return lines.map((l, i) => {
    if (i === 0 || usual === 0) return false;
    for (const [c, glyphs] of l.cells) {
      const piece = cellText(glyphs);
      const above = lines[i - 1].cells.get(c);
      if (!/^\d{1,3}$/.test(piece) || !above) return false;
      const cut = cellText(above);
      if (!FIGURE.test(cut + piece) || !cut.includes('.') || decimalsOf(cut) >= usual || decimalsOf(cut + piece) !== usual) return false;
    }
    return l.cells.size > 0;
  });
}

/**
 * The first row of a continuation page that finishes the last row of the page before (a row cut by the page
 * break: `杭州市机动 … 12,437.3` ends one page, `车驾驶员考试服务中心 … 6` starts the next): it holds the last
 * digits of cut figures — as above, they give the figure the decimals the table prints, and it has fewer
 * without them — and otherwise only the rest of names, each under a name. Nothing else may be in it.
 */
export function finishesRow(above: TableRow, row: TableRow, rows: TableRow[]): boolean {
  let usual = 0;
  for (const r of rows) for (const t of r.cells) if (FIGURE.test(t)) usual = Math.max(usual, decimalsOf(t));
  if (usual === 0 || row.cells.length !== above.cells.length) return false;
  let pieces = 0;
  for (let c = 0; c < row.cells.length; c++) {
    const t = row.cells[c],
      cut = above.cells[c];
    if (!t) continue;
    if (
      /^\d{1,3}$/.test(t) &&
      cut.includes('.') &&
      FIGURE.test(cut) &&
      decimalsOf(cut) < usual &&
      FIGURE.test(cut + t) &&
      decimalsOf(cut + t) === usual
    ) {
      pieces++;
      continue;
    }
    if (FIGURE.test(t) || !cut || FIGURE.test(cut)) return false;
  }
  return pieces > 0;
}

/** Lines that are rows of their own: anchors that are not the cut-off digits of the line above. */
function anchorsOf(lines: RowLine[]): boolean[] {
  const wraps = wrapsFigures(lines);
  return lines.map((l, i) => isAnchor(l) && !wraps[i]);
}

/**
 * Lines of table text → rows. A line with figures is a row; a line without (the second line of a wrapped
 * name, a code printed half a line above or below its name) belongs to the nearest such row, within a line
 * and a half; ties go to the row above, where wrapped text starts.
 */
function linesToRows(linesIn: RowLine[]): RowLine[][] {
  const lines = mergeCloseLines(linesIn);
  const anchors = anchorsOf(lines);
  const wraps = wrapsFigures(lines);
  const groupOf = new Map<number, RowLine[]>();
  lines.forEach((l, i) => {
    if (anchors[i]) groupOf.set(i, [l]);
  });
  if (groupOf.size === 0) return lines.map((l) => [l]);
  lines.forEach((l, i) => {
    if (anchors[i]) return;
    // cut-off digits belong to the figures right above them, however tall the row
    if (wraps[i] && groupOf.has(i - 1)) {
      groupOf.get(i - 1)!.push(l);
      groupOf.set(i, groupOf.get(i - 1)!);
      return;
    }
    let up = -1,
      down = -1;
    for (let j = i - 1; j >= 0; j--)
      if (anchors[j]) {
        up = j;
        break;
      }
    for (let j = i + 1; j < lines.length; j++)
      if (anchors[j]) {
        down = j;
        break;
      }
    const reach = 1.6 * l.size;
    const dUp = up >= 0 ? l.y - lines[up].y : Infinity;
    const dDown = down >= 0 ? lines[down].y - l.y : Infinity;
    let target = -1;
    if (dUp <= reach && dUp <= dDown + 0.15 * l.size) target = up;
    else if (dDown <= reach) target = down;
    // a fragment only joins a row across other fragments that went the same way
    if (target >= 0) {
      const lo = Math.min(target, i),
        hi = Math.max(target, i);
      for (let j = lo + 1; j < hi; j++)
        if (!anchors[j] && !groupOf.has(j)) {
          target = -1;
          break;
        }
    }
    if (target >= 0) {
      groupOf.get(target)!.push(l);
      groupOf.set(i, groupOf.get(target)!);
    } else groupOf.set(i, [l]);
  });
  // keep rows in page order (a fragment attached to a row below is listed before it, the row once)
  const seen = new Set<RowLine[]>();
  const ordered: RowLine[][] = [];
  for (let i = 0; i < lines.length; i++) {
    const g = groupOf.get(i)!;
    if (!seen.has(g)) {
      seen.add(g);
      ordered.push(g);
    }
  }
  return ordered;
}

/** A row of several lines → cell texts: each cell's lines top to bottom, each left to right. */
function rowCells(lines: RowLine[], columns: number): string[] {
  const cells: string[] = [];
  for (let c = 0; c < columns; c++) {
    const glyphs = lines.flatMap((l) => l.cells.get(c) ?? []);
    cells.push(glyphs.length ? joinPieces(groupLines(glyphs).map((l) => lineText(l.glyphs))) : '');
  }
  return cells;
}

/**
 * Baselines closer than a line's height are one row printed with cells aligned differently (a figure at the
 * top of its cell beside a name in the middle of its own); they are taken as one line.
 */
function mergeCloseLines(lines: RowLine[]): RowLine[] {
  const out: RowLine[] = [];
  for (const l of [...lines].sort((a, b) => a.y - b.y)) {
    const last = out[out.length - 1];
    if (last && l.y - last.y < 0.9 * Math.min(l.size, last.size)) {
      const cells = new Map(last.cells);
      for (const [c, glyphs] of l.cells) cells.set(c, [...(cells.get(c) ?? []), ...glyphs]);
      out[out.length - 1] = { y: last.y, size: Math.max(last.size, l.size), cells };
    } else {
      out.push(l);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Tables drawn with rules

interface Grid {
  xs: number[];
  ys: number[];
  horizontal: Rule[];
  vertical: Rule[];
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

const SNAP = 1.5;
const TOUCH = 3;

/** Collinear rules that overlap or nearly meet become one. */
function mergeRules(rules: Rule[], horizontal: boolean): Rule[] {
  const pos = (r: Rule) => (horizontal ? r.y0 : r.x0);
  const from = (r: Rule) => (horizontal ? r.x0 : r.y0);
  const to = (r: Rule) => (horizontal ? r.x1 : r.y1);
  const sorted = [...rules].sort((a, b) => pos(a) - pos(b) || from(a) - from(b));
  const out: Rule[] = [];
  // group by position, then merge intervals within a group
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && pos(sorted[j + 1]) - pos(sorted[i]) <= SNAP) j++;
    const group = sorted.slice(i, j + 1).sort((a, b) => from(a) - from(b));
    const p = group.reduce((s, r) => s + pos(r), 0) / group.length;
    let start = from(group[0]),
      end = to(group[0]);
    for (const r of group.slice(1)) {
      if (from(r) <= end + TOUCH) end = Math.max(end, to(r));
      else {
        out.push(horizontal ? { x0: start, x1: end, y0: p, y1: p } : { x0: p, x1: p, y0: start, y1: end });
        start = from(r);
        end = to(r);
      }
    }
    out.push(horizontal ? { x0: start, x1: end, y0: p, y1: p } : { x0: p, x1: p, y0: start, y1: end });
    i = j + 1;
  }
  return out;
}

const touches = (h: Rule, v: Rule): boolean => v.x0 >= h.x0 - TOUCH && v.x0 <= h.x1 + TOUCH && h.y0 >= v.y0 - TOUCH && h.y0 <= v.y1 + TOUCH;

function cluster(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) if (!out.length || v - out[out.length - 1] > SNAP * 2) out.push(v);
  return out;
}

/** Rules that touch one another form a grid; one with at least two columns and one row is a table. */
function findGrids(horizontalIn: Rule[], verticalIn: Rule[]): Grid[] {
  const horizontal = mergeRules(horizontalIn, true);
  const vertical = mergeRules(verticalIn, false);
  const n = horizontal.length + vertical.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  // sweep by x would be faster; pages have at most a few hundred merged rules, so the plain double loop is fine
  for (let a = 0; a < horizontal.length; a++) {
    for (let b = 0; b < vertical.length; b++) {
      if (touches(horizontal[a], vertical[b])) parent[find(a)] = find(horizontal.length + b);
    }
  }
  const groups = new Map<number, { h: Rule[]; v: Rule[] }>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { h: [], v: [] }));
    if (i < horizontal.length) g.h.push(horizontal[i]);
    else g.v.push(vertical[i - horizontal.length]);
  }
  const grids: Grid[] = [];
  for (const { h, v } of groups.values()) {
    if (h.length < 2 || v.length < 2) continue;
    const x0 = Math.min(...h.map((r) => r.x0), ...v.map((r) => r.x0));
    const x1 = Math.max(...h.map((r) => r.x1), ...v.map((r) => r.x0));
    const y0 = Math.min(...v.map((r) => r.y0), ...h.map((r) => r.y0));
    const y1 = Math.max(...v.map((r) => r.y1), ...h.map((r) => r.y0));
    // the outer edges count as boundaries even where a table leaves its sides open
    const xs = cluster([x0, x1, ...v.map((r) => r.x0)]);
    const ys = cluster([y0, y1, ...h.map((r) => r.y0)]);
    if (xs.length < 3 || ys.length < 2) continue; // a frame around text, not a table
    grids.push({ xs, ys, horizontal: h, vertical: v, x0, x1, y0, y1 });
  }
  return grids;
}

const indexIn = (bounds: number[], v: number): number => {
  // bounds sorted; answer k with bounds[k] <= v < bounds[k+1], clamped to the inside
  let k = 0;
  while (k + 2 < bounds.length && v >= bounds[k + 1]) k++;
  return k;
};

/** The middle of a glyph's height, where it sits in a cell (the baseline is near the glyph's bottom). */
const middleOf = (g: Glyph) => g.y - 0.35 * g.size;

function gridTable(grid: Grid, glyphs: Glyph[]): PageBlock[] {
  const { xs, ys } = grid;
  const columns = xs.length - 1;
  const bands = ys.length - 1;
  // which inner column boundaries are drawn in each band: a missing one means a cell spans both columns
  const drawn: boolean[][] = [];
  for (let r = 0; r < bands; r++) {
    const top = ys[r],
      bottom = ys[r + 1];
    const mid = (top + bottom) / 2;
    const row: boolean[] = [true];
    for (let k = 1; k < columns; k++) {
      row.push(grid.vertical.some((v) => Math.abs(v.x0 - xs[k]) <= SNAP * 2 && v.y0 <= mid + 1 && v.y1 >= mid - 1));
    }
    row.push(true);
    drawn.push(row);
  }
  // which row boundaries are drawn over each column: a missing one means a cell spans both rows
  const ruledAbove: boolean[][] = [];
  for (let r = 0; r < bands; r++) {
    const row: boolean[] = [];
    for (let c = 0; c < columns; c++) {
      const mid = (xs[c] + xs[c + 1]) / 2;
      row.push(r === 0 || grid.horizontal.some((h) => Math.abs(h.y0 - ys[r]) <= SNAP * 2 && h.x0 <= mid + 1 && h.x1 >= mid - 1));
    }
    ruledAbove.push(row);
  }
  const byBand: RowLine[][] = Array.from({ length: bands }, () => []);
  const bandGlyphs: Glyph[][] = Array.from({ length: bands }, () => []);
  // a run of characters drawn across a column rule (one PDF text item filling two cells) is cut at the rule
  const pieces: Glyph[] = [];
  for (const whole of glyphs) {
    let g = whole;
    const r = indexIn(ys, middleOf(g));
    for (let k = 1; k < columns; k++) {
      if (!drawn[r][k] || xs[k] <= g.x0 + 1 || xs[k] >= g.x1 - 1) continue;
      const cut = splitGlyph(g, xs[k]);
      if (!cut) continue;
      pieces.push(cut[0]);
      g = cut[1];
    }
    pieces.push(g);
  }
  for (const g of pieces) {
    // the text of a cell spanning rows belongs to its top row (`事业单位` / `经营收入` in one tall header cell)
    let r = indexIn(ys, middleOf(g));
    const c = indexIn(xs, (g.x0 + g.x1) / 2);
    while (r > 0 && !ruledAbove[r][c]) r--;
    bandGlyphs[r].push(g);
  }
  const blocks: PageBlock[] = [];
  const rows: TableRow[] = [];
  const alone: boolean[] = [];
  for (let r = 0; r < bands; r++) {
    if (!bandGlyphs[r].length) continue;
    for (const line of groupLines(bandGlyphs[r])) {
      const cells = new Map<number, Glyph[]>();
      for (const g of line.glyphs) {
        let c = indexIn(xs, (g.x0 + g.x1) / 2);
        while (c > 0 && !drawn[r][c]) c--; // the text of a merged cell goes to its first column
        let list = cells.get(c);
        if (!list) cells.set(c, (list = []));
        list.push(g);
      }
      byBand[r].push({ y: line.y, size: line.size, cells });
    }
    // one grid row is one table row, unless it holds several rows with figures (a table ruled only between
    // columns): then its lines are split into rows as for a table without rules. Several rows show as one
    // column holding a figure on two lines; lines whose figures stand in different columns are one row whose
    // cells are aligned differently (amounts beside the first line of a wrapped name, the subject code at the
    // cell's bottom beside its second line: 重庆 budget tables), and splitting them cuts the name in two. Digits
    // cut off a figure too wide for its cell (杭州) are not a figure line of their own.
    const bandLines = mergeCloseLines(byBand[r]);
    const anchors = anchorsOf(bandLines);
    const figureLines = new Map<number, number>();
    bandLines.forEach((l, i) => {
      if (!anchors[i]) return;
      for (const [c, glyphs] of l.cells) if (isFigureText(glyphs)) figureLines.set(c, (figureLines.get(c) ?? 0) + 1);
    });
    const stacked = [...figureLines.values()].some((n) => n >= 2);
    const groups = stacked ? linesToRows(byBand[r]) : [byBand[r]];
    const spansAll = drawn[r].slice(1, columns).every((d) => !d);
    for (const group of groups) {
      const cells = rowCells(group, columns);
      if (cells.every((c) => c === '')) continue;
      rows.push({ cells, y: Math.min(...group.map((l) => l.y)) });
      alone.push(spansAll && cells.filter((c) => c !== '').length === 1);
    }
  }
  // a title or a unit line written inside the table, over its whole width, reads as a line of its own
  let start = 0,
    end = rows.length;
  while (start < end && alone[start]) start++;
  while (end > start && alone[end - 1]) end--;
  const asLine = (row: TableRow): LineBlock => ({
    kind: 'line',
    text: row.cells.find((c) => c !== '')!,
    x0: grid.x0,
    x1: grid.x0,
    y: row.y,
    size: 0,
  });
  for (let i = 0; i < start; i++) blocks.push(asLine(rows[i]));
  if (end > start) blocks.push({ kind: 'table', rows: rows.slice(start, end), columns, top: grid.y0, bottom: grid.y1 });
  for (let i = end; i < rows.length; i++) blocks.push(asLine(rows[i]));
  return blocks;
}

/** Columns empty in every row at the table's left or right edge (margins inside an open-sided grid) go. */
export function trimColumns(t: TableBlock): TableBlock {
  let first = 0,
    last = t.columns - 1;
  const used = (c: number) => t.rows.some((r) => r.cells[c] !== '');
  while (first < last && !used(first)) first++;
  while (last > first && !used(last)) last--;
  if (first === 0 && last === t.columns - 1) return t;
  return { ...t, columns: last - first + 1, rows: t.rows.map((r) => ({ ...r, cells: r.cells.slice(first, last + 1) })) };
}

// ---------------------------------------------------------------------------------------------------------
// Tables drawn without rules

/** `编制单位：…    单位：万元` — labelled fields side by side, not the cells of a table. */
function isLabelLine(chunks: Glyph[][]): boolean {
  return chunks.length >= 2 && chunks.every((c) => /^[^：:]{1,12}[：:]/.test(c.map((g) => g.text).join('')));
}

interface Interval {
  x0: number;
  x1: number;
}

function alignedTable(lines: Line[], chunked: Glyph[][][]): TableBlock {
  const counts = chunked.map((c) => c.length);
  const most = Math.max(...counts);
  const seedMin = Math.max(2, Math.ceil(0.6 * most));
  // columns: the extents of the cells of the fullest rows, overlapping extents merged
  let intervals: Interval[] = [];
  const addExtent = (x0: number, x1: number, merge: boolean) => {
    const hit = intervals.filter((iv) => x0 < iv.x1 && x1 > iv.x0);
    if (hit.length && !merge) return;
    const merged = { x0: Math.min(x0, ...hit.map((h) => h.x0)), x1: Math.max(x1, ...hit.map((h) => h.x1)) };
    intervals = intervals.filter((iv) => !hit.includes(iv));
    intervals.push(merged);
  };
  chunked.forEach((chunks, i) => {
    if (counts[i] >= seedMin) for (const c of chunks) addExtent(c[0].x0, c[c.length - 1].x1, true);
  });
  // cells of the other rows (headers, sparse rows) only add columns where no column is yet
  chunked.forEach((chunks, i) => {
    if (counts[i] < seedMin) for (const c of chunks) addExtent(c[0].x0, c[c.length - 1].x1, false);
  });
  intervals.sort((a, b) => a.x0 - b.x0);
  const columnOf = (g: Glyph): number => {
    let best = 0,
      bestScore = -Infinity;
    intervals.forEach((iv, k) => {
      const overlap = Math.min(g.x1, iv.x1) - Math.max(g.x0, iv.x0);
      const score = overlap > 0 ? overlap : overlap - 1e6; // overlapping first, then the nearest
      if (score > bestScore) {
        bestScore = score;
        best = k;
      }
    });
    return best;
  };
  const rowLines: RowLine[] = lines.map((line) => {
    const cells = new Map<number, Glyph[]>();
    for (const g of line.glyphs) {
      const c = columnOf(g);
      let list = cells.get(c);
      if (!list) cells.set(c, (list = []));
      list.push(g);
    }
    return { y: line.y, size: line.size, cells };
  });
  const rows = linesToRows(rowLines).map((group) => ({ cells: rowCells(group, intervals.length), y: Math.min(...group.map((l) => l.y)) }));
  return { kind: 'table', rows, columns: intervals.length, top: lines[0].y - lines[0].size, bottom: lines[lines.length - 1].y };
}

/** Lines outside ruled tables → text lines and tables found by alignment. */
function freeBlocks(lines: Line[]): PageBlock[] {
  const chunked = lines.map(chunksOf);
  const tabular = chunked.map((c) => c.length >= 2 && !isLabelLine(c));
  const blocks: PageBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    if (tabular[i]) {
      // a run of tabular lines, allowing single wrapped lines close to them
      let j = i;
      let k = i + 1;
      while (k < lines.length) {
        const gap = lines[k].y - lines[k - 1].y;
        if (gap > 3 * Math.max(lines[k].size, lines[k - 1].size)) break;
        if (tabular[k]) {
          j = k;
          k++;
          continue;
        }
        if (k + 1 < lines.length && tabular[k + 1] && lines[k + 1].y - lines[k].y <= 2.5 * lines[k].size) {
          k++;
          continue;
        }
        break;
      }
      // a table has figures in its cells; lines of prose justified with wide gaps have none
      const withFigures = chunked.slice(i, j + 1).filter((chunks) => chunks.slice(1).some(isFigureText)).length;
      if (j > i && withFigures >= 2) {
        blocks.push(alignedTable(lines.slice(i, j + 1), chunked.slice(i, j + 1)));
        i = j + 1;
        continue;
      }
    }
    const line = lines[i];
    // labelled fields side by side, or pieces far apart (a title and a table number), are lines of their own
    const far = chunked[i].some((c, k) => k > 0 && c[0].x0 - chunked[i][k - 1][chunked[i][k - 1].length - 1].x1 > 4 * line.size);
    for (const chunk of isLabelLine(chunked[i]) || far ? chunked[i] : [line.glyphs]) {
      blocks.push({
        kind: 'line',
        text: lineText(chunk, true),
        x0: chunk[0].x0,
        x1: chunk[chunk.length - 1].x1,
        y: line.y,
        size: line.size,
      });
    }
    i++;
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------------------

/** A page's glyphs and rules → its blocks, top to bottom. */
export function layoutPage(glyphs: Glyph[], horizontal: Rule[], vertical: Rule[]): PageBlock[] {
  const grids = findGrids(horizontal, vertical);
  const inGrid: Glyph[][] = grids.map(() => []);
  const free: Glyph[] = [];
  for (const g of glyphs) {
    const cx = (g.x0 + g.x1) / 2,
      cy = middleOf(g);
    const k = grids.findIndex((gr) => cx >= gr.x0 - 1 && cx <= gr.x1 + 1 && cy >= gr.y0 - 1 && cy <= gr.y1 + 1);
    if (k >= 0) inGrid[k].push(g);
    else free.push(g);
  }
  const placed: { y: number; blocks: PageBlock[] }[] = [];
  grids.forEach((grid, k) => {
    if (inGrid[k].length) placed.push({ y: grid.y0, blocks: gridTable(grid, inGrid[k]) });
  });
  const freeLines = groupLines(free);
  // free lines between two ruled tables stay between them: split the free text at the grids' tops
  const tops = placed.map((p) => p.y).sort((a, b) => a - b);
  let part: Line[] = [];
  let next = 0;
  const flush = (y: number) => {
    if (part.length) placed.push({ y, blocks: freeBlocks(part) });
    part = [];
  };
  for (const line of freeLines) {
    while (next < tops.length && line.y > tops[next]) {
      flush(part.length ? part[0].y : tops[next]);
      next++;
    }
    part.push(line);
  }
  flush(part.length ? part[0].y : Infinity);
  placed.sort((a, b) => a.y - b.y);
  return placed.flatMap((p) => p.blocks);
}
