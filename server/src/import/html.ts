// HTML page → canonical text. Government pages carry their budget tables as <table> markup inside a page
// of navigation, news lists and layout tables; the tables become TAB-separated grids, everything else
// becomes one paragraph a line.
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { ImportError, type ImportProblem, type ImportResult } from './types.js';
import { BlockWriter, blocksToResult, joinBrokenText, writeTable } from './grid.js';
import { decodeByBom } from './text.js';

// ---------------------------------------------------------------------------------------------------------
// Bytes → string

const GB_LABELS = /^(gb2312|gbk|gb18030|x-gbk|cp936|csgb2312|chinese|iso-ir-58|euc-cn|x-euc-cn|hz-gb-2312)$/i;
const UTF8_LABELS = /^(utf-?8|unicode-1-1-utf-8)$/i;

/** The charset a page declares in its first few KB: `<meta charset>`, `<meta http-equiv … charset=>`, `<?xml encoding>`. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  // Declarations are ASCII, so reading the head as Latin-1 finds them whatever the real encoding is.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']?([\w.:-]+)/i.exec(head);
  if (xml) return xml[1].toLowerCase();
  for (const meta of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const m = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(meta);
    if (m) return m[1].toLowerCase();
  }
  return undefined;
}

function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Decodes an HTML page: a byte-order mark wins, then the declared charset, then strict UTF-8, else GB18030
 * (the superset of GB2312 and GBK, which is what a Chinese page without a declaration is in practice).
 * A page that declares UTF-8 but is not valid UTF-8 is a GBK page with a template's wrong header: it is
 * read as GB18030 and the reader is told.
 */
export function decodeHtml(bytes: Uint8Array): { text: string; encoding: string; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const marked = decodeByBom(bytes);
  if (marked) return { ...marked, problems };

  const declared = declaredCharset(bytes);
  const utf8 = strictUtf8(bytes);
  if (declared && GB_LABELS.test(declared)) {
    // GBK bytes almost never form valid UTF-8 over more than a few characters; a page full of valid
    // multi-byte UTF-8 that says gb2312 was converted without its header being updated.
    if (utf8 !== undefined && (utf8.match(/[^\x00-\x7f]/g)?.length ?? 0) >= 16) {
      problems.push({ message: `the page declares ${declared} but its bytes are UTF-8; read as UTF-8` });
      return { text: utf8, encoding: 'utf-8', problems };
    }
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030', problems };
  }
  if (declared && !UTF8_LABELS.test(declared)) {
    try {
      const decoder = new TextDecoder(declared);
      return { text: decoder.decode(bytes), encoding: decoder.encoding, problems };
    } catch {
      // a label TextDecoder does not know: fall through to the sniffing below
    }
    problems.push({ message: `the page declares an unknown charset "${declared}"; read as ${utf8 !== undefined ? 'UTF-8' : 'GB18030'}` });
  }
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8', problems };
  if (declared && UTF8_LABELS.test(declared)) {
    problems.push({ message: `the page declares ${declared} but its bytes are not UTF-8; read as GB18030 (GBK)` });
  }
  return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030', problems };
}

// ---------------------------------------------------------------------------------------------------------
// The DOM walk

// Not text a reader sees. <head> is not skipped as a whole: broken pages open a <head> that is never
// closed and holds the entire page (a browser closes it at the first body element; htmlparser2 does not);
// what a head holds that is text — <title>, scripts, styles — is skipped by name instead.
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'title',
  'svg',
  'math',
  'canvas',
  'select',
  'textarea',
  'iframe',
  'object',
  'embed',
  'audio',
  'video',
  'button',
]);
const BLOCKS = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'section',
  'article',
  'header',
  'footer',
  'nav',
  'aside',
  'main',
  'blockquote',
  'pre',
  'form',
  'fieldset',
  'legend',
  'figure',
  'figcaption',
  'address',
  'center',
  'hr',
  'caption',
  'body',
  'html',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
  'table',
  'details',
  'summary',
  'menu',
  'label',
  'option',
]);

const isElement = (n: ChildNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';

// Deeper than this the tree is flattened: the walks below recurse, and a page of 10,000 nested <div>s
// would overflow the stack. Browsers do the same (Blink's parser stops nesting at 512); real pages stay
// well under 100.
export const MAX_DEPTH = 256;

/**
 * Makes every node deeper than `limit` a direct child of its ancestor at depth `limit`, in document order
 * (the text stays, the structure below the limit goes). Iterative, so it cannot overflow itself.
 */
export function flattenBeyondDepth(root: { children: ChildNode[] }, limit = MAX_DEPTH): void {
  const stack: [{ children: ChildNode[] }, number][] = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth < limit) {
      for (const c of node.children) if ('children' in c) stack.push([c, depth + 1]);
      continue;
    }
    const flat: ChildNode[] = [];
    const todo = [...node.children].reverse();
    while (todo.length) {
      const n = todo.pop()!;
      flat.push(n);
      if ('children' in n) {
        for (let i = n.children.length - 1; i >= 0; i--) todo.push(n.children[i]);
        n.children = [];
      }
    }
    flat.forEach((n, i) => {
      n.parent = node as Element;
      n.prev = flat[i - 1] ?? null;
      n.next = flat[i + 1] ?? null;
    });
    node.children = flat;
  }
}

