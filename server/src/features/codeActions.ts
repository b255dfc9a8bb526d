// Quick fixes: replace a figure with the value the check computed (printed the way the document prints it).
import type { Finding } from '../checks/index.js';
import type { Range } from '../model/types.js';
import { overlaps } from '../model/ranges.js';
import { message, type Locale } from '../checks/messages.js';

export interface CodeActionShape {
  title: string;
  kind: 'quickfix';
  diagnostics: Finding[];
  isPreferred?: boolean;
  edit: { changes: Record<string, { range: Range; newText: string }[]> };
}

export function quickFixes(uri: string, findings: Finding[], range: Range, locale: Locale = 'zh'): CodeActionShape[] {
  const out: CodeActionShape[] = [];
  for (const f of findings) {
    if (f.data?.replacement === undefined || !overlaps(f.range, range)) continue;
    const codeFix = f.data.codeFix;
    // `30202 咨询费` where 咨询费 is 30203: the code is the likelier slip, so that fix comes first
    if (codeFix) {
      out.push({
        title: message(locale, 'replace-code', { code: codeFix.code, name: codeFix.name }),
        kind: 'quickfix',
        diagnostics: [f],
        isPreferred: true,
        edit: { changes: { [uri]: [{ range: codeFix.range, newText: codeFix.newText }] } },
      });
    }
    out.push({
      title:
        f.code === 'code-name-mismatch'
          ? message(locale, 'replace-name', { name: f.data.replacement })
          : message(locale, 'replace-with', { value: f.data.replacement }),
      kind: 'quickfix',
      diagnostics: [f],
      isPreferred: f.code !== 'rounding' && !codeFix,
      edit: { changes: { [uri]: [{ range: f.range, newText: f.data.replacement }] } },
    });
  }
  // a doubled mark or word: the replacement is the one that stays; a stray space: nothing stays
  for (const a of out) {
    const f = a.diagnostics[0];
    if (f.code !== 'punctuation') continue;
    const kept = f.data!.replacement!;
    a.title = kept ? message(locale, 'hygiene-remove-doubled', { mark: kept }) : message(locale, 'hygiene-remove-space');
  }
  return out;
}
