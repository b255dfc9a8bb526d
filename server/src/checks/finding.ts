// A finding from a rule, a place and a message: the rule's default severity (settings apply when it is published,
// index.ts), the message's text, and its id and arguments in `data.message`. The one builder of findings outside
// the sums of compare.ts: codes, completeness, hygiene, consistency, the narrative, and rootCause's merged findings.
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
