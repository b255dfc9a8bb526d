// One root cause, one finding. A wrong figure breaks every sum it takes part in: a wrong 行政运行 breaks its row's
// 合计 and its column's 款 and 类; a wrong 款 breaks its 类 (where it is a part) and itself (where it is the total).
// Each broken sum says what one cell would have to be for it to hold. When several broken sums need the same
// cell to be the same other value, that one correction mends them all: they are reported once, on that cell —
// the finding that already sits on it, or a new one naming every sum it breaks — with the others as related
// locations. Sums that disagree about the correction stay separate findings.
import Decimal from 'decimal.js';
import type { Range } from '../model/types.js';
import type { Finding, RelatedInformation } from './index.js';
import { message, say, type Locale } from './messages.js';
import { findingOf } from './finding.js';
import { formatLike, halfUnit, show } from './tolerance.js';
import { numberDecimals } from '../parse/amounts.js';

/** What a sum finding compared, kept beside it (never serialised) for this analysis. */
export interface SumEvidence {
  subject: string;
  /** The finding's message without a guess at which part is wrong (the cause found here replaces that guess). */
  message: string;
  total: { range: Range; value: Decimal; text: string };
  parts: { range?: Range; value: Decimal; label: string }[];
  found: Decimal;
  expected: Decimal;
  decimals: number;
  grouped: boolean;
}

const evidence = new WeakMap<Finding, SumEvidence>();

export function recordEvidence(f: Finding, e: SumEvidence): void {
  evidence.set(f, e);
}

const key = (r: Range) => `${r.start.line}:${r.start.character}`;

interface Correction {
  finding: Finding;
  value: Decimal;
  role: 'total' | 'part';
  range: Range;
  label?: string;
  printed: Decimal;
  text?: string;
}

/** The value each cell of a broken sum would need for that sum to hold. */
function corrections(f: Finding, e: SumEvidence): Correction[] {
  const out: Correction[] = [
    { finding: f, value: e.expected, role: 'total', range: e.total.range, printed: e.total.value, text: e.total.text },
  ];
  const excess = e.expected.minus(e.found); // the parts add up to this much more than the total
  for (const p of e.parts) {
    if (p.range) out.push({ finding: f, value: p.value.minus(excess), role: 'part', range: p.range, label: p.label, printed: p.value });
  }
  return out;
}

export function oneFindingPerCause(findings: Finding[], locale: Locale, uri: string): Finding[] {
  const sums = findings.filter((f) => (f.code === 'sum-mismatch' || f.code === 'crossfoot-mismatch') && evidence.has(f));
  if (sums.length < 2) return findings;
  const byCell = new Map<string, Correction[]>();
  for (const f of sums) {
    for (const c of corrections(f, evidence.get(f)!)) {
      const k = `${key(c.range)}=${c.value.toString()}`;
      byCell.set(k, [...(byCell.get(k) ?? []), c]);
    }
  }
  // the cells whose one correction mends most sums first; a finding joins one group only
  const groups = [...byCell.values()].filter((g) => new Set(g.map((c) => c.finding)).size >= 2).sort((a, b) => b.length - a.length);
  const consumed = new Set<Finding>();
  const replaced = new Map<Finding, Finding | null>();
  for (const group of groups) {
    const members = group.filter((c) => !consumed.has(c.finding));
    if (new Set(members.map((c) => c.finding)).size < 2) continue;
    members.forEach((c) => consumed.add(c.finding));
    const onCell = members.find((c) => c.role === 'total');
    const kept = (onCell ?? members[0]).finding;
    const merged = members.map((c) => c.finding);
    replaced.set(
      kept,
      remembered(kept, merged, () =>
        onCell
          ? withSameCause(
              kept,
              merged.filter((f) => f !== kept),
              locale,
              uri,
            )
          : cellFinding(members, locale, uri),
      ),
    );
    for (const c of members) if (c.finding !== kept) replaced.set(c.finding, null);
  }
  if (replaced.size === 0) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const r = replaced.get(f);
    if (r === undefined) out.push(f);
    else if (r) out.push(r);
  }
  return out;
}

