// Word (.docx) → canonical text, read from the main document part (`word/document.xml`) directly.
//
// Why not mammoth (DOCX → HTML, then the HTML importer): mammoth keeps `w:gridSpan` as colspan and turns
// `w:vMerge` into rowspan, but it ignores `w:gridBefore` (a row that starts a few grid columns in, common in
// tables edited by hand): such a row comes out shifted left, and its vertical-merge bookkeeping, which counts
// columns without it, then attaches the merge to the wrong cell (tried: a 3×3 table with one gridBefore row
// gives a rowspan on the wrong column and a cell in the wrong place). Reading the XML, every cell is placed
// at its own grid column, which is what keeps a column a column; and the table and row numbers for the
// origins come straight from the document.
import JSZip from 'jszip';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { ImportError, type ImportProblem, type ImportResult } from './types.js';
import { BlockWriter, blocksToResult, joinBrokenText, writeTable, type SpanCell } from './grid.js';
import { flattenBeyondDepth } from './html.js';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** An OLE compound file is either an encrypted OOXML package or an old binary .doc. */
function oleError(bytes: Uint8Array): ImportError {
  // The stream names of the directory are stored in UTF-16LE.
  const encrypted = Buffer.from('EncryptedPackage', 'utf16le');
  if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(encrypted)) {
    return new ImportError(
      'the Word file is password-protected: open it in Word, remove the password (File › Info › Protect Document) and save it again',
    );
  }
  return new ImportError('this is an old Word 97–2003 .doc file, not .docx: open it in Word or WPS and save it as .docx');
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);
const isElement = (n: ChildNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';
const children = (n: Element, name: string) => n.children.filter((c): c is Element => isElement(c) && local(c.name) === name);
const child = (n: Element | undefined, name: string) => (n ? children(n, name)[0] : undefined);
const attr = (n: Element | undefined, name: string): string | undefined => {
  if (!n) return undefined;
  for (const [k, v] of Object.entries(n.attribs)) if (local(k) === name) return v;
  return undefined;
};
const intAttr = (n: Element | undefined): number | undefined => {
  const v = attr(n, 'val');
  const i = v === undefined ? NaN : parseInt(v, 10);
  return Number.isFinite(i) ? i : undefined;
};

// Wrappers that hold rows, cells, paragraphs or runs without changing what they are: content controls,
// custom XML, smart tags, hyperlinks, tracked insertions and moves-to, fields.
const TRANSPARENT = new Set([
  'sdt',
  'sdtContent',
  'customXml',
  'smartTag',
  'hyperlink',
  'ins',
  'moveTo',
  'fldSimple',
  'AlternateContent',
  'Choice',
  'dir',
  'bdo',
]);
// Not the document's visible text: properties, deleted text, field codes, the fallback copy of a text
// box (mc:Fallback repeats mc:Choice), bookmarks, comments' anchors, section properties.
const SKIPPED = new Set([
  'pPr',
  'rPr',
  'tblPr',
  'tblGrid',
  'trPr',
  'tcPr',
  'sectPr',
  'del',
  'delText',
  'moveFrom',
  'instrText',
  'delInstrText',
  'Fallback',
  'sdtPr',
  'sdtEndPr',
  'bookmarkStart',
  'bookmarkEnd',
  'commentRangeStart',
  'commentRangeEnd',
  'commentReference',
  'footnoteReference',
  'endnoteReference',
  'proofErr',
  'lastRenderedPageBreak',
]);

/** Elements of a kind found through transparent wrappers (rows of a table, cells of a row). */
function through(n: Element, name: string): Element[] {
  const found: Element[] = [];
  for (const c of n.children) {
    if (!isElement(c)) continue;
    const l = local(c.name);
    if (l === name) found.push(c);
    else if (TRANSPARENT.has(l)) found.push(...through(c, name));
  }
  return found;
}

const isHidden = (run: Element) => {
  const vanish = child(child(run, 'rPr'), 'vanish');
  return !!vanish && !/^(0|false|off)$/i.test(attr(vanish, 'val') ?? 'true');
};

/** What the inline walk hands on: visible text, line breaks, tables met, and a paragraph's list label. */
interface InlineSink {
  text(s: string): void;
  brk(): void;
  table(t: Element): void;
  label?(p: Element): string;
}

/** Walks inline content, handing visible text, line breaks and tables to `sink`. */
function walkInline(n: Element, sink: InlineSink): void {
  for (const c of n.children) {
    if (c.type === 'text') continue; // whitespace between elements; text lives in w:t only
    if (!isElement(c)) continue;
    const l = local(c.name);
    if (SKIPPED.has(l)) continue;
    switch (l) {
      case 't':
        sink.text(c.children.map((x) => (x.type === 'text' ? x.data : '')).join(''));
        break;
      // a TAB in prose aligns text; in the canonical text TAB separates cells, so it reads as a space
      case 'tab':
      case 'ptab':
        sink.text(' ');
        break;
      case 'br':
      case 'cr':
        sink.brk();
        break;
      case 'noBreakHyphen':
        sink.text('-');
        break;
      case 'softHyphen':
        break;
      case 'p':
        sink.brk();
        if (sink.label) sink.text(sink.label(c));
        walkInline(c, sink);
        sink.brk();
        break;
      case 'tbl':
        sink.table(c);
        break;
      case 'r':
        if (!isHidden(c)) walkInline(c, sink);
        break;
      default:
        walkInline(c, sink);
    }
  }
}

interface DocxContext {
  tableNumber: Map<Element, number>;
  out: BlockWriter;
  numbering: Numbering;
}

/** A table of one cell (a frame around some text) is text, not a table of its own. */
function isFrame(tbl: Element): boolean {
  const rows = through(tbl, 'tr');
  return rows.length <= 1 && rows.every((r) => through(r, 'tc').length <= 1) && descendantTables(tbl).length === 0;
}

function descendantTables(n: Element): Element[] {
  const found: Element[] = [];
  for (const c of n.children) {
    if (!isElement(c)) continue;
    if (local(c.name) === 'tbl') found.push(c);
    found.push(...descendantTables(c));
  }
  return found;
}

/** Text of one cell: its paragraphs and line breaks joined into one field (see `joinBrokenText`). */
function cellText(tc: Element, numbering: Numbering): string {
  const pieces: string[] = [];
  let current = '';
  const brk = () => {
    pieces.push(current);
    current = '';
  };
  const frame = (t: Element) => {
    brk();
    for (const row of through(t, 'tr')) for (const cell of through(row, 'tc')) pieces.push(cellText(cell, numbering));
  };
  walkInline(tc, {
    text: (s) => {
      current += s;
    },
    brk,
    table: frame,
    label: (p) => numbering.label(p),
  });
  brk();
  return joinBrokenText(pieces);
}

/**
 * One table → blocks. Each cell is placed at its grid column: `w:gridBefore` skips columns at the start
 * of a row, `w:gridSpan` widens a cell, and a cell that continues a vertical merge (`w:vMerge` without
 * `restart`) or a horizontal one (the old `w:hMerge`) stays empty, its text being in the first cell of the
 * merge (see `layoutSpans` for why empty).
 */
function writeDocxTable(tbl: Element, ctx: DocxContext): void {
  const allRows = through(tbl, 'tr');
  // rows deleted with tracked changes on are not part of the document as it reads
  const rows = allRows.filter((tr) => !child(child(tr, 'trPr'), 'del'));
  const cellsOf = rows.map((tr) => through(tr, 'tc'));
  const width = Math.max(
    0,
    ...rows.map(
      (tr, r) =>
        (intAttr(child(child(tr, 'trPr'), 'gridBefore')) ?? 0) +
        cellsOf[r].reduce((sum, tc) => sum + Math.max(1, intAttr(child(child(tc, 'tcPr'), 'gridSpan')) ?? 1), 0),
    ),
  );
  const frameAroundTables = cellsOf.some((cells) => cells.some((tc) => descendantTables(tc).some((t) => !isFrame(t))));
  if (frameAroundTables || width <= 1) {
    // a frame around other tables or a one-column box: its cells are read as the document flows
    for (const cells of cellsOf) for (const tc of cells) walkFlow(tc, ctx);
    return;
  }
  const spanRows: SpanCell[][] = rows.map((tr, r) => {
    const gridBefore = Math.max(0, intAttr(child(child(tr, 'trPr'), 'gridBefore')) ?? 0);
    return cellsOf[r].map((tc, i): SpanCell => {
      const props = child(tc, 'tcPr');
      const vMerge = child(props, 'vMerge');
      const hMerge = child(props, 'hMerge');
      const continues = (vMerge && attr(vMerge, 'val') !== 'restart') || (hMerge && attr(hMerge, 'val') !== 'restart');
      return {
        text: continues ? '' : cellText(tc, ctx.numbering),
        colSpan: Math.max(1, intAttr(child(props, 'gridSpan')) ?? 1),
        col: i === 0 ? gridBefore : undefined,
      };
    });
  });
  const table = ctx.tableNumber.get(tbl) ?? 0;
  writeTable(ctx.out, spanRows, (row) => ({ table, row: allRows.indexOf(rows[row]) + 1 }));
}

/** Body content in reading order: each paragraph a block, each table a block. */
function walkFlow(n: Element, ctx: DocxContext): void {
  const { out } = ctx;
  walkInline(n, {
    text: (s) => out.text(s),
    brk: () => out.endParagraph(),
    table: (t) => writeDocxTable(t, ctx),
    label: (p) => ctx.numbering.label(p),
  });
  out.endParagraph();
}

async function readPart(zip: JSZip, path: string): Promise<string | undefined> {
  const file = zip.file(path);
  if (!file) return undefined;
  const bytes = await file.async('uint8array');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/** The main document part, as the package relationships name it (`word/document.xml` by convention). */
async function mainPartPath(zip: JSZip): Promise<string> {
  const rels = await readPart(zip, '_rels/.rels');
  const m = rels && /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*>/.exec(rels);
  const target = m && /Target="([^"]+)"/.exec(m[0]);
  if (target) {
    const path = target[1].replace(/^\//, '');
    if (zip.file(path)) return path;
  }
  return 'word/document.xml';
}

export async function importDocx(bytes: Uint8Array): Promise<ImportResult> {
  try {
    return await readDocx(bytes);
  } catch (e) {
    if (e instanceof ImportError) throw e;
    // a case the walk did not foresee: still one line for a person, never a stack trace
    throw new ImportError(`cannot read this Word file: ${oneLine(e)}`);
  }
}

async function readDocx(bytes: Uint8Array): Promise<ImportResult> {
  if (OLE_MAGIC.every((b, i) => bytes[i] === b)) throw oleError(bytes);
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new ImportError('not a Word .docx file: the bytes are not a zip package');

  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  } catch (e) {
    throw new ImportError(`the Word file is damaged and cannot be opened as a zip package (${oneLine(e)})`);
  }

  let xml: string | undefined;
  try {
    const path = await mainPartPath(zip);
    xml = await readPart(zip, path);
  } catch (e) {
    throw new ImportError(`the Word file is damaged: its main document part cannot be read (${oneLine(e)})`);
  }
  if (xml === undefined) {
    const kind = zip.file('xl/workbook.xml')
      ? ' (it is an Excel workbook)'
      : zip.file('ppt/presentation.xml')
        ? ' (it is a PowerPoint file)'
        : '';
    throw new ImportError(`not a Word .docx file: the package has no word/document.xml${kind}`);
  }

  const doc = parseDocument(xml, { xmlMode: true, decodeEntities: true });
  flattenBeyondDepth(doc);
  const document = doc.children.find((c): c is Element => isElement(c) && local(c.name) === 'document');
  const body = child(document, 'body');
  if (!body) throw new ImportError('not a Word .docx file: word/document.xml has no document body');

  const tableNumber = new Map<Element, number>();
  for (const t of descendantTables(body)) tableNumber.set(t, tableNumber.size + 1);
  const out = new BlockWriter();
  const numbering = new Numbering(await readXml(zip, 'word/numbering.xml'), await readXml(zip, 'word/styles.xml'));
  walkFlow(body, { tableNumber, out, numbering });

  const problems: ImportProblem[] = [];
  const result = blocksToResult('docx', out.blocks, problems);
  if (!result.text.trim()) throw new ImportError('the Word document has no text in its body (it may hold only pictures of the pages)');
  return result;
}

