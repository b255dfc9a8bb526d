// Inline disable directives: a line of its own that silences rules, read once here for every rule (markdownlint
// reads its comments in one place too). Two forms, accepted in every document:
//
//   <!-- budget-lint-disable-next-line sum-mismatch -->     Markdown: an HTML comment, invisible in the rendering
//   // budget-lint-disable-next-line sum-mismatch           plain text: `//` opens no line of a disclosure (no
//                                                           heading, figure, code or sentence starts so), and it
//                                                           reads as a comment to anyone who meets it
//
// `budget-lint-disable-next-line` silences the findings that start on the next non-blank line, `budget-lint-disable`
// the whole file. The rule ids or tags follow, separated by spaces or commas (none: every rule); a reason may follow
// ` -- `. The line stays in the text (no finding moves) and the parser reads it as a blank line: a table keeps
// its rows across it and no prose check reads it.

export type DirectiveScope = 'next-line' | 'file';

/** A name in a directive's list, with where it is written on the line. */
export interface DirectiveName {
  text: string;
  start: number;
  end: number;
}

/** What one directive line says; its line number is the document's (see DisclosureDocument.directives). */
export interface LineDirective {
  scope: DirectiveScope;
  /** The rule ids and tags, as written; empty means every rule. */
  names: DirectiveName[];
  /** Where a name added to the list is inserted: after the last name (or after the keyword). */
  insertAt: number;
  /** The list separates its names with commas (a name added follows the same style). */
  commas: boolean;
  form: 'html' | 'slash';
}

const HTML_FORM = /^\s*<!--\s*(budget-lint-disable(?:-next-line)?)(?=[\s,，]|-->)(.*?)-->\s*$/;
const SLASH_FORM = /^\s*\/\/\s*(budget-lint-disable(?:-next-line)?)(?=[\s,，]|$)(.*)$/;

/** The directive a line is, or undefined. A pure function of the line (the lexer calls it). */
export function readDirective(text: string): LineDirective | undefined {
  if (!text.includes('budget-lint-disable')) return undefined;
  const html = HTML_FORM.exec(text);
  const m = html ?? SLASH_FORM.exec(text);
  if (!m) return undefined;
  const keywordEnd = m.index + m[0].indexOf(m[1]) + m[1].length;
  // a reason after ` -- ` is for people (ESLint's convention)
  const reasonAt = m[2].search(/(?:^|\s)--(?:\s|$)/);
  const list = reasonAt >= 0 ? m[2].slice(0, reasonAt) : m[2];
  const names: DirectiveName[] = [];
  const re = /[^\s,，]+/g;
  for (let n = re.exec(list); n; n = re.exec(list)) {
    const start = keywordEnd + n.index;
    names.push({ text: n[0], start, end: start + n[0].length });
  }
  return {
    scope: m[1] === 'budget-lint-disable' ? 'file' : 'next-line',
    names,
    insertAt: names.length ? names[names.length - 1].end : keywordEnd,
    commas: /[,，]/.test(list),
    form: html ? 'html' : 'slash',
  };
}

/** The text of a directive line, in the form a document of this kind uses (Markdown: a comment it does not render). */
export function directiveLine(scope: DirectiveScope, names: string[], markdown: boolean, indent = ''): string {
  const keyword = scope === 'file' ? 'budget-lint-disable' : 'budget-lint-disable-next-line';
  const body = [keyword, ...names].join(' ');
  return markdown ? `${indent}<!-- ${body} -->` : `${indent}// ${body}`;
}

/** Markdown documents, told by the name (the only thing the library knows of a document besides its text). */
export function isMarkdownUri(uri: string): boolean {
  return /\.(?:md|markdown)$/i.test(uri.replace(/[?#].*$/, ''));
}
