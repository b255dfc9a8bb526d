// Reading disclosure files from disk: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK.
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface Decoded {
  text: string;
  encoding: Encoding;
  /** 0-based lines where bytes could not be decoded and were replaced by U+FFFD (or a control character was). */
  replacedLines: number[];
}

export class NotTextError extends Error {}

/**
 * Decodes bytes, choosing the encoding from the evidence: a BOM; else UTF-8 when the bytes are UTF-8 but for
 * a few stray bytes (one bad byte must not turn a whole document into GB18030 mojibake); else GB18030.
 * Control characters (NUL …) are replaced by U+FFFD one for one, so columns stay where they were and no
 * message ever echoes a raw control byte.
 */
export function decode(bytes: Uint8Array): Decoded {
  const marked = decodeByBom(bytes);
  if (marked) return finish(marked.text, marked.encoding);
  if (looksBinary(bytes)) throw new NotTextError('not a text file (binary content)');
  const { valid, invalid } = utf8Evidence(bytes);
  // GBK text read as UTF-8 breaks about as often as it happens to form a sequence; UTF-8 with a stray byte
  // has overwhelmingly more good multi-byte sequences than bad ones
  if (invalid === 0 || valid >= 20 * invalid) return finish(new TextDecoder('utf-8').decode(bytes), 'utf-8');
  return finish(new TextDecoder('gb18030').decode(bytes), 'gb18030');
}

/** Bytes that start with a byte-order mark, decoded by it (the mark dropped); undefined without one. */
export function decodeByBom(bytes: Uint8Array): { text: string; encoding: Encoding } | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  return undefined;
}

/** Counts well-formed multi-byte UTF-8 sequences and ill-formed bytes. */
function utf8Evidence(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k++) ok = i + k < bytes.length && (bytes[i + k] & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

// Form feed and vertical tab are white space (pdftotext puts a form feed at every page break): kept as they are.
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/g;

function finish(decoded: string, encoding: Encoding): Decoded {
  const text = decoded.replace(CONTROL, '\ufffd');
  const replacedLines: number[] = [];
  if (text.includes('\ufffd')) {
    text.split(/\r\n|\r|\n/).forEach((line, i) => {
      if (line.includes('\ufffd')) replacedLines.push(i);
    });
  }
  return { text, encoding, replacedLines };
}

/** NUL bytes or many control characters in the first 8 KB mean this is not a document. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return n > 0 && control / n > 0.1;
}
