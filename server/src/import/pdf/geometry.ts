// What a PDF page holds for us, in one coordinate system: text pieces (glyph runs) and ruling lines, both in
// "viewport" units — PDF units with the page's rotation and crop box applied, x to the right and y downwards
// from the top of the page as printed. pdf.js gives text in page user space and paths in the current
// transformation, so both are mapped through the matrices here, once.

/** An affine matrix [a, b, c, d, e, f] as PDF and pdf.js write them: (x, y) → (a·x + c·y + e, b·x + d·y + f). */
export type Matrix = readonly number[];

/** m1 ∘ m2: apply m2 first, then m1 (what a PDF `cm` does to the current matrix). */
export function compose(m1: Matrix, m2: Matrix): number[] {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** A run of text with no space inside, on one baseline. */
export interface Glyph {
  text: string;
  x0: number;
  x1: number;
  /** Baseline, from the top of the page. */
  y: number;
  /** Font size (height of the em square). */
  size: number;
  /** The PDF put a space between this run and the one before it in the same text item. */
  spaceBefore: boolean;
}

/** A horizontal (y0 = y1) or vertical (x0 = x1) ruling line, x0 ≤ x1 and y0 ≤ y1. */
export interface Rule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface TextItemLike {
  str?: string;
  transform?: number[];
  width?: number;
}

// Wide (CJK, full-width) characters take about one em, others about half: used to place the words of one text
// item when an item holds several words (pdf.js gives one width per item, not per character).
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
const weight = (ch: string): number => (WIDE.test(ch) ? 1 : 0.5);

/** Text items → glyph runs in viewport units. Items not written left to right (rotated stamps) are left out. */
export function glyphsOf(items: TextItemLike[], viewport: Matrix): { glyphs: Glyph[]; skipped: number } {
  const glyphs: Glyph[] = [];
  let skipped = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const str = item.str;
    if (!str || !item.transform || !/\S/.test(str)) continue;
    const m = compose(viewport, item.transform);
    const along = Math.hypot(m[0], m[1]);
    const size = Math.hypot(m[2], m[3]);
    if (!(along > 0) || !(size > 0) || !Number.isFinite(m[4] + m[5])) {
      skipped++;
      continue;
    }
    // horizontal, left to right, upright on the viewport (y grows downwards, so the glyph's up vector has d < 0)
    if (Math.abs(m[1]) > 0.08 * along || m[0] <= 0 || m[3] >= 0) {
      skipped++;
      continue;
    }
    let width = Math.max(0, item.width ?? 0) * (m[0] / along);
    // Some fonts declare no widths and pdf.js then takes every glyph as an em wide, so an item seems to run into
    // the next cell (c035: `244,895.0` + `21` + `92,446.79`). The next item on the baseline starts where this
    // one really ends.
    const next = items[i + 1];
    if (next?.transform && next.str) {
      const n = compose(viewport, next.transform);
      if (Math.abs(n[5] - m[5]) < 0.3 * size && n[4] > m[4] + 0.1 * size) width = Math.min(width, n[4] - m[4]);
    }
    pushWords(glyphs, str, m[4], width, m[5], size);
  }
  return { glyphs, skipped };
}

/** A glyph run cut where x falls between two of its characters, or undefined when x is outside it. */
export function splitGlyph(g: Glyph, x: number): [Glyph, Glyph] | undefined {
  const chars = Array.from(g.text);
  if (chars.length < 2) return undefined;
  const total = chars.reduce((s, ch) => s + weight(ch), 0);
  const unit = (g.x1 - g.x0) / total;
  let pos = g.x0;
  for (let k = 0; k < chars.length - 1; k++) {
    pos += weight(chars[k]) * unit;
    const nextMid = pos + (weight(chars[k + 1]) * unit) / 2;
    const thisMid = pos - (weight(chars[k]) * unit) / 2;
    if (thisMid < x && nextMid > x) {
      return [
        { ...g, text: chars.slice(0, k + 1).join(''), x1: pos },
        { ...g, text: chars.slice(k + 1).join(''), x0: pos, spaceBefore: false },
      ];
    }
  }
  return undefined;
}

/** Splits one item at its spaces, giving each word a share of the item's width. */
function pushWords(out: Glyph[], str: string, x: number, width: number, y: number, size: number): void {
  const chars = Array.from(str);
  const total = chars.reduce((s, ch) => s + weight(ch), 0) || 1;
  const unit = width / total;
  let pos = x;
  let word = '';
  let wordStart = x;
  let spaceBefore = false;
  const flush = () => {
    if (word) out.push({ text: word, x0: wordStart, x1: pos, y, size, spaceBefore });
    word = '';
  };
  for (const ch of chars) {
    if (/\s/.test(ch)) {
      if (word) {
        flush();
        spaceBefore = true;
      }
      pos += weight(ch) * unit;
      continue;
    }
    if (!word) wordStart = pos;
    word += ch;
    pos += weight(ch) * unit;
  }
  flush();
}

/** pdf.js operator numbers the walk needs (from `OPS`). */
interface Ops {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
}

