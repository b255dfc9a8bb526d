// What the server tells the person watching it work: for each document, that it is being checked and then its
// finding counts (budget/status, which VS Code's status bar shows), and a line in the output channel for each check
// (window/logMessage), so "is it doing anything?" has an answer.
import type { Connection } from 'vscode-languageserver/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../../../shared/src/commands.js';

export type SeverityCounts = Required<Pick<StatusParams, 'errors' | 'warnings' | 'information' | 'hints'>>;

/** Counts by LSP severity (1 error … 4 hint; a diagnostic without one is shown as an error by editors). */
export function countBySeverity(diagnostics: readonly { severity?: number }[]): SeverityCounts {
  const counts: SeverityCounts = { errors: 0, warnings: 0, information: 0, hints: 0 };
  for (const d of diagnostics) {
    if (d.severity === 2) counts.warnings++;
    else if (d.severity === 3) counts.information++;
    else if (d.severity === 4) counts.hints++;
    else counts.errors++;
  }
  return counts;
}

/** One line for the output channel: which document, what was found, how long it took. */
export function checkedLine(uri: string, counts: SeverityCounts, ms: number): string {
  const total = counts.errors + counts.warnings + counts.information + counts.hints;
  return `checked ${uri}: ${total} finding(s) (${counts.errors} error(s), ${counts.warnings} warning(s), ${counts.information + counts.hints} other) in ${Math.round(ms)} ms`;
}

export class CheckStatus {
  /** Documents whose check is scheduled and not yet published: `checking` is sent once per check, not per keystroke. */
  private readonly pending = new Set<string>();

  constructor(private readonly connection: Connection) {}

  /** A check of `uri` was scheduled (the document was opened or edited). */
  scheduled(uri: string): void {
    if (this.pending.has(uri)) return;
    this.pending.add(uri);
    this.notify({ uri, checking: true });
  }

  /** `uri` was checked, in `ms`; these diagnostics are being published for it. */
  checked(uri: string, diagnostics: readonly { severity?: number }[], ms: number): void {
    this.pending.delete(uri);
    const counts = countBySeverity(diagnostics);
    this.notify({ uri, checking: false, ...counts });
    this.connection.console.info(checkedLine(uri, counts, ms));
  }

  /** The document was closed or refused: no check of it is coming. */
  forget(uri: string): void {
    if (this.pending.delete(uri)) this.notify({ uri, checking: false });
  }

  private notify(params: StatusParams): void {
    void this.connection.sendNotification(STATUS_NOTIFICATION, params).catch(() => undefined);
  }
}
