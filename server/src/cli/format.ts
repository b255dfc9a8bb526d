// Output formats of `budget-lint` (see CONTRACT.md): text, json (LSP Diagnostics) and SARIF 2.1.0.
// Findings on a published original carry `data.origin` (page / sheet and cell / table) next to the line and
// column of the canonical text; positions are mapped back here, once, at output.
import type { Finding } from '../checks/index.js';
import type { LoadedDocument } from '../import/load.js';
import { originLabel, type FindingOrigin } from '../import/origin.js';
import { placeOnOriginal, type PlacedDiagnostic } from '../features/placement.js';
import { RULES, SEVERITY_NUMBER } from '../../../shared/src/rules.js';
import { sarifFixes, sarifRelatedLocations, sarifRule, SARIF_TOOL } from './sarif.js';

export type OutputFormat = 'text' | 'json' | 'sarif';

export { originLabel, type FindingOrigin };

/** A finding as printed (see import/origin.ts). */
export type OutputDiagnostic = PlacedDiagnostic;

export interface FileFindings {
  file: string;
  diagnostics: OutputDiagnostic[];
  /** How the file was read: 'text' or the original's format. */
  format?: string;
  /** Text files: the encoding used. */
  encoding?: string;
  pages?: number;
  /** The file could not be read or checked: why (one line). */
  error?: string;
}

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' } as const;
const SARIF_LEVEL = { 1: 'error', 2: 'warning', 3: 'note', 4: 'note' } as const;

/** Adds each finding's origin in the original, and the reader's notes (undecodable bytes, import notes). */
export function withOrigins(result: FileFindings & { diagnostics: Finding[] }, loaded: LoadedDocument): FileFindings {
  const diagnostics = placeOnOriginal(result.diagnostics, {
    origins: loaded.origins,
    notes: loaded.notes,
    lines: loaded.text.split(/\r\n|\r|\n/),
    note: loaded.format === 'text' ? { code: 'encoding', severity: 2 } : { code: 'import', severity: 3 },
  });
  return { ...result, diagnostics };
}

function origin(d: OutputDiagnostic): FindingOrigin | undefined {
  return (d.data as { origin?: FindingOrigin } | undefined)?.origin;
}

export function formatFindings(results: FileFindings[], format: OutputFormat): string {
  if (format === 'json') return JSON.stringify(results, null, 2) + '\n';
  if (format === 'sarif') return JSON.stringify(sarif(results), null, 2) + '\n';
  let out = '';
  for (const r of results) {
    for (const d of r.diagnostics) {
      const where = originLabel(origin(d));
      out += `${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${SEVERITY[d.severity]} ${d.code} ${d.message.replace(/\n/g, ' ')}${where ? ` (${where})` : ''}\n`;
    }
  }
  return out;
}

function sarif(results: FileFindings[]) {
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        // every rule, so that a result's ruleIndex and a viewer's rule list do not depend on what was found
        tool: { driver: { ...SARIF_TOOL, rules: RULES.map((r) => sarifRule(r, SARIF_LEVEL[SEVERITY_NUMBER[r.severity]])) } },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((r) =>
          r.diagnostics.map((d) => {
            const o = origin(d);
            const ruleIndex = RULES.findIndex((x) => x.id === d.code);
            const related = sarifRelatedLocations(d, r.file);
            const fixes = r.format === undefined || r.format === 'text' ? sarifFixes(d, r.file) : [];
            return {
              ruleId: d.code,
              ...(ruleIndex >= 0 ? { ruleIndex } : {}),
              level: SARIF_LEVEL[d.severity],
              message: { text: d.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: r.file.replace(/\\/g, '/') },
                    region: {
                      startLine: d.range.start.line + 1,
                      startColumn: d.range.start.character + 1,
                      endLine: d.range.end.line + 1,
                      endColumn: d.range.end.character + 1,
                      // the line/column are those of the canonical text (`budget-lint convert`); the page or cell is the original's
                      ...(o ? { properties: o } : {}),
                    },
                  },
                },
              ],
              ...(related.length ? { relatedLocations: related } : {}),
              ...(fixes.length ? { fixes } : {}),
            };
          }),
        ),
        // files that could not be read are reported as tool notifications, not as silence
        invocations: [
          {
            executionSuccessful: results.every((r) => !r.error),
            toolExecutionNotifications: results
              .filter((r) => r.error)
              .map((r) => ({
                level: 'error',
                message: { text: `cannot check ${r.file}: ${r.error}` },
                locations: [{ physicalLocation: { artifactLocation: { uri: r.file.replace(/\\/g, '/') } } }],
              })),
          },
        ],
      },
    ],
  };
}
