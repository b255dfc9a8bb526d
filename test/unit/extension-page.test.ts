// The extension's page and walkthrough hold together: the icon, the Marketplace README, the CHANGELOG, the sample and
// the walkthrough's step pages exist and are in the .vsix allow-list; the links point where the rule docs live;
// every walkthrough key is translated; the sample has exactly the one mistake the walkthrough shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { globToRegExp } from '../../server/src/config.js';
import { analyzeText, LanguageService } from '../../server/src/service.js';
import { checkDocument } from '../../server/src/checks/index.js';
import { DOCS_BASE } from '../../shared/src/rules.js';
import { OPEN_SAMPLE_COMMAND, SAMPLE_FILE, SAMPLE_STEP_COMMANDS } from '../../shared/src/protocol.js';
import { ICON_SIZE, crc32, iconPixels, scanlines } from '../../scripts/icon.js';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json'));
const nls = { en: JSON.parse(read('package.nls.json')), zh: JSON.parse(read('package.nls.zh-cn.json')) };

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown: string };
  completionEvents: string[];
}
const walkthrough: { title: string; description: string; steps: Step[] } = pkg.contributes.walkthroughs[0];

/** Does the .vscodeignore allow-list (`**` then `!pattern` lines) let this file into the .vsix? */
function packaged(file: string): boolean {
  const lines = read('.vscodeignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  let included = true;
  for (const line of lines) {
    const negated = line.startsWith('!');
    if (globToRegExp(negated ? line.slice(1) : line).test(file)) included = negated;
  }
  return included;
}

test('the allow-list reading itself: sources stay out, the bundles go in', () => {
  assert.equal(packaged('server/src/service.ts'), false);
  assert.equal(packaged('README.md'), false, "the developers' README is not the extension's");
  assert.equal(packaged('dist/server.js'), true);
});

test('the icon is a 128×128 PNG, packaged, with exactly the pixels scripts/icon.ts draws', () => {
  assert.equal(pkg.icon, 'images/icon.png');
  assert.ok(packaged(pkg.icon));
  const png = readFileSync(join(ROOT, pkg.icon));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(png.toString('ascii', 12, 16), 'IHDR');
  assert.equal(png.readUInt32BE(16), ICON_SIZE);
  assert.equal(png.readUInt32BE(20), ICON_SIZE);
  // walk the chunks: every CRC right, the image data inflated equals what the script draws (run `npm run icon`)
  const data: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    assert.equal(png.readUInt32BE(at + 8 + length), crc32(png.subarray(at + 4, at + 8 + length)), `CRC of ${type}`);
    if (type === 'IDAT') data.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  assert.ok(inflateSync(Buffer.concat(data)).equals(scanlines(iconPixels(), ICON_SIZE, ICON_SIZE)), 'images/icon.png is stale');
});

test('repository, bugs and homepage name the repository the rule docs link into', () => {
  const repo = pkg.repository.url.replace(/\.git$/, '');
  assert.ok(DOCS_BASE.startsWith(`${repo}/blob/main/`), `${DOCS_BASE} lives in ${repo}`);
  assert.equal(pkg.bugs.url, `${repo}/issues`);
  assert.ok(pkg.homepage.startsWith(repo));
});

test('the Marketplace README is the one packaged, Chinese first; the CHANGELOG too; the e2e copy ships the same', () => {
  assert.match(pkg.scripts.package, /--readme-path README\.marketplace\.md/);
  assert.doesNotMatch(pkg.scripts.package, /--allow-missing-repository/, 'the repository field answers vsce');
  const readme = read('README.marketplace.md');
  assert.match(readme, /^# 预决算公开校对\n/);
  assert.ok(readme.indexOf('# Budget Disclosure Checker') > readme.indexOf('## 开始使用'), 'English after Chinese');
  assert.doesNotMatch(
    readme,
    /\]\((?!https?:)[^)]+\)/,
    'no relative links: the Marketplace cannot follow them to a placeholder repository',
  );
  assert.ok(packaged('README.marketplace.md') && packaged('CHANGELOG.md'));
  assert.match(read('CHANGELOG.md'), new RegExp(`## ${pkg.version.replace(/\./g, '\\.')}`), 'the current version has its entry');
  const e2e = read('test/e2e/ci-e2e.sh');
  assert.match(e2e, /cp "\$ROOT\/README\.marketplace\.md" "\$EXT\/README\.md"/);
  for (const path of ['images/icon.png', 'samples/', 'media', 'CHANGELOG.md'])
    assert.ok(e2e.includes(path), `the e2e extension has ${path}`);
});

