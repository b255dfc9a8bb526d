// Excel workbook (.xlsx) → canonical text. Each visible sheet is one block: its title on a line of its own, the
// unit (单位：元) on a line of its own, then one sheet row a line with a TAB between cells. A cell reads as
// Excel shows it (number format applied, formula → cached result, rich text joined); a merged range gives its
// value once, at its master cell, and leaves the cells it covers empty, so every column stays a column.
import ExcelJS from 'exceljs';
import { ImportError, type ImportProblem, type ImportResult, type LineOrigin } from './types.js';
import { formatDate, formatNumber } from './numberFormat.js';

/** A unit declaration as a cell prints it: 单位：元, 金额单位：万元, （万元）. */
const UNIT_CELL = /^[（(]?\s*(?:金额)?单位\s*[：:]\s*(?:万元|元|千元|亿元)\s*[）)]?$|^[（(]\s*(?:万元|元|千元|亿元)\s*[）)]$/;
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

interface SheetCell {
  row: number;
  col: number;
  text: string;
  isNumber: boolean;
}

export async function importXlsx(bytes: Uint8Array): Promise<ImportResult> {
  rejectWhatIsNoWorkbook(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (e) {
    throw new ImportError(`this .xlsx file is damaged and cannot be read (${oneLine(e)}); open it in Excel or WPS and save it again`);
  }
  const sheets = workbook.worksheets;
  if (sheets.length === 0) throw new ImportError('this .xlsx file holds no worksheets');
  const date1904 = workbook.properties?.date1904 === true;

  const lines: string[] = [];
  const origins: (LineOrigin | undefined)[] = [];
  const problems: ImportProblem[] = [];
  for (const sheet of sheets) {
    if (sheet.state === 'hidden' || sheet.state === 'veryHidden') {
      problems.push({ message: `sheet “${sheet.name}” is hidden and was skipped` });
      continue;
    }
    let block: { lines: string[]; origins: LineOrigin[] };
    try {
      block = sheetBlock(sheet, date1904, problems);
    } catch (e) {
      // one broken sheet (a damaged part exceljs half-read) must not cost the others
      problems.push({ message: `sheet “${sheet.name}” could not be read (${oneLine(e)}) and was skipped` });
      continue;
    }
    if (lines.length > 0) {
      lines.push('');
      origins.push(undefined);
    }
    lines.push(...block.lines);
    origins.push(...block.origins);
  }
  if (lines.length === 0) problems.push({ message: 'the workbook has no visible sheet with content' });
  return { format: 'xlsx', text: lines.join('\n'), origins, problems, pages: sheets.length };
}

/** Old binary Excel, encrypted workbooks and non-zip bytes fail here, each with what to do about it. */
function rejectWhatIsNoWorkbook(bytes: Uint8Array): void {
  if (OLE_SIGNATURE.every((b, i) => bytes[i] === b)) {
    // an OLE compound file: either a password-protected OOXML (its streams are named EncryptionInfo and
    // EncryptedPackage, in UTF-16LE in the directory) or a genuine Excel 97–2003 workbook
    const directory = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf16le');
    const directoryOdd = Buffer.from(bytes.buffer, bytes.byteOffset + 1, Math.max(0, bytes.byteLength - 1)).toString('utf16le');
    if (/EncryptionInfo|EncryptedPackage/.test(directory) || /EncryptionInfo|EncryptedPackage/.test(directoryOdd)) {
      throw new ImportError(
        'this workbook is encrypted (password-protected); open it in Excel or WPS, remove the password and save it as .xlsx',
      );
    }
    throw new ImportError('this is an old-format Excel (.xls) workbook; open it in Excel or WPS and save it as .xlsx');
  }
  const zip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5 || bytes[2] === 7);
  if (!zip) throw new ImportError('this is not an Excel .xlsx workbook (an .xlsx file is a zip archive and this file is not one)');
  // part names stand in clear in a zip's headers: a Word or PowerPoint file is recognisable without unpacking
  const names = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  // the zip's directory closes the file (its last 22 bytes, plus a comment of at most 64 KiB); without it the
  // file was cut short, whatever its first parts say
  if (!names.slice(-(65_536 + 22)).includes('PK\x05\x06')) {
    throw new ImportError('this .xlsx file is incomplete or damaged (its zip directory is missing); download or copy it again');
  }
  if (!names.includes('xl/')) {
    const what = names.includes('word/') ? 'a Word document' : names.includes('ppt/') ? 'a PowerPoint file' : 'a zip archive';
    throw new ImportError(`this is ${what}, not an Excel workbook (it has no xl/workbook.xml)`);
  }
}

