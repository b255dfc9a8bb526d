// The language service facade: open/update text → analysis; queries over an analysis.
// It knows nothing about LSP or VS Code: the LSP server, the CLI and the tests all call it.
import { LexedText, type TextEdit } from './parse/blocks.js';
import { assemble } from './parse/assemble.js';
import { documentSymbols, type DocumentSymbolShape } from './features/symbols.js';
import { foldingRanges, type FoldingRangeShape } from './features/folding.js';
import { checkDocument, computationsOfTable, type CheckSettings, type Computation, type Finding } from './checks/index.js';
import { tableHover, withOriginLine, type HoverShape } from './features/hover.js';
import { codeHover } from './features/codeHover.js';
import { Catalogue } from './catalogue/catalogue.js';
import { codeCompletions, type CompletionShape } from './features/completion.js';
import { definition, proseHover, references, type LocationShape } from './features/navigation.js';
import { quickFixes, type CodeActionShape } from './features/codeActions.js';
import type { Position, Range } from './model/types.js';
import type { DisclosureDocument } from './model/types.js';
import type { LineOrigin } from './import/types.js';
import { originAt, originHoverLine } from './import/origin.js';
import { placeOnOriginal, type PlacedDiagnostic } from './features/placement.js';

export type { TextEdit };

/** One content change as LSP sends it: a ranged edit, or the whole new text. */
export type ContentChange = TextEdit | { text: string };

export interface Analysis {
  document: DisclosureDocument;
  version: number;
  /** Findings and the computations behind them, for the settings they were computed with. */
  checked?: { settings: string; findings: Finding[]; computations: Computation[] };
}

/** Analyses one text from scratch (CLI, tests). */
export function analyzeText(text: string): DisclosureDocument {
  return assemble(LexedText.parse(text).lines());
}

/** A text converted from a published original (PDF, HTML, Word, Excel): where each line came from, what the import noted. */
export interface OriginalMap {
  origins?: (LineOrigin | undefined)[];
  notes: { line?: number; message: string }[];
}

/** A diagnostic as the editor shows it; on the converted text of an original it says where it is there. */
export type EditorDiagnostic = PlacedDiagnostic;

interface OpenDocument {
  lexed: LexedText;
  version: number;
  analysis?: Analysis;
}

/** What the service is given rather than reaching for a module singleton (vscode-markdown-languageservice is given its workspace). */
export interface LanguageServiceOptions {
  /** The subject-code catalogue, with whatever local codes its owner added; the bundled one by default. */
  catalogue?: Catalogue;
}

export class LanguageService {
  private docs = new Map<string, OpenDocument>();
  private readonly given: LanguageServiceOptions;
  private loaded?: Catalogue;

  constructor(options: LanguageServiceOptions = {}) {
    this.given = options;
  }

  /**
   * The catalogue this service checks codes against: the one it was given, else its own, loaded on first use (so
   * a missing data folder is an error of the first request, which the server reports, not of start-up).
   */
  get catalogue(): Catalogue {
    this.loaded ??= this.given.catalogue ?? Catalogue.load();
    return this.loaded;
  }
  /**
   * Kept apart from the open documents: the map arrives before the editor opens the converted text, and survives
   * the close-and-reopen of a language change; converting the original again replaces it.
   */
  private originals = new Map<string, OriginalMap>();

  /** The document at `uri` is (or will be) the converted text of an original, read-only, with this map. */
  setOriginal(uri: string, original: OriginalMap | undefined): void {
    if (original) this.originals.set(uri, original);
    else this.originals.delete(uri);
  }

  isOriginal(uri: string): boolean {
    return this.originals.has(uri);
  }

  open(uri: string, text: string, version = 0): void {
    this.docs.set(uri, { lexed: LexedText.parse(text), version });
  }

  /** Applies LSP content changes in order; ranged edits re-lex only the blocks they touch. */
  update(uri: string, changes: ContentChange[], version: number): void {
    const doc = this.docs.get(uri);
    if (!doc) return;
    for (const change of changes) {
      if ('range' in change) doc.lexed.applyEdit(change);
      else doc.lexed = LexedText.parse(change.text);
    }
    doc.version = version;
    doc.analysis = undefined;
  }

  close(uri: string): void {
    this.docs.delete(uri);
  }

  has(uri: string): boolean {
    return this.docs.has(uri);
  }

  /** The current text, exactly as the editor has it (line ends included). */
  text(uri: string): string | undefined {
    return this.docs.get(uri)?.lexed.text();
  }

  analysis(uri: string): Analysis | undefined {
    const doc = this.docs.get(uri);
    if (!doc) return undefined;
    doc.analysis ??= { document: assemble(doc.lexed.lines()), version: doc.version };
    return doc.analysis;
  }

  documentSymbols(uri: string): DocumentSymbolShape[] {
    const a = this.analysis(uri);
    return a ? documentSymbols(a.document.outline) : [];
  }

  /** Forget computed findings (the catalogue changed: local codes were added or edited). */
  invalidateChecks(): void {
    for (const d of this.docs.values()) if (d.analysis) d.analysis.checked = undefined;
  }

