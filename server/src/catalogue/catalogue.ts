// The subject-code catalogue (政府收支分类科目): loaded once from the TSV files in data/, indexed by code.
// Year-aware: an entry is valid for a range of budget years and may have had other names before.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Classification = 'function' | 'economic-department' | 'economic-government';
export type Level = '类' | '款' | '项';

export interface FormerName {
  name: string;
  from: number;
  to: number;
}

export interface CatalogueEntry {
  code: string;
  name: string;
  classification: Classification;
  level: Level;
  from: number;
  to: number; // Infinity = still current
  former: FormerName[];
  /** Every child of this 类/款 is listed: a code under it that is missing is unknown. */
  complete: boolean;
  explanation: string;
  source: string;
  /** Where a code not taken from the national list comes from: `observed in N documents, M cities, years …`. */
  provenance?: string;
}

export const CURRENT_YEAR = 2025;

const FILES: Record<Classification, string> = {
  function: 'function.tsv',
  'economic-department': 'economic-department.tsv',
  'economic-government': 'economic-government.tsv',
};

const SOURCES: Record<Classification, string> = {
  function: '财政部《政府收支分类科目》支出功能分类',
  'economic-department': '财政部《政府收支分类科目》部门预算支出经济分类',
  'economic-government': '财政部《政府收支分类科目》政府预算支出经济分类',
};

export const CLASSIFICATION_NAME: Record<Classification, string> = {
  function: '支出功能分类科目',
  'economic-department': '部门预算支出经济分类科目',
  'economic-government': '政府预算支出经济分类科目',
};

/** The data folder: beside the sources (tests, tsx) or copied next to the bundle (dist/catalogue). */
function dataDir(): string {
  for (const dir of [join(__dirname, 'data'), join(__dirname, 'catalogue'), join(__dirname, '..', 'catalogue', 'data')]) {
    if (existsSync(join(dir, FILES.function))) return dir;
  }
  throw new Error('subject-code catalogue data not found');
}

function rows(file: string): string[][] {
  const lines = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l && !l.startsWith('#'));
  return lines.slice(1).map((l) => l.split('\t'));
}

function years(valid: string): [number, number] {
  const m = /^(\d{4})-(\d{4})?$/.exec(valid.trim());
  if (!m) throw new Error(`bad valid-years field: ${valid}`);
  return [Number(m[1]), m[2] ? Number(m[2]) : Infinity];
}

export function levelOf(code: string): Level | undefined {
  return code.length === 3 ? '类' : code.length === 5 ? '款' : code.length === 7 ? '项' : undefined;
}

export function classificationOf(code: string): Classification | undefined {
  if (/^2\d{2}(?:\d{2}){0,2}$/.test(code)) return 'function';
  if (/^3\d{2}(?:\d{2})?$/.test(code)) return 'economic-department';
  if (/^5\d{2}(?:\d{2})?$/.test(code)) return 'economic-government';
  return undefined;
}

/** Names compared without the differences that carry no meaning: spaces, bracket widths, 的, 其它/其他. */
export function normalizeName(name: string): string {
  return name
    .replace(/[\s\u3000]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/其它/g, '其他')
    .replace(/的/g, '')
    .replace(/[。；;，,、：:]+$/, '');
}

export interface Mapping {
  agency: string[];
  institution: string[];
}

export class Catalogue {
  private entries = new Map<string, CatalogueEntry[]>();
  private byParent = new Map<string, CatalogueEntry[]>();
  private mapping = new Map<string, Mapping>();
  private generic = new Map<string, string>();

  static load(dir = dataDir()): Catalogue {
    const c = new Catalogue();
    for (const [name, explanation] of rows(join(dir, 'generic.tsv'))) c.generic.set(name, explanation);
    for (const cls of Object.keys(FILES) as Classification[]) {
      for (const r of rows(join(dir, FILES[cls]))) {
        const [code, name, valid, former = '', a = '', b = '', last = ''] = r;
        // economic files have no `complete` column: their 4th/5th/6th columns are former, explanation, provenance
        const complete = cls === 'function' ? a === 'y' : true;
        const explanation = cls === 'function' ? b : a;
        const provenance = (cls === 'function' ? last : b) || undefined;
        const [from, to] = years(valid);
        const entry: CatalogueEntry = {
          code,
          name,
          classification: cls,
          level: levelOf(code)!,
          from,
          to,
          former: former
            ? former.split(';').map((f) => {
                const [n, y] = f.split('@');
                const [ff, tt] = years(y);
                return { name: n, from: ff, to: tt };
              })
            : [],
          complete,
          explanation,
          // a code entered from published documents says so: its years are the years documents used it
          source: provenance
            ? `各地公开的预决算文件（${provenance}）`
            : `${SOURCES[cls]}（${from}${to === Infinity ? '年起' : `—${to}年`}）`,
          ...(provenance ? { provenance } : {}),
        };
        const list = c.entries.get(code) ?? [];
        list.push(entry);
        c.entries.set(code, list);
        if (code.length > 3) {
          const parent = code.slice(0, code.length - 2);
          c.byParent.set(parent, [...(c.byParent.get(parent) ?? []), entry]);
        }
      }
    }
    for (const [dept, agency, institution] of rows(join(dir, 'economic-mapping.tsv'))) {
      c.mapping.set(dept, { agency: agency.split('|'), institution: institution.split('|') });
    }
    for (const list of c.entries.values()) for (const e of list) if (!e.explanation) e.explanation = c.genericExplanation(e);
    return c;
  }

