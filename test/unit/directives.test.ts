// Inline disable directives (parse/directives.ts, checks/directives.ts): read by the lexer as blank lines, applied to
// the findings in checkDocument (so the editor, the language service and the CLI all honour them), and written by
// the two silencing code actions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LanguageService, analyzeText } from '../../server/src/service.js';
import { checkDocument, type Finding } from '../../server/src/checks/index.js';
import { readDirective } from '../../server/src/parse/directives.js';
import { sniffFormat } from '../../server/src/import/index.js';
import { ONE_WRONG_CELL } from '../helpers/fixtures.js';

const LINES = ONE_WRONG_CELL.split('\n');
/** ONE_WRONG_CELL with `inserted` lines put before its line `at` (0-based). */
const withLines = (at: number, ...inserted: string[]) => [...LINES.slice(0, at), ...inserted, ...LINES.slice(at)].join('\n');
const check = (text: string) => checkDocument(analyzeText(text));
const where = (f: Finding) => `${f.code}@${f.range.start.line + 1}:${f.range.start.character + 1}`;
/** The text a finding's range covers. */
const covered = (text: string, f: Finding) => text.split('\n')[f.range.start.line].slice(f.range.start.character, f.range.end.character);

test('the two forms: names by spaces or commas, none for every rule, a reason after --; anything else is not a directive', () => {
  const html = readDirective('<!-- budget-lint-disable-next-line sum-mismatch, rounding -- 已与原件核对 -->')!;
  assert.equal(html.scope, 'next-line');
  assert.equal(html.form, 'html');
  assert.deepEqual(
    html.names.map((n) => n.text),
    ['sum-mismatch', 'rounding'],
  );
  assert.equal(html.commas, true);
  const slash = readDirective('  // budget-lint-disable arithmetic narrative')!;
  assert.equal(slash.scope, 'file');
  assert.equal(slash.form, 'slash');
  assert.deepEqual(
    slash.names.map((n) => [n.text, n.start]),
    [
      ['arithmetic', 25],
      ['narrative', 36],
    ],
  );
  assert.equal(slash.insertAt, 45);
  assert.deepEqual(readDirective('<!-- budget-lint-disable -->')?.names, []);
  assert.deepEqual(readDirective('// budget-lint-disable-next-line')?.names, []);
  for (const text of [
    '说明：如需忽略，可写 budget-lint-disable', // prose that mentions the word
    '// budget-lint-disabled sum-mismatch', // another word
    '<!-- budget-lint-disable-next-line-x -->',
    '# budget-lint-disable',
    '<!-- 其他注释 -->',
  ])
    assert.equal(readDirective(text), undefined, text);
});

test('disable-next-line silences the rule on the next non-blank line, in both forms, by id or tag; other lines keep theirs', () => {
  assert.deepEqual(check(ONE_WRONG_CELL).map(where), ['sum-mismatch@5:18']);
  for (const directive of [
    '// budget-lint-disable-next-line sum-mismatch',
    '<!-- budget-lint-disable-next-line sum-mismatch -->',
    '<!-- budget-lint-disable-next-line arithmetic -->',
    '//budget-lint-disable-next-line rounding,sum-mismatch -- 已核对',
    '// budget-lint-disable-next-line',
  ]) {
    assert.deepEqual(check(withLines(4, directive)).map(where), [], directive);
    // a blank line between the directive and its line changes nothing
    assert.deepEqual(check(withLines(4, directive, '')).map(where), [], `${directive} + blank line`);
  }
  // another rule, or a directive above another line, leaves the finding (and the directive, silencing nothing, gets a
  // hint under the code of the first rule it names)
  assert.deepEqual(check(withLines(4, '// budget-lint-disable-next-line rounding')).map(where), ['rounding@5:1', 'sum-mismatch@6:18']);
  assert.deepEqual(check(withLines(3, '// budget-lint-disable-next-line sum-mismatch')).map(where), [
    'sum-mismatch@4:1',
    'sum-mismatch@6:18',
  ]);
  assert.deepEqual(check(withLines(4, '// budget-lint-disable-next-line narrative codes')).map(where), [
    'text-table-mismatch@5:1',
    'sum-mismatch@6:18',
  ]);
});

