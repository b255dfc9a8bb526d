// Merging an official function-classification list (code, name — as published with each year's
// 政府收支分类科目) into data/function.tsv: new codes are added, every 类 and 款 the list covers is marked
// complete, and names that differ from ours are reported for a person to review (never overwritten
// silently). Used by scripts/import-function-catalogue.mjs.

export interface OfficialRow {
  code: string;
  name: string;
}
export interface MergeReport {
  added: string[];
  renamed: { code: string; ours: string; official: string }[];
  completed: string[];
  /** Codes entered from documents' evidence that the official list confirms: their provenance is dropped. */
  confirmed: string[];
}

/** Reads `code,name` or `code<TAB>name` lines (a header line and blank lines are skipped). */
export function parseOfficial(text: string): OfficialRow[] {
  const out: OfficialRow[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*"?(\d{3}(?:\d{2}){0,2})"?\s*[,\t，]\s*"?([^",\t]+?)"?\s*(?:[,\t].*)?$/.exec(line);
    if (m) out.push({ code: m[1], name: m[2].trim() });
  }
  return out;
}

/** Returns the new function.tsv text and what changed. `year` is the edition the official list is. */
export function mergeOfficial(tsv: string, official: OfficialRow[], year: number): { tsv: string; report: MergeReport } {
  const lines = tsv.replace(/\n$/, '').split('\n');
  const header = lines.filter((l) => l.startsWith('#') || l.startsWith('code\t'));
  const rows = new Map<string, string[]>();
  for (const l of lines) if (!l.startsWith('#') && !l.startsWith('code\t') && l) rows.set(l.split('\t')[0], l.split('\t'));
  const report: MergeReport = { added: [], renamed: [], completed: [], confirmed: [] };
  const listed = new Set(official.map((o) => o.code));
  for (const o of official) {
    const row = rows.get(o.code);
    if (!row) {
      rows.set(o.code, [o.code, o.name, `${year}-`, '', '', '']);
      report.added.push(o.code);
    } else {
      if (row[1] !== o.name) report.renamed.push({ code: o.code, ours: row[1], official: o.name });
      // the 7th column says where an entry taken from documents came from; the official list now vouches for it
      if (row[6]) {
        row[6] = '';
        report.confirmed.push(o.code);
      }
    }
  }
  // a 类 or 款 whose children the official list gives is complete for that edition
  for (const code of listed) {
    if (code.length === 7) continue;
    const hasChildren = [...listed].some((c) => c.length === code.length + 2 && c.startsWith(code));
    const row = rows.get(code)!;
    if (hasChildren && row[4] !== 'y') {
      row[4] = 'y';
      report.completed.push(code);
    }
  }
  const order = [...rows.keys()].sort((a, b) => a.localeCompare(b));
  return { tsv: [...header, ...order.map((c) => rows.get(c)!.join('\t'))].join('\n') + '\n', report };
}
