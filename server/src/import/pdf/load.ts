// Finding and loading pdf.js at run time. pdf.js is an ES module with top-level await and import.meta, so it
// cannot be bundled into our CommonJS bundles: the build copies it (and its CMaps and standard fonts) into
// dist/pdfjs/, and we load it with a dynamic import() that esbuild leaves alone. Run from sources (tsx tests),
// the same files come from node_modules/pdfjs-dist.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The part of the pdf.js API the importer uses (declared here so the sources need no ESM type import). */
export interface PdfjsModule {
  getDocument(params: Record<string, unknown>): { promise: Promise<PdfDocument>; destroy(): Promise<void> };
  GlobalWorkerOptions: { workerSrc: string };
  OPS: Record<string, number>;
  setVerbosityLevel?(level: number): void;
}
export interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  destroy(): Promise<void>;
}
export interface PdfPage {
  view: number[];
  rotate: number;
  getViewport(params: { scale: number }): { width: number; height: number; transform: number[] };
  getTextContent(): Promise<{ items: { str?: string; transform?: number[]; width?: number; height?: number }[] }>;
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }>;
  cleanup(): void;
}

export interface PdfjsFiles {
  module: string;
  worker: string;
  /** Directories, with a trailing separator (pdf.js appends file names to them). */
  cMaps: string;
  standardFonts: string;
}

/** dist/pdfjs/ next to the bundle when running bundled; node_modules/pdfjs-dist when running from sources. */
export function pdfjsFiles(): PdfjsFiles {
  const bundled = join(__dirname, 'pdfjs');
  if (existsSync(join(bundled, 'pdf.min.mjs'))) {
    return {
      module: join(bundled, 'pdf.min.mjs'),
      worker: join(bundled, 'pdf.worker.min.mjs'),
      cMaps: join(bundled, 'cmaps') + '/',
      standardFonts: join(bundled, 'standard_fonts') + '/',
    };
  }
  const pkg = dirname(require.resolve('pdfjs-dist/package.json'));
  return {
    module: join(pkg, 'legacy', 'build', 'pdf.min.mjs'),
    worker: join(pkg, 'legacy', 'build', 'pdf.worker.min.mjs'),
    cMaps: join(pkg, 'cmaps') + '/',
    standardFonts: join(pkg, 'standard_fonts') + '/',
  };
}

// pdf.js builds a DOMMatrix when its module is evaluated (for its canvas renderer, which we never use); Node has
// no DOMMatrix and pdf.js only borrows one from the native @napi-rs/canvas, which we do not ship. This inert
// stand-in lets the module load; text extraction and operator lists never touch it.
class InertDOMMatrix {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;
  constructor(init?: ArrayLike<number>) {
    if (init && init.length >= 6) [this.a, this.b, this.c, this.d, this.e, this.f] = Array.from(init).slice(0, 6);
  }
  multiplySelf(): this {
    return this;
  }
  preMultiplySelf(): this {
    return this;
  }
  invertSelf(): this {
    return this;
  }
  translate(): this {
    return this;
  }
  scale(): this {
    return this;
  }
}

let loading: Promise<{ pdfjs: PdfjsModule; files: PdfjsFiles }> | undefined;

/** Loads pdf.js once per process. */
export function loadPdfjs(): Promise<{ pdfjs: PdfjsModule; files: PdfjsFiles }> {
  loading ??= (async () => {
    const g = globalThis as Record<string, unknown>;
    if (g.DOMMatrix === undefined) g.DOMMatrix = InertDOMMatrix;
    // pdf.js reads its CMaps with process.getBuiltinModule('fs'), new in Node 20.16; VS Code 1.91 runs extensions
    // on Node 20.9. Give older Nodes the same function over require.
    const proc = process as unknown as { getBuiltinModule?: (id: string) => unknown };
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a built-in module by name, as getBuiltinModule does
    if (typeof proc.getBuiltinModule !== 'function') proc.getBuiltinModule = (id: string) => require(id);
    const files = pdfjsFiles();
    // While its module is evaluated pdf.js warns (console.warn, console.log in other versions) that it found no
    // native canvas to draw with. We never draw; the warnings would only clutter the CLI's output and the LSP's
    // streams, so they are swallowed for the duration of the import.
    const { log, warn } = console;
    console.log = console.warn = () => {};
    let pdfjs: PdfjsModule;
    try {
      pdfjs = (await import(pathToFileURL(files.module).href)) as PdfjsModule;
    } finally {
      console.log = log;
      console.warn = warn;
    }
    pdfjs.setVerbosityLevel?.(0);
    // In Node pdf.js runs its "worker" in the same thread, importing this module on first use.
    pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(files.worker).href;
    return { pdfjs, files };
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