  uris(): string[] {
    return [...this.docs.keys()];
  }

  private checked(uri: string, settings: CheckSettings): NonNullable<Analysis['checked']> | undefined {
    const a = this.analysis(uri);
    if (!a) return undefined;
    const key = JSON.stringify(settings);
    if (!a.checked || a.checked.settings !== key) {
      // one pass gives both: the findings, and every comparison made (what hovers and navigation explain)
      const computations: Computation[] = [];
      a.checked = {
        settings: key,
        findings: checkDocument(
          a.document,
          { ...settings, catalogue: this.catalogue, spacesArePrinted: this.originals.has(uri) },
          uri,
          (x) => computations.push(x),
        ),
        computations,
      };
    }
    return a.checked;
  }

  /** Every comparison the checks made, for hovers and navigation. */
  private computations(uri: string, settings: CheckSettings): Computation[] {
    return this.checked(uri, settings)?.computations ?? [];
  }

  /** The document, its findings and every comparison made: what the preview renders (report/preview.ts). */
  checkedDocument(
    uri: string,
    settings: CheckSettings = {},
  ): { document: DisclosureDocument; findings: Finding[]; computations: Computation[] } | undefined {
    const a = this.analysis(uri);
    const c = this.checked(uri, settings);
    return a && c ? { document: a.document, findings: c.findings, computations: c.computations } : undefined;
  }

  diagnostics(uri: string, settings: CheckSettings = {}): Finding[] {
    return this.checked(uri, settings)?.findings ?? [];
  }

  /** diagnostics(), and for the converted text of an original, where each finding is in it, and the import's notes. */
  editorDiagnostics(uri: string, settings: CheckSettings = {}): EditorDiagnostic[] {
    const findings = this.diagnostics(uri, settings);
    const original = this.originals.get(uri);
    const a = this.analysis(uri);
    if (!original || !a) return findings;
    return placeOnOriginal(findings, {
      origins: original.origins,
      notes: original.notes,
      lines: a.document.lines,
      note: { code: 'import', severity: 3 },
      suffixLocale: settings.locale ?? 'zh',
    });
  }

  /**
   * A hover answers from what is known: a code from the catalogue, a figure from the last full check when it is
   * current, else from its own table alone (a hover right after a keystroke must not run every rule over the
   * document; comparisons across tables and with the prose appear once the check after the pause has run).
   */
  hover(uri: string, position: Position, settings: CheckSettings = {}): HoverShape | undefined {
    const hover = this.hoverInText(uri, position, settings);
    const original = this.originals.get(uri);
    if (!hover || !original) return hover;
    const { line, character } = hover.range.start;
    const origin = originAt(original.origins, this.analysis(uri)?.document.lines[line] ?? '', line, character);
    return withOriginLine(hover, originHoverLine(origin, settings.locale ?? 'zh'));
  }

  private hoverInText(uri: string, position: Position, settings: CheckSettings): HoverShape | undefined {
    const a = this.analysis(uri);
    if (!a) return undefined;
    const code = codeHover(a.document, position, settings.year, this.catalogue);
    if (code) return code;
    if (a.checked?.settings === JSON.stringify(settings)) {
      const computations = a.checked.computations;
      return tableHover(a.document, position, computations, settings.locale) ?? proseHover(position, computations, settings.locale);
    }
    const table = a.document.tables.find((t) => position.line >= t.range.start.line && position.line <= t.range.end.line);
    return table
      ? tableHover(a.document, position, computationsOfTable(table, { ...settings, catalogue: this.catalogue }, uri), settings.locale)
      : undefined;
  }

  definition(uri: string, position: Position, settings: CheckSettings = {}): LocationShape[] {
    const a = this.analysis(uri);
    const c = this.checked(uri, settings);
    return a && c ? definition(a.document, uri, position, this.computations(uri, settings)) : [];
  }

  references(uri: string, position: Position): LocationShape[] {
    const a = this.analysis(uri);
    return a ? references(a.document, uri, position) : [];
  }

  completions(uri: string, position: Position, settings: CheckSettings = {}): CompletionShape[] {
    const a = this.analysis(uri);
    return a ? codeCompletions(a.document, position, settings.year, this.catalogue) : [];
  }

  codeActions(uri: string, range: Range, settings: CheckSettings = {}): CodeActionShape[] {
    // the converted text of an original is read-only: a fix belongs in the original (or in a saved copy)
    if (this.originals.has(uri)) return [];
    const c = this.checked(uri, settings);
    const a = this.analysis(uri);
    // a line the silencing actions insert ends like the document's first line (CRLF documents stay CRLF)
    const eol = this.docs.get(uri)?.lexed.blocks[0]?.eols[0] || '\n';
    return c && a ? quickFixes(uri, c.findings, range, settings.locale, { document: a.document, eol }) : [];
  }

  foldingRanges(uri: string): FoldingRangeShape[] {
    const a = this.analysis(uri);
    return a ? foldingRanges(a.document.outline) : [];
  }
}