test('a directive between two rows keeps the table whole and moves no finding: the directive stays in the text', () => {
  const plain = analyzeText(ONE_WRONG_CELL);
  const text = withLines(4, '// budget-lint-disable-next-line rounding');
  const doc = analyzeText(text);
  assert.equal(doc.tables.length, 1);
  assert.equal(doc.tables[0].rows.length, plain.tables[0].rows.length);
  assert.deepEqual(
    doc.tables[0].rows.map((r) => r.line),
    plain.tables[0].rows.map((r) => (r.line >= 4 ? r.line + 1 : r.line)),
  );
  const [f] = checkDocument(doc).filter((x) => x.code === 'sum-mismatch');
  assert.equal(covered(text, f), '9.00');
  // a Markdown pipe table likewise
  const md = [
    '| 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 |',
    '| --- | --- | --- | --- | --- |',
    '| 201 | 一般公共服务支出 | 30.00 | 20.00 | 10.00 |',
    '<!-- budget-lint-disable-next-line rounding -->',
    '| 20101 | 人大事务 | 12.00 | 9.00 | 4.00 |',
    '| 20102 | 政协事务 | 18.00 | 12.00 | 6.00 |',
  ];
  const mdText = ['表1 部门支出总表', '单位：万元', ...md].join('\n');
  const mdDoc = analyzeText(mdText);
  assert.equal(mdDoc.tables.length, 1);
  assert.equal(mdDoc.tables[0].rows.filter((r) => r.line > 5).length, 2, 'both rows after the directive are in the table');
  const [g] = checkDocument(mdDoc).filter((x) => x.code === 'sum-mismatch');
  assert.equal(g.range.start.line, 6);
  assert.equal(covered(mdText, g), '9.00');
});

test('the directive is no prose: no wording finding on it, and a sentence around it reads on', () => {
  const text = ['一、职能', '', '// budget-lint-disable-next-line punctuation -- 已核对。。的的', '贡献商务力量。。'].join('\n');
  assert.deepEqual(check(text).map(where), []);
  // without the directive marker the same words are prose, and are reported, as is the next line's 。。
  assert.deepEqual(check(text.replace('// budget-lint-disable-next-line', '说明')).map(where), [
    'punctuation@3:22',
    'punctuation@3:24',
    'punctuation@4:7',
  ]);
  // a sentence the directive interrupts reads on across it: its list of parts is still summed
  const sentence = [
    '一、支出情况',
    '',
    '2024年支出合计100.00万元，其中：基本支出60.00万元，',
    '// budget-lint-disable-next-line text-sum-mismatch',
    '项目支出30.00万元。',
  ];
  assert.deepEqual(check(sentence.join('\n')).map(where), ['text-sum-mismatch@3:10', 'text-sum-mismatch@4:1']);
});

test('budget-lint-disable silences a rule in the whole file; with no name, every rule', () => {
  const prose = ['一、职能', '', '贡献商务力量。。', ''];
  const both = [...prose, ...LINES].join('\n');
  assert.deepEqual(check(both).map(where), ['punctuation@3:7', 'sum-mismatch@9:18']);
  assert.deepEqual(check('<!-- budget-lint-disable sum-mismatch -->\n' + both).map(where), ['punctuation@4:7']);
  // anywhere in the file, by tag
  assert.deepEqual(check(both + '\n\n// budget-lint-disable arithmetic').map(where), ['punctuation@3:7']);
  assert.deepEqual(check(both + '\n\n// budget-lint-disable arithmetic, wording').map(where), []);
  assert.deepEqual(check('<!-- budget-lint-disable -->\n' + both).map(where), []);
});

test('an unknown name is an information finding on the name (with the likely rule), and silences nothing', () => {
  const text = withLines(4, '// budget-lint-disable-next-line sum-mismach, zzz');
  const fs = check(text);
  // each note carries the code of the rule the name most resembles (its page is linked); the finding stays
  assert.deepEqual(fs.map(where), ['sum-mismatch@5:34', 'unknown-code@5:47', 'sum-mismatch@6:18']);
  assert.deepEqual(
    fs.map((f) => f.severity),
    [3, 3, 1],
  );
  const [typo, unknown] = fs;
  assert.equal(typo.severity, 3);
  assert.equal(covered(text, typo), 'sum-mismach');
  assert.equal(typo.message, '未知的规则「sum-mismach」，该指令不会关闭任何规则；是否应为「sum-mismatch」？');
  assert.equal(covered(text, unknown), 'zzz');
  assert.doesNotMatch(unknown.message, /是否应为/);
  assert.equal(
    checkDocument(analyzeText(text), { locale: 'en' })[0].message,
    'unknown rule “sum-mismach”: no rule or tag by that name is silenced; did you mean “sum-mismatch”?',
  );
});

