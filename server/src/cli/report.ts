// The report formats of budget-lint (CONTRACT.md): `--format html` (one self-contained page) and `--format csv`.
// Glue only: the pages are made by server/src/report/, from the results formatFindings prints as JSON.
import type { Locale } from '../checks/messages.js';
import { chartLibrary } from '../report/charts.js';
import { csvReport } from '../report/csv.js';
import { htmlReport, type DocumentDigest } from '../report/html.js';
import type { FileFindings } from './format.js';

export const REPORT_FORMATS = ['html', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(format: string): format is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(format);
}

/** The report of a run: `digestOf` gives what the HTML shows of each checked file's document (made where it was checked). */
export function formatReport(
  results: FileFindings[],
  format: ReportFormat,
  options: { locale?: Locale; digestOf: (file: string) => DocumentDigest | undefined },
): string {
  const files = results.map((r) => ({ ...r, digest: r.error ? undefined : options.digestOf(r.file) }));
  if (format === 'csv') return csvReport(files, options.locale ?? 'zh');
  return htmlReport(files, { locale: options.locale ?? 'zh', chartLibrary: chartLibrary() });
}