// pdf.js path data opcodes (its DrawOPS): moveTo x y, lineTo x y, curveTo x1 y1 x2 y2 x3 y3, closePath.
const MOVE = 0,
  LINE = 1,
  CURVE = 2,
  CLOSE = 3;

/** A filled shape thinner than this (in PDF units) is drawn as a line; a thicker one is a shaded area. */
const MAX_RULE_THICKNESS = 3;
/** Shorter lines are ticks, underlines of single characters, or glyph-like drawings, not table rules. */
const MIN_RULE_LENGTH = 4;

/**
 * Ruling lines of a page from its operator list: stroked straight segments and thin filled rectangles, mapped
 * through the graphics state's matrix (save / restore / cm / form XObjects) and the viewport.
 */
export function rulesOf(
  fnArray: number[],
  argsArray: unknown[][],
  opsTable: Record<string, number>,
  viewport: Matrix,
): { horizontal: Rule[]; vertical: Rule[] } {
  const ops = opsTable as unknown as Ops;
  const stroking = new Set([ops.stroke, ops.closeStroke, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const filling = new Set([ops.fill, ops.eoFill, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const horizontal: Rule[] = [];
  const vertical: Rule[] = [];
  const add = (ax: number, ay: number, bx: number, by: number) => {
    const dx = Math.abs(bx - ax),
      dy = Math.abs(by - ay);
    if (dy <= 0.5 && dx >= MIN_RULE_LENGTH)
      horizontal.push({ x0: Math.min(ax, bx), x1: Math.max(ax, bx), y0: (ay + by) / 2, y1: (ay + by) / 2 });
    else if (dx <= 0.5 && dy >= MIN_RULE_LENGTH)
      vertical.push({ x0: (ax + bx) / 2, x1: (ax + bx) / 2, y0: Math.min(ay, by), y1: Math.max(ay, by) });
  };
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i];
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? ctm;
    else if (fn === ops.transform) {
      if (isMatrix(args)) ctm = compose(ctm, args as number[]);
    } else if (fn === ops.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = args?.[0];
      if (isMatrix(m)) ctm = compose(ctm, Array.from(m as ArrayLike<number>));
    } else if (fn === ops.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === ops.constructPath && Array.isArray(args)) {
      const paint = args[0] as number;
      const stroke = stroking.has(paint),
        fill = filling.has(paint);
      if (!stroke && !fill) continue; // a clipping path or an invisible one
      const holder = args[1] as unknown;
      const data = (Array.isArray(holder) ? holder[0] : holder) as ArrayLike<number> | undefined;
      if (!data || typeof data.length !== 'number') continue;
      walkPath(data, compose(viewport, ctm), stroke, fill, add);
    }
  }
  return { horizontal, vertical };
}

const isMatrix = (m: unknown): boolean =>
  !!m &&
  typeof (m as ArrayLike<number>).length === 'number' &&
  (m as ArrayLike<number>).length >= 6 &&
  Number.isFinite((m as ArrayLike<number>)[5]);

/** Segments of one path: every straight segment when stroked; the midline of each thin sub-path when filled. */
function walkPath(
  data: ArrayLike<number>,
  m: Matrix,
  stroke: boolean,
  fill: boolean,
  add: (ax: number, ay: number, bx: number, by: number) => void,
): void {
  let cx = 0,
    cy = 0,
    sx = 0,
    sy = 0;
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  let straight = true;
  const startSub = (x: number, y: number) => {
    finishSub();
    sx = cx = x;
    sy = cy = y;
    minX = maxX = x;
    minY = maxY = y;
    straight = true;
  };
  const extend = (x: number, y: number) => {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  };
  // a thin filled sub-path (a rectangle a line wide) stands for the line along its middle
  const finishSub = () => {
    if (fill && straight && minX <= maxX) {
      const w = maxX - minX,
        h = maxY - minY;
      if (h <= MAX_RULE_THICKNESS && w > h) add(minX, (minY + maxY) / 2, maxX, (minY + maxY) / 2);
      else if (w <= MAX_RULE_THICKNESS && h > w) add((minX + maxX) / 2, minY, (minX + maxX) / 2, maxY);
    }
    minX = minY = Infinity;
    maxX = maxY = -Infinity;
  };
  for (let i = 0; i < data.length;) {
    const op = data[i++];
    if (op === MOVE) {
      const [x, y] = apply(m, data[i++], data[i++]);
      startSub(x, y);
    } else if (op === LINE) {
      const [x, y] = apply(m, data[i++], data[i++]);
      if (stroke) add(cx, cy, x, y);
      extend(x, y);
      cx = x;
      cy = y;
    } else if (op === CURVE) {
      const [x, y] = apply(m, data[i + 4], data[i + 5]);
      i += 6;
      straight = false;
      extend(x, y);
      cx = x;
      cy = y;
    } else if (op === CLOSE) {
      if (stroke) add(cx, cy, sx, sy);
      cx = sx;
      cy = sy;
    } else {
      break; // unknown opcode: the rest of the data cannot be read
    }
  }
  finishSub();
}