/** The <tr> elements that belong to this table (not to a table nested in it). */
function ownRows(table: Element): Element[] {
  const rows: Element[] = [];
  const visit = (n: Element) => {
    for (const c of n.children) {
      if (!isElement(c) || c.name === 'table') continue;
      if (c.name === 'tr') rows.push(c);
      else visit(c);
    }
  };
  visit(table);
  return rows;
}

/** The <td>/<th> elements of a row. */
function ownCells(row: Element): Element[] {
  const cells: Element[] = [];
  const visit = (n: Element) => {
    for (const c of n.children) {
      if (!isElement(c) || c.name === 'table' || c.name === 'tr') continue;
      if (c.name === 'td' || c.name === 'th') cells.push(c);
      else visit(c);
    }
  };
  visit(row);
  return cells;
}

/** Elements of a name under `n`, not looking inside the tables nested in it. */
function descendants(n: Element, name: string, stopAtTables: boolean): Element[] {
  const found: Element[] = [];
  const visit = (e: Element) => {
    for (const c of e.children) {
      if (!isElement(c)) continue;
      if (c.name === name) found.push(c);
      if (!(stopAtTables && c.name === 'table')) visit(c);
    }
  };
  visit(n);
  return found;
}

const span = (el: Element, name: string): number | undefined => {
  const v = el.attribs[name];
  return v === undefined ? undefined : parseInt(v, 10);
};

// Measures of a subtree, each computed once per element: the layout test asks them of every cell of every
// nested table, and recomputing would make a page of nested tables quadratic.
const visibleLength = new WeakMap<Element, number>();
const holdsTable = new WeakMap<Element, boolean>();

/** Characters of visible text (whitespace not counted) under a node. */
function textLength(node: ChildNode): number {
  if (node.type === 'text') return node.data.replace(/[\s\u00a0\u3000]+/g, '').length;
  if (!isElement(node) || SKIPPED.has(node.name)) return 0;
  let n = visibleLength.get(node);
  if (n === undefined) {
    n = node.children.reduce((sum, c) => sum + textLength(c), 0);
    visibleLength.set(node, n);
  }
  return n;
}

function containsTable(el: Element): boolean {
  let found = holdsTable.get(el);
  if (found === undefined) {
    found = el.children.some((c) => isElement(c) && (c.name === 'table' || containsTable(c)));
    holdsTable.set(el, found);
  }
  return found;
}

/** A table of one cell (a frame around a word or a figure): read as text, it is not a table of its own. */
function isFrame(table: Element): boolean {
  const rows = ownRows(table);
  return rows.length <= 1 && rows.every((r) => ownCells(r).length <= 1) && !containsTable(table);
}

/** Text of one cell as one field: line breaks, paragraphs and frames inside it joined (see `joinBrokenText`). */
function cellText(cell: Element): string {
  const pieces: string[] = [];
  let current = '';
  const brk = () => {
    pieces.push(current);
    current = '';
  };
  const visit = (n: ChildNode) => {
    if (n.type === 'text') {
      const parts = n.data.split(/[ \t\f\u00a0]*[\r\n]\s*/);
      current += parts[0];
      for (const p of parts.slice(1)) {
        brk();
        current += p;
      }
      return;
    }
    if (!isElement(n) || SKIPPED.has(n.name)) return;
    if (n.name === 'br') {
      brk();
      return;
    }
    const block = BLOCKS.has(n.name);
    if (block) brk();
    for (const c of n.children) visit(c);
    if (block) brk();
  };
  for (const c of cell.children) visit(c);
  brk();
  return joinBrokenText(pieces);
}

const BLOCKS_IN_CELL = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Whether a table holds data or only lays out a page. A table is layout when it holds other tables (the
 * page frame around the article), when it has a single column (a frame of stacked boxes), or when one of
 * its cells holds an article: several paragraphs and a good deal of text. Data cells — amounts, names of
 * budget lines, a project's description — are short and one paragraph (Word's HTML wraps each in one <p>).
 */