test('the language service honours a directive typed into the document (incremental edit)', () => {
  const svc = new LanguageService();
  const uri = 'file:///a.txt';
  svc.open(uri, ONE_WRONG_CELL, 1);
  assert.equal(svc.diagnostics(uri).length, 1);
  svc.update(
    uri,
    [
      {
        range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } },
        text: '// budget-lint-disable-next-line sum-mismatch\n',
      },
    ],
    2,
  );
  assert.deepEqual(svc.diagnostics(uri), []);
});

/** The edit of the action titled `title` on the document's first finding: [line, character, newText]. */
function actionEdit(uri: string, text: string, title: RegExp): [number, number, string] {
  const svc = new LanguageService();
  svc.open(uri, text, 1);
  // the first finding of a rule (not a note on a directive)
  const f = svc.diagnostics(uri).find((d) => !d.data?.message?.id.startsWith('directive-'))!;
  const action = svc.codeActions(uri, f.range).find((a) => title.test(a.title));
  assert.ok(action, `no action ${title}`);
  assert.equal(action.isPreferred, undefined, 'silencing is never the preferred action');
  const [edit] = action.edit.changes[uri];
  assert.deepEqual(edit.range.start, edit.range.end, 'an insertion');
  return [edit.range.start.line, edit.range.start.character, edit.newText];
}

/** The text after inserting an edit. */
const applied = (text: string, [line, character, newText]: [number, number, string]) => {
  const lines = text.split('\n');
  lines[line] = lines[line].slice(0, character) + newText + lines[line].slice(character);
  return lines.join('\n');
};

test("「忽略此处的该规则」 writes the next-line directive above the finding, indented like it, in the file kind's form", () => {
  const txt = actionEdit('file:///a.txt', ONE_WRONG_CELL, /^忽略此处的该规则/);
  assert.deepEqual(txt, [4, 0, '// budget-lint-disable-next-line sum-mismatch\n']);
  assert.deepEqual(check(applied(ONE_WRONG_CELL, txt)), []);
  const md = actionEdit('file:///a.budget.md', ONE_WRONG_CELL, /^忽略此处的该规则/);
  assert.deepEqual(md, [4, 0, '<!-- budget-lint-disable-next-line sum-mismatch -->\n']);
  assert.deepEqual(check(applied(ONE_WRONG_CELL, md)), []);
  // a CRLF document gets a CRLF line
  assert.deepEqual(actionEdit('file:///crlf.txt', ONE_WRONG_CELL.replace(/\n/g, '\r\n'), /^忽略此处的该规则/), [
    4,
    0,
    '// budget-lint-disable-next-line sum-mismatch\r\n',
  ]);
  // the line's indentation is kept
  const indented = ['一、职能', '', '　　贡献商务力量。。'].join('\n');
  assert.deepEqual(actionEdit('file:///b.txt', indented, /^忽略此处/), [2, 0, '　　// budget-lint-disable-next-line punctuation\n']);
  // a directive already above the line gains the rule
  const above = withLines(4, '// budget-lint-disable-next-line rounding');
  assert.deepEqual(actionEdit('file:///a.txt', above, /^忽略此处/), [4, 41, ' sum-mismatch']);
  const aboveCommas = withLines(4, '<!-- budget-lint-disable-next-line rounding,crossfoot-mismatch -->');
  const edit = actionEdit('file:///a.md', aboveCommas, /^忽略此处/);
  assert.deepEqual(edit, [4, 62, ', sum-mismatch']);
  assert.equal(
    applied(aboveCommas, edit).split('\n')[4],
    '<!-- budget-lint-disable-next-line rounding,crossfoot-mismatch, sum-mismatch -->',
  );
  assert.deepEqual(check(applied(aboveCommas, edit)), []);
});

