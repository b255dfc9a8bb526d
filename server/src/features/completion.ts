// Completion of subject codes: in a code cell of a table, or after `（` in prose. Children of the nearest
// parent come first (the code typed so far, or the code of the row above), each with its name; accepting
// one in a table also fills the name cell when it is empty.
import type { DisclosureDocument, Position, Range } from '../model/types.js';
import { catalogue, CLASSIFICATION_NAME, CURRENT_YEAR, type Catalogue, type CatalogueEntry } from '../catalogue/catalogue.js';

export interface CompletionShape {
  label: string;
  /**
   * The name beside the code in the list (` 行政运行`) and the level at its right end (项), as LSP 3.17 label
   * details; `detail` repeats the name for clients without label details (the LSP adapter drops them there).
   */
  labelDetails?: { detail?: string; description?: string };
  detail: string;
  documentation: string;
  kind: number; // LSP CompletionItemKind.Value = 12
  sortText: string;
  filterText: string;
  textEdit: { range: Range; newText: string };
  additionalTextEdits?: { range: Range; newText: string }[];
}

export function codeCompletions(doc: DisclosureDocument, pos: Position, year?: number, cat: Catalogue = catalogue()): CompletionShape[] {
  const text = doc.lines[pos.line] ?? '';
  const before = text.slice(0, pos.character);
  const y = year ?? doc.facts.year ?? CURRENT_YEAR;
  const inProse = /[（(]\s*(\d{0,7})$/.exec(before);
  const inCell = /(?:^|\t)\s*(\d{0,7})$/.exec(before);
  const m = inProse ?? inCell;
  if (!m) return [];
  const typed = m[1];
  const start = { line: pos.line, character: pos.character - typed.length };
  let candidates: CatalogueEntry[];
  if (typed.length >= 3) candidates = cat.withPrefix(typed, y, 200);
  else {
    // no code typed yet: the children of the code on the nearest row above, then the classes
    const above = nearestCodeAbove(doc, pos.line);
    candidates = above ? [...cat.children(above, y), ...cat.children(above.slice(0, 3), y)] : [];
    if (typed) candidates = candidates.filter((c) => c.code.startsWith(typed));
    if (candidates.length === 0)
      candidates = cat.all().filter((e) => e.level === '类' && e.from <= y && y <= e.to && e.code.startsWith(typed));
  }
  const after = text.slice(pos.character);
  const emptyNameCell = inCell && /^\t(?:\t|$)/.test(after);
  const seen = new Set<string>();
  return candidates
    .filter((c) => !seen.has(c.code) && seen.add(c.code))
    .slice(0, 100)
    .map((c, i) => ({
      label: c.code,
      labelDetails: { detail: ` ${c.name}`, description: c.level },
      detail: c.name,
      documentation: `${CLASSIFICATION_NAME[c.classification]} · ${c.level}：${c.explanation}`,
      kind: 12,
      sortText: String(i).padStart(4, '0'),
      filterText: c.code + c.name,
      textEdit: { range: { start, end: pos }, newText: c.code },
      ...(emptyNameCell
        ? {
            additionalTextEdits: [
              {
                range: { start: { line: pos.line, character: pos.character + 1 }, end: { line: pos.line, character: pos.character + 1 } },
                newText: c.name,
              },
            ],
          }
        : {}),
    }));
}

function nearestCodeAbove(doc: DisclosureDocument, line: number): string | undefined {
  for (const t of doc.tables) {
    if (line < t.range.start.line || line > t.range.end.line) continue;
    let best: string | undefined;
    for (const r of t.rows) {
      if (r.line >= line) break;
      const c = [...r.cells].reverse().find((x) => x.kind === 'code' && x.code && x.code.length < 7);
      if (c) best = c.code;
    }
    return best;
  }
  return undefined;
}
