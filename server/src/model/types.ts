// The document model shared by every feature. Positions are LSP-shaped (0-based line, UTF-16 character)
// but this module has no LSP dependency: the language service stays a pure library.
import type Decimal from 'decimal.js';
import type { LineDirective } from '../parse/directives.js';

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

/** Money units used in disclosures. 万元 = 10,000 元. */
export type Unit = '元' | '万元';

/** What a cell holds, after the table's column roles are known. */
export type CellKind =
  | 'empty'
  | 'text'
  | 'code' // a subject code (科目编码) in a code column or at the start of a label
  | 'amount' // a money figure (value set; '-', '—' in a numeric column count as zero)
  | 'number' // a plain number that is not money (counts, row numbers, column numbers)
  | 'percent'
  | 'marker'; // '**' placeholders and other decoration

export interface Cell {
  /** Cell text with surrounding white space, HTML tags and Markdown bold removed. */
  text: string;
  /** Where the cell is printed (one line). Parsed cells make it on demand (model/cell.ts). */
  readonly range: Range;
  kind: CellKind;
  /** Decimal value for amounts, numbers and percents (percent value is the printed number, e.g. 8.48). */
  value?: Decimal;
  /** Digits printed after the decimal point (rounding tolerance is half a unit of the last one). */
  decimals?: number;
  /** Leading indentation (full-width spaces / spaces) that shows code levels in PDF extractions. */
  indent: number;
  /** For code cells: the full subject code (split 类/款/项 columns are joined: 201|06|01 → 2010601). */
  code?: string;
  /** Index of the column this cell sits in (0-based, after header alignment). */
  column: number;
}

export type RowKind = 'header' | 'columnNumbers' | 'data' | 'repeatedHeader' | 'separator';

export interface Row {
  kind: RowKind;
  cells: Cell[];
  /** First and last document line of the row (PDF rows may wrap over several lines). */
  line: number;
  endLine: number;
  /** The printed row number of PDF-extracted tables (序号), when present. */
  rowNumber?: number;
}

/** layout: space-aligned rows read by position into a grid (pdftotext -layout); read like tab tables from then on. */
export type TableShape = 'tab' | 'pipe' | 'pdf' | 'layout';
/** money: arithmetic applies; performance: 绩效目标 (targets, never summed); catalogue: 报表目录; list: other text tables. */
export type TableKind = 'money' | 'performance' | 'catalogue' | 'list';

export interface TableSegment {
  startLine: number;
  endLine: number;
}

export interface Table {
  /** Stable within one analysis: index in document order. */
  index: number;
  /** 表5, 公开01表 … as printed (normalised: no inner spaces). */
  number?: string;
  /** The printed title line, e.g. 2021年部门综合预算收支总表. */
  title?: string;
  titleRange?: Range;
  unit?: Unit;
  unitRange?: Range;
  shape: TableShape;
  kind: TableKind;
  /** Header rows in order (two-row headers, `**` rows and `1 2 3` column-number rows included). */
  headerRows: Row[];
  /** All rows in order, header rows included; page-break repeats are kept with kind 'repeatedHeader'. */
  rows: Row[];
  /** Preamble + rows; a table continued after a page break has one segment per printed part. */
  range: Range;
  segments: TableSegment[];
  /** True when the table has no data figure other than zero / empty (空表). */
  empty: boolean;
}

export type HeadingStyle =
  | 'markdown' // # heading without its own numbering
  | 'part' // 第一部分
  | 'cn' // 一、
  | 'paren-cn' // （一）/(一)
  | 'arabic' // 1. / 1、
  | 'paren-arabic'; // （1）/(1)

export interface Heading {
  style: HeadingStyle;
  /** Sequence number within its list (1 for 一、/（一）/1.), 0 for unnumbered markdown headings. */
  number: number;
  /** Numbering as printed (一、, （一）, 1.) — empty for unnumbered headings. */
  label: string;
  /** Heading text without numbering and Markdown decoration. */
  title: string;
  line: number;
  range: Range;
  /** Markdown # count when the heading is a Markdown heading, else 0. */
  markdownDepth: number;
}

export type OutlineKind = 'document' | 'toc' | 'part' | 'section' | 'table';

export interface OutlineNode {
  kind: OutlineKind;
  name: string;
  detail?: string;
  /** Whole extent (heading to the end of its content). */
  range: Range;
  /** The heading / title line itself. */
  selectionRange: Range;
  children: OutlineNode[];
  /** For tables, the table's index in DisclosureDocument.tables. */
  tableIndex?: number;
  heading?: Heading;
  /** A standard table the document lacks, shown where it belongs (detail 缺失; no text of its own). */
  placeholder?: boolean;
}

export type DocumentKind = '预算' | '决算';

export interface DocumentFacts {
  department?: string;
  year?: number;
  kind?: DocumentKind;
  /** Unit most tables use (prose figures carry their own unit). */
  defaultUnit?: Unit;
  /** Range of the line the facts were read from (title line). */
  titleRange?: Range;
}

export interface TocEntry {
  text: string;
  line: number;
}
export interface Toc {
  range: Range;
  entries: TocEntry[];
}

/** An inline disable directive (parse/directives.ts) on its line of the document. */
export interface Directive extends LineDirective {
  line: number;
  /** The line whose findings a next-line directive silences (the next non-blank one); undefined for the file scope. */
  target?: number;
}

export interface DisclosureDocument {
  lineCount: number;
  /**
   * The text of every line (prose checks read it; table lines are found through `tables`). A directive line reads
   * as empty here, as the parser reads it: no check sees it, and no line moves.
   */
  lines: string[];
  /** The inline disable directives, in line order. */
  directives: Directive[];
  headings: Heading[];
  tables: Table[];
  toc: Toc[];
  outline: OutlineNode[];
  facts: DocumentFacts;
}
