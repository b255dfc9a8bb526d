// Settings the client sends (section `budget` of the VS Code configuration), validated: bad values fall back to defaults.
import type { CheckSettings, SeverityName } from '../checks/index.js';
import { isSeveritySetting } from '../../../shared/src/rules.js';

export interface ServerSettings extends CheckSettings {
  detectPlainText: boolean;
}

export function normalizeSettings(raw: unknown): ServerSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const year = typeof r.year === 'number' && Number.isInteger(r.year) && r.year >= 1990 && r.year <= 2100 ? r.year : undefined;
  const locale = r.locale === 'en' ? 'en' : 'zh';
  const rules: Record<string, SeverityName> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, sev] of Object.entries(r.rules as Record<string, unknown>)) {
      if (isSeveritySetting(sev)) rules[id] = sev;
    }
  }
  return { year, locale, rules, detectPlainText: r.detectPlainText !== false };
}
