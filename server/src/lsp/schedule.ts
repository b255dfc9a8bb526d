// When the LSP server checks a document after an edit. Kept apart from main.ts (which opens a connection when
// loaded) so that tests can import it.

/** Diagnostics wait for a short pause in typing; structure queries (outline, folding) are answered at once. */
export const DIAGNOSTIC_DELAY_MS = 150;
/** The longest pause a document's check waits for, however slow the check. */
export const MAX_DIAGNOSTIC_DELAY_MS = 2000;

/**
 * The pause to wait for before checking: 150 ms, or as long as the document's last check took when that was
 * longer (capped at 2 s). A check blocks the server, so on a huge document whose check takes seconds a burst of
 * typing must not start one check per keystroke while hovers and the outline wait behind them.
 */
export function diagnosticDelay(lastCheckMs: number | undefined): number {
  const last = lastCheckMs !== undefined && Number.isFinite(lastCheckMs) ? Math.round(lastCheckMs) : 0;
  return Math.min(MAX_DIAGNOSTIC_DELAY_MS, Math.max(DIAGNOSTIC_DELAY_MS, last));
}
