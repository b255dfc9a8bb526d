// Published originals (PDF, Word, Excel, HTML) in the editor. The server converts one into the canonical text,
// shown here as a read-only document, `budget-original:<path>.txt`: a view of the original rather than a file
// written beside it, so the clerk's folder stays as it was and the page of every line stays true (the text cannot
// be edited away from its page map). A second command saves that text as an editable .txt when they want one.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CONFIGURATION_SECTION,
  IMPORT_ORIGINAL_REQUEST,
  LANGUAGE_ID,
  OPEN_ORIGINAL_COMMAND,
  ORIGINAL_EXTENSIONS,
  ORIGINAL_SCHEME,
  SAVE_CONVERTED_TEXT_COMMAND,
  convertedTextUri,
  originalOfConvertedText,
  type ImportOriginalParams,
  type ImportOriginalResult,
} from '../../shared/src/protocol.js';

/** Chinese first; English when the user chose English messages (budget.locale). */
function say(zh: string, en: string): string {
  return vscode.workspace.getConfiguration(CONFIGURATION_SECTION).get<string>('locale') === 'en' ? en : zh;
}

const isOriginal = (uri: vscode.Uri): boolean =>
  uri.scheme === 'file' && ORIGINAL_EXTENSIONS.some((ext) => uri.path.toLowerCase().endsWith('.' + ext));

class ConvertedTextProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** Text the open command has just converted, handed over once (so an original is not converted twice). */
  private readonly converted = new Map<string, string>();

  constructor(private readonly convert: (original: vscode.Uri) => Promise<ImportOriginalResult>) {}

  /** Shows `text` as the converted text at `uri`: the document opens with it, or an open one is refreshed. */
  offer(uri: vscode.Uri, text: string): void {
    this.converted.set(uri.toString(), text);
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) this.changed.fire(uri);
  }

  // Also called without the command: when VS Code restores the tab of a converted text after a reload.
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ready = this.converted.get(uri.toString());
    if (ready !== undefined) {
      this.converted.delete(uri.toString());
      return ready;
    }
    const original = originalOfConvertedText(uri.toString());
    if (!original) throw new Error(say('不是转换后的原件文本', 'not the converted text of an original'));
    const result = await this.convert(vscode.Uri.parse(original));
    if ('error' in result) throw new Error(result.error);
    return result.text;
  }
}

export function registerOriginals(context: vscode.ExtensionContext, client: LanguageClient, started: Promise<void>): void {
  const convert = async (original: vscode.Uri): Promise<ImportOriginalResult> => {
    await started;
    const params: ImportOriginalParams = { uri: original.toString() };
    return client.sendRequest<ImportOriginalResult>(IMPORT_ORIGINAL_REQUEST, params);
  };
  const provider = new ConvertedTextProvider(convert);

  // The converted text is a disclosure whatever it looks like near the top (a workbook's cover sheet, say). Opening
  // one fires onDidOpenTextDocument while the command is still at work: one language change per document.
  const switching = new Map<string, Thenable<vscode.TextDocument>>();
  const asDisclosure = (doc: vscode.TextDocument): Thenable<vscode.TextDocument> => {
    if (doc.languageId === LANGUAGE_ID) return Promise.resolve(doc);
    const key = doc.uri.toString();
    let change = switching.get(key);
    if (!change) {
      change = vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
      switching.set(key, change);
      const done = () => switching.delete(key);
      change.then(done, done);
    }
    return change;
  };

  const openOriginal = async (original: vscode.Uri): Promise<void> => {
    const result = await convert(original);
    if ('error' in result) {
      void vscode.window.showErrorMessage(result.error);
      return;
    }
    const uri = vscode.Uri.parse(convertedTextUri(original.toString()));
    provider.offer(uri, result.text);
    const doc = await asDisclosure(await vscode.workspace.openTextDocument(uri));
    await vscode.window.showTextDocument(doc, { preview: false });
  };

  const chooseOriginals = async (): Promise<vscode.Uri[]> => {
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    const active = input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined;
    if (active && isOriginal(active)) return [active];
    return (
      (await vscode.window.showOpenDialog({
        canSelectMany: true,
        filters: { [say('预决算公开原件', 'Published disclosures')]: ORIGINAL_EXTENSIONS },
        openLabel: say('打开为可校对文本', 'Open as checkable text'),
      })) ?? []
    );
  };

  const saveConvertedText = async (arg?: vscode.Uri): Promise<void> => {
    const uri = arg?.scheme === ORIGINAL_SCHEME ? arg : vscode.window.activeTextEditor?.document.uri;
    const original = uri && originalOfConvertedText(uri.toString());
    if (!uri || !original) {
      void vscode.window.showErrorMessage(
        say('请先用「预决算公开：打开为可校对文本」打开一份原件', 'Open an original with "Open as checkable text" first'),
      );
      return;
    }
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    const beside = vscode.Uri.parse(original);
    const target = await vscode.window.showSaveDialog({
      defaultUri: beside.with({ path: beside.path + '.txt' }),
      filters: { [say('文本', 'Text')]: ['txt'] },
    });
    if (!target) return;
    try {
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    } catch (e) {
      void vscode.window.showErrorMessage(say(`无法保存：${(e as Error).message}`, `Cannot save: ${(e as Error).message}`));
      return;
    }
    await vscode.window.showTextDocument(await asDisclosure(await vscode.workspace.openTextDocument(target)));
  };

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(ORIGINAL_SCHEME, provider),
    vscode.workspace.onDidOpenTextDocument((doc) => {
      if (doc.uri.scheme === ORIGINAL_SCHEME) void asDisclosure(doc);
    }),
    // from the explorer: the file clicked and every file selected with it; from the palette: the original in the
    // active tab, else the ones the user picks
    vscode.commands.registerCommand(OPEN_ORIGINAL_COMMAND, async (clicked?: vscode.Uri, selected?: vscode.Uri[]) => {
      const chosen = selected?.length ? selected : clicked instanceof vscode.Uri ? [clicked] : await chooseOriginals();
      for (const original of chosen) {
        if (original.scheme !== 'file') {
          void vscode.window.showErrorMessage(
            say(`只能打开本机上的文件：${original.toString()}`, `Only local files can be opened: ${original.toString()}`),
          );
          continue;
        }
        try {
          await openOriginal(original);
        } catch (e) {
          void vscode.window.showErrorMessage(String((e as Error).message ?? e).split(/\r?\n/)[0]);
        }
      }
    }),
    vscode.commands.registerCommand(SAVE_CONVERTED_TEXT_COMMAND, saveConvertedText),
  );
}
