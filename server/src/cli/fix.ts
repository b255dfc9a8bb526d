// `budget-lint --fix` / `--fix-dry-run`: the certain quick fixes, applied to a text file. A fix is applied when the
// editor offers it as the preferred fix of its finding (features/codeActions.ts), it is the only preferred one, and
// the finding proves it is the one correction (`isCertain`). Several fixes in one text go in from the end backwards,
// so no fix moves another's position; two fixes of overlapping text are a choice for the reader and neither is made.
import type { Finding } from '../checks/index.js';
import type { Range } from '../model/types.js';
import { quickFixes } from '../features/codeActions.js';
import { message } from '../checks/messages.js';
import type { Encoding } from '../import/text.js';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** One change made, as printed: 0-based line, the text replaced and what replaced it. */
export interface AppliedFix {
  line: number;
  rule: string;
  old: string;
  new: string;
}

const EVERYWHERE: Range = { start: { line: 0, character: 0 }, end: { line: Number.MAX_SAFE_INTEGER, character: 0 } };

/**
 * Rules whose fix writes what the document itself fixes beyond doubt: a doubled mark or a stray space removed, the
 * document's own year, the code its name spells (`302201 办公费` → 30201). A code's official name is certain only
 * when the name written is a slip of it (`管理事物` for `管理事务支出`, see `isSlipOf`): a wholly different name
 * (`30206 办公设备购置费`) is more likely another edition's or a local code than a wrong name.
 */
const CERTAIN_BY_RULE = new Set<string>(['punctuation', 'year-mismatch', 'malformed-code']);

/** Most of the characters of the name written are those of the official name, in order (two thirds of the longer). */
export function isSlipOf(written: string, official: string): boolean {
  const a = [...written];
  const b = [...official];
  let prev = new Array<number>(b.length + 1).fill(0);
  for (const ca of a) {
    const row = [0];
    for (let j = 0; j < b.length; j++) row.push(ca === b[j] ? prev[j] + 1 : Math.max(prev[j + 1], row[j]));
    prev = row;
  }
  return prev[b.length] * 3 >= Math.max(a.length, b.length) * 2;
}

/** The opening words of a related location that says "the same correction mends this sum too", in either locale. */
const SAME_CAUSE = [message('zh', 'same-cause', { other: '' }), message('en', 'same-cause', { other: '' })];

/**
 * Whether a finding's preferred fix is the one correction. A sum that does not add up says only that one of its
 * figures is wrong — the total or any item, and the editor still offers the total as its fix; a figure in the prose
 * against a table, a stated percentage, a name against the title's: either side may be the slip. Those are left
 * for the reader. A cell that puts two or more sums out, each mended by the same value (checks/rootCause.ts), is
 * proven: that fix is applied. Rounding is never a mistake to correct.
 */
export function isCertain(f: Finding): boolean {
  if (f.code === 'rounding' || f.data?.replacement === undefined) return false;
  // `30202 咨询费` where 咨询费 is 30203: the code or the name may be the slip
  if (f.data.codeFix) return false;
  if (CERTAIN_BY_RULE.has(f.code)) return true;
  if (f.code === 'code-name-mismatch') return isSlipOf(f.data.message?.args.found ?? '', f.data.replacement);
  if (f.data.message?.id === 'one-cell-many-sums') return true;
  return (f.relatedInformation ?? []).some((r) => SAME_CAUSE.some((p) => r.message.startsWith(p)));
}

/** Each finding's certain fix: the single preferred quick fix the editor offers for it, when `isCertain` holds. */
export function certainEdits(findings: Finding[]): { finding: Finding; edit: TextEdit; title: string }[] {
  const uri = 'budget-lint:fix';
  const byFinding = new Map<Finding, { title: string; edits: TextEdit[] }[]>();
  for (const action of quickFixes(uri, findings, EVERYWHERE)) {
    if (!action.isPreferred) continue;
    const f = action.diagnostics[0];
    if (!isCertain(f)) continue;
    const list = byFinding.get(f) ?? [];
    list.push({ title: action.title, edits: action.edit.changes[uri] ?? [] });
    byFinding.set(f, list);
  }
  const out: { finding: Finding; edit: TextEdit; title: string }[] = [];
  for (const [finding, actions] of byFinding) {
    // two preferred fixes, or one that edits two places, is a choice for the reader, not a certainty
    if (actions.length !== 1 || actions[0].edits.length !== 1) continue;
    out.push({ finding, edit: actions[0].edits[0], title: actions[0].title });
  }
  return out;
}

/** Offsets of each line's start in `text` (lines end at \r\n, \r or \n, as the parser splits them). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

function offsetAt(starts: number[], text: string, p: { line: number; character: number }): number | undefined {
  if (p.line >= starts.length) return undefined;
  const offset = starts[p.line] + p.character;
  const lineEnd = p.line + 1 < starts.length ? starts[p.line + 1] : text.length;
  return offset <= lineEnd ? offset : undefined;
}

/**
 * Applies the edits from the end of the text backwards; an edit that overlaps one already applied, or that points
 * outside the text, is left out. A replacement never brings its own line endings: a CRLF file stays CRLF.
 */
