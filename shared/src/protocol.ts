// Constants shared by the VS Code client and the language server. No vscode / LSP imports here.

export const LANGUAGE_ID = 'budget-disclosure';
export const CONFIGURATION_SECTION = 'budget';
export const SERVER_NAME = '预决算公开校对';

// A published original (PDF, Word, Excel, HTML) is checked through its converted text, shown as a read-only
// document under its own scheme: `budget-original:` + the original's path + `.txt` (a view of the original, so
// the page of every line stays true; nothing is written beside the clerk's files until they ask for a copy).
export const ORIGINAL_SCHEME = 'budget-original';
/** File extensions of the originals the server converts. */
export const ORIGINAL_EXTENSIONS = ['pdf', 'docx', 'xlsx', 'html', 'htm'];
const CONVERTED_SUFFIX = '.txt';

/** Commands of the VS Code client: open an original as its converted text; save that text as an editable .txt. */
export const OPEN_ORIGINAL_COMMAND = 'budget.openOriginal';
export const SAVE_CONVERTED_TEXT_COMMAND = 'budget.saveConvertedText';

/** Request: convert an original into the canonical text; the server remembers its page map for convertedTextUri(uri). */
export const IMPORT_ORIGINAL_REQUEST = 'budget/importOriginal';
export interface ImportOriginalParams {
  /** The original's `file:` URI. */
  uri: string;
}
/** The converted text and the import's notes, or why the original cannot be read (one line). */
export type ImportOriginalResult = { text: string; notes: { line?: number; message: string }[] } | { error: string };

/**
 * `file:///d/report.pdf` → `budget-original:/d/report.pdf.txt` (the tab reads `report.pdf.txt`). Written as VS Code
 * writes it (`vscode.Uri.toString()`: no `//` without an authority), since the server looks the page map up by
 * the URI the editor opens.
 */
export function convertedTextUri(originalUri: string): string {
  const afterScheme = originalUri.slice(originalUri.indexOf(':') + 1);
  const [path, rest = ''] = splitQuery(afterScheme.startsWith('///') ? afterScheme.slice(2) : afterScheme);
  return `${ORIGINAL_SCHEME}:${path}${CONVERTED_SUFFIX}${rest}`;
}

/** The inverse of convertedTextUri: the original's `file:` URI, or undefined for any other URI. */
export function originalOfConvertedText(uri: string): string | undefined {
  if (!uri.startsWith(ORIGINAL_SCHEME + ':')) return undefined;
  const [path, rest = ''] = splitQuery(uri.slice(ORIGINAL_SCHEME.length + 1));
  if (!path.endsWith(CONVERTED_SUFFIX)) return undefined;
  // a UNC path keeps its host (`//server/share/…`); a local one gets file's empty authority back
  return `file:${path.startsWith('//') ? '' : '//'}${path.slice(0, -CONVERTED_SUFFIX.length)}${rest}`;
}

