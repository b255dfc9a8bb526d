// Document text goes into hover Markdown: a name with `*`, `_`, `|`, `<` or a backtick must show as written, never
// as emphasis, a table cell break, HTML or code. The one escaper for every hover (features/*.ts). Fragments always
// sit inside a line (after 「, a bullet or a table bar), so the characters that only matter at a line's start
// (`#`, `-`, `+`, `1.`) are left as they are: figures and formulas (`基本支出+项目支出`, `2,309,714.00`) stay readable.

/** Text as Markdown shows it literally (backslash escapes; `|` too, for table cells; `<` as an entity; one line). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/</g, '&lt;')
    .replace(/\r?\n/g, ' ');
}
