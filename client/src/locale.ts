// The client's own words (notifications, prompts, tooltips): Chinese first, English when the user chose English
// messages (budget.locale), as the server's messages follow that setting.
import * as vscode from 'vscode';
import { CONFIGURATION_SECTION } from '../../shared/src/protocol.js';

export function say(zh: string, en: string): string {
  return vscode.workspace.getConfiguration(CONFIGURATION_SECTION).get<string>('locale') === 'en' ? en : zh;
}