// The editor re-checks after every keystroke and reuses the findings of tables an edit did not touch (the very
// same objects): a merge of the very same findings gives back the very same merged finding.
const merges = new WeakMap<Finding, { merged: Finding[]; result: Finding }>();

function remembered(kept: Finding, merged: Finding[], make: () => Finding): Finding {
  const hit = merges.get(kept);
  if (hit && hit.merged.length === merged.length && hit.merged.every((f, i) => f === merged[i])) return hit.result;
  const result = make();
  merges.set(kept, { merged, result });
  return result;
}

function related(fs: Finding[], locale: Locale, uri: string): RelatedInformation[] {
  return fs.map((f) => ({ location: { uri, range: f.range }, message: message(locale, 'same-cause', { other: f.message }) }));
}

/** The finding on the cell keeps its message and gains the sums the same correction mends. */
function withSameCause(f: Finding, others: Finding[], locale: Locale, uri: string): Finding {
  const message = evidence.get(f)?.message ?? f.message;
  const said = f.data?.message;
  // the cause found here replaces the message's guess at a culprit, and so does its quick fix
  const data = said
    ? {
        ...f.data,
        culprit: undefined,
        message: { id: said.id, args: Object.fromEntries(Object.entries(said.args).filter(([k]) => k !== 'culprit')) },
      }
    : f.data;
  return { ...f, message, data, relatedInformation: [...(f.relatedInformation ?? []), ...related(others, locale, uri)] };
}

/** No finding sits on the cell: one is made there, naming the sums its correction mends. */
function cellFinding(members: Correction[], locale: Locale, uri: string): Finding {
  const first = members[0];
  const e = evidence.get(first.finding)!;
  const labels = [...new Set(members.map((c) => c.label).filter((l): l is string => !!l))];
  const decimals = Math.max(...members.map((c) => evidence.get(c.finding)!.decimals));
  const grouped = members.some((c) => evidence.get(c.finding)!.grouped);
  const rule = members.some((c) => c.finding.code === 'sum-mismatch') ? 'sum-mismatch' : first.finding.code;
  const diff = first.printed.minus(first.value);
  const args: Record<string, string> = {
    cell: labels.map((l) => `「${l}」`).join(''),
    found: show(first.printed, decimals),
    sums: members.map((c) => evidence.get(c.finding)!.subject).join(message(locale, 'list-separator')),
    diff: show(diff.abs(), decimals),
    expected: show(first.value, decimals),
  };
  return findingOf(
    rule,
    first.range,
    say(locale, 'one-cell-many-sums', args),
    {
      expected: first.value.toString(),
      found: first.printed.toString(),
      difference: diff.toString(),
      replacement: formatLike(first.value, Math.max(decimals, e.decimals), grouped),
    },
    related(
      members.map((c) => c.finding),
      locale,
      uri,
    ),
  );
}

/**
 * A figure in the prose compared with a table cell that is itself reported wrong (its parts do not add up to it):
 * the cell cannot be trusted as the measure of the prose. When the prose says what the cell should have said (the
 * sum of its parts, in the prose's unit), the prose is right and the one mistake is the cell's: the cell's finding
 * is the one reported, naming the prose figure as a related location that agrees with the sum.
 */