  /** The entry valid in `year` (the current edition when no year is known). */
  lookup(code: string, year = CURRENT_YEAR): CatalogueEntry | undefined {
    return this.entries.get(code)?.find((e) => e.from <= year && year <= e.to);
  }

  /** Any edition's entry (for saying "this code existed until 2020"). */
  anyEdition(code: string): CatalogueEntry | undefined {
    const list = this.entries.get(code);
    return list?.[list.length - 1];
  }

  /** The official name in `year`: the current name or the one it had then. */
  nameIn(e: CatalogueEntry, year = CURRENT_YEAR): string {
    return e.former.find((f) => f.from <= year && year <= f.to)?.name ?? e.name;
  }

  /** Names that are right for this code in `year` or in another edition (a document may use either). */
  acceptedNames(e: CatalogueEntry): string[] {
    return [e.name, ...e.former.map((f) => f.name)];
  }

  path(code: string, year = CURRENT_YEAR): CatalogueEntry[] {
    const out: CatalogueEntry[] = [];
    for (let n = 3; n <= code.length; n += 2) {
      const e = this.lookup(code.slice(0, n), year) ?? this.anyEdition(code.slice(0, n));
      if (e) out.push(e);
    }
    return out;
  }

  children(code: string, year = CURRENT_YEAR): CatalogueEntry[] {
    return (this.byParent.get(code) ?? []).filter((e) => e.from <= year && year <= e.to);
  }

  /** Codes of a classification starting with `prefix`, valid in `year`. */
  withPrefix(prefix: string, year = CURRENT_YEAR, limit = 200): CatalogueEntry[] {
    const out: CatalogueEntry[] = [];
    for (const [code, list] of this.entries) {
      if (!code.startsWith(prefix)) continue;
      const e = list.find((x) => x.from <= year && year <= x.to);
      if (e) out.push(e);
      if (out.length >= limit) break;
    }
    return out.sort((a, b) => a.code.localeCompare(b.code));
  }

  /** Adds local codes (replacing earlier local ones); national entries are never overridden. */
  setLocal(entries: CatalogueEntry[]): void {
    for (const [code, list] of this.entries) {
      const kept = list.filter((e) => !e.source.startsWith('本地'));
      if (kept.length) this.entries.set(code, kept);
      else this.entries.delete(code);
    }
    for (const [parent, list] of this.byParent)
      this.byParent.set(
        parent,
        list.filter((e) => !e.source.startsWith('本地')),
      );
    for (const e of entries) {
      if (this.entries.has(e.code)) continue;
      this.entries.set(e.code, [e]);
      if (e.code.length > 3) {
        const parent = e.code.slice(0, e.code.length - 2);
        this.byParent.set(parent, [...(this.byParent.get(parent) ?? []), e]);
      }
    }
  }

  mappingOf(deptCode: string): Mapping | undefined {
    return this.mapping.get(deptCode) ?? this.mapping.get(deptCode.slice(0, 3));
  }

  size(cls: Classification, level?: Level, year = CURRENT_YEAR): number {
    let n = 0;
    for (const list of this.entries.values())
      for (const e of list) {
        if (e.classification === cls && (!level || e.level === level) && e.from <= year && year <= e.to) n++;
      }
    return n;
  }

  all(): CatalogueEntry[] {
    return [...this.entries.values()].flat();
  }

  private genericExplanation(e: CatalogueEntry): string {
    const parent = this.anyEdition(e.code.slice(0, e.code.length - 2));
    const template = this.generic.get(e.name) ?? (e.name.startsWith('其他') ? this.generic.get('其他*') : undefined);
    return template && parent ? template.replace('{款}', parent.name) : '';
  }
}

let shared: Catalogue | undefined;
/** The catalogue, loaded on first use and kept. */
export function catalogue(): Catalogue {
  shared ??= Catalogue.load();
  return shared;
}
