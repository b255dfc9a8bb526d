// Document facts: department, year, kind (预算/决算) and the unit most tables use.
import type { LexLine } from './lex.js';
import type { DocumentFacts, DocumentKind, Table, Unit } from '../model/types.js';

const TITLE = /(\d{4})\s*年度?\s*(?:区级|市级|县级)?(?:部门|单位)?(?:综合)?(预算|决算)/;
const DEPARTMENT_LINE = /^[\s\u3000#]*(?:部门名称|预算主管部门|编制部门|编制单位|单位名称)\s*[：:]\s*([^\t\s]{2,40})/;
const SCAN_LINES = 400;

export function readFacts(lines: LexLine[], tables: Table[]): DocumentFacts {
  const facts: DocumentFacts = {};
  const limit = Math.min(lines.length, SCAN_LINES);
  for (let i = 0; i < limit; i++) {
    const text = lines[i].text;
    if (facts.year === undefined) {
      const m = TITLE.exec(text);
      if (m && text.trim().length <= 60 && !lines[i].cells) {
        facts.year = Number(m[1]);
        facts.kind = m[2] as DocumentKind;
        facts.titleRange = { start: { line: i, character: 0 }, end: { line: i, character: text.length } };
        const before = text
          .slice(0, m.index)
          .replace(/^[\s#]+/, '')
          .replace(/[\s\u3000]+$/, '');
        if (/(?:局|委|办|院|厅|部|会|中心|政府|处|站|所|队|校)$/.test(before) && before.length <= 30) facts.department ??= before;
        else if (!before) {
          // department on the line above the title (渭南市医疗保障局 / 2024年部门预算公开说明)
          for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
            const above = lines[k].text.replace(/^[\s#]+/, '').trim();
            if (!above) continue;
            if (above.length <= 30 && /(?:局|委|办|院|厅|部|会|中心|政府|处|站|所|队|校)$/.test(above)) facts.department ??= above;
            break;
          }
        }
      }
    }
    const d = DEPARTMENT_LINE.exec(text);
    if (d && !facts.department) facts.department = d[1];
  }
  if (facts.year === undefined) {
    // no title line: the first `YYYY年…预算/决算` anywhere (PDF extractions may start at 第一部分)
    for (let i = 0; i < lines.length; i++) {
      const m = TITLE.exec(lines[i].text);
      if (m) {
        facts.year = Number(m[1]);
        facts.kind = m[2] as DocumentKind;
        break;
      }
    }
  }
  if (!facts.department) {
    for (const l of lines) {
      const d = DEPARTMENT_LINE.exec(l.text);
      if (d) {
        facts.department = d[1];
        break;
      }
    }
  }
  const counts = new Map<Unit, number>();
  for (const t of tables) if (t.unit && t.kind === 'money') counts.set(t.unit, (counts.get(t.unit) ?? 0) + 1);
  let best: Unit | undefined;
  for (const [u, n] of counts) if (!best || n > counts.get(best)!) best = u;
  facts.defaultUnit = best;
  return facts;
}
