// What the document's disable directives (parse/directives.ts) do to its findings: a next-line directive silences
// the findings of the rules it names that start on its target line, a file directive those rules everywhere. A
// name that is no rule id and no tag silences nothing and is said so, on the name, so a typo is seen.
import type { Directive, DisclosureDocument } from '../model/types.js';
import type { Finding } from './index.js';
import { message, type Locale } from './messages.js';
import { RULES, RULE_IDS, RULE_TAGS, SEVERITY_NUMBER, isRuleId, isRuleTag, ruleDocsUrl, type RuleId } from '../../../shared/src/rules.js';

/** Whether a directive names a rule: by its id, by one of its tags, or by naming nothing (every rule). */
function names(d: Directive, rule: RuleId): boolean {
  if (d.names.length === 0) return true;
  const tags: readonly string[] = RULES.find((r) => r.id === rule)?.tags ?? [];
  return d.names.some((n) => n.text === rule || tags.includes(n.text));
}

/** The findings the directives leave, in their order. */
export function withoutSilenced(findings: Finding[], doc: DisclosureDocument): Finding[] {
  if (doc.directives.length === 0) return findings;
  const file = doc.directives.filter((d) => d.scope === 'file');
  const byLine = new Map<number, Directive[]>();
  for (const d of doc.directives)
    if (d.scope === 'next-line' && d.target !== undefined) byLine.set(d.target, [...(byLine.get(d.target) ?? []), d]);
  return findings.filter((f) => {
    const here = byLine.get(f.range.start.line) ?? [];
    return !file.some((d) => names(d, f.code)) && !here.some((d) => names(d, f.code));
  });
}

/** An information finding on every name in a directive that is neither a rule id nor a tag. */
export function directiveNotes(doc: DisclosureDocument, locale: Locale): Finding[] {
  const out: Finding[] = [];
  for (const d of doc.directives) {
    for (const n of d.names) {
      if (isRuleId(n.text) || isRuleTag(n.text)) continue;
      const nearest = nearestName(n.text);
      // the note is about the rule the name most likely meant: it links to that rule's page
      const code = isRuleId(nearest.name) ? nearest.name : RULES.find((r) => (r.tags as readonly string[]).includes(nearest.name))!.id;
      const args = { name: n.text, nearest: nearest.distance <= 3 ? nearest.name : '' };
      out.push({
        range: { start: { line: d.line, character: n.start }, end: { line: d.line, character: n.end } },
        severity: SEVERITY_NUMBER.information,
        code,
        source: 'budget',
        message: message(locale, 'directive-unknown-name', args),
        codeDescription: { href: ruleDocsUrl(code) },
        data: { message: { id: 'directive-unknown-name', args } },
      });
    }
  }
  return out;
}

function nearestName(name: string): { name: string; distance: number } {
  let best = { name: RULE_IDS[0] as string, distance: Infinity };
  for (const candidate of [...RULE_IDS, ...RULE_TAGS]) {
    const distance = editDistance(name.toLowerCase(), candidate);
    if (distance < best.distance) best = { name: candidate, distance };
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
