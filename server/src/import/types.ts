// The import layer's contract: bytes of a published original → the canonical text the engine reads,
// plus where each line came from. Importers are pure (bytes in, result out); they never parse budgets.
//
// Canonical text: one table row a line, cells separated by TAB, empty cells kept as empty fields (so a
// column stays a column), wrapped cell text joined back into its cell, page headers/footers and page
// numbers dropped, a table continued over pages kept as one table (its repeated header rows dropped),
// a blank line between blocks (paragraphs, tables), prose lines broken by the page width joined back.

export type OriginalFormat = 'pdf' | 'html' | 'docx' | 'xlsx';

/** Where one line of the canonical text came from. Fields are present when the format knows them. */
export interface LineOrigin {
  /** PDF: 1-based page number. */
  page?: number;
  /** PDF: baseline y of the line on its page, in PDF units from the top of the page (rounded). */
  y?: number;
  /** Excel: the sheet's name. */
  sheet?: string;
  /** HTML / Word: 1-based index of the <table> in the document. Excel: not used. */
  table?: number;
  /** HTML / Word / Excel: 1-based row index within its table / sheet. */
  row?: number;
  /** Excel: the address of each TAB-separated field on this line ('A5', 'B5', …), in field order. */
  cells?: string[];
}

export interface ImportProblem {
  /** 0-based line of the canonical text the problem is about, when it is about one. */
  line?: number;
  message: string;
}

export interface ImportResult {
  format: OriginalFormat;
  /** The canonical text, `\n` line ends. */
  text: string;
  /** origins[i] is where line i of `text` came from (undefined for blank separator lines). */
  origins: (LineOrigin | undefined)[];
  /** Things the reader should know (a page with no text, a sheet skipped …); never fatal. */
  problems: ImportProblem[];
  /** PDF: number of pages. Excel: number of sheets. */
  pages?: number;
}

/**
 * The original cannot be read at all (encrypted PDF, scanned PDF without a text layer, corrupt zip …).
 * The message is one line, for a person: what is wrong and, when there is one, what to do.
 */
export class ImportError extends Error {}
