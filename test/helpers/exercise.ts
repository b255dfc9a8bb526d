// The fuzz harness shared by `npm test` (short seeded runs) and `npm run fuzz` (100,000 inputs): a text is
// analysed and every rule and every position-based feature is run on it; nothing may throw.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeText, LanguageService } from '../../server/src/service.js';
import { documentSymbols } from '../../server/src/features/symbols.js';
import { foldingRanges } from '../../server/src/features/folding.js';
import { tableArithmetic } from '../../server/src/checks/tableArithmetic.js';
import { summaryBalances } from '../../server/src/checks/summary.js';
import { crossTable } from '../../server/src/checks/crossTable.js';
import { subjectCodes } from '../../server/src/checks/codes.js';
import { narrative } from '../../server/src/checks/narrative.js';
import { catalogue } from '../../server/src/catalogue/catalogue.js';

const RULES = [tableArithmetic, summaryBalances, crossTable, subjectCodes, narrative];

export const LINE_PIECES = [
  '表1',
  '单位：万元',
  '合计',
  '\t',
  '  ',
  '　',
  '一、',
  '（一）',
  '(1)',
  '1.',
  '第一部分',
  '目录',
  '2,519.99',
  '-',
  '—',
  '**',
  '|',
  '<b>',
  '#',
  '\n',
  '\r\n',
  '301',
  '2101501',
  '其中：',
  '%',
  '万元',
  '……',
];

export function exercise(text: string): void {
  const doc = analyzeText(text);
  // every rule on its own (checkDocument would swallow a rule's exception: here it must not happen)
  for (const rule of RULES) rule(doc, { uri: 'u', settings: {}, locale: 'zh', collect: () => undefined, catalogue: catalogue() });
  const svc = new LanguageService();
  svc.open('u', text);
  svc.diagnostics('u');
  for (let line = 0; line < Math.min(doc.lineCount, 30); line += 3) {
    const position = { line, character: line % 7 };
    svc.hover('u', position);
    svc.completions('u', position);
    svc.definition('u', position);
    svc.references('u', position);
    svc.codeActions('u', { start: position, end: position });
  }
  const symbols = documentSymbols(doc.outline);
  const folds = foldingRanges(doc.outline);
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const f of folds) assert.ok(f.startLine >= 0 && f.endLine < lines && f.startLine < f.endLine);
  const walk = (s: typeof symbols): void =>
    s.forEach((x) => {
      assert.ok(x.range.start.line <= x.selectionRange.start.line);
      walk(x.children);
    });
  walk(symbols);
}

/**
 * Edits a clerk makes to a real document, line by line: a run of lines duplicated (a title and its unit line
 * pasted twice), deleted, moved, or a line cut short or joined with the next.
 */
export function lineMutations(text: string): fc.Arbitrary<string> {
  const lines = text.split('\n');
  const op = fc.record({
    kind: fc.constantFrom('duplicate', 'delete', 'move', 'truncate', 'join', 'insert'),
    at: fc.nat(lines.length - 1),
    length: fc.integer({ min: 1, max: 4 }),
    to: fc.nat(lines.length - 1),
    piece: fc.constantFrom(...LINE_PIECES),
  });
  return fc.array(op, { minLength: 1, maxLength: 5 }).map((ops) => {
    const out = [...lines];
    for (const o of ops) {
      const at = Math.min(o.at, out.length - 1);
      const run = out.slice(at, at + o.length);
      if (o.kind === 'duplicate') out.splice(at + run.length, 0, ...run);
      else if (o.kind === 'delete') out.splice(at, o.length);
      else if (o.kind === 'move') {
        out.splice(at, o.length);
        out.splice(Math.min(o.to, out.length), 0, ...run);
      } else if (o.kind === 'truncate') out[at] = (out[at] ?? '').slice(0, (out[at] ?? '').length >> 1);
      else if (o.kind === 'join') out.splice(at, 2, (out[at] ?? '') + (out[at + 1] ?? ''));
      else out.splice(at, 0, o.piece);
      if (out.length === 0) out.push('');
    }
    return out.join('\n');
  });
}
