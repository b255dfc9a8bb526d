// Incremental lexing. The text is cut into blocks: a block starts at line 0 and at every non-blank line
// that follows a blank line (so tables split by blank lines are several blocks; that is fine, blocks are
// only the unit of re-lexing). An edit re-lexes the blocks it touches plus one neighbour on each side
// (a deleted blank line can merge two blocks) and shifts the line numbers of the blocks after it.
import { lexLine, type LexLine } from './lex.js';
import type { Position } from '../model/types.js';
import { lastAtOrBefore } from '../util/search.js';

export interface Block { startLine: number; lines: LexLine[] }

export interface TextEdit {
  range: { start: Position; end: Position };
  text: string;
}

const EOL = /\r\n|\r|\n/;

export function splitLines(text: string): string[] {
  return text.split(EOL);
}

export function blocksOf(lines: string[], firstLine: number): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  let previousBlank = true;
  for (let i = 0; i < lines.length; i++) {
    const lexed = lexLine(lines[i]);
    if (!current || (previousBlank && !lexed.blank && current.lines.length > 0 && !allBlank(current))) {
      current = { startLine: firstLine + i, lines: [] };
      blocks.push(current);
    }
    current.lines.push(lexed);
    previousBlank = lexed.blank;
  }
  return blocks;
}

function allBlank(block: Block): boolean {
  return block.lines.every((l) => l.blank);
}

export class LexedText {
  private constructor(public blocks: Block[], public lineCount: number) {}

  static parse(text: string): LexedText {
    const lines = splitLines(text);
    return new LexedText(blocksOf(lines, 0), lines.length);
  }

  /** All lexed lines in document order (index = line number). */
  lines(): LexLine[] {
    const out: LexLine[] = new Array(this.lineCount);
    let i = 0;
    for (const b of this.blocks) for (const l of b.lines) out[i++] = l;
    return out;
  }

  /** Applies one edit (LSP semantics: range in the current text) and returns how many blocks were re-lexed. */
  applyEdit(edit: TextEdit): number {
    const { start, end } = edit.range;
    const first = Math.max(0, this.blockIndexOf(start.line) - 1);
    const last = Math.min(this.blocks.length - 1, this.blockIndexOf(end.line) + 1);
    const regionStart = this.blocks[first].startLine;
    const oldLines: string[] = [];
    for (let b = first; b <= last; b++) for (const l of this.blocks[b].lines) oldLines.push(l.text);
    const startLine = Math.min(start.line - regionStart, oldLines.length - 1);
    const endLine = Math.min(end.line - regionStart, oldLines.length - 1);
    const before = oldLines.slice(0, startLine);
    const after = oldLines.slice(endLine + 1);
    const head = oldLines[startLine].slice(0, clamp(start.character, oldLines[startLine].length));
    const tail = oldLines[endLine].slice(clamp(end.character, oldLines[endLine].length));
    const middle = splitLines(head + edit.text + tail);
    const newLines = [...before, ...middle, ...after];
    const replacement = blocksOf(newLines, regionStart);
    const delta = newLines.length - oldLines.length;
    this.blocks.splice(first, last - first + 1, ...replacement);
    if (delta !== 0) {
      for (let b = first + replacement.length; b < this.blocks.length; b++) this.blocks[b].startLine += delta;
    }
    this.lineCount += delta;
    return replacement.length;
  }

  private blockIndexOf(line: number): number {
    return lastAtOrBefore(this.blocks, line, (b) => b.startLine);
  }
}

function clamp(n: number, max: number): number {
  return Math.max(0, Math.min(n, max));
}