function sheetBlock(sheet: ExcelJS.Worksheet, date1904: boolean, problems: ImportProblem[]): { lines: string[]; origins: LineOrigin[] } {
  const name = sheet.name;
  const cells = readCells(sheet, date1904, problems);
  const byRow = new Map<number, SheetCell[]>();
  for (const c of cells) {
    const row = byRow.get(c.row);
    if (row) row.push(c);
    else byRow.set(c.row, [c]);
  }
  const rowNumbers = [...byRow.keys()].sort((a, b) => a - b);
  const lines: string[] = [];
  const origins: LineOrigin[] = [];
  const emit = (text: string, origin: LineOrigin): void => {
    lines.push(text);
    origins.push(origin);
  };

  // The title is the first row when that row is one lone text (usually merged across the top). A sheet
  // whose first row is already table is given its name as title, so every block starts with a title line.
  const first = rowNumbers.length ? byRow.get(rowNumbers[0])! : [];
  const hasTitleRow = first.length === 1 && !first[0].isNumber && !UNIT_CELL.test(first[0].text);
  if (!hasTitleRow) emit(name, { sheet: name });

  // fields run from the sheet's leftmost used column, so a margin column does not put a TAB before every row
  const leftmost = cells.reduce((m, c) => Math.min(m, c.col), Number.POSITIVE_INFINITY);
  let gridStarted = false;
  let previousRow = 0;
  for (const r of rowNumbers) {
    const row = byRow.get(r)!.sort((a, b) => a.col - b.col);
    // a run of empty rows inside the sheet is a gap between blocks (a table and the note under it); the
    // spacer rows between title, unit line and table header are layout and vanish
    if (gridStarted && previousRow > 0 && r > previousRow + 1 && lines[lines.length - 1] !== '')
      emit('', { sheet: name, row: previousRow + 1 });
    previousRow = r;

    const unit = row.find((c) => !c.isNumber && UNIT_CELL.test(c.text));
    if (unit && row.length <= 3 && row.every((c) => !c.isNumber)) {
      // 编制部门：…　单位：元 — each on a line of its own, the unit last: the parser takes the line right above
      // a table's header for its unit line, and an org line there would be read as the first header row
      for (const c of row) if (c !== unit) emit(c.text, { sheet: name, row: r, cells: [address(r, c.col)] });
      emit(unit.text, { sheet: name, row: r, cells: [address(r, unit.col)] });
      continue;
    }
    if (row.length === 1 && row[0].text.includes('\n')) {
      // a lone cell holding paragraphs (a merged prose box): one paragraph a line, all pointing at the cell
      for (const paragraph of row[0].text.split('\n')) {
        const text = paragraph.trim();
        if (text) emit(text, { sheet: name, row: r, cells: [address(r, row[0].col)] });
      }
      continue;
    }
    if (row.length === 1 && !row[0].isNumber && !gridStarted) {
      // a lone text above the table (the title, a subtitle): the text alone, wherever its column; inside the
      // table a lone cell keeps its column like any other row
      emit(row[0].text, { sheet: name, row: r, cells: [address(r, row[0].col)] });
      continue;
    }
    // Trailing empty cells are dropped (they say nothing and a field's index is its column either way);
    // leading and inner empty cells are kept as empty fields.
    const last = row[row.length - 1].col;
    const fields: string[] = [];
    const addresses: string[] = [];
    let k = 0;
    for (let col = leftmost; col <= last; col++) {
      const cell = row[k]?.col === col ? row[k++] : undefined;
      fields.push(cell ? flatten(cell.text) : '');
      addresses.push(address(r, col));
    }
    emit(fields.join('\t'), { sheet: name, row: r, cells: addresses });
    if (row.length >= 2) gridStarted = true;
  }
  while (lines.length && lines[lines.length - 1] === '') {
    lines.pop();
    origins.pop();
  }
  return { lines, origins };
}

