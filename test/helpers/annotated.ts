// Annotated fixtures: a document with marker lines that say which findings it must raise, where.
//
//   合计	27.41
//   //^ sum-mismatch 27.41
//
// A marker line `//^ RULE TEXT` expects one finding of RULE on TEXT in the nearest document line above it
// (`TEXT#2` for its second occurrence on that line). Carets cannot line up under tabs and CJK, so a marker names
// the text instead. `//! …` lines are comments (provenance, what the fixture shows). Marker and comment lines are
// taken out before the document is checked; line numbers are those of the document without them.
// The helper asserts the exact set: every marker found, and no other finding (hints included).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/service.js';
import { checkDocument, type CheckSettings, type Finding } from '../../server/src/checks/index.js';

export interface Expectation {
  rule: string;
  line: number;
  character: number;
  text: string;
}

export interface Annotated {
  text: string;
  expected: Expectation[];
  comments: string[];
}

const MARKER = /^\/\/\^\s+(\S+)\s+(.+?)\s*$/;
const COMMENT = /^\/\/!/;

export function parseAnnotated(source: string): Annotated {
  const lines: string[] = [];
  const expected: Expectation[] = [];
  const comments: string[] = [];
  for (const [i, raw] of source.split(/\r?\n/).entries()) {
    if (COMMENT.test(raw)) {
      comments.push(raw.slice(3).trim());
      continue;
    }
    const m = MARKER.exec(raw);
    if (!m) {
      lines.push(raw);
      continue;
    }
    const line = lines.length - 1;
    if (line < 0) throw new Error(`marker on line ${i + 1} has no document line above it`);
    const [, rule, target] = m;
    const nth = /#(\d+)$/.exec(target);
    const text = nth ? target.slice(0, nth.index) : target;
    let at = -1;
    for (let k = 0; k < (nth ? Number(nth[1]) : 1); k++) at = lines[line].indexOf(text, at + 1);
    if (at < 0) throw new Error(`marker on line ${i + 1}: «${target}» is not on the line above («${lines[line]}»)`);
    expected.push({ rule, line, character: at, text });
  }
  return { text: lines.join('\n'), expected, comments };
}

const key = (rule: string, line: number, character: number) => `${rule}@${line + 1}:${character + 1}`;

/** Checks the annotated document and asserts that its findings are exactly the marked ones. */
export function assertAnnotated(source: string, settings: CheckSettings = {}): Finding[] {
  const { text, expected } = parseAnnotated(source);
  const findings = checkDocument(analyzeText(text), settings, 'file:///fixture');
  const lines = text.split('\n');
  const describe = (rule: string, line: number, character: number) =>
    `${key(rule, line, character)} «${lines[line]?.slice(character, character + 16) ?? ''}»`;
  const actual = findings.map((f) => describe(String(f.code), f.range.start.line, f.range.start.character)).sort();
  const wanted = expected.map((e) => describe(e.rule, e.line, e.character)).sort();
  assert.deepEqual(
    actual,
    wanted,
    findings.map((f) => `${key(String(f.code), f.range.start.line, f.range.start.character)} ${f.message}`).join('\n'),
  );
  return findings;
}

export const readAnnotated = (path: string): string => readFileSync(path, 'utf8');

/** The document of an annotated fixture in test/fixtures/shapes/, its markers and comments taken out. */
export const shapeText = (name: string): string => parseAnnotated(readAnnotated(join(__dirname, '..', 'fixtures', 'shapes', name))).text;
