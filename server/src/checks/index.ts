// The checks registry: each rule is a pure function (document, settings) → findings.
// Rules arrive with the arithmetic, code and narrative issues; the pipeline is already wired end to end.
import type { DisclosureDocument, Range } from '../model/types.js';

export interface RelatedInformation { location: { uri: string; range: Range }; message: string }

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

/** What a rule gets besides the document: where it lives (for relatedInformation) and the settings. */
export interface CheckContext { uri: string; settings: CheckSettings }

export type Rule = (doc: DisclosureDocument, context: CheckContext) => Finding[];

const rules: Rule[] = [];

export function checkDocument(doc: DisclosureDocument, settings: CheckSettings = {}, uri = ''): Finding[] {
  const out: Finding[] = [];
  const context: CheckContext = { uri, settings };
  for (const rule of rules) out.push(...rule(doc, context));
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
