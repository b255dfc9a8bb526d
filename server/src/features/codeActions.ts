// Quick fixes: replace a figure with the value the check computed (printed the way the document prints it).
import type { Finding } from '../checks/index.js';
import type { Range } from '../model/types.js';
import { message, type Locale } from '../checks/messages.js';

export interface CodeActionShape {
  title: string;
  kind: 'quickfix';
  diagnostics: Finding[];
  isPreferred?: boolean;
  edit: { changes: Record<string, { range: Range; newText: string }[]> };
}

const overlaps = (a: Range, b: Range) =>
  !(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character) ||
    b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character < a.start.character));

export function quickFixes(uri: string, findings: Finding[], range: Range, locale: Locale = 'zh'): CodeActionShape[] {
  return findings
    .filter((f) => f.data?.replacement && overlaps(f.range, range))
    .map((f) => ({
      title: message(locale, 'replace-with', { value: f.data!.replacement! }),
      kind: 'quickfix' as const,
      diagnostics: [f],
      isPreferred: f.code !== 'rounding',
      edit: { changes: { [uri]: [{ range: f.range, newText: f.data!.replacement! }] } },
    }));
}
