// The checks registry: each rule is a pure function (document, context) → findings.
import { oneFindingPerCause, proseWitnesses, ratesOfWrongFigures } from './rootCause.js';
import { applyDirectives, directiveNotes } from './directives.js';
import { catalogue, type Catalogue } from '../catalogue/catalogue.js';
import type { DisclosureDocument, Range, Table } from '../model/types.js';
import { message, type Locale } from './messages.js';
import { SEVERITY_NUMBER, effectiveSeverity, ruleDocsUrl, type RuleId, type SeveritySetting } from '../../../shared/src/rules.js';
import { tableArithmetic, tableComputations } from './tableArithmetic.js';
import { summaryBalances, summaryTable } from './summary.js';
import { crossTable } from './crossTable.js';
import { subjectCodes } from './codes.js';
import { narrative } from './narrative.js';
import { completeness } from './completeness.js';
import { hygiene } from './hygiene.js';
import { unitNameMismatch, wordingMismatch, yearMismatch } from './consistency.js';

export interface RelatedInformation {
  location: { uri: string; range: Range };
  message: string;
}

/** An LSP-shaped Diagnostic (severity 1 error … 4 hint), built without importing LSP. */
export interface Finding {
  range: Range;
  severity: 1 | 2 | 3 | 4;
  code: RuleId;
  source: 'budget';
  message: string;
  relatedInformation?: RelatedInformation[];
  data?: FindingData;
  /** The rule's documentation page (LSP `codeDescription`); set when the finding is published. */
  codeDescription?: { href: string };
}

/** What a finding computed, for quick fixes and hovers. Decimal values as strings. */
export interface FindingData {
  /** The message as its id in the message table and its arguments: tests, reports and SARIF need not read prose. */
  message?: { id: string; args: Record<string, string> };
  expected?: string;
  found?: string;
  difference?: string;
  /** The figure to write instead, printed like the document prints it. */
  replacement?: string;
  unit?: string;
  /**
   * code-name-mismatch where the name written is the official name of a sibling code (`30202 咨询费`, 咨询费 being
   * 30203): the other possible fix, writing that code instead. `newText` is what goes at `range` (in split 类/款/项
   * columns only the 款 or 项 digits).
   */
  codeFix?: { code: string; name: string; range: Range; newText: string };
  /**
   * The part the message names as the likely culprit (the difference is exactly its amount), and where it is:
   * writing the computed total is then one of two corrections, and the editor offers to go to the part.
   */
  culprit?: { label: string; range?: Range };
  /**
   * Why writing `replacement` is not the one certain correction: the message names another cell as the likely
   * culprit, or the figure takes part in a comparison that holds today (it agrees with another figure or table),
   * which the replacement would break. Quick fixes still offer it, never as the preferred fix.
   */
  notCertain?: 'culprit' | 'agreement';
  /** Set on the information a check that failed leaves instead of its findings: which check. */
  crashed?: string;
}

/** Rule ids are public (CONTRACT.md); the one list lives in shared/src/rules.ts. */
export type { RuleId };

export type SeverityName = SeveritySetting;

export interface CheckSettings {
  year?: number;
  locale?: Locale;
  /** Per-rule (or per-tag) severity overrides. */
  rules?: Partial<Record<string, SeverityName>>;
  /**
   * The subject-code catalogue to check against, as the caller holds it (the LanguageService its own, with the
   * workspace's local codes). Without one, the bundled catalogue.
   */
  catalogue?: Catalogue;
  /**
   * The text is our conversion of a published original (PDF, Word, HTML, Excel), where a space is one the original
   * prints: a character-wide gap in PDF prose, a space character in the others. Plain text may have been converted
   * by another tool that writes a space for every justified gap, so its spacing is not evidence of anything.
   */
  spacesArePrinted?: boolean;
}

