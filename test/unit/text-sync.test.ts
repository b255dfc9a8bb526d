// The server's copy of a document must stay the editor's copy, whatever ranges a client sends. The reference
// is vscode-languageserver-textdocument (what VS Code's own servers use): past-the-end, negative and reversed
// ranges, lone `\r`, `\r\n` made or broken by an edit, surrogate pairs cut in half.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LexedText } from '../../server/src/parse/blocks.js';
import { LanguageService, analyzeText } from '../../server/src/service.js';
import { assemble } from '../../server/src/parse/assemble.js';

const PIECES = [
  '\r',
  '\n',
  '\r\n',
  '\n\r',
  'a',
  '表1',
  '单位：万元',
  '\t',
  '合计\t1.00',
  '😀',
  '\ud83d',
  '',
  ' ',
  '2101501\t行政运行\t3.00',
  '\n\n',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((p) => p.join(''));
const position = fc.record({ line: fc.integer({ min: -2, max: 14 }), character: fc.integer({ min: -2, max: 14 }) });
const edit = fc.record({ range: fc.record({ start: position, end: position }), text });

test('random out-of-spec edits leave the same text as vscode-languageserver-textdocument', () => {
  fc.assert(
    fc.property(text, fc.array(edit, { minLength: 1, maxLength: 8 }), (initial, edits) => {
      let reference = TextDocument.create('u', 'plaintext', 0, initial);
      const lexed = LexedText.parse(initial);
      for (const e of edits) {
        // the library's incremental line index goes wrong after a past-the-end edit (its next edit then lands
        // elsewhere), so each edit is applied to a fresh document: the reference for one edit's semantics
        reference = TextDocument.create('u', 'plaintext', 0, reference.getText());
        TextDocument.update(reference, [e], 1);
        lexed.applyEdit(e);
        assert.equal(lexed.text(), reference.getText());
        assert.equal(lexed.lineCount, TextDocument.create('v', 'plaintext', 0, reference.getText()).lineCount);
      }
      assert.equal(JSON.stringify(assemble(lexed.lines())), JSON.stringify(analyzeText(reference.getText())));
    }),
    { numRuns: 2000, seed: 8 },
  );
});

test('an edit ending at (lineCount, 0) replaces to the end of the document', () => {
  const lexed = LexedText.parse('第一行\n第二行\n第三行');
  lexed.applyEdit({ range: { start: { line: 1, character: 0 }, end: { line: 3, character: 0 } }, text: 'X' });
  assert.equal(lexed.text(), '第一行\nX');
});

test('a lone \\r typed before a \\n makes one line break, as in the editor', () => {
  const lexed = LexedText.parse('ab\ncd');
  lexed.applyEdit({ range: { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } }, text: '\r' });
  assert.equal(lexed.text(), 'ab\r\ncd');
  assert.equal(lexed.lineCount, 2);
});

test('a reversed range is applied start first', () => {
  const lexed = LexedText.parse('0123456789');
  lexed.applyEdit({ range: { start: { line: 0, character: 7 }, end: { line: 0, character: 2 } }, text: '-' });
  assert.equal(lexed.text(), '01-789');
});

test('the language service keeps \\r\\n line ends and reports the exact text', () => {
  const svc = new LanguageService();
  svc.open('u', '表1\r\n单位：万元\r\n合计\t1.00');
  svc.update('u', [{ range: { start: { line: 2, character: 0 }, end: { line: 99, character: 0 } }, text: '合计\t2.00\r\n' }], 1);
  assert.equal(svc.text('u'), '表1\r\n单位：万元\r\n合计\t2.00\r\n');
});
