// A finding from a rule, a place and a message: the rule's default severity (settings apply when it is published,
// index.ts), the message's text, and its id and arguments in `data.message`. The one builder of the rules that
// report a single place with a single message (codes, completeness, hygiene, consistency).
import type { Range } from '../model/types.js';
import type { Finding, FindingData, RelatedInformation, RuleId } from './index.js';
import type { Said } from './messages.js';
import { defaultSeverityNumber } from '../../../shared/src/rules.js';

export function findingOf(rule: RuleId, range: Range, said: Said, data: FindingData = {}, related: RelatedInformation[] = []): Finding {
  return {
    range,
    severity: defaultSeverityNumber(rule),
    code: rule,
    source: 'budget',
    message: said.text,
    ...(related.length ? { relatedInformation: related } : {}),
    data: { ...data, message: { id: said.id, args: said.args } },
  };
}