/** One comparison a rule made (whatever its outcome): what hovers show to explain a figure. */
export interface Computation {
  range: Range;
  rule: RuleId;
  subject: string;
  basis: string;
  found: string;
  expected: string;
  parts: { label: string; value: string; range?: Range }[];
  verdict: 'equal' | 'rounding' | 'mismatch';
  tolerance: string;
  /** sum: found = Σ parts; balance: found = the one other figure. */
  template: 'sum' | 'crossfoot' | 'balance';
}

/** What a rule gets besides the document: where it lives (for relatedInformation) and the settings. */
export interface CheckContext {
  uri: string;
  settings: CheckSettings;
  locale: Locale;
  /** When set, every comparison is reported here too (for hovers). */
  collect?: (c: Computation) => void;
  /** The subject-code catalogue the codes are checked against (given by the caller; settings.catalogue). */
  catalogue: Catalogue;
}

export type Rule = (doc: DisclosureDocument, context: CheckContext) => Finding[];

/**
 * The checks, each with the rules it reports. A check is one pass over the document that may find several related
 * rules (the table arithmetic finds sums, cross-foots and rounding); what each rule is lives in shared/src/rules.ts.
 */
export interface Check {
  name: string;
  rules: readonly RuleId[];
  run: Rule;
}

export const CHECKS: readonly Check[] = [
  { name: 'table arithmetic', rules: ['sum-mismatch', 'crossfoot-mismatch', 'rounding'], run: tableArithmetic },
  { name: 'summary tables', rules: ['sum-mismatch', 'crossfoot-mismatch', 'balance-mismatch', 'rounding'], run: summaryBalances },
  { name: 'tables against tables', rules: ['cross-table-mismatch', 'rounding'], run: crossTable },
  { name: 'subject codes', rules: ['malformed-code', 'unknown-code', 'code-name-mismatch', 'code-mapping-mismatch'], run: subjectCodes },
  { name: 'narrative', rules: ['text-table-mismatch', 'text-sum-mismatch', 'percent-mismatch'], run: narrative },
  { name: 'completeness', rules: ['missing-table', 'empty-table-note'], run: completeness },
  { name: 'wording hygiene', rules: ['placeholder', 'punctuation', 'missing-reason'], run: hygiene },
  { name: 'wording against figures', rules: ['wording-mismatch'], run: wordingMismatch },
  { name: 'years', rules: ['year-mismatch'], run: yearMismatch },
  { name: 'unit names', rules: ['unit-name-mismatch'], run: unitNameMismatch },
];

