// Findings placed on the published original they were found in: `data.origin` on each, the reader's notes as
// diagnostics of their own. The CLI and the language server both show findings through this.
import type { Finding } from '../checks/index.js';
import type { LineOrigin } from '../import/types.js';
import { originAt, originSuffix, type FindingOrigin, type OriginLocale } from '../import/origin.js';

/** A finding as the faces show it: the engine's finding, or a note from reading the file (code `encoding` / `import`). */
export type PlacedDiagnostic = Omit<Finding, 'code' | 'data'> & {
  code: string;
  data?: Finding['data'] | ({ origin?: FindingOrigin } & Record<string, unknown>);
};

export interface Placement {
  /** Where each line of the canonical text came from (none for a text file). */
  origins?: readonly (LineOrigin | undefined)[];
  /** What reading the file noted; a note without a line is about the whole file. */
  notes: readonly { line?: number; message: string }[];
  /** The lines of the canonical text. */
  lines: readonly string[];
  /** What the notes become: `encoding` warnings for a text file, `import` information for an original. */
  note: { code: string; severity: 2 | 3 };
  /** With a locale, each message also ends with the origin (the editor's Problems panel shows nothing else). */
  suffixLocale?: OriginLocale;
}

/**
 * The findings placed on the original — `data.origin` on each, and the reader's notes as diagnostics of their
 * own — in the order of the text.
 */
export function placeOnOriginal(findings: readonly Finding[], p: Placement): PlacedDiagnostic[] {
  const originOf = (line: number, character: number) => originAt(p.origins, p.lines[line] ?? '', line, character);
  const suffix = (o: FindingOrigin | undefined) => (p.suffixLocale ? originSuffix(o, p.suffixLocale) : '');
  const out: PlacedDiagnostic[] = findings.map((f) => {
    const origin = originOf(f.range.start.line, f.range.start.character);
    return origin ? { ...f, message: f.message + suffix(origin), data: { ...(f.data ?? {}), origin } } : f;
  });
  for (const n of p.notes) {
    const line = Math.max(0, Math.min(n.line ?? 0, p.lines.length - 1));
    // a note about the whole file (a page left out) has no line of its own: line 1 is only where it is shown
    const origin = n.line === undefined ? undefined : originOf(line, 0);
    out.push({
      range: { start: { line, character: 0 }, end: { line, character: (p.lines[line] ?? '').length } },
      severity: p.note.severity,
      code: p.note.code,
      source: 'budget',
      message: n.message + suffix(origin),
      ...(origin ? { data: { origin } } : {}),
    });
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
