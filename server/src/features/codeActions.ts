// Code actions on a finding: the quick fix (replace a figure with the value the check computed, printed the way the
// document prints it; preferred only when it is the one certain correction), a way to the cell the message blames,
// and the two ways to silence a reviewed finding with a directive (parse/directives.ts).
import type { Finding } from '../checks/index.js';
import type { DisclosureDocument, Range } from '../model/types.js';
import { overlaps } from '../model/ranges.js';
import { message, type Locale } from '../checks/messages.js';
import { directiveLine, isMarkdownUri } from '../parse/directives.js';
import { isDirectiveNote } from '../checks/directives.js';

/** A command the server carries out (workspace/executeCommand): reveal `range` in the document at `uri`. */
export const SHOW_LOCATION_COMMAND = 'budget.showLocation';

export interface CodeActionShape {
  title: string;
  kind: 'quickfix';
  diagnostics: Finding[];
  isPreferred?: boolean;
  /** What the action writes (empty for an action that only moves the cursor). */
  edit: { changes: Record<string, { range: Range; newText: string }[]> };
  /** Run after the edit: an action that takes the reader somewhere (`budget.showLocation` [uri, range]). */
  command?: { title: string; command: string; arguments?: unknown[] };
}

/**
 * The actions for the findings at `range`. With the document, each finding also gets the two silencing actions:
 * 「忽略此处的该规则」 and 「在本文件中关闭该规则」.
 */
export function quickFixes(
  uri: string,
  findings: Finding[],
  range: Range,
  locale: Locale = 'zh',
  /** The document and its line end: without them, no silencing actions. */
  context?: { document: DisclosureDocument; eol?: string },
): CodeActionShape[] {
  const out: CodeActionShape[] = [];
  const at = findings.filter((f) => overlaps(f.range, range));
  for (const f of at) {
    if (f.data?.replacement === undefined) continue;
    const codeFix = f.data.codeFix;
    // `30202 咨询费` where 咨询费 is 30203: the code is the likelier slip, so that fix comes first
    if (codeFix) {
      out.push({
        title: message(locale, 'replace-code', { code: codeFix.code, name: codeFix.name }),
        kind: 'quickfix',
        diagnostics: [f],
        isPreferred: true,
        edit: { changes: { [uri]: [{ range: codeFix.range, newText: codeFix.newText }] } },
      });
    }
    out.push({
      title:
        f.code === 'code-name-mismatch'
          ? message(locale, 'replace-name', { name: f.data.replacement })
          : message(locale, 'replace-with', { value: f.data.replacement }),
      kind: 'quickfix',
      diagnostics: [f],
      isPreferred: f.code !== 'rounding' && !codeFix && !f.data.notCertain,
      edit: { changes: { [uri]: [{ range: f.range, newText: f.data.replacement }] } },
    });
  }
  // a doubled mark or word: the replacement is the one that stays; a stray space: nothing stays
  for (const a of out) {
    const f = a.diagnostics[0];
    if (f.code !== 'punctuation') continue;
    const kept = f.data!.replacement!;
    a.title = kept ? message(locale, 'hygiene-remove-doubled', { mark: kept }) : message(locale, 'hygiene-remove-space');
  }
  for (const f of at) {
    const culprit = f.data?.culprit;
    if (!culprit?.range) continue;
    const title = message(locale, 'go-to-culprit', { item: culprit.label });
    out.push({
      title,
      kind: 'quickfix',
      diagnostics: [f],
      edit: { changes: {} },
      command: { title, command: SHOW_LOCATION_COMMAND, arguments: [uri, culprit.range] },
    });
  }
  for (const f of at) {
    if (!context || !isDirectiveNote(f)) continue;
    // a directive that silences nothing can go: the whole line, its line end included
    if (f.data?.message?.id === 'directive-unused') {
      const line = f.range.start.line;
      const range = { start: { line, character: 0 }, end: { line: line + 1, character: 0 } };
      out.push({
        title: message(locale, 'directive-remove'),
        kind: 'quickfix',
        diagnostics: [f],
        edit: { changes: { [uri]: [{ range, newText: '' }] } },
      });
    }
  }
  // silencing a note on a directive would only stack directives: the directive is fixed instead
  if (context) for (const f of at) if (!isDirectiveNote(f)) out.push(...silencing(uri, f, locale, context.document, context.eol ?? '\n'));
  return out;
}

/** 「忽略此处的该规则」 and 「在本文件中关闭该规则」 for one finding. */
function silencing(uri: string, f: Finding, locale: Locale, doc: DisclosureDocument, eol: string): CodeActionShape[] {
  const markdown = isMarkdownUri(uri);
  const line = f.range.start.line;
  const action = (title: string, edit: { range: Range; newText: string }): CodeActionShape => ({
    title,
    kind: 'quickfix',
    diagnostics: [f],
    edit: { changes: { [uri]: [edit] } },
  });
  const at = (l: number, character: number): Range => ({ start: { line: l, character }, end: { line: l, character } });
  // a next-line directive already right above the line gains the rule; else a new one, indented like the line
  const above = doc.directives.find((d) => d.scope === 'next-line' && d.target === line && d.line === line - 1 && d.names.length);
  const here = above
    ? { range: at(above.line, above.insertAt), newText: `${above.commas ? ',' : ''} ${f.code}` }
    : {
        range: at(line, 0),
        newText: directiveLine('next-line', [f.code], markdown, /^[ \t\u3000]*/.exec(doc.lines[line] ?? '')![0]) + eol,
      };
  // likewise the first file directive that names rules; else one at the top, where it is seen first
  const fileWide = doc.directives.find((d) => d.scope === 'file' && d.names.length);
  const inFile = fileWide
    ? { range: at(fileWide.line, fileWide.insertAt), newText: `${fileWide.commas ? ',' : ''} ${f.code}` }
    : { range: at(0, 0), newText: directiveLine('file', [f.code], markdown) + eol };
  return [
    action(message(locale, 'disable-next-line', { rule: f.code }), here),
    action(message(locale, 'disable-in-file', { rule: f.code }), inFile),
  ];
}