test('「在本文件中关闭该规则」 writes the file directive at the top, or adds the rule to the one there', () => {
  assert.deepEqual(actionEdit('file:///a.txt', ONE_WRONG_CELL, /^在本文件中关闭该规则/), [0, 0, '// budget-lint-disable sum-mismatch\n']);
  const md = actionEdit('file:///a.md', ONE_WRONG_CELL, /^在本文件中关闭该规则/);
  assert.deepEqual(md, [0, 0, '<!-- budget-lint-disable sum-mismatch -->\n']);
  assert.deepEqual(check(applied(ONE_WRONG_CELL, md)), []);
  const existing = ONE_WRONG_CELL + '\n\n<!-- budget-lint-disable rounding -- 尾差已核对 -->';
  const edit = actionEdit('file:///a.md', existing, /^在本文件中关闭该规则/);
  assert.deepEqual(edit, [7, 33, ' sum-mismatch']);
  assert.equal(applied(existing, edit).split('\n')[7], '<!-- budget-lint-disable rounding sum-mismatch -- 尾差已核对 -->');
  assert.deepEqual(check(applied(existing, edit)), []);
});

test('the silencing actions are titled in English too, and not offered on the read-only text of an original', () => {
  const svc = new LanguageService();
  svc.open('file:///a.txt', ONE_WRONG_CELL, 1);
  const [f] = svc.diagnostics('file:///a.txt');
  const titles = svc.codeActions('file:///a.txt', f.range, { locale: 'en' }).map((a) => a.title);
  assert.ok(titles.includes('Ignore sum-mismatch on this line'), titles.join(' | '));
  assert.ok(titles.includes('Turn sum-mismatch off in this file'), titles.join(' | '));
  const original = 'budget-original:/x/report.pdf.txt';
  svc.setOriginal(original, { origins: [], notes: [] });
  svc.open(original, ONE_WRONG_CELL, 1);
  assert.equal(svc.diagnostics(original).length, 1);
  assert.deepEqual(svc.codeActions(original, f.range), []);
});

test('a file opening with a directive comment is still read as text, not taken for an HTML page', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  assert.equal(sniffFormat(bytes('<!-- budget-lint-disable rounding -->\n# 某某局2024年部门预算\n'), 'a.md'), undefined);
  assert.equal(sniffFormat(bytes('<!-- budget-lint-disable -->\n<!-- 第二个注释 -->\n表1\n'), 'a.txt'), undefined);
  // a page whose first bytes are a comment is still a page
  assert.equal(sniffFormat(bytes('<!-- saved from url -->\n<html><body><table></table></body></html>'), 'x'), 'html');
});

test('a directive that silences nothing gets a hint (a corrected figure, a wrong line); a rule turned off still counts', () => {
  const stale = withLines(2, '<!-- budget-lint-disable-next-line sum-mismatch, rounding -->');
  const fs = check(stale);
  assert.deepEqual(fs.map(where), ['sum-mismatch@3:1', 'sum-mismatch@6:18']);
  assert.equal(fs[0].severity, 4);
  assert.equal(covered(stale, fs[0]), '<!-- budget-lint-disable-next-line sum-mismatch, rounding');
  assert.equal(fs[0].message, '该指令（sum-mismatch rounding）没有关闭任何发现，可以删除');
  assert.equal(
    checkDocument(analyzeText(stale), { locale: 'en' })[0].message,
    'this directive (sum-mismatch rounding) silences no finding: it can go',
  );
  // the directive silences the finding before the settings grade it: turned off, the rule leaves no stale directive
  const used = withLines(4, '// budget-lint-disable-next-line sum-mismatch');
  assert.deepEqual(checkDocument(analyzeText(used), { rules: { arithmetic: 'off' } }), []);
  // the hint's action removes the directive's whole line; no silencing action is offered on a note
  const svc = new LanguageService();
  svc.open('file:///stale.md', stale, 1);
  const [hint] = svc.diagnostics('file:///stale.md');
  assert.deepEqual(
    svc.codeActions('file:///stale.md', hint.range).map((a) => [a.title, a.edit.changes['file:///stale.md']]),
    [['删去该指令', [{ range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, newText: '' }]]],
  );
  // a directive for every rule is never called stale
  assert.deepEqual(check('<!-- budget-lint-disable -->\n一、职能'), []);
});