function isLayoutTable(rows: Element[]): boolean {
  let width = 0;
  for (const row of rows) {
    const cells = ownCells(row);
    width = Math.max(
      width,
      cells.reduce((sum, c) => sum + Math.max(1, Math.min(span(c, 'colspan') || 1, 1000)), 0),
    );
    for (const cell of cells) {
      if (containsTable(cell) && descendants(cell, 'table', true).some((t) => !isFrame(t))) return true;
      const length = textLength(cell);
      if (length > 2000) return true;
      if (length > 200) {
        const paragraphs = [...BLOCKS_IN_CELL].flatMap((n) => descendants(cell, n, true)).filter((b) => textLength(b) > 0);
        if (paragraphs.length >= 3) return true;
      }
    }
  }
  return width <= 1;
}

/** Where the page points at the original documents (attachments, embedded PDF viewers). */
function attachmentsOf(root: Element | { children: ChildNode[] }): string[] {
  const found = new Set<string>();
  const visit = (n: ChildNode) => {
    if (!isElement(n)) return;
    for (const key of ['href', 'src', 'data']) {
      const v = n.attribs[key];
      if (v && /\.(pdf|xlsx?|docx?|wps|et|ofd|zip|rar)(?:$|[?#])/i.test(v)) found.add(v);
    }
    n.children.forEach(visit);
  };
  root.children.forEach(visit);
  return [...found];
}

/** Files that are plainly something else, told by their first bytes. */
function notHtml(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(8, bytes.length)).toString('latin1');
  if (head.startsWith('%PDF-')) return 'this is a PDF file, not an HTML page';
  if (head.startsWith('PK\x03\x04')) return 'this is a zip package (a .docx or .xlsx file?), not an HTML page';
  if (head.startsWith('\xd0\xcf\x11\xe0')) return 'this is an old Office file (.doc or .xls), not an HTML page';
  return undefined;
}

// Decoded text that is mostly undecodable bytes or control characters was never text.
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 65536);
  const bad = sample.match(/[\ufffd\x00-\x08\x0e-\x1f]/g)?.length ?? 0;
  return sample.length > 0 && bad / sample.length > 0.1;
}

export async function importHtml(bytes: Uint8Array): Promise<ImportResult> {
  try {
    return readHtml(bytes);
  } catch (e) {
    if (e instanceof ImportError) throw e;
    // a case the walk did not foresee: still one line for a person, never a stack trace
    throw new ImportError(`cannot read this HTML page: ${String(e instanceof Error ? e.message : e).split('\n')[0]}`);
  }
}

function readHtml(bytes: Uint8Array): ImportResult {
  const other = notHtml(bytes);
  if (other) throw new ImportError(other);
  const { text: html, problems } = decodeHtml(bytes);
  if (looksBinary(html)) throw new ImportError('this file is not an HTML page: its bytes are not text');
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  flattenBeyondDepth(doc);

  // Tables are numbered in document order, nested ones included, so `table: n` is the n-th <table> element
  // of the page (what `document.querySelectorAll('table')[n - 1]` finds).
  const tableNumber = new Map<Element, number>();
  const number = (n: ChildNode) => {
    if (!isElement(n)) return;
    if (n.name === 'table') tableNumber.set(n, tableNumber.size + 1);
    n.children.forEach(number);
  };
  doc.children.forEach(number);

  const out = new BlockWriter();
  let dataTables = 0;
  const visit = (n: ChildNode): void => {
    if (n.type === 'text') {
      out.text(n.data);
      return;
    }
    if (!isElement(n) || SKIPPED.has(n.name)) return;
    if (n.name === 'br') {
      out.endParagraph();
      return;
    }
    if (n.name === 'table') {
      const rows = ownRows(n);
      if (rows.length && !isLayoutTable(rows)) {
        const table = tableNumber.get(n) ?? 0;
        const captions = n.children.filter((c): c is Element => isElement(c) && c.name === 'caption');
        for (const c of captions) out.paragraph(cellText(c));
        const spanRows = rows.map((r) =>
          ownCells(r).map((c) => ({ text: cellText(c), rowSpan: span(c, 'rowspan'), colSpan: span(c, 'colspan') })),
        );
        if (writeTable(out, spanRows, (row) => ({ table, row: row + 1 })) > 0) dataTables++;
        return;
      }
    }
    const block = BLOCKS.has(n.name);
    if (block) out.endParagraph();
    n.children.forEach(visit);
    if (block) out.endParagraph();
  };
  doc.children.forEach(visit);
  out.endParagraph();

  const result = blocksToResult('html', out.blocks, problems);
  if (!result.text.trim()) throw new ImportError('the HTML page has no text (it may be drawn by scripts or be a picture of the document)');
  if (dataTables === 0) {
    const attachments = attachmentsOf(doc);
    problems.push({
      message: attachments.length
        ? `the page has no data tables; it links to ${attachments.length} document(s) (${attachments.slice(0, 3).join(', ')}${attachments.length > 3 ? ', …' : ''}) that may hold them`
        : 'the page has no data tables',
    });
  }
  return result;
}
