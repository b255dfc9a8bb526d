// The parts of budget-lint's SARIF 2.1.0 log (OASIS SARIF 2.1.0, §3.19 toolComponent, §3.49 reportingDescriptor,
// §3.27 result: relatedLocations §3.27.22, fixes §3.27.30 → §3.55 fix, §3.56 artifactChange, §3.57 replacement) that
// are built from our own data: the tool, each rule with its page, a finding's related cells and its certain fix.
import packageJson from '../../../package.json';
import { DOCS_BASE, ruleDocsUrl, type RuleInfo } from '../../../shared/src/rules.js';
import type { Finding } from '../checks/index.js';
import { certainEdits } from './fix.js';
import type { Range } from '../model/types.js';
import type { PlacedDiagnostic } from '../features/placement.js';

/** The repository's home page: where the rules' pages (docs/rules/) live. */
export const INFORMATION_URI = DOCS_BASE.replace(/\/blob\/.*$/, '');

export const SARIF_TOOL = {
  name: 'budget-lint',
  fullName: 'budget-lint · 预决算公开校对 (budget disclosure checker)',
  version: packageJson.version,
  semanticVersion: packageJson.version,
  informationUri: INFORMATION_URI,
} as const;

type SarifLevel = 'error' | 'warning' | 'note';

/**
 * A rule as a reportingDescriptor. SARIF carries one language per log (translations are separate files), so the
 * short description holds both, Chinese first as the README's table writes them, and each language is also kept
 * on its own in the properties for tools that pick one.
 */
export function sarifRule(r: RuleInfo, level: SarifLevel) {
  return {
    id: r.id,
    shortDescription: { text: `${r.zh}; ${r.en}`, markdown: `${r.zh}<br>${r.en}` },
    fullDescription: { text: r.en },
    helpUri: ruleDocsUrl(r.id),
    help: { text: `${r.zh}; ${r.en} — ${ruleDocsUrl(r.id)}`, markdown: `${r.zh}<br>${r.en}<br>[${r.id}](${ruleDocsUrl(r.id)})` },
    defaultConfiguration: { level },
    properties: { tags: [...r.tags], 'description.zh': r.zh, 'description.en': r.en },
  };
}

/** A 0-based LSP range as a SARIF region (1-based lines and columns, the end column exclusive). */
export function sarifRegion(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** A location's artifact: the file checked when the location is in it (every related cell is), else its own URI. */
function artifactOf(uri: string, file: string): { uri: string } {
  const inFile = uri === 'stdin:' || uri.startsWith('file:');
  return { uri: inFile ? file.replace(/\\/g, '/') : uri };
}

/** The diagnostic's relatedInformation (the summed cells, the sums one correction mends) as relatedLocations. */
export function sarifRelatedLocations(d: Pick<Finding, 'relatedInformation'>, file: string) {
  return (d.relatedInformation ?? []).map((r, i) => ({
    id: i + 1,
    physicalLocation: { artifactLocation: artifactOf(r.location.uri, file), region: sarifRegion(r.location.range) },
    message: { text: r.message },
  }));
}

/** The finding's certain fix (the one `budget-lint --fix` applies), when it has one, as a SARIF fix. */
export function sarifFixes(d: PlacedDiagnostic, file: string) {
  // a diagnostic as printed is the finding with its origin added to `data`: what the fix is made from is unchanged
  return certainEdits([d as Finding]).map(({ edit, title }) => ({
    description: { text: title },
    artifactChanges: [
      {
        artifactLocation: { uri: file.replace(/\\/g, '/') },
        replacements: [{ deletedRegion: sarifRegion(edit.range), insertedContent: { text: edit.newText } }],
      },
    ],
  }));
}
