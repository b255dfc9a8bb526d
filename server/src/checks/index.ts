// The checks registry: each rule is a pure function (document, settings) → findings.
// Rules arrive with the arithmetic, code and narrative issues; the pipeline is already wired end to end.
import type { DisclosureDocument, Range } from '../model/types.js';

export interface RelatedInformation { location: { uri?: string; range: Range }; message: string }

/** An LSP-shaped Diagnostic (severity 1 error … 4 hint), built without importing LSP. */
export interface Finding {
  range: Range;
  severity: 1 | 2 | 3 | 4;
  code: string;
  source: 'budget';
  message: string;
  relatedInformation?: RelatedInformation[];
  data?: unknown;
}

export interface CheckSettings { year?: number }

export type Rule = (doc: DisclosureDocument, settings: CheckSettings) => Finding[];

const rules: Rule[] = [];

export function checkDocument(doc: DisclosureDocument, settings: CheckSettings = {}): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) out.push(...rule(doc, settings));
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
