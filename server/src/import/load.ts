// One entry for every face that reads a file: text files are decoded, published originals (PDF, HTML, Word,
// Excel) are imported; either way the engine gets the canonical text, and the face gets where each line came
// from and what the reader should be told. A file that cannot be read gives one line saying why.
import { decode, NotTextError, type Encoding } from './text.js';
import { importOriginal, sniffFormat, ImportError, type LineOrigin, type OriginalFormat } from './index.js';

export type DocumentFormat = 'text' | OriginalFormat;

export interface LoadNote {
  /** 0-based line of the text the note is about, when it is about one. */
  line?: number;
  message: string;
}

export interface LoadedDocument {
  text: string;
  format: DocumentFormat;
  /** For text files: the encoding the bytes were read in. */
  encoding?: Encoding;
  /** For originals: where each line of `text` came from. */
  origins?: (LineOrigin | undefined)[];
  /** PDF pages / Excel sheets. */
  pages?: number;
  notes: LoadNote[];
}

/** The file cannot be checked; the message is one line for a person. */
export class UnreadableError extends Error {}

/**
 * The largest text checked. Checking costs time and memory in proportion to the text (about 0.7 s and 45 MB per
 * MB, `npm run bench`); beyond this a run would take minutes and gigabytes, so it is refused up front.
 */
export const MAX_TEXT_BYTES = 50 * 1024 * 1024;
/**
 * The largest document the language server checks. An open document also keeps what incremental re-parsing
 * reuses (about twice the CLI's memory per MB), and the editor holds its own copies; beyond this the server
 * says so instead of exhausting the clerk's PC.
 */
export const MAX_EDITOR_TEXT_BYTES = 20 * 1024 * 1024;
/** Originals are mostly pictures and fonts; their text is a small part of them. */
export const MAX_ORIGINAL_BYTES = 200 * 1024 * 1024;

export async function loadDocument(bytes: Uint8Array, fileName = ''): Promise<LoadedDocument> {
  const format = sniffFormat(bytes, fileName);
  if (!format) {
    if (bytes.length > MAX_TEXT_BYTES) throw new UnreadableError(tooLarge(bytes.length, MAX_TEXT_BYTES));
    let decoded;
    try {
      decoded = decode(bytes);
    } catch (e) {
      if (e instanceof NotTextError) throw new UnreadableError(describeBinary(bytes, e.message));
      throw e;
    }
    const notes = decoded.replacedLines.map((line) => ({
      line,
      message: `此行有无法按 ${decoded.encoding} 解码的字节，已替换为 U+FFFD / bytes on this line are not valid ${decoded.encoding} and were replaced by U+FFFD`,
    }));
    return { text: decoded.text, format: 'text', encoding: decoded.encoding, notes };
  }
  if (bytes.length > MAX_ORIGINAL_BYTES) throw new UnreadableError(tooLarge(bytes.length, MAX_ORIGINAL_BYTES));
  try {
    const r = await importOriginal(bytes, format);
    if (Buffer.byteLength(r.text) > MAX_TEXT_BYTES) throw new UnreadableError(tooLarge(Buffer.byteLength(r.text), MAX_TEXT_BYTES));
    return {
      text: r.text,
      format,
      origins: r.origins,
      pages: r.pages,
      notes: r.problems.map((p) => ({ line: p.line, message: p.message })),
    };
  } catch (e) {
    if (e instanceof ImportError) throw new UnreadableError(oneLine(e.message));
    throw e;
  }
}

export function tooLarge(size: number, limit: number): string {
  return `too large to check (${(size / 1048576).toFixed(0)} MB; the limit is ${limit / 1048576} MB): split the document`;
}

/**
 * A binary file that is none of the originals we read: say what it looks like when we can tell. (Zip and OLE
 * files never get here: sniffFormat hands them to the Word or Excel importer, which says what they are.)
 */
function describeBinary(bytes: Uint8Array, fallback: string): string {
  const head = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
  if (/^\x89PNG|^\xff\xd8\xff|^GIF8/.test(head)) return 'an image: a scanned page needs OCR before it can be checked';
  return fallback;
}

const FILE_ERRORS: Record<string, { zh: string; en: string }> = {
  ENOENT: { zh: '文件不存在', en: 'no such file or directory' },
  EACCES: { zh: '没有读取权限', en: 'permission denied' },
  EPERM: { zh: '没有读取权限', en: 'permission denied' },
  ELOOP: { zh: '链接循环指向自身', en: 'a link that loops back on itself' },
  EISDIR: { zh: '这是一个文件夹', en: 'is a directory' },
  EBUSY: { zh: '文件被占用', en: 'the file is in use' },
  ENAMETOOLONG: { zh: '文件名过长', en: 'name too long' },
};

/** A file-system error as one line a person understands (never a stack trace): the CLI's and the editor's. */
export function fileErrorReason(e: unknown, locale: 'zh' | 'en' = 'en'): string {
  const code = (e as NodeJS.ErrnoException).code;
  return (code && FILE_ERRORS[code]?.[locale]) ?? (e instanceof Error ? oneLine(e.message) : String(e));
}

function oneLine(s: string): string {
  return s
    .split(/\r?\n/)[0]
    .replace(/[\u0000-\u001f]/g, ' ')
    .slice(0, 300);
}

export { ImportError, NotTextError };