export function applyEdits(text: string, edits: { finding: Finding; edit: TextEdit }[]): { text: string; applied: AppliedFix[] } {
  const starts = lineStarts(text);
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const placed = edits
    .map(({ finding, edit }) => ({
      finding,
      start: offsetAt(starts, text, edit.range.start),
      end: offsetAt(starts, text, edit.range.end),
      newText: edit.newText.replace(/\r\n|\r|\n/g, eol),
      line: edit.range.start.line,
    }))
    .filter((e): e is typeof e & { start: number; end: number } => e.start !== undefined && e.end !== undefined && e.start <= e.end)
    .sort((a, b) => b.start - a.start || b.end - a.end);
  // the same change asked by two findings is made once; two different changes of overlapping text are a choice
  // for the reader, so neither is made
  const unique = placed.filter((e, i) => placed.findIndex((o) => o.start === e.start && o.end === e.end && o.newText === e.newText) === i);
  const overlap = (x: (typeof unique)[number], y: (typeof unique)[number]) =>
    x !== y && (x.start < y.end && y.start < x.end ? true : x.start === y.start && (x.start === x.end || y.start === y.end));
  let out = text;
  const applied: AppliedFix[] = [];
  for (const e of unique) {
    const old = text.slice(e.start, e.end);
    if (old === e.newText || unique.some((o) => overlap(e, o))) continue;
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    applied.push({ line: e.line, rule: e.finding.code, old, new: e.newText });
  }
  return { text: out, applied: applied.reverse() };
}

/** Why a text file's bytes cannot be written back as they were read (a message id); undefined when they can. */
export function whyNotWritable(encoding: Encoding | undefined, replacedLines: number): string | undefined {
  if (replacedLines > 0) return 'fix-undecodable';
  // Node has no GB18030 encoder, and a hand-made one that got one character wrong would corrupt a published text
  if (encoding === 'gb18030') return 'fix-gb18030';
  return undefined;
}

/** The text in the encoding it was read in, with the byte-order mark it had. */
export function encodeLike(text: string, encoding: Encoding | undefined, original: Uint8Array): Buffer {
  const hadBom = (bom: number[]) => bom.every((b, i) => original[i] === b);
  if (encoding === 'utf-16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (encoding === 'utf-16be') return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  const body = Buffer.from(text, 'utf8');
  return hadBom([0xef, 0xbb, 0xbf]) ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/**
 * A unified diff of two texts by lines (Myers' O(ND) difference, three lines of context), as `diff -u` prints it.
 * Empty when the texts are equal.
 */
export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string): string {
  if (oldText === newText) return '';
  const a = splitKeepingEnds(oldText);
  const b = splitKeepingEnds(newText);
  const ops = diffLines(a, b);
  const CONTEXT = 3;
  let out = `--- ${oldName}\n+++ ${newName}\n`;
  // group the operations into hunks: changes closer than twice the context share one
  let i = 0;
  while (i < ops.length) {
    if (ops[i].kind === '=') {
      i++;
      continue;
    }
    let start = i;
    while (start > 0 && ops[start - 1].kind === '=' && i - start < CONTEXT) start--;
    let end = i;
    for (;;) {
      while (end < ops.length && ops[end].kind !== '=') end++;
      let run = end;
      while (run < ops.length && ops[run].kind === '=') run++;
      if (run < ops.length && run - end <= 2 * CONTEXT) end = run;
      else {
        end = Math.min(run, end + CONTEXT);
        break;
      }
    }
    const hunk = ops.slice(start, end);
    const oldStart = hunk[0].a;
    const newStart = hunk[0].b;
    const oldCount = hunk.filter((o) => o.kind !== '+').length;
    const newCount = hunk.filter((o) => o.kind !== '-').length;
    out += `@@ -${oldCount ? oldStart + 1 : oldStart},${oldCount} +${newCount ? newStart + 1 : newStart},${newCount} @@\n`;
    for (const o of hunk) {
      const line = o.kind === '+' ? b[o.b] : a[o.a];
      const sign = o.kind === '=' ? ' ' : o.kind;
      out += sign + (line.endsWith('\n') ? line : line + '\n\\ No newline at end of file\n');
    }
    i = end;
  }
  return out;
}

function splitKeepingEnds(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

interface DiffOp {
  kind: '=' | '-' | '+';
  /** Index in the old lines (for '=' and '-'; for '+', where it goes). */
  a: number;
  b: number;
}

function diffLines(a: string[], b: string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Map<number, number>[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1)) ? v.get(k + 1)! : v.get(k - 1)! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v.set(k, x);
      if (x >= n && y >= m) break outer;
    }
  }
  // walk the trace back from the end to recover the edit script
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && (vd.get(k - 1) ?? -1) < (vd.get(k + 1) ?? -1)) ? k + 1 : k - 1;
    const prevX = vd.get(prevK) ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: '=', a: --x, b: --y });
    if (d > 0) {
      if (x === prevX) ops.push({ kind: '+', a: x, b: --y });
      else ops.push({ kind: '-', a: --x, b: y });
    }
  }
  return ops.reverse();
}