/** Every non-empty visible cell of a sheet as text; cells covered by a merge are left out (empty). */
function readCells(sheet: ExcelJS.Worksheet, date1904: boolean, problems: ImportProblem[]): SheetCell[] {
  const covered = coveredByMerges(sheet);
  const hiddenColumns = new Set<number>();
  const hiddenRows = new Set<number>();
  const cells: SheetCell[] = [];
  let formulasWithoutResult = 0;
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (covered.has(key(r, col))) return;
      const value = cellValue(cell.value, cell.numFmt, date1904);
      if (value.missingResult) formulasWithoutResult++;
      const text = value.text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').trim();
      if (!text) return;
      // hidden rows and columns are not printed, so the published table does not show them either
      if (row.hidden) {
        hiddenRows.add(r);
        return;
      }
      if (sheet.getColumn(col).hidden) {
        hiddenColumns.add(col);
        return;
      }
      cells.push({ row: r, col, text, isNumber: value.isNumber });
    });
  });
  if (formulasWithoutResult > 0) {
    problems.push({
      message: `sheet “${sheet.name}”: ${formulasWithoutResult} formula cell(s) have no saved result and read as empty; open the workbook in Excel and save it to compute them`,
    });
  }
  if (hiddenRows.size > 0) problems.push({ message: `sheet “${sheet.name}”: ${hiddenRows.size} hidden row(s) with content were skipped` });
  if (hiddenColumns.size > 0)
    problems.push({
      message: `sheet “${sheet.name}”: hidden column(s) ${[...hiddenColumns]
        .sort((a, b) => a - b)
        .map(columnName)
        .join(', ')} with content were skipped`,
    });
  return cells;
}

interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function coveredByMerges(sheet: ExcelJS.Worksheet): Set<string> {
  // exceljs repeats a merge master's value in every cell of the range; its merge list says which cells are
  // only covered. `_merges` is internal but is the list itself; the model's strings are the public fallback.
  const internal = (sheet as unknown as { _merges?: Record<string, { model?: MergeRange } & Partial<MergeRange>> })._merges;
  const ranges: MergeRange[] = [];
  if (internal) {
    for (const m of Object.values(internal)) {
      const box = m.model ?? (m as MergeRange);
      if ([box.top, box.left, box.bottom, box.right].every(Number.isFinite)) ranges.push(box);
    }
  } else {
    for (const ref of sheet.model.merges ?? []) {
      const [a, b] = ref.split(':').map(parseAddress);
      if (a && b) ranges.push({ top: a.row, left: a.col, bottom: b.row, right: b.col });
    }
  }
  const covered = new Set<string>();
  for (const m of ranges) {
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(key(r, c));
    }
  }
  return covered;
}

interface Shown {
  text: string;
  isNumber: boolean;
  missingResult?: boolean;
}

/** What a cell shows: exceljs's value shapes (number, string, Date, rich text, formula, hyperlink, error). */
function cellValue(value: ExcelJS.CellValue | undefined, numFmt: string | undefined, date1904: boolean): Shown {
  if (value === null || value === undefined) return { text: '', isNumber: false };
  if (typeof value === 'number') return { text: formatNumber(value, numFmt, date1904), isNumber: true };
  if (typeof value === 'string') return { text: value, isNumber: false };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', isNumber: false };
  if (value instanceof Date) return { text: formatDate(value, numFmt, date1904), isNumber: false };
  if (typeof value !== 'object') return { text: String(value), isNumber: false };
  const v = value as unknown as Record<string, unknown>;
  if (Array.isArray(v.richText)) return { text: richText(v.richText), isNumber: false };
  if ('formula' in v || 'sharedFormula' in v) {
    if (v.result === undefined || v.result === null) return { text: '', isNumber: false, missingResult: true };
    return cellValue(v.result as ExcelJS.CellValue, numFmt, date1904);
  }
  if ('error' in v) return { text: String(v.error), isNumber: false };
  if ('text' in v) {
    const t = v.text as unknown;
    if (typeof t === 'string') return { text: t, isNumber: false };
    if (t && typeof t === 'object' && Array.isArray((t as { richText?: unknown }).richText))
      return { text: richText((t as { richText: unknown[] }).richText), isNumber: false };
  }
  return { text: '', isNumber: false };
}

function richText(runs: unknown[]): string {
  return runs
    .map((run) =>
      run && typeof run === 'object' && typeof (run as { text?: unknown }).text === 'string' ? (run as { text: string }).text : '',
    )
    .join('');
}

/** A wrapped cell (事业单位\n经营收入) is one field: its lines joined, without a space between CJK characters. */
function flatten(text: string): string {
  if (!text.includes('\n')) return text;
  return text
    .split('\n')
    .map((piece) => piece.trim())
    .filter((piece) => piece.length > 0)
    .reduce((joined, piece) => {
      if (!joined) return piece;
      const cjk = /[\u3000-\u9fff\uff00-\uffef]/;
      return joined + (cjk.test(joined[joined.length - 1]) || cjk.test(piece[0]) ? '' : ' ') + piece;
    }, '');
}

function key(row: number, col: number): string {
  return `${row},${col}`;
}

function columnName(col: number): string {
  let name = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function address(row: number, col: number): string {
  return `${columnName(col)}${row}`;
}

function parseAddress(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(ref.trim());
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

function oneLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split(/\r?\n/)[0].trim().slice(0, 200) || 'unknown error';
}
