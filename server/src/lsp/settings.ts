// Settings the client sends (section `budget` of the VS Code configuration), validated: bad values fall back to defaults.
import type { CheckSettings } from '../checks/index.js';

export interface ServerSettings extends CheckSettings {
  detectPlainText: boolean;
}

export function normalizeSettings(raw: unknown): ServerSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const year = typeof r.year === 'number' && Number.isInteger(r.year) && r.year >= 1990 && r.year <= 2100 ? r.year : undefined;
  return { year, detectPlainText: r.detectPlainText !== false };
}