export function proseWitnesses(findings: Finding[], locale: Locale, uri: string): Finding[] {
  const broken = new Map<string, Finding>();
  for (const f of findings)
    if ((f.code === 'sum-mismatch' || f.code === 'crossfoot-mismatch' || f.code === 'balance-mismatch') && f.data?.expected && f.data.found)
      broken.set(key(f.range), f);
  if (broken.size === 0) return findings;
  const witnesses = new Map<Finding, RelatedInformation[]>();
  const dropped = new Set<Finding>();
  for (const f of findings) {
    // one figure against one table figure (printed once, or in both panels of a summary: 收入总计 = 支出总计)
    if (f.code !== 'text-table-mismatch' || f.data?.message?.id !== 'text-table' || !f.data.expected || !f.data.found) continue;
    const cell = (f.relatedInformation ?? []).map((r) => broken.get(key(r.location.range))).find((x) => x !== undefined);
    if (!cell) continue;
    const printed = new Decimal(cell.data!.found!);
    if (printed.isZero()) continue;
    // the table's figure in the prose's unit over the same figure as the table prints it: the unit factor
    const factor = new Decimal(f.data.expected).div(printed);
    const corrected = new Decimal(cell.data!.expected!).times(factor);
    const said = new Decimal(f.data.found);
    const tolerance = halfUnitOf(f.data.found).plus(halfUnitOf(cell.data!.expected!).times(factor.abs()));
    // a prose figure that agrees with neither is a disagreement of its own (the table's total may be right and a
    // part missing, as 004's 办公费 row): it stays
    if (corrected.minus(said).abs().gt(tolerance)) continue;
    dropped.add(f);
    witnesses.set(cell, [
      ...(witnesses.get(cell) ?? []),
      {
        location: { uri, range: f.range },
        message: message(locale, 'prose-agrees', {
          found: f.data.message.args.found ?? `${said.toString()}${f.data.unit ?? ''}`,
        }),
      },
    ]);
  }
  return foldInto(findings, dropped, witnesses);
}

/** Half a unit of the last digit a decimal string prints (`192207.76` → 0.005). */
const halfUnitOf = (text: string): Decimal => halfUnit(numberDecimals(text) ?? 0);

/** The findings without the dropped ones, each that took some in carrying the notes about them as related locations. */
function foldInto(findings: Finding[], dropped: ReadonlySet<Finding>, notes: ReadonlyMap<Finding, RelatedInformation[]>): Finding[] {
  if (dropped.size === 0) return findings;
  return findings
    .filter((f) => !dropped.has(f))
    .map((f) => {
      const n = notes.get(f);
      return n ? { ...f, relatedInformation: [...(f.relatedInformation ?? []), ...n] } : f;
    });
}

/**
 * A growth rate computed on a prose figure that is itself found wrong against its table (`收入支出总计0万元 …
 * 减少56.95万元，下降1.87%`, where the table says 2,995.39): when the rate holds for the table's figure, the rate is
 * right and the one mistake is the figure. The rate's finding goes; the figure's finding says the rate agrees with
 * the table's figure (related location). A rate that fits neither stays.
 */
export function ratesOfWrongFigures(findings: Finding[], locale: Locale): Finding[] {
  const wrongFigure = new Map<string, Finding>();
  for (const f of findings)
    if (f.code === 'text-table-mismatch' && f.data?.message?.id === 'text-table' && f.data.expected) wrongFigure.set(key(f.range), f);
  if (wrongFigure.size === 0) return findings;
  const notes = new Map<Finding, RelatedInformation[]>();
  const dropped = new Set<Finding>();
  for (const f of findings) {
    const args = f.data?.message?.args;
    if (f.code !== 'percent-mismatch' || f.data?.message?.id !== 'growth' || !args || !f.relatedInformation?.length) continue;
    const figure = wrongFigure.get(key(f.relatedInformation[0].location.range));
    if (!figure) continue;
    const current = new Decimal(figure.data!.expected!);
    const change = new Decimal(args.change.replace(/,/g, ''));
    const previous = args.up === 'true' ? current.minus(change) : current.plus(change);
    if (previous.lte(0)) continue;
    const rate = change.div(previous).times(100);
    const printed = new Decimal(args.percent);
    // the rate's own rounding, and what the change's and the figure's last digits allow
    const slack = halfUnitOf(args.percent).plus(halfUnitOf(args.change).plus(halfUnitOf(figure.data!.expected!)).div(previous).times(100));
    if (rate.minus(printed).abs().gt(slack)) continue;
    dropped.add(f);
    notes.set(figure, [
      ...(notes.get(figure) ?? []),
      {
        location: { uri: f.relatedInformation[0].location.uri, range: f.range },
        message: message(locale, 'rate-agrees-with-table', {
          word: args.word,
          percent: args.percent,
          value: `${figure.data!.message!.args.cell ?? ''}${figure.data!.message!.args.tableUnit ?? ''}`,
        }),
      },
    ]);
  }
  return foldInto(findings, dropped, notes);
}