export function checkDocument(
  doc: DisclosureDocument,
  settings: CheckSettings = {},
  uri = '',
  collect?: (c: Computation) => void,
  checks: readonly Check[] = CHECKS,
): Finding[] {
  // every comparison is kept (whether the caller wants them or not): a fix that would break one that holds is not certain
  const computations: Computation[] = [];
  const keep = (c: Computation) => {
    computations.push(c);
    collect?.(c);
  };
  const context: CheckContext = {
    uri,
    settings,
    locale: settings.locale ?? 'zh',
    collect: keep,
    catalogue: settings.catalogue ?? catalogue(),
  };
  const out: Finding[] = [];
  const crashed: Finding[] = [];
  for (const check of checks) {
    try {
      out.push(...check.run(doc, context));
    } catch (e) {
      // a check that trips over an input it did not foresee must not take the others (or the server) down — nor
      // pass for "everything adds up": it is reported, and its stack logged
      console.error(`budget: the ${check.name} check failed:`, e);
      crashed.push(crashFinding(check, e, context.locale));
    }
  }
  const result: Finding[] = [];
  const holding = cellsOfHoldingComparisons(computations);
  // a reviewed finding silenced where it occurs (or in the whole file) by the document's own directives
  const { kept, unused } = applyDirectives(
    dedupe(ratesOfWrongFigures(proseWitnesses(oneFindingPerCause(out, context.locale, uri), context.locale, uri), context.locale)),
    doc,
  );
  for (const f of kept) {
    const severity = effectiveSeverity(f.code, settings.rules);
    if (severity === 'off') continue;
    result.push(published(withCertainty(f, holding), SEVERITY_NUMBER[severity]));
  }
  return [...crashed, ...result, ...directiveNotes(doc, unused, context.locale)].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

const cellKey = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

/** The figures that take part in a comparison that holds (equal, or within rounding), as range keys. */
function cellsOfHoldingComparisons(computations: Computation[]): Set<string> {
  const out = new Set<string>();
  for (const c of computations) {
    if (c.verdict === 'mismatch') continue;
    out.add(cellKey(c.range));
    for (const p of c.parts) if (p.range) out.add(cellKey(p.range));
  }
  return out;
}

// the same finding judged the same way is the same object (see published)
const judged = new WeakMap<Finding, Finding>();

/**
 * A fix is preferred only when it is the one certain correction: not when the message names another cell as the
 * likely culprit (the total may be right and that part wrong), nor when the figure agrees with another comparison
 * (the summary's other panel, another table, the text): writing the replacement would break that one.
 */
function withCertainty(f: Finding, holding: Set<string>): Finding {
  if (f.data?.replacement === undefined) return f;
  const notCertain = f.data.culprit ? 'culprit' : holding.has(cellKey(f.range)) ? 'agreement' : undefined;
  if (!notCertain) return f;
  const hit = judged.get(f);
  if (hit?.data?.notCertain === notCertain) return hit;
  const out: Finding = { ...f, data: { ...f.data, notCertain } };
  judged.set(f, out);
  return out;
}

// A published finding carries its rule's severity under the settings and the link to its page. The same finding
// under the same severity is the same object (the editor reuses the findings of tables an edit did not touch).
const publishedCache = new WeakMap<Finding, Finding>();

function published(f: Finding, severity: Finding['severity']): Finding {
  const hit = publishedCache.get(f);
  if (hit && hit.severity === severity) return hit;
  const out: Finding = { ...f, severity, codeDescription: { href: ruleDocsUrl(f.code) } };
  publishedCache.set(f, out);
  return out;
}

function crashFinding(check: Check, e: unknown, locale: Locale): Finding {
  const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 200);
  const args = { check: check.rules.join(message(locale, 'list-separator')), reason };
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: SEVERITY_NUMBER.information,
    code: check.rules[0],
    source: 'budget',
    message: message(locale, 'check-crashed', args),
    codeDescription: { href: ruleDocsUrl(check.rules[0]) },
    data: { message: { id: 'check-crashed', args }, crashed: check.name },
  };
}

/**
 * The comparisons made inside one table alone (its sums, cross-foots and, for a summary table, its balances):
 * what a hover can explain right after an edit without paying for every rule over the whole document.
 */
export function computationsOfTable(table: Table, settings: CheckSettings = {}, uri = ''): Computation[] {
  const out: Computation[] = [];
  const context: CheckContext = {
    uri,
    settings,
    locale: settings.locale ?? 'zh',
    collect: (c) => out.push(c),
    catalogue: settings.catalogue ?? catalogue(),
  };
  try {
    out.push(...tableComputations(table, context));
    summaryTable(table, context);
  } catch (e) {
    console.error(`budget: computing the sums of table ${table.index + 1} failed:`, e);
  }
  return out;
}

/**
 * One root cause, one error (sums a single correction mends are merged before, rootCause.ts): a cell already
 * reported inside its own table is not reported again by a comparison with another table, and the same
 * finding is never listed twice.
 */
function dedupe(findings: Finding[]): Finding[] {
  const key = (r: Range) => `${r.start.line}:${r.start.character}`;
  const local = new Set(findings.filter((f) => f.code === 'sum-mismatch' || f.code === 'crossfoot-mismatch').map((f) => key(f.range)));
  const seen = new Set<string>();
  return findings.filter((f) => {
    if (f.code === 'cross-table-mismatch' && local.has(key(f.range))) return false;
    const k = `${f.code}|${key(f.range)}|${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
