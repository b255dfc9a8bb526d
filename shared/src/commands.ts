// The editor's commands and the requests behind them, shared by the VS Code client and the language server. No
// vscode / LSP imports here. Any LSP client may send these requests; VS Code shows them as palette commands.

/** Palette commands (titles in package.nls*.json, category 预决算校对 / Budget). */
export const CHECK_WORKSPACE_COMMAND = 'budget.checkWorkspace';
export const EXPLAIN_CODE_COMMAND = 'budget.explainCode';
export const RESTART_SERVER_COMMAND = 'budget.restartServer';
export const SHOW_OUTPUT_COMMAND = 'budget.showOutput';

/**
 * Request: check every disclosure in the workspace folders and publish each file's diagnostics (closed files
 * included). Progress is reported as LSP work-done progress on `workDoneToken` when the client gives one, else on a
 * progress the server creates (when the client can show one); cancelling the request or the progress stops the run
 * between two files, and what was checked stays published.
 */
export const CHECK_WORKSPACE_REQUEST = 'budget/checkWorkspace';
export interface CheckWorkspaceParams {
  workDoneToken?: string | number;
  /** The folders to check (file: URIs); default: the workspace folders the client named at initialize. */
  folders?: string[];
}
export interface CheckWorkspaceResult {
  /** Candidate files in the folders: .txt/.md/.pdf/.docx/.xlsx/.html, not ignored by `.budgetlintrc.json`. */
  found: number;
  /** Disclosures checked before the run ended (open ones count: their live text is what stands). */
  checked: number;
  /** Text files that do not look like a disclosure (not checked). */
  notDisclosures: number;
  /** Files that could not be read, each with a one-line reason (also published on the file as a diagnostic). */
  unreadable: { uri: string; reason: string }[];
  errors: number;
  warnings: number;
  /** Stopped before every file was looked at. */
  cancelled: boolean;
  ms: number;
}

/** Request: what a subject code means, as Markdown (the hover's and `budget-lint explain`'s text). */
export const EXPLAIN_CODE_REQUEST = 'budget/explainCode';
export interface ExplainCodeParams {
  code: string;
  /** The edition's year; default: the `budget.year` setting, else the current edition. */
  year?: number;
}
export type ExplainCodeResult = { markdown: string } | { error: string };

/**
 * Notification, server → client: a document the server checks is being checked (`checking`), or has been, with its
 * finding counts. Sent when a check is scheduled (only when none was pending) and when its diagnostics are
 * published; a status bar shows it.
 */
export const STATUS_NOTIFICATION = 'budget/status';
export interface StatusParams {
  uri: string;
  checking: boolean;
  /** Counts of the diagnostics just published (absent while checking). */
  errors?: number;
  warnings?: number;
  information?: number;
  hints?: number;
}
