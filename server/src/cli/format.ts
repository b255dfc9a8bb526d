// Output formats of `budget-lint` (see CONTRACT.md): text, json (LSP Diagnostics) and SARIF 2.1.0.
import type { Finding } from '../checks/index.js';
import { RULES, SEVERITY_NUMBER } from '../../../shared/src/rules.js';

export type OutputFormat = 'text' | 'json' | 'sarif';
export interface FileFindings { file: string; diagnostics: Finding[] }

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' } as const;
const SARIF_LEVEL = { 1: 'error', 2: 'warning', 3: 'note', 4: 'note' } as const;

export function formatFindings(results: FileFindings[], format: OutputFormat): string {
  if (format === 'json') return JSON.stringify(results, null, 2) + '\n';
  if (format === 'sarif') return JSON.stringify(sarif(results), null, 2) + '\n';
  let out = '';
  for (const r of results) {
    for (const d of r.diagnostics) {
      out += `${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${SEVERITY[d.severity]} ${d.code} ${d.message.replace(/\n/g, ' ')}\n`;
    }
  }
  return out;
}

function sarif(results: FileFindings[]) {
  const ruleIds = [...new Set(results.flatMap((r) => r.diagnostics.map((d) => d.code)))].sort();
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{
      tool: { driver: { name: 'budget-lint', rules: ruleIds.map((id) => {
        const r = RULES.find((x) => x.id === id);
        return r ? { id, shortDescription: { text: r.zh }, fullDescription: { text: r.en }, defaultConfiguration: { level: SARIF_LEVEL[SEVERITY_NUMBER[r.severity]] } } : { id };
      }) } },
      results: results.flatMap((r) => r.diagnostics.map((d) => ({
        ruleId: d.code,
        level: SARIF_LEVEL[d.severity],
        message: { text: d.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: r.file.replace(/\\/g, '/') },
            region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
          },
        }],
      }))),
    }],
  };
}
