// Everything the report and the preview take from a document (cell text, titles, messages that quote the text) goes
// through here before it reaches HTML: a disclosure is someone else's text, and a `<script>` in it must stay text.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/**
 * JSON to embed in `<script type="application/json">`: `<` is written as \u003c so that no `</script>` (or `<!--`)
 * in the data can end the element early; U+2028/2029 are escaped for old parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
