// 「解释科目编码」: the text `budget-lint explain CODE` prints and a hover on the code shows, asked for by code.
import { RequestType, type Connection } from 'vscode-languageserver/node';
import type { LanguageService } from '../service.js';
import { explainCode, explanationMarkdown } from '../catalogue/explain.js';
import { message } from '../checks/messages.js';
import { EXPLAIN_CODE_REQUEST, type ExplainCodeParams, type ExplainCodeResult } from '../../../shared/src/commands.js';
import type { ServerSettings } from './settings.js';

export function registerExplainCode(connection: Connection, service: LanguageService, settings: () => ServerSettings): void {
  const explain = (params: ExplainCodeParams | undefined): ExplainCodeResult => {
    const code = String(params?.code ?? '').trim();
    // the service's catalogue: the workspace's local codes (budget-codes.json) are explained too
    const x = /^\d{3,7}$/.test(code) ? explainCode(code, params?.year ?? settings().year, service.catalogue) : undefined;
    if (x) return { markdown: explanationMarkdown(x) };
    return { error: message(settings().locale ?? 'zh', 'unknown-subject-code', { code, year: params?.year ? String(params.year) : '' }) };
  };
  connection.onRequest(new RequestType<ExplainCodeParams | undefined, ExplainCodeResult, void>(EXPLAIN_CODE_REQUEST), explain);
}