test('the walkthrough: every step page and the sample exist and are packaged; every text is translated', () => {
  assert.ok(walkthrough.steps.length >= 4);
  assert.ok(existsSync(join(ROOT, SAMPLE_FILE)) && packaged(SAMPLE_FILE), SAMPLE_FILE);
  const keys = [walkthrough.title, walkthrough.description, ...walkthrough.steps.flatMap((s) => [s.title, s.description])];
  for (const key of keys) {
    const name = /^%(.+)%$/.exec(key)?.[1];
    assert.ok(name, `${key} is a package.nls key`);
    assert.ok(nls.en[name] && nls.zh[name], `${name} in both package.nls files`);
  }
  for (const step of walkthrough.steps) {
    assert.ok(existsSync(join(ROOT, step.media.markdown)), step.media.markdown);
    assert.ok(packaged(step.media.markdown), `${step.media.markdown} is in the .vsix`);
    assert.ok(step.completionEvents.length > 0, `${step.id} can be completed`);
    for (const e of step.completionEvents) assert.match(e, /^(onCommand|onView|onSettingChanged|onContext|onLink|onStepSelected)\b/);
  }
});

test("the walkthrough's command links name contributed commands, each ticking its own step", () => {
  const contributed = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
  const stepCommands = [OPEN_SAMPLE_COMMAND, ...Object.values(SAMPLE_STEP_COMMANDS)];
  for (const c of stepCommands) {
    assert.ok(contributed.has(c), `${c} is contributed (activates the extension, has a title)`);
    assert.ok(nls.en[`command.${c.replace(/^budget\./, '')}`] && nls.zh[`command.${c.replace(/^budget\./, '')}`], `title of ${c}`);
  }
  for (const step of walkthrough.steps) {
    const name = step.description.slice(1, -1);
    for (const locale of ['en', 'zh'] as const) {
      const links = [...(nls[locale][name] as string).matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]);
      assert.equal(links.length, 1, `${step.id} (${locale}) has one button`);
      assert.ok(stepCommands.includes(links[0]), `${links[0]} is one of the walkthrough's commands`);
      assert.ok(step.completionEvents.includes(`onCommand:${links[0]}`), `${step.id}'s button completes it`);
    }
  }
  const hidden = new Set(
    pkg.contributes.menus.commandPalette.filter((m: { when: string }) => m.when === 'false').map((m: { command: string }) => m.command),
  );
  for (const c of Object.values(SAMPLE_STEP_COMMANDS)) assert.ok(hidden.has(c), `${c} stays out of the palette`);
});

test('the sample has exactly the one mistake the walkthrough shows, with the quick fix it promises', () => {
  const text = read(SAMPLE_FILE);
  const findings = checkDocument(analyzeText(text));
  assert.equal(findings.length, 1, findings.map((f) => `${f.code} ${f.message}`).join('\n'));
  const [mistake] = findings;
  assert.equal(mistake.code, 'crossfoot-mismatch');
  assert.equal(mistake.severity, 1, 'an error: a red squiggle');
  const line = text.split('\n')[mistake.range.start.line];
  assert.ok(line.startsWith('2010302\t一般行政管理事务\t58.00'), line);
  assert.equal(line.slice(mistake.range.start.character, mistake.range.end.character), '58.00');
  const page = read('media/walkthrough/squiggle.md');
  assert.ok(page.includes(`> ${mistake.message}`), 'squiggle.md quotes the message as the checker writes it');
  assert.ok(page.includes(line), 'and the row as the sample prints it');
  const svc = new LanguageService();
  svc.open('sample', text);
  const fixes = svc.codeActions('sample', mistake.range) as { title: string; isPreferred?: boolean }[];
  assert.deepEqual(
    fixes.map((f) => [f.title, f.isPreferred]),
    [
      ['改为 48.00', true],
      ['忽略此处的该规则（crossfoot-mismatch）', undefined],
      ['在本文件中关闭该规则（crossfoot-mismatch）', undefined],
    ],
  );
  assert.match(
    svc.hover('sample', mistake.range.start)!.contents.value,
    /\n\*\*「2010302 一般行政管理事务」「合计」 = 48\.00\*\*（表中 58\.00，相差 10\.00/,
  );
});

test("the outline page shows the sample's outline as the editor does", () => {
  const svc = new LanguageService();
  svc.open('sample', read(SAMPLE_FILE));
  interface Symbol {
    name: string;
    children?: Symbol[];
  }
  const lines: string[] = [];
  const walk = (symbols: Symbol[], depth: number) => {
    for (const s of symbols) {
      lines.push('  '.repeat(depth) + s.name);
      walk(s.children ?? [], depth + 1);
    }
  };
  walk(svc.documentSymbols('sample') as Symbol[], 0);
  const block = /```\n([\s\S]*?)```/.exec(read('media/walkthrough/outline.md'))![1];
  assert.equal(block, lines.join('\n') + '\n');
});
