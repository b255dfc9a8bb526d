// `.budgetlintrc.json` (or `budget-lint.json`), the one configuration file of the CLI and the editor (CONTRACT.md): found by walking up from
// each checked file's folder, `{"rules": {RULE or TAG: SEVERITY}, "year": YYYY, "locale": "zh"|"en", "codes": FILE,
// "ignore": [GLOB…]}`. Paths in it are relative to the file. A bad entry is reported and left out, never fatal.
// Precedence: the command line over the file over the defaults (CLI); the file over the editor's settings (editor),
// since the file is the project's own and travels with the documents.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isRuleId, isRuleTag, isSeveritySetting, type SeveritySetting } from '../../shared/src/rules.js';
import type { CheckSettings } from './checks/index.js';

export const CONFIG_NAME = '.budgetlintrc.json';
/** The same file under a name that is not hidden (listed by `ls`, shown by every file picker). */
export const CONFIG_NAME_VISIBLE = 'budget-lint.json';
/** Both names, the one that wins in a folder holding both first. */
export const CONFIG_NAMES = [CONFIG_NAME, CONFIG_NAME_VISIBLE] as const;

export interface BudgetConfig {
  /** Absolute path of the file. */
  path: string;
  rules: Record<string, SeveritySetting>;
  year?: number;
  locale?: 'zh' | 'en';
  /** Absolute path of the local subject-code file it names. */
  codes?: string;
  ignore: string[];
  /** What was wrong in it, one line each (printed by the CLI, shown by the editor). */
  problems: string[];
}

/** The nearest configuration file at or above `dir` (`.budgetlintrc.json` or `budget-lint.json`), or undefined. */
export function findConfig(dir: string): string | undefined {
  for (let d = resolve(dir); ; d = dirname(d)) {
    const candidate = CONFIG_NAMES.map((name) => join(d, name)).find((path) => existsSync(path));
    if (candidate) return candidate;
    if (dirname(d) === d) return undefined;
  }
}

/** A `budget-lint.json` beside the `.budgetlintrc.json` that wins over it: what is said about it, once. */
function shadowed(path: string): string | undefined {
  if (basename(path) !== CONFIG_NAME) return undefined;
  const other = join(dirname(path), CONFIG_NAME_VISIBLE);
  return existsSync(other) ? `${CONFIG_NAME_VISIBLE} in the same folder is not read: ${CONFIG_NAME} wins` : undefined;
}

/** Reads and validates one configuration file; never throws. */
export function readConfig(path: string): BudgetConfig {
  const config: BudgetConfig = { path: resolve(path), rules: {}, ignore: [], problems: [] };
  const unread = shadowed(config.path);
  if (unread) config.problems.push(unread);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    config.problems.push(`not valid JSON: ${(e as Error).message.split('\n')[0]}`);
    return config;
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    config.problems.push('must be a JSON object');
    return config;
  }
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === 'rules' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [name, severity] of Object.entries(value as Record<string, unknown>)) {
        if (!isRuleId(name) && !isRuleTag(name)) config.problems.push(`rules: unknown rule or tag ${JSON.stringify(name)}`);
        else if (!isSeveritySetting(severity))
          config.problems.push(`rules.${name}: ${JSON.stringify(severity)} is not error, warning, information, hint or off`);
        else config.rules[name] = severity;
      }
    } else if (key === 'year' && Number.isInteger(value) && (value as number) >= 1990 && (value as number) <= 2100) {
      config.year = value as number;
    } else if (key === 'locale' && (value === 'zh' || value === 'en')) {
      config.locale = value;
    } else if (key === 'codes' && typeof value === 'string' && value) {
      config.codes = isAbsolute(value) ? value : join(dirname(config.path), value);
    } else if (key === 'ignore' && Array.isArray(value) && value.every((g) => typeof g === 'string')) {
      config.ignore = value as string[];
    } else {
      config.problems.push(
        `${key}: ${JSON.stringify(value)} is not a valid value${['rules', 'year', 'locale', 'codes', 'ignore'].includes(key) ? '' : ' (unknown setting)'}`,
      );
    }
  }
  return config;
}

/** Configurations by file path, read once per run (the editor clears it when a configuration file changes). */
export class ConfigCache {
  private readonly byPath = new Map<string, BudgetConfig>();
  private readonly byDir = new Map<string, string | undefined>();

  /** The configuration that applies to a file, or undefined. */
  forFile(file: string): BudgetConfig | undefined {
    const dir = dirname(resolve(file));
    if (!this.byDir.has(dir)) this.byDir.set(dir, findConfig(dir));
    const path = this.byDir.get(dir);
    if (!path) return undefined;
    let config = this.byPath.get(path);
    if (!config) {
      config = readConfig(path);
      this.byPath.set(path, config);
    }
    return config;
  }

  clear(): void {
    this.byPath.clear();
    this.byDir.clear();
  }
}

/** Settings for one file: `over` (command-line flags) wins over the file, which wins over `base`. */
export function settingsWith(base: CheckSettings, config: BudgetConfig | undefined, over: CheckSettings = {}): CheckSettings {
  return {
    ...base,
    year: over.year ?? config?.year ?? base.year,
    locale: over.locale ?? config?.locale ?? base.locale,
    rules: { ...base.rules, ...config?.rules, ...over.rules },
  };
}

/** Whether the configuration ignores a file: its `ignore` globs, matched against the path relative to the file's folder. */
export function isIgnored(config: BudgetConfig | undefined, file: string): boolean {
  if (!config || config.ignore.length === 0) return false;
  const rel = relative(dirname(config.path), resolve(file)).split(sep).join('/');
  if (rel.startsWith('../')) return false;
  return config.ignore.some((glob) => globToRegExp(glob).test(rel));
}

/** `**` any folders, `*` any characters but `/`, `?` one; a glob without `/` matches a name in any folder. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  const g = glob.replace(/^\.\//, '');
  for (let i = 0; i < g.length; i++) {
    const ch = g[i];
    if (ch === '*' && g[i + 1] === '*') {
      re += g[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += g[i + 2] === '/' ? 2 : 1;
    } else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const anywhere = !g.includes('/');
  return new RegExp(`^${anywhere ? '(?:.*/)?' : ''}${re}(?:/.*)?$`);
}
