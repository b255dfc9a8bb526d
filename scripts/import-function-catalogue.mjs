// Usage: node --import tsx scripts/import-function-catalogue.mjs OFFICIAL.csv YEAR
// Merges the official 支出功能分类科目 list (code,name per line; UTF-8 or GB18030) into
// server/src/catalogue/data/function.tsv and prints what it added, completed and found renamed.
// Review `git diff` afterwards, add explanations where the generic one does not fit, update the pinned
// counts in test/unit/catalogue.test.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { mergeOfficial, parseOfficial } from '../server/src/catalogue/importOfficial.ts';

const [file, year] = process.argv.slice(2);
if (!file || !/^\d{4}$/.test(year ?? '')) {
  console.error('usage: node --import tsx scripts/import-function-catalogue.mjs OFFICIAL.csv YEAR');
  process.exit(2);
}
const bytes = readFileSync(file);
let text;
try {
  text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
} catch {
  text = new TextDecoder('gb18030').decode(bytes);
}
const target = 'server/src/catalogue/data/function.tsv';
const { tsv, report } = mergeOfficial(readFileSync(target, 'utf8'), parseOfficial(text), Number(year));
writeFileSync(target, tsv);
console.log(`added ${report.added.length}, marked complete ${report.completed.length}, names differing ${report.renamed.length}`);
for (const r of report.renamed) console.log(`  ${r.code}: ours 「${r.ours}」, official 「${r.official}」`);
