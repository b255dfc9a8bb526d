// The wording rules' data (data/template-text.tsv): template placeholders and instructions, the words after which an
// ellipsis stands for missing content, how a reason is announced, doubled function words. Read once, on first use.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'template-text.tsv';

export interface DoubledWord {
  word: string;
  /** Words the doubled pair is part of (目的的): not a mistake there. */
  not: string[];
}

export interface TemplateText {
  placeholders: RegExp[];
  instructions: RegExp[];
  /** Matches at the end of the text before an ellipsis that stands for missing content. */
  ellipsisAfter: RegExp;
  /** Matches one announcement of a reason (主要原因是, 原因：). */
  reason: RegExp;
  doubled: DoubledWord[];
}

/** The data folder: beside the sources (tests, tsx) or copied next to the bundle (dist/catalogue). */
function dataFile(): string {
  for (const dir of [join(__dirname, 'data'), join(__dirname, 'catalogue'), join(__dirname, '..', 'catalogue', 'data')]) {
    if (existsSync(join(dir, FILE))) return join(dir, FILE);
  }
  throw new Error(`${FILE} not found`);
}

/** Parses the file's text (header and # comments skipped); a bad pattern is an error naming its line. */
export function parseTemplateText(text: string): TemplateText {
  const by = new Map<string, { pattern: string; not: string; line: number }[]>();
  const lines = text.split(/\r?\n/);
  let header = true;
  lines.forEach((l, i) => {
    if (!l.trim() || l.startsWith('#')) return;
    if (header) {
      header = false;
      return;
    }
    const [kind, pattern = '', not = ''] = l.split('\t');
    if (!by.has(kind)) by.set(kind, []);
    by.get(kind)!.push({ pattern, not, line: i + 1 });
  });
  const compile = (p: { pattern: string; line: number }, flags: string) => {
    try {
      return new RegExp(p.pattern, flags);
    } catch (e) {
      throw new Error(`${FILE}:${p.line}: ${(e as Error).message}`, { cause: e });
    }
  };
  const all = (kind: string) => by.get(kind) ?? [];
  const alternatives = (kind: string) => all(kind).map((p) => `(?:${p.pattern})`);
  return {
    placeholders: all('placeholder').map((p) => compile(p, 'gu')),
    instructions: all('instruction').map((p) => compile(p, 'gu')),
    ellipsisAfter: compile({ pattern: `(?:${alternatives('ellipsis-after').join('|')})[\\s\\u3000]*$`, line: 0 }, 'u'),
    reason: compile({ pattern: alternatives('reason').join('|'), line: 0 }, 'gu'),
    doubled: all('doubled').map((p) => ({ word: p.pattern, not: p.not ? p.not.split('|') : [] })),
  };
}

let loaded: TemplateText | undefined;

/** The bundled data, parsed on first use. */
export function templateText(): TemplateText {
  loaded ??= parseTemplateText(readFileSync(dataFile(), 'utf8'));
  return loaded;
}