function splitQuery(s: string): [string, string?] {
  const at = s.search(/[?#]/);
  return at < 0 ? [s] : [s.slice(0, at), s.slice(at)];
}

/** How much of a document looksLikeDisclosure reads. */
export const DETECTION_WINDOW = 4000;

// Words that name a disclosure or its standard tables. Matched on text with all whitespace removed, so that
// “2020 年部门决算” and PDF extractions like “部 门 预 算” match too. 预决算公开 alone (the name of the
// regulations, or of this tool) does not count: (?<!预)决算.
const MARKER = new RegExp(
  [
    '部门(?:综合)?预算',
    '(?<!预)部门决算',
    '单位(?:综合)?预算',
    '(?<!预)单位决算',
    '(?<!预)决算公开',
    '预算(?:信息)?公开',
    '(?<!预)决算信息公开',
    '收支(?:预算|决算)?总表',
    '收入支出(?:预算|决算)总表',
    '(?:预算|决算)表',
  ].join('|'),
);

// A title is a short line of words, not a sentence and not code.
const TITLE_MAX = 40;
const NOT_TITLE = /[，。；！？,;=/{}<>[\]'"`$\\|]|^(?:关于|转发)|(?:通知|意见|办法|规定|规程|通报|报道)$/;

// Lines that only a disclosure's body has: a part heading, a table number, a unit line, a row of amounts.
const STRUCTURE = [
  /^[ \t\u3000]*(?:#{1,6}\s*)?第[一二三四五六七八九十]+部分/m,
  /^[ \t\u3000]*(?:表\s*\d{1,2}(?:\s*-\s*\d{1,2})?|公开\s*\d{1,2}\s*表)[ \t\u3000]*(?:$|\S)/m,
  /^[ \t\u3000]*(?:金额)?单位\s*[：:]\s*(?:万元|元)/m,
  /^[ \t\u3000]*[2-5]\d{2}(?:\d{2}){0,2}\t[^\t\d]/m,
  /\t-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}(?:\t|[ \t]*$)/m,
];

/**
 * Does this text (plain text or Markdown) look like a budget / final-account disclosure? Reads the first
 * DETECTION_WINDOW characters. Yes when one of the first lines is a short title naming a disclosure
 * (“2024年部门预算公开说明”, “2020 年部门决算”, “部门综合预算”, “## 2021 年部门预算信息公开情况说明”), or
 * when the text names one anywhere near the top and also has a line only a disclosure has (第一部分 …, 表5,
 * 单位：万元, a tab-separated row of amounts). An article that merely mentions 部门预算, this tool's README,
 * a notice 关于…的通知, or source code does not qualify.
 */
export function looksLikeDisclosure(text: string): boolean {
  const head = text.slice(0, DETECTION_WINDOW);
  const squeeze = (s: string) => s.replace(/[\s\u3000\u00a0\ufeff]+/g, '');
  if (!MARKER.test(squeeze(head))) return false;

  const lines = head
    .split(/\r\n?|\n/)
    .map((l) => l.replace(/^\s*#{1,6}\s+/, '').replace(/\*\*|<\/?b>/g, ''))
    .map(squeeze)
    .filter((l) => l !== '');
  // a title may be wrapped over two or three lines (“社会工作部 2024 年度” / “部门决算”)
  const top = lines.slice(0, 6);
  for (let i = 0; i < top.length; i++) {
    for (let n = 1; n <= 3 && i + n <= top.length; n++) {
      const title = top.slice(i, i + n).join('');
      if (title.length > TITLE_MAX) break;
      if (!NOT_TITLE.test(title) && MARKER.test(title)) return true;
    }
  }
  return STRUCTURE.some((re) => re.test(head));
}

/**
 * The Getting Started walkthrough's command: open a copy of the sample disclosure bundled with the extension
 * (SAMPLE_FILE, with one deliberate mistake) so that a squiggle, a hover and the outline can be shown on it.
 */
export const OPEN_SAMPLE_COMMAND = 'budget.openSample';
export const SAMPLE_FILE = 'samples/示例-部门预算.txt';
/**
 * The walkthrough's later steps: bring the sample's editor back to the front (a click in the walkthrough leaves the
 * walkthrough the active editor, where an editor command or the outline would have nothing to act on), then put
 * the cursor on its mistake, show the hover there, or show the outline. One command per step, so that each step's
 * completionEvents (onCommand:…) tick that step only.
 */
export const SAMPLE_STEP_COMMANDS = {
  mistake: 'budget.sample.goToMistake',
  hover: 'budget.sample.showHover',
  outline: 'budget.sample.showOutline',
} as const;
/** Command of the VS Code client: the document's tables as aligned grids, beside the text (client/src/preview.ts). */
export const SHOW_PREVIEW_COMMAND = 'budget.showPreview';

/** Request: the preview of an open document — its tables as grids with findings and computed sums, then its charts. */
export const PREVIEW_REQUEST = 'budget/preview';
export interface PreviewParams {
  uri: string;
}
/** The body (html), its style sheet, and the script that draws its charts (with Chart.js loaded by the page). */
export type PreviewResult = { html: string; css: string; chartScript: string } | { error: string };
