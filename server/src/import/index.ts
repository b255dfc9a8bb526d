// Picks the importer for a file by its bytes (magic numbers first, the extension only to break ties) and
// runs it. Text files are not imports: `sniffFormat` answers undefined and the caller decodes them as text.
import { ImportError, type ImportResult, type OriginalFormat } from './types.js';

export { ImportError };
export type { ImportResult, OriginalFormat, LineOrigin, ImportProblem } from './types.js';

/** The format of an original, or undefined for anything that should be read as plain text. */
export function sniffFormat(bytes: Uint8Array, fileName = ''): OriginalFormat | undefined {
  const head = latin1(bytes, 0, 1024);
  if (head.startsWith('%PDF-') || /^[\s\S]{0,1016}%PDF-/.test(head)) return 'pdf';
  if (head.startsWith('PK\x03\x04')) return zipKind(bytes, fileName);
  // old Office files and encrypted OOXML are OLE compound files; the importers say what they are
  if (head.startsWith('\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1')) return /\.docx?$/i.test(fileName) ? 'docx' : 'xlsx';
  // a comment alone is no evidence of HTML: a Markdown or text disclosure may open with one (a disable directive,
  // `<!-- budget-lint-disable … -->`); what follows the comments decides
  const start = head
    .replace(/^(\xef\xbb\xbf|\xff\xfe|\xfe\xff)/, '')
    .replace(/^(?:\s*<!--[\s\S]*?-->)*/, '')
    .trimStart()
    .slice(0, 512)
    .toLowerCase();
  if (/^<(!doctype html|html|head|body|meta|table|div|p[\s>]|!--)/.test(start)) return 'html';
  if (/\.html?$/i.test(fileName) && /<(html|body|table|p|div)[\s>]/i.test(latin1(bytes, 0, 65536))) return 'html';
  return undefined;
}

/** A zip is a Word or an Excel file according to the parts it names (its directory lists them in clear). */
function zipKind(bytes: Uint8Array, fileName: string): OriginalFormat {
  const names = latin1(bytes, Math.max(0, bytes.length - 262144), bytes.length) + latin1(bytes, 0, 4096);
  if (names.includes('word/document.xml')) return 'docx';
  if (names.includes('xl/workbook.xml')) return 'xlsx';
  return /\.docx$/i.test(fileName) ? 'docx' : 'xlsx';
}

function latin1(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, Math.max(0, Math.min(to, bytes.length) - from)).toString('latin1');
}

/** Imports an original into the canonical text. Throws ImportError (one line, for a person) when it cannot. */
export async function importOriginal(bytes: Uint8Array, format: OriginalFormat): Promise<ImportResult> {
  try {
    switch (format) {
      case 'pdf':
        return await (await import('./pdf.js')).importPdf(bytes);
      case 'html':
        return await (await import('./html.js')).importHtml(bytes);
      case 'docx':
        return await (await import('./docx.js')).importDocx(bytes);
      case 'xlsx':
        return await (await import('./xlsx.js')).importXlsx(bytes);
    }
  } catch (e) {
    if (e instanceof ImportError) throw e;
    // a library failed in a way the importer did not foresee: still one line, never a stack trace
    const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw new ImportError(`cannot read this ${format.toUpperCase()} file: ${message}`);
  }
}
