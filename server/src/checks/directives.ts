// What the document's disable directives (parse/directives.ts) do to its findings: a next-line directive silences
// the findings of the rules it names that start on its target line, a file directive those rules everywhere. A
// name that is no rule id and no tag silences nothing and is said so, on the name, so a typo is seen.
import type { Directive, DisclosureDocument } from '../model/types.js';
import type { Finding } from './index.js';
import { message, type Locale } from './messages.js';
import { RULES, RULE_IDS, RULE_TAGS, SEVERITY_NUMBER, isRuleId, isRuleTag, ruleDocsUrl, type RuleId } from '../../../shared/src/rules.js';

/** A finding about a directive itself (an unknown name, a directive that silences nothing), not a rule's finding. */
export const isDirectiveNote = (f: Finding): boolean => !!f.data?.message?.id.startsWith('directive-');

/** Whether a directive names a rule: by its id, by one of its tags, or by naming nothing (every rule). */
function names(d: Directive, rule: RuleId): boolean {
  if (d.names.length === 0) return true;
  const tags: readonly string[] = RULES.find((r) => r.id === rule)?.tags ?? [];
  return d.names.some((n) => n.text === rule || tags.includes(n.text));
}

/**
 * The findings the directives leave (in their order), and the directives that silenced none of the findings: the
 * rules' findings before the settings grade them, so a directive is not called unused because a setting turned its
 * rule off.
 */
export function applyDirectives(findings: Finding[], doc: DisclosureDocument): { kept: Finding[]; unused: Directive[] } {
  if (doc.directives.length === 0) return { kept: findings, unused: [] };
  const file = doc.directives.filter((d) => d.scope === 'file');
  const byLine = new Map<number, Directive[]>();
  for (const d of doc.directives)
    if (d.scope === 'next-line' && d.target !== undefined) byLine.set(d.target, [...(byLine.get(d.target) ?? []), d]);
  const used = new Set<Directive>();
  const kept = findings.filter((f) => {
    const silencing = [...file, ...(byLine.get(f.range.start.line) ?? [])].filter((d) => names(d, f.code));
    silencing.forEach((d) => used.add(d));
    return silencing.length === 0;
  });
  return { kept, unused: doc.directives.filter((d) => !used.has(d)) };
}

/**
 * What is said about the directives themselves: an information finding on every name that is neither a rule id nor
 * a tag, and a hint on a directive that names rules and silenced nothing (the figure was corrected since, or the
 * directive sits above the wrong line).
 */
export function directiveNotes(doc: DisclosureDocument, unused: readonly Directive[], locale: Locale): Finding[] {
  const out: Finding[] = [];
  const note = (
    d: Directive,
    range: { start: number; end: number },
    code: RuleId,
    severity: Finding['severity'],
    id: string,
    args: Record<string, string>,
  ) =>
    out.push({
      range: { start: { line: d.line, character: range.start }, end: { line: d.line, character: range.end } },
      severity,
      code,
      source: 'budget',
      message: message(locale, id, args),
      codeDescription: { href: ruleDocsUrl(code) },
      data: { message: { id, args } },
    });
  for (const d of doc.directives) {
    for (const n of d.names) {
      if (isRuleId(n.text) || isRuleTag(n.text)) continue;
      const nearest = nearestName(n.text);
      // the note is about the rule the name most likely meant: it links to that rule's page
      const code = isRuleId(nearest.name) ? nearest.name : RULES.find((r) => (r.tags as readonly string[]).includes(nearest.name))!.id;
      note(d, n, code, SEVERITY_NUMBER.information, 'directive-unknown-name', {
        name: n.text,
        nearest: nearest.distance <= 3 ? nearest.name : '',
      });
    }
  }
  for (const d of unused) {
    const known = d.names.filter((n) => isRuleId(n.text) || isRuleTag(n.text));
    if (known.length === 0) continue; // a directive for every rule, or one of unknown names only (said above)
    const first = known[0].text;
    const code = isRuleId(first) ? first : RULES.find((r) => (r.tags as readonly string[]).includes(first))!.id;
    const text = doc.lines[d.line] ?? '';
    const indent = text.length - text.trimStart().length;
    note(d, { start: indent, end: known[known.length - 1].end }, code, SEVERITY_NUMBER.hint, 'directive-unused', {
      names: known.map((n) => n.text).join(' '),
    });
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
