// Constants shared by the VS Code client and the language server. No vscode / LSP imports here.

export const LANGUAGE_ID = 'budget-disclosure';
export const CONFIGURATION_SECTION = 'budget';
export const SERVER_NAME = '预决算公开校对';

const MARKERS = /部门(?:综合)?预算|部门决算|单位预算|单位决算|预算公开|决算公开|预算信息公开|收支(?:预算)?总表|收入支出决算总表|财政拨款收支总表/;

/** Does this text (plain text or Markdown) look like a budget / final-account disclosure? Reads the first 4000 characters. */
export function looksLikeDisclosure(text: string): boolean {
  const head = text.slice(0, 4000);
  if (!MARKERS.test(head)) return false;
  // a disclosure names a year and speaks of 预算/决算 more than once near the top
  const mentions = head.match(/预算|决算/g)?.length ?? 0;
  return /\d{4}\s*年/.test(head) && mentions >= 1;
}