/** A secondary part (numbering, styles) parsed, or undefined when it is missing or unreadable: the text
 *  reads without it, only list labels are lost. */
async function readXml(zip: JSZip, path: string): Promise<Element | undefined> {
  try {
    const xml = await readPart(zip, path);
    if (xml === undefined) return undefined;
    const doc = parseDocument(xml, { xmlMode: true, decodeEntities: true });
    flattenBeyondDepth(doc);
    return doc.children.find((c): c is Element => isElement(c));
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------
// List numbering. Chinese documents number their headings with Word's automatic lists far more often than
// by typing them (`一、` `（一）` `1.`); the label is not in the paragraph's text but computed from
// numbering.xml, and without it the engine cannot see the outline. Only what a label needs is read: each
// level's start, number format, label pattern and suffix; counters per list, deeper levels restarting.

interface ListLevel {
  start: number;
  format: string;
  pattern: string;
  suffix: string;
}

const CN_DIGITS = '〇一二三四五六七八九';
const CN_LEGAL = '零壹贰叁肆伍陆柒捌玖';
const STEMS = '甲乙丙丁戊己庚辛壬癸';
const ZODIAC = '子丑寅卯辰巳午未申酉戌亥';

function chineseNumeral(n: number, digits = CN_DIGITS, ten = '十', hundred = '百'): string {
  if (n < 10) return digits[n];
  if (n < 20) return ten + (n % 10 ? digits[n % 10] : '');
  if (n < 100) return digits[Math.floor(n / 10)] + ten + (n % 10 ? digits[n % 10] : '');
  const rest = n % 100;
  return (
    digits[Math.floor(n / 100) % 10] +
    hundred +
    (rest === 0
      ? ''
      : rest < 10
        ? digits[0] + digits[rest]
        : rest < 20
          ? digits[1] + chineseNumeral(rest, digits, ten, hundred)
          : chineseNumeral(rest, digits, ten, hundred))
  );
}

function roman(n: number): string {
  const parts: [number, string][] = [
    [1000, 'm'],
    [900, 'cm'],
    [500, 'd'],
    [400, 'cd'],
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let out = '';
  for (const [v, s] of parts)
    while (n >= v) {
      out += s;
      n -= v;
    }
  return out;
}

function letters(n: number): string {
  // Word repeats the letter past z: 27 → aa, 28 → bb
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function formatNumber(n: number, format: string): string {
  if (n < 0 || n > 9999) return String(n);
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'ideographDigital':
      return n === 0 ? CN_DIGITS[0] : chineseNumeral(n);
    case 'chineseLegalSimplified':
    case 'ideographLegalTraditional':
      return n === 0 ? CN_LEGAL[0] : chineseNumeral(n, CN_LEGAL, '拾', '佰');
    case 'ideographTraditional':
      return n >= 1 && n <= 10 ? STEMS[n - 1] : String(n);
    case 'ideographZodiac':
      return n >= 1 && n <= 12 ? ZODIAC[n - 1] : String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'decimalEnclosedParen':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2474 + n - 1) : `(${n})`;
    case 'decimalEnclosedFullstop':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2488 + n - 1) : `${n}.`;
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'lowerLetter':
      return letters(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerRoman':
      return roman(n);
    case 'upperRoman':
      return roman(n).toUpperCase();
    default:
      return String(n);
  }
}

class Numbering {
  private readonly abstractLevels = new Map<string, Map<number, ListLevel>>();
  private readonly lists = new Map<string, { levels: Map<number, ListLevel> }>();
  private readonly styleLists = new Map<string, { numId?: string; ilvl?: number; basedOn?: string }>();
  private readonly counters = new Map<string, number[]>();

  constructor(numbering: Element | undefined, styles: Element | undefined) {
    const readLevel = (lvl: Element): ListLevel => ({
      start: intAttr(child(lvl, 'start')) ?? 1,
      format: attr(child(lvl, 'numFmt'), 'val') ?? 'decimal',
      pattern: attr(child(lvl, 'lvlText'), 'val') ?? '',
      suffix: attr(child(lvl, 'suff'), 'val') ?? 'tab',
    });
    for (const a of numbering ? children(numbering, 'abstractNum') : []) {
      const levels = new Map<number, ListLevel>();
      for (const lvl of children(a, 'lvl')) levels.set(Number(attr(lvl, 'ilvl') ?? 0), readLevel(lvl));
      this.abstractLevels.set(attr(a, 'abstractNumId') ?? '', levels);
    }
    for (const num of numbering ? children(numbering, 'num') : []) {
      const levels = new Map(this.abstractLevels.get(attr(child(num, 'abstractNumId'), 'val') ?? '') ?? []);
      for (const o of children(num, 'lvlOverride')) {
        const ilvl = Number(attr(o, 'ilvl') ?? 0);
        const own = child(o, 'lvl');
        const base = own ? readLevel(own) : levels.get(ilvl);
        const start = intAttr(child(o, 'startOverride'));
        if (base) levels.set(ilvl, start === undefined ? base : { ...base, start });
      }
      this.lists.set(attr(num, 'numId') ?? '', { levels });
    }
    for (const st of styles ? children(styles, 'style') : []) {
      const numPr = child(child(st, 'pPr'), 'numPr');
      this.styleLists.set(attr(st, 'styleId') ?? '', {
        numId: attr(child(numPr, 'numId'), 'val'),
        ilvl: intAttr(child(numPr, 'ilvl')),
        basedOn: attr(child(st, 'basedOn'), 'val'),
      });
    }
  }

  /** The list numbering a paragraph has, directly or through its style (and the styles it is based on). */
  private listOf(p: Element): { numId: string; ilvl: number } | undefined {
    const pPr = child(p, 'pPr');
    const numPr = child(pPr, 'numPr');
    let numId = attr(child(numPr, 'numId'), 'val');
    let ilvl = intAttr(child(numPr, 'ilvl'));
    let style = attr(child(pPr, 'pStyle'), 'val');
    for (let hops = 0; style && hops < 20 && (numId === undefined || ilvl === undefined); hops++) {
      const s = this.styleLists.get(style);
      if (!s) break;
      numId ??= s.numId;
      ilvl ??= s.ilvl;
      style = s.basedOn;
    }
    return numId === undefined || numId === '0' ? undefined : { numId, ilvl: Math.max(0, Math.min(ilvl ?? 0, 8)) };
  }

  /** The label Word shows before this paragraph (`一、`, `（二）`, `3.`), advancing the list's counters; '' if none. */
  label(p: Element): string {
    const list = this.listOf(p);
    const levels = list && this.lists.get(list.numId)?.levels;
    const level = list && levels?.get(list.ilvl);
    if (!list || !levels || !level) return '';
    const counts = this.counters.get(list.numId) ?? [];
    counts[list.ilvl] = (counts[list.ilvl] ?? level.start - 1) + 1;
    counts.length = list.ilvl + 1; // deeper levels start again
    this.counters.set(list.numId, counts);
    if (level.format === 'bullet' || level.format === 'none') return '';
    const text = level.pattern.replace(/%([1-9])/g, (_, d: string) => {
      const i = Number(d) - 1;
      const at = levels.get(i);
      return formatNumber(counts[i] ?? at?.start ?? 1, at?.format ?? 'decimal');
    });
    return text + (level.suffix === 'nothing' ? '' : ' ');
  }
}

function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 200);
}
