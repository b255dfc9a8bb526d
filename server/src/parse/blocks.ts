// Incremental lexing. The text is cut into blocks: a block starts at line 0 and at every non-blank line
// that follows a blank line (so tables split by blank lines are several blocks; that is fine, blocks are
// only the unit of re-lexing). An edit re-lexes the blocks it touches plus one neighbour on each side
// (a deleted blank line can merge two blocks) and shifts the line numbers of the blocks after it.
//
// The text is kept exactly, line ends included: every line remembers its own terminator (`\n`, `\r\n`,
// `\r` or none for the last line), and an edit is applied to the exact text of the region it touches, with
// positions clamped and ordered as `vscode-languageserver-textdocument` does (the editor's own reference).
// So the server's text never drifts from the editor's, whatever ranges a client sends.
import { lexLine, type LexLine } from './lex.js';
import type { Position } from '../model/types.js';
import { lastAtOrBefore } from '../util/search.js';

export interface Block {
  startLine: number;
  lines: LexLine[];
  /** eols[i] terminates lines[i]: '\n', '\r\n', '\r', or '' for the document's last line. */
  eols: string[];
}

export interface TextEdit {
  range: { start: Position; end: Position };
  text: string;
}

const EOL = /\r\n|\r|\n/;
const EOL_GLOBAL = /\r\n|\r|\n/g;

export function splitLines(text: string): string[] {
  return text.split(EOL);
}

/** Lines and their terminators; the last line's terminator is '' (a text ending in a line end has an empty last line). */
export function splitLinesWithEols(text: string): { lines: string[]; eols: string[] } {
  const lines: string[] = [];
  const eols: string[] = [];
  let from = 0;
  EOL_GLOBAL.lastIndex = 0;
  for (let m = EOL_GLOBAL.exec(text); m; m = EOL_GLOBAL.exec(text)) {
    lines.push(text.slice(from, m.index));
    eols.push(m[0]);
    from = m.index + m[0].length;
  }
  lines.push(text.slice(from));
  eols.push('');
  return { lines, eols };
}

export function blocksOf(lines: string[], eols: string[], firstLine: number): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  let previousBlank = true;
  for (let i = 0; i < lines.length; i++) {
    const lexed = lexLine(lines[i]);
    if (!current || (previousBlank && !lexed.blank && current.lines.length > 0 && !allBlank(current))) {
      current = { startLine: firstLine + i, lines: [], eols: [] };
      blocks.push(current);
    }
    current.lines.push(lexed);
    current.eols.push(eols[i]);
    previousBlank = lexed.blank;
  }
  // exact-size arrays: blocks are kept for the life of the document, `push` leaves up to half again as room
  for (const b of blocks) {
    b.lines = b.lines.slice();
    b.eols = b.eols.slice();
  }
  return blocks;
}

function allBlank(block: Block): boolean {
  return block.lines.every((l) => l.blank);
}

export class LexedText {
  private constructor(
    public blocks: Block[],
    public lineCount: number,
  ) {}

  static parse(text: string): LexedText {
    const { lines, eols } = splitLinesWithEols(text);
    return new LexedText(blocksOf(lines, eols, 0), lines.length);
  }

  /** All lexed lines in document order (index = line number). */
  lines(): LexLine[] {
    const out: LexLine[] = new Array(this.lineCount);
    let i = 0;
    for (const b of this.blocks) for (const l of b.lines) out[i++] = l;
    return out;
  }

  /** The exact text, each line with its own line end. */
  text(): string {
    const parts: string[] = [];
    for (const b of this.blocks) for (let i = 0; i < b.lines.length; i++) parts.push(b.lines[i].text, b.eols[i]);
    return parts.join('');
  }

  /**
   * Applies one edit (LSP semantics: range in the current text) and returns how many blocks were re-lexed.
   * Positions past the end mean the end of the text, negative ones its start, a character past a line's
   * end means that end (never into its line break), and a reversed range is read start-first.
   */
  applyEdit(edit: TextEdit): number {
    let start = this.clampPosition(edit.range.start);
    let end = this.clampPosition(edit.range.end);
    if (start.line > end.line || (start.line === end.line && start.character > end.character)) [start, end] = [end, start];
    const first = Math.max(0, this.blockIndexOf(start.line) - 1);
    const last = Math.min(this.blocks.length - 1, this.blockIndexOf(end.line) + 1);
    const regionStart = this.blocks[first].startLine;
    const regionIsLast = last === this.blocks.length - 1;
    // the exact text of the region, and the offsets of the edit in it
    const parts: string[] = [];
    let startOffset = 0;
    let endOffset = 0;
    let offset = 0;
    let line = regionStart;
    let oldLineCount = 0;
    for (let b = first; b <= last; b++) {
      const block = this.blocks[b];
      for (let i = 0; i < block.lines.length; i++, line++, oldLineCount++) {
        if (line === start.line) startOffset = offset + start.character;
        if (line === end.line) endOffset = offset + end.character;
        const t = block.lines[i].text;
        parts.push(t, block.eols[i]);
        offset += t.length + block.eols[i].length;
      }
    }
    const region = parts.join('');
    const edited = region.slice(0, startOffset) + edit.text + region.slice(endOffset);
    const { lines, eols } = splitLinesWithEols(edited);
    // a region that is not the end of the document ends with a line break: the empty piece after it is
    // the start of the next block, not a line of this region
    if (!regionIsLast && lines.length > 1 && lines[lines.length - 1] === '' && eols[eols.length - 1] === '') {
      lines.pop();
      eols.pop();
    }
    const replacement = blocksOf(lines, eols, regionStart);
    const delta = lines.length - oldLineCount;
    this.blocks.splice(first, last - first + 1, ...replacement);
    if (delta !== 0) {
      for (let b = first + replacement.length; b < this.blocks.length; b++) this.blocks[b].startLine += delta;
    }
    this.lineCount += delta;
    return replacement.length;
  }

  /** A position inside the text, as vscode-languageserver-textdocument's offsetAt reads it. */
  private clampPosition(p: Position): Position {
    if (p.line >= this.lineCount) {
      const lastLine = this.lineCount - 1;
      return { line: lastLine, character: this.lineAt(lastLine).text.length };
    }
    if (p.line < 0) return { line: 0, character: 0 };
    return { line: p.line, character: clamp(p.character, this.lineAt(p.line).text.length) };
  }

  private lineAt(line: number): LexLine {
    const block = this.blocks[this.blockIndexOf(line)];
    return block.lines[line - block.startLine];
  }

  private blockIndexOf(line: number): number {
    return lastAtOrBefore(this.blocks, line, (b) => b.startLine);
  }
}

function clamp(n: number, max: number): number {
  return Math.max(0, Math.min(n, max));
}
