// PDF → canonical text. pdf.js (pure JavaScript) reads the text runs and the drawing operations of each page;
// pdf/layout.ts turns a page into table rows and text lines, pdf/assemble.ts the pages into one text.
import { ImportError, type ImportProblem, type ImportResult } from './types.js';
import { loadPdfjs, type PdfDocument } from './pdf/load.js';
import { glyphsOf, rulesOf } from './pdf/geometry.js';
import { layoutPage } from './pdf/layout.js';
import { assemble, type LaidOutPage } from './pdf/assemble.js';

const SCANNED = 'scanned PDF with no text layer (needs OCR) / 扫描件，无文字层，需先 OCR';

/** A pdf.js failure → one line for a person. */
function readFailure(e: unknown): ImportError {
  const name = (e as { name?: string })?.name ?? '';
  const message = (e instanceof Error ? e.message : String(e)).split('\n')[0].trim();
  if (name === 'PasswordException') {
    return new ImportError(
      'encrypted PDF: it opens only with a password; save or print an unprotected copy and import that / 加密的 PDF，需要密码才能打开',
    );
  }
  if (name === 'InvalidPDFException') return new ImportError(`not a PDF, or a damaged one: ${message} / 不是 PDF 文件或文件已损坏`);
  return new ImportError(`damaged PDF: ${message || name || 'unreadable'} / PDF 文件已损坏`);
}

export async function importPdf(bytes: Uint8Array): Promise<ImportResult> {
  let loaded;
  try {
    loaded = await loadPdfjs();
  } catch (e) {
    throw new ImportError(`cannot load the PDF reader (pdf.js): ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
  }
  const { pdfjs, files } = loaded;
  const task = pdfjs.getDocument({
    // a copy: pdf.js may take over (detach) the buffer it is given, and refuses a Node Buffer
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    cMapUrl: files.cMaps,
    cMapPacked: true,
    standardFontDataUrl: files.standardFonts,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  });
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => {});
    throw readFailure(e);
  }
  try {
    if (doc.numPages < 1) throw new ImportError('PDF with no pages / PDF 没有页面');
    const problems: ImportProblem[] = [];
    const pages: LaidOutPage[] = [];
    let pagesWithText = 0;
    let unreadable = 0;
    let firstFailure: unknown;
    for (let n = 1; n <= doc.numPages; n++) {
      try {
        const page = await doc.getPage(n);
        const viewport = page.getViewport({ scale: 1 });
        const content = await page.getTextContent();
        const { glyphs } = glyphsOf(content.items, viewport.transform);
        const hasText = content.items.some((it) => typeof it.str === 'string' && /\S/.test(it.str));
        if (!hasText) {
          problems.push({
            message: `page ${n} has no text (an image or a scan?) and was left out / 第 ${n} 页没有文字（图片或扫描件？），未导入`,
          });
        } else {
          pagesWithText++;
          // the drawing operations only matter where there is text to put into cells
          const ops = await page.getOperatorList();
          const { horizontal, vertical } = rulesOf(ops.fnArray, ops.argsArray, pdfjs.OPS, viewport.transform);
          pages.push({ page: n, width: viewport.width, height: viewport.height, blocks: layoutPage(glyphs, horizontal, vertical) });
        }
        page.cleanup();
      } catch (e) {
        if (e instanceof ImportError) throw e;
        unreadable++;
        firstFailure ??= e;
        problems.push({
          message: `page ${n} could not be read and was left out: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]} / 第 ${n} 页无法读取，未导入`,
        });
      }
    }
    if (unreadable === doc.numPages) throw readFailure(firstFailure);
    if (pagesWithText === 0) throw new ImportError(SCANNED);
    const { lines, origins } = assemble(pages);
    return { format: 'pdf', text: lines.join('\n'), origins, problems, pages: doc.numPages };
  } finally {
    await task.destroy().catch(() => {});
  }
}
