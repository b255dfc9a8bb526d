// The standard disclosure tables (data/required-tables.tsv): which a 部门/单位 预算 or 决算 must publish, how their
// printed titles are recognised, and what a note calls them. Data, not code: the file says where each requirement
// comes from. Loaded once, on first use, from beside the sources or next to the bundle (like the catalogue).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** 部门预算 / 单位预算 / 部门决算 / 单位决算: the kinds the data file has a column for. */
export type DisclosureKind = '部门预算' | '单位预算' | '部门决算' | '单位决算';
export const DISCLOSURE_KINDS: readonly DisclosureKind[] = ['部门预算', '单位预算', '部门决算', '单位决算'];

export type Requirement = 'required' | 'optional';

export interface StandardTable {
  /** The data file's name for it (收支总表 … 国有资本经营预算支出表). */
  kind: string;
  /** Its place in 规程's list, 1–9. */
  order: number;
  /** The standard name in a 预算 and in a 决算. */
  names: { 预算: string; 决算: string };
  requirement: Partial<Record<DisclosureKind, Requirement>>;
  /** What a note or a replacing sentence calls it (政府性基金); empty when no sentence replaces it. */
  subject?: RegExp;
  source: string;
}

/** A jurisdiction whose set of standard tables differs from the national one (data/local-table-sets.tsv). */
export interface Jurisdiction {
  name: string;
  /** Tested against the title line and the department, white space removed. */
  names: RegExp;
  /** The requirements it changes, by standard table. */
  changes: Map<StandardTable, Partial<Record<DisclosureKind, Requirement>>>;
  source: string;
}

interface TitlePattern {
  pattern: RegExp;
  table?: StandardTable;
}

export class RequiredTables {
  readonly tables: readonly StandardTable[];
  readonly jurisdictions: readonly Jurisdiction[];
  private readonly patterns: readonly TitlePattern[];

  private constructor(patterns: TitlePattern[], localText?: string) {
    this.patterns = patterns;
    this.tables = patterns.flatMap((p) => (p.table ? [p.table] : [])).sort((a, b) => a.order - b.order);
    this.jurisdictions = localText === undefined ? [] : this.parseLocal(localText);
  }

  static load(dir = dataDir()): RequiredTables {
    const local = join(dir, LOCAL_FILE);
    return RequiredTables.parse(readFileSync(join(dir, FILE), 'utf8'), existsSync(local) ? readFileSync(local, 'utf8') : undefined);
  }

  /** The national set (required-tables.tsv) and, when given, the jurisdictions' differences (local-table-sets.tsv). */
  static parse(text: string, localText?: string): RequiredTables {
    const { rows, col } = readTsv(text, FILE);
    const at = {
      kind: col('kind'),
      order: col('order'),
      pattern: col('pattern'),
      budget: col('预算名'),
      final: col('决算名'),
      subject: col('subject'),
      source: col('source'),
    };
    const kinds = DISCLOSURE_KINDS.map((k) => [k, col(k)] as const);
    const patterns: TitlePattern[] = rows.map((f) => {
      const pattern = new RegExp(f[at.pattern]);
      if (f[at.kind] === '-') return { pattern };
      const requirement = requirements(f, kinds, `${FILE}: ${f[at.kind]}`);
      const subject = (f[at.subject] ?? '').trim();
      return {
        pattern,
        table: {
          kind: f[at.kind],
          order: Number(f[at.order]),
          names: { 预算: f[at.budget], 决算: f[at.final] },
          requirement,
          subject: subject ? new RegExp(subject) : undefined,
          source: f[at.source] ?? '',
        },
      };
    });
    return new RequiredTables(patterns, localText);
  }

  private parseLocal(text: string): Jurisdiction[] {
    const { rows, col } = readTsv(text, LOCAL_FILE);
    const at = { jurisdiction: col('jurisdiction'), names: col('names'), table: col('table'), source: col('source') };
    const kinds = DISCLOSURE_KINDS.map((k) => [k, col(k)] as const);
    const byName = new Map<string, Jurisdiction>();
    for (const f of rows) {
      const table = this.tables.find((t) => t.kind === f[at.table]);
      if (!table) throw new Error(`${LOCAL_FILE}: ${f[at.table]} is not a table of ${FILE}`);
      const name = f[at.jurisdiction];
      let j = byName.get(name);
      if (!j) byName.set(name, (j = { name, names: new RegExp(f[at.names]), changes: new Map(), source: f[at.source] ?? '' }));
      j.changes.set(table, requirements(f, kinds, `${LOCAL_FILE}: ${name} ${table.kind}`));
    }
    return [...byName.values()];
  }

  /** The jurisdiction the title or the department names, or undefined (the national set applies). */
  jurisdiction(...texts: (string | undefined)[]): Jurisdiction | undefined {
    const plain = texts.filter((t): t is string => !!t).map((t) => t.replace(/[\s\u3000]+/g, ''));
    return this.jurisdictions.find((j) => plain.some((t) => j.names.test(t)));
  }

  /** What a document of this kind, in this jurisdiction (or nowhere in particular), must do about the table. */
  requirement(table: StandardTable, kind: DisclosureKind, where?: Jurisdiction): Requirement | undefined {
    return where?.changes.get(table)?.[kind] ?? table.requirement[kind];
  }

  /** The standard table a printed title names, or undefined (none of them, or a table known to be another). */
  classify(title: string | undefined): StandardTable | undefined {
    if (!title) return undefined;
    const plain = title.replace(/[\s\u3000]+/g, '');
    for (const p of this.patterns) if (p.pattern.test(plain)) return p.table;
    return undefined;
  }
}

const FILE = 'required-tables.tsv';
const LOCAL_FILE = 'local-table-sets.tsv';

/** The rows of a data file (comments and blank lines left out) and a column finder by header name. */
function readTsv(text: string, file: string): { rows: string[][]; col: (name: string) => number } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#'));
  const header = lines[0].split('\t');
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${file}: no column ${name}`);
    return i;
  };
  return { rows: lines.slice(1).map((l) => l.split('\t')), col };
}

function requirements(f: string[], kinds: readonly (readonly [DisclosureKind, number])[], where: string): StandardTable['requirement'] {
  const out: StandardTable['requirement'] = {};
  for (const [k, i] of kinds) {
    const v = (f[i] ?? '').trim();
    if (v === 'required' || v === 'optional') out[k] = v;
    else if (v) throw new Error(`${where} ${k}: ${v} is neither required nor optional`);
  }
  return out;
}

/** The data folder: beside the sources (tests, tsx) or copied next to the bundle (dist/catalogue). */
function dataDir(): string {
  for (const dir of [join(__dirname, 'data'), join(__dirname, 'catalogue'), join(__dirname, '..', 'catalogue', 'data')]) {
    if (existsSync(join(dir, FILE))) return dir;
  }
  throw new Error('required-tables.tsv not found');
}

let loaded: RequiredTables | undefined;

/** The bundled standard table sets, loaded on first use. */
export function requiredTables(): RequiredTables {
  loaded ??= RequiredTables.load();
  return loaded;
}
